import type { TimeZone } from '../time/zone.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { MembershipEvent, TierGrantEvent } from '../events/schema.js';
import type { PlanPeriod } from '../program/tiers-schema.js';
import { rankOf } from '../tiers/qualify.js';
import { grantActive } from '../tiers/standing.js';
import type { TierGrant } from '../tiers/state.js';
import { addDaysInZone, addMonthsInZone, isoUtc } from '../time/calendar.js';
import type { Draft } from './draft.js';

/**
 * A paid membership: `purchased` grants the plan's level and perks for its
 * period; `renewed` extends it by a period (from its end if still running);
 * `cancelled` lets it run to the end of the period (a lifetime plan ends at
 * once); `refunded` ends it at once.
 */
export function applyMembership(draft: Draft, event: MembershipEvent): void {
  const plan = draft.program.memberships?.find((p) => p.id === event.plan);
  const tier = draft.tier;
  if (plan === undefined || tier === undefined) {
    throw new LoyaltyError('unknown_plan', `membership ${event.id}: the program has no membership plan "${event.plan}"`, { details: { plan: event.plan } });
  }
  const current = tier.grants.find((g) => g.source === 'membership' && g.id === plan.id && grantActive(g, draft.at));
  const others = tier.grants.filter((g) => g !== current);
  const end = (fromMs: number): string | null => periodEnd(plan.period, fromMs, draft.zone);
  switch (event.action) {
    case 'purchased':
    case 'renewed': {
      if (current !== undefined && event.action === 'purchased') {
        throw new LoyaltyError('membership_active', `membership ${event.id}: plan "${plan.id}" is already active until ${current.until ?? 'forever'}; send "renewed" to extend it`, {
          details: { plan: plan.id, until: current.until },
        });
      }
      const from = current?.until != null && current.until > draft.at ? Date.parse(current.until) : draft.atMs;
      const grant: TierGrant = {
        source: 'membership',
        id: plan.id,
        level: plan.level ?? null,
        perks: plan.perks,
        from: current?.from ?? draft.at,
        until: current !== undefined && current.until === null ? null : end(from),
      };
      tier.grants = [...others, grant];
      return;
    }
    case 'cancelled':
    case 'refunded': {
      if (current === undefined) {
        throw new LoyaltyError('no_membership', `membership ${event.id}: member ${event.memberId} has no active "${plan.id}" membership`, { details: { plan: plan.id } });
      }
      const endsNow = event.action === 'refunded' || current.until === null;
      tier.grants = [...others, { ...current, cancelled: true, until: endsNow ? draft.at : current.until }];
      return;
    }
  }
}

/** A level granted by hand until `until`. */
export function applyTierGrant(draft: Draft, event: TierGrantEvent): void {
  const tier = draft.tier;
  if (tier === undefined || rankOf(draft.program.tiers, event.level) < 0) {
    throw new LoyaltyError('unknown_level', `tier grant ${event.id}: the program has no tier level "${event.level}"`, { details: { level: event.level } });
  }
  const until = isoUtc(Date.parse(event.until));
  if (until <= draft.at) {
    throw new LoyaltyError('invalid_grant', `tier grant ${event.id}: until (${event.until}) must be after the event's time`, { details: { until: event.until } });
  }
  tier.grants = [...tier.grants, { source: 'grant', id: event.id, level: event.level, perks: [], from: draft.at, until }];
}

function periodEnd(period: PlanPeriod, fromMs: number, timeZone: TimeZone): string | null {
  if (period === 'lifetime') return null;
  if (period.days !== undefined) return isoUtc(addDaysInZone(fromMs, period.days, timeZone));
  if (period.months !== undefined) return isoUtc(addMonthsInZone(fromMs, period.months, timeZone));
  return isoUtc(addMonthsInZone(fromMs, (period.years ?? 0) * 12, timeZone));
}
