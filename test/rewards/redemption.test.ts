// Redemption examples (rewards catalog, `redemption` events). Expected values are computed by hand
// from the spec; the arithmetic is in the comments.
//
// Base program (test/helpers.ts makeProgram): id 'test', GBP, Europe/London, 1 point per £1.00,
// floor rounding, no pending, no expiry, debt policy. A purchase of £N earns N points.
import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  defineProgram,
  evaluate,
  ledgerEntries,
  newMemberState,
  safeEvaluate,
  type Effect,
  type Program,
  type ProgramInput,
  type RedemptionRefusedEffect,
  type RewardRedeemedEffect,
} from '../../src/index.js';
import { member, only } from '../tiers/support.js';
import { makeProgram, purchase } from '../helpers.js';

type Catalog = NonNullable<ProgramInput['rewards']>['catalog'];
const SALT = 'salt-for-tests-0123456789';
const CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}){2}$/;

function withCatalog(catalog: Catalog, extra: Partial<Omit<ProgramInput, 'points'>> & { points?: Partial<ProgramInput['points']> } = {}, salt = SALT): Program {
  return makeProgram({ rewards: { codeSalt: salt, catalog }, ...extra });
}


function redemption(id: string, at: string, rewardId: string, extra: { quantity?: number; orderId?: string; memberId?: string } = {}): Record<string, unknown> {
  return {
    id,
    type: 'redemption',
    memberId: extra.memberId ?? 'm1',
    at,
    rewardId,
    ...(extra.quantity === undefined ? {} : { quantity: extra.quantity }),
    ...(extra.orderId === undefined ? {} : { orderId: extra.orderId }),
  };
}

const redeemedOf = (effects: readonly Effect[]): RewardRedeemedEffect => only(effects, 'reward_redeemed');
const refusedOf = (effects: readonly Effect[]): RedemptionRefusedEffect => only(effects, 'redemption_refused');

// One reward of every kind, each with the fields its kind needs.
const ALL_KINDS: Catalog = [
  { id: 'pct20', kind: 'percent-discount', cost: 200, percent: '20' },
  { id: 'off10', kind: 'fixed-discount', cost: 500, value: '10.50' },
  { id: 'mug', kind: 'free-product', cost: 300, sku: 'MUG-01' },
  { id: 'ship', kind: 'free-shipping', cost: 100 },
  { id: 'gc25', kind: 'gift-card', cost: 2500, value: '25' },
  { id: 'coupon', kind: 'coupon', cost: 50 },
  { id: 'wallet5', kind: 'wallet-credit', cost: 400, value: '5.00' },
  { id: 'charity10', kind: 'charity', cost: 500, value: '10', cause: 'Ocean Cleanup' },
  { id: 'tour', kind: 'experience', cost: 1000 },
  { id: 'airmiles', kind: 'partner', cost: 700, partner: 'SkyAir' },
  { id: 'pay', kind: 'points-payment', cost: 100, value: '1.00', perOrder: { min: 2, max: 10 } },
];

describe('reward_redeemed: the fields of every reward kind', () => {
  // wallet-credit rewards need the program's wallet (a requirement of the wallet feature)
  const program = withCatalog(ALL_KINDS, { wallet: { rounding: 'floor' } });
  const AT = '2024-03-02T10:00:00Z';
  const ISO = '2024-03-02T10:00:00.000Z';

  // [rewardId, event extras, expected kind-specific fields, points]
  const cases: [string, { quantity?: number; orderId?: string }, Record<string, unknown>, number][] = [
    // 200 × 1 = 200; the percent as given
    ['pct20', {}, { kind: 'percent-discount', quantity: 1, percent: '20' }, 200],
    // 500 × 3 = 1500 points; value 10.50 × 3 = 31.50, written as the normalised decimal "31.5"
    // (the program itself stores "10.50" as "10.5")
    ['off10', { quantity: 3 }, { kind: 'fixed-discount', quantity: 3, value: '31.5' }, 1500],
    ['mug', {}, { kind: 'free-product', quantity: 1, sku: 'MUG-01' }, 300],
    // no value / percent / sku for free shipping
    ['ship', {}, { kind: 'free-shipping', quantity: 1 }, 100],
    // 2500 × 2 = 5000 points; 25 × 2 = 50
    ['gc25', { quantity: 2 }, { kind: 'gift-card', quantity: 2, value: '50' }, 5000],
    ['coupon', {}, { kind: 'coupon', quantity: 1 }, 50],
    // 5.00 → "5"
    ['wallet5', {}, { kind: 'wallet-credit', quantity: 1, value: '5' }, 400],
    // the spec's example: 500 points = 10 donated
    ['charity10', {}, { kind: 'charity', quantity: 1, value: '10', cause: 'Ocean Cleanup' }, 500],
    ['tour', {}, { kind: 'experience', quantity: 1 }, 1000],
    ['airmiles', {}, { kind: 'partner', quantity: 1, partner: 'SkyAir' }, 700],
    // 4 units × 100 = 400 points for 4 × 1.00 = 4 off order o-9
    ['pay', { quantity: 4, orderId: 'o-9' }, { kind: 'points-payment', quantity: 4, value: '4', orderId: 'o-9' }, 400],
  ];

  it.each(cases)('%s', (rewardId, extra, fields, points) => {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '10000.00', { id: 'p1', orderId: 'o1' })); // 10000 points
    const effects = m.step(redemption('rd', AT, rewardId, extra));
    const quantity = extra.quantity ?? 1;

    const e = redeemedOf(effects);
    expect(e).toEqual({
      type: 'reward_redeemed',
      // ledger entry is effect 0, the redeemed effect is effect 1
      id: 'rd:1',
      memberId: 'm1',
      eventId: 'rd',
      at: ISO,
      rewardId,
      points,
      ...fields,
      codes: expect.any(Array),
      validUntil: null,
      // none of these rewards has stock: no reserve
    });
    expect(e.codes).toHaveLength(quantity);
    for (const c of e.codes) expect(c).toMatch(CODE);
    expect(new Set(e.codes).size).toBe(quantity);

    // exactly one redeem ledger entry of −cost × quantity
    const entries = ledgerEntries(effects);
    expect(entries).toEqual([
      expect.objectContaining({
        id: 'rd:0',
        kind: 'redeem',
        points: -points,
        ruleId: `rewards.${rewardId}`,
        at: ISO,
        ...(extra.orderId === undefined ? {} : { orderId: extra.orderId }),
      }),
    ]);
    expect(balanceOf(m.state)).toBe(10000 - points);
    expect(m.state.totals.redeemed).toBe(points);
    expect(m.state.totals.reversed).toBe(0);
  });

  it('totals and balance over a sequence of redemptions', () => {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '10000.00', { id: 'p1', orderId: 'o1' }));
    m.step(redemption('r1', AT, 'pct20')); // 200
    m.step(redemption('r2', AT, 'gc25', { quantity: 2 })); // 5000
    m.step(redemption('r3', AT, 'pay', { quantity: 3, orderId: 'o1' })); // 300
    m.step(redemption('r4', AT, 'charity10')); // 500
    // redeemed 200 + 5000 + 300 + 500 = 6000
    expect(m.state.totals).toMatchObject({ earned: 10000, redeemed: 6000, reversed: 0, expired: 0, clawedBack: 0, adjusted: 0, debtRecovered: 0 });
    // balance = earned − clawedBack − expired + adjusted − debtRecovered − redeemed + reversed = 10000 − 6000 = 4000
    expect(balanceOf(m.state)).toBe(4000);
    expect(Object.keys(m.state.redemptions).sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(m.state.redemptions['r3']).toMatchObject({ rewardId: 'pay', quantity: 3, points: 300, orderId: 'o1', day: '2024-03-02' });
  });

  it('quantity defaults to 1', () => {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '1000.00', { id: 'p1', orderId: 'o1' }));
    const e = redeemedOf(m.step(redemption('r1', AT, 'mug')));
    expect(e.quantity).toBe(1);
    expect(e.points).toBe(300);
    expect(e.codes).toHaveLength(1);
  });

  it('quantity must be a whole number from 1: 0 or 1.5 is an invalid event, nothing applied', () => {
    let state = newMemberState(program, 'm1');
    state = evaluate(program, state, purchase('2024-03-01T10:00:00Z', '1000.00', { id: 'p1', orderId: 'o1' })).state;
    for (const quantity of [0, 1.5]) {
      const r = safeEvaluate(program, state, redemption('rq', AT, 'mug', { quantity }));
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.code).toBe('invalid_event');
    }
  });

  it('a reward with stock announces the units to reserve', () => {
    const stocked = withCatalog([{ id: 'tee', kind: 'free-product', cost: 100, sku: 'TEE', stock: 50 }]);
    const m = member(stocked);
    m.step(purchase('2024-03-01T10:00:00Z', '500.00', { id: 'p1', orderId: 'o1' }));
    // host has 3 left, the member takes 3: 3 ≥ 3, allowed; 3 × 100 = 300 points
    const e = redeemedOf(m.step(redemption('r1', AT, 'tee', { quantity: 3 }), { stock: { tee: 3 } }));
    expect(e.reserve).toEqual({ rewardId: 'tee', quantity: 3 });
    expect(e.points).toBe(300);
    // without a stock snapshot from the host, the engine does not refuse
    const e2 = redeemedOf(m.step(redemption('r2', AT, 'tee')));
    expect(e2.reserve).toEqual({ rewardId: 'tee', quantity: 1 });
  });
});

describe('points as payment (points-payment)', () => {
  // each unit: 100 points for 1.00 off the order; 2 to 10 units per order over all its redemptions
  const program = withCatalog([{ id: 'pay', kind: 'points-payment', cost: 100, value: '1.00', perOrder: { min: 2, max: 10 } }]);
  const AT = '2024-03-02T10:00:00Z';

  function funded(): ReturnType<typeof member> {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '5000.00', { id: 'p1', orderId: 'o1' })); // 5000 points
    return m;
  }

  it('spends cost × units for value × units off the named order; the ledger entry names the order', () => {
    const m = funded();
    const effects = m.step(redemption('r1', AT, 'pay', { quantity: 5, orderId: 'o-77' }));
    const e = redeemedOf(effects);
    // 5 × 100 = 500 points, 5 × 1.00 = 5 off
    expect(e).toMatchObject({ kind: 'points-payment', quantity: 5, points: 500, value: '5', orderId: 'o-77' });
    expect(e.codes).toHaveLength(5);
    expect(ledgerEntries(effects)).toEqual([expect.objectContaining({ kind: 'redeem', points: -500, ruleId: 'rewards.pay', orderId: 'o-77' })]);
    expect(balanceOf(m.state)).toBe(4500); // 5000 − 500
  });

  it('without an orderId: order_required', () => {
    const m = funded();
    const r = refusedOf(m.step(redemption('r1', AT, 'pay', { quantity: 2 })));
    expect(r).toMatchObject({ reason: 'order_required', rewardId: 'pay' });
    expect(balanceOf(m.state)).toBe(5000);
  });

  it('perOrder.max counts every redemption on the order', () => {
    const m = funded();
    redeemedOf(m.step(redemption('r1', AT, 'pay', { quantity: 5, orderId: 'o-77' })));
    // 5 already + 6 = 11 > max 10
    const r = refusedOf(m.step(redemption('r2', AT, 'pay', { quantity: 6, orderId: 'o-77' })));
    expect(r.reason).toBe('limit_reached');
    expect(r.details).toMatchObject({ maxPerOrder: 10, onOrder: 5, requested: 6 });
    // 5 + 5 = 10 ≤ 10: allowed
    const e = redeemedOf(m.step(redemption('r3', AT, 'pay', { quantity: 5, orderId: 'o-77' })));
    expect(e.points).toBe(500);
    // 10 + 1 = 11 > 10
    expect(refusedOf(m.step(redemption('r4', AT, 'pay', { quantity: 1, orderId: 'o-77' }))).details).toMatchObject({ maxPerOrder: 10, onOrder: 10, requested: 1 });
    // another order has its own count: 10 units on o-78 are fine
    expect(redeemedOf(m.step(redemption('r5', AT, 'pay', { quantity: 10, orderId: 'o-78' }))).points).toBe(1000);
    // 5000 − 500 − 500 − 1000 = 3000
    expect(balanceOf(m.state)).toBe(3000);
  });

  it('perOrder.min: a first redemption of fewer units is refused; later ones count what the order already has', () => {
    const m = funded();
    // 0 + 1 = 1 < min 2
    const r = refusedOf(m.step(redemption('r1', AT, 'pay', { quantity: 1, orderId: 'o-80' })));
    expect(r.reason).toBe('limit_reached');
    expect(r.details).toMatchObject({ minPerOrder: 2, onOrder: 0, requested: 1 });
    redeemedOf(m.step(redemption('r2', AT, 'pay', { quantity: 2, orderId: 'o-80' })));
    // 2 + 1 = 3 ≥ 2: allowed
    expect(redeemedOf(m.step(redemption('r3', AT, 'pay', { quantity: 1, orderId: 'o-80' }))).points).toBe(100);
  });
});

describe('validUntil: validDays later at the same wall-clock time in the program zone', () => {
  const program = withCatalog([
    { id: 'v14', kind: 'coupon', cost: 10, validDays: 14 },
    { id: 'forever', kind: 'coupon', cost: 10 },
  ]);

  it('across the spring change (London: GMT → BST on 31 March 2024)', () => {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' }));
    // 20 March 12:00 GMT + 14 days = 3 April 12:00 BST = 11:00 UTC
    const e = redeemedOf(m.step(redemption('r1', '2024-03-20T12:00:00Z', 'v14')));
    expect(e.validUntil).toBe('2024-04-03T11:00:00.000Z');
  });

  it('across the autumn change (BST → GMT on 27 October 2024)', () => {
    const m = member(program);
    m.step(purchase('2024-10-01T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' }));
    // 20 October 12:00 UTC = 13:00 BST; + 14 days = 3 November 13:00 GMT = 13:00 UTC
    const e = redeemedOf(m.step(redemption('r1', '2024-10-20T12:00:00Z', 'v14')));
    expect(e.validUntil).toBe('2024-11-03T13:00:00.000Z');
  });

  it('no validDays: validUntil is null', () => {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' }));
    expect(redeemedOf(m.step(redemption('r1', '2024-03-20T12:00:00Z', 'forever'))).validUntil).toBeNull();
  });
});

describe('codes', () => {
  const catalog: Catalog = [{ id: 'gc', kind: 'gift-card', cost: 10, value: '5' }];
  const program = withCatalog(catalog);

  function codesFor(p: Program, eventId: string, quantity: number): readonly string[] {
    let state = newMemberState(p, 'm1');
    state = evaluate(p, state, purchase('2024-03-01T10:00:00Z', '1000.00', { id: 'p1', orderId: 'o1' })).state;
    return redeemedOf(evaluate(p, state, redemption(eventId, '2024-03-02T10:00:00Z', 'gc', { quantity })).effects).codes;
  }

  it('one code per unit, in the documented format, all different', () => {
    const codes = codesFor(program, 'r1', 5);
    expect(codes).toHaveLength(5);
    for (const c of codes) expect(c).toMatch(CODE);
    expect(new Set(codes).size).toBe(5);
  });

  it('deterministic: the same event id gives the same codes (a replay issues the same codes)', () => {
    expect(codesFor(program, 'r1', 3)).toEqual(codesFor(program, 'r1', 3));
    // the same event applied to the same state twice
    let state = newMemberState(program, 'm1');
    state = evaluate(program, state, purchase('2024-03-01T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' })).state;
    const event = redemption('r9', '2024-03-02T10:00:00Z', 'gc', { quantity: 2 });
    expect(redeemedOf(evaluate(program, state, event).effects).codes).toEqual(redeemedOf(evaluate(program, state, event).effects).codes);
  });

  it('a different event id or a different salt gives different codes', () => {
    const base = codesFor(program, 'r1', 2);
    expect(codesFor(program, 'r2', 2)).not.toEqual(base);
    const other = withCatalog(catalog, {}, 'another-salt-9876543210');
    const salted = codesFor(other, 'r1', 2);
    for (const c of salted) expect(c).toMatch(CODE);
    expect(salted[0]).not.toBe(base[0]);
    expect(salted[1]).not.toBe(base[1]);
  });

  it('the codes are kept with the redemption in the state', () => {
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' }));
    const e = redeemedOf(m.step(redemption('r1', '2024-03-02T10:00:00Z', 'gc', { quantity: 2 })));
    expect(m.state.redemptions['r1']?.codes).toEqual(e.codes);
  });
});

describe('which points are spent', () => {
  it('first to expire first, not oldest first', () => {
    // Version 1 lets points live 365 days, version 2 only 30. Points earned under v1 on 10 January
    // 2024 expire on 9 January 2025 (2024 has 366 days); points earned under v2 on 10 February expire on 11 March 2024
    // (10 Feb + 30 days: 19 days to 29 Feb, 11 more to 11 March). The later lot expires first.
    const def = (version: number, days: number): Program =>
      defineProgram({
        id: 'test',
        version,
        currency: 'GBP',
        timezone: 'Europe/London',
        points: { rounding: 'floor', expiry: { kind: 'days-after-earning', days }, negativeBalance: 'debt' },
        earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
        rewards: { codeSalt: SALT, catalog: [{ id: 'c', kind: 'coupon', cost: 150 }] },
      });
    const v1 = def(1, 365);
    const v2 = def(2, 30);
    let state = newMemberState(v1, 'm1');
    state = evaluate(v1, state, purchase('2024-01-10T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' })).state;
    state = evaluate(v2, state, purchase('2024-02-10T10:00:00Z', '100.00', { id: 'p2', orderId: 'o2' })).state;
    expect(state.lots.map((l) => [l.id, l.expiresAt])).toEqual([
      ['p2', '2024-03-11T10:00:00.000Z'],
      ['p1', '2025-01-09T10:00:00.000Z'],
    ]);
    const r = evaluate(v2, state, redemption('r1', '2024-02-11T10:00:00Z', 'c'));
    // 150 = all 100 of p2 (expires first) + 50 of p1
    expect(r.state.redemptions['r1']?.taken).toEqual([
      { points: 100, earnedAt: '2024-02-10T10:00:00.000Z', availableAt: '2024-02-10T10:00:00.000Z', expiresAt: '2024-03-11T10:00:00.000Z' },
      { points: 50, earnedAt: '2024-01-10T10:00:00.000Z', availableAt: '2024-01-10T10:00:00.000Z', expiresAt: '2025-01-09T10:00:00.000Z' },
    ]);
    expect(r.state.lots).toEqual([expect.objectContaining({ id: 'p1', points: 50 })]);
    // nothing left to expire on 11 March
    const after = evaluate(v2, r.state, { id: 't1', type: 'tick', memberId: 'm1', at: '2024-03-12T00:00:00Z' });
    expect(ledgerEntries(after.effects)).toEqual([]);
    expect(balanceOf(after.state)).toBe(50);
  });

  it('with equal expiry, the older lot goes first and what is left of the lots keeps its dates', () => {
    const program = withCatalog([{ id: 'c', kind: 'coupon', cost: 150 }], { points: { expiry: { kind: 'days-after-earning', days: 365 } } });
    const m = member(program);
    // + 365 days, and 29 February 2024 lies between: 10 Jan 2024 → 9 Jan 2025, 10 Feb 2024 → 9 Feb 2025 (10:00 GMT)
    m.step(purchase('2024-01-10T10:00:00Z', '100.00', { id: 'p1', orderId: 'o1' }));
    m.step(purchase('2024-02-10T10:00:00Z', '100.00', { id: 'p2', orderId: 'o2' }));
    m.step(redemption('r1', '2024-02-11T10:00:00Z', 'c'));
    // 150 = 100 of p1 + 50 of p2; p2 keeps 50 and its expiry
    expect(m.state.lots).toEqual([
      { id: 'p2', orderId: 'o2', earnedAt: '2024-02-10T10:00:00.000Z', availableAt: '2024-02-10T10:00:00.000Z', expiresAt: '2025-02-09T10:00:00.000Z', points: 50 },
    ]);
  });

  it('pending points count in the balance but cannot be spent', () => {
    // 14 pending days: £30 on 1 Feb is available on 15 Feb 10:00 GMT; £100 on 1 March on 15 March 10:00 GMT
    const program = withCatalog(
      [
        { id: 'c40', kind: 'coupon', cost: 40 },
        { id: 'c25', kind: 'coupon', cost: 25 },
      ],
      { points: { pendingDays: 14 } },
    );
    const m = member(program);
    m.step(purchase('2024-02-01T10:00:00Z', '30.00', { id: 'p1', orderId: 'o1' }));
    m.step(purchase('2024-03-01T10:00:00Z', '100.00', { id: 'p2', orderId: 'o2' }));
    // 5 March: balance 130, of which 30 available
    const refused = refusedOf(m.step(redemption('r1', '2024-03-05T10:00:00Z', 'c40')));
    expect(refused.reason).toBe('insufficient_points');
    // needed 40, available 30, missing 40 − 30 = 10
    expect(refused.details).toMatchObject({ needed: 40, available: 30, missing: 10 });
    expect(balanceOf(m.state)).toBe(130);

    // 25 ≤ 30: taken from the available lot only, the pending lot is untouched
    redeemedOf(m.step(redemption('r2', '2024-03-05T10:00:00Z', 'c25')));
    expect(m.state.lots.map((l) => [l.id, l.points])).toEqual([
      ['p1', 5],
      ['p2', 100],
    ]);
    // one second before p2 is available: 5 spendable
    expect(refusedOf(m.step(redemption('r3', '2024-03-15T09:59:59Z', 'c40'))).details).toMatchObject({ needed: 40, available: 5, missing: 35 });
    // at 15 March 10:00 GMT p2 is available: 5 + 100 = 105 ≥ 40
    redeemedOf(m.step(redemption('r4', '2024-03-15T10:00:00Z', 'c40')));
    // 40 = 5 of p1 + 35 of p2 → p2 keeps 65
    expect(m.state.lots.map((l) => [l.id, l.points])).toEqual([['p2', 65]]);
    // balance = 130 − 25 − 40 = 65
    expect(balanceOf(m.state)).toBe(65);
  });
});

describe('redemption and tiers', () => {
  it('redeeming never changes the tier, even when the tier counts points', () => {
    // gold at 500 qualifying points; grace 0 days: a member who stopped qualifying would drop at once
    const program = withCatalog([{ id: 'tv', kind: 'free-product', cost: 550, sku: 'TV' }], {
      tiers: {
        window: { kind: 'rolling', months: 6 },
        levels: [
          { id: 'silver', criteria: { metric: 'points', atLeast: '100' } },
          { id: 'gold', criteria: { metric: 'points', atLeast: '500' } },
        ],
        downgrade: { kind: 'grace', days: 0 },
      },
    });
    const m = member(program);
    m.step(purchase('2024-03-01T10:00:00Z', '600.00', { id: 'p1', orderId: 'o1' })); // 600 qualifying points → gold
    expect(m.state.tier?.effective).toBe('gold');
    const effects = m.step(redemption('r1', '2024-03-02T10:00:00Z', 'tv'));
    // balance 600 − 550 = 50, but the 600 qualifying points stand
    expect(balanceOf(m.state)).toBe(50);
    expect(effects.map((e) => e.type)).toEqual(['ledger', 'reward_redeemed']);
    expect(m.state.tier?.effective).toBe('gold');
    expect(m.state.tier?.level).toBe('gold');
    expect(m.state.tier?.graceUntil).toBeNull();
    const later = m.step({ id: 't1', type: 'tick', memberId: 'm1', at: '2024-03-10T10:00:00Z' });
    expect(later.filter((e) => e.type === 'tier_downgraded')).toEqual([]);
    expect(m.state.tier?.effective).toBe('gold');
  });
});
