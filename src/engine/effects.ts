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
  /** A level's entry reward, or a prize won on a spin. */
  readonly source: 'tier_entry' | 'spin';
  /** `tier_entry`: the level reached. */
  readonly level?: string;
  /** `spin`: the prize's code, derived like a redeemed reward's. */
  readonly code?: string;
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
