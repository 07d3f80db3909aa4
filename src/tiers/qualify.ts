import type { Level, Tiers } from './types.js';
import { daysBetween, type LocalDate } from '../time/dates.js';
import { criterionMet, type CriteriaMetrics } from './criteria.js';
import type { TierState } from './state.js';
import { lifetimeMetrics, metricsOver, windowSpans, type SpanMemo } from './window.js';

/** The position of a level (0 = lowest), or −1 for none. */
export function rankOf(tiers: Tiers | undefined, level: string | null): number {
  if (tiers === undefined || level === null) return -1;
  return tiers.levels.findIndex((l) => l.id === level);
}

export function levelAt(tiers: Tiers | undefined, rank: number): Level | undefined {
  return rank < 0 ? undefined : tiers?.levels[rank];
}

/** The metrics of each span the window covers on `date` (two with `includePrevious`). */
export function metricsAt(tiers: Tiers, tier: TierState, date: LocalDate, enrolled: LocalDate, memo?: SpanMemo): CriteriaMetrics[] {
  const tenureDays = Math.max(0, daysBetween(enrolled, date));
  const spans = windowSpans(tiers.window, date, enrolled, memo);
  if (spans === undefined) return [{ ...lifetimeMetrics(tier.lifetime), tenureDays }];
  return spans.map((s) => ({ ...metricsOver(tier.days, s), tenureDays }));
}

/** The highest level whose criteria the metrics meet (−1: none). */
export function rankFor(tiers: Tiers, metrics: CriteriaMetrics): number {
  for (let i = tiers.levels.length - 1; i >= 0; i--) {
    const criteria = tiers.levels[i]?.criteria;
    if (criteria === undefined || criterionMet(criteria, metrics)) return i;
  }
  return -1;
}

/** The highest level the member qualifies for on `date`, over any span of the window. */
export function qualifiedRank(tiers: Tiers, tier: TierState, date: LocalDate, enrolled: LocalDate, memo?: SpanMemo): number {
  let best = -1;
  for (const m of metricsAt(tiers, tier, date, enrolled, memo)) best = Math.max(best, rankFor(tiers, m));
  return best;
}
