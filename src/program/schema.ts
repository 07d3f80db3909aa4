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
  /** The rule kind. */
  kind: z.literal('spend'),
  /** `points` for every `per` of money (`{ points: 1, per: '1.00' }`). */
  rate: z.strictObject({
    /** Points per step (may be fractional; the rule's result is rounded once). */
    points: PositiveDecimal,
    /** The money of one step. */
    per: PositiveDecimal,
  }),
  /** Earn only on the items the filter selects (default: the whole order). */
  items: ItemFilterSchema.optional(),
  /** Below this order amount (the whole order, not the matching items) the rule earns nothing. */
  minOrderAmount: DecimalInput.optional(),
  /** Limits on the rule's points. */
  caps: CapsSchema.optional(),
});

/** Multiplies the points of spend rules when its condition (and item filter) match. */
export const MultiplierRuleSchema = z.strictObject({
  ...ruleBase,
  /** The rule kind. */
  kind: z.literal('multiplier'),
  /** The factor (`2`, `"1.5"`). */
  factor: PositiveDecimal,
  /** Multiply only the points of the items the filter selects. */
  items: ItemFilterSchema.optional(),
  /** The spend rules it multiplies (default: every spend rule). */
  appliesTo: z.array(Identifier).min(1).optional(),
});

/** A fixed number of points for a purchase that reaches `minAmount`. */
export const BonusRuleSchema = z.strictObject({
  ...ruleBase,
  /** The rule kind. */
  kind: z.literal('bonus'),
  /** The points given. */
  points: PositiveInt,
  /** The least the base (the order, or its items the filter selects) must reach. */
  minAmount: DecimalInput.optional(),
  /** The items whose value makes the base. */
  items: ItemFilterSchema.optional(),
  /** Limits on the rule's points. */
  caps: CapsSchema.optional(),
});

/**
 * Money into the member's wallet instead of points: `percent` of the eligible
 * amount, or `every.amount` for every full `every.per` spent. Rounded to the
 * currency's minor unit as `wallet.rounding` says. Multipliers do not apply.
 */
export const CashbackRuleSchema = z.strictObject({
  ...ruleBase,
  /** The rule kind. */
  kind: z.literal('cashback'),
  /** Percent of the eligible amount (`"10"` = 10%); give this or `every`. */
  percent: PositiveDecimal.optional(),
  /** `amount` of money for every full `per` spent; give this or `percent`. */
  every: z
    .strictObject({
      /** Money credited per step. */
      amount: PositiveDecimal,
      /** The spend of one step. */
      per: PositiveDecimal,
    })
    .optional(),
  /** Only the items the filter selects are eligible. */
  items: ItemFilterSchema.optional(),
  /** The order must reach this amount. */
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
  z.strictObject({
    /** Points never expire. */
    kind: z.literal('never'),
  }),
  // at most a century, so that dates computed from events (which stop at the year 9000) stay within four-digit years
  z.strictObject({
    /** Each lot expires `days` after it was earned. */
    kind: z.literal('days-after-earning'),
    /** Days, at most 36,600. */
    days: PositiveInt.max(36_600),
  }),
  z.strictObject({
    /** Points expire at the end of the calendar period they were earned in (program time zone). */
    kind: z.literal('end-of-period'),
    /** The calendar period. */
    period: z.enum(['month', 'quarter', 'year']),
    /** 0: at the end of the period of earning; 1: at the end of the next one; … */
    periodsAfter: z.int().min(0).max(100).default(0),
  }),
  z.strictObject({
    /** All points expire `days` after the member's last activity. */
    kind: z.literal('inactivity'),
    /** Days, at most 36,600. */
    days: PositiveInt.max(36_600),
  }),
]);

export const PointsSchema = z.strictObject({
  /** How a rule's fractional points become an integer. */
  rounding: z.enum(['floor', 'ceil', 'round-half-up', 'round-half-even']),
  /** Days before earned points can be spent (default 0). */
  pendingDays: z.int().min(0).max(3650).default(0),
  /** When points expire. */
  expiry: ExpirySchema,
  /** When a refund or adjustment takes more than the balance: go below zero (`allow`) or record a debt repaid from future earning (`debt`). */
  negativeBalance: z.enum(['allow', 'debt']),
  /** How several matching multipliers combine; required once the program has multiplier rules. */
  multipliers: z.enum(['multiply', 'add', 'highest']).optional(),
  /** Program-wide limits on points from purchases and every grant together. */
  caps: CapsSchema.optional(),
});

/** The program definition format. `docs/program.schema.json` is generated from it. */
export const ProgramSchema = z.strictObject({
  /** The program's id; a member state belongs to one program id. */
  id: Identifier,
  /** Recorded in every ledger entry as `programVersion`; raise it to change a live program. */
  version: z.int().min(1),
  /** For people. */
  name: z.string().max(200).optional(),
  /** ISO 4217 code; purchases in another currency are refused. */
  currency: Currency,
  /** IANA name (`Europe/Warsaw`): the wall clock for conditions, `active` dates, caps, pending days and expiry. */
  timezone: TimeZone,
  /** Rounding, pending days, expiry, negative balances, multipliers and program-wide caps. */
  points: PointsSchema,
  /** How long after a purchase a refund is accepted; older orders are dropped from the member's state. Default: forever. */
  refunds: z
    .strictObject({
      /** Days after the purchase. */
      windowDays: PositiveInt.max(3660),
    })
    .optional(),
  /** Named conditions that rules refer to with `{ "condition": "name" }` (default none). */
  conditions: z.record(Identifier, ConditionSchema).default({}),
  /** The earn rules (default none). */
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

/**
 * A program as written: what `defineProgram` accepts. The fields of
 * {@link ProgramDefinition}, where defaults may be left out and decimals may be
 * numbers (`rate: { points: 1, per: 1 }`). docs/programs.md lists every field.
 *
 * @example
 * const input: ProgramInput = {
 *   id: 'coffee', version: 1, currency: 'EUR', timezone: 'Europe/Warsaw',
 *   points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
 *   earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
 * };
 * const program = defineProgram(input);
 */
export type ProgramInput = z.input<typeof ProgramSchema>;
/**
 * A program after validation: defaults filled, amounts as decimal strings.
 * {@link Program} is its frozen, compiled form.
 *
 * @useDeclaredType
 */
export type ProgramDefinition = z.output<typeof ProgramSchema>;
/**
 * One rule of a program's `earn` list, told apart by `kind`.
 *
 * @useDeclaredType
 */
export type EarnRule = z.output<typeof EarnRuleSchema>;
/**
 * Points per amount spent: `rate.points` for every `rate.per` of money
 * (docs/earning.md).
 *
 * @example
 * const rule: SpendRule = { id: 'base', kind: 'spend', priority: 0, rate: { points: '10', per: '1' } };
 * @useDeclaredType
 */
export type SpendRule = z.output<typeof SpendRuleSchema>;
/**
 * Multiplies the points of spend rules when its condition (and item filter)
 * match; several combine as `points.multipliers` says.
 *
 * @useDeclaredType
 */
export type MultiplierRule = z.output<typeof MultiplierRuleSchema>;
/**
 * A fixed number of points for a purchase that reaches `minAmount`.
 *
 * @useDeclaredType
 */
export type BonusRule = z.output<typeof BonusRuleSchema>;
/**
 * Money into the member's wallet instead of points (docs/cashback.md).
 *
 * @useDeclaredType
 */
export type CashbackRule = z.output<typeof CashbackRuleSchema>;
/**
 * Points for the member's first purchase ever.
 *
 * @useDeclaredType
 */
export type FirstPurchaseRule = z.output<typeof FirstPurchaseRuleSchema>;
/**
 * Points, wallet credit or a reward for a named `activity` event, within a
 * frequency limit (docs/activities.md).
 *
 * @useDeclaredType
 */
export type ActivityRule = z.output<typeof ActivityRuleSchema>;
/**
 * A grant given once, on the member's `enrollment` event.
 *
 * @useDeclaredType
 */
export type WelcomeRule = z.output<typeof WelcomeRuleSchema>;
/**
 * A grant once a year on the member's birthday, in their own time zone.
 *
 * @useDeclaredType
 */
export type BirthdayRule = z.output<typeof BirthdayRuleSchema>;
/**
 * The member's money wallet: how cashback is rounded, the least spent at once.
 *
 * @useDeclaredType
 */
export type WalletDefinition = z.output<typeof WalletSchema>;
/**
 * When earned points expire: `never`, `days-after-earning`, `end-of-period`
 * or `inactivity` (docs/ledger.md).
 *
 * @useDeclaredType
 */
export type ExpiryPolicy = z.output<typeof ExpirySchema>;
/**
 * Limits on points per event, calendar day, week, month, year (program time
 * zone) and lifetime.
 *
 * @useDeclaredType
 */
export type Caps = z.output<typeof CapsSchema>;
