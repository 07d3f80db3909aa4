import { z } from 'zod';
import { Identifier, PositiveDecimal, PositiveInt } from './fields.js';

/**
 * What a tier criterion measures, over the tier window (tenure excepted):
 * net money spent, orders not fully refunded, days with such an order,
 * qualifying points (earned by earn rules, net of claw-backs; never the
 * spendable balance), or whole days since enrolment.
 */
export const TierMetric = z.enum(['spend', 'orders', 'visits', 'points', 'tenureDays']);
export type TierMetric = z.output<typeof TierMetric>;

/** `{ metric: 'spend', atLeast: '500.00' }`: met when the metric reaches the threshold. */
export const ThresholdSchema = z
  .strictObject({ metric: TierMetric, atLeast: PositiveDecimal })
  .superRefine((t, ctx) => {
    if (t.metric !== 'spend' && !/^\d+$/.test(t.atLeast)) {
      ctx.addIssue({ code: 'custom', path: ['atLeast'], message: `${t.metric} is counted in whole numbers`, input: t.atLeast, params: { code: 'not_integer' } });
    }
  });

export type TierThreshold = z.output<typeof ThresholdSchema>;
/** A threshold, or all / any of several (nested as deep as needed). */
export type TierCriterion = TierThreshold | { readonly all: readonly TierCriterion[] } | { readonly any: readonly TierCriterion[] };
export type TierCriterionInput = z.input<typeof ThresholdSchema> | { all: TierCriterionInput[] } | { any: TierCriterionInput[] };

export const CriterionSchema: z.ZodType<TierCriterion, TierCriterionInput> = z.lazy(() =>
  z.union([
    ThresholdSchema,
    z.strictObject({ all: z.array(CriterionSchema).min(1).max(20) }),
    z.strictObject({ any: z.array(CriterionSchema).min(1).max(20) }),
  ]),
);

/** The span of days the criteria measure, on the program's calendar. */
export const TierWindowSchema = z.discriminatedUnion('kind', [
  /** The last N days or N months up to and including today. */
  z
    .strictObject({ kind: z.literal('rolling'), days: PositiveInt.max(3660).optional(), months: PositiveInt.max(120).optional() })
    .refine((w) => (w.days === undefined) !== (w.months === undefined), { message: 'give either days or months', params: { code: 'invalid_window' } }),
  /** This calendar month, quarter or year; with `includePrevious`, this one or the previous one, whichever qualifies higher. */
  z.strictObject({
    kind: z.literal('calendar'),
    period: z.enum(['month', 'quarter', 'year']),
    includePrevious: z.boolean().default(false),
  }),
  /** The current membership year, from the last anniversary of enrolment; `includePrevious` as for calendar. */
  z.strictObject({ kind: z.literal('anniversary'), includePrevious: z.boolean().default(false) }),
  z.strictObject({ kind: z.literal('lifetime') }),
]);
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
  id: Identifier,
  name: z.string().min(1).max(200).optional(),
  /** Absent: everyone has this level (only the first, lowest level may omit it). */
  criteria: CriterionSchema.optional(),
  /** Earn multiplier on spend rules while the member holds the level. */
  multiplier: PositiveDecimal.optional(),
  /** Keys the host reads: `free_shipping`, `early_access`, … */
  perks: z.array(Identifier).max(100).default([]),
  entryReward: EntryRewardSchema.optional(),
});

const Schedule = z.discriminatedUnion('kind', [
  /** Each anniversary of enrolment. */
  z.strictObject({ kind: z.literal('anniversary') }),
  /** At the start of each calendar month, quarter or year. */
  z.strictObject({ kind: z.literal('period'), period: z.enum(['month', 'quarter', 'year']) }),
  /** Every N days after the member entered the level. */
  z.strictObject({ kind: z.literal('days'), days: PositiveInt.max(3660) }),
]);

/** When a member who no longer qualifies loses the level. Upgrades are always immediate. */
export const DowngradeSchema = z.discriminatedUnion('kind', [
  /** Continuously: N days after the member stopped qualifying, unless they qualify again (0: at once). */
  z.strictObject({ kind: z.literal('grace'), days: z.int().min(0).max(3660), oneLevelAtATime: z.boolean().default(false) }),
  /** Only at review dates: the level is then set to what the member qualifies for. */
  z.strictObject({ kind: z.literal('scheduled'), every: Schedule, oneLevelAtATime: z.boolean().default(false) }),
]);
export type DowngradePolicy = z.output<typeof DowngradeSchema>;

export const TiersSchema = z.strictObject({
  window: TierWindowSchema,
  /** Lowest first. A member holds the highest level whose criteria are met (subject to the downgrade policy). */
  levels: z.array(TierLevelSchema).min(1).max(50),
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
    .strictObject({ days: PositiveInt.max(36600).optional(), months: PositiveInt.max(1200).optional(), years: PositiveInt.max(100).optional() })
    .refine((p) => [p.days, p.months, p.years].filter((x) => x !== undefined).length === 1, {
      message: 'give exactly one of days, months or years',
      params: { code: 'invalid_period' },
    }),
]);
export type PlanPeriod = z.output<typeof PlanPeriodSchema>;

/** A paid membership plan (Amazon Prime's yearly fee, REI's lifetime fee): grants a level, perks, or both. */
export const PlanSchema = z
  .strictObject({
    id: Identifier,
    name: z.string().min(1).max(200).optional(),
    level: Identifier.optional(),
    perks: z.array(Identifier).max(100).default([]),
    period: PlanPeriodSchema,
  })
  .refine((p) => p.level !== undefined || p.perks.length > 0, { message: 'a plan grants a level, perks, or both', params: { code: 'empty_plan' } });
export type MembershipPlan = z.output<typeof PlanSchema>;
