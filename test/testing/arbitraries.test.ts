/**
 * loyalty-engine/testing arbitraries: every generated program is one
 * defineProgram accepts, every generated stream is made of events parseEvent
 * accepts and evaluate handles without anything but LoyaltyErrors, and every
 * invalid case is refused for the reason it names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineProgram,
  evaluate,
  formatPath,
  isLoyaltyError,
  newMemberState,
  parseEvent,
  replay,
  safeDefineProgram,
  safeParseEvent,
  type Program,
} from '../../src/index.js';
import { eventsArb, invalidEventArb, invalidProgramArb, programArb } from '../../src/testing/index.js';
import { runs } from '../support/runs.js';

const OFFSET = /(Z|[+-]\d\d:\d\d)$/;

describe('programArb', () => {
  it('yields defined programs whose definition defines the same program again', () => {
    fc.assert(
      fc.property(programArb(), (program) => {
        expect(Object.isFrozen(program)).toBe(true);
        const again = defineProgram(JSON.parse(JSON.stringify(program)));
        expect(JSON.stringify(again)).toBe(JSON.stringify(program));
        // evaluate accepts it (it came from defineProgram)
        evaluate(program, newMemberState(program, 'm0'), { id: 't', type: 'tick', memberId: 'm0', at: '2024-01-01T00:00:00Z' });
      }),
      { numRuns: runs(200) },
    );
  });

  it('switches features on and off', () => {
    const on = fc.sample(programArb({ tiers: true, rewards: true, cashback: true, caps: true, multipliers: true, bonus: true, expiry: true, pendingDays: true, refundWindow: true, spend: true, engagement: true }), { numRuns: runs(40) });
    for (const p of on) {
      expect(p.tiers).toBeDefined();
      expect(p.rewards?.catalog.length).toBeGreaterThan(0);
      expect(p.wallet).toBeDefined();
      expect(p.points.caps).toBeDefined();
      expect(p.points.expiry.kind).not.toBe('never');
      expect(p.points.pendingDays).toBeGreaterThan(0);
      expect(p.refunds?.windowDays).toBeGreaterThan(0);
      for (const kind of ['spend', 'multiplier', 'bonus', 'cashback', 'activity']) expect(p.earn.some((r) => r.kind === kind), kind).toBe(true);
    }
    const off = fc.sample(programArb({ tiers: false, rewards: false, cashback: false, caps: false, multipliers: false, bonus: false, expiry: false, pendingDays: false, refundWindow: false, spend: false, engagement: false, negativeBalance: 'allow' }), { numRuns: runs(40) });
    for (const p of off) {
      expect(p.tiers).toBeUndefined();
      expect(p.rewards).toBeUndefined();
      expect(p.points.caps).toBeUndefined();
      expect(p.points.expiry).toEqual({ kind: 'never' });
      expect(p.points.pendingDays).toBe(0);
      expect(p.refunds).toBeUndefined();
      expect(p.earn).toEqual([]);
      expect(p.stampCards).toBeUndefined();
      expect(p.winBack).toBeUndefined();
      expect(p.points.negativeBalance).toBe('allow');
    }
  });

  it('mixes every feature across a sample, with the chosen currencies and zones', () => {
    const sample = fc.sample(programArb({ currencies: ['JPY', 'BHD'], timezones: ['Asia/Tehran'] }), { numRuns: runs(150) });
    const features = (p: Program): string[] => {
      const out: string[] = [p.points.expiry.kind, p.points.negativeBalance];
      for (const rule of p.earn) out.push(rule.kind);
      if (p.tiers !== undefined) out.push('tiers', p.tiers.window.kind, p.tiers.downgrade.kind);
      for (const reward of p.rewards?.catalog ?? []) out.push(reward.kind);
      return out;
    };
    const seen = new Set(sample.flatMap(features));
    for (const feature of ['spend', 'multiplier', 'bonus', 'cashback', 'tiers', 'rolling', 'calendar', 'anniversary', 'lifetime', 'grace', 'scheduled', 'spin', 'points-payment', 'wallet-credit', 'never', 'days-after-earning', 'end-of-period', 'inactivity', 'allow', 'debt']) {
      expect(seen, feature).toContain(feature);
    }
    expect(new Set(sample.map((p) => p.currency))).toEqual(new Set(['JPY', 'BHD']));
    expect(sample.every((p) => p.timezone === 'Asia/Tehran')).toBe(true);
  });

  it('is pure: the same seed gives the same programs', () => {
    const a = fc.sample(programArb(), { numRuns: 20, seed: 42 });
    const b = fc.sample(programArb(), { numRuns: 20, seed: 42 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

/** Replays a stream and checks what every generated stream must satisfy. */
function checkStream(program: Program, events: readonly Record<string, unknown>[], o: { members: number; maxEvents: number; outOfOrderMinutes: number; bogus: boolean }): string[] {
  expect(events.length).toBeLessThanOrEqual(o.maxEvents);
  const byId = new Map<string, string>();
  const latest = new Map<string, number>();
  const orders = new Set<string>();
  const catalog = new Set(program.rewards?.catalog.map((r) => r.id) ?? []);
  for (const raw of events) {
    const event = parseEvent(raw); // valid wire format, every one
    expect(event.at).toMatch(OFFSET);
    expect(Number(event.memberId.slice(1))).toBeLessThan(o.members);
    const text = JSON.stringify(raw);
    const first = byId.get(event.id);
    if (first !== undefined) {
      expect(text, `a redelivery of ${event.id} has the same payload`).toBe(first);
      continue;
    }
    byId.set(event.id, text);
    const ms = Date.parse(event.at);
    const newest = latest.get(event.memberId) ?? -Infinity;
    expect(ms, `${event.id} arrives at most ${o.outOfOrderMinutes} minutes out of order`).toBeGreaterThanOrEqual(newest - o.outOfOrderMinutes * 60_000);
    latest.set(event.memberId, Math.max(newest, ms));
    if (event.type === 'purchase') {
      expect(event.currency).toBe(program.currency);
      orders.add(event.orderId);
    }
    if (event.type === 'refund' && !o.bogus) expect(orders.has(event.orderId), `refund of an earlier order (${event.orderId})`).toBe(true);
    if (event.type === 'redemption') expect(catalog.has(event.rewardId) || event.rewardId.startsWith('no-such-reward-'), event.rewardId).toBe(true);
  }
  // evaluate (through replay) refuses with LoyaltyErrors only; it would rethrow anything else
  const result = replay(program, events, { onRejected: 'collect' });
  for (const r of result.rejected) expect(isLoyaltyError(r.error)).toBe(true);
  return result.rejected.map((r) => r.error.code);
}

describe('eventsArb', () => {
  const withStream = (options: { members?: number; maxEvents?: number; outOfOrderMinutes?: number; bogusRefunds?: boolean }) =>
    programArb().chain((program) => fc.tuple(fc.constant(program), eventsArb(program, options)));

  it('yields valid events for the program: known members, the program currency, offsets, refunds of earlier orders, catalog rewards', () => {
    const codes = new Set<string>();
    fc.assert(
      fc.property(withStream({ members: 3, maxEvents: 40 }), ([program, events]) => {
        for (const code of checkStream(program, events, { members: 3, maxEvents: 40, outOfOrderMinutes: 0, bogus: false })) codes.add(code);
      }),
      { numRuns: runs(120) },
    );
    // without bogus refunds only reversals of refused or already reversed redemptions are refused, and
    // wallet debits beyond the wallet (or under its minimum), as a real checkout would be
    for (const code of codes) expect(['unknown_redemption', 'already_reversed', 'insufficient_funds', 'below_minimum']).toContain(code);
  });

  it('delivers late events within the tolerance, never before what they depend on', () => {
    fc.assert(
      fc.property(withStream({ members: 2, maxEvents: 50, outOfOrderMinutes: 240 }), ([program, events]) => {
        const codes = checkStream(program, events, { members: 2, maxEvents: 50, outOfOrderMinutes: 240, bogus: false });
        // late membership events can arrive before the purchase of their membership
        for (const code of codes) expect(['unknown_redemption', 'already_reversed', 'insufficient_funds', 'below_minimum', 'no_membership', 'membership_active']).toContain(code);
      }),
      { numRuns: runs(80) },
    );
  });

  it('with bogusRefunds, also refunds the engine refuses (unknown orders, too much, unknown items)', () => {
    const codes = new Set<string>();
    fc.assert(
      fc.property(withStream({ members: 1, maxEvents: 40, bogusRefunds: true }), ([program, events]) => {
        for (const code of checkStream(program, events, { members: 1, maxEvents: 40, outOfOrderMinutes: 0, bogus: true })) codes.add(code);
      }),
      { numRuns: runs(120) },
    );
    for (const code of ['unknown_order', 'refund_exceeds_order', 'unknown_item']) expect(codes).toContain(code);
  });

  it('mixes every kind of event, redeliveries and several members', () => {
    const program = defineProgram({
      id: 'mix', version: 1, currency: 'EUR', timezone: 'Europe/Warsaw',
      points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
      earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' }, items: { include: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: 'coffee' }] } } }],
      rewards: { codeSalt: 'mix-program-code-salt', catalog: [{ id: 'cup', kind: 'free-product', sku: 'CUP', cost: 5 }] },
    });
    const streams = fc.sample(eventsArb(program, { members: 4, maxEvents: 60 }), { numRuns: runs(60) });
    const all = streams.flat();
    for (const type of ['purchase', 'refund', 'redemption', 'redemption_reversal', 'adjustment', 'tick']) expect(all.some((e) => e.type === type), type).toBe(true);
    expect(new Set(all.map((e) => e.memberId)).size).toBe(4);
    expect(streams.some((s) => new Set(s.map((e) => e.id)).size < s.length), 'some stream redelivers an event').toBe(true);
    // the program's own vocabulary reaches the purchases
    expect(all.some((e) => e.type === 'purchase' && e.items?.some((i) => i.category === 'coffee'))).toBe(true);
    expect(all.some((e) => e.type === 'redemption' && e.rewardId === 'cup')).toBe(true);
  });

  it('refuses options it cannot honour with a LoyaltyError', () => {
    const program = fc.sample(programArb(), { numRuns: 1, seed: 1 })[0] as Program;
    for (const bad of [{ members: 0 }, { maxEvents: -1 }, { outOfOrderMinutes: 1.5 }]) {
      expect(() => eventsArb(program, bad)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
  });
});

describe('invalidEventArb and invalidProgramArb', () => {
  it('every invalid event is refused with an issue at its path, by parseEvent and by evaluate', () => {
    const reasons = new Set<string>();
    const program = defineProgram({ id: 'p', version: 1, currency: 'GBP', timezone: 'UTC', points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' } });
    fc.assert(
      fc.property(invalidEventArb(), ({ input, reason, path }) => {
        reasons.add(reason);
        const result = safeParseEvent(input);
        expect(result.success, `${reason}: ${JSON.stringify(input)}`).toBe(false);
        if (result.success) return;
        expect(result.error.issues.map((i) => formatPath(i.path)), reason).toContain(formatPath(path));
        let thrown: unknown;
        try {
          evaluate(program, newMemberState(program, 'm0'), input);
        } catch (e) {
          thrown = e;
        }
        expect(isLoyaltyError(thrown) && thrown.code).toBe('invalid_event');
      }),
      { numRuns: runs(600) },
    );
    expect(reasons.size).toBe(13);
  });

  it('every invalid program is refused with an issue at its path', () => {
    const reasons = new Set<string>();
    fc.assert(
      fc.property(invalidProgramArb(), ({ input, reason, path }) => {
        reasons.add(reason);
        const result = safeDefineProgram(input);
        expect(result.success, reason).toBe(false);
        if (!result.success) expect(result.error.issues.map((i) => formatPath(i.path)), reason).toContain(formatPath(path));
      }),
      { numRuns: runs(400) },
    );
    expect(reasons.size).toBe(17);
  });
});
