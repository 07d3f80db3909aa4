/**
 * The plain-data plan an event stream is built from. Steps say what happens
 * (a purchase of some lines, a refund of the n-th open order, …), not the
 * ids and amounts, which {@link ./build-events.ts} derives from the program
 * and what happened before; so fast-check shrinks a plan into a smaller
 * plan that still makes sense.
 */
import fc from 'fast-check';
import { DAY_MS, MINUTE_MS } from '../support/time.js';

export interface LineStep {
  readonly sku: number;
  readonly category: number;
  readonly quantity: number;
  /** Unit price in price units (pence, yen, …). */
  readonly price: number;
}

interface Common {
  readonly member: number;
  /** Minutes since the previous step. */
  readonly gap: number;
  /** How `at` is written (an index into the offsets). */
  readonly style: number;
  /** Minutes this event arrives late (out of order), within the stream's tolerance. */
  readonly late: number;
}

export type Step = Common &
  (
    | { readonly kind: 'purchase'; readonly lines: readonly LineStep[]; readonly items: boolean; readonly discount: number; readonly amount: number; readonly channel: number }
    | { readonly kind: 'refund'; readonly pick: number; readonly mode: 'full' | 'partial' | 'item'; readonly percent: number; readonly bogus: number }
    | { readonly kind: 'redeem'; readonly pick: number; readonly unknown: boolean; readonly quantity: number; readonly orderPick: number }
    | { readonly kind: 'reverse'; readonly pick: number }
    | { readonly kind: 'adjust'; readonly points: number }
    | { readonly kind: 'tick' }
    | { readonly kind: 'enroll'; readonly birthday: number; readonly zone: number }
    | { readonly kind: 'activity'; readonly pick: number; readonly attr: number }
    | { readonly kind: 'membership'; readonly action: number; readonly plan: number }
    | { readonly kind: 'grant'; readonly level: number; readonly days: number }
    | { readonly kind: 'debit'; readonly amount: number }
  );

/** Offsets (minutes) instants are written with: UTC, and the same instant elsewhere. */
export const OFFSETS = [0, 0, 60, -300, 210, 330, -480, 780] as const;

/** Minutes between steps: often the same hour or day, often days, sometimes months. */
export const gapArb: fc.Arbitrary<number> = fc.oneof(
  { withCrossShrink: true },
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 12 * 60 }) },
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 10 }).chain((d) => fc.integer({ min: 0, max: 1439 }).map((m) => d * 1440 + m)) },
  { weight: 2, arbitrary: fc.integer({ min: 20, max: 120 }).map((d) => d * 1440 + 7) },
  { weight: 1, arbitrary: fc.integer({ min: 150, max: 400 }).map((d) => d * 1440 + 13) },
);

/** Where a stream starts (UTC ms): any minute from June 2023 to early 2025, or an awkward instant (29 February, DST, new year). */
export const startArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 600 * 1440 }).map((m) => Date.UTC(2023, 5, 1) + m * MINUTE_MS),
  fc.constantFrom(Date.UTC(2024, 1, 29, 12), Date.UTC(2024, 0, 31, 4, 30), Date.UTC(2023, 11, 31, 23, 30), Date.UTC(2024, 2, 9, 5), Date.UTC(2024, 2, 31, 0, 30)),
);

/** The span after which further steps are dropped: about three years. */
export const HORIZON_MS = 1100 * DAY_MS;

/** Purchase lines; unit prices up to `maxPrice` price units (at most 4 lines of at most 4 units). */
const lineArb = (maxPrice: number): fc.Arbitrary<LineStep> =>
  fc.record({
    sku: fc.nat(7),
    category: fc.nat(7),
    quantity: fc.oneof({ withCrossShrink: true }, { weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) }),
    price: fc.oneof(
      { withCrossShrink: true },
      { weight: 4, arbitrary: fc.integer({ min: 1, max: Math.min(5_000, maxPrice) }) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: maxPrice }) },
      { weight: 1, arbitrary: fc.constantFrom(...[100, 999, 1_000, 10_000].filter((p) => p <= maxPrice), maxPrice) },
    ),
  });

/** Money paid for an order without items, in price units: mostly small, sometimes large, now and then nothing. */
export const amountArb: fc.Arbitrary<number> = fc.oneof(
  { withCrossShrink: true },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 20_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 20_000, max: 200_000 }) },
  { weight: 1, arbitrary: fc.constant(0) },
);

export interface StepOptions {
  readonly members: number;
  readonly outOfOrderMinutes: number;
  /** Weight of redemptions (and reversals): higher when the program has a catalog. */
  readonly redeemWeight: number;
  readonly bogusRefunds: boolean;
  /** Enrolments and activities too (programs with engagement rules). */
  readonly engagement?: boolean;
  /** Membership events (programs with plans), tier grants (programs with tiers), wallet debits (programs with a wallet). */
  readonly memberships?: boolean;
  readonly tiers?: boolean;
  readonly wallet?: boolean;
  /** Purchases only (the budget searches). */
  readonly purchasesOnly?: boolean;
  /** Arbitrary of the minutes between steps. */
  readonly gap?: fc.Arbitrary<number>;
  /** Arbitrary of the amount of an order without items, in price units. */
  readonly amount?: fc.Arbitrary<number>;
  /** The highest unit price of a purchase line, in price units (default 20,000). */
  readonly maxPrice?: number;
}

export function stepArb(o: StepOptions): fc.Arbitrary<Step> {
  const common = {
    member: fc.nat(Math.max(0, o.members - 1)),
    gap: o.gap ?? gapArb,
    style: fc.nat(OFFSETS.length - 1),
    late: o.outOfOrderMinutes <= 0 ? fc.constant(0) : fc.oneof({ withCrossShrink: true }, { weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: o.outOfOrderMinutes }) }),
  };
  const purchase = fc.record({
    ...common,
    kind: fc.constant('purchase' as const),
    lines: fc.array(lineArb(Math.max(1, o.maxPrice ?? 20_000)), { minLength: 1, maxLength: 4 }),
    items: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    discount: fc.oneof({ withCrossShrink: true }, { weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }) }),
    amount: o.amount ?? amountArb,
    channel: fc.nat(5),
  });
  if (o.purchasesOnly === true) return purchase;
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 6, arbitrary: purchase },
    {
      weight: 3,
      arbitrary: fc.record({
        ...common,
        kind: fc.constant('refund' as const),
        pick: fc.nat(),
        mode: fc.constantFrom('full' as const, 'partial' as const, 'item' as const),
        percent: fc.integer({ min: 1, max: 99 }),
        bogus: o.bogusRefunds ? fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }) : fc.constant(0),
      }),
    },
    {
      weight: o.redeemWeight,
      arbitrary: fc.record({ ...common, kind: fc.constant('redeem' as const), pick: fc.nat(), unknown: fc.integer({ min: 0, max: 9 }).map((n) => n === 0), quantity: fc.integer({ min: 1, max: 3 }), orderPick: fc.nat() }),
    },
    { weight: Math.max(1, Math.floor(o.redeemWeight / 2)), arbitrary: fc.record({ ...common, kind: fc.constant('reverse' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ ...common, kind: fc.constant('adjust' as const), points: fc.oneof({ withCrossShrink: true }, fc.integer({ min: 1, max: 500 }), fc.integer({ min: -500, max: -1 })) }) },
    { weight: 2, arbitrary: fc.record({ ...common, kind: fc.constant('tick' as const) }) },
    { weight: o.engagement === true ? 1 : 0, arbitrary: fc.record({ ...common, kind: fc.constant('enroll' as const), birthday: fc.nat(366), zone: fc.nat(7) }) },
    { weight: o.engagement === true ? 3 : 0, arbitrary: fc.record({ ...common, kind: fc.constant('activity' as const), pick: fc.nat(), attr: fc.nat(4) }) },
    { weight: o.memberships === true ? 1 : 0, arbitrary: fc.record({ ...common, kind: fc.constant('membership' as const), action: fc.nat(2), plan: fc.nat() }) },
    { weight: o.tiers === true ? 1 : 0, arbitrary: fc.record({ ...common, kind: fc.constant('grant' as const), level: fc.nat(), days: fc.integer({ min: 1, max: 400 }) }) },
    { weight: o.wallet === true ? 1 : 0, arbitrary: fc.record({ ...common, kind: fc.constant('debit' as const), amount: fc.integer({ min: 1, max: 5_000 }) }) },
  );
}
