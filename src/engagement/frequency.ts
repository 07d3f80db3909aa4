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

/** How many times the rule has paid in the window on `day` (for `key` when the limit is per distinct value). */
export function usedIn(marks: readonly ActivityMark[], frequency: Frequency, day: string, key: string): number {
  const start = windowStart(frequency, day);
  let n = 0;
  for (const [d, k] of marks) if ((start === undefined || d >= start) && d <= day && k === key) n++;
  return n;
}

/** The marks still inside the window on `day` or later: the state keeps only what a limit can still count. */
export function keepMarks(marks: readonly ActivityMark[], frequency: Frequency, day: string): ActivityMark[] {
  const start = windowStart(frequency, day);
  return start === undefined ? [...marks] : marks.filter(([d]) => d >= start);
}
