// Europe/London wall-clock arithmetic for the baselines, cached so that no
// time-zone lookup happens per event: the UTC offset is looked up once per UTC
// hour (UK clocks change on the hour), calendar days are integers (days since
// 1970-01-01 on the London calendar), and "the same wall-clock time N days
// later" is plain arithmetic except on the two clock-change days a year, where
// it defers to @date-fns/tz exactly as the engine does (src/time/calendar.ts).
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays } from 'date-fns';

const ZONE = 'Europe/London';
const HOUR = 3_600_000;
const DAY = 86_400_000;

const offsetByHour = new Map();
/** The zone's UTC offset at `ms`, in milliseconds. */
export function offsetAt(ms) {
  const h = Math.floor(ms / HOUR);
  let off = offsetByHour.get(h);
  if (off === undefined) offsetByHour.set(h, (off = tzOffset(ZONE, new Date(h * HOUR)) * 60_000));
  return off;
}

/** The London calendar day of an instant, as days since 1970-01-01. */
export const dayOf = (ms) => Math.floor((ms + offsetAt(ms)) / DAY);

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export const weekdayOf = (day) => ((((day + 3) % 7) + 7) % 7) + 1;

const stableOffset = new Map();
/** The offset in force all through London day `day`, or null on a clock-change day. */
function offsetOfDay(day) {
  let off = stableOffset.get(day);
  if (off === undefined) {
    const a = offsetAt(day * DAY - 2 * HOUR);
    const b = offsetAt((day + 1) * DAY + 2 * HOUR);
    stableOffset.set(day, (off = a === b ? a : null));
  }
  return off;
}

/** The same London wall-clock time `n` days later (engine: addDaysInZone). */
export function addDaysLondon(ms, n) {
  const wall = ms + offsetAt(ms) + n * DAY;
  const off = offsetOfDay(Math.floor(wall / DAY));
  if (off !== null && offsetOfDay(dayOf(ms)) !== null) return wall - off;
  return addDays(new TZDate(ms, ZONE), n).getTime();
}

/** Civil date of a day number (Hinnant's algorithm), as [year, month 1-12, day]. */
export function civil(dayNum) {
  const z = dayNum + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Day number of a civil date. */
export function dayNumber(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const monthLength = (y, m) => (m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]);

const windowStart = new Map();
/**
 * The first day of a rolling window of `months` months ending on `day`: the day
 * after `day` minus `months` months, month ends clamped (31 Aug − 6 months = 28/29 Feb).
 */
export function rollingFrom(day, months) {
  const key = day * 100 + months;
  let from = windowStart.get(key);
  if (from === undefined) {
    const [y, m, d] = civil(day);
    let mm = m - months;
    let yy = y;
    while (mm < 1) { mm += 12; yy -= 1; }
    windowStart.set(key, (from = dayNumber(yy, mm, Math.min(d, monthLength(yy, mm))) + 1));
  }
  return from;
}
