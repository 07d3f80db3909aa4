/**
 * `unreachableTiers`: levels whose criteria no member can meet, by bounding
 * what each metric can reach inside the program's tier window.
 */
import type { Program } from '../../program/define.js';
import type { TierCriterion, TierWindow } from '../../program/tiers-schema.js';
import { DAY_MS } from '../support/time.js';
import { datesTouched, earnBound } from './bounds.js';

/** Options of {@link unreachableTiers}: limits of your business that bound the metrics. */
export interface TierReachOptions {
  /** Members are at most this many days old (bounds tenure and a lifetime window; default: no limit). */
  readonly horizonDays?: number;
  /** Your business's limit on orders per member per day (default: no limit, as in the engine). */
  readonly maxOrdersPerDay?: number;
  /** Your business's limit on money spent per member per day, in the program's currency (default: no limit). */
  readonly maxSpendPerDay?: number;
}

/** A level no member can qualify for, and why. */
export interface UnreachableTier {
  /** The level's id. */
  readonly level: string;
  /** The threshold(s) out of reach and the bound that rules each out. */
  readonly reason: string;
}

/** The most calendar dates (`YYYY-MM-DD`) `months` months back can hold: (D − months, D], over four years of D. */
function rollingMonthsDates(months: number): number {
  let most = 0;
  for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2028, 0, 1); ms += DAY_MS) {
    const d = new Date(ms);
    const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
    const y = Math.floor(total / 12);
    const m = total - y * 12;
    const start = Date.UTC(y, m, Math.min(d.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate()));
    most = Math.max(most, Math.round((ms - start) / DAY_MS));
  }
  return most;
}

/** The most calendar dates one span of the window covers, in words too. */
export function windowDates(window: TierWindow): { dates: number; words: string } {
  switch (window.kind) {
    case 'rolling':
      return window.days !== undefined
        ? { dates: window.days, words: `a rolling ${window.days}-day window` }
        : { dates: rollingMonthsDates(window.months ?? 1), words: `a rolling ${window.months ?? 1}-month window` };
    case 'calendar':
      return { dates: window.period === 'month' ? 31 : window.period === 'quarter' ? 92 : 366, words: `a calendar ${window.period}` };
    case 'anniversary':
      return { dates: 366, words: 'a membership year' };
    default:
      return { dates: Infinity, words: 'a lifetime window' };
  }
}

/** Why a criterion can never be met (`undefined`: it may be met). */
function outOfReach(c: TierCriterion, bound: (metric: string) => { max: number; why: string }): string | undefined {
  if ('all' in c) {
    for (const x of c.all) {
      const why = outOfReach(x, bound);
      if (why !== undefined) return why;
    }
    return undefined;
  }
  if ('any' in c) {
    const whys = c.any.map((x) => outOfReach(x, bound));
    return whys.every((w) => w !== undefined) ? whys.join('; and ') : undefined;
  }
  const { max, why } = bound(c.metric);
  return Number(c.atLeast) > max ? `${c.metric} ≥ ${c.atLeast}, but ${why}` : undefined;
}

/**
 * The tier levels whose criteria no member can ever meet, by a sound bound on
 * each metric within one span of the window: visits ≤ the days the window
 * holds; orders and spend ≤ those days × `maxOrdersPerDay` / `maxSpendPerDay`
 * (unbounded unless given: the engine does not limit them); qualifying points
 * ≤ what the earn rules' day and month caps allow over those days (unbounded
 * without caps); tenure ≤ `horizonDays`. A level listed is certainly out of
 * reach by qualifying (a paid membership or a `tier_grant` can still grant
 * it); a level not listed may still be out of reach in ways these bounds do
 * not see.
 *
 * @example
 * unreachableTiers(program, { maxOrdersPerDay: 1 })
 * // [{ level: 'gold', reason: 'orders ≥ 40, but a rolling 30-day window holds at most 30 days × 1 orders = 30' }]
 */
export function unreachableTiers(program: Program, options: TierReachOptions = {}): UnreachableTier[] {
  const tiers = program.tiers;
  if (tiers === undefined) return [];
  const horizon = options.horizonDays ?? Infinity;
  const window = windowDates(tiers.window);
  const dates = Math.min(window.dates, datesTouched(horizon));
  const span = window.dates <= datesTouched(horizon) ? `${window.words} holds at most ${dates} days` : `a member of at most ${horizon} days has at most ${dates} days in ${window.words}`;
  const perDay = (limit: number | undefined, unit: string): { max: number; why: string } =>
    limit === undefined ? { max: Infinity, why: '' } : { max: dates * limit, why: `${span} × ${limit} ${unit} = ${dates * limit}` };
  const bound = (metric: string): { max: number; why: string } => {
    switch (metric) {
      case 'visits':
        return { max: dates, why: span };
      case 'orders':
        return perDay(options.maxOrdersPerDay, 'orders');
      case 'spend':
        return perDay(options.maxSpendPerDay, program.currency);
      case 'points': {
        const max = earnBound(program, dates);
        return { max, why: `the earn rules' caps allow at most ${max} points when ${span}` };
      }
      default:
        return { max: horizon, why: `members are at most ${horizon} days old` };
    }
  };
  const out: UnreachableTier[] = [];
  for (const level of tiers.levels) {
    if (level.criteria === undefined) continue;
    const reason = outOfReach(level.criteria as TierCriterion, bound);
    if (reason !== undefined) out.push({ level: level.id, reason });
  }
  return out;
}
