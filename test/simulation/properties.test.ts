import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceOf, evaluate, replay, type Program } from '../../src/index.js';
import { compare, simulate, type SimulationReport } from '../../src/simulation/index.js';
import { eventsArb, programArb } from '../../src/testing/index.js';
import { runs } from '../support/runs.js';
import { asAsync } from './support.js';

const RUNS = { numRuns: runs(60) };
const historyArb = (options: Parameters<typeof programArb>[0] = {}): fc.Arbitrary<[Program, unknown[]]> =>
  programArb(options).chain((program) => fc.tuple(fc.constant(program), eventsArb(program, { members: 3, maxEvents: 40 }) as fc.Arbitrary<unknown[]>));

const net = (f: { issued: number; redeemed: number; expired: number; clawedBack: number; adjusted: number }): number =>
  f.issued - f.redeemed - f.expired - f.clawedBack + f.adjusted;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('simulate (property-based)', () => {
  it('the totals reconcile: issued − redeemed − expired − clawed back + adjusted = outstanding, period by period', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), fc.constantFrom('week' as const, 'month' as const), async ([program, events], period) => {
        const r = await simulate(program, events, { onRejected: 'collect', period });
        expect(net(r.totals)).toBe(r.totals.outstanding);
        let running = 0;
        const sums = { issued: 0, redeemed: 0, expired: 0, clawedBack: 0, adjusted: 0 };
        for (const row of r.periods) {
          running += net(row);
          expect(row.outstanding).toBe(running);
          for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += row[k];
        }
        expect(sums).toEqual({ issued: r.totals.issued, redeemed: r.totals.redeemed, expired: r.totals.expired, clawedBack: r.totals.clawedBack, adjusted: r.totals.adjusted });
        const last = r.periods[r.periods.length - 1];
        if (last !== undefined) {
          expect(last.outstanding).toBe(r.totals.outstanding);
          expect(last.tiers).toEqual(r.tiers); // levels followed effect by effect agree with the final states
        }
        expect(r.events.read).toBe(events.length);
        expect(r.events.applied + r.events.duplicates + r.events.rejected).toBe(events.length);
        expect(Object.values(r.tiers).reduce((a, b) => a + b, 0)).toBe(r.members);
      }),
      RUNS,
    );
  });

  it("the final outstanding is the sum of replay's balances, each member brought to the end of the history", async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), async ([program, events]) => {
        const r = await simulate(program, events, { onRejected: 'collect' });
        const { states } = replay(program, events, { onRejected: 'collect' });
        let total = 0;
        let pending = 0;
        for (const [memberId, state] of states) {
          const at = r.to as string;
          const end = state.lastEventAt !== null && state.lastEventAt >= at ? state : evaluate(program, state, { id: 'end', type: 'tick', memberId, at }).state;
          total += balanceOf(end);
          for (const lot of end.lots) if (lot.availableAt > at) pending += lot.points;
        }
        expect(r.totals.outstanding).toBe(total);
        expect(r.totals.pending).toBe(pending);
        expect(r.members).toBe(states.size);
      }),
      RUNS,
    );
  });

  it("without expiry, the final outstanding is the sum of replay's balances as they are", async () => {
    // nothing happens by time alone: no expiry, no tenure-based levels with entry rewards, no birthdays
    await fc.assert(
      fc.asyncProperty(historyArb({ expiry: false, engagement: false, tiers: false }), async ([program, events]) => {
        const r = await simulate(program, events, { onRejected: 'collect' });
        const { states } = replay(program, events, { onRejected: 'collect' });
        expect(r.totals.outstanding).toBe([...states.values()].reduce((s, st) => s + balanceOf(st), 0));
      }),
      RUNS,
    );
  });

  it('an async iterable gives the same report as the array', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), async ([program, events]) => {
        const options = { onRejected: 'collect' as const, pointValue: '0.01', segments: { some: { any: [{ fact: 'tier', operator: 'notEqual' as const, value: null }] } } };
        const fromArray = await simulate(program, events, options);
        const fromAsync = await simulate(program, asAsync(events), options);
        const fromGenerator = await simulate(program, (function* () { yield* events; })(), options);
        expect(fromAsync).toEqual(fromArray);
        expect(fromGenerator).toEqual(fromArray);
      }),
      RUNS,
    );
  });

  it('compare(p, p, events) shows no difference', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), async ([program, events]) => {
        const d = await compare(program, program, events, { onRejected: 'collect', pointValue: '0.02' });
        expect(d.a).toEqual(d.b);
        expect(d.tierChanges).toEqual([]);
        expect(d.mostAffected).toEqual([]);
        expect([d.gained, d.lost, d.unchanged]).toEqual([0, 0, d.members]);
        expect(d.difference).toMatchObject({ issued: 0, outstanding: 0 });
        expect([Number(d.difference.liability), Number(d.difference.cost)]).toEqual([0, 0]);
        const alone: SimulationReport = await simulate(program, events, { onRejected: 'collect', pointValue: '0.02' });
        expect(d.a).toEqual(alone);
      }),
      RUNS,
    );
  });

  it('does not mutate its inputs', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), async ([program, events]) => {
        const before = JSON.stringify(events);
        const options = deepFreeze({ onRejected: 'collect' as const, period: 'week' as const, segments: { r: { all: [{ fact: 'rfm', path: '$.r', operator: 'equal' as const, value: 5 }] } } });
        const { states } = replay(program, events.slice(0, 5), { onRejected: 'collect' });
        const frozenStates = deepFreeze(new Map(states));
        const statesBefore = JSON.stringify([...frozenStates]);
        await simulate(program, deepFreeze(events), { ...options, states: frozenStates });
        await compare(program, program, events, options);
        expect(JSON.stringify(events)).toBe(before);
        expect(JSON.stringify([...frozenStates])).toBe(statesBefore);
      }),
      RUNS,
    );
  });
});
