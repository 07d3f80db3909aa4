/**
 * Generated earn rules: spend, multiplier, bonus and cashback rules with
 * generated constraints (rates, item filters, conditions, minimum amounts,
 * caps, priorities, active dates). Every draft is valid by construction; the
 * program assembles them in {@link ./program.ts}.
 */
import fc from 'fast-check';
import { formatMinor, type MoneyScale } from '../support/money.js';
import { defined, rarely } from '../support/feature.js';

type Json = Record<string, unknown>;

/** Item categories the generated rules and purchases use. */
export const CATEGORIES = ['shoes', 'hats', 'books', 'food'] as const;
/** Sales channels the generated rules and purchases use. */
export const CHANNELS = ['web', 'app', 'store'] as const;

/** `{ perEvent?, perDay?, perMonth? }` with perEvent ≤ perDay ≤ perMonth, at least one present. */
export interface CapsDraft {
  readonly perEvent?: number;
  readonly perDay?: number;
  readonly perMonth?: number;
}

export const capsArb: fc.Arbitrary<CapsDraft> = fc
  .record({ base: fc.integer({ min: 10, max: 500 }), day: fc.integer({ min: 1, max: 5 }), month: fc.integer({ min: 1, max: 20 }), which: fc.integer({ min: 1, max: 7 }) })
  .map(({ base, day, month, which }) => defined({
    perEvent: which & 1 ? base : undefined,
    perDay: which & 2 ? base * day : undefined,
    perMonth: which & 4 ? base * day * month : undefined,
  }));

/** The smallest of some caps (`Infinity` without any). */
export function smallestCap(...caps: readonly (CapsDraft | undefined)[]): number {
  let min = Infinity;
  for (const c of caps) for (const v of [c?.perEvent, c?.perDay, c?.perMonth]) if (v !== undefined) min = Math.min(min, v);
  return min;
}

const category = (i: number): Json => ({ all: [{ fact: 'item', path: '$.category', operator: 'equal', value: CATEGORIES[i % CATEGORIES.length] }] });

/** Dates around the span of generated event streams (mid-2023 to 2025); from ≤ until. */
const activeArb = fc
  .record({ from: fc.option(fc.integer({ min: 0, max: 700 }), { nil: undefined }), length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }) })
  .map(({ from, length }) => {
    const day = (n: number): string => new Date(Date.UTC(2023, 5, 1) + n * 86_400_000).toISOString().slice(0, 10);
    return defined({ from: from === undefined ? undefined : day(from), until: length === undefined ? undefined : day((from ?? 0) + length) });
  });

export const spendDraftArb = fc.record({
  points: fc.constantFrom('1', '1', '2', '5', '0.5', '10'),
  perMinor: fc.constantFrom(100, 100, 250, 1_000),
  category: rarely(fc.nat(CATEGORIES.length - 1)),
  minOrder: rarely(fc.integer({ min: 1, max: 100 })),
  caps: rarely(capsArb),
  priority: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: 5 }) }),
  channel: rarely(fc.nat(CHANNELS.length - 1)),
  active: rarely(activeArb),
});
export type SpendDraft = typeof spendDraftArb extends fc.Arbitrary<infer T> ? T : never;

export function spendRule(id: string, d: SpendDraft, money: MoneyScale, capsOn: boolean): Json {
  return defined({
    id,
    kind: 'spend',
    priority: d.priority,
    rate: { points: d.points, per: formatMinor(d.perMinor * money.factor, money.digits) },
    items: d.category === undefined ? undefined : { include: category(d.category) },
    minOrderAmount: d.minOrder === undefined ? undefined : formatMinor(d.minOrder * 100 * money.factor, money.digits),
    caps: capsOn ? d.caps : undefined,
    condition: d.channel === undefined ? undefined : { all: [{ fact: 'event', path: '$.channel', operator: 'equal', value: CHANNELS[d.channel] }] },
    active: d.active,
  });
}

export const multiplierDraftArb = fc.record({
  on: fc.constantFrom('category' as const, 'weekday' as const, 'channel' as const, 'loyal' as const),
  which: fc.nat(6),
  factor: fc.constantFrom('1.5', '2', '3'),
  /** Restrict it to the first spend rule. */
  first: fc.boolean(),
});
export type MultiplierDraft = typeof multiplierDraftArb extends fc.Arbitrary<infer T> ? T : never;

export function multiplierRule(id: string, d: MultiplierDraft, firstSpend: string | undefined): Json {
  const when =
    d.on === 'weekday' ? { condition: { all: [{ fact: 'time', path: '$.weekday', operator: 'equal', value: 1 + (d.which % 7) }] } }
    : d.on === 'channel' ? { condition: { all: [{ fact: 'event', path: '$.channel', operator: 'equal', value: CHANNELS[d.which % CHANNELS.length] }] } }
    : d.on === 'loyal' ? { condition: { all: [{ fact: 'member', path: '$.orders', operator: 'greaterThanInclusive', value: 1 + d.which }] } }
    : { items: { include: category(d.which) } };
  return { id, kind: 'multiplier', factor: d.factor, ...when, ...(d.first && firstSpend !== undefined ? { appliesTo: [firstSpend] } : {}) };
}

export const bonusDraftArb = fc.record({
  points: fc.integer({ min: 1, max: 200 }),
  minAmount: rarely(fc.integer({ min: 1, max: 200 })),
  category: rarely(fc.nat(CATEGORIES.length - 1)),
  caps: rarely(capsArb),
  priority: fc.integer({ min: -5, max: 10 }),
});
export type BonusDraft = typeof bonusDraftArb extends fc.Arbitrary<infer T> ? T : never;

/** A bonus never larger than its own or the program's smallest cap (a static check refuses that). */
export function bonusRule(id: string, d: BonusDraft, money: MoneyScale, programCaps: CapsDraft | undefined, capsOn: boolean): Json {
  const caps = capsOn ? d.caps : undefined;
  return defined({
    id,
    kind: 'bonus',
    priority: d.priority,
    points: Math.min(d.points, smallestCap(caps, programCaps)),
    minAmount: d.minAmount === undefined ? undefined : formatMinor(d.minAmount * 100 * money.factor, money.digits),
    items: d.category === undefined ? undefined : { include: category(d.category) },
    caps,
  });
}

export const cashbackDraftArb = fc.record({
  percent: fc.option(fc.constantFrom('1', '2.5', '5', '10'), { nil: undefined }),
  every: fc.record({ amount: fc.integer({ min: 1, max: 5 }), per: fc.integer({ min: 10, max: 50 }) }),
  category: rarely(fc.nat(CATEGORIES.length - 1)),
  maxPerOrder: rarely(fc.integer({ min: 1, max: 30 })),
  minOrder: rarely(fc.integer({ min: 1, max: 50 })),
});
export type CashbackDraft = typeof cashbackDraftArb extends fc.Arbitrary<infer T> ? T : never;

export function cashbackRule(id: string, d: CashbackDraft, money: MoneyScale): Json {
  const major = (n: number): string => formatMinor(n * 100 * money.factor, money.digits);
  return defined({
    id,
    kind: 'cashback',
    percent: d.percent,
    every: d.percent === undefined ? { amount: major(d.every.amount), per: major(d.every.per) } : undefined,
    items: d.category === undefined ? undefined : { include: category(d.category) },
    maxPerOrder: d.maxPerOrder === undefined ? undefined : major(d.maxPerOrder),
    minOrderAmount: d.minOrder === undefined ? undefined : major(d.minOrder),
  });
}
