import type { TimeZone } from '../time/zone.js';
import type { Tiers } from './types.js';
import { isoOf, type Draft } from '../engine/draft.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { addPeriodsToDate, dateIn, startOfDateIn, startOfPeriodDate } from '../time/dates.js';
import { levelAt, qualifiedRank, rankOf } from './qualify.js';
import { nextAnniversary } from './window.js';

/** Why a level changed, as effects report it. */
export type TierChangeReason = 'qualified' | 'grace_ended' | 'review' | 'granted' | 'grant_ended';

/**
 * One step of the downgrade policy at instant `atMs`: the member's qualified
 * level is compared with the level held. Upgrades are immediate; a lower
 * qualification starts a grace period or waits for the next review.
 * Returns the cause when the held level changed.
 */
export function policyStep(draft: Draft, tiers: Tiers, atMs: number): TierChangeReason | undefined {
  const tier = draft.tier;
  if (tier === undefined) return undefined;
  const tz = draft.zone;
  const at = isoOf(draft, atMs);
  const date = atMs === draft.nowMs ? draft.nowDate : dateIn(atMs, tz);
  const q = qualifiedRank(tiers, tier, date, draft.enrolledDate, draft.spans);
  let held = rankOf(tiers, tier.level);
  const policy = tiers.downgrade;
  if (q > held) {
    setLevel(draft, tiers, q, atMs);
    return 'qualified';
  }
  if (policy.kind === 'grace') {
    if (q === held) {
      tier.graceUntil = null;
      return undefined;
    }
    let changed = false;
    if (tier.graceUntil === null) tier.graceUntil = isoUtc(addDaysInZone(atMs, policy.days, tz));
    // with a 0-day grace, or when one level at a time still leaves the member too high, keep stepping
    while (q < held && tier.graceUntil !== null && tier.graceUntil <= at) {
      held = policy.oneLevelAtATime ? held - 1 : q;
      setLevel(draft, tiers, held, atMs);
      changed = true;
      tier.graceUntil = q < held ? isoUtc(addDaysInZone(atMs, policy.days, tz)) : null;
    }
    return changed ? 'grace_ended' : undefined;
  }
  if (tier.reviewAt !== null && tier.reviewAt <= at) {
    const next = q < held ? (policy.oneLevelAtATime ? Math.max(q, held - 1) : q) : held;
    if (next < held) {
      setLevel(draft, tiers, next, atMs);
      return 'review';
    }
    tier.reviewAt = nextReview(draft, tiers, atMs);
  }
  return undefined;
}

function setLevel(draft: Draft, tiers: Tiers, rank: number, atMs: number): void {
  const tier = draft.tier;
  if (tier === undefined) return;
  tier.level = levelAt(tiers, rank)?.id ?? null;
  tier.since = tier.level === null ? null : isoOf(draft, atMs);
  tier.graceUntil = null;
  tier.warnedFor = null;
  tier.reviewAt = tier.level === null ? null : nextReview(draft, tiers, atMs);
}

/** The next review after `atMs` under a scheduled policy (`null` under a grace policy). */
export function nextReview(draft: { readonly zone: TimeZone; readonly enrolledDate: string }, tiers: Tiers, atMs: number): string | null {
  const policy = tiers.downgrade;
  if (policy.kind !== 'scheduled') return null;
  const tz = draft.zone;
  const every = policy.every;
  switch (every.kind) {
    case 'days':
      return isoUtc(addDaysInZone(atMs, every.days, tz));
    case 'anniversary':
      return isoUtc(startOfDateIn(nextAnniversary(draft.enrolledDate, dateIn(atMs, tz)), tz));
    case 'period':
      return isoUtc(startOfDateIn(addPeriodsToDate(startOfPeriodDate(dateIn(atMs, tz), every.period), every.period, 1), tz));
  }
}
