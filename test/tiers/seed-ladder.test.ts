// The seed ladder of docs/tiers.md (examples/03-spend-ladder/program.json):
// a rolling 6-month window over spend, $300 invited / $500 gift / $600 half /
// $1000 premium (2x points), a 30-day grace before any downgrade, warnings 14
// days ahead. The program's clock is New York: EST (−05:00) until
// 10 March 2024 02:00, EDT (−04:00) until 3 November 2024 02:00, then EST.
// Every expected date and amount below is worked out by hand from the spec.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineProgram, ledgerEntries, tierStatus, type Effect, effectId } from '../../src/index.js';
import { member as memberOf } from './support.js';

const program = defineProgram(JSON.parse(readFileSync(new URL('../../examples/03-spend-ladder/program.json', import.meta.url), 'utf8')));

let n = 0;
const buy = (at: string, amount: string, orderId: string, memberId = 'm1'): Record<string, unknown> => ({
  id: `buy-${++n}`, type: 'purchase', memberId, at, orderId, amount, currency: 'USD',
});
const giveBack = (at: string, orderId: string, amount: string, memberId = 'm1'): Record<string, unknown> => ({
  id: `refund-${++n}`, type: 'refund', memberId, at, orderId, amount,
});
const tick = (at: string, memberId = 'm1'): Record<string, unknown> => ({ id: `tick-${++n}`, type: 'tick', memberId, at });

const member = (id = 'm1') => memberOf(program, id);

/** Tier effects without their envelope (id, memberId, eventId), for comparison. */
function tierFx(effects: readonly Effect[]): Record<string, unknown>[] {
  return effects
    .filter((e) => e.type !== 'ledger' && e.type !== 'wallet')
    .map((e) => {
      const { id: _id, memberId: _m, eventId: _e, ...rest } = e as Exclude<Effect, { type: 'ledger' | 'wallet' }>;
      return rest;
    });
}

const earned = (effects: readonly Effect[]): [string, number][] => ledgerEntries(effects).map((e) => [e.ruleId ?? '', e.points]);

const up = (at: string, from: string | null, to: string | null, reason = 'qualified') => ({ type: 'tier_upgraded', at, from, to, reason });
const down = (at: string, from: string | null, to: string | null, reason = 'grace_ended') => ({ type: 'tier_downgraded', at, from, to, reason });
const reward = (at: string, level: string, rewardId: string) => ({ type: 'reward_issued', at, rewardId, source: 'tier_entry', level });

const COUPON_20 = 'coupon-20-percent-next-order';
const GIFT_30 = 'gift-card-30-usd';
const COUPON_50 = 'coupon-50-percent-next-order';
const PREMIUM = 'premium-20-percent-off-for-a-year';

describe('the seed ladder, one step at a time', () => {
  it('300 → invited, 500 → gift, 600 → half, 1000 → premium, each with its entry reward', () => {
    const m = member();
    // 10 Jan 12:00 EST = 17:00Z. Window on 10 Jan: 11 Jul 2023 … 10 Jan. $300 ≥ $300 → invited.
    let fx = m.step(buy('2024-01-10T12:00:00-05:00', '300.00', 'o1'));
    expect(earned(fx)).toEqual([['base', 300]]); // 1 point per $1, no multiplier below premium
    expect(tierFx(fx)).toEqual([up('2024-01-10T17:00:00.000Z', null, 'invited'), reward('2024-01-10T17:00:00.000Z', 'invited', COUPON_20)]);

    // 20 Jan 12:00 EST = 17:00Z. $300 + $200 = $500 ≥ $500 → gift.
    fx = m.step(buy('2024-01-20T12:00:00-05:00', '200.00', 'o2'));
    expect(earned(fx)).toEqual([['base', 200]]);
    expect(tierFx(fx)).toEqual([up('2024-01-20T17:00:00.000Z', 'invited', 'gift'), reward('2024-01-20T17:00:00.000Z', 'gift', GIFT_30)]);

    // 5 Feb 12:00 EST = 17:00Z. $500 + $100 = $600 ≥ $600 → half.
    fx = m.step(buy('2024-02-05T12:00:00-05:00', '100.00', 'o3'));
    expect(earned(fx)).toEqual([['base', 100]]);
    expect(tierFx(fx)).toEqual([up('2024-02-05T17:00:00.000Z', 'gift', 'half'), reward('2024-02-05T17:00:00.000Z', 'half', COUPON_50)]);

    // 20 Feb 12:00 EST = 17:00Z. $600 + $400 = $1000 ≥ $1000 → premium.
    // The lifting purchase earns at the level held before it (half, no multiplier): 400 × 1 = 400.
    fx = m.step(buy('2024-02-20T12:00:00-05:00', '400.00', 'o4'));
    expect(earned(fx)).toEqual([['base', 400]]);
    expect(tierFx(fx)).toEqual([up('2024-02-20T17:00:00.000Z', 'half', 'premium'), reward('2024-02-20T17:00:00.000Z', 'premium', PREMIUM)]);

    // 15 Mar 12:00 EDT (after the 10 March switch) = 16:00Z. Made while premium: 50 × 1 point × 2 = 100.
    fx = m.step(buy('2024-03-15T12:00:00-04:00', '50.00', 'o5'));
    expect(earned(fx)).toEqual([['base', 100]]);
    expect(tierFx(fx)).toEqual([]);

    // 300 + 200 + 100 + 400 + 100 = 1100 points, all spendable; entry rewards here are coupons, not points
    expect(m.state.lots.reduce((s, l) => s + l.points, 0)).toBe(1100);
    expect(m.state.tier?.reached).toEqual(['invited', 'gift', 'half', 'premium']);
  });

  it('effects carry ids `${eventId}:${n}`, in order: the earn entry, then the upgrade, then the reward', () => {
    const m = member();
    const fx = m.step({ ...buy('2024-01-10T12:00:00-05:00', '300', 'o1'), id: 'evt-a' });
    expect(fx.map((e) => (e.type === 'ledger' ? `ledger ${e.entry.id}` : `${e.type} ${effectId(e)}`))).toEqual([
      'ledger evt-a:0',
      'tier_upgraded evt-a:1',
      'reward_issued evt-a:2',
    ]);
    expect(fx.every((e) => e.type === 'ledger' || e.type === 'wallet' || (e.memberId === 'm1' && e.eventId === 'evt-a'))).toBe(true);
  });

  it('a member who jumps from none to premium in one purchase gets all four entry rewards', () => {
    const m = member('jumper');
    // 10 Mar 2024 is the day New York springs forward (02:00 EST → 03:00 EDT): 12:00 EDT = 16:00Z.
    const at = '2024-03-10T16:00:00.000Z';
    const fx = m.step(buy('2024-03-10T12:00:00-04:00', '1000.00', 'big', 'jumper'));
    // earned at the level held before the purchase (none): 1000 × 1 = 1000, not 2000
    expect(earned(fx)).toEqual([['base', 1000]]);
    expect(tierFx(fx)).toEqual([
      up(at, null, 'premium'),
      reward(at, 'invited', COUPON_20),
      reward(at, 'gift', GIFT_30),
      reward(at, 'half', COUPON_50),
      reward(at, 'premium', PREMIUM),
    ]);
    // the next purchase is made while premium: 10 × 2 = 20
    expect(earned(m.step(buy('2024-03-11T09:00:00-04:00', '10.00', 'small', 'jumper')))).toEqual([['base', 20]]);
  });

  it('the docs/tiers.md table: $320 on 10 Jan, $700 on 10 Mar, a $100 refund on 20 Mar, then time', () => {
    const m = member('ny');
    // 10 Jan 12:00 EST = 17:00Z: $320 ≥ $300 → invited
    let fx = m.step(buy('2024-01-10T12:00:00-05:00', '320.00', 'jan', 'ny'));
    expect(earned(fx)).toEqual([['base', 320]]);
    expect(tierFx(fx)).toEqual([up('2024-01-10T17:00:00.000Z', null, 'invited'), reward('2024-01-10T17:00:00.000Z', 'invited', COUPON_20)]);

    // 10 Mar 12:00 EDT = 16:00Z: $320 + $700 = $1020 ≥ $1000 → premium; gift, half and premium pay their rewards
    // (invited was reached in January). Earned at invited's rate: 700 × 1 = 700.
    const mar = '2024-03-10T16:00:00.000Z';
    fx = m.step(buy('2024-03-10T12:00:00-04:00', '700.00', 'mar', 'ny'));
    expect(earned(fx)).toEqual([['base', 700]]);
    expect(tierFx(fx)).toEqual([up(mar, 'invited', 'premium'), reward(mar, 'gift', GIFT_30), reward(mar, 'half', COUPON_50), reward(mar, 'premium', PREMIUM)]);

    // 20 Mar 10:00 EDT = 14:00Z: $100 back on the March order. $1020 − $100 = $920 < $1000: nothing announced,
    // the 30-day grace starts at the refund: 20 Mar + 30 days = 19 Apr (11 days to 31 Mar + 19), 10:00 EDT = 14:00Z.
    fx = m.step(giveBack('2024-03-20T10:00:00-04:00', 'mar', '100.00', 'ny'));
    expect(earned(fx)).toEqual([['base', -100]]); // the refunded $100 had earned 100 points
    expect(tierFx(fx)).toEqual([]);
    expect(m.state.tier?.effective).toBe('premium');
    expect(m.state.tier?.graceUntil).toBe('2024-04-19T14:00:00.000Z');
    // landing on 19 Apr: window 20 Oct 2023 … 19 Apr holds $320 + $600 = $920 ≥ $600 → half
    expect(tierStatus(program, m.state, '2024-03-20T10:00:00-04:00').downgrade).toEqual({ on: '2024-04-19T14:00:00.000Z', to: 'half' });

    // 1 Apr: the downgrade is 18 days away, beyond the 14-day warning horizon
    expect(tierFx(m.step(tick('2024-04-01T12:00:00-04:00', 'ny')))).toEqual([]);
    // 10 Apr 12:00 EDT = 16:00Z: 9 days before 19 Apr → warned once
    expect(tierFx(m.step(tick('2024-04-10T12:00:00-04:00', 'ny')))).toEqual([
      { type: 'tier_downgrade_warning', at: '2024-04-10T16:00:00.000Z', level: 'premium', to: 'half', on: '2024-04-19T14:00:00.000Z' },
    ]);
    // 12 Apr: same coming downgrade, not announced again
    expect(tierFx(m.step(tick('2024-04-12T12:00:00-04:00', 'ny')))).toEqual([]);
    // 19 Apr 09:59 EDT: one minute before the grace ends, still premium
    expect(tierFx(m.step(tick('2024-04-19T09:59:00-04:00', 'ny')))).toEqual([]);
    expect(m.state.tier?.effective).toBe('premium');

    // 19 Apr 12:00 EDT: the grace ended at 10:00 EDT (14:00Z) with $920 → half, dated when it happened
    expect(tierFx(m.step(tick('2024-04-19T12:00:00-04:00', 'ny')))).toEqual([down('2024-04-19T14:00:00.000Z', 'premium', 'half')]);

    // 10 Jul: window 11 Jan … 10 Jul; the January order has left: $700 − $100 = $600 ≥ $600, still half
    expect(tierFx(m.step(tick('2024-07-10T12:00:00-04:00', 'ny')))).toEqual([]);
    expect(m.state.tier?.effective).toBe('half');
    expect(m.state.tier?.graceUntil).toBeNull();

    // 10 Sep: window 11 Mar … 10 Sep; the March order has left: $0 < $300. The grace starts as the day
    // begins, 10 Sep 00:00 EDT = 04:00Z, and runs to 10 Oct 00:00 EDT = 04:00Z (DST ends only on 3 Nov).
    expect(tierFx(m.step(tick('2024-09-10T12:00:00-04:00', 'ny')))).toEqual([]);
    expect(m.state.tier?.effective).toBe('half');
    expect(m.state.tier?.graceUntil).toBe('2024-10-10T04:00:00.000Z');

    // 10 Oct: grace over → none
    expect(tierFx(m.step(tick('2024-10-10T12:00:00-04:00', 'ny')))).toEqual([down('2024-10-10T04:00:00.000Z', 'half', null)]);
    expect(m.state.tier?.effective).toBeNull();
    // 320 + 700 − 100 = 920 points remain: tiers never take points away
    expect(m.state.lots.reduce((s, l) => s + l.points, 0)).toBe(920);
  });
});

describe('down the seed ladder as purchases age out of the 6-month window', () => {
  it('a premium member falls with the 30-day grace, each drop dated when it happened', () => {
    const m = member('down');
    // days in the window: 10 Jan $300, 20 Jan $200, 5 Feb $100, 20 Feb $400, 15 Mar $50 = $1050 (premium)
    m.step(buy('2024-01-10T12:00:00-05:00', '300', 'a', 'down'));
    m.step(buy('2024-01-20T12:00:00-05:00', '200', 'b', 'down'));
    m.step(buy('2024-02-05T12:00:00-05:00', '100', 'c', 'down'));
    m.step(buy('2024-02-20T12:00:00-05:00', '400', 'd', 'down'));
    m.step(buy('2024-03-15T12:00:00-04:00', '50', 'e', 'down'));
    expect(m.state.tier?.effective).toBe('premium');

    // 9 Jul: window 10 Jan … 9 Jul still holds $1050
    expect(tierFx(m.step(tick('2024-07-09T12:00:00-04:00', 'down')))).toEqual([]);
    expect(m.state.tier?.graceUntil).toBeNull();

    // 10 Jul: 10 Jan leaves (window 11 Jan … 10 Jul): $750 < $1000. Grace from 10 Jul 00:00 EDT (04:00Z)
    // to 9 Aug 00:00 EDT (10 Jul + 21 days = 31 Jul, + 9 = 9 Aug) = 04:00Z.
    expect(tierFx(m.step(tick('2024-07-10T12:00:00-04:00', 'down')))).toEqual([]);
    expect(m.state.tier?.graceUntil).toBe('2024-08-09T04:00:00.000Z');

    // 1 Aug 12:00 EDT = 16:00Z: 9 Aug is within 14 days. Meanwhile 20 Jan left on 20 Jul ($550); on 9 Aug
    // the window is 10 Feb … 9 Aug (5 Feb left on 5 Aug): $400 + $50 = $450 → invited.
    expect(tierFx(m.step(tick('2024-08-01T12:00:00-04:00', 'down')))).toEqual([
      { type: 'tier_downgrade_warning', at: '2024-08-01T16:00:00.000Z', level: 'premium', to: 'invited', on: '2024-08-09T04:00:00.000Z' },
    ]);

    // 1 Oct, one tick applies everything due since 1 Aug, in order:
    // 9 Aug 04:00Z premium → invited ($450, not one level at a time);
    // 20 Aug: 20 Feb leaves (window 21 Feb … 20 Aug): $50 < $300, grace from 20 Aug 04:00Z to 19 Sep 04:00Z
    //   (20 Aug + 11 = 31 Aug, + 19 = 19 Sep); 15 Sep: 15 Mar leaves, $0;
    // 19 Sep 04:00Z invited → none.
    expect(tierFx(m.step(tick('2024-10-01T12:00:00-04:00', 'down')))).toEqual([
      down('2024-08-09T04:00:00.000Z', 'premium', 'invited'),
      down('2024-09-19T04:00:00.000Z', 'invited', null),
    ]);
    // reached levels are remembered: climbing again pays no entry reward twice
    const again = m.step(buy('2024-10-02T12:00:00-04:00', '1000', 'f', 'down'));
    expect(tierFx(again)).toEqual([up('2024-10-02T16:00:00.000Z', null, 'premium')]);
  });

  it('a grace period that spans the end of DST keeps the wall-clock time (30 calendar days, not 720 hours)', () => {
    const m = member('dst');
    // 20 Apr 12:00 EDT: $600 → half (invited, gift, half rewards)
    m.step(buy('2024-04-20T12:00:00-04:00', '600', 'x', 'dst'));
    expect(m.state.tier?.effective).toBe('half');
    // 20 Oct: window 21 Apr … 20 Oct, the order has left: grace from 20 Oct 00:00 EDT = 04:00Z.
    // + 30 days = 19 Nov (20 Oct + 11 = 31 Oct, + 19 = 19 Nov) 00:00 EST (clocks went back on 3 Nov) = 05:00Z.
    // 18 Nov 23:30 EST = 19 Nov 04:30Z: 720 hours have passed, the grace has not: only the warning.
    expect(tierFx(m.step(tick('2024-11-18T23:30:00-05:00', 'dst')))).toEqual([
      { type: 'tier_downgrade_warning', at: '2024-11-19T04:30:00.000Z', level: 'half', to: null, on: '2024-11-19T05:00:00.000Z' },
    ]);
    expect(tierFx(m.step(tick('2024-11-19T12:00:00-05:00', 'dst')))).toEqual([down('2024-11-19T05:00:00.000Z', 'half', null)]);
  });
});

describe('a refund that drops the member below a threshold', () => {
  it('starts the grace at the refund and does not drop the member at once; qualifying again cancels it', () => {
    const m = member('ref');
    // 25 Feb 12:00 EST: $650 → half
    m.step(buy('2024-02-25T12:00:00-05:00', '650.00', 'o', 'ref'));
    expect(m.state.tier?.effective).toBe('half');
    // 26 Feb 10:00 EST = 15:00Z: refund $100 → $550 < $600 (gift). Grace to 26 Feb + 30 days:
    // 2024 is a leap year, 26 Feb + 3 = 29 Feb, + 27 = 27 Mar, 10:00 EDT (DST began 10 Mar) = 14:00Z.
    const fx = m.step(giveBack('2024-02-26T10:00:00-05:00', 'o', '100.00', 'ref'));
    expect(earned(fx)).toEqual([['base', -100]]);
    expect(tierFx(fx)).toEqual([]);
    expect(m.state.tier?.effective).toBe('half');
    expect(m.state.tier?.graceUntil).toBe('2024-03-27T14:00:00.000Z');
    // metrics take the refund at the purchase's own date (25 Feb), spend 650 − 100 = 550, points 650 − 100 = 550
    expect(m.state.tier?.days).toEqual([['2024-02-25', '550', 1, 550]]);

    // a $60 purchase on 1 Mar brings the window back to $610 ≥ $600: grace cancelled, no effect
    expect(tierFx(m.step(buy('2024-03-01T12:00:00-05:00', '60.00', 'p', 'ref')))).toEqual([]);
    expect(m.state.tier?.graceUntil).toBeNull();
    // and a second refund takes it below again: a new grace from this refund, 5 Mar 10:00 EST = 15:00Z
    // → 4 Apr (5 Mar + 26 = 31 Mar, + 4 = 4 Apr) 10:00 EDT = 14:00Z
    m.step(giveBack('2024-03-05T10:00:00-05:00', 'p', '60.00', 'ref'));
    expect(m.state.tier?.graceUntil).toBe('2024-04-04T14:00:00.000Z');
    // on 4 Apr: window 5 Oct … 4 Apr: $550 → gift
    expect(tierFx(m.step(tick('2024-04-05T09:00:00-04:00', 'ref')))).toEqual([down('2024-04-04T14:00:00.000Z', 'half', 'gift')]);
  });
});
