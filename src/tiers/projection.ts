import type { Level, Tiers } from './types.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { dateIn, startOfDateIn, type LocalDate } from '../time/dates.js';
import { levelAt, qualifiedRank, rankOf } from './qualify.js';
import type { TierState } from './state.js';
import { nextWindowChange } from './window.js';

/** A downgrade that will happen if the member does nothing more. */
export interface ProjectedDowngrade {
  /** UTC instant. */
  readonly on: string;
  readonly to: string | null;
}

/**
 * The first date after `from` on which, with no further activity, the member
 * no longer qualifies for the level of rank `held` (days leaving the window,
 * a period or membership year turning); `undefined` if that never happens.
 */
export function lapseDate(tiers: Tiers, tier: TierState, enrolled: LocalDate, from: LocalDate, held: number): LocalDate | undefined {
  if (qualifiedRank(tiers, tier, from, enrolled) < held) return from;
  let date = from;
  // each step drops at least one day of data, or turns a period; after that nothing more can change
  for (let n = 0; n < tier.days.length + 3; n++) {
    const next = nextWindowChange(tiers.window, tier.days, date, enrolled);
    if (next === undefined) return undefined;
    if (qualifiedRank(tiers, tier, next, enrolled) < held) return next;
    date = next;
  }
  return undefined;
}

/** When the held level will be lost without further activity, and to what; `undefined` if it will be kept. */
export function projectDowngrade(tiers: Tiers, tier: TierState, enrolled: LocalDate, timeZone: string, nowMs: number): ProjectedDowngrade | undefined {
  const held = rankOf(tiers, tier.level);
  if (held < 0) return undefined;
  const policy = tiers.downgrade;
  const landing = (onMs: number): string | null => {
    const q = qualifiedRank(tiers, tier, dateIn(onMs, timeZone), enrolled);
    return levelAt(tiers, policy.oneLevelAtATime ? Math.max(q, held - 1) : Math.min(q, held - 1))?.id ?? null;
  };
  if (policy.kind === 'scheduled') {
    if (tier.reviewAt === null) return undefined;
    const onMs = Date.parse(tier.reviewAt);
    if (qualifiedRank(tiers, tier, dateIn(onMs, timeZone), enrolled) >= held) return undefined;
    return { on: tier.reviewAt, to: landing(onMs) };
  }
  if (tier.graceUntil !== null) return { on: tier.graceUntil, to: landing(Date.parse(tier.graceUntil)) };
  const lapse = lapseDate(tiers, tier, enrolled, dateIn(nowMs, timeZone), held);
  if (lapse === undefined) return undefined;
  const onMs = addDaysInZone(Math.max(nowMs, startOfDateIn(lapse, timeZone)), policy.days, timeZone);
  return { on: isoUtc(onMs), to: landing(onMs) };
}
