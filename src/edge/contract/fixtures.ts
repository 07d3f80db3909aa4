import type { Effect } from '../../engine/effects.js';
import type { MemberState } from '../../member/state.js';
import type { OutboxItem } from '../ports.js';

/**
 * A small valid member state. `tag` makes states of the same version differ,
 * so a test can tell which of several competing writes won.
 */
export function memberState(memberId: string, version: number, tag = 'a'): MemberState {
  return {
    schema: 1,
    programId: 'contract',
    memberId,
    version,
    lastEventAt: version === 0 ? null : '2024-03-01T10:00:00.000Z',
    lastActivityAt: null,
    enrolledAt: null,
    lots: version === 0 ? [] : [{ id: `e-${version}`, earnedAt: '2024-03-01T10:00:00.000Z', availableAt: '2024-03-01T10:00:00.000Z', expiresAt: null, points: version * 10 }],
    deficit: 0,
    debt: 0,
    orders: {},
    counters: { [`writer:${tag}`]: version },
    redemptions: {},
    stats: { orders: 0, spent: '0', lastPurchaseAt: null },
    totals: { earned: version * 10, clawedBack: 0, expired: 0, adjusted: 0, debtRecovered: 0, redeemed: 0, reversed: 0 },
  };
}

/**
 * A state that exercises JSON storage: nested records and arrays, decimal
 * strings whose zeros matter (`"0.10"`, `"19.990"`), numbers that do not
 * survive a decimal detour (`0.1 + 0.2`, 2^53 − 1), nulls, empty containers,
 * non-ASCII text, quotes and backslashes, keys with punctuation.
 */
export function richState(memberId: string, version: number): MemberState {
  return {
    ...memberState(memberId, version, 'rich'),
    lastActivityAt: '2024-02-29T23:59:59.999Z',
    enrolledAt: '2023-12-31T00:00:00.000Z',
    lapsedAt: '2024-01-15T08:30:00.000Z',
    lots: [
      { id: 'p-1', orderId: 'o-1', earnedAt: '2024-01-01T00:00:00.000Z', availableAt: '2024-01-15T00:00:00.000Z', expiresAt: '2025-01-01T00:00:00.000Z', points: 1234 },
      { id: 'p-2', earnedAt: '2024-02-01T00:00:00.000Z', availableAt: '2024-02-01T00:00:00.000Z', expiresAt: null, points: 0.1 + 0.2 },
    ],
    deficit: 0,
    debt: 17,
    orders: {
      'o-1': {
        eventId: 'p-1',
        at: '2024-01-01T00:00:00.000Z',
        amount: '19.990',
        refunded: '0.10',
        items: [
          { sku: 'café ☕ 𝄞', category: 'drinks', quantity: 2, unitPrice: '9.995', refunded: 0 },
          { sku: 'say "hi" \\ bye', quantity: 1, unitPrice: '0.00', refunded: 1 },
        ],
        results: [{ ruleId: 'base', kind: 'spend', points: 19, clawed: 0, refundedShare: '0.0050025012506253127', weights: ['19.990', '0'], base: '19.990', unrounded: '19.99' }],
        cashback: [{ ruleId: 'cb', amount: '0.20', clawed: '0.00', refundedShare: '0', base: '19.99', percent: '1.0', every: { amount: '1.00', per: '10.00' } }],
        expired: 0,
        day: '2024-01-01',
      },
      'key with "quotes" and.dots': {
        eventId: 'p-2',
        at: '2024-02-01T00:00:00.000Z',
        amount: '12345678901234567890.123456789',
        refunded: '-0.000000001',
        items: [],
        results: [],
        expired: 3,
        day: '2024-02-01',
      },
    },
    counters: { 'day:2024-03-01:*': 9007199254740991, 'month:2024-03:base': -42, '': 0 },
    redemptions: {
      'r-1': { rewardId: 'gift', quantity: 1, points: 500, at: '2024-02-10T12:00:00.000Z', day: '2024-02-10', codes: ['ABCD-EFGH'], taken: [{ points: 500, earnedAt: '2024-01-01T00:00:00.000Z', availableAt: '2024-01-01T00:00:00.000Z', expiresAt: null }], reversedAt: '2024-02-11T00:00:00.000Z' },
    },
    stats: { orders: 2, spent: '12345678901234567910.113456788', lastPurchaseAt: '2024-02-01T00:00:00.000Z' },
    wallet: { balance: '-12.50', totals: { cashback: '0.20', credited: '10.00', debited: '22.70', clawedBack: '0.00' } },
  };
}

/** An outbox item carrying a ledger effect, with the effect id `${eventId}:${n}`. */
export function ledgerItem(memberId: string, eventId: string, n: number, points = n): OutboxItem {
  const id = `${eventId}:${n}`;
  const effect: Effect = {
    type: 'ledger',
    entry: { id, memberId, eventId, programId: 'contract', programVersion: 1, at: '2024-03-01T10:00:00.000Z', kind: 'earn', points, ruleId: 'base', detail: { base: '12.30', rate: '1', capped: false, note: null, tags: ['a', 'b'] } },
  };
  return { id, memberId, eventId, effect };
}

/** An outbox item carrying a wallet effect with decimal strings. */
export function walletItem(memberId: string, eventId: string, n: number): OutboxItem {
  const id = `${eventId}:${n}`;
  const effect: Effect = {
    type: 'wallet',
    entry: { id, memberId, eventId, programId: 'contract', programVersion: 2, at: '2024-03-01T10:00:00.000Z', kind: 'cashback', amount: '0.10', currency: 'EUR', ruleId: 'cb', orderId: 'o-1', balance: '100.00', detail: { percent: '1.50', capped: true } },
  };
  return { id, memberId, eventId, effect };
}
