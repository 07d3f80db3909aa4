import type { LedgerEntry } from '../ledger/entry.js';
import type { RewardKind } from '../program/rewards-schema.js';
import type { TierChangeReason } from '../tiers/policy.js';
import type { WalletEntry } from '../wallet/state.js';
import type { MessageData } from '../messages/types.js';

/** What every effect other than a ledger entry carries. */
export interface EffectBase {
  /** `${eventId}:${n}`: unique and stable, so a host can deliver each effect once. */
  readonly id: string;
  /** The member it concerns (the evaluated state's member). */
  readonly memberId: string;
  /** The id of the event whose step produced it. */
  readonly eventId: string;
  /** When it happened (UTC ISO): the event's time, or the moment time alone caused it. */
  readonly at: string;
}

/** A change to a member's points balance, to be recorded by the host. */
export interface LedgerEffect {
  /** The effect type. */
  readonly type: 'ledger';
  /** The entry; its `id` is the effect's id. */
  readonly entry: LedgerEntry;
}

/** The level in force changed. `reason`: `qualified`, `granted`, `grace_ended`, `review`, `grant_ended`. */
export interface TierChangedEffect extends EffectBase {
  /** Up or down the ladder. */
  readonly type: 'tier_upgraded' | 'tier_downgraded';
  /** The level held before (`null`: none). */
  readonly from: string | null;
  /** The level held now (`null`: none). */
  readonly to: string | null;
  /** What caused the change. */
  readonly reason: TierChangeReason;
}

/** The member will lose `level` on `on` unless they qualify again (sent `warnDaysBefore` days ahead, once). */
export interface TierWarningEffect extends EffectBase {
  /** The effect type. */
  readonly type: 'tier_downgrade_warning';
  /** The level the member holds and will lose. */
  readonly level: string;
  /** The level they will land on (`null`: none). */
  readonly to: string | null;
  /** When the downgrade happens (UTC ISO). */
  readonly on: string;
}

/** A reward the host fulfils (a coupon, a gift card, …), issued by the engine. */
export interface RewardIssuedEffect extends EffectBase {
  /** The effect type. */
  readonly type: 'reward_issued';
  /** The catalog (or tier entry) reward's id. */
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
  /** The effect type. */
  readonly type: 'reward_revoked';
  /** The reward taken back. */
  readonly rewardId: string;
  /** The code it was issued with. */
  readonly code: string;
  /** A refund removed a completed card's stamp, or the referee's qualifying order was refunded. */
  readonly reason: 'stamp_refunded' | 'referral_cancelled';
}

/**
 * An event for another member's stream (a referral credit for the referrer).
 * The host routes `event` to `event.memberId`'s stream; applying it there is
 * an ordinary `evaluate`. `event.id` is stable, so redelivery is safe.
 */
export interface OutgoingEventEffect extends EffectBase {
  /** The effect type. */
  readonly type: 'outgoing_event';
  /** A {@link ReferralEvent} for the referrer, ready for `evaluate` on their state. */
  readonly event: {
    /** Stable (`${refereeEventId}:referral:${stage}`), so redelivery is safe. */
    readonly id: string;
    /** Always `referral`. */
    readonly type: 'referral';
    /** The referrer: the stream to route it to. */
    readonly memberId: string;
    /** The referee's event time. */
    readonly at: string;
    /** What the referee did. */
    readonly stage: 'signed_up' | 'qualified' | 'cancelled';
    /** The referee (this state's member). */
    readonly refereeId: string;
    /** `qualified` / `cancelled`: the referee's order. */
    readonly orderId?: string;
  };
}

/** Why a referral on an enrolment was not accepted (the enrolment itself still applied). */
export type ReferralRefusal = 'no_referral_program' | 'missing_referrer' | 'invalid_code' | 'self_referral' | 'not_new';

/** The referral code on an enrolment was not accepted, and why; the enrolment itself still applied. */
export interface ReferralRefusedEffect extends EffectBase {
  /** The effect type. */
  readonly type: 'referral_refused';
  /** Why. */
  readonly reason: ReferralRefusal;
  /** The referral code the enrolment carried. */
  readonly code: string;
}

/** Why an engagement rule that matched paid nothing. */
export type NotEarnedReason = 'frequency_limit' | 'missing_attribute' | 'capped' | 'already_credited' | 'order_cancelled' | 'referral_cap';

/** An engagement rule matched but paid nothing, and why: the explanation a member's "where are my points?" needs. */
export interface NotEarnedEffect extends EffectBase {
  /** The effect type. */
  readonly type: 'not_earned';
  /** The rule that matched (or the program part, such as `referrals.onFirstPurchase`). */
  readonly ruleId: string;
  /** Why it paid nothing. */
  readonly reason: NotEarnedReason;
  /** The numbers behind the reason (the limit and its period, the missing attribute, …). */
  readonly details: Readonly<Record<string, string | number | null>>;
}

/** A stamp card changed: `stamps` on the current card after the change, of `needed`. */
export interface StampCardEffect extends EffectBase {
  /** The effect type. */
  readonly type: 'stamp_card';
  /** The stamp card's id in the program. */
  readonly cardId: string;
  /** A stamp added, a card completed, a stamp removed by a refund, stamps expired, or a completed card revoked. */
  readonly change: 'added' | 'completed' | 'removed' | 'expired' | 'revoked';
  /** Stamps on the current card after the change. */
  readonly stamps: number;
  /** Stamps that fill a card. */
  readonly needed: number;
  /** The purchase or refund's order, when an order caused the change. */
  readonly orderId?: string;
  /** `expired`: how many stamps. */
  readonly count?: number;
}

/** The member has been inactive for the program's `winBack.afterDays` (sent once per lapse, at most once per period). */
export interface WinBackEffect extends EffectBase {
  /** The effect type. */
  readonly type: 'win_back';
  /** Whole days since the last activity, on the program's calendar. */
  readonly daysInactive: number;
  /** When the member was last active (their latest purchase, adjustment, redemption, wallet debit, activity or enrolment). */
  readonly lastActivityAt: string;
}

/** The outcome of one spin of a prize wheel. */
export interface SpinResultEffect extends EffectBase {
  /** The effect type. */
  readonly type: 'spin_result';
  /** The spin reward. */
  readonly rewardId: string;
  /** Which unit of the redemption (0, 1, … for `quantity` units). */
  readonly unit: number;
  /** The label of the outcome drawn. */
  readonly outcome: string;
  /** Points the outcome paid (credited by an `earn` ledger entry). */
  readonly points?: number;
  /** The catalog reward the outcome gave (issued by a `reward_issued` effect). */
  readonly prizeRewardId?: string;
}

/** Units of a reward's shared stock to reserve (redeemed) or release (reversed) in the host's inventory. */
export interface StockMove {
  /** The reward whose stock moves. */
  readonly rewardId: string;
  /** Units. */
  readonly quantity: number;
}

/** A catalog reward was redeemed: everything the host needs to fulfil it. */
export interface RewardRedeemedEffect extends EffectBase {
  /** The effect type. */
  readonly type: 'reward_redeemed';
  /** The catalog reward. */
  readonly rewardId: string;
  /** The reward's kind: what the host fulfils. */
  readonly kind: RewardKind;
  /** Units redeemed. */
  readonly quantity: number;
  /** Points spent (cost × quantity). */
  readonly points: number;
  /** Money value of all units (decimal string), for kinds that have one. */
  readonly value?: string;
  /** `percent-discount`: the percent off. */
  readonly percent?: string;
  /** `free-product`: the product given. */
  readonly sku?: string;
  /** `charity`: the cause donated to. */
  readonly cause?: string;
  /** `partner`: the brand whose offer it is. */
  readonly partner?: string;
  /** The redemption's order (points as payment). */
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
  /** The effect type. */
  readonly type: 'redemption_refused';
  /** The reward asked for. */
  readonly rewardId: string;
  /** Why it was refused. */
  readonly reason: RefusalReason;
  /** The numbers behind the reason. */
  readonly details: Readonly<Record<string, string | number | null | readonly string[]>>;
}

/** A redemption was reversed: its points came back; release the stock it reserved. */
export interface RedemptionReversedEffect extends EffectBase {
  /** The effect type. */
  readonly type: 'redemption_reversed';
  /** The id of the redemption event reversed. */
  readonly redemptionId: string;
  /** The reward it redeemed. */
  readonly rewardId: string;
  /** Points returned to the balance. */
  readonly points: number;
  /** Points not returned because the lots they came from have expired since. */
  readonly expired: number;
  /** Present when the reward has `stock`: release these units in the host's inventory. */
  readonly release?: StockMove;
}

/** A change to the member's money wallet, to be recorded by the host. */
export interface WalletEffect {
  /** The effect type. */
  readonly type: 'wallet';
  /** The entry; its `id` is the effect's id. */
  readonly entry: WalletEntry;
}

/** A message for the member, typed by `kind`, with everything needed to render it. */
export type MessageEffect = {
  [K in keyof MessageData]: EffectBase & {
    /** The effect type. */
    readonly type: 'message';
    /** The message kind, as in the program's `messages`. */
    readonly kind: K;
    /** What the message needs to be rendered. */
    readonly data: MessageData[K];
  };
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

/**
 * The stable id of any effect (`${eventId}:${n}`): the entry's id for ledger and wallet effects.
 *
 * @example
 * const { effects } = evaluate(program, state, event);
 * for (const effect of effects) await outbox.put(effectId(effect), effect); // deliver each effect once
 */
export function effectId(effect: Effect): string {
  return effect.type === 'ledger' || effect.type === 'wallet' ? effect.entry.id : effect.id;
}
