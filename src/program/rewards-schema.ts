import { z } from 'zod';
import { ActiveSchema, Identifier, PositiveDecimal, PositiveInt } from './fields.js';

/**
 * What a redeemed reward is, for the host that fulfils it.
 *
 * @hidden the schema; the API reference documents the type of the same name
 */
export const RewardKind = z.enum([
  /** `percent` off. */
  'percent-discount',
  /** `value` off. */
  'fixed-discount',
  /** The product `sku`, free. */
  'free-product',
  /** Free shipping. */
  'free-shipping',
  /** A gift card worth `value`. */
  'gift-card',
  /** A coupon the host defines. */
  'coupon',
  /** `value` credited to the member's wallet at once. */
  'wallet-credit',
  /** A donation of `value` to `cause`. */
  'charity',
  /** An experience the host defines (an event, a class). */
  'experience',
  /** An offer of the brand `partner`. */
  'partner',
  /** Points as payment: each unit is `cost` points for `value` off the order named by the redemption. */
  'points-payment',
  /** A chance reward (a prize wheel): each unit draws one of `outcomes`, deterministically from the event id. */
  'spin',
]);

/** One segment of a prize wheel: its weight, and points, a catalog reward, or nothing. */
export const SpinOutcomeSchema = z.strictObject({
  /** Names the outcome in the `spin_result` effect. */
  label: z.string().min(1).max(200),
  /** Its chance is weight ÷ the sum of the weights. */
  weight: PositiveInt.max(1_000_000),
  /** Points given. */
  points: PositiveInt.optional(),
  /** A catalog reward given for free. */
  rewardId: Identifier.optional(),
});
/**
 * One segment of a prize wheel: its weight, and points, a catalog reward, or nothing.
 *
 * @useDeclaredType
 */
export type SpinOutcome = z.output<typeof SpinOutcomeSchema>;
/**
 * What a redeemed reward is, for the host that fulfils it.
 *
 * @useDeclaredType
 */
export type RewardKind = z.output<typeof RewardKind>;

/** At most `count` units per member in each calendar day / month / year (program time zone), or ever. */
export const RewardLimitSchema = z.strictObject({
  /** Units per period. */
  count: PositiveInt.max(1_000_000),
  /** The calendar period, or `lifetime`. */
  per: z.enum(['lifetime', 'day', 'month', 'year']),
});
/**
 * At most `count` units per member in each calendar day / month / year, or ever.
 *
 * @useDeclaredType
 */
export type RewardLimit = z.output<typeof RewardLimitSchema>;

/** A catalog reward priced in points. The fields a kind needs are checked by the program's static checks. */
export const RewardSchema = z.strictObject({
  /** The reward's id, named by `redemption` events. */
  id: Identifier,
  /** For people (the catalog view shows it). */
  name: z.string().min(1).max(200).optional(),
  /** For people. */
  description: z.string().max(1000).optional(),
  /** What it is, for the host that fulfils it. */
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
  /** At most so many units per member per period. */
  limit: RewardLimitSchema.optional(),
  /** Points the member must still have after redeeming. */
  minBalanceAfter: z.int().min(0).max(1_000_000_000).optional(),
  /** Days the issued reward stays valid (its code's `validUntil`). */
  validDays: PositiveInt.max(3660).optional(),
  /** `spin`: the wheel's segments (an outcome with neither points nor rewardId is "nothing"). */
  outcomes: z.array(SpinOutcomeSchema).min(1).max(100).optional(),
  /** `points-payment`: units allowed on one order, over all its redemptions. */
  perOrder: z
    .strictObject({
      /** The least units on one order. */
      min: PositiveInt.optional(),
      /** The most units on one order. */
      max: PositiveInt.optional(),
    })
    .optional(),
  /** Shown in the catalog view; an unlisted reward can still be redeemed by id. */
  listed: z.boolean().default(true),
});
/**
 * A catalog reward priced in points (docs/rewards.md).
 *
 * @useDeclaredType
 */
export type Reward = z.output<typeof RewardSchema>;

export const RewardsSchema = z.strictObject({
  /**
   * A secret the codes of issued rewards are derived from (with the program id
   * and the event id): keep it out of the client. At least 16 characters.
   */
  codeSalt: z.string().min(16).max(256),
  /** The rewards members can redeem (default none). */
  catalog: z.array(RewardSchema).max(10_000).default([]),
  /** Days a redemption can be reversed (default 365). Older redemptions leave the state unless a lifetime limit needs them. */
  reversalWindowDays: PositiveInt.max(3660).default(365),
});
/**
 * The redemption catalog: the code salt, the rewards, the reversal window.
 *
 * @useDeclaredType
 */
export type RewardsDefinition = z.output<typeof RewardsSchema>;
