import { TZDate } from '@date-fns/tz';

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Checks an IANA time zone name.
 *
 * @example
 * isTimeZone('Europe/London') // true
 */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Epoch milliseconds of a CSV date-time: one with an offset (`2011-03-01T10:00:00Z`, `…+01:00`) as written;
 * a naive one (`2011-03-01 10:00[:00]`, or a bare date for midnight) on the wall clock of `zone`.
 * `null` when the text is neither.
 *
 * @example
 * toEpochMs('2011-06-01 09:30:00', 'Europe/London') // Date.parse('2011-06-01T08:30:00Z')
 */
export function toEpochMs(text: string, zone: string): number | null {
  // lines of one order share their time: converting a local time is the slow part, so remember recent ones
  const key = `${zone}\u0000${text}`;
  const cached = CACHE.get(key);
  if (cached !== undefined) return cached;
  const ms = convert(text, zone);
  if (CACHE.size >= 4096) CACHE.clear();
  CACHE.set(key, ms);
  return ms;
}

const CACHE = new Map<string, number | null>();

function convert(text: string, zone: string): number | null {
  if (WITH_OFFSET.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    return Number.isNaN(ms) ? null : ms;
  }
  const m = NAIVE.exec(text);
  if (m === null) return null;
  const num = (i: number): number => Number(m[i] ?? '0');
  const [y, mo, d, h, mi, s] = [num(1), num(2), num(3), num(4), num(5), num(6)];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const date = new TZDate(y, mo - 1, d, h, mi, s, ms, zone);
  // a day that does not exist in the month (2011-02-30) rolls over: refuse it
  if (date.getDate() !== d) return null;
  return date.getTime();
}

/**
 * An instant as ISO 8601 with the offset of `zone` (`2011-06-01T09:30:00.000+01:00`), as events carry it.
 *
 * @example
 * isoInZone(Date.parse('2011-06-01T08:30:00Z'), 'Europe/London') // '2011-06-01T09:30:00.000+01:00'
 */
export function isoInZone(ms: number, zone: string): string {
  return new TZDate(ms, zone).toISOString();
}
