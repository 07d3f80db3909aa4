import { LoyaltyError } from '../errors/loyalty-error.js';
import { Instant } from '../events/schema.js';
import type { Program } from '../program/define.js';
import type { TierState } from '../tiers/state.js';
import type { WalletState } from '../wallet/state.js';
import type { MessageState } from '../messages/state.js';
import type { EngagementState } from '../engagement/state.js';
import { show } from '../errors/show.js';
import { seal } from './sealed.js';

/** Points earned by one event, consumed first-to-expire first. */
export interface Lot {
  /** The id of the event that earned these points. */
  readonly id: string;
  readonly orderId?: string;
  /** UTC ISO instants; they sort as strings. */
  readonly earnedAt: string;
  /** Before this instant the points are pending: counted in the balance, not spendable. */
  readonly availableAt: string;
  /** When what is left of the lot expires (`null`: never, or by inactivity). */
  readonly expiresAt: string | null;
  /** Points left in the lot (always > 0). */
  readonly points: number;
}

/** A purchase line as kept for refunds. */
export interface OrderItem {
  readonly sku: string;
  readonly category?: string;
  readonly quantity: number;
  readonly unitPrice: string;
  readonly refunded: number;
}

/** What one rule earned on one order, kept so that a refund claws back at the value it earned. */
export interface EarnResult {
  readonly ruleId: string;
  readonly kind: 'spend' | 'bonus';
  /** Points awarded (after caps). */
  readonly points: number;
  /** Points already clawed back by refunds. */
  readonly clawed: number;
  /** Share of the rule's base refunded so far, 0 … 1 (a decimal string). */
  readonly refundedShare: string;
  /**
   * Per purchase item, the rule's weight for that item (what it earned or counted there); absent when
   * the weights are simply the items' value, or the order had no items.
   */
  readonly weights?: readonly string[];
  /** The money the rule applied to. */
  readonly base: string;
  /** Spend rules: the points before rounding and caps, so a refund keeps what the net order would have earned. */
  readonly unrounded?: string;
  /** Bonus rules: the base the order must keep to keep the bonus. */
  readonly threshold?: string;
}

/** What a cashback rule credited on one order, kept so that a refund claws back at the value it earned. */
export interface CashbackResult {
  readonly ruleId: string;
  /** Money credited (after rounding and `maxPerOrder`). */
  readonly amount: string;
  readonly clawed: string;
  readonly refundedShare: string;
  readonly base: string;
  /** Per purchase item, the rule's weight there; absent when the rule took every item at its value. */
  readonly weights?: readonly string[];
  /** Percent rules: the percent; step rules: the step, as the order earned them. */
  readonly percent?: string;
  readonly every?: { readonly amount: string; readonly per: string };
}

export interface OrderRecord {
  readonly eventId: string;
  readonly at: string;
  readonly amount: string;
  readonly refunded: string;
  readonly items: readonly OrderItem[];
  readonly results: readonly EarnResult[];
  /** Cashback credited to the wallet, per rule (absent when none). */
  readonly cashback?: readonly CashbackResult[];
  /** Points of this order that expired before a refund (not clawed back again). */
  readonly expired: number;
  /** The calendar day and month (program time zone) it counted towards, for caps. */
  readonly day: string;
}

/** Lifetime totals, folded from the ledger. */
export interface MemberTotals {
  readonly earned: number;
  readonly clawedBack: number;
  readonly expired: number;
  readonly adjusted: number;
  readonly debtRecovered: number;
  /** Points spent on rewards, and points returned by reversals. */
  readonly redeemed: number;
  readonly reversed: number;
}

/** Points taken from one lot by a redemption, kept so that a reversal can return them as they were. */
export interface TakenPoints {
  readonly points: number;
  readonly earnedAt: string;
  readonly availableAt: string;
  readonly expiresAt: string | null;
}

/** A redemption, kept for limits, per-order caps and reversal. */
export interface RedemptionRecord {
  readonly rewardId: string;
  readonly quantity: number;
  readonly points: number;
  readonly at: string;
  /** The calendar date (program time zone), for limits per day, month or year. */
  readonly day: string;
  readonly orderId?: string;
  readonly codes: readonly string[];
  /** The lots the points came from. */
  readonly taken: readonly TakenPoints[];
  /** When it was reversed, if it was. */
  readonly reversedAt?: string;
}

/**
 * One member's state: plain JSON, never mutated by the engine. `version`
 * counts applied events (for optimistic concurrency in stores).
 */
export interface MemberState {
  readonly schema: 1;
  readonly programId: string;
  readonly memberId: string;
  readonly version: number;
  readonly lastEventAt: string | null;
  /** The last purchase or adjustment: inactivity expiry counts from here. */
  readonly lastActivityAt: string | null;
  /** The member's first event (UTC ISO): tenure and anniversary windows count from here. */
  readonly enrolledAt: string | null;
  /** Inactivity policy: when the member's points last lapsed (a reversal after it returns nothing). */
  readonly lapsedAt?: string;
  readonly lots: readonly Lot[];
  /** `negativeBalance: 'allow'`: points below zero (the balance is −deficit when no lot is left). */
  readonly deficit: number;
  /** `negativeBalance: 'debt'`: points owed, recovered from future earning; the balance stays ≥ 0. */
  readonly debt: number;
  readonly orders: Readonly<Record<string, OrderRecord>>;
  /** Points counted towards caps, keyed by scope and period (`day:2024-03-01:*`). */
  readonly counters: Readonly<Record<string, number>>;
  /** Redemptions by the id of their event. */
  readonly redemptions: Readonly<Record<string, RedemptionRecord>>;
  readonly stats: {
    /** Orders not fully refunded. */
    readonly orders: number;
    /** Net money spent (purchases − refunds), a decimal string. */
    readonly spent: string;
    readonly lastPurchaseAt: string | null;
  };
  readonly totals: MemberTotals;
  /** Tier standing, for programs with tiers or membership plans. */
  readonly tier?: TierState;
  /** The money wallet, for programs with one. */
  readonly wallet?: WalletState;
  /** Messages sent and suppressed, for programs that declare messages. */
  readonly messages?: MessageState;
  /** Enrolment, activities, birthdays, stamp cards and referrals, for programs that use them. */
  readonly engagement?: EngagementState;
}

export interface NewMemberOptions {
  /** When the member enrolled (tenure and anniversary windows count from it); default: their first event. */
  readonly enrolledAt?: string;
}

/**
 * The state of a member who has done nothing yet.
 *
 * @example
 * const state = newMemberState(program, 'member-42');
 */
export function newMemberState(program: Program, memberId: string, options: NewMemberOptions = {}): MemberState {
  let enrolledAt: string | null = null;
  if (options.enrolledAt !== undefined) {
    if (!Instant.safeParse(options.enrolledAt).success) {
      throw new LoyaltyError('invalid_argument', `newMemberState: enrolledAt ${show(options.enrolledAt)} must be an ISO 8601 date-time with an offset`, {
        issues: [{ code: 'invalid_format', path: ['enrolledAt'], message: 'must be an ISO 8601 date-time with an offset' }],
      });
    }
    enrolledAt = new Date(Date.parse(options.enrolledAt)).toISOString();
  }
  return seal({
    schema: 1,
    programId: program.id,
    memberId,
    version: 0,
    lastEventAt: null,
    lastActivityAt: null,
    enrolledAt,
    lots: [],
    deficit: 0,
    debt: 0,
    orders: {},
    counters: {},
    stats: { orders: 0, spent: '0', lastPurchaseAt: null },
    redemptions: {},
    totals: { earned: 0, clawedBack: 0, expired: 0, adjusted: 0, debtRecovered: 0, redeemed: 0, reversed: 0 },
  });
}

/** The member's points balance: the sum of every ledger entry (pending included; negative only under `allow`). */
export function balanceOf(state: Pick<MemberState, 'lots' | 'deficit'>): number {
  let sum = 0;
  for (const lot of state.lots) sum += lot.points;
  return sum - state.deficit;
}
