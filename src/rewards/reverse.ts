import { emit, record, redemptionsToChange, type Draft } from '../engine/draft.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { RedemptionReversalEvent } from '../events/schema.js';
import { credit } from '../ledger/balance.js';
import { lapsedSince } from '../ledger/expiry.js';
import { Dec } from '../money/decimal.js';
import { moveWallet } from '../wallet/move.js';

/**
 * Reverses a redemption: returns the points it took, each with the dates of
 * the lot it came from (points whose lot has expired since are not returned),
 * and announces the stock to release.
 */
export function applyReversal(draft: Draft, event: RedemptionReversalEvent): void {
  const own = Object.prototype.hasOwnProperty.call(draft.redemptions, event.redemptionId);
  const redemption = own ? draft.redemptions[event.redemptionId] : undefined;
  if (redemption === undefined) {
    const window = draft.program.rewards?.reversalWindowDays;
    const note = window === undefined ? '' : ` (redemptions can be reversed for ${window} days)`;
    throw new LoyaltyError('unknown_redemption', `reversal ${event.id}: member ${event.memberId} has no redemption ${event.redemptionId}${note}`, {
      details: { redemptionId: event.redemptionId },
    });
  }
  if (redemption.reversedAt !== undefined) {
    throw new LoyaltyError('already_reversed', `reversal ${event.id}: redemption ${event.redemptionId} was reversed on ${redemption.reversedAt}`, {
      details: { redemptionId: event.redemptionId, reversedAt: redemption.reversedAt },
    });
  }
  // under an inactivity policy, the points expired with everything else if the member lapsed since the redemption
  const lapsed = lapsedSince(draft, draft.at) !== undefined || (draft.lapsedAt !== undefined && draft.lapsedAt > redemption.at);
  const back = lapsed ? [] : redemption.taken.filter((t) => t.expiresAt === null || t.expiresAt > draft.at);
  const returned = back.reduce((s, t) => s + t.points, 0);
  const expired = redemption.points - returned;
  if (returned > 0) {
    record(draft, {
      at: draft.at,
      kind: 'reversal',
      points: returned,
      ruleId: `rewards.${redemption.rewardId}`,
      ...(redemption.orderId === undefined ? {} : { orderId: redemption.orderId }),
      ...(event.reason === undefined ? {} : { reason: event.reason }),
      detail: { redemptionId: event.redemptionId, ...(expired > 0 ? { notReturnedExpired: expired } : {}) },
    });
  }
  back.forEach((t, i) => credit(draft, { id: `${event.id}:${i}`, earnedAt: t.earnedAt, availableAt: t.availableAt, expiresAt: t.expiresAt, points: t.points }));
  redemptionsToChange(draft)[event.redemptionId] = { ...redemption, reversedAt: draft.at };
  const reward = draft.program.rewards?.catalog.find((r) => r.id === redemption.rewardId);
  if (reward?.kind === 'wallet-credit' && reward.value !== undefined) {
    // the money credited goes back out (the wallet may go below zero if it was spent)
    moveWallet(draft, 'credit', new Dec(reward.value).times(redemption.quantity).neg(), `rewards.${reward.id}`, { detail: { redemptionId: event.redemptionId } });
  }
  emit(draft, {
    type: 'redemption_reversed',
    at: draft.at,
    redemptionId: event.redemptionId,
    rewardId: redemption.rewardId,
    points: returned,
    expired,
    ...(reward?.stock === undefined ? {} : { release: { rewardId: redemption.rewardId, quantity: redemption.quantity } }),
  });
}
