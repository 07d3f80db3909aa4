import type { Program } from '../../program/define.js';
import type { TierCriterion } from '../../program/tiers-schema.js';
import { metricsAt } from '../../tiers/qualify.js';
import { exact } from '../support/money.js';
import { localDate } from '../support/time.js';
import type { Invariant } from './types.js';

interface Metrics {
  readonly spend: string;
  readonly orders: number;
  readonly visits: number;
  readonly points: number;
  readonly tenureDays: number;
}

/** Whether metrics meet a criterion, evaluated here from the program's definition. */
function met(c: TierCriterion, m: Metrics): boolean {
  if ('all' in c) return c.all.every((x) => met(x, m));
  if ('any' in c) return c.any.some((x) => met(x, m));
  if (c.metric === 'spend') return !m.spend.startsWith('-') && exact(m.spend) >= exact(c.atLeast);
  return m[c.metric] >= Number(c.atLeast);
}

/** The highest level any span's metrics qualify for (−1: none). */
function qualified(program: Program, metrics: readonly Metrics[]): number {
  const levels = program.tiers?.levels ?? [];
  let best = -1;
  for (const m of metrics) {
    for (let i = levels.length - 1; i > best; i--) {
      const criteria = levels[i]?.criteria;
      if (criteria === undefined || met(criteria as TierCriterion, m)) {
        best = i;
        break;
      }
    }
  }
  return best;
}

const describe = (m: Metrics): string => `spend ${m.spend}, orders ${m.orders}, visits ${m.visits}, points ${m.points}, tenure ${m.tenureDays} days`;

/**
 * Right after an event, the level held by qualifying is exactly the level the
 * window's metrics qualify for when the program drops levels at once (a
 * 0-day grace), and never below it otherwise (upgrades are immediate). The
 * metrics are the engine's (those `tierStatus` shows: the member's window on
 * the day of their latest event); which level they qualify for is worked out
 * here from the program's criteria.
 */
export const tiers: Invariant = {
  name: 'tiers',
  check({ program, after }) {
    const t = program.tiers;
    const tier = after.tier;
    if (t === undefined || tier === undefined || after.lastEventAt === null || after.enrolledAt === null) return undefined;
    const tz = program.timezone;
    const metrics = metricsAt(t, tier, localDate(Date.parse(after.lastEventAt), tz), localDate(Date.parse(after.enrolledAt), tz)).map((m) => ({ ...m, spend: m.spend.toFixed() }));
    const q = qualified(program, metrics);
    const held = t.levels.findIndex((l) => l.id === tier.level);
    const name = (rank: number): string => (rank < 0 ? 'no level' : `"${t.levels[rank]?.id ?? '?'}"`);
    const why = metrics.map(describe).join(' / ');
    if (t.downgrade.kind === 'grace' && t.downgrade.days === 0 && held !== q) {
      return `${name(held)} is held, but the metrics (${why}) qualify for ${name(q)} and the program drops levels at once (grace of 0 days)`;
    }
    if (held < q) return `${name(held)} is held, below ${name(q)} that the metrics (${why}) qualify for`;
    return undefined;
  },
};
