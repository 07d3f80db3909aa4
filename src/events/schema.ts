import { z } from 'zod';
import { isForbiddenKey } from '../conditions/path.js';
import { Currency, DecimalInput, PositiveDecimal, TimeZone } from '../program/fields.js';

/** An id: a non-empty string that cannot reach an object prototype when used as a key. */
const WireId = z
  .string()
  .min(1)
  .max(256)
  .refine((s) => !isForbiddenKey(s), { message: 'this id is reserved', params: { code: 'forbidden_key' } });

/** ISO 8601 with an explicit offset (`2024-03-01T10:00:00+01:00` or `…Z`); a local time is ambiguous and refused. */
export const Instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset, e.g. 2024-03-01T10:00:00+01:00' })
  // calendar arithmetic (windows, expiry, reviews) stays within four-digit years
  .refine((s) => {
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) return true; // not a date: the format issue says so
    const year = new Date(ms).getUTCFullYear();
    return year >= 1900 && year <= 9000;
  }, { message: 'must be between the years 1900 and 9000', params: { code: 'out_of_range' } });

/** Free-form JSON for conditions, without prototype keys, at most 8 levels deep. */
const Attributes = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const visit = (v: unknown, path: (string | number)[], depth: number): void => {
    if (depth > 8) return void ctx.addIssue({ code: 'custom', message: 'attributes nest at most 8 levels', path, input: v });
    if (typeof v === 'number' && !Number.isFinite(v)) {
      return void ctx.addIssue({ code: 'custom', message: 'numbers must be finite', path, input: v });
    }
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
      return void ctx.addIssue({ code: 'custom', message: 'attributes must be JSON values', path, input: v });
    }
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, [...path, i], depth + 1));
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (isForbiddenKey(k)) ctx.addIssue({ code: 'custom', message: `the key "${k}" is not allowed`, path: [...path, k], input: v, params: { code: 'forbidden_key' } });
        else visit(x, [...path, k], depth + 1);
      }
    }
  };
  visit(value, [], 0);
});

const envelope = { id: WireId, memberId: WireId, at: Instant };

const PurchaseItem = z.strictObject({
  sku: WireId,
  category: z.string().min(1).max(256).optional(),
  quantity: z.int().min(1).max(1_000_000),
  unitPrice: DecimalInput,
});

export const PurchaseEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('purchase'),
  orderId: WireId,
  /** What the member paid for the order. */
  amount: DecimalInput,
  currency: Currency,
  items: z.array(PurchaseItem).max(10_000).optional(),
  channel: z.string().min(1).max(256).optional(),
  storeId: z.string().min(1).max(256).optional(),
  attributes: Attributes.optional(),
});

export const RefundEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('refund'),
  orderId: WireId,
  /** The money refunded. */
  amount: PositiveDecimal,
  items: z.array(z.strictObject({ sku: WireId, quantity: z.int().min(1).max(1_000_000) })).max(10_000).optional(),
});

export const AdjustmentEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('adjustment'),
  points: z.int().min(-1_000_000_000).max(1_000_000_000).refine((n) => n !== 0, 'must not be zero'),
  reason: z.string().min(1).max(1000),
});

export const TickEventSchema = z.strictObject({ ...envelope, type: z.literal('tick') });

/** A paid membership bought, renewed, cancelled (runs to its period's end) or refunded (ends at once). */
export const MembershipEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('membership'),
  action: z.enum(['purchased', 'renewed', 'cancelled', 'refunded']),
  /** A plan id from the program's `memberships`. */
  plan: WireId,
  /** The fee paid, for the record. */
  fee: DecimalInput.optional(),
  currency: Currency.optional(),
});

/** Spends points on a catalog reward (`quantity` units); `orderId` names the order for points as payment. */
export const RedemptionEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('redemption'),
  rewardId: WireId,
  quantity: z.int().min(1).max(10_000).default(1),
  orderId: WireId.optional(),
});

/** Cancels an earlier redemption (a reward cancelled or unused): its points come back. */
export const RedemptionReversalEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('redemption_reversal'),
  /** The id of the redemption event. */
  redemptionId: WireId,
  reason: z.string().min(1).max(1000).optional(),
});

/** Spends money from the member's wallet (at the host's checkout). */
export const WalletDebitEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('wallet_debit'),
  amount: PositiveDecimal,
  orderId: WireId.optional(),
  reason: z.string().min(1).max(1000).optional(),
});

/** A level granted by hand until a given time, whatever the member qualifies for. */
export const TierGrantEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('tier_grant'),
  level: WireId,
  until: Instant,
  reason: z.string().min(1).max(1000),
});

/**
 * The member joined the program. `referralCode` (with `referrerId`, the member
 * the host resolved the code to) credits a referrer; `birthday` and `timezone`
 * (the member's own) drive birthday rules; `profile` is free-form, for conditions.
 */
export const EnrollmentEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('enrollment'),
  referralCode: z.string().min(1).max(64).optional(),
  referrerId: WireId.optional(),
  birthday: z.iso.date().optional(),
  timezone: TimeZone.optional(),
  profile: Attributes.optional(),
});

/** Something the member did that is not a purchase: `name` is what the program's activity rules match. */
export const ActivityEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('activity'),
  name: z.string().min(1).max(128),
  attributes: Attributes.optional(),
});

/**
 * Addressed to a referrer, emitted by the referee's step (an `outgoing_event`
 * effect): the referee `signed_up`, `qualified` by a first purchase, or that
 * purchase was refunded (`cancelled`).
 */
export const ReferralEventSchema = z.strictObject({
  ...envelope,
  type: z.literal('referral'),
  stage: z.enum(['signed_up', 'qualified', 'cancelled']),
  refereeId: WireId,
  /** `qualified` / `cancelled`: the referee's order. */
  orderId: WireId.optional(),
});

export const EventSchema = z.discriminatedUnion('type', [
  PurchaseEventSchema,
  RefundEventSchema,
  AdjustmentEventSchema,
  TickEventSchema,
  MembershipEventSchema,
  TierGrantEventSchema,
  RedemptionEventSchema,
  RedemptionReversalEventSchema,
  WalletDebitEventSchema,
  EnrollmentEventSchema,
  ActivityEventSchema,
  ReferralEventSchema,
]);

/** An event as a host sends it (amounts as strings or numbers). */
export type EventInput = z.input<typeof EventSchema>;
/** An event after validation: amounts are decimal strings. */
export type LoyaltyEvent = z.output<typeof EventSchema>;
export type PurchaseEvent = z.output<typeof PurchaseEventSchema>;
export type RefundEvent = z.output<typeof RefundEventSchema>;
export type AdjustmentEvent = z.output<typeof AdjustmentEventSchema>;
export type TickEvent = z.output<typeof TickEventSchema>;
export type MembershipEvent = z.output<typeof MembershipEventSchema>;
export type TierGrantEvent = z.output<typeof TierGrantEventSchema>;
export type RedemptionEvent = z.output<typeof RedemptionEventSchema>;
export type RedemptionReversalEvent = z.output<typeof RedemptionReversalEventSchema>;
export type WalletDebitEvent = z.output<typeof WalletDebitEventSchema>;
export type EnrollmentEvent = z.output<typeof EnrollmentEventSchema>;
export type ActivityEvent = z.output<typeof ActivityEventSchema>;
export type ReferralEvent = z.output<typeof ReferralEventSchema>;
