/**
 * Time helpers for the generators and checks: instants written with an
 * offset, and calendar dates in a time zone read with the platform's own
 * time-zone data (`Intl`), independently of the engine's date code. Nothing
 * here reads the clock.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The instant `ms` written as ISO 8601 with the given offset in minutes
 * (`0` gives `…Z`). The same instant, however it is written.
 *
 * @example
 * isoAt(Date.UTC(2024, 2, 1, 9), 60) // '2024-03-01T10:00:00.000+01:00'
 */
export function isoAt(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMinutes * MINUTE_MS).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone.
 *
 * @example
 * localDate(Date.parse('2024-01-31T23:30:00-05:00'), 'America/New_York') // '2024-01-31'
 */
export function localDate(ms: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return `${parts.year ?? '0000'}-${parts.month ?? '00'}-${parts.day ?? '00'}`;
}

/** A calendar date moved by whole days (UTC calendar arithmetic, no zone involved). */
export function plusDays(date: string, days: number): string {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}
