import { tzOffset } from '@date-fns/tz';

const DAY_MS = 86_400_000;
const SINCE_1980 = Date.UTC(1980, 0, 1);

/**
 * A program's time zone, remembering its UTC offset by UTC day.
 *
 * Reading an offset from `Intl` (`tzOffset`) costs about a microsecond and a
 * step needs several (the event's wall clock, pending and expiry dates, the
 * tier window's days): 8–12% of a step in the benchmark's profile. Offsets
 * change a few times a year, so each UTC day is looked up once, at its two
 * ends: when they agree the whole day has that offset (no zone has kept an
 * offset for less than a day since 1980 — the assumption the fast paths of
 * `addDaysInZone` and `startOfDateIn` already make); a day with a clock change
 * is looked up at the instant asked.
 *
 * The memo is the only mutable thing a program holds, one entry per day seen
 * (about 400 for a year of history). It never changes a result: the same
 * instant always has the same offset.
 */
export class Zone {
  /** The IANA name, as in the program (`Europe/London`). */
  readonly name: string;
  /** Offset in minutes by UTC day number; `NaN` for a day with a clock change. */
  readonly #byDay = new Map<number, number>();

  constructor(name: string) {
    this.name = name;
  }

  /** Minutes east of UTC at an instant (as `tzOffset` of `@date-fns/tz`). */
  offset(epochMs: number): number {
    // before 1980 some zones had offsets in seconds; read each instant as asked
    if (epochMs < SINCE_1980) return tzOffset(this.name, new Date(epochMs));
    const day = Math.floor(epochMs / DAY_MS);
    let minutes = this.#byDay.get(day);
    if (minutes === undefined) {
      const start = tzOffset(this.name, new Date(day * DAY_MS));
      minutes = start === tzOffset(this.name, new Date((day + 1) * DAY_MS)) ? start : Number.NaN;
      this.#byDay.set(day, minutes);
    }
    return Number.isNaN(minutes) ? tzOffset(this.name, new Date(epochMs)) : minutes;
  }
}

/** A time zone by name, or a program's {@link Zone} (which remembers offsets). */
export type TimeZone = string | Zone;

/** Minutes east of UTC at an instant. */
export function offsetAt(zone: TimeZone, epochMs: number): number {
  return typeof zone === 'string' ? tzOffset(zone, new Date(epochMs)) : zone.offset(epochMs);
}

/** The IANA name of a zone. */
export function zoneName(zone: TimeZone): string {
  return typeof zone === 'string' ? zone : zone.name;
}
