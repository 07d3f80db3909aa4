// The engine at the edge with events for other members (referral credits) and redelivered activities.
//
// Program: makeProgram (1 point per £1.00, GBP, Europe/London, floor, no pending, no expiry) with a
// referral program paying the referrer 20 on the referee's sign-up and 100 on the first purchase (no hold),
// and a check-in activity paying 10 with no frequency limit (so only deduplication stops a redelivery).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoyaltyError, MemoryStore, createEngine, referralCode, type OutboxItem } from '../../src/index.js';
import { makeProgram, purchase } from '../helpers.js';
import { activity, enrollment } from '../engagement/support.js';
import { runs } from '../support/runs.js';

const program = makeProgram({
  earn: [
    { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
    { id: 'checkin', kind: 'activity', activity: 'checkin', points: 10 },
  ],
  referrals: { codeSalt: 'referral-salt-for-tests', onSignUp: { points: 20 }, onFirstPurchase: { points: 100 } },
});
const code = referralCode(program, 'ana');

async function balance(store: MemoryStore, memberId: string): Promise<number> {
  const state = await store.load(memberId);
  return state === undefined ? 0 : state.lots.reduce((s, l) => s + l.points, 0) - state.deficit;
}

describe('createEngine: events for other members', () => {
  it("keeps the referrer's event in the outbox for the notifier to route (default)", async () => {
    const store = new MemoryStore();
    const delivered: OutboxItem[] = [];
    const engine = createEngine({ program, store, notifier: { deliver: (item) => void delivered.push(item) } });
    await engine.process(enrollment('2024-03-01T10:00:00Z', 'ana'));
    await engine.process(enrollment('2024-03-02T10:00:00Z', 'ben', { referralCode: code, referrerId: 'ana' }));
    // not applied to ana yet: the host routes it
    expect(await balance(store, 'ana')).toBe(0);
    const outgoing = delivered.filter((i) => i.effect.type === 'outgoing_event');
    expect(outgoing).toHaveLength(1);
    const effect = outgoing[0]?.effect;
    if (effect?.type !== 'outgoing_event') throw new Error('expected an outgoing event');
    expect(effect.event).toMatchObject({ type: 'referral', memberId: 'ana', stage: 'signed_up', refereeId: 'ben' });
    // the host's routing: an ordinary event on ana's stream, safe to deliver twice
    await engine.process(effect.event);
    expect(await engine.process(effect.event)).toMatchObject({ status: 'duplicate' });
    expect(await balance(store, 'ana')).toBe(20);
  });

  it("with outgoing: 'inline', credits the referrer in the same call, once per referral event", async () => {
    const store = new MemoryStore();
    const engine = createEngine({ program, store, outgoing: 'inline' });
    await engine.process(enrollment('2024-03-01T10:00:00Z', 'ana'));
    await engine.process(enrollment('2024-03-02T10:00:00Z', 'ben', { referralCode: code, referrerId: 'ana' }));
    expect(await balance(store, 'ana')).toBe(20);
    const first = purchase('2024-03-03T10:00:00Z', '40.00', { memberId: 'ben', orderId: 'b1' });
    await engine.process(first);
    // ben: 40 for £40.00; ana: 20 + 100 for ben's first purchase
    expect(await balance(store, 'ben')).toBe(40);
    expect(await balance(store, 'ana')).toBe(120);
    // the referee's purchase redelivered: a duplicate, and ana is not credited again
    expect(await engine.process(first)).toMatchObject({ status: 'duplicate' });
    expect(await balance(store, 'ana')).toBe(120);
  });

  it('refuses an unknown outgoing mode', () => {
    expect(() => createEngine({ program, store: new MemoryStore(), outgoing: 'later' as never })).toThrow(LoyaltyError);
  });

  it('an activity delivered any number of times earns once per event id (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), copies: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (checkins, shuffle) => {
          const store = new MemoryStore();
          const engine = createEngine({ program, store });
          const events = checkins.map((c, i) => activity(`2024-03-${String(c.day).padStart(2, '0')}T09:00:00Z`, 'checkin', 'cat', undefined, `checkin-${i}`));
          // every event its number of copies, in time order, with some copies moved later
          const deliveries = events.flatMap((e, i) => Array.from({ length: checkins[i]?.copies ?? 1 }, () => e));
          deliveries.sort((a, b) => (String(a.at) < String(b.at) ? -1 : String(a.at) > String(b.at) ? 1 : 0));
          for (const n of shuffle) {
            const copy = deliveries[n % deliveries.length];
            if (copy !== undefined) deliveries.push(copy);
          }
          let applied = 0;
          for (const d of deliveries) if ((await engine.process(d)).status === 'applied') applied++;
          // 10 points per distinct check-in event, whatever was redelivered
          expect(applied).toBe(events.length);
          expect(await balance(store, 'cat')).toBe(10 * events.length);
        },
      ),
      { numRuns: runs(60) },
    );
  });
});
