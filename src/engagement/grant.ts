import { emit, record, type Draft } from '../engine/draft.js';
import type { RewardSource } from '../engine/effects.js';
import { PROGRAM_SCOPE, count, room, uncount } from '../earning/caps.js';
import { clawBeyond, credit, takeOwnLot } from '../ledger/balance.js';
import { expiryFor } from '../ledger/expiry.js';
import { Dec } from '../money/decimal.js';
import type { Grant } from '../program/engagement-schema.js';
import type { Caps } from '../program/schema.js';
import { rewardCode } from '../rewards/codes.js';
import { countPoints } from '../tiers/metrics.js';
import { dateIn } from '../time/dates.js';
import { moveWallet } from '../wallet/move.js';
import type { Granted } from './state.js';

export interface GrantOptions {
  /** What issued it, for a reward's `source`. */
  readonly source: RewardSource;
  /** Names the grant within the event: the lot id is `${eventId}:${tag}`, and the reward code is derived from it. */
  readonly tag: string;
  /** The rule's own caps (activity rules). */
  readonly caps?: Caps | undefined;
  /** Points pending until then (default: available at once). */
  readonly availableAt?: string;
  readonly orderId?: string;
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
}

/** Points earned so far by this event (the per-event program cap counts them). */
function earnedThisEvent(draft: Draft): number {
  let sum = 0;
  for (const e of draft.effects) if (e.type === 'ledger' && e.entry.kind === 'earn' && e.entry.eventId === draft.event.id) sum += e.entry.points;
  return sum;
}

/**
 * Gives an engagement grant: points (within the rule's caps and the
 * program's), wallet credit, and a catalog reward with its code. Returns what
 * was given, for a later revocation; `capped` when caps took points away.
 */
export function giveGrant(draft: Draft, grant: Grant, ruleId: string, options: GrantOptions): { granted: Granted; capped: number } {
  const { program } = draft;
  const day = dateIn(draft.atMs, draft.zone);
  let granted: Granted = {};
  let capped = 0;
  if (grant.points !== undefined) {
    const ruleRoom = room(options.caps, draft.counters, ruleId, day, 0);
    const programRoom = room(program.points.caps, draft.counters, PROGRAM_SCOPE, day, earnedThisEvent(draft));
    const points = Math.min(grant.points, ruleRoom, programRoom);
    capped = grant.points - points;
    if (points > 0) {
      const availableAt = options.availableAt ?? draft.at;
      const expiresAt = expiryFor(program, draft.atMs);
      const lot = `${draft.event.id}:${options.tag}`;
      record(draft, {
        at: draft.at,
        kind: 'earn',
        points,
        ruleId,
        ...(options.orderId === undefined ? {} : { orderId: options.orderId }),
        availableAt,
        expiresAt,
        detail: { source: options.source, ...options.detail, ...(capped > 0 ? { uncapped: grant.points, cappedBy: ruleRoom <= programRoom ? `earn.${ruleId}.caps` : 'points.caps' } : {}) },
      });
      credit(draft, { id: lot, earnedAt: draft.at, availableAt, expiresAt, points });
      if (options.caps !== undefined) count(draft.counters, options.caps, ruleId, day, points);
      if (program.points.caps !== undefined) count(draft.counters, program.points.caps, PROGRAM_SCOPE, day, points);
      countPoints(draft, day, points);
      granted = { points, lot, day };
    }
  }
  if (grant.walletCredit !== undefined && draft.wallet !== undefined) {
    moveWallet(draft, 'credit', new Dec(grant.walletCredit), ruleId, { orderId: options.orderId, detail: { source: options.source } });
    granted = { ...granted, walletCredit: grant.walletCredit };
  }
  const salt = program.rewards?.codeSalt;
  if (grant.reward !== undefined && salt !== undefined) {
    const code = rewardCode(salt, program.id, `${draft.event.id}:${options.tag}`, 0);
    emit(draft, { type: 'reward_issued', at: draft.at, rewardId: grant.reward, source: options.source, ruleId, code });
    granted = { ...granted, rewardId: grant.reward, code };
  }
  return { granted, capped };
}

/**
 * Takes a grant back: its points from its own lot first (then like a refund's
 * claw-back, under the negative balance policy), its wallet credit, and its
 * reward (a `reward_revoked` effect for the host to cancel the code if unused).
 */
export function revokeGrant(draft: Draft, granted: Granted, ruleId: string, reason: 'stamp_refunded' | 'referral_cancelled', orderId?: string): void {
  if (granted.points !== undefined && granted.points > 0) {
    const own = takeOwnLot(draft, granted.lot ?? '', granted.points);
    // the lot was spent or expired: the rest like a refund's claw-back
    const beyond = own < granted.points ? clawBeyond(draft, granted.points - own) : { fromBalance: 0, debt: 0 };
    const fromBalance = own + beyond.fromBalance;
    const debtIncurred = beyond.debt;
    record(draft, {
      at: draft.at,
      kind: 'clawback',
      points: -fromBalance,
      ruleId,
      ...(orderId === undefined ? {} : { orderId }),
      detail: { reason, clawed: granted.points, ...(debtIncurred > 0 ? { debtIncurred } : {}) },
    });
    if (granted.day !== undefined) {
      uncount(draft.counters, ruleId, granted.day, granted.points);
      uncount(draft.counters, PROGRAM_SCOPE, granted.day, granted.points);
      countPoints(draft, granted.day, -granted.points);
    }
  }
  if (granted.walletCredit !== undefined) moveWallet(draft, 'clawback', new Dec(granted.walletCredit).neg(), ruleId, { orderId, detail: { reason } });
  if (granted.rewardId !== undefined && granted.code !== undefined) {
    emit(draft, { type: 'reward_revoked', at: draft.at, rewardId: granted.rewardId, code: granted.code, reason });
  }
}
