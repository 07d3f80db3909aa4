import type { LedgerEntry } from '../ledger/entry.js';
import type { TierChangeReason } from '../tiers/policy.js';

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
  readonly source: 'tier_entry';
  readonly level: string;
}

/** What `evaluate` asks the host to record or do. Discriminated by `type`. */
export type Effect = LedgerEffect | TierChangedEffect | TierWarningEffect | RewardIssuedEffect;

type Envelope = 'id' | 'memberId' | 'eventId';
/** An effect as the engine creates it, before the envelope is added. */
export type EffectInput = Omit<TierChangedEffect, Envelope> | Omit<TierWarningEffect, Envelope> | Omit<RewardIssuedEffect, Envelope>;

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
