import { ordersToChange, redemptionsToChange, type Draft } from '../engine/draft.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { localTime } from '../time/local-time.js';

/**
 * The earliest purchase time (UTC ISO) still open for refunds at `atMs`, under
 * the program's `refunds.windowDays`; `undefined` when refunds never close.
 */
export function refundCutoff(draft: Pick<Draft, 'program' | 'zone'>, atMs: number): string | undefined {
  const window = draft.program.refunds?.windowDays;
  return window === undefined ? undefined : isoUtc(addDaysInZone(atMs, -window, draft.zone));
}

const DAY_MS = 86_400_000;

/**
 * Whether a record is older than `boundMs`: a day short of the window in plain 24-hour days, so no clock
 * change can put a newer record outside it. Only then is the exact, zone-aware cutoff computed (it
 * costs a time-zone lookup, on every event otherwise).
 */
function anyBefore(records: Readonly<Record<string, { readonly at: string }>>, boundMs: number): boolean {
  const bound = isoUtc(boundMs);
  for (const id in records) if ((records[id]?.at ?? '') < bound) return true;
  return false;
}

/** Drops the orders no refund can reach any more, so a member's state stays small after years of purchases. */
export function pruneOrders(draft: Draft): void {
  const window = draft.program.refunds?.windowDays;
  if (window === undefined || !anyBefore(draft.orders, draft.nowMs - (window - 1) * DAY_MS)) return;
  const cutoff = refundCutoff(draft, draft.nowMs);
  if (cutoff === undefined) return;
  for (const [id, order] of Object.entries(draft.orders)) {
    if (order.at < cutoff) delete ordersToChange(draft)[id];
  }
}

/**
 * Drops the redemptions nothing can need any more: past the reversal window
 * and before the current calendar year (yearly limits), unless their reward
 * has a lifetime limit or per-order bounds.
 */
export function pruneRedemptions(draft: Draft): void {
  const rewards = draft.program.rewards;
  if (rewards === undefined) return;
  if (!anyBefore(draft.redemptions, draft.nowMs - (rewards.reversalWindowDays - 1) * DAY_MS)) return;
  const reversal = isoUtc(addDaysInZone(draft.nowMs, -rewards.reversalWindowDays, draft.zone));
  const year = `${localTime(draft.nowMs, draft.zone).year}`;
  // lifetime limits and per-order bounds count redemptions of any age
  const lifetime = new Set(rewards.catalog.filter((r) => r.limit?.per === 'lifetime' || r.perOrder !== undefined).map((r) => r.id));
  for (const [id, r] of Object.entries(draft.redemptions)) {
    if (r.at < reversal && r.day < year && !lifetime.has(r.rewardId)) delete redemptionsToChange(draft)[id];
  }
}
