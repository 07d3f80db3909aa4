import type { TimeZone } from '../time/zone.js';
import type { Tiers } from './types.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { addDaysToDate, dateIn, startOfDateIn, type LocalDate } from '../time/dates.js';
import { nextReview } from './policy.js';
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

/** Reviews looked through for a projection: ten years of daily reviews. */
const MAX_REVIEWS = 3660;

/**
 * When the held level will be lost without further activity, and to what;
 * `undefined` if it will be kept (or, given `withinDays`, not lost within that many days).
 */
export function projectDowngrade(
  tiers: Tiers,
  tier: TierState,
  enrolled: LocalDate,
  timeZone: TimeZone,
  nowMs: number,
  withinDays?: number,
): ProjectedDowngrade | undefined {
  const held = rankOf(tiers, tier.level);
  if (held < 0) return undefined;
  const policy = tiers.downgrade;
  // a 0-day grace keeps stepping down in the same instant, so one level at a time lands where the member qualifies
  const stepwise = policy.oneLevelAtATime && !(policy.kind === 'grace' && policy.days === 0);
  const landing = (onMs: number): string | null => {
    const q = qualifiedRank(tiers, tier, dateIn(onMs, timeZone), enrolled);
    return levelAt(tiers, stepwise ? Math.max(q, held - 1) : Math.min(q, held - 1))?.id ?? null;
  };
  const today = dateIn(nowMs, timeZone);
  if (policy.kind === 'scheduled') {
    // the first review on or after the day the member, doing nothing more, stops qualifying
    if (tier.reviewAt === null) return undefined;
    const until = withinDays === undefined ? undefined : addDaysToDate(today, withinDays);
    const lapse = lapseDate(tiers, tier, enrolled, today, held, until);
    if (lapse === undefined) return undefined;
    let review: string | null = tier.reviewAt;
    for (let n = 0; review !== null && n < MAX_REVIEWS; n++) {
      const onMs = Date.parse(review);
      const date = dateIn(onMs, timeZone);
      if (until !== undefined && date > until) return undefined;
      if (date >= lapse && qualifiedRank(tiers, tier, date, enrolled) < held) return { on: review, to: landing(onMs) };
      review = nextReview({ zone: timeZone, enrolledDate: enrolled }, tiers, onMs);
    }
    return undefined;
  }
  if (tier.graceUntil !== null) return { on: tier.graceUntil, to: landing(Date.parse(tier.graceUntil)) };
  // a downgrade within the horizon needs a lapse at least `days` of grace before its end
  const until = withinDays === undefined ? undefined : addDaysToDate(today, withinDays - policy.days);
  if (until !== undefined && until < today) return undefined;
  const lapse = lapseDate(tiers, tier, enrolled, today, held, until);
  if (lapse === undefined) return undefined;
  const onMs = addDaysInZone(Math.max(nowMs, startOfDateIn(lapse, timeZone)), policy.days, timeZone);
  return { on: isoUtc(onMs), to: landing(onMs) };
}
