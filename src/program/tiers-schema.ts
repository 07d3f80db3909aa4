import { z } from 'zod';
import { Identifier, PositiveDecimal, PositiveInt } from './fields.js';

/**
 * What a tier criterion measures, over the tier window (tenure excepted):
 * net money spent, orders not fully refunded, days with such an order,
 * qualifying points (earned by earn rules, net of claw-backs; never the
 * spendable balance), or whole days since enrolment.
 *
 * @hidden the schema; the API reference documents the type of the same name
 */
export const TierMetric = z.enum(['spend', 'orders', 'visits', 'points', 'tenureDays']);
/**
 * What a tier criterion measures, over the tier window (tenure excepted):
 * `spend` (net money spent), `orders` (orders not fully refunded), `visits`
 * (days with such an order), `points` (qualifying points: earned by earn
 * rules, net of claw-backs; never the spendable balance) or `tenureDays`
 * (whole days since enrolment).
 *
 * @useDeclaredType
 */
export type TierMetric = z.output<typeof TierMetric>;

/** `{ metric: 'spend', atLeast: '500.00' }`: met when the metric reaches the threshold. */
export const ThresholdSchema = z
  .strictObject({
    /** What is measured. */
    metric: TierMetric,
    /** The least value that meets the threshold (a whole number for all metrics but `spend`). */
    atLeast: PositiveDecimal,
  })
  .superRefine((t, ctx) => {
    if (t.metric !== 'spend' && !/^\d+$/.test(t.atLeast)) {
      ctx.addIssue({ code: 'custom', path: ['atLeast'], message: `${t.metric} is counted in whole numbers`, input: t.atLeast, params: { code: 'not_integer' } });
    }
  });

/**
 * `{ metric: 'spend', atLeast: '500' }`: met when the metric reaches the threshold.
 *
 * @useDeclaredType
 */
export type TierThreshold = z.output<typeof ThresholdSchema>;
/**
 * A threshold, or all / any of several (nested as deep as needed).
 *
 * @example
 * const criterion: TierCriterion = {
 *   any: [{ metric: 'spend', atLeast: '500' }, { all: [{ metric: 'orders', atLeast: '10' }, { metric: 'tenureDays', atLeast: '365' }] }],
 * };
 */
export type TierCriterion =
  | TierThreshold
  | {
      /** Met when every criterion is. */
      readonly all: readonly TierCriterion[];
    }
  | {
      /** Met when at least one criterion is. */
      readonly any: readonly TierCriterion[];
    };
export type TierCriterionInput = z.input<typeof ThresholdSchema> | { all: TierCriterionInput[] } | { any: TierCriterionInput[] };

export const CriterionSchema: z.ZodType<TierCriterion, TierCriterionInput> = z.lazy(() =>
  z.union(
    [
      ThresholdSchema,
      z.strictObject({ all: z.array(CriterionSchema).min(1).max(20) }),
      z.strictObject({ any: z.array(CriterionSchema).min(1).max(20) }),
    ],
    // when no option fits (zod's own message is "Invalid input")
    { error: 'must be a threshold such as { "metric": "spend", "atLeast": "500.00" }, or { "all": [...] } or { "any": [...] } of them' },
  ),
);

/** The span of days the criteria measure, on the program's calendar. */
export const TierWindowSchema = z.discriminatedUnion('kind', [
  /** The last N days or N months up to and including today. */
  z
    .strictObject({
      /** The window kind. */
      kind: z.literal('rolling'),
      /** The last N days; give this or `months`. */
      days: PositiveInt.max(3660).optional(),
      /** The last N months; give this or `days`. */
      months: PositiveInt.max(120).optional(),
    })
    .refine((w) => (w.days === undefined) !== (w.months === undefined), { message: 'give either days or months', params: { code: 'invalid_window' } }),
  /** This calendar month, quarter or year; with `includePrevious`, this one or the previous one, whichever qualifies higher. */
  z.strictObject({
    /** The window kind. */
    kind: z.literal('calendar'),
    /** The calendar period. */
    period: z.enum(['month', 'quarter', 'year']),
    /** Also count the previous period, whichever qualifies higher (default `false`). */
    includePrevious: z.boolean().default(false),
  }),
  /** The current membership year, from the last anniversary of enrolment; `includePrevious` as for calendar. */
  z.strictObject({
    /** The window kind. */
    kind: z.literal('anniversary'),
    /** Also count the previous membership year, whichever qualifies higher (default `false`). */
    includePrevious: z.boolean().default(false),
  }),
  z.strictObject({
    /** The member's whole history. */
    kind: z.literal('lifetime'),
  }),
]);
/**
 * The span of days tier criteria measure: `rolling`, `calendar`, `anniversary` or `lifetime` (docs/tiers.md).
 *
 * @useDeclaredType
 */
export type TierWindow = z.output<typeof TierWindowSchema>;

/** Issued once, the first time a member reaches the level. */
export const EntryRewardSchema = z
  .strictObject({
    /** Points credited to the balance (not qualifying points). */
    points: PositiveInt.optional(),
    /** A reward the host fulfils (a coupon, a gift card, …), announced in a `reward_issued` effect. */
    reward: Identifier.optional(),
  })
  .refine((r) => r.points !== undefined || r.reward !== undefined, { message: 'give points, a reward, or both', params: { code: 'empty_reward' } });

export const TierLevelSchema = z.strictObject({
  /** The level's id, unique among the levels. */
  id: Identifier,
  /** For people. */
  name: z.string().min(1).max(200).optional(),
  /** Absent: everyone has this level (only the first, lowest level may omit it). */
  criteria: CriterionSchema.optional(),
  /** Earn multiplier on spend rules while the member holds the level. */
  multiplier: PositiveDecimal.optional(),
  /** Keys the host reads: `free_shipping`, `early_access`, … */
  perks: z.array(Identifier).max(100).default([]),
  /** Given once, the first time a member reaches the level. */
  entryReward: EntryRewardSchema.optional(),
});

const Schedule = z.discriminatedUnion('kind', [
  /** Each anniversary of enrolment. */
  z.strictObject({
    /** Reviews on each anniversary of enrolment. */
    kind: z.literal('anniversary'),
  }),
  /** At the start of each calendar month, quarter or year. */
  z.strictObject({
    /** Reviews at the start of each calendar period. */
    kind: z.literal('period'),
    /** The calendar period. */
    period: z.enum(['month', 'quarter', 'year']),
  }),
  /** Every N days after the member entered the level. */
  z.strictObject({
    /** Reviews every `days` days after the member entered the level. */
    kind: z.literal('days'),
    /** Days between reviews. */
    days: PositiveInt.max(3660),
  }),
]);

/** When a member who no longer qualifies loses the level. Upgrades are always immediate. */
export const DowngradeSchema = z.discriminatedUnion('kind', [
  /** Continuously: N days after the member stopped qualifying, unless they qualify again (0: at once). */
  z.strictObject({
    /** The policy kind. */
    kind: z.literal('grace'),
    /** Days of grace (0: at once). */
    days: z.int().min(0).max(3660),
    /** Drop one level per downgrade instead of straight to the level qualified for (default `false`). */
    oneLevelAtATime: z.boolean().default(false),
  }),
  /** Only at review dates: the level is then set to what the member qualifies for. */
  z.strictObject({
    /** The policy kind. */
    kind: z.literal('scheduled'),
    /** When reviews happen. */
    every: Schedule,
    /** Drop one level per review instead of straight to the level qualified for (default `false`). */
    oneLevelAtATime: z.boolean().default(false),
  }),
]);
/**
 * When a member who no longer qualifies loses the level: after `grace` days, or at `scheduled` reviews.
 *
 * @useDeclaredType
 */
export type DowngradePolicy = z.output<typeof DowngradeSchema>;

export const TiersSchema = z.strictObject({
  /** The span of days the criteria measure. */
  window: TierWindowSchema,
  /** Lowest first. A member holds the highest level whose criteria are met (subject to the downgrade policy). */
  levels: z.array(TierLevelSchema).min(1).max(50),
  /** When a member who no longer qualifies loses the level. */
  downgrade: DowngradeSchema,
  /** `each-level` (default): a member who skips levels on the way up gets every skipped level's entry reward too. */
  entryRewards: z.enum(['each-level', 'reached-level-only']).default('each-level'),
  /** Spend rules the level multipliers apply to (default: all). They combine with multiplier rules as `points.multipliers` declares. */
  multiplierAppliesTo: z.array(Identifier).min(1).optional(),
  /** Announce a coming downgrade this many days before it happens (`tier_downgrade_warning`). */
  warnDaysBefore: z.int().min(1).max(366).optional(),
});
export type TiersDefinition = z.output<typeof TiersSchema>;
export type TierLevel = z.output<typeof TierLevelSchema>;

/** How long a paid membership lasts: `"lifetime"` or one of days, months or years. */
export const PlanPeriodSchema = z.union([
  z.literal('lifetime'),
  z
    .strictObject({
      /** Days; give exactly one of days, months or years. */
      days: PositiveInt.max(36600).optional(),
      /** Calendar months. */
      months: PositiveInt.max(1200).optional(),
      /** Calendar years. */
      years: PositiveInt.max(100).optional(),
    })
    .refine((p) => [p.days, p.months, p.years].filter((x) => x !== undefined).length === 1, {
      message: 'give exactly one of days, months or years',
      params: { code: 'invalid_period' },
    }),
]);
/**
 * How long a paid membership lasts: `"lifetime"`, or one of `{ days }`, `{ months }`, `{ years }`.
 *
 * @useDeclaredType
 */
export type PlanPeriod = z.output<typeof PlanPeriodSchema>;

/** A paid membership plan (Amazon Prime's yearly fee, REI's lifetime fee): grants a level, perks, or both. */
export const PlanSchema = z
  .strictObject({
    /** The plan's id, named by `membership` events. */
    id: Identifier,
    /** For people. */
    name: z.string().min(1).max(200).optional(),
    /** The tier level the plan grants while it runs. */
    level: Identifier.optional(),
    /** Keys the host reads while the plan runs (default none). */
    perks: z.array(Identifier).max(100).default([]),
    /** How long one purchase or renewal lasts. */
    period: PlanPeriodSchema,
  })
  .refine((p) => p.level !== undefined || p.perks.length > 0, { message: 'a plan grants a level, perks, or both', params: { code: 'empty_plan' } });
/**
 * A paid membership plan: grants a level, perks, or both, for its period (docs/tiers.md).
 *
 * @useDeclaredType
 */
export type MembershipPlan = z.output<typeof PlanSchema>;
