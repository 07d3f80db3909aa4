import { z } from 'zod';
import {
  CapsSchema,
  ConditionSchema,
  DecimalInput,
  Identifier,
  ItemFilterSchema,
  PositiveDecimal,
  PositiveInt,
  TimeZone,
  Currency,
} from './fields.js';
import { PlanSchema, TiersSchema } from './tiers-schema.js';
import { RewardsSchema } from './rewards-schema.js';
import { MessagesSchema } from './messages-schema.js';
import { ruleBase } from './rule-base.js';
import {
  ActivityRuleSchema,
  BirthdayRuleSchema,
  FirstPurchaseRuleSchema,
  ReferralsSchema,
  StampCardSchema,
  WelcomeRuleSchema,
  WinBackSchema,
} from './engagement-schema.js';


/** Points per amount spent: `rate.points` for every `rate.per` of money. */
export const SpendRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('spend'),
  rate: z.strictObject({ points: PositiveDecimal, per: PositiveDecimal }),
  items: ItemFilterSchema.optional(),
  minOrderAmount: DecimalInput.optional(),
  caps: CapsSchema.optional(),
});

/** Multiplies the points of spend rules when its condition (and item filter) match. */
export const MultiplierRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('multiplier'),
  factor: PositiveDecimal,
  items: ItemFilterSchema.optional(),
  appliesTo: z.array(Identifier).min(1).optional(),
});

/** A fixed number of points for a purchase that reaches `minAmount`. */
export const BonusRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('bonus'),
  points: PositiveInt,
  minAmount: DecimalInput.optional(),
  items: ItemFilterSchema.optional(),
  caps: CapsSchema.optional(),
});

/**
 * Money into the member's wallet instead of points: `percent` of the eligible
 * amount, or `every.amount` for every full `every.per` spent. Rounded to the
 * currency's minor unit as `wallet.rounding` says. Multipliers do not apply.
 */
export const CashbackRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('cashback'),
  percent: PositiveDecimal.optional(),
  every: z.strictObject({ amount: PositiveDecimal, per: PositiveDecimal }).optional(),
  items: ItemFilterSchema.optional(),
  minOrderAmount: DecimalInput.optional(),
  /** At most this much money per order. */
  maxPerOrder: PositiveDecimal.optional(),
});

export const EarnRuleSchema = z.discriminatedUnion('kind', [
  SpendRuleSchema,
  MultiplierRuleSchema,
  BonusRuleSchema,
  CashbackRuleSchema,
  FirstPurchaseRuleSchema,
  ActivityRuleSchema,
  WelcomeRuleSchema,
  BirthdayRuleSchema,
]);

/** The member's money wallet (cashback, wallet-credit rewards). */
export const WalletSchema = z.strictObject({
  /** How cashback is rounded to the currency's minor unit (cents; none for JPY). */
  rounding: z.enum(['floor', 'ceil', 'round-half-up', 'round-half-even']),
  /** The least that can be spent from the wallet at once. */
  minRedeem: PositiveDecimal.optional(),
});

export const ExpirySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('never') }),
  // at most a century, so that dates computed from events (which stop at the year 9000) stay within four-digit years
  z.strictObject({ kind: z.literal('days-after-earning'), days: PositiveInt.max(36_600) }),
  z.strictObject({
    kind: z.literal('end-of-period'),
    period: z.enum(['month', 'quarter', 'year']),
    /** 0: at the end of the period of earning; 1: at the end of the next one; … */
    periodsAfter: z.int().min(0).max(100).default(0),
  }),
  z.strictObject({ kind: z.literal('inactivity'), days: PositiveInt.max(36_600) }),
]);

export const PointsSchema = z.strictObject({
  rounding: z.enum(['floor', 'ceil', 'round-half-up', 'round-half-even']),
  pendingDays: z.int().min(0).max(3650).default(0),
  expiry: ExpirySchema,
  negativeBalance: z.enum(['allow', 'debt']),
  multipliers: z.enum(['multiply', 'add', 'highest']).optional(),
  caps: CapsSchema.optional(),
});

/** The program definition format. `docs/program.schema.json` is generated from it. */
export const ProgramSchema = z.strictObject({
  id: Identifier,
  version: z.int().min(1),
  name: z.string().max(200).optional(),
  /** ISO 4217 code; purchases in another currency are refused. */
  currency: Currency,
  timezone: TimeZone,
  points: PointsSchema,
  /** How long after a purchase a refund is accepted; older orders are dropped from the member's state. Default: forever. */
  refunds: z.strictObject({ windowDays: PositiveInt.max(3660) }).optional(),
  conditions: z.record(Identifier, ConditionSchema).default({}),
  earn: z.array(EarnRuleSchema).default([]),
  /** Membership levels: criteria over a window, downgrade policy, benefits. */
  tiers: TiersSchema.optional(),
  /** Paid membership plans, started and ended by `membership` events. */
  memberships: z.array(PlanSchema).max(100).optional(),
  /** A money wallet, required by cashback rules and wallet-credit rewards. */
  wallet: WalletSchema.optional(),
  /** The redemption catalog ([docs/rewards.md]). */
  rewards: RewardsSchema.optional(),
  /** The messages the host sends to members, with frequency caps ([docs/messages.md]). */
  messages: MessagesSchema.optional(),
  /** Stamp cards ("buy 10, get 1 free") ([docs/stamp-cards.md]). */
  stampCards: z.array(StampCardSchema).max(100).optional(),
  /** The referral program ([docs/referrals.md]). */
  referrals: ReferralsSchema.optional(),
  /** A reward for members who have been inactive ([docs/activities.md]). */
  winBack: WinBackSchema.optional(),
});

/** A program as written: what `defineProgram` accepts. */
export type ProgramInput = z.input<typeof ProgramSchema>;
/** A program after validation: defaults filled, amounts as decimal strings. */
export type ProgramDefinition = z.output<typeof ProgramSchema>;
export type EarnRule = z.output<typeof EarnRuleSchema>;
export type SpendRule = z.output<typeof SpendRuleSchema>;
export type MultiplierRule = z.output<typeof MultiplierRuleSchema>;
export type BonusRule = z.output<typeof BonusRuleSchema>;
export type CashbackRule = z.output<typeof CashbackRuleSchema>;
export type FirstPurchaseRule = z.output<typeof FirstPurchaseRuleSchema>;
export type ActivityRule = z.output<typeof ActivityRuleSchema>;
export type WelcomeRule = z.output<typeof WelcomeRuleSchema>;
export type BirthdayRule = z.output<typeof BirthdayRuleSchema>;
export type WalletDefinition = z.output<typeof WalletSchema>;
export type ExpiryPolicy = z.output<typeof ExpirySchema>;
export type Caps = z.output<typeof CapsSchema>;
