import { offsetAt, type TimeZone } from './zone.js';

/** The time of an event as seen on the program's wall clock. Available to conditions as the `time` fact. */
export interface LocalTime {
  /** The calendar year. */
  readonly year: number;
  /** 1 = January … 12 = December. */
  readonly month: number;
  /** Day of the month, 1 … 31. */
  readonly day: number;
  /** 0 … 23 */
  readonly hour: number;
  /** 0 … 59 */
  readonly minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** `YYYY-MM-DD` on the program's calendar. */
  readonly date: string;
  /** `HH:MM` on the program's wall clock; compare with `equal`/`in`, or use `hour`/`minute` for ranges. */
  readonly clock: string;
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Reads an instant on the wall clock of an IANA time zone.
 *
 * @example
 * localTime(Date.parse('2024-01-31T23:30:00-05:00'), 'America/New_York').date // '2024-01-31'
 */
export function localTime(epochMs: number, timeZone: TimeZone): LocalTime {
  // one offset lookup; the wall clock is then read off the UTC fields of the instant shifted by it
  // (a plain Date's getUTC… getters: UTCDate's construction was 4% of a step in the benchmark's profile)
  const d = new Date(epochMs + offsetAt(timeZone, epochMs) * 60_000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  return {
    year,
    month,
    day,
    hour,
    minute,
    weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(), // ISO: Sunday is 7
    date: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`,
    clock: `${pad(hour)}:${pad(minute)}`,
  };
}
