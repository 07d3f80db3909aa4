import { LoyaltyError } from '../errors/loyalty-error.js';
import { show } from '../errors/show.js';
import type { LoyaltyEvent } from '../events/schema.js';
import { parseEvent } from '../events/parse.js';
import { readViewInstant } from '../engine/moment.js';
import { Dec, money } from '../money/decimal.js';
import { checkSource, forEachEvent, stringField } from './source.js';
import type { EventSource, RfmScore } from './types.js';

type Score = 1 | 2 | 3 | 4 | 5;
const DAY_MS = 86_400_000;

interface Customer {
  lastPurchaseMs: number;
  purchases: number;
  spend: InstanceType<typeof Dec>;
}

/**
 * Folds purchases and refunds into what RFM needs, member by member: the last
 * purchase, the number of purchases, and net spend (purchases less refunds).
 */
export class RfmTally {
  readonly #customers = new Map<string, Customer>();
  #currency: string | undefined;

  add(event: LoyaltyEvent): void {
    if (event.type === 'purchase') {
      if (this.#currency === undefined) this.#currency = event.currency;
      else if (event.currency !== this.#currency) {
        throw new LoyaltyError('currency_mismatch', `rfmScores: purchase ${show(event.id)} is in ${event.currency}, earlier purchases in ${this.#currency}`);
      }
      const ms = Date.parse(event.at);
      const c = this.#customers.get(event.memberId);
      if (c === undefined) this.#customers.set(event.memberId, { lastPurchaseMs: ms, purchases: 1, spend: new Dec(event.amount) });
      else {
        c.lastPurchaseMs = Math.max(c.lastPurchaseMs, ms);
        c.purchases++;
        c.spend = c.spend.plus(event.amount);
      }
    } else if (event.type === 'refund') {
      const c = this.#customers.get(event.memberId);
      if (c !== undefined) c.spend = c.spend.minus(event.amount);
    }
  }

  /** Scores at `atMs` for every member with a purchase, sorted by member id. */
  scores(atMs: number): RfmScore[] {
    const ids = [...this.#customers.keys()].sort(byId);
    const rows = ids.map((memberId) => {
      const c = this.#customers.get(memberId) as Customer;
      if (c.lastPurchaseMs > atMs) {
        throw new LoyaltyError('invalid_argument', `rfmScores: at (${new Date(atMs).toISOString()}) is before ${show(memberId)}'s last purchase`);
      }
      return { memberId, recencyDays: Math.floor((atMs - c.lastPurchaseMs) / DAY_MS), frequency: c.purchases, spend: c.spend };
    });
    // higher is better for every ranking: fewer days since the last purchase, more purchases, more spend
    const r = quintiles(rows, (a, b) => b.recencyDays - a.recencyDays);
    const f = quintiles(rows, (a, b) => a.frequency - b.frequency);
    const m = quintiles(rows, (a, b) => a.spend.comparedTo(b.spend));
    return rows.map((row, i) => {
      const [ri, fi, mi] = [r[i] as Score, f[i] as Score, m[i] as Score];
      return { memberId: row.memberId, recencyDays: row.recencyDays, frequency: row.frequency, monetary: money(row.spend), r: ri, f: fi, m: mi, score: `${ri}${fi}${mi}` };
    });
  }
}

/**
 * Scores 1–5 by quintile, 5 for the best. A value's score is `1 + ⌊5q⌋`
 * where `q = (members with a worse value + half of those with an equal one) ÷ members`
 * (its mid-rank share, the percentile rank): equal values score the same.
 * `compare(a, b)` is negative when `a` is worse.
 */
export function quintiles<T>(rows: readonly T[], compare: (a: T, b: T) => number): Score[] {
  const n = rows.length;
  const order = rows.map((row, index) => ({ row, index })).sort((a, b) => compare(a.row, b.row));
  const out = new Array<Score>(n);
  let below = 0;
  while (below < n) {
    let end = below + 1;
    while (end < n && compare((order[below] as { row: T }).row, (order[end] as { row: T }).row) === 0) end++;
    const tied = end - below;
    // 1 + ⌊5 (below + tied/2) / n⌋, in integers: 1 + ⌊5 (2·below + tied) / 2n⌋ (at most 5, as below + tied/2 < n)
    const score = (1 + Math.floor((5 * (2 * below + tied)) / (2 * n))) as Score;
    for (let k = below; k < end; k++) out[(order[k] as { index: number }).index] = score;
    below = end;
  }
  return out;
}

/**
 * RFM scores of every member who made a purchase: days from their last
 * purchase to `at` (default: the last event's time), purchases, and net spend
 * (purchases less refunds), each scored 1–5 by quintile (5 = most recent,
 * most frequent, highest spend; equal values score the same). Sorted by
 * member id. Events are validated like the engine's; a repeated event id is
 * counted once.
 *
 * @example
 * const scores = await rfmScores(events, { at: '2011-12-10T00:00:00Z' });
 * const champions = scores.filter((s) => s.score === '555');
 */
export async function rfmScores(events: EventSource, options: { readonly at?: string } = {}): Promise<RfmScore[]> {
  checkSource('rfmScores', events);
  if (options === null || typeof options !== 'object') throw new LoyaltyError('invalid_argument', `rfmScores: options must be an object, not ${show(options)}`);
  const atMs = options.at === undefined ? undefined : readViewInstant('rfmScores', options.at);
  const tally = new RfmTally();
  const seen = new Set<string>();
  let lastMs: number | undefined;
  await forEachEvent(events, (raw) => {
    const id = stringField(raw, 'id');
    if (id !== undefined && seen.has(id)) return;
    const event = parseEvent(raw);
    seen.add(event.id);
    const ms = Date.parse(event.at);
    if (lastMs === undefined || ms > lastMs) lastMs = ms;
    tally.add(event);
  });
  return tally.scores(atMs ?? lastMs ?? 0);
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
