import { record, type Draft } from '../engine/draft.js';
import type { Lot } from '../member/state.js';
import { insertLot, takeFromLots, type Taken } from './lots.js';

/**
 * Adds a lot of points. A deficit (`allow`) or a debt (`debt`) is paid from it
 * first: a debt with a `debt_recovery` entry, a deficit silently (the entry
 * that made the balance negative already counted it).
 */
export function credit(draft: Draft, lot: Lot): void {
  let points = lot.points;
  if (draft.deficit > 0) {
    const n = Math.min(draft.deficit, points);
    draft.deficit -= n;
    points -= n;
  }
  if (draft.debt > 0 && points > 0) {
    const n = Math.min(draft.debt, points);
    draft.debt -= n;
    points -= n;
    record(draft, {
      at: draft.at,
      kind: 'debt_recovery',
      points: -n,
      ruleId: 'points.negativeBalance',
      detail: { lot: lot.id, debtLeft: draft.debt },
    });
  }
  if (points > 0) draft.lots = insertLot(draft.lots, { ...lot, points });
}

/** What a debit took from the balance, and what went beyond it. */
export interface Debit {
  readonly taken: readonly Taken[];
  /** Points taken from lots. */
  readonly fromLots: number;
  /** Points beyond the lots: a deficit under `allow`, a debt under `debt`. */
  readonly beyond: number;
}

/**
 * Takes points from lots in the order `rank` gives; what the lots cannot cover
 * follows the program's negative balance policy.
 */
export function debit(draft: Draft, points: number, rank: (lot: Lot) => number | undefined): Debit {
  const { lots, taken, total } = takeFromLots(draft.lots, points, rank);
  draft.lots = lots;
  const beyond = points - total;
  if (beyond > 0) {
    if (draft.program.points.negativeBalance === 'allow') draft.deficit += beyond;
    else draft.debt += beyond;
  }
  return { taken, fromLots: total, beyond };
}

/** Spending order: available lots first-to-expire first, then pending ones. */
export function spendingRank(nowIso: string): (lot: Lot) => number {
  return (lot) => (lot.availableAt <= nowIso ? 0 : 1);
}

/** Takes up to `points` from one lot (by id); returns how many it held. */
export function takeOwnLot(draft: Draft, lotId: string, points: number): number {
  const own = takeFromLots(draft.lots, points, (lot) => (lot.id === lotId ? 0 : undefined));
  draft.lots = own.lots;
  return own.total;
}

/**
 * Claws back points whose own lot could not cover them: from pending lots
 * first, then available ones; what the lots cannot cover follows the
 * negative balance policy. `fromBalance`: what left the balance (a deficit
 * under `allow` included); `debt`: what became debt under `debt`.
 */
export function clawBeyond(draft: Draft, points: number): { fromBalance: number; debt: number } {
  const now = draft.at;
  const d = debit(draft, points, (lot) => (lot.availableAt > now ? 0 : 1));
  const allow = draft.program.points.negativeBalance === 'allow';
  return { fromBalance: d.fromLots + (allow ? d.beyond : 0), debt: allow ? 0 : d.beyond };
}
