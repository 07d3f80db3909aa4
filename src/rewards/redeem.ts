import { emit, record, redemptionsToChange, touch, type Draft } from '../engine/draft.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { RedemptionEvent } from '../events/schema.js';
import { takeFromLots } from '../ledger/lots.js';
import { Dec } from '../money/decimal.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { dateIn } from '../time/dates.js';
import { checkRedemption } from './check.js';
import { rewardCode } from './codes.js';
import { moveWallet } from '../wallet/move.js';
import { credit } from '../ledger/balance.js';
import { expiryFor } from '../ledger/expiry.js';
import type { SpinOutcome } from '../program/rewards-schema.js';
import { drawOutcome } from './spin.js';

/** Options of the pure step that only the host knows. */
export interface RedemptionOptions {
  /** Units left per reward in the host's inventory, as last seen; a redemption of more is refused (`out_of_stock`). */
  readonly stock?: Readonly<Record<string, number>>;
}

/**
 * A redemption: either spends the points (first-to-expire first, available
 * points only) and announces the reward with its codes, or announces why not.
 * A refusal changes nothing else.
 */
export function applyRedemption(draft: Draft, event: RedemptionEvent, options: RedemptionOptions): void {
  if (Object.prototype.hasOwnProperty.call(draft.redemptions, event.id)) {
    throw new LoyaltyError('duplicate_event', `redemption ${event.id} was already applied for member ${event.memberId}`, { details: { eventId: event.id } });
  }
  const rewards = draft.program.rewards;
  const reward = rewards?.catalog.find((r) => r.id === event.rewardId);
  if (rewards === undefined || reward === undefined) {
    emit(draft, { type: 'redemption_refused', at: draft.at, rewardId: event.rewardId, reason: 'unknown_reward', details: {} });
    return;
  }
  const tz = draft.zone;
  const date = dateIn(draft.atMs, tz);
  const check = checkRedemption(
    { program: draft.program, level: draft.tier?.effective ?? null, lots: draft.lots, deficit: draft.deficit, redemptions: draft.redemptions, at: draft.at, date, stock: options.stock },
    reward,
    event.quantity,
    event.orderId,
  );
  if (!check.ok) {
    emit(draft, { type: 'redemption_refused', at: draft.at, rewardId: reward.id, reason: check.reason, details: check.details });
    return;
  }
  const { lots, taken } = takeFromLots(draft.lots, check.points, (lot) => (lot.availableAt <= draft.at ? 0 : undefined));
  draft.lots = lots;
  record(draft, {
    at: draft.at,
    kind: 'redeem',
    points: -check.points,
    ruleId: `rewards.${reward.id}`,
    ...(event.orderId === undefined ? {} : { orderId: event.orderId }),
    detail: { rewardId: reward.id, quantity: event.quantity },
  });
  const codes = Array.from({ length: event.quantity }, (_, unit) => rewardCode(rewards.codeSalt, draft.program.id, event.id, unit));
  const validUntil = reward.validDays === undefined ? null : isoUtc(addDaysInZone(draft.atMs, reward.validDays, tz));
  redemptionsToChange(draft)[event.id] = {
    rewardId: reward.id,
    quantity: event.quantity,
    points: check.points,
    at: draft.at,
    day: date,
    ...(event.orderId === undefined ? {} : { orderId: event.orderId }),
    codes,
    taken: taken.map(({ lot, points }) => ({ points, earnedAt: lot.earnedAt, availableAt: lot.availableAt, expiresAt: lot.expiresAt })),
  };
  emit(draft, {
    type: 'reward_redeemed',
    at: draft.at,
    rewardId: reward.id,
    kind: reward.kind,
    quantity: event.quantity,
    points: check.points,
    ...(reward.value === undefined ? {} : { value: new Dec(reward.value).times(event.quantity).toFixed() }),
    ...(reward.percent === undefined ? {} : { percent: reward.percent }),
    ...(reward.sku === undefined ? {} : { sku: reward.sku }),
    ...(reward.cause === undefined ? {} : { cause: reward.cause }),
    ...(reward.partner === undefined ? {} : { partner: reward.partner }),
    ...(event.orderId === undefined ? {} : { orderId: event.orderId }),
    codes,
    validUntil,
    ...(reward.stock === undefined ? {} : { reserve: { rewardId: reward.id, quantity: event.quantity } }),
  });
  if (reward.kind === 'spin' && reward.outcomes !== undefined) spin(draft, reward.id, reward.outcomes, rewards.codeSalt, event.quantity);
  if (reward.kind === 'wallet-credit' && reward.value !== undefined) {
    moveWallet(draft, 'credit', new Dec(reward.value).times(event.quantity), `rewards.${reward.id}`, { detail: { redemptionId: event.id } });
  }
  touch(draft);
}

/** Draws each unit's outcome and pays it: points as an `earn` entry, a catalog reward as `reward_issued`. */
function spin(draft: Draft, rewardId: string, outcomes: readonly SpinOutcome[], salt: string, quantity: number): void {
  for (let unit = 0; unit < quantity; unit++) {
    const outcome = outcomes[drawOutcome(outcomes, salt, draft.program.id, draft.event.id, unit)];
    if (outcome === undefined) continue;
    emit(draft, {
      type: 'spin_result',
      at: draft.at,
      rewardId,
      unit,
      outcome: outcome.label,
      ...(outcome.points === undefined ? {} : { points: outcome.points }),
      ...(outcome.rewardId === undefined ? {} : { prizeRewardId: outcome.rewardId }),
    });
    if (outcome.points !== undefined) {
      const expiresAt = expiryFor(draft.program, draft.atMs);
      record(draft, { at: draft.at, kind: 'earn', points: outcome.points, ruleId: `rewards.${rewardId}`, availableAt: draft.at, expiresAt, detail: { outcome: outcome.label, unit } });
      credit(draft, { id: `${draft.event.id}:spin:${unit}`, earnedAt: draft.at, availableAt: draft.at, expiresAt, points: outcome.points });
    }
    if (outcome.rewardId !== undefined) {
      // the prize's code: the same derivation as a redeemed unit's, numbered after the spin's own codes
      const code = rewardCode(salt, draft.program.id, draft.event.id, quantity + unit);
      emit(draft, { type: 'reward_issued', at: draft.at, rewardId: outcome.rewardId, source: 'spin', code });
    }
  }
}
