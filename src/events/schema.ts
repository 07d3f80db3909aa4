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

const envelope = {
  /** The event's unique id: the idempotency key; ledger entry ids are built from it. */
  id: WireId,
  /** The member; must match the state's `memberId`. */
  memberId: WireId,
  /** When it happened, ISO 8601 with an offset (`2024-03-01T10:00:00+01:00`); the only clock the engine reads. */
  at: Instant,
};

const PurchaseItem = z.strictObject({
  /** The product's id. */
  sku: WireId,
  /** For item filters and conditions (`books`). */
  category: z.string().min(1).max(256).optional(),
  /** Units bought, 1–1,000,000. */
  quantity: z.int().min(1).max(1_000_000),
  /** The listed price of one unit (a decimal string after validation). */
  unitPrice: DecimalInput,
});

export const PurchaseEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('purchase'),
  /** Unique per member: a second purchase with the same order id is refused. */
  orderId: WireId,
  /** What the member paid for the order. */
  amount: DecimalInput,
  /** ISO 4217 code; must equal the program's `currency`. */
  currency: Currency,
  /** The order's lines (at most 10,000), for item filters and item refunds. */
  items: z.array(PurchaseItem).max(10_000).optional(),
  /** Free text for conditions (`app`, `web`, `store`). */
  channel: z.string().min(1).max(256).optional(),
  /** Free text for conditions. */
  storeId: z.string().min(1).max(256).optional(),
  /** Free-form JSON for conditions, at most 8 levels deep. */
  attributes: Attributes.optional(),
});

export const RefundEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('refund'),
  /** The order being refunded. */
  orderId: WireId,
  /** The money refunded. */
  amount: PositiveDecimal,
  /** The lines returned: the claw-back is then shared by these items instead of by amount. */
  items: z
    .array(
      z.strictObject({
        /** The product returned. */
        sku: WireId,
        /** Units returned. */
        quantity: z.int().min(1).max(1_000_000),
      }),
    )
    .max(10_000)
    .optional(),
});

export const AdjustmentEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('adjustment'),
  /** Positive adds points, negative takes them; never zero. */
  points: z.int().min(-1_000_000_000).max(1_000_000_000).refine((n) => n !== 0, 'must not be zero'),
  /** Copied into the ledger entry. */
  reason: z.string().min(1).max(1000),
});

export const TickEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('tick'),
});

/** A paid membership bought, renewed, cancelled (runs to its period's end) or refunded (ends at once). */
export const MembershipEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('membership'),
  /** `cancelled` runs to the end of the period; `refunded` ends at once. */
  action: z.enum(['purchased', 'renewed', 'cancelled', 'refunded']),
  /** A plan id from the program's `memberships`. */
  plan: WireId,
  /** The fee paid, for the record. */
  fee: DecimalInput.optional(),
  /** The fee's currency, for the record. */
  currency: Currency.optional(),
});

/** Spends points on a catalog reward (`quantity` units); `orderId` names the order for points as payment. */
export const RedemptionEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('redemption'),
  /** A reward of the program's catalog. */
  rewardId: WireId,
  /** Units, 1–10,000 (default 1). */
  quantity: z.int().min(1).max(10_000).default(1),
  /** The order, for points as payment (`points-payment` rewards). */
  orderId: WireId.optional(),
});

/** Cancels an earlier redemption (a reward cancelled or unused): its points come back. */
export const RedemptionReversalEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('redemption_reversal'),
  /** The id of the redemption event. */
  redemptionId: WireId,
  /** Why, for the record. */
  reason: z.string().min(1).max(1000).optional(),
});

/** Spends money from the member's wallet (at the host's checkout). */
export const WalletDebitEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('wallet_debit'),
  /** The money spent, in the program's currency. */
  amount: PositiveDecimal,
  /** The order it paid for, for the record. */
  orderId: WireId.optional(),
  /** Why, for the record. */
  reason: z.string().min(1).max(1000).optional(),
});

/** A level granted by hand until a given time, whatever the member qualifies for. */
export const TierGrantEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('tier_grant'),
  /** A level id of the program's tiers. */
  level: WireId,
  /** The grant ends at this instant (ISO 8601 with an offset). */
  until: Instant,
  /** Why, for the record. */
  reason: z.string().min(1).max(1000),
});

/**
 * The member joined the program. `referralCode` (with `referrerId`, the member
 * the host resolved the code to) credits a referrer; `birthday` and `timezone`
 * (the member's own) drive birthday rules; `profile` is free-form, for conditions.
 */
export const EnrollmentEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('enrollment'),
  /** The referral code the new member signed up with. */
  referralCode: z.string().min(1).max(64).optional(),
  /** The member the host resolved `referralCode` to. */
  referrerId: WireId.optional(),
  /** `YYYY-MM-DD`, for birthday rules and messages. */
  birthday: z.iso.date().optional(),
  /** The member's own IANA time zone, for their birthday. */
  timezone: TimeZone.optional(),
  /** Free-form JSON for conditions on the enrolment (the `event.profile` fact). */
  profile: Attributes.optional(),
});

/** Something the member did that is not a purchase: `name` is what the program's activity rules match. */
export const ActivityEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('activity'),
  /** What activity rules match (`profile_completed`, `checkin`, `review_posted`, …). */
  name: z.string().min(1).max(128),
  /** Free-form JSON for conditions and a frequency's `distinct` key, at most 8 levels deep. */
  attributes: Attributes.optional(),
});

/**
 * Addressed to a referrer, emitted by the referee's step (an `outgoing_event`
 * effect): the referee `signed_up`, `qualified` by a first purchase, or that
 * purchase was refunded (`cancelled`).
 */
export const ReferralEventSchema = z.strictObject({
  ...envelope,
  /** The event type. */
  type: z.literal('referral'),
  /** What the referee did: enrolled, made a qualifying first purchase, or had it refunded. */
  stage: z.enum(['signed_up', 'qualified', 'cancelled']),
  /** The referred member. */
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

/**
 * An event as a host sends it: one of the {@link LoyaltyEvent} types, where
 * amounts may be strings or numbers and defaults may be left out
 * (docs/events.md).
 *
 * @example
 * const input: EventInput = {
 *   type: 'purchase', id: 'evt-1', memberId: 'm-1', at: '2024-03-01T10:00:00+01:00',
 *   orderId: 'o-1', amount: 42.5, currency: 'EUR',
 * };
 * const event = parseEvent(input); // event.amount === '42.5'
 */
export type EventInput = z.input<typeof EventSchema>;
/**
 * An event after validation, amounts as decimal strings: a
 * {@link PurchaseEvent}, {@link RefundEvent}, {@link AdjustmentEvent},
 * {@link TickEvent}, {@link MembershipEvent}, {@link TierGrantEvent},
 * {@link RedemptionEvent}, {@link RedemptionReversalEvent},
 * {@link WalletDebitEvent}, {@link EnrollmentEvent}, {@link ActivityEvent} or
 * {@link ReferralEvent}, told apart by `type`.
 */
export type LoyaltyEvent = z.output<typeof EventSchema>;
/**
 * A member paid for an order: earns points, stamps and cashback.
 *
 * @useDeclaredType
 */
export type PurchaseEvent = z.output<typeof PurchaseEventSchema>;
/**
 * Money given back on an earlier order: claws back what the refunded part earned.
 *
 * @useDeclaredType
 */
export type RefundEvent = z.output<typeof RefundEventSchema>;
/**
 * Points added (positive) or taken (negative) by hand, with a reason.
 *
 * @useDeclaredType
 */
export type AdjustmentEvent = z.output<typeof AdjustmentEventSchema>;
/**
 * Only lets time pass: points and stamps expire, tier grace periods end,
 * reviews and warnings fall due, birthday rules pay, and win-back is checked
 * (on ticks only).
 *
 * @useDeclaredType
 */
export type TickEvent = z.output<typeof TickEventSchema>;
/**
 * A paid membership bought, renewed, cancelled (runs to its period's end) or
 * refunded (ends at once).
 *
 * @useDeclaredType
 */
export type MembershipEvent = z.output<typeof MembershipEventSchema>;
/**
 * A level granted by hand until a given time, whatever the member qualifies for.
 *
 * @useDeclaredType
 */
export type TierGrantEvent = z.output<typeof TierGrantEventSchema>;
/**
 * Spends points on a catalog reward (`quantity` units).
 *
 * @useDeclaredType
 */
export type RedemptionEvent = z.output<typeof RedemptionEventSchema>;
/**
 * Cancels an earlier redemption: its points come back.
 *
 * @useDeclaredType
 */
export type RedemptionReversalEvent = z.output<typeof RedemptionReversalEventSchema>;
/**
 * Spends money from the member's wallet (at the host's checkout).
 *
 * @useDeclaredType
 */
export type WalletDebitEvent = z.output<typeof WalletDebitEventSchema>;
/**
 * The member joined the program (referral code, birthday, profile).
 *
 * @useDeclaredType
 */
export type EnrollmentEvent = z.output<typeof EnrollmentEventSchema>;
/**
 * Something the member did that is not a purchase, matched by activity rules on `name`.
 *
 * @useDeclaredType
 */
export type ActivityEvent = z.output<typeof ActivityEventSchema>;
/**
 * Addressed to a referrer: their referee signed up, qualified, or was refunded.
 *
 * @useDeclaredType
 */
export type ReferralEvent = z.output<typeof ReferralEventSchema>;
