import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceOf, evaluate, ledgerEntries, newMemberState, replay, summarize, type MemberState, type Program } from '../../src/index.js';
import { buildEvents, eventsArb, programArb, stepArb } from '../arbitraries.js';
import { run, sum } from '../helpers.js';
import { runs } from '../support/runs.js';

const RUNS = { numRuns: runs(150) };

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('ledger invariants (property-based)', () => {
  it('balance = sum of ledger entries after every event; lots are always positive', () => {
    fc.assert(
      fc.property(programArb(), eventsArb(), (program, events) => {
        let state = newMemberState(program, 'm1');
        let total = 0;
        for (const event of events) {
          const result = evaluate(program, state, event);
          state = result.state;
          total += sum(ledgerEntries(result.effects));
          expect(balanceOf(state)).toBe(total);
          expect(state.lots.every((l) => Number.isInteger(l.points) && l.points > 0)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('available + pending is never negative unless the program allows a negative balance', () => {
    fc.assert(
      fc.property(programArb({ negativeBalance: 'debt' }), eventsArb(), (program, events) => {
        let state = newMemberState(program, 'm1');
        for (const event of events) {
          state = evaluate(program, state, event).state;
          const view = summarize(program, state, state.lastEventAt ?? '2024-01-01T00:00:00Z');
          expect(view.available).toBeGreaterThanOrEqual(0);
          expect(view.pending).toBeGreaterThanOrEqual(0);
          expect(state.deficit).toBe(0);
          expect(state.debt).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('refunding a whole order returns the member to where they would be without it', () => {
    // Caps and expiry tie orders together (cap room, which lot expires first), so they are left out here.
    fc.assert(
      fc.property(
        programArb({ expiry: 'never', caps: false }),
        fc.array(stepArb, { maxLength: 20 }),
        fc.nat(),
        (program, steps, pick) => {
          const events = buildEvents(steps);
          const purchases = events.filter((e) => e.type === 'purchase');
          fc.pre(purchases.length > 0);
          const target = purchases[pick % purchases.length] as Record<string, unknown>;
          const touched = events.some((e) => e.type === 'refund' && e.orderId === target.orderId);
          fc.pre(!touched);
          const last = events[events.length - 1] as Record<string, unknown>;
          const fullRefund = { id: 'undo', type: 'refund', memberId: 'm1', at: last.at, orderId: target.orderId, amount: target.amount };
          const withRefund = run(program, [...events, fullRefund]).state;
          const without = run(program, events.filter((e) => e !== target)).state;
          const net = (s: MemberState): number => balanceOf(s) - s.debt;
          expect(net(withRefund)).toBe(net(without));
          expect(withRefund.stats.orders).toBe(without.stats.orders);
          expect(Number(withRefund.stats.spent)).toBeCloseTo(Number(without.stats.spent), 9);
          expect(withRefund.stats.spent.replace(/\.?0+$/, '')).toBe(without.stats.spent.replace(/\.?0+$/, ''));
        },
      ),
      RUNS,
    );
  });

  it('replay is deterministic and ignores redelivered events', () => {
    const members = fc.array(eventsArb(15), { minLength: 1, maxLength: 4 }).map((perMember) =>
      perMember.flatMap((events, m) =>
        events.map((e): Record<string, unknown> => ({ ...e, id: `m${m}-${String(e.id)}`, memberId: `m${m}`, ...(typeof e.orderId === 'string' ? { orderId: `m${m}-${e.orderId}` } : {}) })),
      ),
    );
    fc.assert(
      fc.property(programArb(), members, fc.array(fc.nat(), { maxLength: 5 }), (program, events, dupes) => {
        const sorted = [...events].sort((a, b) => Date.parse(String(a.at)) - Date.parse(String(b.at)));
        const once = replay(program, sorted);
        const twice = replay(program, sorted);
        expect(JSON.stringify([...twice.states])).toBe(JSON.stringify([...once.states]));
        expect(JSON.stringify(twice.effects)).toBe(JSON.stringify(once.effects));
        // a redelivery arrives after the original, anywhere later in the stream
        const withDupes = [...sorted];
        for (const d of dupes) {
          if (sorted.length === 0) break;
          const original = sorted[d % sorted.length] as Record<string, unknown>;
          const after = withDupes.indexOf(original) + 1;
          withDupes.splice(after + (d % (withDupes.length - after + 1)), 0, { ...original });
        }
        const redelivered = replay(program, withDupes);
        expect(JSON.stringify([...redelivered.states])).toBe(JSON.stringify([...once.states]));
        expect(redelivered.duplicates).toBe(sorted.length === 0 ? 0 : dupes.length);
      }),
      { numRuns: runs(60) },
    );
  });

  it('evaluate never mutates the program, the state or the event', () => {
    fc.assert(
      fc.property(programArb(), eventsArb(20), (program: Program, events) => {
        let state = newMemberState(program, 'm1');
        for (const event of events) {
          const frozenState = deepFreeze(structuredClone(state));
          const frozenEvent = deepFreeze(structuredClone(event));
          const before = JSON.stringify([frozenState, frozenEvent, program]);
          state = evaluate(program, frozenState, frozenEvent).state;
          expect(JSON.stringify([frozenState, frozenEvent, program])).toBe(before);
        }
      }),
      { numRuns: runs(80) },
    );
  });
});
