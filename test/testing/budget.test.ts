/**
 * Budget checks on programs small enough to check by hand, and the static
 * bounds against what the search finds on generated programs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineProgram, ledgerEntries, replay, type Program } from '../../src/index.js';
import { maxPointsPerDay, maxPointsPerOrder, programArb, unaffordableRewards, unreachableTiers } from '../../src/testing/index.js';
import { earnBound, uncappedBound } from '../../src/testing/budget/bounds.js';
import { runs } from '../support/runs.js';

/** 1 point per £1, capped as asked; a catalog of rewards at the given costs. */
function tiny(caps: Record<string, number>, costs: Record<string, number> = {}, extra: Record<string, unknown> = {}): Program {
  return defineProgram({
    id: 'tiny', version: 1, currency: 'GBP', timezone: 'Europe/London',
    points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt', caps },
    earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
    rewards: { codeSalt: 'tiny-program-code-salt', catalog: Object.entries(costs).map(([id, cost]) => ({ id, kind: 'experience', cost })) },
    ...extra,
  });
}

const earned = (program: Program, events: readonly unknown[]): number[] =>
  ledgerEntries(replay(program, events).effects).filter((e) => e.kind === 'earn').map((e) => e.points);

describe('maxPointsPerOrder / maxPointsPerDay', () => {
  it('1 point per £1 with a perEvent cap of 100: at most 100 points an order, reached by one £100 order', () => {
    const program = tiny({ perEvent: 100 });
    const result = maxPointsPerOrder(program, { seed: 1 });
    expect(result.max).toBe(100);
    expect(result.events).toHaveLength(1);
    expect(result.where).toBe(result.events[0]?.type === 'purchase' ? result.events[0].orderId : undefined);
    // the cheapest order that earns 100 is £100
    expect(result.events[0]).toMatchObject({ type: 'purchase', amount: '100.00' });
    expect(earned(program, result.events)).toEqual([100]);
  });

  it('a perDay cap of 250 (and perEvent 100): at most 250 points a day, reached by orders of one day', () => {
    const program = tiny({ perEvent: 100, perDay: 250 });
    const result = maxPointsPerDay(program, { seed: 2 });
    expect(result.max).toBe(250);
    expect(result.where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(earned(program, result.events).reduce((s, n) => s + n, 0)).toBe(250);
    const days = new Set(result.events.map((e) => new Date(Date.parse(e.at)).toLocaleDateString('en-CA', { timeZone: 'Europe/London' })));
    expect([...days]).toEqual([result.where]);
    // an order earns at most 100, so it takes at least three
    expect(result.events.length).toBeGreaterThanOrEqual(3);
  });

  it('finds the tier multiplier that earlier spending unlocks', () => {
    const program = tiny({ perEvent: 1_000 }, {}, {
      tiers: { window: { kind: 'lifetime' }, levels: [{ id: 'gold', criteria: { metric: 'spend', atLeast: '100' }, multiplier: '3' }], downgrade: { kind: 'grace', days: 0 } },
    });
    const result = maxPointsPerOrder(program, { seed: 3, maxAmount: 300 });
    // £300 at 3 × once gold: 900 points on one order; gold needs an earlier order
    expect(result.max).toBe(900);
    expect(result.events.length).toBeGreaterThanOrEqual(2);
  });

  it('returns 0 and no events for a program that never earns', () => {
    const program = defineProgram({ id: 'none', version: 1, currency: 'GBP', timezone: 'UTC', points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' } });
    expect(maxPointsPerOrder(program, { numRuns: 20 })).toMatchObject({ max: 0, events: [], where: undefined });
  });

  it('never finds more in a day than the static bound of the caps (generated programs)', () => {
    fc.assert(
      fc.property(programArb({ caps: true }), (program) => {
        const bound = earnBound(program, 1) + uncappedBound(program, 1);
        const found = maxPointsPerDay(program, { numRuns: 10, seed: 5, maxEvents: 6 });
        expect(found.max).toBeLessThanOrEqual(bound);
      }),
      { numRuns: runs(12) },
    );
  });
});

describe('unaffordableRewards', () => {
  it('a reward costing more than a year of capped earning is unaffordable; a cheaper one is not', () => {
    const program = tiny({ perEvent: 100, perDay: 250 }, { cruise: 100_000, mug: 50_000 });
    // 250 a day over the 367 calendar days a 365-day horizon can touch
    expect(unaffordableRewards(program)).toEqual([
      expect.objectContaining({ rewardId: 'cruise', cost: 100_000, needed: 100_000, reachable: 91_750, reason: 'points' }),
    ]);
    expect(unaffordableRewards(program, { horizonDays: 730 })).toEqual([]);
  });

  it('counts only points that have not expired nor are still pending, and the minimum balance after', () => {
    const expiring = tiny({ perDay: 250 }, { trip: 10_000 }, {});
    const short = defineProgram({ ...JSON.parse(JSON.stringify(expiring)), points: { ...JSON.parse(JSON.stringify(expiring.points)), expiry: { kind: 'days-after-earning', days: 30 }, pendingDays: 10 } });
    // points available at once: earned within the last 30 days, not the last 10: 20 days → 22 dates × 250
    expect(unaffordableRewards(short)).toEqual([expect.objectContaining({ rewardId: 'trip', reachable: 5_500, reason: 'points' })]);
    const withFloor = tiny({ perDay: 10 }, {}, { rewards: { codeSalt: 'tiny-program-code-salt', catalog: [{ id: 'gift', kind: 'experience', cost: 3_600, minBalanceAfter: 100 }] } });
    expect(unaffordableRewards(withFloor)).toEqual([expect.objectContaining({ rewardId: 'gift', needed: 3_700, reachable: 3_670 })]);
  });

  it('bounds nothing without caps, and flags rewards only unreachable levels may redeem', () => {
    const uncapped = defineProgram({
      id: 'open', version: 1, currency: 'GBP', timezone: 'UTC',
      points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
      earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' } }],
      tiers: { window: { kind: 'rolling', days: 30 }, levels: [{ id: 'vip', criteria: { metric: 'visits', atLeast: '45' } }], downgrade: { kind: 'grace', days: 0 } },
      rewards: { codeSalt: 'open-program-code-salt', catalog: [{ id: 'yacht', kind: 'experience', cost: 1_000_000_000 }, { id: 'lounge', kind: 'experience', cost: 10, tiers: ['vip'] }] },
    });
    expect(unaffordableRewards(uncapped)).toEqual([expect.objectContaining({ rewardId: 'lounge', reachable: null, reason: 'tiers' })]);
  });
});

describe('unreachableTiers', () => {
  const ladder = (window: Record<string, unknown>, levels: Record<string, unknown>[], caps?: Record<string, number>): Program =>
    defineProgram({
      id: 'ladder', version: 1, currency: 'GBP', timezone: 'UTC',
      points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt', ...(caps === undefined ? {} : { caps }) },
      earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' } }],
      tiers: { window, levels, downgrade: { kind: 'grace', days: 0 } },
    });

  it('visits above the days a window holds can never be met', () => {
    const program = ladder({ kind: 'rolling', days: 90 }, [
      { id: 'regular', criteria: { metric: 'visits', atLeast: '90' } },
      { id: 'daily', criteria: { metric: 'visits', atLeast: '91' } },
    ]);
    expect(unreachableTiers(program)).toEqual([{ level: 'daily', reason: 'visits ≥ 91, but a rolling 90-day window holds at most 90 days' }]);
  });

  it('rolling months, calendar periods and membership years hold their longest spans', () => {
    const months = ladder({ kind: 'rolling', months: 6 }, [{ id: 'a', criteria: { metric: 'visits', atLeast: '184' } }, { id: 'b', criteria: { metric: 'visits', atLeast: '185' } }]);
    expect(unreachableTiers(months).map((t) => t.level)).toEqual(['b']);
    const month = ladder({ kind: 'calendar', period: 'month' }, [{ id: 'a', criteria: { metric: 'visits', atLeast: '31' } }, { id: 'b', criteria: { metric: 'visits', atLeast: '32' } }]);
    expect(unreachableTiers(month).map((t) => t.level)).toEqual(['b']);
    const year = ladder({ kind: 'anniversary' }, [{ id: 'a', criteria: { metric: 'visits', atLeast: '366' } }, { id: 'b', criteria: { metric: 'visits', atLeast: '367' } }]);
    expect(unreachableTiers(year).map((t) => t.level)).toEqual(['b']);
  });

  it('orders and spend are bounded only by the business limits given', () => {
    const program = ladder({ kind: 'rolling', days: 30 }, [{ id: 'gold', criteria: { metric: 'orders', atLeast: '40' } }, { id: 'whale', criteria: { metric: 'spend', atLeast: '100000' } }]);
    expect(unreachableTiers(program)).toEqual([]);
    expect(unreachableTiers(program, { maxOrdersPerDay: 1, maxSpendPerDay: 1000 })).toEqual([
      { level: 'gold', reason: 'orders ≥ 40, but a rolling 30-day window holds at most 30 days × 1 orders = 30' },
      { level: 'whale', reason: 'spend ≥ 100000, but a rolling 30-day window holds at most 30 days × 1000 GBP = 30000' },
    ]);
  });

  it('qualifying points under caps, tenure within a horizon, and all / any combinations', () => {
    const program = ladder({ kind: 'calendar', period: 'month' }, [
      { id: 'earner', criteria: { metric: 'points', atLeast: '4000' } },
      { id: 'veteran', criteria: { all: [{ metric: 'tenureDays', atLeast: '400' }, { metric: 'visits', atLeast: '3' }] } },
      { id: 'either', criteria: { any: [{ metric: 'visits', atLeast: '40' }, { metric: 'points', atLeast: '100' }] } },
      { id: 'neither', criteria: { any: [{ metric: 'visits', atLeast: '40' }, { metric: 'points', atLeast: '5000' }] } },
    ], { perDay: 100 });
    expect(unreachableTiers(program, { horizonDays: 365 })).toEqual([
      { level: 'earner', reason: "points ≥ 4000, but the earn rules' caps allow at most 3100 points when a calendar month holds at most 31 days" },
      { level: 'veteran', reason: 'tenureDays ≥ 400, but members are at most 365 days old' },
      { level: 'neither', reason: "visits ≥ 40, but a calendar month holds at most 31 days; and points ≥ 5000, but the earn rules' caps allow at most 3100 points when a calendar month holds at most 31 days" },
    ]);
    expect(unreachableTiers(program).map((t) => t.level)).toEqual(['earner', 'neither']);
  });
});
