import type { Draft } from '../engine/draft.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';

/**
 * The earliest purchase time (UTC ISO) still open for refunds at `atMs`, under
 * the program's `refunds.windowDays`; `undefined` when refunds never close.
 */
export function refundCutoff(draft: Pick<Draft, 'program'>, atMs: number): string | undefined {
  const window = draft.program.refunds?.windowDays;
  return window === undefined ? undefined : isoUtc(addDaysInZone(atMs, -window, draft.program.timezone));
}

/** Drops the orders no refund can reach any more, so a member's state stays small after years of purchases. */
export function pruneOrders(draft: Draft): void {
  const cutoff = refundCutoff(draft, draft.nowMs);
  if (cutoff === undefined) return;
  for (const [id, order] of Object.entries(draft.orders)) {
    if (order.at < cutoff) delete draft.orders[id];
  }
}
