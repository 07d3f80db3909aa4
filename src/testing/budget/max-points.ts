/**
 * `maxPointsPerOrder` / `maxPointsPerDay`: the most points one order, or one
 * calendar day, can earn under a program, as found by a fast-check search,
 * with the cheapest stream of purchases that reaches it.
 */
import fc from 'fast-check';
import { evaluate } from '../../engine/evaluate.js';
import { ledgerEntries } from '../../engine/effects.js';
import { isLoyaltyError } from '../../errors/loyalty-error.js';
import type { EventInput } from '../../events/schema.js';
import type { LedgerEntry } from '../../ledger/entry.js';
import { newMemberState } from '../../member/state.js';
import type { Program } from '../../program/define.js';
import { buildEvents } from '../arbitraries/build-events.js';
import { startArb, stepArb } from '../arbitraries/steps.js';
import { vocabularyOf } from '../support/harvest.js';
import { moneyScale } from '../support/money.js';
import { localDate } from '../support/time.js';
import { searchMax, type Score } from './search.js';

/** Options of {@link maxPointsPerOrder} and {@link maxPointsPerDay}. */
export interface BudgetOptions {
  /** Streams tried (default 300). */
  readonly numRuns?: number;
  /** fast-check's seed (default: fast-check picks one; the result reports it). */
  readonly seed?: number;
  /** Purchases per stream, all by one member (default 10). */
  readonly maxEvents?: number;
  /** The largest order, in the program's currency (default 5000). */
  readonly maxAmount?: number;
}

/** The highest number found, and the cheapest stream found that reaches it. */
export interface BudgetResult {
  /** The most points found. */
  readonly max: number;
  /** Shrunk: as few purchases, as small, as fast-check could make them while still reaching `max`. */
  readonly events: readonly EventInput[];
  /** The order (per order) or the calendar date in the program's zone (per day) where `max` is reached. */
  readonly where: string | undefined;
  /** fast-check's seed: pass it back to reproduce the search. */
  readonly seed: number;
  /** Streams tried. */
  readonly runs: number;
}

function purchasesArb(program: Program, o: BudgetOptions, sameDay: boolean): fc.Arbitrary<EventInput[]> {
  const money = moneyScale(program.currency);
  const top = Math.max(1, Math.floor(Math.round((o.maxAmount ?? 5_000) * 10 ** money.digits) / money.factor));
  const amount = fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 1, max: top }) }, { weight: 1, arbitrary: fc.constant(top) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: Math.max(1, Math.floor(top / 20)) }) });
  const gap = sameDay
    ? fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 90 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }).map((d) => d * 1440) })
    : fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 60 }).map((d) => d * 1440));
  const step = stepArb({ members: 1, outOfOrderMinutes: 0, redeemWeight: 1, bogusRefunds: false, purchasesOnly: true, gap, amount, maxPrice: Math.max(1, Math.floor(top / 16)) });
  const ctx = { program, money, vocabulary: vocabularyOf(program), bogusRefunds: false, unknownRewards: false };
  return fc
    .record({ steps: fc.array(step, { minLength: 1, maxLength: o.maxEvents ?? 10 }), start: startArb })
    .map(({ steps, start }) => [...buildEvents(ctx, steps, start).events]);
}

function earnEntries(program: Program, events: readonly EventInput[]): LedgerEntry[] {
  let state = newMemberState(program, 'm0');
  const out: LedgerEntry[] = [];
  for (const event of events) {
    try {
      const r = evaluate(program, state, event);
      state = r.state;
      for (const e of ledgerEntries(r.effects)) if (e.kind === 'earn') out.push(e);
    } catch (error) {
      if (!isLoyaltyError(error)) throw error;
    }
  }
  return out;
}

function best(totals: ReadonlyMap<string, number>): Score {
  let score: Score = { value: 0, where: undefined };
  for (const [where, value] of totals) if (value > score.value) score = { value, where };
  return score;
}

/**
 * The most points one order earns (its `earn` entries: every rule, after
 * multipliers, tier multipliers and caps), searched over streams of up to
 * `maxEvents` purchases by one member (earlier purchases can lift a tier).
 *
 * @example
 * const { max, events } = maxPointsPerOrder(program, { numRuns: 500 });
 * expect(max).toBeLessThanOrEqual(100);
 */
export function maxPointsPerOrder(program: Program, options: BudgetOptions = {}): BudgetResult {
  const score = (events: readonly EventInput[]): Score => {
    const byOrder = new Map<string, number>();
    for (const e of earnEntries(program, events)) if (e.orderId !== undefined) byOrder.set(e.orderId, (byOrder.get(e.orderId) ?? 0) + e.points);
    return best(byOrder);
  };
  return searchMax(purchasesArb(program, options, false), score, { numRuns: options.numRuns ?? 300, seed: options.seed });
}

/**
 * The most points one member earns on one calendar day in the program's time
 * zone (every `earn` entry of the day, tier entry rewards included), searched
 * over streams of up to `maxEvents` purchases, mostly minutes apart.
 *
 * @example
 * const { max, where } = maxPointsPerDay(program);
 * console.log(`${max} points on ${where}`);
 */
export function maxPointsPerDay(program: Program, options: BudgetOptions = {}): BudgetResult {
  const score = (events: readonly EventInput[]): Score => {
    const byDay = new Map<string, number>();
    for (const e of earnEntries(program, events)) {
      const day = localDate(Date.parse(e.at), program.timezone);
      byDay.set(day, (byDay.get(day) ?? 0) + e.points);
    }
    return best(byDay);
  };
  return searchMax(purchasesArb(program, options, true), score, { numRuns: options.numRuns ?? 300, seed: options.seed });
}
