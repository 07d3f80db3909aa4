// tierStatus, the read view (docs/tiers.md, "The read view"). New York clock:
// EST (−05:00) until 10 Mar 2024, EDT (−04:00) until 3 Nov 2024, then EST.
// Every expected date and amount is worked out by hand in the comments.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineProgram, evaluate, isLoyaltyError, newMemberState, tierStatus, type MemberState, type Program } from '../../src/index.js';

const ladder = defineProgram(JSON.parse(readFileSync(new URL('../../examples/03-spend-ladder/program.json', import.meta.url), 'utf8')));

const base = {
  version: 1,
  currency: 'USD',
  timezone: 'America/New_York',
  points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
  earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
} as const;

/** Reviewed at the start of each quarter, over the last 90 days. */
const quarterly = defineProgram({
  ...base,
  id: 'quarterly',
  tiers: {
    window: { kind: 'rolling', days: 90 },
    levels: [
      { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
      { id: 'gold', criteria: { metric: 'spend', atLeast: '500' } },
      { id: 'platinum', criteria: { metric: 'spend', atLeast: '1000' } },
    ],
    downgrade: { kind: 'scheduled', every: { kind: 'period', period: 'quarter' } },
  },
});

/** A base level everyone holds, then all/any combinations. */
const combo = defineProgram({
  ...base,
  id: 'combo',
  tiers: {
    window: { kind: 'rolling', months: 12 },
    levels: [
      { id: 'member' },
      { id: 'insider', criteria: { all: [{ metric: 'spend', atLeast: '300' }, { metric: 'tenureDays', atLeast: '90' }] } },
      { id: 'vip', criteria: { any: [{ metric: 'spend', atLeast: '500' }, { metric: 'orders', atLeast: '12' }] } },
    ],
    downgrade: { kind: 'grace', days: 30 },
  },
});

let n = 0;
const buy = (at: string, amount: string, memberId = 'm1'): Record<string, unknown> => ({
  id: `buy-${++n}`, type: 'purchase', memberId, at, orderId: `o-${n}`, amount, currency: 'USD',
});

function run(program: Program, events: readonly Record<string, unknown>[], memberId = 'm1'): MemberState {
  let state = newMemberState(program, memberId);
  for (const e of events) state = evaluate(program, state, e).state;
  return state;
}

/** The docs/tiers.md story up to the refund: $320 on 10 Jan, $700 on 10 Mar, $100 back on 20 Mar. */
function docStory(): MemberState {
  return run(ladder, [
    { id: 'jan', type: 'purchase', memberId: 'm1', at: '2024-01-10T12:00:00-05:00', orderId: 'jan', amount: '320.00', currency: 'USD' },
    { id: 'mar', type: 'purchase', memberId: 'm1', at: '2024-03-10T12:00:00-04:00', orderId: 'mar', amount: '700.00', currency: 'USD' },
    { id: 'ret', type: 'refund', memberId: 'm1', at: '2024-03-20T10:00:00-04:00', orderId: 'mar', amount: '100.00' },
  ]);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('tierStatus: next level and what keeps the level', () => {
  it('the docs/tiers.md example on 25 July: half, 400 missing for premium by 10 September, down on 10 October', () => {
    // Only the events up to 20 March were applied; 19 Apr (premium → half) is due by 25 July and shown as done.
    const s = tierStatus(ladder, docStory(), '2024-07-25T12:00:00-04:00');
    expect(s.at).toBe('2024-07-25T16:00:00.000Z');
    expect(s.memberId).toBe('m1');
    expect(s.level).toBe('half');
    expect(s.name).toBe('Half off');
    // grace from the refund (20 Mar 10:00 EDT) + 30 days = 19 Apr 10:00 EDT = 14:00Z
    expect(s.since).toBe('2024-04-19T14:00:00.000Z');
    expect(s.qualifiedLevel).toBe('half');
    expect(s.perks).toEqual([]);
    expect(s.grants).toEqual([]);
    // 25 Jul − 6 months = 25 Jan; the window is 26 Jan … 25 Jul: the March order only, $700 − $100.
    // Qualifying points: 700 earned − 100 clawed back. Tenure 10 Jan → 25 Jul: 21 + 29 + 31 + 30 + 31 + 30 + 25 = 197.
    expect(s.metrics).toEqual([{ from: '2024-01-26', to: '2024-07-25', spend: '600', orders: 1, visits: 1, points: 600, tenureDays: 197 }]);
    // premium needs $1000: $400 missing, until the March order (10 Mar) leaves on 10 Sep 00:00 EDT = 04:00Z
    expect(s.next).toEqual({
      level: 'premium',
      name: 'Premium',
      met: false,
      criteria: { metric: 'spend', atLeast: '1000', current: '600', missing: '400', met: false },
      by: '2024-09-10T04:00:00.000Z',
    });
    // half ($600) is met now and stops being met when the March order leaves: 10 Sep 04:00Z
    expect(s.keep).toEqual({
      level: 'half',
      name: 'Half off',
      met: true,
      criteria: { metric: 'spend', atLeast: '600', current: '600', missing: '0', met: true },
      by: '2024-09-10T04:00:00.000Z',
    });
    // then 30 days of grace: 10 Oct 00:00 EDT = 04:00Z, down to no level
    expect(s.downgrade).toEqual({ on: '2024-10-10T04:00:00.000Z', to: null });
    expect(s.guaranteedUntil).toBe('2024-10-10T04:00:00.000Z');
  });

  it('spend progress is an exact decimal string ("missing 25")', () => {
    // 5 May 12:00 EDT: $475 → invited. Gift needs $500.
    const s = tierStatus(ladder, run(ladder, [buy('2024-05-05T12:00:00-04:00', '475.00')]), '2024-06-01T12:00:00-04:00');
    expect(s.level).toBe('invited');
    // 5 May + 6 months = 5 Nov, after New York fell back (3 Nov): 00:00 EST = 05:00Z
    expect(s.next).toEqual({
      level: 'gift',
      name: 'Gift card',
      met: false,
      criteria: { metric: 'spend', atLeast: '500', current: '475', missing: '25', met: false },
      by: '2024-11-05T05:00:00.000Z',
    });
    expect(s.keep?.criteria).toEqual({ metric: 'spend', atLeast: '300', current: '475', missing: '0', met: true });
    expect(s.keep?.by).toBe('2024-11-05T05:00:00.000Z');
    // 5 Nov + 30 days = 5 Dec, 00:00 EST = 05:00Z
    expect(s.downgrade).toEqual({ on: '2024-12-05T05:00:00.000Z', to: null });

    // cents: 474.50 + 0.25 = 474.75 → 25.25 missing, no binary rounding
    const c = tierStatus(ladder, run(ladder, [buy('2024-05-05T12:00:00-04:00', '474.50'), buy('2024-05-06T12:00:00-04:00', '0.25')]), '2024-06-01T12:00:00-04:00');
    expect(c.next?.criteria).toEqual({ metric: 'spend', atLeast: '500', current: '474.75', missing: '25.25', met: false });
  });

  it('during a grace period: keep shows the criteria not met and downgrade the end of the grace', () => {
    // 25 Mar: premium held, $920 < $1000, grace until 19 Apr 14:00Z; landing on 19 Apr: $920 → half
    const s = tierStatus(ladder, docStory(), '2024-03-25T12:00:00-04:00');
    expect(s.level).toBe('premium');
    expect(s.next).toBeNull(); // premium is the top level
    expect(s.keep?.level).toBe('premium');
    expect(s.keep?.met).toBe(false);
    expect(s.keep?.criteria).toEqual({ metric: 'spend', atLeast: '1000', current: '920', missing: '80', met: false });
    expect(s.downgrade).toEqual({ on: '2024-04-19T14:00:00.000Z', to: 'half' });
    expect(s.guaranteedUntil).toBe('2024-04-19T14:00:00.000Z');
  });

  it('scheduled policy: keep projects the criteria to the next review; downgrade is the review that drops the member', () => {
    // 10 Feb 12:00 EST = 17:00Z: $600 → gold. Reviews at the start of each quarter: 1 Apr 00:00 EDT = 04:00Z, 1 Jul 04:00Z.
    const state = run(quarterly, [buy('2024-02-10T12:00:00-05:00', '600')]);
    const march = tierStatus(quarterly, state, '2024-03-01T12:00:00-05:00');
    expect(march.level).toBe('gold');
    expect(march.since).toBe('2024-02-10T17:00:00.000Z');
    // on 1 Apr the 90-day window is 3 Jan … 1 Apr (1 Apr − 89 days: −31 → 1 Mar, −29 → 1 Feb, −29 → 3 Jan): $600, kept
    expect(march.keep).toEqual({
      level: 'gold',
      met: true,
      criteria: { metric: 'spend', atLeast: '500', current: '600', missing: '0', met: true },
      by: '2024-04-01T04:00:00.000Z',
    });
    // platinum: $400 missing until 10 Feb leaves the 90-day window: 10 Feb + 90 days (+29 → 10 Mar, +31 → 10 Apr, +30) = 10 May, 00:00 EDT = 04:00Z
    expect(march.next).toEqual({
      level: 'platinum',
      met: false,
      criteria: { metric: 'spend', atLeast: '1000', current: '600', missing: '400', met: false },
      by: '2024-05-10T04:00:00.000Z',
    });
    // without further activity: kept on 1 Apr; on 1 Jul the window is 3 Apr … 1 Jul (−30 → 1 Jun, −31 → 1 May, −28 → 3 Apr): $0 → no level
    // (soft: the checks below still run if this one fails)
    expect.soft(march.downgrade).toEqual({ on: '2024-07-01T04:00:00.000Z', to: null });
    expect.soft(march.guaranteedUntil).toBe('2024-07-01T04:00:00.000Z');

    // after the 1 Apr review (shown without an event): the next review is 1 Jul, where the criteria stand at $0
    const april = tierStatus(quarterly, state, '2024-04-15T12:00:00-04:00');
    expect(april.level).toBe('gold');
    expect(april.keep).toEqual({
      level: 'gold',
      met: false,
      criteria: { metric: 'spend', atLeast: '500', current: '0', missing: '500', met: false },
      by: '2024-07-01T04:00:00.000Z',
    });
    expect(april.downgrade).toEqual({ on: '2024-07-01T04:00:00.000Z', to: null });

    // 2 Jul: the review has dropped the member
    const july = tierStatus(quarterly, state, '2024-07-02T12:00:00-04:00');
    expect([july.level, july.qualifiedLevel, july.since]).toEqual([null, null, null]);
  });
});

describe('tierStatus: all / any criteria', () => {
  it('mirrors the criterion tree with per-threshold progress', () => {
    // 10 Jan 12:00 EST: $200 → 'member' (no criteria). Insider needs $300 and 90 days of tenure.
    const a = tierStatus(combo, run(combo, [buy('2024-01-10T12:00:00-05:00', '200')]), '2024-01-20T12:00:00-05:00');
    expect(a.level).toBe('member');
    expect(a.metrics[0]?.tenureDays).toBe(10); // 10 Jan → 20 Jan
    // the $200 leaves the 12-month window on 10 Jan 2025, 00:00 EST = 05:00Z
    expect(a.next).toEqual({
      level: 'insider',
      met: false,
      criteria: {
        all: [
          { metric: 'spend', atLeast: '300', current: '200', missing: '100', met: false },
          { metric: 'tenureDays', atLeast: '90', current: '10', missing: '80', met: false },
        ],
        met: false,
      },
      by: '2025-01-10T05:00:00.000Z',
    });
  });

  it('tenure alone lifts the member on the 90th calendar day; then the any-tree of the next level', () => {
    const state = run(combo, [buy('2024-01-10T12:00:00-05:00', '350')]);
    // 8 Apr: 21 (to 31 Jan) + 29 + 31 + 8 = 89 days: spend met, tenure 1 short
    const before = tierStatus(combo, state, '2024-04-08T12:00:00-04:00');
    expect(before.level).toBe('member');
    expect(before.next?.criteria).toEqual({
      all: [
        { metric: 'spend', atLeast: '300', current: '350', missing: '0', met: true },
        { metric: 'tenureDays', atLeast: '90', current: '89', missing: '1', met: false },
      ],
      met: false,
    });
    // 9 Apr: 90 days → insider from the start of the day, 00:00 EDT = 04:00Z
    const after = tierStatus(combo, state, '2024-04-09T12:00:00-04:00');
    expect(after.level).toBe('insider');
    expect(after.since).toBe('2024-04-09T04:00:00.000Z');
    expect(after.next).toEqual({
      level: 'vip',
      met: false,
      criteria: {
        any: [
          { metric: 'spend', atLeast: '500', current: '350', missing: '150', met: false },
          { metric: 'orders', atLeast: '12', current: '1', missing: '11', met: false },
        ],
        met: false,
      },
      by: '2025-01-10T05:00:00.000Z',
    });
    // insider is kept until the $350 leaves the window on 10 Jan 2025 (05:00Z)
    expect(after.keep).toEqual({
      level: 'insider',
      met: true,
      criteria: {
        all: [
          { metric: 'spend', atLeast: '300', current: '350', missing: '0', met: true },
          { metric: 'tenureDays', atLeast: '90', current: '90', missing: '0', met: true },
        ],
        met: true,
      },
      by: '2025-01-10T05:00:00.000Z',
    });
  });
});

describe('tierStatus: edge cases', () => {
  it('a member with no events: no level, the next level is the first one', () => {
    const s = tierStatus(ladder, newMemberState(ladder, 'nobody'), '2024-05-01T12:00:00-04:00');
    expect(s.memberId).toBe('nobody');
    expect([s.level, s.qualifiedLevel, s.since]).toEqual([null, null, null]);
    expect(s.perks).toEqual([]);
    expect(s.grants).toEqual([]);
    expect(s.downgrade).toBeNull();
    expect(s.guaranteedUntil).toBeNull();
    expect(s.keep).toBeNull();
    // nothing in the window will leave it: no `by`
    expect(s.next).toEqual({
      level: 'invited',
      name: 'Invited',
      met: false,
      criteria: { metric: 'spend', atLeast: '300', current: '0', missing: '300', met: false },
      by: null,
    });
  });

  it('never mutates the state (frozen deeply, deep-equal before and after)', () => {
    const state = docStory();
    const before = structuredClone(state);
    deepFreeze(state);
    // times at which grace periods end and days leave the window (19 Apr, 10 Jul, 10 Sep, 10 Oct)
    for (const at of ['2024-03-20T10:00:00-04:00', '2024-04-20T12:00:00-04:00', '2024-07-25T12:00:00-04:00', '2024-10-15T12:00:00-04:00', '2030-01-01T00:00:00Z']) {
      expect(() => tierStatus(ladder, state, at)).not.toThrow();
    }
    expect(state).toEqual(before);
    // the same question twice gives the same answer
    expect(tierStatus(ladder, state, '2024-07-25T12:00:00-04:00')).toEqual(tierStatus(ladder, state, '2024-07-25T12:00:00-04:00'));
  });

  it('at a later time, shows the transitions due by then without an event (grace ended)', () => {
    const state = docStory(); // last event 20 Mar, grace until 19 Apr 14:00Z
    const s = tierStatus(ladder, state, '2024-04-20T12:00:00-04:00');
    expect(s.level).toBe('half');
    expect(s.since).toBe('2024-04-19T14:00:00.000Z');
    // the state still says premium, and the next event applies (and announces) the downgrade
    expect(state.tier?.effective).toBe('premium');
    const { effects } = evaluate(ladder, state, { id: 'later', type: 'tick', memberId: 'm1', at: '2024-04-20T12:00:00-04:00' });
    expect(effects.flatMap((e) => (e.type === 'tier_downgraded' ? [e.at] : []))).toEqual(['2024-04-19T14:00:00.000Z']);
    // 15 Oct: 10 Oct (half → none) is due too; the window 16 Apr … 15 Oct is empty
    const oct = tierStatus(ladder, state, '2024-10-15T12:00:00-04:00');
    expect([oct.level, oct.since]).toEqual([null, null]);
    expect(oct.metrics).toEqual([{ from: '2024-04-16', to: '2024-10-15', spend: '0', orders: 0, visits: 0, points: 0, tenureDays: 279 }]);
    expect(oct.next?.criteria).toEqual({ metric: 'spend', atLeast: '300', current: '0', missing: '300', met: false });
    expect(oct.downgrade).toBeNull();
  });

  it('an invalid `at` is a LoyaltyError invalid_argument', () => {
    const state = docStory();
    for (const at of ['2024-07-25', '2024-07-25T12:00:00', 'yesterday', '']) {
      let caught: unknown;
      try {
        tierStatus(ladder, state, at);
      } catch (error) {
        caught = error;
      }
      expect(isLoyaltyError(caught), at).toBe(true);
      expect((caught as { code?: unknown }).code, at).toBe('invalid_argument');
    }
  });
});
