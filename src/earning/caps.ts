import type { Caps } from '../program/schema.js';

/** The scope of program-wide caps in counters. */
export const PROGRAM_SCOPE = '*';

/** Counter keys for a scope (`*` or a rule id) on a local day `YYYY-MM-DD`. */
export function capKeys(scope: string, day: string): { day: string; month: string } {
  return { day: `day:${day}:${scope}`, month: `month:${day.slice(0, 7)}:${scope}` };
}

/** How many more points a scope may earn now: the tightest of its per-event, per-day and per-month caps. */
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
  if (caps.perMonth !== undefined) left = Math.min(left, caps.perMonth - (counters[keys.month] ?? 0));
  return Math.max(0, left);
}

/** Adds points to a scope's counters for the day and month, dropping counters of other days and months. */
export function count(counters: Record<string, number>, scope: string, day: string, points: number): void {
  const keys = capKeys(scope, day);
  const month = day.slice(0, 7);
  for (const key of Object.keys(counters)) {
    const stale = key.startsWith('day:') ? !key.startsWith(`day:${day}:`) : !key.startsWith(`month:${month}:`);
    if (stale) delete counters[key];
  }
  counters[keys.day] = (counters[keys.day] ?? 0) + points;
  counters[keys.month] = (counters[keys.month] ?? 0) + points;
}

/** Removes clawed-back points from the counters of the day they were earned (if still kept). */
export function uncount(counters: Record<string, number>, scope: string, day: string, points: number): void {
  const keys = capKeys(scope, day);
  for (const key of [keys.day, keys.month]) {
    const v = counters[key];
    if (v !== undefined) counters[key] = Math.max(0, v - points);
  }
}
