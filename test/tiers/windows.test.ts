import { describe, expect, it } from 'vitest';
import {
  ledgerEntries,
  newMemberState,
  tierStatus,
  type MemberState,
  type Program,
  type ProgramInput,
} from '../../src/index.js';
import { adjustment, makeProgram, purchase, refund, tick } from '../helpers.js';
import { changes, feed } from './support.js';

// Every expected value below is worked out by hand from docs/tiers.md; the arithmetic is in the comments.
// Most programs use the UTC zone and grace 0 ("days: 0 drops at once"), so the level held is always the
// level qualified for, and a downgrade is dated exactly when the window stops covering the activity.

type TiersInput = NonNullable<ProgramInput['tiers']>;
type WindowInput = TiersInput['window'];
type LevelInput = TiersInput['levels'][number];

/** silver: spend ≥ 100; gold: spend ≥ 200. */
const ladder = (): LevelInput[] => [
  { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
  { id: 'gold', criteria: { metric: 'spend', atLeast: '200' } },
];

function tiered(
  window: WindowInput,
  options: { levels?: LevelInput[]; timezone?: string; points?: Partial<ProgramInput['points']> } = {},
): Program {
  return makeProgram({
    timezone: options.timezone ?? 'UTC',
    tiers: { window, levels: options.levels ?? ladder(), downgrade: { kind: 'grace', days: 0 } },
    ...(options.points === undefined ? {} : { points: options.points }),
  });
}


const fresh = (program: Program, enrolledAt?: string): MemberState =>
  newMemberState(program, 'm1', enrolledAt === undefined ? {} : { enrolledAt });


const up = (from: string | null, to: string | null, at: string) => ({ type: 'tier_upgraded', from, to, reason: 'qualified', at });
const down = (from: string | null, to: string | null, at: string) => ({ type: 'tier_downgraded', from, to, reason: 'grace_ended', at });

describe('rolling window in days', () => {
  const program = tiered({ kind: 'rolling', days: 90 });

  it('covers D−89 … D: a purchase on 10 January counts through 8 April and leaves at midnight on 9 April', () => {
    const r = feed(program, fresh(program), [purchase('2024-01-10T12:00:00Z', '150')]);
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-01-10T12:00:00.000Z')]);

    // 10 Jan + 89 days: 21 (to 31 Jan) + 29 (Feb 2024) + 31 (Mar) + 8 = 89 → 8 April is the last day covering it
    const lastDay = tierStatus(program, r.state, '2024-04-08T23:59:59Z');
    expect(lastDay.level).toBe('silver');
    // tenure: enrolled (first event) 10 Jan → 8 Apr = 89 whole days
    expect(lastDay.metrics).toEqual([{ from: '2024-01-10', to: '2024-04-08', spend: '150', orders: 1, visits: 1, points: 150, tenureDays: 89 }]);

    // 9 April: window 9 Apr − 89 = 11 Jan … 9 Apr
    const gone = tierStatus(program, r.state, '2024-04-09T00:00:00Z');
    expect(gone.level).toBeNull();
    expect(gone.metrics).toMatchObject([{ from: '2024-01-11', to: '2024-04-09', spend: '0', orders: 0, visits: 0, points: 0 }]);

    const later = feed(program, r.state, [tick('2024-04-20T12:00:00Z')]);
    expect(changes(later.effects)).toEqual([down('silver', null, '2024-04-09T00:00:00.000Z')]);
  });

  it('shows the next level, what is missing, and when older activity starts leaving', () => {
    const r = feed(program, fresh(program), [purchase('2024-01-10T12:00:00Z', '150')]);
    const s = tierStatus(program, r.state, '2024-02-01T12:00:00Z');
    // gold needs 200: 200 − 150 = 50 more; the 10 January purchase leaves on 10 Jan + 90 days = 9 April
    expect(s.next).toEqual({
      level: 'gold',
      met: false,
      criteria: { metric: 'spend', atLeast: '200', current: '150', missing: '50', met: false },
      by: '2024-04-09T00:00:00.000Z',
    });
  });

  it('lets days leave one at a time, each change dated at the midnight it happened', () => {
    const r = feed(program, fresh(program), [purchase('2024-01-10T12:00:00Z', '150'), purchase('2024-02-01T12:00:00Z', '100')]);
    // 150 + 100 = 250 ≥ 200
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-01-10T12:00:00.000Z'), up('silver', 'gold', '2024-02-01T12:00:00.000Z')]);
    // 10 Jan leaves on 9 Apr (→ 100: silver); 1 Feb leaves on 1 Feb + 90 = 1 May (29 + 31 + 30 = 90) (→ 0)
    const later = feed(program, r.state, [tick('2024-06-01T12:00:00Z')]);
    expect(changes(later.effects)).toEqual([down('gold', 'silver', '2024-04-09T00:00:00.000Z'), down('silver', null, '2024-05-01T00:00:00.000Z')]);
  });
});

describe('rolling window in months', () => {
  const program = tiered({ kind: 'rolling', months: 6 });

  it('starts the day after D − 6 months, month ends clamping (31 Aug 2024 → from 1 Mar)', () => {
    // amounts 10 / 20 / 40 so every sum tells which days are in
    const r = feed(program, fresh(program), [
      purchase('2024-02-28T12:00:00Z', '10'),
      purchase('2024-02-29T12:00:00Z', '20'),
      purchase('2024-03-01T12:00:00Z', '40'),
    ]);
    const at = (when: string) => tierStatus(program, r.state, when).metrics[0];
    // 27 Aug − 6 months = 27 Feb → from 28 Feb: 10 + 20 + 40 = 70
    expect(at('2024-08-27T12:00:00Z')).toMatchObject({ from: '2024-02-28', to: '2024-08-27', spend: '70' });
    // 28 Aug − 6 months = 28 Feb → from 29 Feb: 20 + 40 = 60
    expect(at('2024-08-28T12:00:00Z')).toMatchObject({ from: '2024-02-29', to: '2024-08-28', spend: '60' });
    // 29 Aug − 6 months = 29 Feb → from 1 Mar: 40 (the 29 February purchase is out)
    expect(at('2024-08-29T12:00:00Z')).toMatchObject({ from: '2024-03-01', to: '2024-08-29', spend: '40' });
    // 31 Aug − 6 months = "31 Feb", clamped to 29 Feb → from 1 Mar: 40 (1 March is in)
    expect(at('2024-08-31T12:00:00Z')).toMatchObject({ from: '2024-03-01', to: '2024-08-31', spend: '40' });
    // 1 Sep − 6 months = 1 Mar → from 2 Mar: 0
    expect(at('2024-09-01T12:00:00Z')).toMatchObject({ from: '2024-03-02', to: '2024-09-01', spend: '0' });
  });

  it('keeps a purchase of 31 August 2023 through 29 February 2024; it leaves on 1 March, not 29 February', () => {
    const r = feed(program, fresh(program), [purchase('2023-08-31T12:00:00Z', '150')]);
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2023-08-31T12:00:00.000Z')]);
    // the window stops covering 31 Aug 2023 on 1 Mar 2024 (see below): next.by and the downgrade say so
    const dec = tierStatus(program, r.state, '2023-12-01T12:00:00Z');
    expect(dec.next?.by).toBe('2024-03-01T00:00:00.000Z');
    expect(dec.downgrade).toEqual({ on: '2024-03-01T00:00:00.000Z', to: null });
    // 29 Feb 2024 − 6 months = 29 Aug 2023 → from 30 Aug 2023: the purchase is in
    const feb29 = tierStatus(program, r.state, '2024-02-29T23:59:59Z');
    expect(feb29.level).toBe('silver');
    expect(feb29.metrics).toMatchObject([{ from: '2023-08-30', to: '2024-02-29', spend: '150' }]);
    // 1 Mar 2024 − 6 months = 1 Sep 2023 → from 2 Sep 2023: out
    const mar1 = tierStatus(program, r.state, '2024-03-01T00:00:00Z');
    expect(mar1.level).toBeNull();
    expect(mar1.metrics).toMatchObject([{ from: '2023-09-02', to: '2024-03-01', spend: '0' }]);
    const later = feed(program, r.state, [tick('2024-03-10T12:00:00Z')]);
    expect(changes(later.effects)).toEqual([down('silver', null, '2024-03-01T00:00:00.000Z')]);
  });
});

describe('calendar window', () => {
  it('month: 1st … D; the month turning empties it', () => {
    const program = tiered({ kind: 'calendar', period: 'month' });
    const r = feed(program, fresh(program), [purchase('2024-03-31T12:00:00Z', '150')]);
    const s = tierStatus(program, r.state, '2024-03-31T18:00:00Z');
    expect(s.level).toBe('silver');
    expect(s.metrics).toMatchObject([{ from: '2024-03-01', to: '2024-03-31', spend: '150', orders: 1 }]);
    // the period turns on 1 April
    expect(s.next?.by).toBe('2024-04-01T00:00:00.000Z');
    expect(s.downgrade).toEqual({ on: '2024-04-01T00:00:00.000Z', to: null });
    const april = tierStatus(program, r.state, '2024-04-01T00:00:00Z');
    expect(april.level).toBeNull();
    expect(april.metrics).toMatchObject([{ from: '2024-04-01', to: '2024-04-01', spend: '0', orders: 0 }]);
    expect(changes(feed(program, r.state, [tick('2024-04-05T12:00:00Z')]).effects)).toEqual([down('silver', null, '2024-04-01T00:00:00.000Z')]);
  });

  it('quarter: only the current quarter counts', () => {
    const program = tiered({ kind: 'calendar', period: 'quarter' });
    const r = feed(program, fresh(program), [
      purchase('2024-03-31T12:00:00Z', '90'), // Q1: 90 < 100
      purchase('2024-04-01T12:00:00Z', '60'), // Q2 from 1 April: 60 (the March 90 is not in Q2)
    ]);
    expect(changes(r.effects)).toEqual([]);
    const r2 = feed(program, r.state, [purchase('2024-06-30T12:00:00Z', '60')]); // Q2: 60 + 60 = 120 ≥ 100
    expect(changes(r2.effects)).toEqual([up(null, 'silver', '2024-06-30T12:00:00.000Z')]);
    expect(tierStatus(program, r2.state, '2024-06-30T13:00:00Z').metrics).toMatchObject([{ from: '2024-04-01', to: '2024-06-30', spend: '120', orders: 2, visits: 2 }]);
    // Q3 starts 1 July
    expect(changes(feed(program, r2.state, [tick('2024-07-02T12:00:00Z')]).effects)).toEqual([down('silver', null, '2024-07-01T00:00:00.000Z')]);
  });

  it('year: 1 January … D', () => {
    const program = tiered({ kind: 'calendar', period: 'year' });
    const r = feed(program, fresh(program), [purchase('2023-12-31T12:00:00Z', '150'), purchase('2024-01-01T12:00:00Z', '60')]);
    // 2023: 150 → silver; the year turns at 2024-01-01 00:00 (applied by the second purchase, dated then); 2024: 60
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2023-12-31T12:00:00.000Z'), down('silver', null, '2024-01-01T00:00:00.000Z')]);
    expect(tierStatus(program, r.state, '2024-06-15T12:00:00Z').metrics).toMatchObject([{ from: '2024-01-01', to: '2024-06-15', spend: '60' }]);
    // 60 + 50 = 110 ≥ 100 on the last day of 2024
    const r2 = feed(program, r.state, [purchase('2024-12-31T12:00:00Z', '50')]);
    expect(changes(r2.effects)).toEqual([up(null, 'silver', '2024-12-31T12:00:00.000Z')]);
  });

  it('year with includePrevious: this year so far or last year, whichever qualifies higher', () => {
    const program = tiered({ kind: 'calendar', period: 'year', includePrevious: true });
    const r = feed(program, fresh(program), [purchase('2023-03-01T12:00:00Z', '250')]);
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2023-03-01T12:00:00.000Z')]);
    // in 2024: this year 0, last year (2023) 250 → gold
    const mid2024 = tierStatus(program, r.state, '2024-06-01T12:00:00Z');
    expect(mid2024.level).toBe('gold');
    expect(mid2024.metrics).toMatchObject([
      { from: '2024-01-01', to: '2024-06-01', spend: '0' },
      { from: '2023-01-01', to: '2023-12-31', spend: '250' },
    ]);
    // 2024 so far: 120 (silver); 2023: 250 (gold) → the higher, gold, and nothing changes
    const r2 = feed(program, r.state, [purchase('2024-02-01T12:00:00Z', '120')]);
    expect(changes(r2.effects)).toEqual([]);
    // on 1 Jan 2025: this year 0, last year (2024) 120 → silver; on 1 Jan 2026: both 0 → none
    const r3 = feed(program, r2.state, [tick('2025-01-02T12:00:00Z')]);
    expect(changes(r3.effects)).toEqual([down('gold', 'silver', '2025-01-01T00:00:00.000Z')]);
    expect(tierStatus(program, r3.state, '2025-06-01T12:00:00Z').metrics).toMatchObject([
      { from: '2025-01-01', to: '2025-06-01', spend: '0' },
      { from: '2024-01-01', to: '2024-12-31', spend: '120' },
    ]);
    const r4 = feed(program, r3.state, [tick('2026-01-05T12:00:00Z')]);
    expect(changes(r4.effects)).toEqual([down('silver', null, '2026-01-01T00:00:00.000Z')]);
  });

  it('quarter with includePrevious: a Q1 purchase holds through Q2 and is gone on 1 July', () => {
    const program = tiered({ kind: 'calendar', period: 'quarter', includePrevious: true });
    const r = feed(program, fresh(program), [purchase('2024-02-10T12:00:00Z', '150'), tick('2024-06-30T12:00:00Z')]);
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-02-10T12:00:00.000Z')]);
    expect(tierStatus(program, r.state, '2024-06-30T12:00:00Z').metrics).toMatchObject([
      { from: '2024-04-01', to: '2024-06-30', spend: '0' },
      { from: '2024-01-01', to: '2024-03-31', spend: '150' },
    ]);
    expect(changes(feed(program, r.state, [tick('2024-07-03T12:00:00Z')]).effects)).toEqual([down('silver', null, '2024-07-01T00:00:00.000Z')]);
  });
});

describe('anniversary window', () => {
  const program = tiered({ kind: 'anniversary' });

  it('runs from the last anniversary; a 29 February enrolment has its anniversary on 28 February in common years', () => {
    const r = feed(program, fresh(program, '2024-02-29T12:00:00Z'), [purchase('2024-03-05T12:00:00Z', '150')]);
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-03-05T12:00:00.000Z')]);
    // 27 Feb 2025 is still the first membership year; tenure: 29 Feb 2024 + 365 days = 28 Feb 2025, so 364
    const before = tierStatus(program, r.state, '2025-02-27T12:00:00Z');
    expect(before.level).toBe('silver');
    expect(before.metrics).toEqual([{ from: '2024-02-29', to: '2025-02-27', spend: '150', orders: 1, visits: 1, points: 150, tenureDays: 364 }]);
    expect(before.downgrade).toEqual({ on: '2025-02-28T00:00:00.000Z', to: null });
    // 2025 is a common year: the anniversary is 28 February
    const anniversary = tierStatus(program, r.state, '2025-02-28T00:00:00Z');
    expect(anniversary.level).toBeNull();
    expect(anniversary.metrics).toEqual([{ from: '2025-02-28', to: '2025-02-28', spend: '0', orders: 0, visits: 0, points: 0, tenureDays: 365 }]);

    const r2 = feed(program, r.state, [purchase('2025-03-01T12:00:00Z', '120')]);
    expect(changes(r2.effects)).toEqual([down('silver', null, '2025-02-28T00:00:00.000Z'), up(null, 'silver', '2025-03-01T12:00:00.000Z')]);
    // the 2025 membership year ends on 27 Feb 2026; 28 Feb 2026 is the next anniversary
    expect(changes(feed(program, r2.state, [tick('2026-03-01T12:00:00Z')]).effects)).toEqual([down('silver', null, '2026-02-28T00:00:00.000Z')]);
    // 2028 is a leap year: the anniversary is 29 February again (28 Feb 2028 still belongs to the year from 28 Feb 2027)
    expect(tierStatus(program, r2.state, '2028-02-28T12:00:00Z').metrics[0]).toMatchObject({ from: '2027-02-28', to: '2028-02-28' });
    expect(tierStatus(program, r2.state, '2028-02-29T12:00:00Z').metrics[0]).toMatchObject({ from: '2028-02-29', to: '2028-02-29' });
  });

  it('with includePrevious: this membership year or the last one', () => {
    const prev = tiered({ kind: 'anniversary', includePrevious: true });
    const r = feed(prev, fresh(prev, '2023-06-15T12:00:00Z'), [purchase('2023-07-01T12:00:00Z', '250')]);
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2023-07-01T12:00:00.000Z')]);
    expect(tierStatus(prev, r.state, '2023-08-01T12:00:00Z').metrics[0]).toMatchObject({ from: '2023-06-15', to: '2023-08-01', spend: '250' });
    // second membership year (from 15 Jun 2024): this year 0, last year (15 Jun 2023 … 14 Jun 2024) 250 → gold
    const s = tierStatus(prev, r.state, '2024-07-01T12:00:00Z');
    expect(s.level).toBe('gold');
    expect(s.metrics).toMatchObject([
      { from: '2024-06-15', to: '2024-07-01', spend: '0' },
      { from: '2023-06-15', to: '2024-06-14', spend: '250' },
    ]);
    // third year (from 15 Jun 2025): this year 0, last year (2024-25) 0 → none
    expect(changes(feed(prev, r.state, [tick('2025-06-20T12:00:00Z')]).effects)).toEqual([down('gold', null, '2025-06-15T00:00:00.000Z')]);
  });
});

describe('lifetime window', () => {
  it('counts everything and never lets a level go', () => {
    const program = tiered({ kind: 'lifetime' });
    const r = feed(program, fresh(program), [purchase('2015-01-10T12:00:00Z', '60'), purchase('2020-05-05T12:00:00Z', '60'), tick('2030-01-01T12:00:00Z')]);
    // 60 + 60 = 120 ≥ 100, and nothing ever leaves
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2020-05-05T12:00:00.000Z')]);
    const s = tierStatus(program, r.state, '2030-01-01T12:00:00Z');
    expect(s.level).toBe('silver');
    // tenure: 10 Jan 2015 → 10 Jan 2030 = 15 × 365 + 4 leap days (2016, 2020, 2024, 2028) = 5479; 1 Jan 2030 is 9 days earlier: 5470
    expect(s.metrics).toEqual([{ from: null, to: '2030-01-01', spend: '120', orders: 2, visits: 2, points: 120, tenureDays: 5470 }]);
    expect(s.downgrade).toBeNull();
    // gold: 200 − 120 = 80 missing; nothing ever leaves a lifetime window
    expect(s.next).toEqual({ level: 'gold', met: false, criteria: { metric: 'spend', atLeast: '200', current: '120', missing: '80', met: false }, by: null });
  });
});

describe('days in the program time zone (DST)', () => {
  it('America/New_York, March: a purchase at 23:30 counts for its local date and leaves at local midnight (EDT)', () => {
    const program = tiered({ kind: 'rolling', days: 7 }, { timezone: 'America/New_York' });
    // 23:30 EST on 4 March = 04:30 UTC on 5 March; it counts for 4 March
    const r = feed(program, fresh(program), [purchase('2024-03-04T23:30:00-05:00', '150')]);
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-03-05T04:30:00.000Z')]);
    // 4 Mar − 6 days = 27 Feb (2024: 29 Feb exists)
    expect(tierStatus(program, r.state, '2024-03-04T23:45:00-05:00').metrics).toMatchObject([{ from: '2024-02-27', to: '2024-03-04', spend: '150' }]);
    // clocks go forward on 10 March; 4 Mar + 7 = 11 Mar, whose midnight is 00:00 EDT = 04:00 UTC
    const lastMinute = tierStatus(program, r.state, '2024-03-10T23:59:59-04:00');
    expect(lastMinute.level).toBe('silver');
    expect(lastMinute.metrics).toMatchObject([{ from: '2024-03-04', to: '2024-03-10', spend: '150' }]);
    const midnight = tierStatus(program, r.state, '2024-03-11T00:00:00-04:00');
    expect(midnight.level).toBeNull();
    expect(midnight.metrics).toMatchObject([{ from: '2024-03-05', to: '2024-03-11', spend: '0' }]);
    expect(changes(feed(program, r.state, [tick('2024-03-12T12:00:00-04:00')]).effects)).toEqual([down('silver', null, '2024-03-11T04:00:00.000Z')]);
  });

  it('America/New_York: a 23:30 purchase on 31 January counts for January (calendar month)', () => {
    const program = tiered({ kind: 'calendar', period: 'month' }, { timezone: 'America/New_York' });
    const r = feed(program, fresh(program), [purchase('2024-01-31T23:30:00-05:00', '150')]);
    expect(tierStatus(program, r.state, '2024-01-31T23:59:00-05:00').metrics).toMatchObject([{ from: '2024-01-01', to: '2024-01-31', spend: '150' }]);
    expect(tierStatus(program, r.state, '2024-02-01T00:00:00-05:00').metrics).toMatchObject([{ from: '2024-02-01', to: '2024-02-01', spend: '0' }]);
    // February starts at 00:00 EST = 05:00 UTC
    expect(changes(feed(program, r.state, [tick('2024-02-02T12:00:00-05:00')]).effects)).toEqual([down('silver', null, '2024-02-01T05:00:00.000Z')]);
  });

  it('Europe/Warsaw, late October: 00:30 CEST counts for the local date; it leaves at local midnight after clocks go back', () => {
    const program = tiered({ kind: 'rolling', days: 7 }, { timezone: 'Europe/Warsaw' });
    // 00:30 CEST on 22 Oct = 22:30 UTC on 21 Oct; it counts for 22 October
    const r = feed(program, fresh(program), [purchase('2024-10-22T00:30:00+02:00', '150')]);
    expect(tierStatus(program, r.state, '2024-10-22T01:00:00+02:00').metrics).toMatchObject([{ from: '2024-10-16', to: '2024-10-22', spend: '150' }]);
    // clocks go back on 27 Oct; 22 Oct + 7 = 29 Oct, whose midnight is 00:00 CET = 23:00 UTC on 28 Oct
    expect(tierStatus(program, r.state, '2024-10-28T23:59:59+01:00')).toMatchObject({ level: 'silver', metrics: [{ from: '2024-10-22', to: '2024-10-28', spend: '150' }] });
    expect(tierStatus(program, r.state, '2024-10-29T00:00:00+01:00')).toMatchObject({ level: null, metrics: [{ from: '2024-10-23', to: '2024-10-29', spend: '0' }] });
    expect(changes(feed(program, r.state, [tick('2024-10-30T12:00:00+01:00')]).effects)).toEqual([down('silver', null, '2024-10-28T23:00:00.000Z')]);
  });
});

describe('metrics', () => {
  it('spend: purchases minus refunds, the refund taken off at the purchase’s own date', () => {
    const program = tiered({ kind: 'rolling', days: 30 });
    const r = feed(program, fresh(program), [
      purchase('2024-01-10T12:00:00Z', '150.50', { orderId: 'A' }),
      purchase('2024-02-01T12:00:00Z', '100', { orderId: 'B' }),
    ]);
    // 1 Feb: window 3 Jan … 1 Feb: 150.50 + 100 = 250.50 ≥ 200
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-01-10T12:00:00.000Z'), up('silver', 'gold', '2024-02-01T12:00:00.000Z')]);
    const r2 = feed(program, r.state, [refund('2024-02-05T12:00:00Z', 'A', '60.25')]);
    // A on 10 Jan: 150.50 − 60.25 = 90.25; + 100 = 190.25 < 200 → silver at once (grace 0)
    expect(changes(r2.effects)).toEqual([down('gold', 'silver', '2024-02-05T12:00:00.000Z')]);
    // 8 Feb: window 10 Jan … 8 Feb
    expect(tierStatus(program, r2.state, '2024-02-08T12:00:00Z').metrics).toMatchObject([{ from: '2024-01-10', spend: '190.25', orders: 2 }]);
    // 9 Feb: window 11 Jan … 9 Feb: the refund left with A (100, not 100 − 60.25 = 39.75)
    const feb9 = tierStatus(program, r2.state, '2024-02-09T12:00:00Z');
    expect(feb9.metrics).toMatchObject([{ from: '2024-01-11', spend: '100', orders: 1 }]);
    expect(feb9.level).toBe('silver');
  });

  it('orders: a partly refunded order still counts, a fully refunded one no longer does', () => {
    const program = tiered(
      { kind: 'rolling', days: 30 },
      { levels: [{ id: 'silver', criteria: { metric: 'orders', atLeast: '2' } }, { id: 'gold', criteria: { metric: 'orders', atLeast: '3' } }] },
    );
    const r = feed(program, fresh(program), [
      purchase('2024-01-10T12:00:00Z', '50', { orderId: 'A' }),
      purchase('2024-01-11T12:00:00Z', '30', { orderId: 'B' }),
      purchase('2024-01-12T12:00:00Z', '20', { orderId: 'C' }),
    ]);
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-01-11T12:00:00.000Z'), up('silver', 'gold', '2024-01-12T12:00:00.000Z')]);
    // 20 of A's 50 back: A still an order → 3
    const r2 = feed(program, r.state, [refund('2024-01-13T12:00:00Z', 'A', '20')]);
    expect(changes(r2.effects)).toEqual([]);
    expect(tierStatus(program, r2.state, '2024-01-13T12:00:00Z').metrics).toMatchObject([{ spend: '80', orders: 3, visits: 3 }]);
    // the other 30: A fully refunded → 2 orders → silver
    const r3 = feed(program, r2.state, [refund('2024-01-14T12:00:00Z', 'A', '30')]);
    expect(changes(r3.effects)).toEqual([down('gold', 'silver', '2024-01-14T12:00:00.000Z')]);
    // spend 50 − 20 − 30 + 30 + 20 = 50; visits: 11 and 12 Jan (10 Jan has no order left)
    expect(tierStatus(program, r3.state, '2024-01-14T12:00:00Z').metrics).toMatchObject([{ spend: '50', orders: 2, visits: 2 }]);
  });

  for (const window of [{ kind: 'rolling', days: 30 }, { kind: 'lifetime' }] as const) {
    it(`visits: days with an order; two orders on one day are one visit (${window.kind})`, () => {
      const program = tiered(window, { levels: [{ id: 'silver', criteria: { metric: 'visits', atLeast: '2' } }] });
      const r = feed(program, fresh(program), [
        purchase('2024-01-10T09:00:00Z', '10', { orderId: 'A' }),
        purchase('2024-01-10T18:00:00Z', '10', { orderId: 'B' }),
      ]);
      // 2 orders, 1 day
      expect(changes(r.effects)).toEqual([]);
      expect(tierStatus(program, r.state, '2024-01-10T19:00:00Z').metrics).toMatchObject([{ orders: 2, visits: 1 }]);
      const r2 = feed(program, r.state, [purchase('2024-01-11T12:00:00Z', '10', { orderId: 'C' })]);
      expect(changes(r2.effects)).toEqual([up(null, 'silver', '2024-01-11T12:00:00.000Z')]);
      expect(tierStatus(program, r2.state, '2024-01-11T12:00:00Z').metrics).toMatchObject([{ orders: 3, visits: 2 }]);
      // A fully refunded: B still makes 10 January a visit
      const r3 = feed(program, r2.state, [refund('2024-01-12T12:00:00Z', 'A', '10')]);
      expect(changes(r3.effects)).toEqual([]);
      expect(tierStatus(program, r3.state, '2024-01-12T12:00:00Z').metrics).toMatchObject([{ orders: 2, visits: 2 }]);
      // B fully refunded too: 10 January has no order left → 1 visit
      const r4 = feed(program, r3.state, [refund('2024-01-13T12:00:00Z', 'B', '10')]);
      expect(changes(r4.effects)).toEqual([down('silver', null, '2024-01-13T12:00:00.000Z')]);
      expect(tierStatus(program, r4.state, '2024-01-13T12:00:00Z').metrics).toMatchObject([{ spend: '10', orders: 1, visits: 1 }]);
    });
  }

  it('points: earned by earn rules net of claw-backs; adjustments and entry-reward points do not count', () => {
    const program = tiered(
      { kind: 'rolling', days: 365 },
      {
        levels: [
          { id: 'silver', criteria: { metric: 'points', atLeast: '100' }, entryReward: { points: 500 } },
          { id: 'gold', criteria: { metric: 'points', atLeast: '300' } },
        ],
      },
    );
    // 1 point per 1.00: 120 points ≥ 100; the 500 entry-reward points are spendable, not qualifying
    const r = feed(program, fresh(program), [purchase('2024-01-10T12:00:00Z', '120', { orderId: 'A' })]);
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-01-10T12:00:00.000Z')]);
    expect(ledgerEntries(r.effects).map((e) => [e.kind, e.points, e.ruleId])).toEqual([
      ['earn', 120, 'base'],
      ['earn', 500, 'tiers.silver'],
    ]);
    expect(tierStatus(program, r.state, '2024-01-10T12:00:00Z').metrics).toMatchObject([{ points: 120 }]);
    // −200 (a redemption) and +1000 (goodwill) leave qualifying points at 120: no change, no gold (needs 300)
    const r2 = feed(program, r.state, [adjustment('2024-01-11T12:00:00Z', -200, 'redeemed'), adjustment('2024-01-12T12:00:00Z', 1000, 'goodwill')]);
    expect(changes(r2.effects)).toEqual([]);
    expect(tierStatus(program, r2.state, '2024-01-12T12:00:00Z').metrics).toMatchObject([{ points: 120 }]);
    // refund 30 of 120: the net order (90) earns 90 → 30 clawed back → 120 − 30 = 90 < 100
    const r3 = feed(program, r2.state, [refund('2024-01-13T12:00:00Z', 'A', '30')]);
    expect(changes(r3.effects)).toEqual([down('silver', null, '2024-01-13T12:00:00.000Z')]);
    expect(tierStatus(program, r3.state, '2024-01-13T12:00:00Z').metrics).toMatchObject([{ spend: '90', points: 90 }]);
  });

  it('points: expiry does not reduce qualifying points', () => {
    const program = tiered(
      { kind: 'rolling', days: 365 },
      { levels: [{ id: 'silver', criteria: { metric: 'points', atLeast: '100' } }], points: { expiry: { kind: 'days-after-earning', days: 30 } } },
    );
    const r = feed(program, fresh(program), [purchase('2024-01-10T12:00:00Z', '150'), tick('2024-03-01T12:00:00Z')]);
    // expires 10 Jan + 30 days = 9 Feb
    expect(ledgerEntries(r.effects).filter((e) => e.kind === 'expire').map((e) => [e.points, e.at])).toEqual([[-150, '2024-02-09T12:00:00.000Z']]);
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-01-10T12:00:00.000Z')]);
    const s = tierStatus(program, r.state, '2024-03-01T12:00:00Z');
    expect(s.level).toBe('silver');
    expect(s.metrics).toMatchObject([{ points: 150 }]);
  });

  it('tenureDays: whole days since enrolledAt, not windowed; reaching it lifts the member at that midnight', () => {
    const program = tiered(
      { kind: 'lifetime' },
      { levels: [{ id: 'silver', criteria: { all: [{ metric: 'spend', atLeast: '100' }, { metric: 'tenureDays', atLeast: '90' }] } }] },
    );
    const r = feed(program, fresh(program, '2024-01-01T12:00:00Z'), [purchase('2024-01-05T12:00:00Z', '150')]);
    expect(changes(r.effects)).toEqual([]); // tenure 4
    // 1 Jan → 30 Mar: 30 (to 31 Jan) + 29 (Feb) + 30 = 89
    const s = tierStatus(program, r.state, '2024-03-30T12:00:00Z');
    expect(s.level).toBeNull();
    expect(s.metrics).toMatchObject([{ tenureDays: 89 }]);
    expect(s.next?.criteria).toEqual({
      all: [
        { metric: 'spend', atLeast: '100', current: '150', missing: '0', met: true },
        { metric: 'tenureDays', atLeast: '90', current: '89', missing: '1', met: false },
      ],
      met: false,
    });
    // 31 March: 90
    expect(tierStatus(program, r.state, '2024-03-31T00:00:00Z')).toMatchObject({ level: 'silver', metrics: [{ tenureDays: 90 }] });
    expect(changes(feed(program, r.state, [tick('2024-04-10T12:00:00Z')]).effects)).toEqual([up(null, 'silver', '2024-03-31T00:00:00.000Z')]);
  });

  it('tenureDays: without enrolledAt, counted from the first event', () => {
    const program = tiered({ kind: 'lifetime' }, { levels: [{ id: 'silver', criteria: { metric: 'tenureDays', atLeast: '90' } }] });
    const r = feed(program, fresh(program), [purchase('2024-01-05T12:00:00Z', '1')]);
    // 5 Jan + 90 days: 26 (to 31 Jan) + 29 (Feb) + 31 (Mar) + 4 = 90 → 4 April
    expect(tierStatus(program, r.state, '2024-04-03T23:59:59Z')).toMatchObject({ level: null, metrics: [{ tenureDays: 89 }] });
    expect(tierStatus(program, r.state, '2024-04-04T00:00:00Z')).toMatchObject({ level: 'silver', metrics: [{ tenureDays: 90 }] });
  });

  it('any / all combinations', () => {
    const program = tiered(
      { kind: 'rolling', days: 30 },
      {
        levels: [
          { id: 'silver', criteria: { any: [{ metric: 'spend', atLeast: '500' }, { metric: 'orders', atLeast: '3' }] } },
          { id: 'gold', criteria: { all: [{ metric: 'spend', atLeast: '300' }, { metric: 'visits', atLeast: '2' }] } },
        ],
      },
    );
    // three orders of 10 on one day: orders 3 (silver by "any"); spend 30, visits 1
    const r = feed(program, fresh(program), [
      purchase('2024-01-10T09:00:00Z', '10'),
      purchase('2024-01-10T10:00:00Z', '10'),
      purchase('2024-01-10T11:00:00Z', '10'),
    ]);
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-01-10T11:00:00.000Z')]);
    expect(tierStatus(program, r.state, '2024-01-10T12:00:00Z').next?.criteria).toEqual({
      all: [
        { metric: 'spend', atLeast: '300', current: '30', missing: '270', met: false },
        { metric: 'visits', atLeast: '2', current: '1', missing: '1', met: false },
      ],
      met: false,
    });
    // + 270 the next day: spend 300, visits 2 → gold
    const r2 = feed(program, r.state, [purchase('2024-01-11T12:00:00Z', '270')]);
    expect(changes(r2.effects)).toEqual([up('silver', 'gold', '2024-01-11T12:00:00.000Z')]);

    // one order of 600: silver by spend ≥ 500, but one visit is not enough for gold
    const other = feed(program, fresh(program), [purchase('2024-01-10T09:00:00Z', '600')]);
    expect(changes(other.effects)).toEqual([up(null, 'silver', '2024-01-10T09:00:00.000Z')]);
  });
});
