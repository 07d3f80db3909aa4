/**
 * Generated tier ladders: 1–4 levels (optionally a base level everyone
 * holds), criteria over spend, orders, visits, qualifying points and tenure
 * (alone, all of, any of), every window kind, grace or scheduled downgrades,
 * entry rewards, level multipliers, perks and warnings.
 */
import fc from 'fast-check';
import { defined, rarely } from '../support/feature.js';
import { formatMinor, type MoneyScale } from '../support/money.js';

type Json = Record<string, unknown>;

const LEVEL_IDS = ['bronze', 'silver', 'gold', 'platinum'] as const;

export const windowArb: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ kind: fc.constant('rolling'), days: fc.oneof(fc.constantFrom(7, 30, 90, 365), fc.integer({ min: 1, max: 400 })) }),
  fc.record({ kind: fc.constant('rolling'), months: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('calendar'), period: fc.constantFrom('month', 'quarter', 'year'), includePrevious: fc.boolean() }),
  fc.record({ kind: fc.constant('anniversary'), includePrevious: fc.boolean() }),
  fc.constant({ kind: 'lifetime' }),
);

export const downgradeArb: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ kind: fc.constant('grace'), days: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })), oneLevelAtATime: fc.boolean() }),
  fc.record({
    kind: fc.constant('scheduled'),
    every: fc.oneof(
      fc.record({ kind: fc.constant('days'), days: fc.integer({ min: 1, max: 180 }) }),
      fc.record({ kind: fc.constant('period'), period: fc.constantFrom('month', 'quarter', 'year') }),
      fc.constant({ kind: 'anniversary' }),
    ),
    oneLevelAtATime: fc.boolean(),
  }),
);

type Gauge = 'spend' | 'orders' | 'visits' | 'points' | 'tenureDays' | 'all' | 'any';

const levelDraftArb = fc.record({
  gauge: fc.oneof(
    { weight: 5, arbitrary: fc.constant<Gauge>('spend') },
    { weight: 2, arbitrary: fc.constant<Gauge>('orders') },
    { weight: 1, arbitrary: fc.constant<Gauge>('visits') },
    { weight: 1, arbitrary: fc.constant<Gauge>('points') },
    { weight: 1, arbitrary: fc.constant<Gauge>('tenureDays') },
    { weight: 2, arbitrary: fc.constant<Gauge>('all') },
    { weight: 2, arbitrary: fc.constant<Gauge>('any') },
  ),
  /** Steps up the ladder: money in price units (pence, yen), counts, points, days. */
  spendStep: fc.oneof(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom(5_000, 10_000, 25_000)),
  countStep: fc.integer({ min: 1, max: 4 }),
  pointsStep: fc.integer({ min: 1, max: 300 }),
  tenureStep: fc.integer({ min: 1, max: 120 }),
  entryPoints: rarely(fc.integer({ min: 1, max: 500 })),
  entryReward: fc.boolean(),
  multiplier: rarely(fc.constantFrom('1.5', '2', '3')),
  perk: fc.boolean(),
});

export const tiersDraftArb = fc.record({
  base: fc.boolean(),
  levels: fc.array(levelDraftArb, { minLength: 1, maxLength: 4 }),
  window: windowArb,
  downgrade: downgradeArb,
  entryRewards: fc.constantFrom('each-level', 'reached-level-only'),
  warnDaysBefore: rarely(fc.integer({ min: 1, max: 30 })),
  /** Level multipliers only on the first spend rule. */
  firstOnly: fc.boolean(),
});
export type TiersDraft = typeof tiersDraftArb extends fc.Arbitrary<infer T> ? T : never;

/** The `tiers` section a draft describes; thresholds rise level by level. */
export function tiersOf(d: TiersDraft, money: MoneyScale, firstSpend: string | undefined): Json {
  let spend = 0;
  let count = 0;
  let points = 0;
  let tenure = 0;
  const levels = d.levels.map((l, i): Json => {
    spend += l.spendStep;
    count += l.countStep;
    points += l.pointsStep;
    tenure += l.tenureStep;
    const s = { metric: 'spend', atLeast: formatMinor(spend * money.factor, money.digits) };
    const o = { metric: 'orders', atLeast: String(count) };
    const v = { metric: 'visits', atLeast: String(count) };
    const p = { metric: 'points', atLeast: String(points) };
    const t = { metric: 'tenureDays', atLeast: String(tenure) };
    const criteria =
      l.gauge === 'spend' ? s
      : l.gauge === 'orders' ? o
      : l.gauge === 'visits' ? v
      : l.gauge === 'points' ? p
      : l.gauge === 'tenureDays' ? t
      : l.gauge === 'all' ? { all: [s, { any: [o, t] }] }
      : { any: [s, { all: [v, p] }] };
    const id = i === 0 && d.base ? 'member' : (LEVEL_IDS[i] ?? `level-${i}`);
    const entry = l.entryPoints !== undefined || l.entryReward ? defined({ points: l.entryPoints, reward: l.entryReward ? `welcome-${id}` : undefined }) : undefined;
    return defined({
      id,
      criteria: i === 0 && d.base ? undefined : criteria,
      entryReward: entry,
      multiplier: l.multiplier,
      perks: l.perk ? [`perk-${id}`] : [],
    });
  });
  return defined({
    window: d.window,
    levels,
    downgrade: d.downgrade,
    entryRewards: d.entryRewards,
    warnDaysBefore: d.warnDaysBefore,
    multiplierAppliesTo: d.firstOnly && firstSpend !== undefined ? [firstSpend] : undefined,
  });
}

/** Whether a draft gives some level an earn multiplier. */
export const hasLevelMultipliers = (d: TiersDraft): boolean => d.levels.some((l) => l.multiplier !== undefined);
