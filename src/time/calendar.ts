import { TZDate } from '@date-fns/tz';
import { offsetAt, zoneName, type TimeZone } from './zone.js';
// one module per function: the `date-fns` index loads all ~250 of them (about 80 ms of import time)
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addQuarters } from 'date-fns/addQuarters';
import { addYears } from 'date-fns/addYears';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfYear } from 'date-fns/startOfYear';

/** A calendar period on the program's wall clock. */
export type CalendarPeriod = 'month' | 'quarter' | 'year';

/**
 * Adds calendar days in a time zone: the same wall-clock time N days later,
 * whatever daylight-saving change lies between.
 */
export function addDaysInZone(epochMs: number, days: number, timeZone: TimeZone): number {
  // Fast path: N × 24 hours, moved by the change of UTC offset between the two instants. It is exact
  // when the offset is the same for a day either side of the result (no clock change near it, so the
  // wall-clock time exists once). Otherwise date-fns does the calendar arithmetic. The fast path takes
  // 3 offset lookups instead of about a dozen (see bench/results.md); a test compares the two paths.
  const target = epochMs + days * DAY_MS;
  // before 1980 some zones had offsets in seconds (Kolkata's +5:21:10, Monrovia's −0:44:30), which
  // tzOffset rounds to minutes: there, date-fns alone
  if (epochMs < SINCE_1980 || target < SINCE_1980) return addDaysSlow(epochMs, days, timeZone);
  const before = offsetAt(timeZone, target - DAY_MS - 2 * HOUR_MS);
  const after = offsetAt(timeZone, target + DAY_MS + 2 * HOUR_MS);
  if (before === after) return target - (after - offsetAt(timeZone, epochMs)) * 60_000;
  return addDaysSlow(epochMs, days, timeZone);
}

/** `addDaysInZone` by date-fns alone (also the reference its fast path is tested against). */
export function addDaysSlow(epochMs: number, days: number, timeZone: TimeZone): number {
  return addDays(new TZDate(epochMs, zoneName(timeZone)), days).getTime();
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SINCE_1980 = Date.UTC(1980, 0, 1);

/** Adds calendar months or years in a time zone (month ends clamp: 31 January + 1 month = 29 February). */
export function addMonthsInZone(epochMs: number, months: number, timeZone: TimeZone): number {
  return addMonths(new TZDate(epochMs, zoneName(timeZone)), months).getTime();
}

/**
 * The first instant after the period that contains `epochMs`, `periodsAfter`
 * periods later: the moment points earned at `epochMs` expire under an
 * end-of-period policy.
 *
 * @example
 * // earned 31 Jan 23:30 in New York; end of that month is 1 Feb 00:00 New York time
 * endOfPeriod(Date.parse('2024-01-31T23:30:00-05:00'), 'month', 0, 'America/New_York')
 * // → Date.parse('2024-02-01T05:00:00Z')
 */
export function endOfPeriod(epochMs: number, period: CalendarPeriod, periodsAfter: number, timeZone: TimeZone): number {
  const d = new TZDate(epochMs, zoneName(timeZone));
  switch (period) {
    case 'month':
      return addMonths(startOfMonth(d), 1 + periodsAfter).getTime();
    case 'quarter':
      return addQuarters(startOfQuarter(d), 1 + periodsAfter).getTime();
    case 'year':
      return addYears(startOfYear(d), 1 + periodsAfter).getTime();
  }
}

/** Normalises an instant to the UTC ISO form stored in state (`2024-01-31T05:00:00.000Z`); these sort as strings. */
export function isoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
