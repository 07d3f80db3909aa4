/**
 * Generators for the tier property tests: programs with tiers (as plain specs
 * the reference model reads, and as `defineProgram` input) and event streams
 * for one member, in time order.
 */
import fc from 'fast-check';
import { defineProgram, type Program, type ProgramInput } from '../../src/index.js';

export const TIER_ZONES = ['UTC', 'America/New_York', 'Europe/Warsaw', 'Asia/Tehran'] as const;
export type TierZone = (typeof TIER_ZONES)[number];

// ------------------------------------------------------------------ program specs

export type CriterionSpec =
  | { readonly metric: 'spend' | 'orders' | 'visits'; readonly atLeast: string }
  | { readonly all: CriterionSpec[] }
  | { readonly any: CriterionSpec[] };

export interface LevelSpec {
  readonly id: string;
  /** Absent: the base level everyone holds (only ever the first). */
  readonly criteria?: CriterionSpec;
  readonly entryReward?: { readonly points?: number; readonly reward?: string };
  readonly multiplier?: string;
  readonly perks: readonly string[];
}

export type WindowSpec =
  | { readonly kind: 'rolling'; readonly days: number }
  | { readonly kind: 'rolling'; readonly months: number }
  | { readonly kind: 'calendar'; readonly period: 'month' | 'quarter' | 'year'; readonly includePrevious: boolean }
  | { readonly kind: 'anniversary'; readonly includePrevious: boolean }
  | { readonly kind: 'lifetime' };

export type ScheduleSpec =
  | { readonly kind: 'anniversary' }
  | { readonly kind: 'period'; readonly period: 'month' | 'quarter' | 'year' }
  | { readonly kind: 'days'; readonly days: number };

export type DowngradeSpec =
  | { readonly kind: 'grace'; readonly days: number; readonly oneLevelAtATime: boolean }
  | { readonly kind: 'scheduled'; readonly every: ScheduleSpec; readonly oneLevelAtATime: boolean };

export type ExpirySpec = { readonly kind: 'never' } | { readonly kind: 'days-after-earning'; readonly days: number };

export interface TierProgramSpec {
  readonly timezone: TierZone;
  readonly window: WindowSpec;
  /** Lowest first. */
  readonly levels: readonly LevelSpec[];
  readonly downgrade: DowngradeSpec;
  readonly entryRewards: 'each-level' | 'reached-level-only';
  readonly warnDaysBefore?: number;
  readonly expiry: ExpirySpec;
}

const LEVEL_IDS = ['bronze', 'silver', 'gold', 'platinum'] as const;

/** Cents as a decimal string, in one of several spellings ("120.50", "120.5", "120.500", "0120.50"). */
export function decimalString(cents: number, style: number): string {
  const int = Math.floor(cents / 100);
  const frac = String(cents % 100).padStart(2, '0');
  switch (style % 5) {
    case 0:
      return `${int}.${frac}`;
    case 1: {
      const trimmed = frac.replace(/0+$/, '');
      return trimmed === '' ? String(int) : `${int}.${trimmed}`;
    }
    case 2:
      return `${int}.${frac}0`;
    case 3:
      return `0${int}.${frac}`;
    default:
      return frac === '00' ? `${int}` : `${int}.${frac}`;
  }
}

export const windowArb: fc.Arbitrary<WindowSpec> = fc.oneof(
  fc.record({ kind: fc.constant('rolling' as const), days: fc.oneof(fc.constantFrom(1, 7, 30, 90), fc.integer({ min: 1, max: 120 })) }),
  fc.record({ kind: fc.constant('rolling' as const), months: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('calendar' as const), period: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const), includePrevious: fc.boolean() }),
  fc.record({ kind: fc.constant('anniversary' as const), includePrevious: fc.boolean() }),
  fc.constant({ kind: 'lifetime' as const }),
);

export const rollingWindowArb: fc.Arbitrary<WindowSpec> = fc.oneof(
  fc.record({ kind: fc.constant('rolling' as const), days: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant('rolling' as const), months: fc.integer({ min: 1, max: 12 }) }),
);

export const graceArb = (days: fc.Arbitrary<number> = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 }))): fc.Arbitrary<DowngradeSpec> =>
  fc.record({ kind: fc.constant('grace' as const), days, oneLevelAtATime: fc.boolean() });

export const scheduledArb: fc.Arbitrary<DowngradeSpec> = fc.record({
  kind: fc.constant('scheduled' as const),
  every: fc.oneof(
    fc.record({ kind: fc.constant('days' as const), days: fc.integer({ min: 1, max: 120 }) }),
    fc.record({ kind: fc.constant('period' as const), period: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const) }),
    fc.constant({ kind: 'anniversary' as const }),
  ),
  oneLevelAtATime: fc.boolean(),
});

export const downgradeArb: fc.Arbitrary<DowngradeSpec> = fc.oneof(graceArb(), scheduledArb);

export const expiryArb: fc.Arbitrary<ExpirySpec> = fc.oneof(
  fc.constant({ kind: 'never' as const }),
  fc.integer({ min: 1, max: 400 }).map((days) => ({ kind: 'days-after-earning' as const, days })),
);

type Gauge = 'spend' | 'orders' | 'visits' | 'spend+orders' | 'spend|orders' | 'nested';

const levelDraftArb = fc.record({
  gauge: fc.oneof(
    { weight: 5, arbitrary: fc.constant<Gauge>('spend') },
    { weight: 2, arbitrary: fc.constant<Gauge>('orders') },
    { weight: 1, arbitrary: fc.constant<Gauge>('visits') },
    { weight: 2, arbitrary: fc.constant<Gauge>('spend+orders') },
    { weight: 2, arbitrary: fc.constant<Gauge>('spend|orders') },
    { weight: 1, arbitrary: fc.constant<Gauge>('nested') },
  ),
  spendStep: fc.oneof(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom(10_000, 25_000, 50_000)),
  ordersStep: fc.integer({ min: 1, max: 3 }),
  style: fc.nat(4),
  rewardPoints: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
  rewardId: fc.boolean(),
  multiplier: fc.option(fc.constantFrom('1.5', '2', '3'), { nil: undefined }),
  perk: fc.boolean(),
});

/** 2–4 levels with increasing spend and/or order (or visit) thresholds; optionally a base level without criteria. */
export const levelsArb: fc.Arbitrary<LevelSpec[]> = fc
  .record({ base: fc.boolean(), drafts: fc.array(levelDraftArb, { minLength: 2, maxLength: 4 }) })
  .map(({ base, drafts }) => {
    let spend = 0;
    let orders = 0;
    return drafts.map((d, i): LevelSpec => {
      spend += d.spendStep;
      orders += d.ordersStep;
      const s: CriterionSpec = { metric: 'spend', atLeast: decimalString(spend, d.style) };
      const o: CriterionSpec = { metric: 'orders', atLeast: String(orders) };
      const v: CriterionSpec = { metric: 'visits', atLeast: String(orders) };
      const criteria: CriterionSpec =
        d.gauge === 'spend' ? s
        : d.gauge === 'orders' ? o
        : d.gauge === 'visits' ? v
        : d.gauge === 'spend+orders' ? { all: [s, o] }
        : d.gauge === 'spend|orders' ? { any: [s, o] }
        : { any: [{ all: [s, v] }, { metric: 'orders', atLeast: String(orders + 2) }] };
      const id = i === 0 && base ? 'member' : (LEVEL_IDS[i] ?? `level${i}`);
      const reward = d.rewardPoints !== undefined || d.rewardId ? { ...(d.rewardPoints === undefined ? {} : { points: d.rewardPoints }), ...(d.rewardId ? { reward: `welcome-${id}` } : {}) } : undefined;
      return {
        id,
        ...(i === 0 && base ? {} : { criteria }),
        ...(reward === undefined ? {} : { entryReward: reward }),
        ...(d.multiplier === undefined ? {} : { multiplier: d.multiplier }),
        perks: d.perk ? [`perk-${id}`] : [],
      };
    });
  });

export interface TierProgramOptions {
  readonly window?: fc.Arbitrary<WindowSpec>;
  readonly downgrade?: fc.Arbitrary<DowngradeSpec>;
  readonly expiry?: fc.Arbitrary<ExpirySpec>;
}

export function tierProgramSpecArb(options: TierProgramOptions = {}): fc.Arbitrary<TierProgramSpec> {
  return fc
    .record({
      timezone: fc.constantFrom(...TIER_ZONES),
      window: options.window ?? windowArb,
      levels: levelsArb,
      downgrade: options.downgrade ?? downgradeArb,
      entryRewards: fc.constantFrom('each-level' as const, 'reached-level-only' as const),
      warnDaysBefore: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
      expiry: options.expiry ?? expiryArb,
    })
    .map(({ warnDaysBefore, ...rest }) => ({ ...rest, ...(warnDaysBefore === undefined ? {} : { warnDaysBefore }) }));
}

/** The program a spec describes: one spend rule (1 point per 1.00), negative balances allowed. */
export function programOf(spec: TierProgramSpec): Program {
  const tiers: NonNullable<ProgramInput['tiers']> = {
    window: spec.window,
    levels: spec.levels.map((l) => ({
      id: l.id,
      ...(l.criteria === undefined ? {} : { criteria: l.criteria }),
      ...(l.entryReward === undefined ? {} : { entryReward: l.entryReward }),
      ...(l.multiplier === undefined ? {} : { multiplier: l.multiplier }),
      perks: [...l.perks],
    })),
    downgrade: spec.downgrade,
    entryRewards: spec.entryRewards,
    ...(spec.warnDaysBefore === undefined ? {} : { warnDaysBefore: spec.warnDaysBefore }),
  };
  return defineProgram({
    id: 'tiers-generated',
    version: 1,
    currency: 'USD',
    timezone: spec.timezone,
    points: { rounding: 'floor', expiry: spec.expiry, negativeBalance: 'allow' },
    earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
    tiers,
  });
}

// ------------------------------------------------------------------ event streams

export type TierEvent =
  | { readonly id: string; readonly type: 'purchase'; readonly memberId: string; readonly at: string; readonly orderId: string; readonly amount: string; readonly currency: 'USD' }
  | { readonly id: string; readonly type: 'refund'; readonly memberId: string; readonly at: string; readonly orderId: string; readonly amount: string }
  | { readonly id: string; readonly type: 'tick'; readonly memberId: string; readonly at: string }
  | { readonly id: string; readonly type: 'adjustment'; readonly memberId: string; readonly at: string; readonly points: number; readonly reason: string };

/** A stream spans at most about two years: later steps are dropped. */
export const HORIZON_MS = 800 * 86_400_000;

/** Minutes until the step: often the same day, often days later, sometimes months later. */
const gapArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 12 * 60 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 48 }).map((h) => h * 60) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 10 }).chain((d) => fc.integer({ min: 0, max: 1439 }).map((m) => d * 1440 + m)) },
  { weight: 3, arbitrary: fc.integer({ min: 20, max: 120 }).chain((d) => fc.constantFrom(0, 60, 7 * 60, 23 * 60 + 59).map((m) => d * 1440 + m)) },
  { weight: 1, arbitrary: fc.integer({ min: 150, max: 400 }).map((d) => d * 1440 + 13) },
);

export type TierStep =
  | { readonly kind: 'purchase'; readonly gap: number; readonly cents: number; readonly style: number }
  | { readonly kind: 'refund'; readonly gap: number; readonly pick: number; readonly full: boolean; readonly percent: number; readonly style: number }
  | { readonly kind: 'tick'; readonly gap: number }
  | { readonly kind: 'adjust'; readonly gap: number; readonly points: number };

const centsArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 30_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(1_000, 5_000, 10_000, 25_000) },
  { weight: 1, arbitrary: fc.integer({ min: 30_000, max: 80_000 }) },
  { weight: 1, arbitrary: fc.constant(0) },
);

export const tierStepArb: fc.Arbitrary<TierStep> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('purchase' as const), gap: gapArb, cents: centsArb, style: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), gap: gapArb, pick: fc.nat(), full: fc.boolean(), percent: fc.integer({ min: 1, max: 99 }), style: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), gap: gapArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjust' as const), gap: gapArb, points: fc.integer({ min: -500, max: -1 }) }) },
);

/** Where a stream starts (UTC ms): any minute from mid-2023 to early 2025 (29 February 2024 and DST changes inside). */
export const startArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 600 * 1440 }).map((m) => Date.UTC(2023, 5, 1) + m * 60_000),
  fc.constantFrom(Date.UTC(2024, 1, 29, 12), Date.UTC(2024, 0, 31, 4, 30), Date.UTC(2023, 11, 31, 23, 30), Date.UTC(2024, 2, 9, 5)),
);

/** How instants are written: UTC (`Z`), or the same instant with some other offset. */
export const OFFSETS = [0, 0, 60, -300, 210, 330, -480] as const;

export function isoAt(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Parses a decimal string into cents (the generators never write more than two significant decimals). */
export function centsOf(amount: string): number {
  const [int = '0', frac = ''] = amount.split('.');
  const digits = (frac + '00').slice(0, 2);
  if (/[1-9]/.test(frac.slice(2))) throw new Error(`more than two decimals: ${amount}`);
  return Number(int) * 100 + Number(digits);
}

/**
 * Turns steps into valid events for one member in time order: refunds only of
 * earlier orders, partial or full, never beyond what is left of the order.
 * Steps beyond {@link HORIZON_MS} after the start are dropped.
 */
export function buildTierEvents(steps: readonly TierStep[], start: number, offset = 0, memberId = 'm1'): TierEvent[] {
  const open: { orderId: string; left: number }[] = [];
  const events: TierEvent[] = [];
  let t = start;
  steps.forEach((step, i) => {
    t += step.gap * 60_000;
    if (t > start + HORIZON_MS) return;
    const at = isoAt(t, offset);
    const id = `e${i}`;
    switch (step.kind) {
      case 'purchase': {
        const orderId = `o${i}`;
        open.push({ orderId, left: step.cents });
        events.push({ id, type: 'purchase', memberId, at, orderId, amount: decimalString(step.cents, step.style), currency: 'USD' });
        break;
      }
      case 'refund': {
        const candidates = open.filter((o) => o.left > 0);
        const order = candidates[step.pick % Math.max(1, candidates.length)];
        if (order === undefined) {
          events.push({ id, type: 'tick', memberId, at });
          break;
        }
        const amount = step.full ? order.left : Math.max(1, Math.floor((order.left * step.percent) / 100));
        order.left -= amount;
        events.push({ id, type: 'refund', memberId, at, orderId: order.orderId, amount: decimalString(amount, step.style) });
        break;
      }
      case 'tick':
        events.push({ id, type: 'tick', memberId, at });
        break;
      case 'adjust':
        events.push({ id, type: 'adjustment', memberId, at, points: step.points, reason: 'test' });
        break;
    }
  });
  return events;
}

/** A stream of events for member `m1`, in time order, spanning up to about two years. */
export const tierEventsArb = (maxLength = 40): fc.Arbitrary<TierEvent[]> =>
  fc
    .record({ steps: fc.array(tierStepArb, { maxLength, size: 'max' }), start: startArb, offset: fc.constantFrom(...OFFSETS) })
    .map(({ steps, start, offset }) => buildTierEvents(steps, start, offset));

/** What is left to refund of each order after the stream, in cents. */
export function leftToRefund(events: readonly TierEvent[]): Map<string, number> {
  const left = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'purchase') left.set(e.orderId, centsOf(e.amount));
    else if (e.type === 'refund') left.set(e.orderId, (left.get(e.orderId) ?? 0) - centsOf(e.amount));
  }
  return left;
}
