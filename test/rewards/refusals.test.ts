// Refused redemptions: every reason with its details, the order in which the checks apply, a refusal
// leaving the state alone, and duplicate redemption events. Expected values are computed by hand.
//
// Spec order: unknown_reward, reward_not_active, tier_not_allowed, order_required, limit_reached
// (per order min/max, then the member limit), out_of_stock, insufficient_points.
import { describe, expect, it } from 'vitest';
import {
  LoyaltyError,
  balanceOf,
  evaluate,
  isLoyaltyError,
  ledgerEntries,
  newMemberState,
  safeEvaluate,
  type Effect,
  type EvaluateOptions,
  type MemberState,
  type Program,
  type ProgramInput,
  type RedemptionRefusedEffect,
  type RewardRedeemedEffect,
} from '../../src/index.js';
import { member, only } from '../tiers/support.js';
import { makeProgram, purchase } from '../helpers.js';

type Catalog = NonNullable<ProgramInput['rewards']>['catalog'];
const SALT = 'salt-for-tests-0123456789';

const TIERS: NonNullable<ProgramInput['tiers']> = {
  window: { kind: 'rolling', months: 6 },
  levels: [
    { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
    { id: 'gold', criteria: { metric: 'spend', atLeast: '500' } },
  ],
  downgrade: { kind: 'grace', days: 30 },
};

const CATALOG: Catalog = [
  { id: 'summer', kind: 'coupon', cost: 100, active: { from: '2024-06-01', until: '2024-06-30' } },
  { id: 'july', kind: 'coupon', cost: 10, active: { from: '2024-07-01' } },
  { id: 'lounge', kind: 'experience', cost: 100, tiers: ['gold'] },
  { id: 'silver-only', kind: 'coupon', cost: 10, tiers: ['silver'] },
  { id: 'pay', kind: 'points-payment', cost: 100, value: '1', perOrder: { min: 2, max: 5 } },
  { id: 'daily', kind: 'coupon', cost: 10, limit: { count: 1, per: 'day' } },
  { id: 'monthly', kind: 'coupon', cost: 10, limit: { count: 2, per: 'month' } },
  { id: 'once', kind: 'coupon', cost: 10, limit: { count: 1, per: 'lifetime' } },
  { id: 'tee', kind: 'free-product', cost: 100, sku: 'TEE', stock: 50 },
  { id: 'keep', kind: 'gift-card', cost: 100, value: '5', minBalanceAfter: 100 },
  { id: 'c60', kind: 'coupon', cost: 60 },
  { id: 'huge', kind: 'coupon', cost: 100000 },
  // several reasons at once
  { id: 'all-bad', kind: 'gift-card', cost: 100000, value: '1000', active: { from: '2024-06-01', until: '2024-06-30' }, tiers: ['gold'], stock: 5, limit: { count: 1, per: 'lifetime' } },
  { id: 'pay-gold', kind: 'points-payment', cost: 100, value: '1', tiers: ['gold'], perOrder: { max: 3 }, limit: { count: 3, per: 'lifetime' } },
  { id: 'lim-stock', kind: 'coupon', cost: 400, limit: { count: 1, per: 'lifetime' }, stock: 10 },
];

const program = makeProgram({ tiers: TIERS, rewards: { codeSalt: SALT, catalog: CATALOG } });


let n = 0;
function redemption(at: string, rewardId: string, extra: { id?: string; quantity?: number; orderId?: string } = {}): Record<string, unknown> {
  return {
    id: extra.id ?? `rd-${++n}`,
    type: 'redemption',
    memberId: 'm1',
    at,
    rewardId,
    ...(extra.quantity === undefined ? {} : { quantity: extra.quantity }),
    ...(extra.orderId === undefined ? {} : { orderId: extra.orderId }),
  };
}

function refusedOf(effects: readonly Effect[]): RedemptionRefusedEffect {
  const found = effects.filter((e): e is RedemptionRefusedEffect => e.type === 'redemption_refused');
  expect(found).toHaveLength(1);
  expect(effects.some((e) => e.type === 'reward_redeemed')).toBe(false);
  return found[0] as RedemptionRefusedEffect;
}
const redeemedOf = (effects: readonly Effect[]): RewardRedeemedEffect => only(effects, 'reward_redeemed');

/** A member who bought for £amount on `at` (amount points; £150 → silver, £600 → gold). */
function buyer(amount: string, at = '2024-06-01T10:00:00Z', p: Program = program): ReturnType<typeof member> {
  const m = member(p);
  m.step(purchase(at, amount, { id: 'p1', orderId: 'o1' }));
  return m;
}

describe('each reason and its details', () => {
  it('unknown_reward: a reward not in the catalog', () => {
    const m = buyer('600.00');
    const effects = m.step(redemption('2024-06-02T10:00:00Z', 'nope', { id: 'x1' }));
    expect(effects).toEqual([
      { type: 'redemption_refused', id: 'x1:0', memberId: 'm1', eventId: 'x1', at: '2024-06-02T10:00:00.000Z', rewardId: 'nope', reason: 'unknown_reward', details: {} },
    ]);
  });

  it('unknown_reward: a program without rewards', () => {
    const plain = makeProgram();
    const m = buyer('600.00', '2024-06-01T10:00:00Z', plain);
    expect(refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'coffee'))).reason).toBe('unknown_reward');
    expect(balanceOf(m.state)).toBe(600);
  });

  it('reward_not_active: active dates are inclusive calendar dates in the program zone (London, BST in June)', () => {
    const m = buyer('600.00', '2024-05-01T10:00:00Z'); // 600 points
    // 31 May 22:59:59 UTC = 23:59:59 BST on 31 May: the day before `from`
    const before = refusedOf(m.step(redemption('2024-05-31T22:59:59Z', 'summer')));
    expect(before.reason).toBe('reward_not_active');
    expect(before.details).toEqual({ date: '2024-05-31', from: '2024-06-01', until: '2024-06-30' });
    // 31 May 23:00 UTC = 00:00 BST on 1 June: active (although still 31 May in UTC)
    redeemedOf(m.step(redemption('2024-05-31T23:00:00Z', 'summer')));
    // 30 June 22:59:59 UTC = 23:59:59 BST on 30 June: `until` is inclusive
    redeemedOf(m.step(redemption('2024-06-30T22:59:59Z', 'summer')));
    // 30 June 23:00 UTC = 00:00 BST on 1 July: over
    const after = refusedOf(m.step(redemption('2024-06-30T23:00:00Z', 'summer')));
    expect(after.reason).toBe('reward_not_active');
    expect(after.details).toEqual({ date: '2024-07-01', from: '2024-06-01', until: '2024-06-30' });
    // an open-ended `from` only: until is null
    expect(refusedOf(m.step(redemption('2024-06-30T22:59:59Z', 'july'))).details).toEqual({ date: '2024-06-30', from: '2024-07-01', until: null });
    // 600 − 100 − 100 = 400
    expect(balanceOf(m.state)).toBe(400);
  });

  it('tier_not_allowed: the level in force is not among the reward’s tiers', () => {
    const silver = buyer('150.00'); // £150 ≥ £100: silver, 150 points
    expect(silver.state.tier?.effective).toBe('silver');
    const r = refusedOf(silver.step(redemption('2024-06-02T10:00:00Z', 'lounge')));
    expect(r.reason).toBe('tier_not_allowed');
    expect(r.details).toEqual({ level: 'silver', allowed: ['gold'] });

    // a gold member is not silver: the list names the levels allowed
    const gold = buyer('600.00');
    expect(refusedOf(gold.step(redemption('2024-06-02T10:00:00Z', 'silver-only'))).details).toEqual({ level: 'gold', allowed: ['silver'] });
    redeemedOf(gold.step(redemption('2024-06-02T10:00:00Z', 'lounge')));

    // no level at all (£50 < £100)
    const none = buyer('50.00');
    expect(none.state.tier?.effective ?? null).toBeNull();
    expect(refusedOf(none.step(redemption('2024-06-02T10:00:00Z', 'lounge'))).details).toEqual({ level: null, allowed: ['gold'] });
  });

  it('order_required: points as payment without an orderId', () => {
    const m = buyer('600.00');
    const r = refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'pay', { quantity: 2 })));
    expect(r.reason).toBe('order_required');
    expect(r.rewardId).toBe('pay');
  });

  it('limit_reached: per order (min and max)', () => {
    const m = buyer('2000.00'); // 2000 points
    // 0 + 1 < min 2
    expect(refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'pay', { quantity: 1, orderId: 'A' }))).details).toMatchObject({ minPerOrder: 2, onOrder: 0, requested: 1 });
    // 0 + 6 > max 5
    expect(refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'pay', { quantity: 6, orderId: 'A' }))).details).toMatchObject({ maxPerOrder: 5, onOrder: 0, requested: 6 });
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'pay', { quantity: 4, orderId: 'A' })));
    // 4 + 2 = 6 > 5
    const r = refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'pay', { quantity: 2, orderId: 'A' })));
    expect(r.reason).toBe('limit_reached');
    expect(r.details).toMatchObject({ maxPerOrder: 5, onOrder: 4, requested: 2 });
    // 2000 − 400 = 1600
    expect(balanceOf(m.state)).toBe(1600);
  });

  it('limit_reached: per day, on the program’s calendar (London)', () => {
    const m = buyer('600.00');
    // 10 June 22:30 UTC = 23:30 BST, 10 June
    redeemedOf(m.step(redemption('2024-06-10T22:30:00Z', 'daily')));
    // 10 June 23:30 UTC = 00:30 BST, 11 June: a new day in London although the same UTC day
    redeemedOf(m.step(redemption('2024-06-10T23:30:00Z', 'daily')));
    // 11 June 12:00 UTC: still 11 June in London, 1 already used
    const r = refusedOf(m.step(redemption('2024-06-11T12:00:00Z', 'daily')));
    expect(r.reason).toBe('limit_reached');
    expect(r.details).toEqual({ limit: 1, per: 'day', used: 1, requested: 1 });
  });

  it('limit_reached: per month, on the program’s calendar', () => {
    const m = buyer('600.00');
    redeemedOf(m.step(redemption('2024-06-05T10:00:00Z', 'monthly')));
    redeemedOf(m.step(redemption('2024-06-20T10:00:00Z', 'monthly')));
    // 30 June 22:30 UTC = 23:30 BST on 30 June: June has 2 already
    expect(refusedOf(m.step(redemption('2024-06-30T22:30:00Z', 'monthly'))).details).toEqual({ limit: 2, per: 'month', used: 2, requested: 1 });
    // 30 June 23:30 UTC = 00:30 BST on 1 July: a new month
    redeemedOf(m.step(redemption('2024-06-30T23:30:00Z', 'monthly')));
    redeemedOf(m.step(redemption('2024-07-15T10:00:00Z', 'monthly')));
    expect(refusedOf(m.step(redemption('2024-07-31T10:00:00Z', 'monthly'))).details).toEqual({ limit: 2, per: 'month', used: 2, requested: 1 });
    // 4 redeemed × 10 = 40: 600 − 40 = 560
    expect(balanceOf(m.state)).toBe(560);
  });

  it('limit_reached: per year, on the program’s calendar (New York)', () => {
    const ny = makeProgram({ timezone: 'America/New_York', currency: 'USD', rewards: { codeSalt: SALT, catalog: [{ id: 'yearly', kind: 'coupon', cost: 10, limit: { count: 1, per: 'year' } }] } });
    const m = member(ny);
    m.step(purchase('2024-06-01T12:00:00Z', '100.00', { id: 'p1', orderId: 'o1', currency: 'USD' }));
    redeemedOf(m.step(redemption('2024-07-01T12:00:00Z', 'yearly')));
    // 1 Jan 2025 03:00 UTC = 31 Dec 2024 22:00 EST: still 2024 in New York
    expect(refusedOf(m.step(redemption('2025-01-01T03:00:00Z', 'yearly'))).details).toEqual({ limit: 1, per: 'year', used: 1, requested: 1 });
    // 1 Jan 2025 05:00 UTC = 00:00 EST: 2025
    redeemedOf(m.step(redemption('2025-01-01T05:00:00Z', 'yearly')));
  });

  it('limit_reached: lifetime', () => {
    const m = buyer('600.00');
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'once')));
    expect(refusedOf(m.step(redemption('2025-06-02T10:00:00Z', 'once'))).details).toEqual({ limit: 1, per: 'lifetime', used: 1, requested: 1 });
  });

  it('out_of_stock: only against the stock the host passes', () => {
    const m = buyer('600.00');
    const none = refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'tee'), { stock: { tee: 0 } }));
    expect(none.reason).toBe('out_of_stock');
    expect(none.details).toEqual({ available: 0, requested: 1 });
    // 1 left, 2 asked: 1 < 2
    expect(refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'tee', { quantity: 2 }), { stock: { tee: 1 } })).details).toEqual({ available: 1, requested: 2 });
    // 2 left, 2 asked: enough
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'tee', { quantity: 2 }), { stock: { tee: 2 } }));
    // no figure for this reward: not refused
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'tee'), { stock: { other: 0 } }));
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'tee')));
    // 4 tees × 100 = 400: 600 − 400 = 200
    expect(balanceOf(m.state)).toBe(200);
  });

  it('insufficient_points: needed = cost × quantity + minBalanceAfter, available, missing', () => {
    const m = buyer('150.00'); // 150 points
    // 100 + minBalanceAfter 100 = 200 needed; 200 − 150 = 50 missing
    const keep = refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'keep')));
    expect(keep.reason).toBe('insufficient_points');
    expect(keep.details).toMatchObject({ needed: 200, available: 150, missing: 50 });
    // 60 × 3 = 180 needed; 180 − 150 = 30 missing
    const three = refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'c60', { quantity: 3 })));
    expect(three.details).toMatchObject({ needed: 180, available: 150, missing: 30 });
    // 60 × 2 = 120 ≤ 150
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'c60', { quantity: 2 })));
    expect(balanceOf(m.state)).toBe(30);
  });

  it('minBalanceAfter: leaving exactly that many points is allowed', () => {
    const m = buyer('200.00');
    // 200 − 100 = 100 = minBalanceAfter
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'keep')));
    expect(balanceOf(m.state)).toBe(100);
    // now 100 < 100 + 100
    expect(refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'keep'))).details).toMatchObject({ needed: 200, available: 100, missing: 100 });
  });
});

describe('the order of the checks when several apply', () => {
  it('reward_not_active before tier_not_allowed, before out_of_stock, before insufficient_points', () => {
    // 'all-bad': active in June 2024 only, gold only, stock, costs 100000
    const silver = buyer('150.00', '2024-05-01T10:00:00Z');
    // May, silver, no stock, too few points: not active first
    expect(refusedOf(silver.step(redemption('2024-05-15T10:00:00Z', 'all-bad'), { stock: { 'all-bad': 0 } })).reason).toBe('reward_not_active');
    // June, silver: tier next
    expect(refusedOf(silver.step(redemption('2024-06-15T10:00:00Z', 'all-bad'), { stock: { 'all-bad': 0 } })).reason).toBe('tier_not_allowed');
    const gold = buyer('600.00', '2024-06-01T10:00:00Z');
    // June, gold, none in stock, 600 < 100000: stock before points
    expect(refusedOf(gold.step(redemption('2024-06-15T10:00:00Z', 'all-bad'), { stock: { 'all-bad': 0 } })).reason).toBe('out_of_stock');
    // in stock: points
    expect(refusedOf(gold.step(redemption('2024-06-15T10:00:00Z', 'all-bad'), { stock: { 'all-bad': 5 } })).details).toMatchObject({
      needed: 100000,
      available: 600,
      missing: 99400, // 100000 − 600
    });
  });

  it('tier_not_allowed before order_required before limits and points', () => {
    const silver = buyer('150.00');
    expect(refusedOf(silver.step(redemption('2024-06-02T10:00:00Z', 'pay-gold'))).reason).toBe('tier_not_allowed');
    const gold = buyer('600.00');
    // no order, and 10 units (10 > max 3 and 1000 > 600 points): the order first
    expect(refusedOf(gold.step(redemption('2024-06-02T10:00:00Z', 'pay-gold', { quantity: 10 }))).reason).toBe('order_required');
  });

  it('the per-order limit before the member limit, both before points', () => {
    const m = buyer('600.00');
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'pay-gold', { quantity: 3, orderId: 'A' }))); // 300 points
    // on A: 3 + 1 > max 3, and the member's lifetime 3 + 1 > 3: per-order reported
    const both = refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'pay-gold', { quantity: 1, orderId: 'A' })));
    expect(both.reason).toBe('limit_reached');
    expect(both.details).toMatchObject({ maxPerOrder: 3, onOrder: 3, requested: 1 });
    // on B: 0 + 1 ≤ 3 is fine for the order, 3 + 1 > 3 is not for the member (100 ≤ 300 points left)
    const member = refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'pay-gold', { quantity: 1, orderId: 'B' })));
    expect(member.reason).toBe('limit_reached');
    expect(member.details).toEqual({ limit: 3, per: 'lifetime', used: 3, requested: 1 });
  });

  it('limit_reached before out_of_stock before insufficient_points', () => {
    const m = buyer('600.00');
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'lim-stock'))); // 600 − 400 = 200 left
    // limit used, none in stock, 200 < 400: the limit
    expect(refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'lim-stock'), { stock: { 'lim-stock': 0 } })).reason).toBe('limit_reached');
    // 'tee' (no limit): none in stock, and 3 × 100 = 300 > 200 points left: the stock
    expect(refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'tee', { quantity: 3 }), { stock: { tee: 0 } })).reason).toBe('out_of_stock');
  });

  it('unknown_reward before everything', () => {
    const m = buyer('0.50'); // 0 points, no level
    expect(refusedOf(m.step(redemption('2024-06-02T10:00:00Z', 'nope', { quantity: 10 }), { stock: { nope: 0 } })).reason).toBe('unknown_reward');
  });
});

describe('a refusal changes nothing but version and lastEventAt', () => {
  // A gold member with 600 points who redeemed 'once' (10 points) on 2 June.
  function established(): MemberState {
    const m = buyer('600.00');
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'once', { id: 'first' })));
    return m.state;
  }
  const AT = '2024-06-03T10:00:00Z';
  const cases: [string, Record<string, unknown>, EvaluateOptions][] = [
    ['unknown_reward', redemption(AT, 'nope', { id: 'x' }), {}],
    ['reward_not_active', redemption(AT, 'july', { id: 'x' }), {}],
    ['tier_not_allowed', redemption(AT, 'silver-only', { id: 'x' }), {}],
    ['order_required', redemption(AT, 'pay', { id: 'x', quantity: 2 }), {}],
    ['limit_reached', redemption(AT, 'once', { id: 'x' }), {}],
    ['out_of_stock', redemption(AT, 'tee', { id: 'x' }), { stock: { tee: 0 } }],
    ['insufficient_points', redemption(AT, 'huge', { id: 'x' }), {}],
  ];

  it.each(cases)('%s', (reason, event, options) => {
    const before = established();
    const snapshot = structuredClone(before);
    const { state, effects } = evaluate(program, before, event, options);
    expect(effects).toHaveLength(1);
    expect(effects[0]).toMatchObject({ type: 'redemption_refused', id: 'x:0', reason });
    expect(ledgerEntries(effects)).toEqual([]);
    expect(state).toEqual({ ...snapshot, version: snapshot.version + 1, lastEventAt: '2024-06-03T10:00:00.000Z' });
    // the input is untouched
    expect(before).toEqual(snapshot);
    // and the refused event id is not recorded as a redemption
    expect(Object.keys(state.redemptions)).toEqual(['first']);
  });

  it('apart from expiry that time made due: a refusal leaves the state a tick would', () => {
    // 30-day expiry: £100 on 1 March 10:00 GMT expires 31 March 10:00 BST = 09:00 UTC;
    // £50 on 20 March expires 19 April 10:00 BST = 09:00 UTC
    const p = makeProgram({ points: { expiry: { kind: 'days-after-earning', days: 30 } }, rewards: { codeSalt: SALT, catalog: [{ id: 'c100', kind: 'coupon', cost: 100 }] } });
    let state = newMemberState(p, 'm1');
    state = evaluate(p, state, purchase('2024-03-01T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' })).state;
    state = evaluate(p, state, purchase('2024-03-20T10:00:00Z', '50.00', { id: 'p2', orderId: 'o2' })).state;
    const at = '2024-04-05T10:00:00Z';
    const refused = evaluate(p, state, redemption(at, 'c100', { id: 'x' }));
    // the 100 expired on 31 March; 50 left < 100
    expect(refused.effects.map((e) => e.type)).toEqual(['ledger', 'redemption_refused']);
    expect(ledgerEntries(refused.effects)).toEqual([expect.objectContaining({ kind: 'expire', points: -100, at: '2024-03-31T09:00:00.000Z' })]);
    expect(refusedOf(refused.effects).details).toMatchObject({ needed: 100, available: 50, missing: 50 });
    const ticked = evaluate(p, state, { id: 't', type: 'tick', memberId: 'm1', at });
    expect(refused.state).toEqual(ticked.state);
    expect(refused.state.totals).toMatchObject({ earned: 150, expired: 100, redeemed: 0 });
  });
});

describe('duplicate redemption events', () => {
  it('the same redemption event applied twice: LoyaltyError duplicate_event, nothing applied', () => {
    const m = buyer('600.00');
    const event = redemption('2024-06-02T10:00:00Z', 'c60', { id: 'r1' });
    redeemedOf(m.step(event));
    const state = m.state;
    const snapshot = structuredClone(state);
    expect(() => evaluate(program, state, event)).toThrow(LoyaltyError);
    try {
      evaluate(program, state, event);
      expect.unreachable('should throw');
    } catch (error) {
      expect(isLoyaltyError(error) && error.code).toBe('duplicate_event');
    }
    const safe = safeEvaluate(program, state, event);
    expect(safe.success).toBe(false);
    if (!safe.success) expect(safe.error.code).toBe('duplicate_event');
    expect(state).toEqual(snapshot);
    expect(balanceOf(state)).toBe(540); // 600 − 60, once
  });

  it('the id is what counts: another reward at another time under the same id is a duplicate too', () => {
    const m = buyer('600.00');
    redeemedOf(m.step(redemption('2024-06-02T10:00:00Z', 'c60', { id: 'r1' })));
    const again = safeEvaluate(program, m.state, redemption('2024-06-05T10:00:00Z', 'tee', { id: 'r1' }));
    expect(again.success).toBe(false);
    if (!again.success) expect(again.error.code).toBe('duplicate_event');
  });

  it('still a duplicate after the redemption was reversed', () => {
    const m = buyer('600.00');
    const event = redemption('2024-06-02T10:00:00Z', 'c60', { id: 'r1' });
    redeemedOf(m.step(event));
    m.step({ id: 'rv1', type: 'redemption_reversal', memberId: 'm1', at: '2024-06-03T10:00:00Z', redemptionId: 'r1' });
    const again = safeEvaluate(program, m.state, event);
    expect(again.success).toBe(false);
    if (!again.success) expect(again.error.code).toBe('duplicate_event');
  });
});
