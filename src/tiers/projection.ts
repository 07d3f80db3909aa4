import type { Level, Tiers } from './types.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { addDaysToDate, dateIn, startOfDateIn, type LocalDate } from '../time/dates.js';
import { nextReview } from './policy.js';
import { levelAt, metricsAt, qualifiedRank, rankOf } from './qualify.js';
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
export function lapseDate(tiers: Tiers, tier: TierState, enrolled: LocalDate, from: LocalDate, held: number, until?: LocalDate): LocalDate | undefined {
  if (qualifiedRank(tiers, tier, from, enrolled) < held) return from;
  let date = from;
  // each step drops at least one day of data, or turns a period; after that nothing more can change
  for (let n = 0; n < tier.days.length + 3; n++) {
    const next = nextWindowChange(tiers.window, tier.days, date, enrolled);
    if (next === undefined || (until !== undefined && next > until)) return undefined;
    if (qualifiedRank(tiers, tier, next, enrolled) < held) return next;
    date = next;
  }
  return undefined;
}

/** Whether nothing in the window can change any more by time alone (no activity left in it). */
function isQuiet(tiers: Tiers, tier: TierState, date: LocalDate, enrolled: LocalDate): boolean {
  if (tiers.window.kind === 'lifetime') return true;
  return metricsAt(tiers, tier, date, enrolled).every((m) => m.orders === 0 && m.points === 0 && m.spend.isZero());
}

/**
 * When the held level will be lost without further activity, and to what;
 * `undefined` if it will be kept (or, given `withinDays`, not lost within that many days).
 */
export function projectDowngrade(
  tiers: Tiers,
  tier: TierState,
  enrolled: LocalDate,
  timeZone: string,
  nowMs: number,
  withinDays?: number,
): ProjectedDowngrade | undefined {
  const held = rankOf(tiers, tier.level);
  if (held < 0) return undefined;
  const policy = tiers.downgrade;
  const landing = (onMs: number): string | null => {
    const q = qualifiedRank(tiers, tier, dateIn(onMs, timeZone), enrolled);
    return levelAt(tiers, policy.oneLevelAtATime ? Math.max(q, held - 1) : Math.min(q, held - 1))?.id ?? null;
  };
  if (policy.kind === 'scheduled') {
    // the first review at which the member, doing nothing more, no longer qualifies
    const horizon = withinDays === undefined ? undefined : nowMs + withinDays * 86_400_000 + 86_400_000;
    let review = tier.reviewAt;
    for (let n = 0; review !== null && n < tier.days.length + 4; n++) {
      const onMs = Date.parse(review);
      if (horizon !== undefined && onMs > horizon) return undefined;
      const date = dateIn(onMs, timeZone);
      if (qualifiedRank(tiers, tier, date, enrolled) < held) return { on: review, to: landing(onMs) };
      if (isQuiet(tiers, tier, date, enrolled)) return undefined;
      review = nextReview({ program: { timezone: timeZone }, enrolledDate: enrolled }, tiers, onMs);
    }
    return undefined;
  }
  if (tier.graceUntil !== null) return { on: tier.graceUntil, to: landing(Date.parse(tier.graceUntil)) };
  const today = dateIn(nowMs, timeZone);
  // a downgrade within the horizon needs a lapse at least `days` of grace before its end
  const until = withinDays === undefined ? undefined : addDaysToDate(today, withinDays - policy.days);
  if (until !== undefined && until < today) return undefined;
  const lapse = lapseDate(tiers, tier, enrolled, today, held, until);
  if (lapse === undefined) return undefined;
  const onMs = addDaysInZone(Math.max(nowMs, startOfDateIn(lapse, timeZone)), policy.days, timeZone);
  return { on: isoUtc(onMs), to: landing(onMs) };
}
