import { describe, expect, it } from 'vitest';
import { catalogFor, evaluate, ledgerEntries, newMemberState, replay, safeDefineProgram, type Effect, type SpinResultEffect } from '../../src/index.js';
import { makeProgram, purchase } from '../helpers.js';

// A prize wheel (seed article 001): 50 points a spin, at most once a day; weights 6 / 3 / 1 of 10
const program = makeProgram({
  rewards: {
    codeSalt: 'wheel-salt-0123456789',
    catalog: [
      { id: 'coffee', kind: 'free-product', cost: 500, sku: 'COFFEE' },
      {
        id: 'wheel', kind: 'spin', cost: 50, limit: { count: 1, per: 'day' },
        outcomes: [
          { label: 'nothing', weight: 6 },
          { label: '100 points', weight: 3, points: 100 },
          { label: 'a free coffee', weight: 1, rewardId: 'coffee' },
        ],
      },
    ],
  },
});
const spin = (id: string, at: string, quantity = 1): Record<string, unknown> => ({ id, type: 'redemption', memberId: 'm1', at, rewardId: 'wheel', quantity });
const results = (effects: readonly Effect[]): SpinResultEffect[] => effects.filter((e): e is SpinResultEffect => e.type === 'spin_result');

describe('spin rewards', () => {
  const funded = evaluate(program, newMemberState(program, 'm1'), purchase('2024-05-01T09:00:00Z', '1000.00')).state;

  it('costs its points, draws one outcome per unit and pays it', () => {
    const r = evaluate(program, funded, spin('s1', '2024-05-01T10:00:00Z'));
    const [result] = results(r.effects);
    expect(result).toBeDefined();
    if (result === undefined) return;
    const entries = ledgerEntries(r.effects);
    // the spin costs 50; a points prize is an earn entry of its own, a coffee prize a reward_issued with a code
    expect(entries[0]).toMatchObject({ kind: 'redeem', points: -50, ruleId: 'rewards.wheel' });
    if (result.outcome === '100 points') expect(entries[1]).toMatchObject({ kind: 'earn', points: 100, ruleId: 'rewards.wheel' });
    if (result.outcome === 'a free coffee') {
      expect(r.effects.find((e) => e.type === 'reward_issued')).toMatchObject({ rewardId: 'coffee', source: 'spin', code: expect.stringMatching(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/) });
    }
    // balance: 1000 − 50 (+ 100 if won)
    expect(r.state.totals.earned - r.state.totals.redeemed).toBe(result.outcome === '100 points' ? 1050 : 950);
  });

  it('draws the same outcome for the same event on replay, whatever else happens', () => {
    const a = evaluate(program, funded, spin('s-replay', '2024-05-02T10:00:00Z'));
    const b = replay(program, [purchase('2024-05-01T09:00:00Z', '1000.00', { id: 'other' }), spin('s-replay', '2024-05-02T10:00:00Z')]);
    expect(results(b.effects).map((e) => e.outcome)).toEqual(results(a.effects).map((e) => e.outcome));
  });

  it('is limited like any reward: a second spin the same day is refused', () => {
    const first = evaluate(program, funded, spin('s1', '2024-05-01T10:00:00Z')).state;
    const second = evaluate(program, first, spin('s2', '2024-05-01T18:00:00Z'));
    expect(second.effects).toEqual([expect.objectContaining({ type: 'redemption_refused', reason: 'limit_reached' })]);
  });

  it('draws in proportion to the weights (10,000 event ids: within 2 points of 60 / 30 / 10 %)', () => {
    const p = makeProgram({
      rewards: { codeSalt: 'wheel-salt-0123456789', catalog: [{ id: 'wheel', kind: 'spin', cost: 1, outcomes: [{ label: 'a', weight: 6 }, { label: 'b', weight: 3 }, { label: 'c', weight: 1 }] }] },
    });
    const state = evaluate(p, newMemberState(p, 'm1'), purchase('2024-05-01T09:00:00Z', '20000.00')).state;
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) {
      // every draw from the same state: only the event id changes
      const r = evaluate(p, state, spin(`draw-${i}`, '2024-05-01T10:00:00Z'));
      for (const e of results(r.effects)) counts[e.outcome] = (counts[e.outcome] ?? 0) + 1;
    }
    // the draw is deterministic, so this cannot flake; a biased draw would miss by far more
    expect(Math.abs((counts.a ?? 0) / 100 - 60)).toBeLessThan(2);
    expect(Math.abs((counts.b ?? 0) / 100 - 30)).toBeLessThan(2);
    expect(Math.abs((counts.c ?? 0) / 100 - 10)).toBeLessThan(2);
  });

  it('publishes the odds in the catalog view', () => {
    const view = catalogFor(program, funded, '2024-05-01T10:00:00Z');
    // weights 6, 3, 1 of 10
    expect(view.rewards.find((r) => r.rewardId === 'wheel')?.odds).toEqual([
      { label: 'nothing', probability: '0.6' },
      { label: '100 points', probability: '0.3' },
      { label: 'a free coffee', probability: '0.1' },
    ]);
  });

  it('refuses a spin without outcomes, and a prize that is not in the catalog', () => {
    const base = { id: 'p', version: 1, currency: 'GBP', timezone: 'UTC', points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'allow' } };
    const r = safeDefineProgram({
      ...base,
      rewards: { codeSalt: 'wheel-salt-0123456789', catalog: [{ id: 'w1', kind: 'spin', cost: 5 }, { id: 'w2', kind: 'spin', cost: 5, outcomes: [{ label: 'x', weight: 1, rewardId: 'ghost' }] }] },
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => [i.code, i.path])).toEqual([
      ['missing_field', ['rewards', 'catalog', 0, 'outcomes']],
      ['unknown_reference', ['rewards', 'catalog', 1, 'outcomes', 0, 'rewardId']],
    ]);
  });
});
