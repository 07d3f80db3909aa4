import type { Caps } from '../program/schema.js';
import { startOfWeekDate } from '../time/dates.js';

/** The scope of program-wide caps in counters. */
export const PROGRAM_SCOPE = '*';

interface CapKeys {
  readonly day: string;
  readonly week: string;
  readonly month: string;
  readonly year: string;
  readonly life: string;
}

/** Counter keys for a scope (`*` or a rule id) on a local day `YYYY-MM-DD`; weeks are keyed by their Monday. */
export function capKeys(scope: string, day: string): CapKeys {
  return {
    day: `day:${day}:${scope}`,
    week: `week:${startOfWeekDate(day)}:${scope}`,
    month: `month:${day.slice(0, 7)}:${scope}`,
    year: `year:${day.slice(0, 4)}:${scope}`,
    life: `life:${scope}`,
  };
}

/** How many more points a scope may earn now: the tightest of its caps. */
export function room(
  caps: Caps | undefined,
  counters: Readonly<Record<string, number>>,
  scope: string,
  day: string,
  thisEvent: number,
): number {
  if (caps === undefined) return Infinity;
  const keys = capKeys(scope, day);
  let left = Infinity;
  if (caps.perEvent !== undefined) left = Math.min(left, caps.perEvent - thisEvent);
  if (caps.perDay !== undefined) left = Math.min(left, caps.perDay - (counters[keys.day] ?? 0));
  if (caps.perWeek !== undefined) left = Math.min(left, caps.perWeek - (counters[keys.week] ?? 0));
  if (caps.perMonth !== undefined) left = Math.min(left, caps.perMonth - (counters[keys.month] ?? 0));
  if (caps.perYear !== undefined) left = Math.min(left, caps.perYear - (counters[keys.year] ?? 0));
  if (caps.lifetime !== undefined) left = Math.min(left, caps.lifetime - (counters[keys.life] ?? 0));
  return Math.max(0, left);
}

/** Adds points to the counters a scope's caps read, dropping counters of other days, weeks, months and years. */
export function count(counters: Record<string, number>, caps: Caps, scope: string, day: string, points: number): void {
  const keys = capKeys(scope, day);
  // periods before this event's are dropped; later ones stay (an event that arrives late must not wipe
  // today's counters)
  const current: Readonly<Record<string, string>> = { day, week: keys.week.slice(5, 15), month: day.slice(0, 7), year: day.slice(0, 4) };
  for (const key of Object.keys(counters)) {
    const colon = key.indexOf(':');
    const from = current[key.slice(0, colon)];
    if (from !== undefined && key.slice(colon + 1, colon + 1 + from.length) < from) delete counters[key];
  }
  const used = [
    caps.perDay === undefined ? undefined : keys.day,
    caps.perWeek === undefined ? undefined : keys.week,
    caps.perMonth === undefined ? undefined : keys.month,
    caps.perYear === undefined ? undefined : keys.year,
    caps.lifetime === undefined ? undefined : keys.life,
  ];
  for (const key of used) if (key !== undefined) counters[key] = (counters[key] ?? 0) + points;
}

/** Removes clawed-back points from the counters of the day they were earned (those still kept). */
export function uncount(counters: Record<string, number>, scope: string, day: string, points: number): void {
  for (const key of Object.values(capKeys(scope, day))) {
    const v = counters[key];
    if (v !== undefined) counters[key] = Math.max(0, v - points);
  }
}
