/** What kind of change a ledger entry records. */
export type LedgerEntryKind = 'earn' | 'clawback' | 'expire' | 'adjust' | 'debt_recovery' | 'redeem' | 'reversal';

/**
 * One change to a member's points balance. The balance is always the sum of
 * `points` over every entry; each entry names the event and the rule behind it.
 */
export interface LedgerEntry {
  /** `${eventId}:${n}`: stable, so a host can store entries idempotently. */
  readonly id: string;
  readonly memberId: string;
  readonly eventId: string;
  readonly programId: string;
  readonly programVersion: number;
  /** When the change took effect (UTC ISO): the event's time, or the moment points expired. */
  readonly at: string;
  readonly kind: LedgerEntryKind;
  /** Signed change to the balance. */
  readonly points: number;
  /** The earn rule, or `points.expiry`, `points.negativeBalance`, `adjustment`. */
  readonly ruleId: string;
  readonly orderId?: string;
  /** Earn entries: when the points become spendable, and when they expire (`null`: never or by inactivity). */
  readonly availableAt?: string;
  readonly expiresAt?: string | null;
  readonly reason?: string;
  /** How the number was reached: base, rate, multipliers, caps, debt. */
  readonly detail?: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}
