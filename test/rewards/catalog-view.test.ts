// catalogFor examples: the catalog as one member sees it at a moment. Expected values by hand.
//
// Program: London, 1 point per £1.00, tiers on spend (silver £100, gold £500, platinum £2000).
// The member bought for £920 on 1 March 2024: gold, 920 points, all available.
import { describe, expect, it } from 'vitest';
import {
  catalogFor,
  evaluate,
  isLoyaltyError,
  newMemberState,
  type CatalogEntry,
  type MemberState,
  type Program,
  type ProgramInput,
} from '../../src/index.js';
import { makeProgram, purchase } from '../helpers.js';

type Catalog = NonNullable<ProgramInput['rewards']>['catalog'];
const SALT = 'salt-for-tests-0123456789';

const TIERS: NonNullable<ProgramInput['tiers']> = {
  window: { kind: 'rolling', months: 6 },
  levels: [
    { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
    { id: 'gold', criteria: { metric: 'spend', atLeast: '500' } },
    { id: 'platinum', criteria: { metric: 'spend', atLeast: '2000' } },
  ],
  downgrade: { kind: 'grace', days: 30 },
};

const CATALOG: Catalog = [
  { id: 'cert25', kind: 'gift-card', cost: 2500, value: '25' },
  { id: 'secret', kind: 'coupon', cost: 50, listed: false },
  { id: 'cert10', kind: 'gift-card', cost: 1000, value: '10', name: '$10 certificate' },
  { id: 'coffee', kind: 'coupon', cost: 100, name: 'Free coffee' },
  { id: 'summer', kind: 'coupon', cost: 200, active: { from: '2024-06-01', until: '2024-06-30' } },
  { id: 'lounge', kind: 'experience', cost: 300, tiers: ['platinum'] },
  { id: 'tee', kind: 'free-product', cost: 400, sku: 'TEE', stock: 10 },
  { id: 'keep', kind: 'gift-card', cost: 800, value: '8', minBalanceAfter: 250 },
  { id: 'vip', kind: 'gift-card', cost: 950, value: '9.50', tiers: ['platinum'] },
  { id: 'pct', kind: 'percent-discount', cost: 150, percent: '15' },
];

const program = makeProgram({ tiers: TIERS, rewards: { codeSalt: SALT, catalog: CATALOG } });

function stateAfter(p: Program, events: readonly Record<string, unknown>[]): MemberState {
  let state = newMemberState(p, 'm1');
  for (const e of events) state = evaluate(p, state, e).state;
  return state;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const gold = (): MemberState => stateAfter(program, [purchase('2024-03-01T10:00:00Z', '920.00', { id: 'p1', orderId: 'o1' })]);
const AT = '2024-03-02T12:00:00Z';

describe('catalogFor', () => {
  it('every listed reward, cheapest first, with whether and why not', () => {
    const state = gold();
    expect(state.tier?.effective).toBe('gold');
    const view = catalogFor(program, state, AT);
    expect(view.memberId).toBe('m1');
    expect(view.at).toBe('2024-03-02T12:00:00.000Z');
    expect(view.available).toBe(920);
    // 'secret' (50) is unlisted: hidden
    expect(view.rewards.map((r) => r.rewardId)).toEqual(['coffee', 'pct', 'summer', 'lounge', 'tee', 'keep', 'vip', 'cert10', 'cert25']);
    const byId = (id: string): CatalogEntry | undefined => view.rewards.find((r) => r.rewardId === id);

    expect(byId('coffee')).toEqual({ rewardId: 'coffee', name: 'Free coffee', kind: 'coupon', cost: 100, canRedeem: true, missingPoints: 0 });
    expect(byId('pct')).toEqual({ rewardId: 'pct', kind: 'percent-discount', cost: 150, percent: '15', canRedeem: true, missingPoints: 0 });
    // June only; it is 2 March
    expect(byId('summer')).toMatchObject({ canRedeem: false, reason: 'reward_not_active', missingPoints: 0, details: { date: '2024-03-02', from: '2024-06-01', until: '2024-06-30' } });
    // shown, with why not
    expect(byId('lounge')).toMatchObject({ canRedeem: false, reason: 'tier_not_allowed', missingPoints: 0, details: { level: 'gold', allowed: ['platinum'] } });
    // no stock figure passed: redeemable
    expect(byId('tee')).toMatchObject({ canRedeem: true, missingPoints: 0 });
    // 800 + 250 (minBalanceAfter) − 920 = 130
    expect(byId('keep')).toMatchObject({ canRedeem: false, reason: 'insufficient_points', missingPoints: 130, value: '8' });
    // 950 − 920 = 30 short, but refused for its tier first
    expect(byId('vip')).toMatchObject({ canRedeem: false, reason: 'tier_not_allowed', missingPoints: 30, value: '9.5' });
    // 1000 − 920 = 80
    expect(byId('cert10')).toMatchObject({ canRedeem: false, reason: 'insufficient_points', missingPoints: 80, name: '$10 certificate', value: '10' });
    expect(byId('cert10')?.details).toMatchObject({ needed: 1000, available: 920, missing: 80 });
    // 2500 − 920 = 1580
    expect(byId('cert25')).toMatchObject({ canRedeem: false, reason: 'insufficient_points', missingPoints: 1580 });
  });

  it('nextWithinReach: the reward the member is only short of points for, fewest missing first ("80 more points for a $10 certificate")', () => {
    const view = catalogFor(program, gold(), AT);
    // candidates by reason insufficient_points: cert10 80, keep 130, cert25 1580 ('vip' misses only 30 but needs platinum)
    expect(view.nextWithinReach).toMatchObject({ rewardId: 'cert10', name: '$10 certificate', cost: 1000, missingPoints: 80, reason: 'insufficient_points' });
  });

  it('follows the member: after spending 100 points the certificate is 180 away', () => {
    const state = evaluate(program, gold(), { id: 'r1', type: 'redemption', memberId: 'm1', at: '2024-03-02T10:00:00Z', rewardId: 'coffee' }).state;
    const view = catalogFor(program, state, AT);
    expect(view.available).toBe(820); // 920 − 100
    // cert10 1000 − 820 = 180; keep 1050 − 820 = 230; cert25 2500 − 820 = 1680
    expect(view.nextWithinReach).toMatchObject({ rewardId: 'cert10', missingPoints: 180 });
    expect(view.rewards.find((r) => r.rewardId === 'keep')?.missingPoints).toBe(230);
  });

  it('nextWithinReach is null when nothing is only short of points', () => {
    // £5000: platinum, 5000 points; everything is affordable (the most: keep, 800 + 250 = 1050)
    const rich = stateAfter(program, [purchase('2024-03-01T10:00:00Z', '5000.00', { id: 'p1', orderId: 'o1' })]);
    const view = catalogFor(program, rich, AT);
    expect(view.nextWithinReach).toBeNull();
    // only 'summer' (not active in March) cannot be redeemed
    expect(view.rewards.filter((r) => !r.canRedeem).map((r) => [r.rewardId, r.reason])).toEqual([['summer', 'reward_not_active']]);
  });

  it('a member without a level sees tier-restricted rewards as tier_not_allowed with level null', () => {
    const none = stateAfter(program, [purchase('2024-03-01T10:00:00Z', '50.00', { id: 'p1', orderId: 'o1' })]);
    const view = catalogFor(program, none, AT);
    expect(view.rewards.find((r) => r.rewardId === 'lounge')).toMatchObject({ reason: 'tier_not_allowed', details: { level: null, allowed: ['platinum'] }, missingPoints: 250 }); // 300 − 50
    // coffee: 100 − 50 = 50 missing; pct: 150 − 50 = 100; the nearest is coffee
    expect(view.nextWithinReach).toMatchObject({ rewardId: 'coffee', missingPoints: 50 });
  });

  it('the host’s stock: out_of_stock when none is left', () => {
    const view = catalogFor(program, gold(), AT, { stock: { tee: 0 } });
    expect(view.rewards.find((r) => r.rewardId === 'tee')).toMatchObject({ canRedeem: false, reason: 'out_of_stock', missingPoints: 0, details: { available: 0, requested: 1 } });
    expect(catalogFor(program, gold(), AT, { stock: { tee: 1 } }).rewards.find((r) => r.rewardId === 'tee')?.canRedeem).toBe(true);
  });

  it('an unlisted reward is hidden but can still be redeemed by id', () => {
    const state = gold();
    expect(catalogFor(program, state, AT).rewards.some((r) => r.rewardId === 'secret')).toBe(false);
    const r = evaluate(program, state, { id: 'r1', type: 'redemption', memberId: 'm1', at: AT, rewardId: 'secret' });
    expect(r.effects.some((e) => e.type === 'reward_redeemed')).toBe(true);
  });

  it('never mutates the state (a deeply frozen state works, and is unchanged)', () => {
    const state = deepFreeze(gold());
    const snapshot = structuredClone(state);
    const view = catalogFor(program, state, '2024-09-01T12:00:00Z', { stock: { tee: 0 } });
    expect(view.rewards.length).toBe(9);
    expect(state).toEqual(snapshot);
  });

  it('points that expire by `at` are gone; pending points cannot be spent', () => {
    // 30-day expiry: £100 on 1 March 10:00 GMT expires 31 March 10:00 BST = 09:00 UTC
    const expiring = makeProgram({ points: { expiry: { kind: 'days-after-earning', days: 30 } }, rewards: { codeSalt: SALT, catalog: [{ id: 'coffee', kind: 'coupon', cost: 100 }] } });
    const s = stateAfter(expiring, [purchase('2024-03-01T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' })]);
    expect(catalogFor(expiring, s, '2024-03-31T08:59:59Z').rewards[0]).toMatchObject({ canRedeem: true, missingPoints: 0 });
    const later = catalogFor(expiring, s, '2024-03-31T09:00:00Z');
    expect(later.available).toBe(0);
    expect(later.rewards[0]).toMatchObject({ canRedeem: false, reason: 'insufficient_points', missingPoints: 100 });
    expect(s.lots).toHaveLength(1); // the state itself still holds the lot

    // 14 pending days: £100 on 1 March is available on 15 March 10:00 GMT
    const pending = makeProgram({ points: { pendingDays: 14 }, rewards: { codeSalt: SALT, catalog: [{ id: 'coffee', kind: 'coupon', cost: 100 }] } });
    const q = stateAfter(pending, [purchase('2024-03-01T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' })]);
    expect(catalogFor(pending, q, '2024-03-10T10:00:00Z')).toMatchObject({ available: 0, nextWithinReach: { rewardId: 'coffee', missingPoints: 100 } });
    expect(catalogFor(pending, q, '2024-03-15T10:00:00Z')).toMatchObject({ available: 100, nextWithinReach: null });
  });

  it('points as payment: missingPoints agrees with what the redemption needs (perOrder.min units)', () => {
    // each unit 100 points for 1.00 off; at least 5 units on an order: 5 × 100 = 500 points needed.
    // With 300 points the member is 500 − 300 = 200 short, as details.missing says; "0 more points"
    // (one unit's 100 − 300 < 0) would contradict reason insufficient_points.
    const p = makeProgram({ rewards: { codeSalt: SALT, catalog: [{ id: 'pay', kind: 'points-payment', cost: 100, value: '1', perOrder: { min: 5 } }] } });
    const s = stateAfter(p, [purchase('2024-03-01T10:00:00Z', '300.00', { id: 'p1', orderId: 'o1' })]);
    const entry = catalogFor(p, s, AT).rewards[0];
    expect(entry).toMatchObject({ rewardId: 'pay', canRedeem: false, reason: 'insufficient_points' });
    expect(entry?.details).toMatchObject({ needed: 500, available: 300, missing: 200 });
    expect(entry?.missingPoints).toBe(200);
    expect(catalogFor(p, s, AT).nextWithinReach).toMatchObject({ rewardId: 'pay', missingPoints: 200 });
  });

  it('points as payment without a minimum: redeemable when one unit is affordable (no order needed to look)', () => {
    const p = makeProgram({ rewards: { codeSalt: SALT, catalog: [{ id: 'pay', kind: 'points-payment', cost: 100, value: '1' }] } });
    const s = stateAfter(p, [purchase('2024-03-01T10:00:00Z', '300.00', { id: 'p1', orderId: 'o1' })]);
    expect(catalogFor(p, s, AT).rewards[0]).toMatchObject({ rewardId: 'pay', canRedeem: true, missingPoints: 0 });
  });

  it('refuses an `at` without an offset', () => {
    try {
      catalogFor(program, gold(), '2024-03-02T12:00:00');
      expect.unreachable('should throw');
    } catch (error) {
      expect(isLoyaltyError(error) && error.code).toBe('invalid_argument');
    }
  });
});
