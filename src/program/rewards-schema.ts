import { z } from 'zod';
import { ActiveSchema, Identifier, PositiveDecimal, PositiveInt } from './fields.js';

/** What a redeemed reward is, for the host that fulfils it. */
export const RewardKind = z.enum([
  'percent-discount',
  'fixed-discount',
  'free-product',
  'free-shipping',
  'gift-card',
  'coupon',
  'wallet-credit',
  'charity',
  'experience',
  'partner',
  /** Points as payment: each unit is `cost` points for `value` off the order named by the redemption. */
  'points-payment',
  /** A chance reward (a prize wheel): each unit draws one of `outcomes`, deterministically from the event id. */
  'spin',
]);

/** One segment of a prize wheel: its weight, and points, a catalog reward, or nothing. */
export const SpinOutcomeSchema = z.strictObject({
  label: z.string().min(1).max(200),
  weight: PositiveInt.max(1_000_000),
  points: PositiveInt.optional(),
  /** A catalog reward given for free. */
  rewardId: Identifier.optional(),
});
export type SpinOutcome = z.output<typeof SpinOutcomeSchema>;
export type RewardKind = z.output<typeof RewardKind>;

/** At most `count` units per member in each calendar day / month / year (program time zone), or ever. */
export const RewardLimitSchema = z.strictObject({
  count: PositiveInt.max(1_000_000),
  per: z.enum(['lifetime', 'day', 'month', 'year']),
});
export type RewardLimit = z.output<typeof RewardLimitSchema>;

/** A catalog reward priced in points. The fields a kind needs are checked by the program's static checks. */
export const RewardSchema = z.strictObject({
  id: Identifier,
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(1000).optional(),
  kind: RewardKind,
  /** Points per unit. */
  cost: PositiveInt,
  /** Money value: the discount, gift card, wallet credit or donation, in the program's currency. */
  value: PositiveDecimal.optional(),
  /** Percent off, for `percent-discount` (`"20"` = 20%). */
  percent: PositiveDecimal.optional(),
  /** The product given, for `free-product`. */
  sku: z.string().min(1).max(256).optional(),
  /** The cause donated to, for `charity`. */
  cause: z.string().min(1).max(200).optional(),
  /** The brand whose offer it is, for `partner`. */
  partner: z.string().min(1).max(200).optional(),
  /** Only members holding one of these levels may redeem it. */
  tiers: z.array(Identifier).min(1).optional(),
  /** When it can be redeemed, as calendar dates in the program's time zone (both inclusive). */
  active: ActiveSchema.optional(),
  /** Units in total across all members; the host's inventory keeps the count (see `reserve` in the redeemed effect). */
  stock: PositiveInt.optional(),
  limit: RewardLimitSchema.optional(),
  /** Points the member must still have after redeeming. */
  minBalanceAfter: z.int().min(0).max(1_000_000_000).optional(),
  /** Days the issued reward stays valid (its code's `validUntil`). */
  validDays: PositiveInt.max(3660).optional(),
  /** `spin`: the wheel's segments (an outcome with neither points nor rewardId is "nothing"). */
  outcomes: z.array(SpinOutcomeSchema).min(1).max(100).optional(),
  /** `points-payment`: units allowed on one order, over all its redemptions. */
  perOrder: z.strictObject({ min: PositiveInt.optional(), max: PositiveInt.optional() }).optional(),
  /** Shown in the catalog view; an unlisted reward can still be redeemed by id. */
  listed: z.boolean().default(true),
});
export type Reward = z.output<typeof RewardSchema>;

export const RewardsSchema = z.strictObject({
  /**
   * A secret the codes of issued rewards are derived from (with the program id
   * and the event id): keep it out of the client. At least 16 characters.
   */
  codeSalt: z.string().min(16).max(256),
  catalog: z.array(RewardSchema).max(10_000).default([]),
  /** Days a redemption can be reversed (default 365). Older redemptions leave the state unless a lifetime limit needs them. */
  reversalWindowDays: PositiveInt.max(3660).default(365),
});
export type RewardsDefinition = z.output<typeof RewardsSchema>;
