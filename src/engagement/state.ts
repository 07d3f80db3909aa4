/** What an engagement grant gave, kept where it may have to be taken back (a stamp card, a referral). */
export interface Granted {
  /** Points credited (after caps), and the id of their lot. */
  readonly points?: number;
  /** The id of the lot the points went to. */
  readonly lot?: string;
  /** The local date they were counted on, for caps. */
  readonly day?: string;
  /** Wallet money credited, a decimal string. */
  readonly walletCredit?: string;
  /** The catalog reward issued. */
  readonly rewardId?: string;
  /** The issued reward's code. */
  readonly code?: string;
}

/** A stamp on a card: the order that gave it. */
export interface Stamp {
  /** The purchase that gave the stamp. */
  readonly orderId: string;
  /** When it was given (UTC ISO). */
  readonly at: string;
  /** Local date (program time zone), for `perDay`. */
  readonly day: string;
}

/** A filled card, kept while a refund can still reach one of its orders. */
export interface CompletedCard {
  /** When it was filled (UTC ISO). */
  readonly at: string;
  /** Its stamps. */
  readonly stamps: readonly Stamp[];
  /** What the full card gave. */
  readonly granted: Granted;
}

/** One stamp card of a member: the current card and the completed ones a refund may still reach. */
export interface CardState {
  /** Stamps on the current card, oldest first. */
  readonly stamps: readonly Stamp[];
  /** Completed cards kept while a refund can still reach one of their orders. */
  readonly completed: readonly CompletedCard[];
  /** Cards filled, ever (less those revoked). */
  readonly filled: number;
}

/** The member as a referee: who referred them and whether they have qualified. */
export interface ReferredBy {
  /** The referrer's member id. */
  readonly referrerId: string;
  /** The referral code used. */
  readonly code: string;
  /** When the member enrolled with it (UTC ISO). */
  readonly at: string;
  /** The purchase that qualified them, while a refund can still cancel it. */
  readonly orderId?: string;
  /** When they qualified (UTC ISO). */
  readonly qualifiedAt?: string;
}

/** The member as a referrer: what one referee earned them. */
export interface ReferralRecord {
  /** Local dates (program time zone) each stage was credited, or refused by the cap. */
  readonly signedUp?: string;
  /** The local date the `qualified` stage was credited, or refused by the cap. */
  readonly qualified?: string;
  /** Whether the stage counted against the cap (paid). */
  readonly signedUpPaid?: boolean;
  /** Whether the `qualified` stage counted against the cap (paid). */
  readonly qualifiedPaid?: boolean;
  /** The referee's qualifying order, while a refund can still cancel it. */
  readonly orderId?: string;
  /** What the referrer was given for this referee, while a refund can still cancel it. */
  readonly granted?: Granted;
  /** The referee's orders whose qualification was cancelled by a refund: they never qualify again. */
  readonly cancelled?: readonly string[];
}

/** Engagement: enrolment, activities, birthdays, stamp cards, referrals, win-back. Every key is optional. */
export interface EngagementState {
  /** When the member's `enrollment` event happened. */
  readonly enrolledAt?: string;
  /** `YYYY-MM-DD`, from the enrolment. */
  readonly birthday?: string;
  /** The member's own time zone, from the enrolment. */
  readonly timezone?: string;
  /** Per activity rule: its earnings still inside the rule's frequency window, as [local date, distinct value or ""]. */
  readonly activity?: Readonly<Record<string, readonly (readonly [string, string])[]>>;
  /** Per birthday rule: the year of the last birthday it paid for. */
  readonly birthdays?: Readonly<Record<string, number>>;
  /** Per stamp card id: the member's cards. */
  readonly cards?: Readonly<Record<string, CardState>>;
  /** As a referee: who referred the member. */
  readonly referredBy?: ReferredBy;
  /** Per referee id. */
  readonly referrals?: Readonly<Record<string, ReferralRecord>>;
  /** The last win-back: for which last activity, in which calendar period. */
  readonly winBack?: {
    /** The last activity (UTC ISO) it was sent for. */
    readonly for: string;
    /** The calendar period it was sent in. */
    readonly period: string;
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type EngagementDraft = Mutable<EngagementState>;

/** Whether nothing is recorded (the state then carries no `engagement` key). */
export function isEmpty(e: EngagementState): boolean {
  return Object.keys(e).length === 0;
}
