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
  /** The order, when a purchase earned them. */
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
  /** The product's id. */
  readonly sku: string;
  /** The item's category, as the purchase gave it. */
  readonly category?: string;
  /** Units bought. */
  readonly quantity: number;
  /** The listed price of one unit, a decimal string. */
  readonly unitPrice: string;
  /** Units refunded so far. */
  readonly refunded: number;
}

/** What one rule earned on one order, kept so that a refund claws back at the value it earned. */
export interface EarnResult {
  /** The earn rule. */
  readonly ruleId: string;
  /** Spend rules claw back in proportion to the refund; bonus rules when the order falls below their threshold. */
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
  /** The cashback rule. */
  readonly ruleId: string;
  /** Money credited (after rounding and `maxPerOrder`). */
  readonly amount: string;
  /** Money already clawed back by refunds, a decimal string. */
  readonly clawed: string;
  /** Share of the rule's base refunded so far, 0 … 1 (a decimal string). */
  readonly refundedShare: string;
  /** The money the rule applied to. */
  readonly base: string;
  /** Per purchase item, the rule's weight there; absent when the rule took every item at its value. */
  readonly weights?: readonly string[];
  /** Percent rules: the percent; step rules: the step, as the order earned them. */
  readonly percent?: string;
  /** Step rules: `amount` for every full `per` spent, as the order earned them. */
  readonly every?: {
    /** Money credited per step. */
    readonly amount: string;
    /** The spend of one step. */
    readonly per: string;
  };
}

/** A purchase as kept in the member's state, for refunds and claw-backs (until `refunds.windowDays` drops it). */
export interface OrderRecord {
  /** The purchase event's id. */
  readonly eventId: string;
  /** When it was bought (UTC ISO). */
  readonly at: string;
  /** What the member paid, a decimal string. */
  readonly amount: string;
  /** Money refunded so far, a decimal string. */
  readonly refunded: string;
  /** The purchase's lines (empty when it listed none). */
  readonly items: readonly OrderItem[];
  /** What each point-earning rule earned on it. */
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
  /** Points credited by `earn` entries. */
  readonly earned: number;
  /** Points taken back by refunds (`clawback` entries), as a positive number. */
  readonly clawedBack: number;
  /** Points expired (`expire` entries), as a positive number. */
  readonly expired: number;
  /** The net of manual `adjust` entries (negative when more was taken than given). */
  readonly adjusted: number;
  /** Points withheld from earning to repay debt (`debt_recovery` entries), as a positive number. */
  readonly debtRecovered: number;
  /** Points spent on rewards (`redeem` entries), as a positive number. */
  readonly redeemed: number;
  /** Points returned by redemption reversals (`reversal` entries). */
  readonly reversed: number;
}

/** Points taken from one lot by a redemption, kept so that a reversal can return them as they were. */
export interface TakenPoints {
  /** Points taken from the lot. */
  readonly points: number;
  /** The lot's `earnedAt`. */
  readonly earnedAt: string;
  /** The lot's `availableAt`. */
  readonly availableAt: string;
  /** The lot's `expiresAt`. */
  readonly expiresAt: string | null;
}

/** A redemption, kept for limits, per-order caps and reversal. */
export interface RedemptionRecord {
  /** The reward redeemed. */
  readonly rewardId: string;
  /** Units redeemed. */
  readonly quantity: number;
  /** Points spent. */
  readonly points: number;
  /** When (UTC ISO). */
  readonly at: string;
  /** The calendar date (program time zone), for limits per day, month or year. */
  readonly day: string;
  /** The order, for points as payment. */
  readonly orderId?: string;
  /** The codes issued, one per unit. */
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
  /** The version of this state format. */
  readonly schema: 1;
  /** The program the state belongs to; `evaluate` refuses a state of another program. */
  readonly programId: string;
  /** The member. */
  readonly memberId: string;
  /** Events applied so far (for optimistic concurrency in stores). */
  readonly version: number;
  /** The latest event time applied so far (UTC ISO; `null` before the first event). */
  readonly lastEventAt: string | null;
  /**
   * The member's latest activity (a purchase, adjustment, redemption, wallet
   * debit, activity or enrolment): inactivity expiry and win-back count from here.
   */
  readonly lastActivityAt: string | null;
  /** The member's first event (UTC ISO): tenure and anniversary windows count from here. */
  readonly enrolledAt: string | null;
  /** Inactivity policy: when the member's points last lapsed (a reversal after it returns nothing). */
  readonly lapsedAt?: string;
  /** The points held, in lots (pending ones included). */
  readonly lots: readonly Lot[];
  /** `negativeBalance: 'allow'`: points below zero (the balance is −deficit when no lot is left). */
  readonly deficit: number;
  /** `negativeBalance: 'debt'`: points owed, recovered from future earning; the balance stays ≥ 0. */
  readonly debt: number;
  /** Purchases by order id, kept for refunds. */
  readonly orders: Readonly<Record<string, OrderRecord>>;
  /** Points counted towards caps, keyed by scope and period (`day:2024-03-01:*`). */
  readonly counters: Readonly<Record<string, number>>;
  /** Redemptions by the id of their event. */
  readonly redemptions: Readonly<Record<string, RedemptionRecord>>;
  /** Purchase statistics. */
  readonly stats: {
    /** Orders not fully refunded. */
    readonly orders: number;
    /** Net money spent (purchases − refunds), a decimal string. */
    readonly spent: string;
    /** The time of the latest purchase (UTC ISO; `null`: none yet). */
    readonly lastPurchaseAt: string | null;
  };
  /** Lifetime totals of the ledger, by entry kind. */
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

/** Options of {@link newMemberState}. */
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

/**
 * The member's points balance: the sum of every ledger entry (pending included; negative only under `allow`).
 *
 * @example
 * const { state: next } = evaluate(program, newMemberState(program, 'm-1'), purchase);
 * balanceOf(next); // the points the purchase earned, pending ones included
 */
export function balanceOf(state: Pick<MemberState, 'lots' | 'deficit'>): number {
  let sum = 0;
  for (const lot of state.lots) sum += lot.points;
  return sum - state.deficit;
}
