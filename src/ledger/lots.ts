import type { Lot } from '../member/state.js';

/** Consumption order: first to expire first (never-expiring last), then oldest, then by id. */
export function lotOrder(a: Lot, b: Lot): number {
  if (a.expiresAt !== b.expiresAt) {
    if (a.expiresAt === null) return 1;
    if (b.expiresAt === null) return -1;
    return a.expiresAt < b.expiresAt ? -1 : 1;
  }
  if (a.earnedAt !== b.earnedAt) return a.earnedAt < b.earnedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Returns a new list with the lot in its consumption place. */
export function insertLot(lots: readonly Lot[], lot: Lot): Lot[] {
  const out = [...lots];
  let i = out.length;
  while (i > 0 && lotOrder(out[i - 1] as Lot, lot) > 0) i--;
  out.splice(i, 0, lot);
  return out;
}

/** What a consumption took, lot by lot. */
export interface Taken {
  readonly lot: Lot;
  readonly points: number;
}

/**
 * Takes up to `points` from the lots, visiting them in the order `rank` gives
 * (lower first; `undefined` skips a lot), and returns the remaining lots.
 */
export function takeFromLots(
  lots: readonly Lot[],
  points: number,
  rank: (lot: Lot) => number | undefined,
): { lots: Lot[]; taken: Taken[]; total: number } {
  const order = lots
    .map((lot, index) => ({ lot, index, r: rank(lot) }))
    .filter((x): x is { lot: Lot; index: number; r: number } => x.r !== undefined)
    .sort((a, b) => a.r - b.r || a.index - b.index);
  const left = new Map<number, number>();
  const taken: Taken[] = [];
  let need = points;
  for (const { lot, index } of order) {
    if (need <= 0) break;
    const n = Math.min(need, lot.points);
    left.set(index, lot.points - n);
    taken.push({ lot, points: n });
    need -= n;
  }
  const next: Lot[] = [];
  lots.forEach((lot, i) => {
    const rest = left.get(i);
    if (rest === undefined) next.push(lot);
    else if (rest > 0) next.push({ ...lot, points: rest });
  });
  return { lots: next, taken, total: points - need };
}
