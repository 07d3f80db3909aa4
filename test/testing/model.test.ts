/**
 * Model-based tests with fc.commands: the engine against the naive model on
 * a hand-written program and on generated ones; the user's check hook; a
 * tampered engine state is caught.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineProgram, type Program } from '../../src/index.js';
import {
  applyToModel,
  loyaltyCommands,
  loyaltyCommandsArb,
  loyaltySetup,
  modelBalance,
  programArb,
  runModel,
  type LoyaltyCommand,
  type LoyaltyModel,
  type LoyaltyReal,
} from '../../src/testing/index.js';
import { runs } from '../support/runs.js';

const coffee: Program = defineProgram({
  id: 'coffee', version: 1, currency: 'EUR', timezone: 'Europe/Warsaw',
  points: { rounding: 'floor', pendingDays: 3, expiry: { kind: 'days-after-earning', days: 60 }, negativeBalance: 'debt', caps: { perDay: 300 } },
  earn: [
    { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
    { id: 'visit', kind: 'bonus', points: 5 },
  ],
  tiers: { window: { kind: 'rolling', days: 30 }, levels: [{ id: 'regular', criteria: { metric: 'orders', atLeast: '3' }, entryReward: { points: 20 } }], downgrade: { kind: 'grace', days: 0 } },
  rewards: { codeSalt: 'coffee-program-code-salt', catalog: [{ id: 'espresso', kind: 'free-product', sku: 'ESP', cost: 40 }, { id: 'pay', kind: 'points-payment', cost: 10, value: '1.00' }] },
});

describe('model-based runs', () => {
  it('the engine agrees with the naive model on a hand-written program', () => {
    fc.assert(fc.property(loyaltyCommandsArb(coffee, { maxCommands: 60 }), (commands) => runModel(coffee, commands)), { numRuns: runs(150) });
  });

  it('the engine agrees with the naive model on generated programs', () => {
    const programAndCommands = programArb().chain((program) => fc.tuple(fc.constant(program), loyaltyCommandsArb(program)));
    fc.assert(fc.property(programAndCommands, ([program, commands]) => runModel(program, commands)), { numRuns: runs(200) });
  });

  it('the model follows the engine: balance and totals match after a run', () => {
    const [commands] = fc.sample(loyaltyCommandsArb(coffee, { maxCommands: 40 }), { numRuns: 1, seed: 3 });
    const { model, real } = loyaltySetup(coffee, { memberId: 'alice', start: '2024-05-01T08:00:00+02:00' });
    for (const c of commands ?? []) if (c.check(model)) c.run(model, real);
    expect(real.state.memberId).toBe('alice');
    expect(modelBalance(model)).toBe(real.ledger.reduce((s, e) => s + e.points, 0));
    expect(model.steps).toBe(real.state.version);
  });

  it("calls the user's check after every command, and fast-check shrinks its failure", () => {
    let calls = 0;
    const counting = fc.check(fc.property(loyaltyCommandsArb(coffee), (commands) => runModel(coffee, commands, { check: () => void calls++ })), { numRuns: 20, seed: 1 });
    expect(counting.failed).toBe(false);
    expect(calls).toBeGreaterThan(0);
    const strict = (model: Readonly<LoyaltyModel>): void => {
      if (modelBalance(model) >= 100) throw new Error(`balance ${modelBalance(model)}`);
    };
    const result = fc.check(fc.property(loyaltyCommandsArb(coffee), (commands) => runModel(coffee, commands, { check: strict })), { numRuns: 200, seed: 2 });
    expect(result.failed).toBe(true);
    // the smallest way to 100 points: one purchase or adjustment
    const shrunk = [...(result.counterexample?.[0] ?? [])].map(String);
    expect(shrunk).toHaveLength(1);
    expect(shrunk[0]).toMatch(/^(Purchase|Adjust)\(/);
  });

  it('catches an engine state that disagrees with its ledger', () => {
    // a command of the user's own: it tampers with the real state before a tick
    class Tamper implements LoyaltyCommand {
      check(): boolean {
        return true;
      }
      run(m: LoyaltyModel, r: LoyaltyReal): void {
        r.state = { ...r.state, lots: [...r.state.lots, { id: 'forged', earnedAt: '2024-01-01T00:00:00.000Z', availableAt: '2024-01-01T00:00:00.000Z', expiresAt: null, points: 7 }] };
        applyToModel(m, r, { id: `tamper-${m.steps}`, type: 'tick', memberId: m.memberId, at: new Date(m.now).toISOString() });
      }
      toString(): string {
        return 'Tamper';
      }
    }
    const commands = fc.commands([...loyaltyCommands(coffee), fc.constant(new Tamper())], { maxCommands: 10 });
    const result = fc.check(fc.property(commands, (cmds) => runModel(coffee, cmds)), { numRuns: 100, seed: 4 });
    expect(result.failed).toBe(true);
    expect(String(result.errorInstance)).toMatch(/the engine's balance is \d+, the model's \d+/);
    expect([...(result.counterexample?.[0] ?? [])].map(String)).toEqual(['Tamper']);
  });
});
