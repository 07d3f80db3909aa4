/**
 * `invalidEventArb`: events that are invalid for one known reason each, for
 * tests of the error paths at a host's boundary (`parseEvent`, `evaluate`).
 */
import fc from 'fast-check';
import type { EventInput } from '../../events/schema.js';
import { isoAt } from '../support/time.js';
import { OFFSETS, startArb } from './steps.js';

/** Why a generated event is invalid. */
export type InvalidEventReason =
  | 'not-an-object' | 'missing-field' | 'unknown-field' | 'wrong-type' | 'prototype-key' | 'bad-type'
  | 'missing-offset' | 'bad-time' | 'bad-amount' | 'bad-points' | 'bad-quantity' | 'bad-currency' | 'bad-id';

/** An invalid input, why it is invalid, and where (`parseEvent` reports an issue at exactly this path). */
export interface InvalidCase<Reason extends string> {
  /** The invalid input. */
  readonly input: unknown;
  /** Why it is invalid. */
  readonly reason: Reason;
  /** Where: the path of an issue `parseEvent` reports. */
  readonly path: readonly (string | number)[];
}

type Json = Record<string, unknown>;

const validArb: fc.Arbitrary<EventInput> = fc
  .record({ kind: fc.nat(5), ms: startArb, offset: fc.constantFrom(...OFFSETS), n: fc.nat(999), cents: fc.integer({ min: 1, max: 99_999 }) })
  .map(({ kind, ms, offset, n, cents }): EventInput => {
    const head = { id: `bad-${n}`, memberId: `m${n % 7}`, at: isoAt(ms, offset) };
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    switch (kind) {
      case 0:
        return { ...head, type: 'purchase', orderId: `o${n}`, amount, currency: 'GBP', items: [{ sku: `sku-${n % 5}`, category: 'shoes', quantity: 1, unitPrice: amount }] };
      case 1:
        return { ...head, type: 'refund', orderId: `o${n}`, amount };
      case 2:
        return { ...head, type: 'adjustment', points: 1 + (n % 50), reason: 'goodwill' };
      case 3:
        return { ...head, type: 'redemption', rewardId: `r${n % 3}`, quantity: 1 };
      case 4:
        return { ...head, type: 'redemption_reversal', redemptionId: `e${n}` };
      default:
        return { ...head, type: 'tick' };
    }
  });

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'] as const;
const BAD_AMOUNTS: readonly unknown[] = ['12,50', '1e3', '-5', '12.', '', ' 12', 'NaN', '1.0000000000001', '1000000000000000', -1, Number.NaN, Number.POSITIVE_INFINITY, '0x10'];

/** An object with an own key, whatever the key (`__proto__` included). */
function withKey(o: Json, key: string, value: unknown): Json {
  const out: Json = { ...o };
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

function without(o: Json, key: string): Json {
  const out: Json = { ...o };
  delete out[key];
  return out;
}

const mutationArb = fc.record({ which: fc.nat(12), pick: fc.nat(), forbidden: fc.constantFrom(...FORBIDDEN) });

function mutate(event: EventInput, m: { which: number; pick: number; forbidden: string }): InvalidCase<InvalidEventReason> {
  const e = event as Json;
  const one = <T>(list: readonly T[]): T => list[m.pick % list.length] as T;
  const bad = (reason: InvalidEventReason, input: unknown, path: readonly (string | number)[]): InvalidCase<InvalidEventReason> => ({ input, reason, path });
  switch (m.which) {
    case 0:
      return bad('not-an-object', one([null, [], 'purchase', 42, true]), []);
    case 1: {
      const key = one(['id', 'memberId', 'at', ...(event.type === 'purchase' ? ['orderId', 'amount', 'currency'] : event.type === 'adjustment' ? ['points', 'reason'] : [])]);
      return bad('missing-field', without(e, key), [key]);
    }
    case 2:
      return event.type === 'purchase' && m.pick % 2 === 0
        ? bad('unknown-field', { ...e, items: [{ ...(event.items?.[0] ?? {}), colour: 'red' }] }, ['items', 0, 'colour'])
        : bad('unknown-field', { ...e, [one(['chanel', 'notes', 'amount_'])]: 'x' }, [one(['chanel', 'notes', 'amount_'])]);
    case 3: {
      const field = one(['id', 'at', 'memberId'] as const);
      return bad('wrong-type', { ...e, [field]: one([1_700_000_000, true, { value: 'x' }, ['x']]) }, [field]);
    }
    case 4: {
      const variant = m.pick % 4;
      if (variant === 0) return bad('prototype-key', withKey(e, '__proto__', { polluted: true }), ['__proto__']);
      if (variant === 1) return bad('prototype-key', { ...e, id: m.forbidden }, ['id']);
      if (variant === 2) return bad('prototype-key', { ...e, memberId: m.forbidden }, ['memberId']);
      return event.type === 'purchase'
        ? bad('prototype-key', { ...e, attributes: { campaign: withKey({}, m.forbidden, 1) } }, ['attributes', 'campaign', m.forbidden])
        : bad('prototype-key', { ...e, id: m.forbidden }, ['id']);
    }
    case 5:
      return bad('bad-type', { ...e, type: one(['purchse', 'PURCHASE', 'refunds', '']) }, ['type']);
    case 6:
      return bad('missing-offset', { ...e, at: String(event.at).replace(/(Z|[+-]\d\d:\d\d)$/, '') }, ['at']);
    case 7:
      return bad('bad-time', { ...e, at: one(['2024-03-01T10:00Z', '2024-02-30T10:00:00Z', '01/03/2024 10:00', '2024-03-01', 'yesterday']) }, ['at']);
    case 8:
      if (event.type === 'purchase') {
        return m.pick % 3 === 0
          ? bad('bad-amount', { ...e, items: [{ ...(event.items?.[0] ?? {}), unitPrice: one(BAD_AMOUNTS) }] }, ['items', 0, 'unitPrice'])
          : bad('bad-amount', { ...e, amount: one(BAD_AMOUNTS) }, ['amount']);
      }
      return bad('bad-amount', { id: e.id, memberId: e.memberId, at: e.at, type: 'refund', orderId: 'o1', amount: one(['0', 0, ...BAD_AMOUNTS]) }, ['amount']);
    case 9:
      return bad('bad-points', { id: e.id, memberId: e.memberId, at: e.at, type: 'adjustment', reason: 'x', points: one([0, 1.5, -0.5, 2_000_000_000, '10']) }, ['points']);
    case 10:
      return event.type === 'purchase'
        ? bad('bad-quantity', { ...e, items: [{ ...(event.items?.[0] ?? {}), quantity: one([0, 1.5, -1, '1']) }] }, ['items', 0, 'quantity'])
        : bad('bad-quantity', { id: e.id, memberId: e.memberId, at: e.at, type: 'redemption', rewardId: 'r1', quantity: one([0, 1.5, 10_001, '2']) }, ['quantity']);
    case 11:
      return bad('bad-currency', { id: e.id, memberId: e.memberId, at: e.at, type: 'purchase', orderId: 'o1', amount: '1', currency: one(['gbp', 'XYZ', 'GBPX', 'G', '']) }, ['currency']);
    default:
      return bad('bad-id', { ...e, id: one(['', 'x'.repeat(257)]) }, ['id']);
  }
}

/**
 * Events that are each invalid for one known reason: not an object, a
 * missing or unknown field, a wrong type, a prototype key (`__proto__` as an
 * own key, `constructor` / `prototype` as ids or attribute keys), an unknown
 * type, a time without an offset or not a time, a bad amount (`"12,50"`,
 * `"-5"`, `NaN`, 13 decimals, ≥ 10^15, …), bad points or quantities, a bad
 * currency, an empty or over-long id. `parseEvent` refuses each with an
 * issue at `path`.
 *
 * @example
 * fc.assert(fc.property(invalidEventArb(), ({ input, path }) => {
 *   const r = safeParseEvent(input);
 *   return !r.success && r.error.issues.some((i) => i.path.join('.') === path.join('.'));
 * }));
 */
export function invalidEventArb(): fc.Arbitrary<InvalidCase<InvalidEventReason>> {
  return fc.tuple(validArb, mutationArb).map(([event, m]) => mutate(event, m));
}
