import { TZDate } from '@date-fns/tz';
import { offsetAt, zoneName, type TimeZone } from './zone.js';
import { UTCDate } from '@date-fns/utc';
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addQuarters } from 'date-fns/addQuarters';
import { addYears } from 'date-fns/addYears';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfYear } from 'date-fns/startOfYear';
import type { CalendarPeriod } from './calendar.js';
import { localTime } from './local-time.js';

/**
 * Calendar dates (`YYYY-MM-DD`) on a program's calendar. Arithmetic on a date
 * does not depend on any time zone, so it is done on the UTC calendar
 * (`UTCDate`: no time-zone lookups); only
 * turning a date into an instant needs the program's zone.
 */
export type LocalDate = string;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function toDate(date: LocalDate): UTCDate {
  return new UTCDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromDate(d: Date): LocalDate {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `addDaysToDate('2024-02-28', 1)` → `'2024-02-29'`. */
export function addDaysToDate(date: LocalDate, days: number): LocalDate {
  // Day arithmetic on the UTC calendar is the platform's own (UTC days are all 24 hours): 150 ns
  // instead of date-fns on a UTCDate's 570 ns, and tiers do it several times a step. Years before 100
  // go to date-fns. A property test checks the two agree.
  const midnight = utcMidnight(date);
  if (midnight === undefined) return addDaysSlowly(date, days);
  const d = new Date(midnight + days * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `addDaysToDate` by date-fns alone (years before 100, and the reference its fast path is tested against). */
export function addDaysSlowly(date: LocalDate, days: number): LocalDate {
  return fromDate(addDays(toDate(date), days));
}

/** Month arithmetic clamps at month ends: `addMonthsToDate('2024-08-31', -6)` → `'2024-02-29'`. */
export function addMonthsToDate(date: LocalDate, months: number): LocalDate {
  return fromDate(addMonths(toDate(date), months));
}

/** Year arithmetic clamps 29 February to the 28th in common years. */
export function addYearsToDate(date: LocalDate, years: number): LocalDate {
  return fromDate(addYears(toDate(date), years));
}

/** The first day of the month, quarter or year containing `date`. */
export function startOfPeriodDate(date: LocalDate, period: CalendarPeriod): LocalDate {
  const d = toDate(date);
  return fromDate(period === 'month' ? startOfMonth(d) : period === 'quarter' ? startOfQuarter(d) : startOfYear(d));
}

/** The Monday starting the (ISO) week containing `date`. */
export function startOfWeekDate(date: LocalDate): LocalDate {
  return fromDate(startOfISOWeek(toDate(date)));
}

/** `date` moved by whole periods. */
export function addPeriodsToDate(date: LocalDate, period: CalendarPeriod, n: number): LocalDate {
  const d = toDate(date);
  return fromDate(period === 'month' ? addMonths(d, n) : period === 'quarter' ? addQuarters(d, n) : addYears(d, n));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  // as `addDaysToDate`: UTC midnights are whole days apart (a property test compares with date-fns)
  const a = utcMidnight(from);
  const b = utcMidnight(to);
  if (a === undefined || b === undefined) return daysBetweenSlowly(from, to);
  return Math.round((b - a) / DAY_MS);
}

/** `daysBetween` by date-fns alone. */
export function daysBetweenSlowly(from: LocalDate, to: LocalDate): number {
  return differenceInCalendarDays(toDate(to), toDate(from));
}

/** The date's midnight on the UTC calendar; `undefined` before the year 100 (which `Date.UTC` reads as 19xx). */
function utcMidnight(date: LocalDate): number | undefined {
  const y = Number(date.slice(0, 4));
  return y < 100 ? undefined : Date.UTC(y, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** The instant a calendar date begins in a time zone (after a DST gap at midnight: the first existing instant). */
export function startOfDateIn(date: LocalDate, timeZone: TimeZone): number {
  const y = Number(date.slice(0, 4));
  const midnight = Date.UTC(y, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  // Fast path: with the same offset a day and more either side (no clock change near), local midnight
  // is UTC midnight less the offset; 2 offset lookups instead of TZDate's many (tiers compute this on
  // every event). Near a change, or before 1980 (offsets in seconds), date-fns decides.
  if (y >= 1980) {
    const before = offsetAt(timeZone, midnight - 30 * HOUR_MS);
    if (before === offsetAt(timeZone, midnight + 30 * HOUR_MS)) return midnight - before * 60_000;
  }
  return startOfDateSlow(date, timeZone);
}

/** `startOfDateIn` by date-fns alone (also the reference its fast path is tested against). */
export function startOfDateSlow(date: LocalDate, timeZone: TimeZone): number {
  return new TZDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), zoneName(timeZone)).getTime();
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The calendar date of an instant in a time zone. */
export function dateIn(epochMs: number, timeZone: TimeZone): LocalDate {
  return localTime(epochMs, timeZone).date;
}

/**
 * The latest anniversary of `origin` on or before `date` (`origin` itself if
 * `date` is in the first year). A 29 February origin has its anniversary on
 * 28 February in common years.
 */
export function lastAnniversary(origin: LocalDate, date: LocalDate): LocalDate {
  if (date <= origin) return origin;
  let years = Number(date.slice(0, 4)) - Number(origin.slice(0, 4));
  let candidate = addYearsToDate(origin, years);
  while (candidate > date) candidate = addYearsToDate(origin, --years);
  return candidate;
}
