import type { Program } from '../program/define.js';
import { dateIn, daysBetween } from '../time/dates.js';
import type { SimulationReport } from './types.js';

/** The cheapest catalog reward's price in points, `null` without a catalog. */
export function cheapestReward(program: Program): number | null {
  let best: number | null = null;
  for (const reward of program.rewards?.catalog ?? []) if (best === null || reward.cost < best) best = reward.cost;
  return best;
}

/** What the report needs of one member for "time to first reward". */
export interface FirstRewardTrack {
  /** The member's first event in the history. */
  readonly firstMs: number | undefined;
  readonly purchased: boolean;
  /** When their available points first reached the price, at one of their events. */
  readonly reachedMs: number | undefined;
}

/**
 * Days are calendar days on the program's clock, from the date of the first
 * event to the date the price was reached. Reached "within N days" means at
 * most N days. Eligible: members with a purchase whose first event is at
 * least N days before the end of the history, or who reached it within N days.
 */
export function firstRewardReport(
  program: Program,
  rewardPoints: number | null,
  withinDays: number,
  toMs: number | undefined,
  members: Iterable<FirstRewardTrack>,
): SimulationReport['firstReward'] {
  const tz = program.timezone;
  const toDate = toMs === undefined ? undefined : dateIn(toMs, tz);
  let eligible = 0;
  let reached = 0;
  const days: number[] = [];
  for (const m of members) {
    if (m.firstMs === undefined) continue;
    const first = dateIn(m.firstMs, tz);
    const took = m.reachedMs === undefined ? undefined : daysBetween(first, dateIn(m.reachedMs, tz));
    if (took !== undefined) days.push(took);
    if (!m.purchased) continue;
    const within = took !== undefined && took <= withinDays;
    if (within || (toDate !== undefined && daysBetween(first, toDate) >= withinDays)) eligible++;
    if (within) reached++;
  }
  days.sort((a, b) => a - b);
  return {
    withinDays,
    rewardPoints,
    eligible,
    reached,
    share: rewardPoints === null || eligible === 0 ? null : reached / eligible,
    days,
  };
}
