/**
 * Valid inputs for the fuzz tests (test/fuzz/entry-points.test.ts): one program that uses most of the
 * definition language (earn rules of every kind, tiers, paid memberships, a catalog of every reward kind,
 * a wallet, messages), an event of every type that this program accepts, and a state that has seen them.
 * The fuzzer mutates these (test/fuzz/mutate.ts), so a mutation lands deep inside the schemas.
 */
import { defineProgram, evaluate, newMemberState, type MemberState, type Program } from '../../src/index.js';

/** A program definition as plain JSON (never frozen: tests mutate copies of it). */
export function richProgramInput(): Record<string, unknown> {
  return {
    id: 'fuzz',
    version: 1,
    name: 'Fuzz target',
    currency: 'USD',
    timezone: 'America/New_York',
    points: {
      rounding: 'floor',
      pendingDays: 0,
      expiry: { kind: 'days-after-earning', days: 365 },
      negativeBalance: 'debt',
      multipliers: 'multiply',
      caps: { perDay: 5_000 },
    },
    refunds: { windowDays: 90 },
    earn: [
      { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
      { id: 'hats', kind: 'multiplier', factor: '2', items: { include: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: 'hats' }] } } },
      { id: 'sunday', kind: 'multiplier', factor: '1.5', condition: { all: [{ fact: 'time', path: '$.weekday', operator: 'equal', value: 7 }] } },
      { id: 'big', kind: 'bonus', points: 25, minAmount: '250.00' },
      { id: 'back', kind: 'cashback', percent: '5' },
      { id: 'step', kind: 'cashback', every: { amount: '1.00', per: '20.00' } },
    ],
    tiers: {
      window: { kind: 'rolling', months: 6 },
      levels: [
        { id: 'member', name: 'Member' },
        { id: 'silver', criteria: { metric: 'spend', atLeast: '100.00' }, multiplier: '1.25', entryReward: { points: 100 } },
        {
          id: 'gold',
          criteria: { any: [{ metric: 'spend', atLeast: '500.00' }, { all: [{ metric: 'spend', atLeast: '300.00' }, { metric: 'orders', atLeast: '3' }] }] },
          perks: ['free-delivery'],
          entryReward: { reward: 'coupon' },
        },
      ],
      downgrade: { kind: 'grace', days: 30 },
      warnDaysBefore: 14,
    },
    memberships: [
      { id: 'prime', level: 'gold', perks: ['free_shipping'], period: { years: 1 } },
      { id: 'co-op', perks: ['member_pricing'], period: 'lifetime' },
    ],
    wallet: { rounding: 'floor', minRedeem: '1.00' },
    rewards: {
      codeSalt: 'fuzz-salt-0123456789',
      catalog: [
        { id: 'coupon', kind: 'coupon', cost: 50, limit: { count: 3, per: 'month' } },
        { id: 'mug', kind: 'free-product', cost: 10, sku: 'MUG', stock: 5 },
        { id: 'gc', kind: 'gift-card', cost: 100, value: '5' },
        { id: 'w5', kind: 'wallet-credit', cost: 500, value: '5.00' },
        {
          id: 'wheel',
          kind: 'spin',
          cost: 20,
          limit: { count: 1, per: 'day' },
          outcomes: [
            { label: 'nothing', weight: 6 },
            { label: '100 points', weight: 3, points: 100 },
            { label: 'a mug', weight: 1, rewardId: 'mug' },
          ],
        },
      ],
    },
    messages: {
      tier_reached: {},
      tier_lost: {},
      tier_warning: {},
      reward_unlocked: {},
      points_earned: { cap: { count: 3, per: 'day' } },
      points_expiring: { days: 7 },
      win_back: { days: 30 },
      progress: { withinSpend: '10' },
    },
  };
}

export const PROGRAM: Program = defineProgram(richProgramInput());
export const MEMBER = 'm1';

/** One event of every type, valid for {@link PROGRAM} applied in this order to a new member. */
export function validEvents(): Record<string, unknown>[] {
  const e = { memberId: MEMBER };
  return [
    {
      ...e, id: 'p1', type: 'purchase', at: '2024-03-01T10:00:00Z', orderId: 'o1', amount: '320.00', currency: 'USD', channel: 'web', storeId: 's1',
      items: [
        { sku: 'hat', category: 'hats', quantity: 2, unitPrice: '60.00' },
        { sku: 'tent', category: 'gear', quantity: 1, unitPrice: '200.00' },
      ],
      attributes: { coupon: 'SPRING', tags: ['a', 'b'], nested: { depth: 1 } },
    },
    { ...e, id: 'r1', type: 'refund', at: '2024-03-02T10:00:00Z', orderId: 'o1', amount: '60.00', items: [{ sku: 'hat', quantity: 1 }] },
    { ...e, id: 'a1', type: 'adjustment', at: '2024-03-03T10:00:00Z', points: 40, reason: 'goodwill' },
    { ...e, id: 'ms1', type: 'membership', at: '2024-03-04T10:00:00Z', action: 'purchased', plan: 'prime', fee: '99.00', currency: 'USD' },
    { ...e, id: 'g1', type: 'tier_grant', at: '2024-03-05T10:00:00Z', level: 'silver', until: '2024-06-05T10:00:00Z', reason: 'service recovery' },
    { ...e, id: 'rd1', type: 'redemption', at: '2024-03-06T10:00:00Z', rewardId: 'coupon', quantity: 1 },
    { ...e, id: 'rd2', type: 'redemption', at: '2024-03-06T11:00:00Z', rewardId: 'wheel' },
    { ...e, id: 'rv1', type: 'redemption_reversal', at: '2024-03-07T10:00:00Z', redemptionId: 'rd1', reason: 'unused' },
    { ...e, id: 'wd1', type: 'wallet_debit', at: '2024-03-08T10:00:00Z', amount: '2.00', orderId: 'o2', reason: 'checkout' },
    { ...e, id: 't1', type: 'tick', at: '2024-05-01T00:00:00Z' },
  ];
}

/** The state of {@link MEMBER} after every event of {@link validEvents} (each one is applied: the fixture checks it). */
export function validState(): MemberState {
  let state = newMemberState(PROGRAM, MEMBER, { enrolledAt: '2024-01-01T00:00:00Z' });
  for (const event of validEvents()) state = evaluate(PROGRAM, state, event).state;
  return state;
}

/** The next event for {@link validState}: the fuzzer mutates these. */
export function nextEvents(): Record<string, unknown>[] {
  const e = { memberId: MEMBER, at: '2024-05-02T10:00:00Z' };
  return [
    { ...e, id: 'p2', type: 'purchase', orderId: 'o9', amount: '45.50', currency: 'USD', items: [{ sku: 'hat', category: 'hats', quantity: 1, unitPrice: '45.50' }] },
    { ...e, id: 'r2', type: 'refund', orderId: 'o1', amount: '10.00' },
    { ...e, id: 'a2', type: 'adjustment', points: -30, reason: 'penalty' },
    { ...e, id: 'ms2', type: 'membership', action: 'cancelled', plan: 'prime' },
    { ...e, id: 'g2', type: 'tier_grant', level: 'gold', until: '2025-01-01T00:00:00Z', reason: 'vip' },
    { ...e, id: 'rd3', type: 'redemption', rewardId: 'mug', quantity: 2 },
    { ...e, id: 'rv2', type: 'redemption_reversal', redemptionId: 'rd2' },
    { ...e, id: 'wd2', type: 'wallet_debit', amount: '1.00' },
    { ...e, id: 't2', type: 'tick' },
  ];
}

/** A valid json-rules-engine condition using every group kind, a path, a fact reference and a named condition. */
export function validCondition(): Record<string, unknown> {
  return {
    all: [
      { fact: 'event', path: '$.amount', operator: 'greaterThan', value: 10, priority: 2 },
      { any: [{ fact: 'member', path: "$['tier level']", operator: 'in', value: ['gold', 'silver'] }, { condition: 'vip' }] },
      { not: { fact: 'time', path: '$.weekday', operator: 'equal', value: { fact: 'limits', path: '$.day' } } },
      { fact: 'tags', operator: 'contains', value: 'x' },
    ],
  };
}

export function validFacts(): Record<string, unknown> {
  return { event: { amount: 12 }, member: { 'tier level': 'gold' }, time: { weekday: 3 }, limits: { day: 4 }, tags: ['x'], flag: true };
}
