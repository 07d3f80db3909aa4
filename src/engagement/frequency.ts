import type { Frequency } from '../program/engagement-schema.js';
import { addDaysToDate, startOfWeekDate } from '../time/dates.js';

/** One earning of an activity rule: [local date, distinct value or ""]. */
export type ActivityMark = readonly [string, string];

/** The first local date the frequency's window on `day` covers; `undefined`: every earning counts (lifetime). */
export function windowStart(frequency: Frequency, day: string): string | undefined {
  if (frequency.rollingDays !== undefined) return addDaysToDate(day, -(frequency.rollingDays - 1));
  switch (frequency.per) {
    case 'day':
      return day;
    case 'week':
      return startOfWeekDate(day);
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'year':
      return `${day.slice(0, 4)}-01-01`;
    case 'lifetime':
    case undefined:
      return undefined;
  }
}

/** The last local date of the calendar period containing `day` (`undefined`: no end). */
function periodEnd(frequency: Frequency, day: string): string | undefined {
  switch (frequency.per) {
    case 'day':
      return day;
    case 'week':
      return addDaysToDate(startOfWeekDate(day), 6);
    case 'month':
      return `${day.slice(0, 7)}-31`;
    case 'year':
      return `${day.slice(0, 4)}-12-31`;
    case 'lifetime':
    case undefined:
      return undefined;
  }
}

/**
 * How many times the rule has paid in the window of `day` (for `key` when the
 * limit is per distinct value). A calendar period counts every earning in it,
 * also those dated after `day` (an event that arrives late). For `rollingDays`:
 * the most in any window of that many days that contains `day`, so a late
 * event cannot put one window over the limit.
 */
export function usedIn(marks: readonly ActivityMark[], frequency: Frequency, day: string, key: string): number {
  const mine = marks.filter(([, k]) => k === key).map(([d]) => d);
  const n = frequency.rollingDays;
  if (n === undefined) {
    const start = windowStart(frequency, day);
    const end = periodEnd(frequency, day);
    return mine.filter((d) => (start === undefined || d >= start) && (end === undefined || d <= end)).length;
  }
  // windows [s, s + n - 1] with s from day - n + 1 to day: only the dates within n - 1 days of `day` matter
  const lo = addDaysToDate(day, -(n - 1));
  const hi = addDaysToDate(day, n - 1);
  const near = mine.filter((d) => d >= lo && d <= hi).sort();
  let most = 0;
  for (const first of [lo, ...near.filter((d) => d <= day)]) {
    const last = addDaysToDate(first, n - 1);
    if (last < day) continue;
    most = Math.max(most, near.filter((d) => d >= first && d <= last).length);
  }
  return most;
}

/** The marks a limit can still count on `day` or later: the state keeps only those. */
export function keepMarks(marks: readonly ActivityMark[], frequency: Frequency, day: string): ActivityMark[] {
  const start = windowStart(frequency, day);
  return start === undefined ? [...marks] : marks.filter(([d]) => d >= start);
}
