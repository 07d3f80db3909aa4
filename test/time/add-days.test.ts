// addDaysInZone has a fast path (24-hour days corrected by the offset change) and falls back to date-fns
// near clock changes. Both must give the same instant as date-fns alone, everywhere the engine computes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysInZone, addDaysSlow } from '../../src/time/calendar.js';
import { startOfDateIn, startOfDateSlow } from '../../src/time/dates.js';
import { runs } from '../support/runs.js';

const ZONES = [
  'UTC', 'Europe/London', 'Europe/Warsaw', 'America/New_York', 'America/Sao_Paulo', 'America/St_Johns', 'Asia/Tehran',
  'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Pacific/Apia', 'Pacific/Chatham', 'Africa/Casablanca',
] as const;
const MIN = Date.UTC(1900, 0, 1);
const MAX = Date.UTC(9000, 11, 31);

describe('addDaysInZone', () => {
  it('equals date-fns calendar arithmetic for any instant, zone and day count', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), fc.constantFrom(...ZONES), fc.integer({ min: -4000, max: 4000 }), (ms, zone, days) => {
        expect(addDaysInZone(ms, days, zone)).toBe(addDaysSlow(ms, days, zone));
      }),
      { numRuns: runs(3000) },
    );
  });

  it('equals date-fns next to clock changes (2024, minutes around each change in London, New York, Auckland and Lord Howe)', () => {
    // around the 2024 changes: London 31 Mar / 27 Oct 01:00Z; New York 10 Mar 07:00Z / 3 Nov 06:00Z;
    // Auckland 7 Apr 14:00Z / 28 Sep 14:00Z; Lord Howe (30-minute change) 6 Apr 15:00Z / 5 Oct 15:30Z
    const changes = [
      ['Europe/London', Date.UTC(2024, 2, 31, 1)], ['Europe/London', Date.UTC(2024, 9, 27, 1)],
      ['America/New_York', Date.UTC(2024, 2, 10, 7)], ['America/New_York', Date.UTC(2024, 10, 3, 6)],
      ['Pacific/Auckland', Date.UTC(2024, 3, 6, 14)], ['Pacific/Auckland', Date.UTC(2024, 8, 28, 14)],
      ['Australia/Lord_Howe', Date.UTC(2024, 3, 6, 15)], ['Australia/Lord_Howe', Date.UTC(2024, 9, 5, 15, 30)],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...changes), fc.integer({ min: -3 * 1440, max: 3 * 1440 }), fc.integer({ min: -3, max: 3 }), ([zone, at], minutes, days) => {
        const ms = at + minutes * 60_000;
        // the result lands near the change, and so does the start
        expect(addDaysInZone(ms, days, zone)).toBe(addDaysSlow(ms, days, zone));
        expect(addDaysInZone(ms - days * 86_400_000, days, zone)).toBe(addDaysSlow(ms - days * 86_400_000, days, zone));
      }),
      { numRuns: runs(3000) },
    );
  });
});

describe('startOfDateIn', () => {
  it('equals date-fns for any date and zone, clock-change days included', () => {
    const day = fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(9000, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    // and the days around the 2024 changes in the zones above
    const near = fc.tuple(fc.constantFrom('2024-03-09', '2024-03-10', '2024-03-31', '2024-04-06', '2024-04-07', '2024-09-28', '2024-09-29', '2024-10-05', '2024-10-27', '2024-11-03'), fc.integer({ min: -1, max: 1 }))
      .map(([d, k]) => new Date(Date.parse(d) + k * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.oneof(day, near), fc.constantFrom(...ZONES), (date, zone) => {
        expect(startOfDateIn(date, zone)).toBe(startOfDateSlow(date, zone));
      }),
      { numRuns: runs(3000) },
    );
  });
});
