import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defineProgram,
  ledgerEntries,
  newMemberState,
  tierStatus,
  type Effect,
  type MemberState,
  type Program,
  type ProgramInput,
  type TierWarningEffect,
  effectId,
} from '../../src/index.js';
import { makeProgram, purchase, refund, tick } from '../helpers.js';
import { changes, feed } from './support.js';

// Every expected value below is worked out by hand from docs/tiers.md; the arithmetic is in the comments.
// Unless said otherwise: UTC, a rolling 30-day window (a day D leaves on D + 30 at 00:00), silver: spend ≥ 100,
// gold: spend ≥ 200 (bronze: spend ≥ 50 where three levels are needed).

type TiersInput = NonNullable<ProgramInput['tiers']>;
type LevelInput = TiersInput['levels'][number];

const ladder = (): LevelInput[] => [
  { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
  { id: 'gold', criteria: { metric: 'spend', atLeast: '200' } },
];
const ladder3 = (): LevelInput[] => [{ id: 'bronze', criteria: { metric: 'spend', atLeast: '50' } }, ...ladder()];

function tiered(
  downgrade: TiersInput['downgrade'],
  options: { levels?: LevelInput[]; window?: TiersInput['window']; warnDaysBefore?: number } = {},
): Program {
  return makeProgram({
    timezone: 'UTC',
    tiers: {
      window: options.window ?? { kind: 'rolling', days: 30 },
      levels: options.levels ?? ladder(),
      downgrade,
      ...(options.warnDaysBefore === undefined ? {} : { warnDaysBefore: options.warnDaysBefore }),
    },
  });
}


const fresh = (program: Program, enrolledAt?: string): MemberState =>
  newMemberState(program, 'm1', enrolledAt === undefined ? {} : { enrolledAt });


const warnings = (effects: readonly Effect[]) =>
  effects.filter((e): e is TierWarningEffect => e.type === 'tier_downgrade_warning').map(({ level, to, on, at }) => ({ level, to, on, at }));

const up = (from: string | null, to: string | null, at: string) => ({ type: 'tier_upgraded', from, to, reason: 'qualified', at });
const down = (from: string | null, to: string | null, at: string, reason: 'grace_ended' | 'review') => ({ type: 'tier_downgraded', from, to, reason, at });
const graceDown = (from: string | null, to: string | null, at: string) => down(from, to, at, 'grace_ended');
const reviewDown = (from: string | null, to: string | null, at: string) => down(from, to, at, 'review');

describe('grace policy', () => {
  const program = tiered({ kind: 'grace', days: 10 });

  it('drops exactly N days after the member stops qualifying, dated then, reason grace_ended', () => {
    const r = feed(program, fresh(program), [purchase('2024-01-01T12:00:00Z', '250')]);
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-01-01T12:00:00.000Z')]);
    // 1 Jan leaves the window on 1 Jan + 30 = 31 Jan (00:00); + 10 days of grace = 10 Feb 00:00
    const s = tierStatus(program, r.state, '2024-01-20T12:00:00Z');
    expect(s.downgrade).toEqual({ on: '2024-02-10T00:00:00.000Z', to: null });
    expect(s.keep).toMatchObject({ level: 'gold', met: true, by: '2024-01-31T00:00:00.000Z' });

    const r2 = feed(program, r.state, [tick('2024-02-09T23:59:59Z')]);
    expect(changes(r2.effects)).toEqual([]);
    // in grace: nothing in the window, still gold
    expect(tierStatus(program, r2.state, '2024-02-09T23:59:59Z')).toMatchObject({ level: 'gold', metrics: [{ spend: '0' }] });
    const r3 = feed(program, r2.state, [tick('2024-02-10T00:00:00Z')]);
    expect(changes(r3.effects)).toEqual([graceDown('gold', null, '2024-02-10T00:00:00.000Z')]);
  });

  it('is cancelled by qualifying again during the grace period', () => {
    const r = feed(program, fresh(program), [purchase('2024-01-01T12:00:00Z', '250'), tick('2024-02-01T12:00:00Z')]);
    expect(tierStatus(program, r.state, '2024-02-01T12:00:00Z').downgrade).toEqual({ on: '2024-02-10T00:00:00.000Z', to: null });
    // 5 Feb (in grace since 31 Jan): 250 in the window again
    const r2 = feed(program, r.state, [purchase('2024-02-05T12:00:00Z', '250'), tick('2024-02-20T12:00:00Z')]);
    expect(changes(r2.effects)).toEqual([]);
    // 5 Feb leaves on 5 Feb + 30 = 6 Mar (24 days to 29 Feb + 6); + 10 = 16 Mar
    const s = tierStatus(program, r2.state, '2024-02-20T12:00:00Z');
    expect(s.level).toBe('gold');
    expect(s.downgrade).toEqual({ on: '2024-03-16T00:00:00.000Z', to: null });
    expect(changes(feed(program, r2.state, [tick('2024-03-20T12:00:00Z')]).effects)).toEqual([graceDown('gold', null, '2024-03-16T00:00:00.000Z')]);
  });

  it('qualifying for a lower level during grace does not cancel it: the member drops to that level when it ends', () => {
    const r = feed(program, fresh(program), [purchase('2024-01-01T12:00:00Z', '250'), purchase('2024-02-05T12:00:00Z', '150')]);
    // grace from 31 Jan; on 10 Feb the window (12 Jan … 10 Feb) holds 150 → silver
    expect(tierStatus(program, r.state, '2024-02-05T12:00:00Z').downgrade).toEqual({ on: '2024-02-10T00:00:00.000Z', to: 'silver' });
    expect(changes(feed(program, r.state, [tick('2024-02-20T12:00:00Z')]).effects)).toEqual([graceDown('gold', 'silver', '2024-02-10T00:00:00.000Z')]);
  });

  it('with days: 0 drops at once when a day leaves the window', () => {
    const zero = tiered({ kind: 'grace', days: 0 });
    const r = feed(zero, fresh(zero), [purchase('2024-01-01T12:00:00Z', '250'), tick('2024-02-03T12:00:00Z')]);
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-01-01T12:00:00.000Z'), graceDown('gold', null, '2024-01-31T00:00:00.000Z')]);
  });

  it('with days: 0 drops at once on a refund', () => {
    const zero = tiered({ kind: 'grace', days: 0 });
    const r = feed(zero, fresh(zero), [purchase('2024-01-01T12:00:00Z', '250', { orderId: 'A' }), refund('2024-01-05T12:00:00Z', 'A', '100')]);
    // 250 − 100 = 150: silver
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-01-01T12:00:00.000Z'), graceDown('gold', 'silver', '2024-01-05T12:00:00.000Z')]);
  });

  it('starts on a refund; the drop comes N days after the refund', () => {
    const r = feed(program, fresh(program), [purchase('2024-01-01T12:00:00Z', '250', { orderId: 'A' }), refund('2024-01-05T12:00:00Z', 'A', '100')]);
    // 150 < 200: grace until 5 Jan 12:00 + 10 days = 15 Jan 12:00; nothing announced yet
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-01-01T12:00:00.000Z')]);
    const s = tierStatus(program, r.state, '2024-01-06T12:00:00Z');
    expect(s.level).toBe('gold');
    expect(s.downgrade).toEqual({ on: '2024-01-15T12:00:00.000Z', to: 'silver' });
    const r2 = feed(program, r.state, [tick('2024-01-20T12:00:00Z')]);
    expect(changes(r2.effects)).toEqual([graceDown('gold', 'silver', '2024-01-15T12:00:00.000Z')]);
    // silver in turn: 1 Jan leaves on 31 Jan, + 10 = 10 Feb
    expect(changes(feed(program, r2.state, [tick('2024-02-20T12:00:00Z')]).effects)).toEqual([graceDown('silver', null, '2024-02-10T00:00:00.000Z')]);
  });

  it('counts grace days on the program calendar across a DST change (Europe/Warsaw)', () => {
    const warsaw = makeProgram({
      timezone: 'Europe/Warsaw',
      tiers: { window: { kind: 'rolling', days: 30 }, levels: ladder(), downgrade: { kind: 'grace', days: 10 } },
    });
    const r = feed(warsaw, fresh(warsaw), [purchase('2024-10-15T12:00:00+02:00', '250', { orderId: 'A' }), refund('2024-10-20T12:00:00+02:00', 'A', '100')]);
    // 20 Oct 12:00 CEST + 10 days = 30 Oct 12:00 CET (clocks went back on 27 Oct) = 11:00 UTC
    expect(tierStatus(warsaw, r.state, '2024-10-21T12:00:00+02:00').downgrade).toEqual({ on: '2024-10-30T11:00:00.000Z', to: 'silver' });
    expect(changes(feed(warsaw, r.state, [tick('2024-11-01T12:00:00+01:00')]).effects)).toEqual([graceDown('gold', 'silver', '2024-10-30T11:00:00.000Z')]);
  });

  it('oneLevelAtATime: each step down needs another grace period', () => {
    const one = tiered({ kind: 'grace', days: 10, oneLevelAtATime: true }, { levels: ladder3() });
    const r = feed(one, fresh(one), [purchase('2024-01-01T12:00:00Z', '250')]);
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-01-01T12:00:00.000Z')]);
    expect(tierStatus(one, r.state, '2024-02-01T12:00:00Z').downgrade).toEqual({ on: '2024-02-10T00:00:00.000Z', to: 'silver' });
    // lapse 31 Jan; +10 = 10 Feb (gold → silver); +10 = 20 Feb (→ bronze); +10 = 1 Mar (2024: 20 Feb + 9 = 29 Feb) (→ none)
    const r2 = feed(one, r.state, [tick('2024-03-10T12:00:00Z')]);
    expect(changes(r2.effects)).toEqual([
      graceDown('gold', 'silver', '2024-02-10T00:00:00.000Z'),
      graceDown('silver', 'bronze', '2024-02-20T00:00:00.000Z'),
      graceDown('bronze', null, '2024-03-01T00:00:00.000Z'),
    ]);
  });
});

describe('scheduled policy', () => {
  it('every anniversary: never lost between reviews; at a review, set to the level qualified for that day', () => {
    const program = tiered({ kind: 'scheduled', every: { kind: 'anniversary' } }, { window: { kind: 'rolling', days: 90 } });
    const r = feed(program, fresh(program, '2023-05-20T12:00:00Z'), [purchase('2023-06-01T12:00:00Z', '250')]);
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2023-06-01T12:00:00.000Z')]);
    // 1 Jun leaves the 90-day window on 1 Jun + 90 = 30 Aug (30 + 31 + 29); the level stays until the anniversary
    const r2 = feed(program, r.state, [tick('2023-09-15T12:00:00Z'), tick('2024-01-01T12:00:00Z')]);
    expect(changes(r2.effects)).toEqual([]);
    const s = tierStatus(program, r2.state, '2024-01-01T12:00:00Z');
    expect(s).toMatchObject({ level: 'gold', metrics: [{ spend: '0' }], downgrade: { on: '2024-05-20T00:00:00.000Z', to: null } });
    // keep: gold's criteria as they will stand at the review (window 21 Feb … 20 May 2024: nothing yet)
    expect(s.keep).toMatchObject({ level: 'gold', met: false, criteria: { current: '0', missing: '200', met: false }, by: '2024-05-20T00:00:00.000Z' });
    // qualifying lower between reviews changes nothing yet
    const r3 = feed(program, r2.state, [purchase('2024-04-01T12:00:00Z', '150')]);
    expect(changes(r3.effects)).toEqual([]);
    // review 20 May 2024: window 20 May − 89 = 21 Feb … 20 May holds 1 Apr's 150 → silver
    const r4 = feed(program, r3.state, [tick('2024-06-01T12:00:00Z')]);
    expect(changes(r4.effects)).toEqual([reviewDown('gold', 'silver', '2024-05-20T00:00:00.000Z')]);
    // 1 Apr leaves on 30 Jun (30 + 31 + 29); next review 20 May 2025: nothing → none
    const r5 = feed(program, r4.state, [tick('2025-06-01T12:00:00Z')]);
    expect(changes(r5.effects)).toEqual([reviewDown('silver', null, '2025-05-20T00:00:00.000Z')]);
  });

  it('every anniversary: a 29 February enrolment is reviewed on 28 February in a common year', () => {
    const program = tiered({ kind: 'scheduled', every: { kind: 'anniversary' } });
    const r = feed(program, fresh(program, '2024-02-29T12:00:00Z'), [purchase('2024-03-01T12:00:00Z', '250'), tick('2025-02-27T12:00:00Z')]);
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-03-01T12:00:00.000Z')]);
    expect(changes(feed(program, r.state, [tick('2025-03-01T12:00:00Z')]).effects)).toEqual([reviewDown('gold', null, '2025-02-28T00:00:00.000Z')]);
  });

  it('every calendar month', () => {
    const program = tiered({ kind: 'scheduled', every: { kind: 'period', period: 'month' } });
    const r = feed(program, fresh(program), [purchase('2024-01-10T12:00:00Z', '250'), tick('2024-02-02T12:00:00Z')]);
    // review 1 Feb: window 3 Jan … 1 Feb holds 250 → kept
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-01-10T12:00:00.000Z')]);
    // 10 Jan left on 9 Feb: on 15 Feb the window is empty, the level stays until the 1 March review
    const s = tierStatus(program, r.state, '2024-02-15T12:00:00Z');
    expect(s).toMatchObject({ level: 'gold', metrics: [{ spend: '0' }], downgrade: { on: '2024-03-01T00:00:00.000Z', to: null } });
    expect(changes(feed(program, r.state, [tick('2024-03-05T12:00:00Z')]).effects)).toEqual([reviewDown('gold', null, '2024-03-01T00:00:00.000Z')]);
  });

  it('every calendar quarter', () => {
    const program = tiered({ kind: 'scheduled', every: { kind: 'period', period: 'quarter' } });
    // 10 Feb leaves on 10 Feb + 30 = 11 Mar (19 + 11); the review is 1 April
    const r = feed(program, fresh(program), [purchase('2024-02-10T12:00:00Z', '250'), tick('2024-03-20T12:00:00Z')]);
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-02-10T12:00:00.000Z')]);
    expect(tierStatus(program, r.state, '2024-03-20T12:00:00Z').level).toBe('gold');
    expect(changes(feed(program, r.state, [tick('2024-04-02T12:00:00Z')]).effects)).toEqual([reviewDown('gold', null, '2024-04-01T00:00:00.000Z')]);
  });

  it('every calendar year', () => {
    const program = tiered({ kind: 'scheduled', every: { kind: 'period', period: 'year' } }, { window: { kind: 'rolling', days: 90 } });
    const r = feed(program, fresh(program), [
      purchase('2024-03-10T12:00:00Z', '250'),
      tick('2024-07-15T12:00:00Z'), // 10 Mar left the window on 8 Jun: still gold
      purchase('2024-12-01T12:00:00Z', '150'),
    ]);
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-03-10T12:00:00.000Z')]);
    // review 1 Jan 2025: window 1 Jan − 89 = 4 Oct … 1 Jan holds 1 Dec's 150 → silver
    expect(changes(feed(program, r.state, [tick('2025-01-05T12:00:00Z')]).effects)).toEqual([reviewDown('gold', 'silver', '2025-01-01T00:00:00.000Z')]);
  });

  it('every N days after entering the level, and every N days after that while it is kept', () => {
    const program = tiered({ kind: 'scheduled', every: { kind: 'days', days: 30 } }, { window: { kind: 'rolling', days: 7 } });
    // purchases at 00:00 so that "N days after" is the same instant whether counted from the moment or the day
    const r = feed(program, fresh(program), [purchase('2024-01-10T00:00:00Z', '250'), purchase('2024-02-05T00:00:00Z', '250')]);
    // entered gold 10 Jan; 10 Jan left the 7-day window on 17 Jan, but no review before 10 Jan + 30 = 9 Feb
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-01-10T00:00:00.000Z')]);
    // review 9 Feb: window 3 … 9 Feb holds 5 Feb → kept; next review 9 Feb + 30 = 10 Mar (20 + 10)
    const r2 = feed(program, r.state, [tick('2024-03-01T12:00:00Z')]);
    expect(changes(r2.effects)).toEqual([]);
    expect(tierStatus(program, r2.state, '2024-03-01T12:00:00Z').downgrade).toEqual({ on: '2024-03-10T00:00:00.000Z', to: null });
    expect(changes(feed(program, r2.state, [tick('2024-03-15T12:00:00Z')]).effects)).toEqual([reviewDown('gold', null, '2024-03-10T00:00:00.000Z')]);
  });

  it('every N days: an upgrade starts the count again from entering the new level', () => {
    const program = tiered({ kind: 'scheduled', every: { kind: 'days', days: 30 } });
    const r = feed(program, fresh(program), [purchase('2024-01-10T00:00:00Z', '150'), purchase('2024-01-20T00:00:00Z', '100')]);
    expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-01-10T00:00:00.000Z'), up('silver', 'gold', '2024-01-20T00:00:00.000Z')]);
    // gold entered 20 Jan → review 19 Feb (not silver's 9 Feb, when the window 11 Jan … 9 Feb held 100 → silver)
    // on 19 Feb the window (21 Jan … 19 Feb) is empty → none
    expect(changes(feed(program, r.state, [tick('2024-03-01T12:00:00Z')]).effects)).toEqual([reviewDown('gold', null, '2024-02-19T00:00:00.000Z')]);
  });

  it('oneLevelAtATime: one level per review', () => {
    const program = tiered({ kind: 'scheduled', every: { kind: 'period', period: 'month' }, oneLevelAtATime: true }, { levels: ladder3() });
    const r = feed(program, fresh(program), [purchase('2024-01-10T12:00:00Z', '250')]);
    expect(tierStatus(program, r.state, '2024-02-15T12:00:00Z').downgrade).toEqual({ on: '2024-03-01T00:00:00.000Z', to: 'silver' });
    // 1 Feb: kept (10 Jan in window); 1 Mar, 1 Apr, 1 May: one step each
    expect(changes(feed(program, r.state, [tick('2024-05-05T12:00:00Z')]).effects)).toEqual([
      reviewDown('gold', 'silver', '2024-03-01T00:00:00.000Z'),
      reviewDown('silver', 'bronze', '2024-04-01T00:00:00.000Z'),
      reviewDown('bronze', null, '2024-05-01T00:00:00.000Z'),
    ]);
  });
});

describe('scheduled policy and refunds', () => {
  it('a refund lowers the qualification but not the level until the review', () => {
    const program = tiered({ kind: 'scheduled', every: { kind: 'period', period: 'month' } });
    const r = feed(program, fresh(program), [purchase('2024-01-10T12:00:00Z', '250', { orderId: 'A' }), refund('2024-01-12T12:00:00Z', 'A', '100')]);
    // 250 − 100 = 150: qualifies for silver, holds gold until 1 Feb
    expect(changes(r.effects)).toEqual([up(null, 'gold', '2024-01-10T12:00:00.000Z')]);
    expect(tierStatus(program, r.state, '2024-01-20T12:00:00Z')).toMatchObject({ level: 'gold', metrics: [{ spend: '150' }], downgrade: { on: '2024-02-01T00:00:00.000Z', to: 'silver' } });
    // review 1 Feb: window 3 Jan … 1 Feb holds 150 → silver; 10 Jan leaves on 9 Feb; review 1 Mar → none
    expect(changes(feed(program, r.state, [tick('2024-03-02T12:00:00Z')]).effects)).toEqual([
      reviewDown('gold', 'silver', '2024-02-01T00:00:00.000Z'),
      reviewDown('silver', null, '2024-03-01T00:00:00.000Z'),
    ]);
  });
});

describe('upgrades', () => {
  const policies = [
    { kind: 'grace', days: 10 },
    { kind: 'scheduled', every: { kind: 'period', period: 'year' } },
  ] as const;
  for (const policy of policies) {
    it(`are immediate under the ${policy.kind} policy`, () => {
      const program = tiered(policy);
      const r = feed(program, fresh(program), [purchase('2024-01-10T12:00:00Z', '150')]);
      expect(changes(r.effects)).toEqual([up(null, 'silver', '2024-01-10T12:00:00.000Z')]);
      expect(tierStatus(program, r.state, '2024-01-10T12:00:00Z').level).toBe('silver');
      // 150 + 100 = 250
      const r2 = feed(program, r.state, [purchase('2024-01-12T12:00:00Z', '100')]);
      expect(changes(r2.effects)).toEqual([up('silver', 'gold', '2024-01-12T12:00:00.000Z')]);
      expect(tierStatus(program, r2.state, '2024-01-12T12:00:00Z').level).toBe('gold');
    });
  }
});

describe('time-driven changes', () => {
  it('a later purchase applies the due downgrade first, dated when it was due, then its own upgrade', () => {
    const program = tiered({ kind: 'grace', days: 10 });
    const r = feed(program, fresh(program), [purchase('2024-01-01T12:00:00Z', '250')]);
    const p = purchase('2024-03-01T12:00:00Z', '150', { id: 'late-purchase' });
    const r2 = feed(program, r.state, [p]);
    // lapse 31 Jan + 10 = 10 Feb; the purchase then lifts to silver
    expect(changes(r2.effects)).toEqual([graceDown('gold', null, '2024-02-10T00:00:00.000Z'), up(null, 'silver', '2024-03-01T12:00:00.000Z')]);
    const tierEffects = r2.effects.filter((e) => e.type === 'tier_downgraded' || e.type === 'tier_upgraded');
    expect(tierEffects.every((e) => e.type !== 'ledger' && e.type !== 'wallet' && e.eventId === 'late-purchase')).toBe(true);
  });

  it('a tick months later applies every due transition in order (grace after a refund, then a day leaving)', () => {
    const program = tiered({ kind: 'grace', days: 10 });
    const r = feed(program, fresh(program), [purchase('2024-01-01T12:00:00Z', '250', { orderId: 'A' }), refund('2024-01-05T12:00:00Z', 'A', '100')]);
    // 15 Jan 12:00 gold → silver (grace from the refund); 10 Feb silver → none (31 Jan + 10)
    const r2 = feed(program, r.state, [tick('2024-09-01T12:00:00Z')]);
    expect(changes(r2.effects)).toEqual([graceDown('gold', 'silver', '2024-01-15T12:00:00.000Z'), graceDown('silver', null, '2024-02-10T00:00:00.000Z')]);
    const ids = r2.effects.map(effectId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('warnDaysBefore', () => {
  it('grace: one warning when the downgrade is due within N days, not repeated, and a new one when the date changes', () => {
    const program = tiered({ kind: 'grace', days: 10 }, { warnDaysBefore: 5 });
    const r = feed(program, fresh(program), [purchase('2024-01-01T12:00:00Z', '250')]);
    // the downgrade is due 10 Feb 00:00 (lapse 31 Jan + 10)
    // 3 Feb + 5 days = 8 Feb: not yet within 5 days
    const r1 = feed(program, r.state, [tick('2024-02-03T12:00:00Z')]);
    expect(warnings(r1.effects)).toEqual([]);
    // 6 Feb: due in 3½ days
    const r2 = feed(program, r1.state, [tick('2024-02-06T12:00:00Z')]);
    expect(warnings(r2.effects)).toEqual([{ level: 'gold', to: null, on: '2024-02-10T00:00:00.000Z', at: '2024-02-06T12:00:00.000Z' }]);
    // a second tick: no repeat
    const r3 = feed(program, r2.state, [tick('2024-02-07T12:00:00Z')]);
    expect(warnings(r3.effects)).toEqual([]);
    // 8 Feb: 250 again cancels the grace; 8 Feb leaves on 9 Mar (21 + 9), + 10 = 19 Mar
    const r4 = feed(program, r3.state, [purchase('2024-02-08T12:00:00Z', '250')]);
    expect(warnings(r4.effects)).toEqual([]);
    expect(tierStatus(program, r4.state, '2024-02-08T12:00:00Z').downgrade).toEqual({ on: '2024-03-19T00:00:00.000Z', to: null });
    // 13 Mar + 5 = 18 Mar: not yet; 15 Mar: due in 3½ days → a new warning for the new date
    const r5 = feed(program, r4.state, [tick('2024-03-13T12:00:00Z')]);
    expect(warnings(r5.effects)).toEqual([]);
    const r6 = feed(program, r5.state, [tick('2024-03-15T12:00:00Z'), tick('2024-03-16T12:00:00Z')]);
    expect(warnings(r6.effects)).toEqual([{ level: 'gold', to: null, on: '2024-03-19T00:00:00.000Z', at: '2024-03-15T12:00:00.000Z' }]);
    expect(changes(feed(program, r6.state, [tick('2024-03-20T12:00:00Z')]).effects)).toEqual([graceDown('gold', null, '2024-03-19T00:00:00.000Z')]);
  });

  it('grace: warns before the grace period has even started, when the whole downgrade is within N days', () => {
    const program = tiered({ kind: 'grace', days: 2 }, { warnDaysBefore: 5 });
    const r = feed(program, fresh(program), [purchase('2024-01-01T12:00:00Z', '250')]);
    // lapse 31 Jan (1 Jan + 30), + 2 days = 2 Feb 00:00; 27 Jan + 5 = 1 Feb: not yet; 29 Jan + 5 = 3 Feb: yes (still qualifying)
    const r1 = feed(program, r.state, [tick('2024-01-27T12:00:00Z')]);
    expect(warnings(r1.effects)).toEqual([]);
    const r2 = feed(program, r1.state, [tick('2024-01-29T12:00:00Z'), tick('2024-01-30T12:00:00Z')]);
    expect(warnings(r2.effects)).toEqual([{ level: 'gold', to: null, on: '2024-02-02T00:00:00.000Z', at: '2024-01-29T12:00:00.000Z' }]);
    expect(tierStatus(program, r2.state, '2024-01-30T12:00:00Z').metrics).toMatchObject([{ spend: '250' }]);
  });

  it('scheduled: warns of the coming review when it will lower the level', () => {
    const program = tiered({ kind: 'scheduled', every: { kind: 'period', period: 'month' } }, { warnDaysBefore: 5 });
    const r = feed(program, fresh(program), [purchase('2024-01-10T12:00:00Z', '250')]);
    // the 1 Feb review keeps gold (10 Jan in the window); the 1 Mar review will find nothing
    // 24 Feb + 5 = 29 Feb: not yet; 26 Feb + 5 = 2 Mar: due within 5 days
    const r1 = feed(program, r.state, [tick('2024-02-24T12:00:00Z')]);
    expect(warnings(r1.effects)).toEqual([]);
    const r2 = feed(program, r1.state, [tick('2024-02-26T12:00:00Z'), tick('2024-02-27T12:00:00Z')]);
    expect(warnings(r2.effects)).toEqual([{ level: 'gold', to: null, on: '2024-03-01T00:00:00.000Z', at: '2024-02-26T12:00:00.000Z' }]);
  });
});

describe('the seed ladder of docs/tiers.md (examples/03-spend-ladder, America/New_York)', () => {
  const program = defineProgram(JSON.parse(readFileSync(new URL('../../examples/03-spend-ladder/program.json', import.meta.url), 'utf8')) as ProgramInput);
  const usd = { currency: 'USD' };
  const start = (): { state: MemberState; effects: Effect[] } =>
    feed(program, fresh(program), [
      purchase('2024-01-10T12:00:00-05:00', '320', { ...usd, orderId: 'jan' }),
      purchase('2024-03-10T12:00:00-04:00', '700', { ...usd, orderId: 'mar' }), // clocks went forward at 02:00: 12:00 is EDT
      refund('2024-03-20T12:00:00-04:00', 'mar', '100'),
    ]);

  it('follows the table: upgrades, skipped levels’ rewards, grace after the refund, a day leaving, warnings', () => {
    const { state, effects } = start();
    const rewards = effects.filter((e) => e.type === 'reward_issued').map((e) => (e.type === 'reward_issued' ? [e.rewardId, e.level, e.at] : []));
    // 10 Jan: 320 ≥ 300 → invited; 10 Mar: 1020 ≥ 1000 → premium, with gift, half and premium rewards
    expect(changes(effects)).toEqual([up(null, 'invited', '2024-01-10T17:00:00.000Z'), up('invited', 'premium', '2024-03-10T16:00:00.000Z')]);
    expect(rewards).toEqual([
      ['coupon-20-percent-next-order', 'invited', '2024-01-10T17:00:00.000Z'],
      ['gift-card-30-usd', 'gift', '2024-03-10T16:00:00.000Z'],
      ['coupon-50-percent-next-order', 'half', '2024-03-10T16:00:00.000Z'],
      ['premium-20-percent-off-for-a-year', 'premium', '2024-03-10T16:00:00.000Z'],
    ]);
    // the purchase that lifts to premium earns at invited (no ×2): 700 points
    expect(ledgerEntries(effects).filter((e) => e.kind === 'earn').map((e) => e.points)).toEqual([320, 700]);
    // 20 Mar: 1020 − 100 = 920 < 1000, ≥ 600: grace until 20 Mar 12:00 EDT + 30 days = 19 Apr 12:00 EDT = 16:00 UTC; nothing announced
    expect(warnings(effects)).toEqual([]);
    expect(tierStatus(program, state, '2024-03-21T12:00:00-04:00').downgrade).toEqual({ on: '2024-04-19T16:00:00.000Z', to: 'half' });

    // warnDaysBefore 14: 1 Apr + 14 = 15 Apr: not yet; 10 Apr + 14 = 24 Apr: yes
    const a = feed(program, state, [tick('2024-04-01T12:00:00-04:00')]);
    expect(warnings(a.effects)).toEqual([]);
    const b = feed(program, a.state, [tick('2024-04-10T12:00:00-04:00'), tick('2024-04-12T12:00:00-04:00')]);
    expect(warnings(b.effects)).toEqual([{ level: 'premium', to: 'half', on: '2024-04-19T16:00:00.000Z', at: '2024-04-10T16:00:00.000Z' }]);
    // 19 Apr: premium → half
    const c = feed(program, b.state, [tick('2024-04-20T12:00:00-04:00')]);
    expect(changes(c.effects)).toEqual([graceDown('premium', 'half', '2024-04-19T16:00:00.000Z')]);

    // 10 Jul: 10 Jul − 6 months = 10 Jan → window from 11 Jan: the January order leaves (920 − 320 = 600, still half)
    expect(tierStatus(program, c.state, '2024-07-09T23:59:59-04:00').metrics).toMatchObject([{ from: '2024-01-10', spend: '920' }]);
    expect(tierStatus(program, c.state, '2024-07-10T00:00:00-04:00')).toMatchObject({ level: 'half', metrics: [{ from: '2024-01-11', spend: '600' }] });

    // 25 Jul: next premium, 1000 − 600 = 400 missing, by 10 Sep (the March order leaves: 10 Sep − 6 months = 10 Mar);
    // 10 Sep 00:00 EDT = 04:00 UTC; downgrade 30 days later: 10 Oct 00:00 EDT = 04:00 UTC, to none
    const july = tierStatus(program, c.state, '2024-07-25T12:00:00-04:00');
    expect(july.level).toBe('half');
    expect(july.next).toMatchObject({
      level: 'premium',
      criteria: { metric: 'spend', atLeast: '1000', current: '600', missing: '400', met: false },
      by: '2024-09-10T04:00:00.000Z',
    });
    expect(july.downgrade).toEqual({ on: '2024-10-10T04:00:00.000Z', to: null });

    // 30 Sep (+14 = 14 Oct): warned of 10 Oct; 11 Oct: half → none
    const d = feed(program, c.state, [tick('2024-09-30T12:00:00-04:00')]);
    expect(changes(d.effects)).toEqual([]);
    expect(warnings(d.effects)).toEqual([{ level: 'half', to: null, on: '2024-10-10T04:00:00.000Z', at: '2024-09-30T16:00:00.000Z' }]);
    const e = feed(program, d.state, [tick('2024-10-11T12:00:00-04:00')]);
    expect(changes(e.effects)).toEqual([graceDown('half', null, '2024-10-10T04:00:00.000Z')]);
  });

  it('one tick months later applies both downgrades, in order, each dated when it happened', () => {
    const { state } = start();
    const r = feed(program, state, [tick('2024-11-01T12:00:00-04:00')]);
    expect(changes(r.effects)).toEqual([graceDown('premium', 'half', '2024-04-19T16:00:00.000Z'), graceDown('half', null, '2024-10-10T04:00:00.000Z')]);
    expect(warnings(r.effects)).toEqual([]);
    expect(tierStatus(program, r.state, '2024-11-01T12:00:00-04:00')).toMatchObject({ level: null, qualifiedLevel: null, downgrade: null });
  });
});
