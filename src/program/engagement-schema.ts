import { z } from 'zod';
import { CapsSchema, ConditionSchema, DecimalInput, Identifier, ItemFilterSchema, PositiveDecimal, PositiveInt } from './fields.js';
import { ruleBase } from './rule-base.js';

/**
 * What an engagement rule gives: points, money into the wallet, a catalog
 * reward (issued with a code), or any mix. At least one (a static check).
 */
export const GrantSchema = z.strictObject({
  /** Points credited to the balance. */
  points: PositiveInt.optional(),
  /** Money credited to the member's wallet (needs the program's `wallet`). */
  walletCredit: PositiveDecimal.optional(),
  /** A catalog reward issued for free, with its own code (needs `rewards`). */
  reward: Identifier.optional(),
});
/**
 * What an engagement rule gives: points, wallet money, a catalog reward, or any mix.
 *
 * @useDeclaredType
 */
export type Grant = z.output<typeof GrantSchema>;

/**
 * How often an activity rule pays: at most `count` times per calendar period
 * (`per`, program time zone; weeks start on Monday), or per rolling
 * `rollingDays`, or ever (`per: "lifetime"`). With `distinct`, the count is
 * per distinct value of that attribute (once per location, per product
 * reviewed).
 */
export const FrequencySchema = z.strictObject({
  /** Times the rule pays in each period (default 1). */
  count: PositiveInt.max(1_000_000).default(1),
  /** The calendar period (program time zone; weeks from Monday), or `lifetime`. */
  per: z.enum(['lifetime', 'day', 'week', 'month', 'year']).optional(),
  /** A rolling period of this many days instead of a calendar one. */
  rollingDays: PositiveInt.max(3660).optional(),
  /** An attribute of the activity event (`locationId`): the limit applies per distinct value. */
  distinct: Identifier.optional(),
});
/**
 * How often an activity rule pays: `count` times per calendar period, per
 * rolling days, or ever; with `distinct`, per distinct attribute value.
 *
 * @useDeclaredType
 */
export type Frequency = z.output<typeof FrequencySchema>;


/** Points (or wallet credit, or a reward) for a named `activity` event, within a frequency limit. */
export const ActivityRuleSchema = z.strictObject({
  ...ruleBase,
  /** The rule kind. */
  kind: z.literal('activity'),
  /** The activity's name as the host sends it (`profile_completed`, `checkin`, `review_posted`, …). */
  activity: z.string().min(1).max(128),
  ...GrantSchema.shape,
  /** How often it pays (docs/activities.md); with none, every matching activity pays. */
  frequency: FrequencySchema.optional(),
  /** Limits on the rule's points. */
  caps: CapsSchema.optional(),
});

/** Given once, on the member's `enrollment` event. */
export const WelcomeRuleSchema = z.strictObject({
  ...ruleBase,
  /** The rule kind. */
  kind: z.literal('welcome'),
  ...GrantSchema.shape,
});

/** Points for the member's first purchase ever (clawed back like a bonus if it is refunded below `minAmount`). */
export const FirstPurchaseRuleSchema = z.strictObject({
  ...ruleBase,
  /** The rule kind. */
  kind: z.literal('first_purchase'),
  /** Points for the first purchase. */
  points: PositiveInt,
  /** The least the purchase (its eligible items, with `items`) must amount to. */
  minAmount: DecimalInput.optional(),
  /** Which items count towards `minAmount`. */
  items: ItemFilterSchema.optional(),
  /** Limits on the rule's points. */
  caps: CapsSchema.optional(),
});

/**
 * Once a year on the member's birthday (from their `enrollment`), in their own
 * time zone: by the first event (a `tick` will do) on a day within `within`:
 * the birthday itself, the 7 days from it, or its whole calendar month. A
 * 29 February birthday falls on `leapDay` in common years.
 */
export const BirthdayRuleSchema = z.strictObject({
  ...ruleBase,
  /** The rule kind. */
  kind: z.literal('birthday'),
  ...GrantSchema.shape,
  /** Paid by the first event on the birthday itself, within the 7 days from it, or in its calendar month (default `day`). */
  within: z.enum(['day', 'week', 'month']).default('day'),
  /** Where a 29 February birthday falls in common years (default `feb-28`). */
  leapDay: z.enum(['feb-28', 'mar-1']).default('feb-28'),
});

/**
 * "Buy 10, get 1 free": a purchase that counts gives one stamp; a full card
 * issues `reward` and a new card starts.
 */
export const StampCardSchema = z.strictObject({
  /** The card's id, unique among the program's stamp cards. */
  id: Identifier,
  /** For people. */
  name: z.string().max(200).optional(),
  /** Stamps to fill a card. */
  stamps: PositiveInt.max(1000),
  /** What counts: a purchase matching the condition, of at least `minAmount`, with at least one item the filter selects. */
  condition: ConditionSchema.optional(),
  /** The least a purchase must amount to for a stamp. */
  minAmount: DecimalInput.optional(),
  /** A purchase counts only with at least one item the filter selects. */
  items: ItemFilterSchema.optional(),
  /** At most this many stamps per calendar day (program time zone). */
  perDay: PositiveInt.max(1000).optional(),
  /** Stamps on the current card expire this many days after they were given. */
  expiresAfterDays: PositiveInt.max(3660).optional(),
  /** What a full card gives. */
  reward: GrantSchema,
  /**
   * A refund that takes an order below what counts removes its stamp. If the
   * stamp was on a completed card: `revoke` takes the card's reward back
   * (points clawed back, a `reward_revoked` effect for the host to cancel an
   * unused code) and returns the card's other stamps to the current card;
   * `keep` leaves the reward with the member.
   */
  onRefund: z.enum(['revoke', 'keep']).default('revoke'),
});
/**
 * A stamp card: a purchase that counts gives one stamp; a full card issues its reward (docs/stamp-cards.md).
 *
 * @useDeclaredType
 */
export type StampCard = z.output<typeof StampCardSchema>;

/**
 * A referral program. Every member has a code (`referralCode(program, id)`);
 * a new member's `enrollment` names it and the referrer's id. The referrer is
 * credited through `referral` events the referee's steps emit (effects of type
 * `outgoing_event`), which the host routes to the referrer's stream.
 */
export const ReferralsSchema = z.strictObject({
  /** The secret codes are derived from (with the program id and member id). At least 16 characters. */
  codeSalt: z.string().min(16).max(256),
  /** The referrer's reward when the referee enrols. */
  onSignUp: GrantSchema.optional(),
  /** The referrer's reward when the referee first buys (at least `minAmount`, within `withinDays` of enrolling). */
  onFirstPurchase: z
    .strictObject({
      ...GrantSchema.shape,
      /** The least the referee's first purchase must amount to. */
      minAmount: DecimalInput.optional(),
      /** The purchase must come within this many days of the referee's enrolment. */
      withinDays: PositiveInt.max(3660).optional(),
      /**
       * Days the referrer's points stay pending, and a refund of the referee's
       * qualifying order cancels them. Default: the program's `refunds.windowDays`, else 0.
       */
      holdDays: z.int().min(0).max(3660).optional(),
    })
    .optional(),
  /** What the referee gets on enrolling with a valid code. */
  referee: GrantSchema.optional(),
  /** At most `count` referees earn the referrer each bonus per calendar period (program time zone). */
  cap: z
    .strictObject({
      /** Referees per period. */
      count: PositiveInt.max(1_000_000),
      /** The calendar period, or `lifetime`. */
      per: z.enum(['month', 'quarter', 'year', 'lifetime']),
    })
    .optional(),
});
/**
 * A referral program: codes, the referrer's and the referee's rewards, a cap (docs/referrals.md).
 *
 * @useDeclaredType
 */
export type ReferralsDefinition = z.output<typeof ReferralsSchema>;

/**
 * A member inactive (no purchase, adjustment, redemption, wallet debit,
 * activity or enrolment) for `afterDays` gets
 * a `win_back` effect on the next `tick`, and `reward` if declared; at most
 * once per lapse of activity and once per `oncePer` calendar period.
 */
export const WinBackSchema = z.strictObject({
  /** Days without activity before a member counts as lapsed. */
  afterDays: PositiveInt.max(3660),
  /** What a lapsed member gets, if anything (the `win_back` effect is sent either way). */
  reward: GrantSchema.optional(),
  /** At most one win-back per calendar period (program time zone; default `quarter`). */
  oncePer: z.enum(['month', 'quarter', 'year']).default('quarter'),
});
/**
 * A `win_back` effect (and an optional reward) for members inactive for `afterDays`, checked on ticks.
 *
 * @useDeclaredType
 */
export type WinBackDefinition = z.output<typeof WinBackSchema>;
