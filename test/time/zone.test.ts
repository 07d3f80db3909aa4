// The engine's calendar shortcuts must give what date-fns / @date-fns/tz give: a program's Zone remembers
// offsets by UTC day, day arithmetic on dates uses Date.UTC, and tier window spans are remembered by date.
import { tzOffset } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Zone } from '../../src/time/zone.js';
import { addDaysSlowly, addDaysToDate, daysBetween, daysBetweenSlowly } from '../../src/time/dates.js';
import { windowSpans, type SpanMemo } from '../../src/tiers/window.js';
import type { TierWindow } from '../../src/program/tiers-schema.js';
import { runs } from '../support/runs.js';

const ZONES = [
  'UTC', 'Europe/London', 'Europe/Warsaw', 'America/New_York', 'America/Sao_Paulo', 'America/St_Johns', 'Asia/Tehran',
  'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Gaza', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Pacific/Apia', 'Pacific/Chatham', 'Africa/Casablanca',
] as const;
const DAY = 86_400_000;

describe('Zone', () => {
  // one Zone per name for the whole test, as a program keeps one: later runs read remembered days
  const zones = new Map(ZONES.map((name) => [name, new Zone(name)]));
  const zone = (name: (typeof ZONES)[number]): Zone => zones.get(name) as Zone;

  it('gives the offset tzOffset gives, for any instant from 1900 to 9000', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(9000, 11, 31) }), fc.constantFrom(...ZONES), (ms, name) => {
        expect(zone(name).offset(ms)).toBe(tzOffset(name, new Date(ms)));
      }),
      { numRuns: runs(3000) },
    );
  });

  it('gives the offset tzOffset gives minute by minute on the days of clock changes (and asked twice)', () => {
    // 2024 changes: London 31 Mar / 27 Oct, New York 10 Mar / 3 Nov, Auckland 7 Apr / 29 Sep, Lord Howe 7 Apr / 6 Oct,
    // Samoa's skipped day (30 Dec 2011), Casablanca's Ramadan suspensions (2024: 10 Mar – 14 Apr)
    const days = [
      ['Europe/London', '2024-03-31'], ['Europe/London', '2024-10-27'], ['America/New_York', '2024-03-10'], ['America/New_York', '2024-11-03'],
      ['Pacific/Auckland', '2024-04-06'], ['Pacific/Auckland', '2024-09-28'], ['Australia/Lord_Howe', '2024-04-06'], ['Australia/Lord_Howe', '2024-10-05'],
      ['Pacific/Apia', '2011-12-29'], ['Pacific/Apia', '2011-12-30'], ['Africa/Casablanca', '2024-03-10'], ['Africa/Casablanca', '2024-04-14'],
    ] as const;
    for (const [name, date] of days) {
      const start = Date.parse(`${date}T00:00:00Z`) - DAY;
      for (let pass = 0; pass < 2; pass++) {
        for (let ms = start; ms < start + 3 * DAY; ms += 60_000) {
          if (zone(name).offset(ms) !== tzOffset(name, new Date(ms))) expect.fail(`${name} at ${new Date(ms).toISOString()}: ${zone(name).offset(ms)} ≠ ${tzOffset(name, new Date(ms))}`);
        }
      }
    }
  });
});

describe('calendar dates', () => {
  const date = fc.integer({ min: Date.UTC(100, 0, 1) / DAY, max: Date.UTC(9999, 11, 31) / DAY - 50_000 }).map((d) => new Date(d * DAY).toISOString().slice(0, 10));

  it('addDaysToDate equals date-fns for any date and day count', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => {
        fc.pre(Number(addDaysSlowly(d, n).slice(0, 4)) >= 100);
        expect(addDaysToDate(d, n)).toBe(addDaysSlowly(d, n));
      }),
      { numRuns: runs(3000) },
    );
  });

  it('daysBetween equals date-fns for any two dates', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(daysBetween(a, b)).toBe(daysBetweenSlowly(a, b));
      }),
      { numRuns: runs(3000) },
    );
  });

  it('by hand: leap days, month and year ends', () => {
    expect(addDaysToDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDate('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDaysToDate('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDaysToDate('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });
});

describe('windowSpans with a memo', () => {
  const windows: TierWindow[] = [
    { kind: 'rolling', months: 6 },
    { kind: 'rolling', days: 30 },
    { kind: 'calendar', period: 'quarter', includePrevious: true },
    { kind: 'calendar', period: 'year', includePrevious: false },
    { kind: 'anniversary', includePrevious: true },
    { kind: 'lifetime' },
  ] as TierWindow[];
  const date = fc.integer({ min: Date.UTC(2000, 0, 1) / DAY, max: Date.UTC(2040, 0, 1) / DAY }).map((d) => new Date(d * DAY).toISOString().slice(0, 10));

  it('gives the spans computed afresh, for any window, date and enrolment, asked again or not', () => {
    const memos = windows.map((): SpanMemo => new Map());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: windows.length - 1 }), date, date, (w, d, enrolled) => {
        const window = windows[w] as TierWindow;
        const memo = memos[w] as SpanMemo;
        const fresh = windowSpans(window, d, enrolled);
        expect(windowSpans(window, d, enrolled, memo)).toEqual(fresh);
        expect(windowSpans(window, d, enrolled, memo)).toEqual(fresh);
      }),
      { numRuns: runs(2000) },
    );
  });

  it('hands out remembered spans frozen, so no caller can change them for another member', () => {
    const memo: SpanMemo = new Map();
    const spans = windowSpans({ kind: 'rolling', months: 6 } as TierWindow, '2024-08-31', '2020-01-01', memo);
    expect(spans).toEqual([{ from: '2024-03-01', to: '2024-08-31' }]);
    expect(Object.isFrozen(spans)).toBe(true);
    expect(Object.isFrozen(spans?.[0])).toBe(true);
    expect(memo.size).toBe(1);
  });
});
