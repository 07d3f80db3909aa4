import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addQuarters, addYears, startOfMonth, startOfQuarter, startOfYear } from 'date-fns';

/** A calendar period on the program's wall clock. */
export type CalendarPeriod = 'month' | 'quarter' | 'year';

/**
 * Adds calendar days in a time zone: the same wall-clock time N days later,
 * whatever daylight-saving change lies between.
 */
export function addDaysInZone(epochMs: number, days: number, timeZone: string): number {
  return addDays(new TZDate(epochMs, timeZone), days).getTime();
}

/** Adds calendar months or years in a time zone (month ends clamp: 31 January + 1 month = 29 February). */
export function addMonthsInZone(epochMs: number, months: number, timeZone: string): number {
  return addMonths(new TZDate(epochMs, timeZone), months).getTime();
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
export function endOfPeriod(epochMs: number, period: CalendarPeriod, periodsAfter: number, timeZone: string): number {
  const d = new TZDate(epochMs, timeZone);
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
