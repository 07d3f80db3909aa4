import { Dec } from '../money/decimal.js';
import type { TierWindow } from '../program/tiers-schema.js';
import {
  addDaysToDate,
  addMonthsToDate,
  addPeriodsToDate,
  addYearsToDate,
  lastAnniversary,
  startOfPeriodDate,
  type LocalDate,
} from '../time/dates.js';
import type { DayBucket, LifetimeMetrics } from './state.js';

/** A span of calendar days, both ends inclusive. */
export interface DaySpan {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** Window metrics as criteria read them. */
export interface WindowMetrics {
  readonly spend: Dec;
  readonly orders: number;
  readonly visits: number;
  readonly points: number;
}

/**
 * Window spans by date, remembered for one program (`CompiledProgram.spans`):
 * a rolling or calendar window covers the same days on a date for every
 * member, and tiers ask several times a step. The spans are frozen.
 */
export type SpanMemo = Map<LocalDate, readonly DaySpan[]>;

/**
 * The spans the window covers on `date`: one, or two when the previous
 * period also counts (`includePrevious`); `undefined` for a lifetime window.
 * With `memo`, spans of windows that do not depend on the member are remembered.
 *
 * @example
 * windowSpans({ kind: 'rolling', months: 6 }, '2024-08-31', '2020-01-01')
 * // → [{ from: '2024-03-01', to: '2024-08-31' }]: the days after 29 February
 */
export function windowSpans(window: TierWindow, date: LocalDate, enrolled: LocalDate, memo?: SpanMemo): readonly DaySpan[] | undefined {
  if (memo === undefined || window.kind === 'anniversary' || window.kind === 'lifetime') return spansOn(window, date, enrolled);
  let spans = memo.get(date);
  if (spans === undefined) {
    spans = Object.freeze((spansOn(window, date, enrolled) ?? []).map((span) => Object.freeze(span)));
    memo.set(date, spans);
  }
  return spans;
}

function spansOn(window: TierWindow, date: LocalDate, enrolled: LocalDate): DaySpan[] | undefined {
  switch (window.kind) {
    case 'rolling': {
      const from = window.days !== undefined ? addDaysToDate(date, 1 - window.days) : addDaysToDate(addMonthsToDate(date, -(window.months ?? 0)), 1);
      return [{ from, to: date }];
    }
    case 'calendar': {
      const start = startOfPeriodDate(date, window.period);
      const spans = [{ from: start, to: date }];
      if (window.includePrevious) spans.push({ from: addPeriodsToDate(start, window.period, -1), to: addDaysToDate(start, -1) });
      return spans;
    }
    case 'anniversary': {
      const start = lastAnniversary(enrolled, date);
      const spans = [{ from: start, to: date }];
      if (window.includePrevious && start > enrolled) spans.push({ from: lastAnniversary(enrolled, addDaysToDate(start, -1)), to: addDaysToDate(start, -1) });
      return spans;
    }
    case 'lifetime':
      return undefined;
  }
}

/** The earliest day any window on `date` or later can cover: older buckets can be dropped. */
export function keepFrom(window: TierWindow, date: LocalDate, enrolled: LocalDate, memo?: SpanMemo): LocalDate | undefined {
  const spans = windowSpans(window, date, enrolled, memo);
  if (spans === undefined) return undefined;
  return spans.reduce((min, s) => (s.from < min ? s.from : min), date);
}

/** Sums the day buckets inside a span. */
export function metricsOver(days: readonly DayBucket[], span: DaySpan): WindowMetrics {
  // Spend is summed exactly as two integers held in doubles: whole units and units of 10^-12 (amounts
  // have at most 12 decimals, and a day's spend is their sum and difference), each kept below 2^53,
  // else decimal.js sums the span. One decimal.js number per call instead of one per day: tiers qualify
  // on every event, over up to a window's worth of days. (Integer units of 10^-12 as BigInts, the
  // previous way, cost a quarter of a tick on a member with six months of daily orders.)
  let whole = 0;
  let pico = 0;
  let exact = true;
  let orders = 0;
  let visits = 0;
  let points = 0;
  for (const [d, s, o, p] of days) {
    if (d < span.from || d > span.to) continue;
    if (exact) {
      const negative = s.charCodeAt(0) === 45; // '-'
      const dot = s.indexOf('.');
      const int = s.slice(negative ? 1 : 0, dot < 0 ? s.length : dot);
      const frac = dot < 0 ? '' : s.slice(dot + 1);
      if (frac.length > SCALE || int.length > 15) {
        exact = false;
      } else {
        // a fraction of at most 12 digits times a power of ten below 10^12: an exact integer
        const w = Number(int);
        const f = frac === '' ? 0 : Number(frac) * (POWERS[SCALE - frac.length] as number);
        whole += negative ? -w : w;
        pico += negative ? -f : f;
        if (Math.abs(whole) > Number.MAX_SAFE_INTEGER || Math.abs(pico) > Number.MAX_SAFE_INTEGER) exact = false;
      }
    }
    orders += o;
    if (o > 0) visits += 1;
    points += p;
  }
  return { spend: exact ? fromParts(whole, pico) : decimalSpend(days, span), orders, visits, points };
}

const SCALE = 12;
const POWERS = Array.from({ length: SCALE + 1 }, (_, k) => 10 ** k);

function fromParts(whole: number, pico: number): Dec {
  if (pico === 0) return new Dec(whole);
  return new Dec(whole).plus(new Dec(pico).div(`1e${SCALE}`));
}

/** The plain decimal.js sum, for a state whose days carry more than 12 decimals (the engine never writes one). */
function decimalSpend(days: readonly DayBucket[], span: DaySpan): Dec {
  let spend = new Dec(0);
  for (const [d, s] of days) if (d >= span.from && d <= span.to) spend = spend.plus(s);
  return spend;
}

export function lifetimeMetrics(l: LifetimeMetrics): WindowMetrics {
  return { spend: new Dec(l.spend), orders: l.orders, visits: l.visits, points: l.points };
}

/**
 * The next date after `date` on which the window's contents change by time
 * alone (a day leaves a rolling window; a period or membership year turns);
 * `undefined` when nothing will change.
 */
export function nextWindowChange(window: TierWindow, days: readonly DayBucket[], date: LocalDate, enrolled: LocalDate, memo?: SpanMemo): LocalDate | undefined {
  switch (window.kind) {
    case 'rolling': {
      const spans = windowSpans(window, date, enrolled, memo);
      const from = spans?.[0]?.from ?? date;
      const first = days.find(([d]) => d >= from && d <= date);
      if (first === undefined) return undefined;
      return leavesRolling(window, first[0]);
    }
    case 'calendar':
      return addPeriodsToDate(startOfPeriodDate(date, window.period), window.period, 1);
    case 'anniversary':
      return nextAnniversary(enrolled, date);
    case 'lifetime':
      return undefined;
  }
}

/** The first date whose rolling window no longer contains `day`. */
export function leavesRolling(window: Extract<TierWindow, { kind: 'rolling' }>, day: LocalDate): LocalDate {
  if (window.days !== undefined) return addDaysToDate(day, window.days);
  const months = window.months ?? 0;
  let candidate = addMonthsToDate(day, months);
  // month ends clamp (31 Aug − 6 months = 29 Feb): step on until the window has moved past `day` (at most 3 days)
  for (let n = 0; n < 4 && addMonthsToDate(candidate, -months) < day; n++) candidate = addDaysToDate(candidate, 1);
  return candidate;
}

/** The first anniversary of `origin` strictly after `date`. */
export function nextAnniversary(origin: LocalDate, date: LocalDate): LocalDate {
  if (date < origin) return origin;
  const last = lastAnniversary(origin, date);
  const years = Number(last.slice(0, 4)) - Number(origin.slice(0, 4));
  return addYearsToDate(origin, years + 1);
}
