import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { UTCDate } from '@date-fns/utc';
import { isoUtc } from '../time/calendar.js';
import { addDaysToDate, addMonthsToDate, dateIn, startOfDateIn, startOfWeekDate, type LocalDate } from '../time/dates.js';
import type { ReportPeriod } from './types.js';

/**
 * The report's calendar: which week (from Monday) or month an instant falls
 * in, on the program's wall clock. A period is named by its first local date
 * (`YYYY-MM-DD`), which sorts as a string.
 */
export class PeriodCalendar {
  readonly #period: ReportPeriod;
  readonly #timeZone: string;
  // the last period looked up: consecutive instants mostly fall in the same one
  #cached: { readonly from: number; readonly until: number; readonly start: LocalDate } | undefined;

  constructor(period: ReportPeriod, timeZone: string) {
    this.#period = period;
    this.#timeZone = timeZone;
  }

  /** The first local date of the period containing the instant. */
  startOf(epochMs: number): LocalDate {
    const c = this.#cached;
    if (c !== undefined && epochMs >= c.from && epochMs < c.until) return c.start;
    const date = dateIn(epochMs, this.#timeZone);
    const start = this.#period === 'month' ? `${date.slice(0, 8)}01` : startOfWeekDate(date);
    this.#cached = { from: startOfDateIn(start, this.#timeZone), until: startOfDateIn(this.next(start), this.#timeZone), start };
    return start;
  }

  /** The first local date of the following period. */
  next(start: LocalDate): LocalDate {
    return this.#period === 'month' ? addMonthsToDate(start, 1) : addDaysToDate(start, 7);
  }

  /** `2011-03`, or the ISO week `2011-W10`. */
  label(start: LocalDate): string {
    if (this.#period === 'month') return start.slice(0, 7);
    const d = new UTCDate(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10)));
    return `${String(getISOWeekYear(d)).padStart(4, '0')}-W${String(getISOWeek(d)).padStart(2, '0')}`;
  }

  /** The period's first instant, UTC ISO. */
  startInstant(start: LocalDate): string {
    return isoUtc(startOfDateIn(start, this.#timeZone));
  }
}
