import type { Tiers } from './types.js';
import type { Draft } from '../engine/draft.js';
import { addDaysToDate, dateIn, startOfDateIn } from '../time/dates.js';
import { tenureThresholds } from './criteria.js';
import { trimDays } from './metrics.js';
import { policyStep } from './policy.js';
import { projectDowngrade } from './projection.js';
import { announce } from './standing.js';
import { emit } from '../engine/draft.js';
import { nextWindowChange } from './window.js';

/** Upper bound on time-driven transitions applied in one step (a safety net, far above real use). */
const MAX_TRANSITIONS = 100_000;

/**
 * Applies what time alone does between the member's last event and `toMs`,
 * in order: grants that end, grace periods that run out, reviews that fall
 * due, qualifications that lapse as days leave the window, tenure reached.
 */
export function advanceTiers(draft: Draft, fromMs: number, toMs: number): void {
  const tier = draft.tier;
  if (tier === undefined) return;
  let cursor = fromMs;
  for (let n = 0; n < MAX_TRANSITIONS; n++) {
    const next = nextTransition(draft, cursor, toMs);
    if (next === undefined) return;
    const tiers = draft.program.tiers;
    const cause = tiers === undefined ? undefined : policyStep(draft, tiers, next);
    announce(draft, next, cause);
    cursor = next;
  }
}

/** After the event: qualify at the event's time (upgrades at once), trim old days, warn of a coming downgrade. */
export function settleTiers(draft: Draft): void {
  const tier = draft.tier;
  if (tier === undefined) return;
  const tiers = draft.program.tiers;
  const cause = tiers === undefined ? undefined : policyStep(draft, tiers, draft.nowMs);
  announce(draft, draft.nowMs, cause);
  if (tiers === undefined) return;
  trimDays(draft, draft.nowDate);
  warn(draft, tiers);
}

function nextTransition(draft: Draft, cursor: number, toMs: number): number | undefined {
  const tier = draft.tier;
  if (tier === undefined) return undefined;
  const tiers = draft.program.tiers;
  let best: number | undefined;
  const consider = (ms: number | undefined): void => {
    if (ms !== undefined && ms > cursor && ms <= toMs && (best === undefined || ms < best)) best = ms;
  };
  for (const g of tier.grants) if (g.until !== null) consider(Date.parse(g.until));
  if (tiers === undefined) return best;
  if (tier.graceUntil !== null) consider(Date.parse(tier.graceUntil));
  if (tier.reviewAt !== null) consider(Date.parse(tier.reviewAt));
  const watchLapse = tiers.downgrade.kind === 'grace' && tier.level !== null && tier.graceUntil === null;
  if (!watchLapse && !usesTenure(tiers)) return best;
  const tz = draft.zone;
  const date = dateIn(cursor, tz);
  if (watchLapse) {
    const change = nextWindowChange(tiers.window, tier.days, date, draft.enrolledDate, draft.spans);
    if (change !== undefined) consider(startOfDateIn(change, tz));
  }
  const tenure = tenureDates(tiers, draft.enrolledDate, date);
  if (tenure !== undefined) consider(startOfDateIn(tenure, tz));
  return best;
}

function usesTenure(tiers: Tiers): boolean {
  return tiers.levels.some((l) => l.criteria !== undefined && tenureThresholds(l.criteria).length > 0);
}

/** The next date after `date` on which tenure alone reaches a threshold of some level above the member's. */
function tenureDates(tiers: Tiers, enrolled: string, date: string): string | undefined {
  let best: string | undefined;
  for (const level of tiers.levels) {
    if (level.criteria === undefined) continue;
    for (const days of tenureThresholds(level.criteria)) {
      const d = addDaysToDate(enrolled, days);
      if (d > date && (best === undefined || d < best)) best = d;
    }
  }
  return best;
}

function warn(draft: Draft, tiers: Tiers): void {
  const tier = draft.tier;
  if (tier === undefined || tiers.warnDaysBefore === undefined || tier.level === null) return;
  const coming = projectDowngrade(tiers, tier, draft.enrolledDate, draft.zone, draft.nowMs, tiers.warnDaysBefore);
  if (coming === undefined || coming.on === tier.warnedFor) return;
  // due on any day up to and including today + warnDaysBefore
  const horizon = startOfDateIn(addDaysToDate(draft.nowDate, tiers.warnDaysBefore + 1), draft.zone);
  if (Date.parse(coming.on) >= horizon) return;
  tier.warnedFor = coming.on;
  emit(draft, { type: 'tier_downgrade_warning', at: draft.now, level: tier.level, to: coming.to, on: coming.on });
}
