/** What kind of change a ledger entry records. */
export type LedgerEntryKind = 'earn' | 'clawback' | 'expire' | 'adjust' | 'debt_recovery' | 'redeem' | 'reversal';

/**
 * One change to a member's points balance. The balance is always the sum of
 * `points` over every entry; each entry names the event and the rule behind it.
 */
export interface LedgerEntry {
  /** `${eventId}:${n}`: stable, so a host can store entries idempotently. */
  readonly id: string;
  /** The member. */
  readonly memberId: string;
  /** The event whose step recorded it. */
  readonly eventId: string;
  /** The program's id. */
  readonly programId: string;
  /** The program's `version` when it was recorded. */
  readonly programVersion: number;
  /** When the change took effect (UTC ISO): the event's time, or the moment points expired. */
  readonly at: string;
  /** What kind of change. */
  readonly kind: LedgerEntryKind;
  /** Signed change to the balance. */
  readonly points: number;
  /** The earn rule, or `points.expiry`, `points.negativeBalance`, `adjustment`. */
  readonly ruleId: string;
  /** The order, on entries about one. */
  readonly orderId?: string;
  /** Earn entries: when the points become spendable, and when they expire (`null`: never or by inactivity). */
  readonly availableAt?: string;
  /** Earn entries and positive adjustments: when the points expire (`null`: never, or by inactivity). */
  readonly expiresAt?: string | null;
  /** Why: the adjustment's reason, or the claw-back's (`order_refunded`, `below_threshold`, …). */
  readonly reason?: string;
  /** How the number was reached: base, rate, multipliers, caps, debt. */
  readonly detail?: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}
