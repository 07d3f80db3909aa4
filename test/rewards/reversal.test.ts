// Reversal examples (`redemption_reversal` events). Expected values are computed by hand.
//
// Program: London, 1 point per £1.00, points expire 90 days after earning (same wall-clock time).
//   p1 £100 on 10 Jan 2024 10:00 GMT → expires 9 Apr 2024 10:00 BST = 09:00 UTC
//      (10 Jan → 31 Jan: 21 days, + 29 (Feb) = 50, + 31 (Mar) = 81, + 9 = 90)
//   p2 £100 on 10 Feb 2024 10:00 GMT → expires 10 May 2024 10:00 BST = 09:00 UTC
//      (10 Feb → 29 Feb: 19 days, + 31 (Mar) = 50, + 30 (Apr) = 80, + 10 = 90)
import { describe, expect, it } from 'vitest';
import {
  LoyaltyError,
  balanceOf,
  evaluate,
  ledgerEntries,
  safeEvaluate,
  type Effect,
  type MemberState,
  type Program,
  type ProgramInput,
  type RedemptionRefusedEffect,
  type RedemptionReversedEffect,
  type RewardRedeemedEffect,
} from '../../src/index.js';
import { member, only } from '../tiers/support.js';
import { makeProgram, purchase } from '../helpers.js';

type Catalog = NonNullable<ProgramInput['rewards']>['catalog'];
const SALT = 'salt-for-tests-0123456789';
const P1_EXPIRES = '2024-04-09T09:00:00.000Z';
const P2_EXPIRES = '2024-05-10T09:00:00.000Z';

const CATALOG: Catalog = [
  { id: 'lamp', kind: 'free-product', cost: 150, sku: 'LAMP' },
  { id: 'hundred', kind: 'coupon', cost: 100 },
  { id: 'coupon', kind: 'coupon', cost: 50 },
  { id: 'tee', kind: 'free-product', cost: 100, sku: 'TEE', limit: { count: 1, per: 'lifetime' } },
  { id: 'cap', kind: 'free-product', cost: 20, sku: 'CAP', stock: 30 },
  { id: 'pay', kind: 'points-payment', cost: 10, value: '0.10', perOrder: { max: 5 } },
];
const program = makeProgram({ points: { expiry: { kind: 'days-after-earning', days: 90 } }, rewards: { codeSalt: SALT, catalog: CATALOG } });


const redemption = (id: string, at: string, rewardId: string, extra: { quantity?: number; orderId?: string } = {}): Record<string, unknown> => ({
  id,
  type: 'redemption',
  memberId: 'm1',
  at,
  rewardId,
  ...extra,
});
const reversal = (id: string, at: string, redemptionId: string, reason?: string): Record<string, unknown> => ({
  id,
  type: 'redemption_reversal',
  memberId: 'm1',
  at,
  redemptionId,
  ...(reason === undefined ? {} : { reason }),
});
const tick = (id: string, at: string): Record<string, unknown> => ({ id, type: 'tick', memberId: 'm1', at });

const reversedOf = (effects: readonly Effect[]): RedemptionReversedEffect => only(effects, 'redemption_reversed');
const redeemedOf = (effects: readonly Effect[]): RewardRedeemedEffect => only(effects, 'reward_redeemed');
const refusedOf = (effects: readonly Effect[]): RedemptionRefusedEffect => only(effects, 'redemption_refused');

/** Points held per expiry date. */
function byExpiry(state: MemberState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const lot of state.lots) out[String(lot.expiresAt)] = (out[String(lot.expiresAt)] ?? 0) + lot.points;
  return out;
}

/** p1 and p2 bought; 'lamp' (150) redeemed on 11 Feb as r1: 100 from p1 (expires first), 50 from p2. */
function withLamp(): ReturnType<typeof member> {
  const m = member(program);
  m.step(purchase('2024-01-10T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' }));
  m.step(purchase('2024-02-10T10:00:00Z', '100.00', { id: 'p2', orderId: 'o2' }));
  redeemedOf(m.step(redemption('r1', '2024-02-11T10:00:00Z', 'lamp')));
  expect(byExpiry(m.state)).toEqual({ [P2_EXPIRES]: 50 });
  return m;
}

describe('points come back as they were', () => {
  it('with the original lots’ dates, then expire when those lots would have', () => {
    const m = withLamp();
    const effects = m.step(reversal('rv1', '2024-02-12T10:00:00Z', 'r1', 'cancelled by customer'));
    expect(ledgerEntries(effects)).toEqual([
      expect.objectContaining({
        id: 'rv1:0',
        kind: 'reversal',
        points: 150, // 100 + 50
        ruleId: 'rewards.lamp',
        at: '2024-02-12T10:00:00.000Z',
        reason: 'cancelled by customer',
      }),
    ]);
    expect(reversedOf(effects)).toEqual({
      type: 'redemption_reversed',
      id: 'rv1:1',
      memberId: 'm1',
      eventId: 'rv1',
      at: '2024-02-12T10:00:00.000Z',
      redemptionId: 'r1',
      rewardId: 'lamp',
      points: 150,
      expired: 0,
      // no stock: no release
    });
    // 100 back with p1's dates, 50 back with p2's (next to the 50 p2 kept)
    expect(byExpiry(m.state)).toEqual({ [P1_EXPIRES]: 100, [P2_EXPIRES]: 100 });
    const returnedP1 = m.state.lots.find((l) => l.expiresAt === P1_EXPIRES);
    expect(returnedP1).toMatchObject({ points: 100, earnedAt: '2024-01-10T10:00:00.000Z', availableAt: '2024-01-10T10:00:00.000Z' });
    expect(m.state.redemptions['r1']?.reversedAt).toBe('2024-02-12T10:00:00.000Z');
    // earned 200 − redeemed 150 + reversed 150 = 200
    expect(m.state.totals).toMatchObject({ earned: 200, redeemed: 150, reversed: 150, expired: 0 });
    expect(balanceOf(m.state)).toBe(200);

    // 9 April 09:00 UTC: the 100 returned from p1 expire on p1's date
    const april = m.step(tick('t1', '2024-04-09T09:00:00Z'));
    expect(ledgerEntries(april)).toEqual([expect.objectContaining({ kind: 'expire', points: -100, at: P1_EXPIRES })]);
    expect(balanceOf(m.state)).toBe(100);
    // 10 May: p2's 50 and the 50 returned from p2
    const may = m.step(tick('t2', '2024-05-10T09:00:00Z'));
    expect(ledgerEntries(may).reduce((s, e) => s + e.points, 0)).toBe(-100);
    expect(ledgerEntries(may).every((e) => e.kind === 'expire' && e.at === P2_EXPIRES)).toBe(true);
    expect(balanceOf(m.state)).toBe(0);
    // 200 − 150 + 150 − 200 = 0
    expect(m.state.totals).toMatchObject({ earned: 200, redeemed: 150, reversed: 150, expired: 200 });
  });

  it('returned points are spent first-to-expire again', () => {
    const m = withLamp();
    m.step(reversal('rv1', '2024-02-12T10:00:00Z', 'r1'));
    redeemedOf(m.step(redemption('r2', '2024-02-13T10:00:00Z', 'coupon')));
    // 50 from the 100 that expire on 9 April, not from the May lots
    expect(m.state.redemptions['r2']?.taken).toEqual([{ points: 50, earnedAt: '2024-01-10T10:00:00.000Z', availableAt: '2024-01-10T10:00:00.000Z', expiresAt: P1_EXPIRES }]);
    expect(byExpiry(m.state)).toEqual({ [P1_EXPIRES]: 50, [P2_EXPIRES]: 100 });
  });
});

describe('points whose lot has expired since are not returned', () => {
  it('part expired: only the rest comes back; the effect counts the expired part', () => {
    const m = withLamp();
    // 20 April: p1's date (9 April) has passed, p2's (10 May) has not
    const effects = m.step(reversal('rv1', '2024-04-20T10:00:00Z', 'r1'));
    expect(ledgerEntries(effects)).toEqual([expect.objectContaining({ kind: 'reversal', points: 50, ruleId: 'rewards.lamp' })]);
    expect(reversedOf(effects)).toMatchObject({ points: 50, expired: 100 }); // 150 − 50
    expect(byExpiry(m.state)).toEqual({ [P2_EXPIRES]: 100 });
    // earned 200 − redeemed 150 + reversed 50 = 100 (nothing expired: p1 was spent in full)
    expect(m.state.totals).toMatchObject({ earned: 200, redeemed: 150, reversed: 50, expired: 0 });
    expect(balanceOf(m.state)).toBe(100);
  });

  it('at the instant of expiry the lot has expired; one second before it has not', () => {
    const before = withLamp();
    expect(reversedOf(before.step(reversal('rv1', '2024-04-09T08:59:59Z', 'r1')))).toMatchObject({ points: 150, expired: 0 });
    const at = withLamp();
    expect(reversedOf(at.step(reversal('rv1', '2024-04-09T09:00:00Z', 'r1')))).toMatchObject({ points: 50, expired: 100 });
    expect(balanceOf(at.state)).toBe(100);
  });

  it('all expired: nothing comes back, the redemption is still reversed', () => {
    const m = member(program);
    m.step(purchase('2024-01-10T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' }));
    redeemedOf(m.step(redemption('r1', '2024-01-11T10:00:00Z', 'hundred'))); // all 100 of p1
    const effects = m.step(reversal('rv1', '2024-04-20T10:00:00Z', 'r1'));
    expect(reversedOf(effects)).toMatchObject({ points: 0, expired: 100 });
    expect(ledgerEntries(effects).reduce((s, e) => s + e.points, 0)).toBe(0);
    expect(balanceOf(m.state)).toBe(0);
    expect(m.state.redemptions['r1']?.reversedAt).toBe('2024-04-20T10:00:00.000Z');
  });
});

describe('what a reversal frees', () => {
  it('the member limit', () => {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '500.00', { id: 'p1', orderId: 'o1' }));
    redeemedOf(m.step(redemption('r1', '2024-03-02T10:00:00Z', 'tee')));
    expect(refusedOf(m.step(redemption('r2', '2024-03-03T10:00:00Z', 'tee'))).details).toEqual({ limit: 1, per: 'lifetime', used: 1, requested: 1 });
    m.step(reversal('rv1', '2024-03-04T10:00:00Z', 'r1'));
    // the reversed redemption no longer counts
    redeemedOf(m.step(redemption('r3', '2024-03-05T10:00:00Z', 'tee')));
    expect(refusedOf(m.step(redemption('r4', '2024-03-06T10:00:00Z', 'tee'))).reason).toBe('limit_reached');
    // 500 − 100 + 100 − 100 = 400
    expect(balanceOf(m.state)).toBe(400);
  });

  it('the units on an order (points as payment); the entries name the order', () => {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '500.00', { id: 'p1', orderId: 'o1' }));
    redeemedOf(m.step(redemption('r1', '2024-03-02T10:00:00Z', 'pay', { quantity: 5, orderId: 'A' }))); // 5 × 10 = 50
    expect(refusedOf(m.step(redemption('r2', '2024-03-02T10:00:00Z', 'pay', { quantity: 1, orderId: 'A' }))).details).toMatchObject({ maxPerOrder: 5, onOrder: 5, requested: 1 });
    const effects = m.step(reversal('rv1', '2024-03-02T11:00:00Z', 'r1'));
    expect(ledgerEntries(effects)).toEqual([expect.objectContaining({ kind: 'reversal', points: 50, orderId: 'A' })]);
    redeemedOf(m.step(redemption('r3', '2024-03-02T12:00:00Z', 'pay', { quantity: 5, orderId: 'A' })));
    expect(balanceOf(m.state)).toBe(450); // 500 − 50 + 50 − 50
  });

  it('the stock: release mirrors the reserve', () => {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '500.00', { id: 'p1', orderId: 'o1' }));
    expect(redeemedOf(m.step(redemption('r1', '2024-03-02T10:00:00Z', 'cap', { quantity: 2 }), { stock: { cap: 7 } })).reserve).toEqual({ rewardId: 'cap', quantity: 2 });
    const rev = reversedOf(m.step(reversal('rv1', '2024-03-03T10:00:00Z', 'r1')));
    expect(rev).toMatchObject({ redemptionId: 'r1', rewardId: 'cap', points: 40, expired: 0, release: { rewardId: 'cap', quantity: 2 } }); // 2 × 20
    // a reward without stock releases nothing
    redeemedOf(m.step(redemption('r2', '2024-03-03T10:00:00Z', 'coupon')));
    expect(reversedOf(m.step(reversal('rv2', '2024-03-04T10:00:00Z', 'r2'))).release).toBeUndefined();
  });
});

describe('errors', () => {
  function codeOf(p: Program, state: MemberState, event: Record<string, unknown>): string {
    const snapshot = structuredClone(state);
    expect(() => evaluate(p, state, event)).toThrow(LoyaltyError);
    const r = safeEvaluate(p, state, event);
    expect(state).toEqual(snapshot);
    if (r.success) throw new Error('expected a refusal');
    return r.error.code;
  }

  it('unknown_redemption: no such redemption (another event’s id, a refused redemption)', () => {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '60.00', { id: 'p1', orderId: 'o1' }));
    refusedOf(m.step(redemption('r-refused', '2024-03-02T10:00:00Z', 'hundred'))); // 60 < 100
    expect(codeOf(program, m.state, reversal('rv1', '2024-03-03T10:00:00Z', 'nope'))).toBe('unknown_redemption');
    expect(codeOf(program, m.state, reversal('rv1', '2024-03-03T10:00:00Z', 'p1'))).toBe('unknown_redemption');
    expect(codeOf(program, m.state, reversal('rv1', '2024-03-03T10:00:00Z', 'r-refused'))).toBe('unknown_redemption');
  });

  it('already_reversed: the second reversal changes nothing', () => {
    const m = withLamp();
    m.step(reversal('rv1', '2024-02-12T10:00:00Z', 'r1'));
    expect(balanceOf(m.state)).toBe(200);
    expect(codeOf(program, m.state, reversal('rv2', '2024-02-13T10:00:00Z', 'r1'))).toBe('already_reversed');
    expect(balanceOf(m.state)).toBe(200);
    expect(m.state.totals.reversed).toBe(150);
  });
});
