import type { Draft } from '../engine/draft.js';
import { isoOf, ordersToChange, record } from '../engine/draft.js';
import type { Lot } from '../member/state.js';
import { zoneOf, type Program } from '../program/define.js';
import { addDaysInZone, endOfPeriod, isoUtc } from '../time/calendar.js';

/** When points earned at `earnedMs` expire under the program's policy (`null`: never, or only by inactivity). */
export function expiryFor(program: Program, earnedMs: number): string | null {
  const policy = program.points.expiry;
  switch (policy.kind) {
    case 'days-after-earning':
      return isoUtc(addDaysInZone(earnedMs, policy.days, zoneOf(program)));
    case 'end-of-period':
      return isoUtc(endOfPeriod(earnedMs, policy.period, policy.periodsAfter, zoneOf(program)));
    case 'never':
    case 'inactivity':
      return null;
  }
}

/** Under an inactivity policy, when the member's points lapsed, if that is at or before `now` (UTC ISO). */
export function lapsedSince(draft: Pick<Draft, 'program' | 'zone' | 'lastActivityAt'>, now: string): string | undefined {
  const policy = draft.program.points.expiry;
  if (policy.kind !== 'inactivity' || draft.lastActivityAt === null) return undefined;
  const due = isoUtc(addDaysInZone(Date.parse(draft.lastActivityAt), policy.days, draft.zone));
  return due <= now ? due : undefined;
}

/**
 * Expires every lot due by `nowMs`: lots past their `expiresAt`, and under an
 * inactivity policy every lot once the member has been inactive long enough.
 * Each expiry is a ledger entry dated when the points expired.
 */
export function expireDue(draft: Draft, nowMs: number): void {
  const now = isoOf(draft, nowMs);
  const policy = draft.program.points.expiry;
  const inactiveSince = lapsedSince(draft, now);
  if (inactiveSince !== undefined && (draft.lapsedAt === undefined || inactiveSince > draft.lapsedAt)) draft.lapsedAt = inactiveSince;
  // Lots are kept in consumption order, first to expire first (`insertLot`; a state from elsewhere is
  // put in that order when checked), so the lots due by now are a prefix: found without visiting the
  // hundreds of lots a long-lived member holds. Nothing due (the usual step): the lots stay shared.
  const lots = draft.lots;
  let due = 0;
  if (inactiveSince !== undefined) due = lots.length;
  else while (due < lots.length && isDue(lots[due] as Lot, now)) due++;
  if (due === 0) return;
  for (let i = 0; i < due; i++) {
    const lot = lots[i] as Lot;
    record(draft, {
      at: inactiveSince ?? (lot.expiresAt as string),
      kind: 'expire',
      points: -lot.points,
      ruleId: 'points.expiry',
      ...(lot.orderId === undefined ? {} : { orderId: lot.orderId }),
      detail: { lot: lot.id, policy: policy.kind },
    });
    const order = lot.orderId === undefined ? undefined : draft.orders[lot.orderId];
    if (order !== undefined && lot.orderId !== undefined) ordersToChange(draft)[lot.orderId] = { ...order, expired: order.expired + lot.points };
  }
  draft.lots = lots.slice(due);
}

const isDue = (lot: Lot, now: string): boolean => lot.expiresAt !== null && lot.expiresAt <= now;
