import type { LedgerEntry } from '../ledger/entry.js';
import type { RewardKind } from '../program/rewards-schema.js';
import type { TierChangeReason } from '../tiers/policy.js';
import type { WalletEntry } from '../wallet/state.js';
import type { MessageData } from '../messages/types.js';

/** What every effect other than a ledger entry carries. */
export interface EffectBase {
  /** `${eventId}:${n}`: unique and stable, so a host can deliver each effect once. */
  readonly id: string;
  readonly memberId: string;
  readonly eventId: string;
  /** When it happened (UTC ISO): the event's time, or the moment time alone caused it. */
  readonly at: string;
}

/** A change to a member's points balance, to be recorded by the host. */
export interface LedgerEffect {
  readonly type: 'ledger';
  readonly entry: LedgerEntry;
}

/** The level in force changed. `reason`: `qualified`, `granted`, `grace_ended`, `review`, `grant_ended`. */
export interface TierChangedEffect extends EffectBase {
  readonly type: 'tier_upgraded' | 'tier_downgraded';
  readonly from: string | null;
  readonly to: string | null;
  readonly reason: TierChangeReason;
}

/** The member will lose `level` on `on` unless they qualify again (sent `warnDaysBefore` days ahead, once). */
export interface TierWarningEffect extends EffectBase {
  readonly type: 'tier_downgrade_warning';
  readonly level: string;
  readonly to: string | null;
  readonly on: string;
}

/** A reward the host fulfils (a coupon, a gift card, …), issued by the engine. */
export interface RewardIssuedEffect extends EffectBase {
  readonly type: 'reward_issued';
  readonly rewardId: string;
  /** Why it was issued. */
  readonly source: RewardSource;
  /** The rule, card or program part that issued it (absent for tier entry rewards and spins). */
  readonly ruleId?: string;
  /** `tier_entry`: the level reached. */
  readonly level?: string;
  /** The reward's code, derived like a redeemed reward's (all sources but `tier_entry`). */
  readonly code?: string;
}

/** What issued a reward. */
export type RewardSource = 'tier_entry' | 'spin' | 'activity' | 'welcome' | 'birthday' | 'stamp_card' | 'referral' | 'win_back';

/** An issued reward taken back (a stamp card broken by a refund, a referral cancelled): cancel its code if unused. */
export interface RewardRevokedEffect extends EffectBase {
  readonly type: 'reward_revoked';
  readonly rewardId: string;
  readonly code: string;
  readonly reason: 'stamp_refunded' | 'referral_cancelled';
}

/**
 * An event for another member's stream (a referral credit for the referrer).
 * The host routes `event` to `event.memberId`'s stream; applying it there is
 * an ordinary `evaluate`. `event.id` is stable, so redelivery is safe.
 */
export interface OutgoingEventEffect extends EffectBase {
  readonly type: 'outgoing_event';
  readonly event: {
    readonly id: string;
    readonly type: 'referral';
    readonly memberId: string;
    readonly at: string;
    readonly stage: 'signed_up' | 'qualified' | 'cancelled';
    readonly refereeId: string;
    readonly orderId?: string;
  };
}

/** Why a referral on an enrolment was not accepted (the enrolment itself still applied). */
export type ReferralRefusal = 'no_referral_program' | 'missing_referrer' | 'invalid_code' | 'self_referral' | 'not_new';

export interface ReferralRefusedEffect extends EffectBase {
  readonly type: 'referral_refused';
  readonly reason: ReferralRefusal;
  readonly code: string;
}

/** Why an engagement rule that matched paid nothing. */
export type NotEarnedReason = 'frequency_limit' | 'missing_attribute' | 'capped' | 'already_credited' | 'order_cancelled' | 'referral_cap';

/** An engagement rule matched but paid nothing, and why: the explanation a member's "where are my points?" needs. */
export interface NotEarnedEffect extends EffectBase {
  readonly type: 'not_earned';
  readonly ruleId: string;
  readonly reason: NotEarnedReason;
  readonly details: Readonly<Record<string, string | number | null>>;
}

/** A stamp card changed: `stamps` on the current card after the change, of `needed`. */
export interface StampCardEffect extends EffectBase {
  readonly type: 'stamp_card';
  readonly cardId: string;
  readonly change: 'added' | 'completed' | 'removed' | 'expired' | 'revoked';
  readonly stamps: number;
  readonly needed: number;
  readonly orderId?: string;
  /** `expired`: how many stamps. */
  readonly count?: number;
}

/** The member has been inactive for the program's `winBack.afterDays` (sent once per lapse, at most once per period). */
export interface WinBackEffect extends EffectBase {
  readonly type: 'win_back';
  readonly daysInactive: number;
  readonly lastActivityAt: string;
}

/** The outcome of one spin of a prize wheel. */
export interface SpinResultEffect extends EffectBase {
  readonly type: 'spin_result';
  /** The spin reward. */
  readonly rewardId: string;
  readonly unit: number;
  readonly outcome: string;
  readonly points?: number;
  readonly prizeRewardId?: string;
}

/** Units of a reward's shared stock to reserve (redeemed) or release (reversed) in the host's inventory. */
export interface StockMove {
  readonly rewardId: string;
  readonly quantity: number;
}

/** A catalog reward was redeemed: everything the host needs to fulfil it. */
export interface RewardRedeemedEffect extends EffectBase {
  readonly type: 'reward_redeemed';
  readonly rewardId: string;
  readonly kind: RewardKind;
  readonly quantity: number;
  /** Points spent (cost × quantity). */
  readonly points: number;
  /** Money value of all units (decimal string), for kinds that have one. */
  readonly value?: string;
  readonly percent?: string;
  readonly sku?: string;
  readonly cause?: string;
  readonly partner?: string;
  readonly orderId?: string;
  /** One unique code per unit. */
  readonly codes: readonly string[];
  /** End of validity (UTC ISO), when the reward declares `validDays`. */
  readonly validUntil: string | null;
  /** Present when the reward has `stock`: reserve these units before committing the state. */
  readonly reserve?: StockMove;
}

/** Why a redemption was refused. */
export type RefusalReason = 'insufficient_points' | 'tier_not_allowed' | 'out_of_stock' | 'limit_reached' | 'reward_not_active' | 'unknown_reward' | 'order_required';

/** A redemption was refused; nothing else changed. `details` has the numbers behind it (needed vs available, …). */
export interface RedemptionRefusedEffect extends EffectBase {
  readonly type: 'redemption_refused';
  readonly rewardId: string;
  readonly reason: RefusalReason;
  readonly details: Readonly<Record<string, string | number | null | readonly string[]>>;
}

/** A redemption was reversed: its points came back; release the stock it reserved. */
export interface RedemptionReversedEffect extends EffectBase {
  readonly type: 'redemption_reversed';
  readonly redemptionId: string;
  readonly rewardId: string;
  /** Points returned to the balance. */
  readonly points: number;
  /** Points not returned because the lots they came from have expired since. */
  readonly expired: number;
  readonly release?: StockMove;
}

/** A change to the member's money wallet, to be recorded by the host. */
export interface WalletEffect {
  readonly type: 'wallet';
  readonly entry: WalletEntry;
}

/** A message for the member, typed by `kind`, with everything needed to render it. */
export type MessageEffect = {
  [K in keyof MessageData]: EffectBase & { readonly type: 'message'; readonly kind: K; readonly data: MessageData[K] };
}[keyof MessageData];

/** What `evaluate` asks the host to record or do. Discriminated by `type`. */
export type Effect =
  | LedgerEffect
  | WalletEffect
  | TierChangedEffect
  | TierWarningEffect
  | RewardIssuedEffect
  | RewardRedeemedEffect
  | RedemptionRefusedEffect
  | RedemptionReversedEffect
  | SpinResultEffect
  | RewardRevokedEffect
  | OutgoingEventEffect
  | ReferralRefusedEffect
  | NotEarnedEffect
  | StampCardEffect
  | WinBackEffect
  | MessageEffect;

type Envelope = 'id' | 'memberId' | 'eventId';
/** An effect as the engine creates it, before the envelope is added. */
export type EffectInput =
  | Omit<TierChangedEffect, Envelope>
  | Omit<TierWarningEffect, Envelope>
  | Omit<RewardIssuedEffect, Envelope>
  | Omit<RewardRedeemedEffect, Envelope>
  | Omit<RedemptionRefusedEffect, Envelope>
  | Omit<RedemptionReversedEffect, Envelope>
  | Omit<SpinResultEffect, Envelope>
  | Omit<RewardRevokedEffect, Envelope>
  | Omit<OutgoingEventEffect, Envelope>
  | Omit<ReferralRefusedEffect, Envelope>
  | Omit<NotEarnedEffect, Envelope>
  | Omit<StampCardEffect, Envelope>
  | Omit<WinBackEffect, Envelope>
  | (MessageEffect extends infer M ? (M extends MessageEffect ? Omit<M, Envelope> : never) : never);

/**
 * The ledger entries among effects, in order.
 *
 * @example
 * const { effects } = evaluate(program, state, event);
 * for (const entry of ledgerEntries(effects)) await db.insertLedgerEntry(entry);
 */
export function ledgerEntries(effects: readonly Effect[]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const e of effects) if (e.type === 'ledger') out.push(e.entry);
  return out;
}

/** The stable id of any effect (`${eventId}:${n}`): the entry's id for ledger and wallet effects. */
export function effectId(effect: Effect): string {
  return effect.type === 'ledger' || effect.type === 'wallet' ? effect.entry.id : effect.id;
}
