/**
 * Sound upper bounds for the static budget checks: how many calendar dates
 * and months a span of time touches, and how many points earn rules can pay
 * over them under their caps.
 */
import type { Program } from '../../program/define.js';
import type { Caps } from '../../program/schema.js';

/** Months a run of `dates` consecutive calendar dates can touch (February is the shortest month). */
export const monthsTouched = (dates: number): number => (dates <= 0 ? 0 : Math.ceil(dates / 28) + 1);

/** Calendar dates a span of `days` × 24 hours can touch, daylight saving changes included. */
export const datesTouched = (days: number): number => Math.max(0, days) + 2;

function capBound(caps: Caps | undefined, dates: number): number {
  if (caps === undefined) return Infinity;
  const day = caps.perDay === undefined ? Infinity : caps.perDay * dates;
  const month = caps.perMonth === undefined ? Infinity : caps.perMonth * monthsTouched(dates);
  return Math.min(day, month);
}

/**
 * The most points the program's earn rules can pay one member on `dates`
 * consecutive calendar dates: the program's day and month caps, or the sum
 * of each spend and bonus rule's own, whichever is lower. `Infinity` when a
 * rule is capped by neither (a per-event cap alone does not bound a day:
 * orders are not limited).
 */
export function earnBound(program: Program, dates: number): number {
  if (dates <= 0) return 0;
  let rules = 0;
  for (const rule of program.earn) if (rule.kind === 'spend' || rule.kind === 'bonus') rules += capBound(rule.caps, dates);
  return Math.min(capBound(program.points.caps, dates), rules);
}

/** The longest a point can stay in a member's balance, in days (`Infinity`: no expiry by age). */
export function pointLifetimeDays(program: Program): number {
  const e = program.points.expiry;
  switch (e.kind) {
    case 'days-after-earning':
      return e.days;
    case 'end-of-period':
      return (e.periodsAfter + 1) * (e.period === 'month' ? 31 : e.period === 'quarter' ? 92 : 366);
    default:
      return Infinity;
  }
}

/** Points no rule caps: every level's entry reward once, and what spins can win beyond their cost over `dates`. */
export function uncappedBound(program: Program, dates: number): number {
  let total = 0;
  for (const level of program.tiers?.levels ?? []) total += level.entryReward?.points ?? 0;
  for (const reward of program.rewards?.catalog ?? []) {
    if (reward.kind !== 'spin') continue;
    const top = Math.max(0, ...(reward.outcomes ?? []).map((o) => o.points ?? 0));
    if (top <= reward.cost) continue;
    const limit = reward.limit;
    if (limit === undefined) return Infinity;
    const periods = limit.per === 'lifetime' ? 1 : limit.per === 'day' ? dates : limit.per === 'month' ? monthsTouched(dates) : Math.ceil(dates / 365) + 1;
    total += (top - reward.cost) * limit.count * periods;
  }
  return total;
}
