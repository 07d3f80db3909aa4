// Concurrency: 8 workers share one store and process every event twice, in a random global order,
// redelivering a refund that arrived before its purchase (refused `unknown_order`) like a queue would.
// Every event must be applied exactly once, and every member must end where a sequential replay of
// their history in time order ends.
//
// The histories are built so that the order of processing does not change the outcome, apart from a
// refund needing its purchase first: no expiry, no pending points, no caps, `negativeBalance: 'allow'`
// (a debt would make later earnings depend on the order), at most one refund per order (two partial
// refunds of one order applied in either order give the same points, but the refunded share is a
// decimal quotient whose last digits depend on the order). Lots are not compared: a negative
// adjustment takes from whichever lots exist when it is applied; their sum (the balance) is.
//
// MemoryStore always; real PostgreSQL when LOYALTY_PG_URL is set (a fresh schema, dropped after),
// each worker with its own engine and store over one pg.Pool.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MemoryStore,
  balanceOf,
  createEngine,
  defineProgram,
  effectId,
  isLoyaltyError,
  ledgerEntries,
  replay,
  type Effect,
  type Engine,
  type MemberState,
  type Store,
} from '../../src/index.js';
import { PostgresStore, migrate } from '../../src/postgres/index.js';

const SEED = Number(process.env.EDGE_SEED ?? 20240601);
const WORKERS = 8;
const MEMBERS = 500;
const EVENTS = 20_000;

const program = defineProgram({
  id: 'concurrency',
  version: 1,
  currency: 'GBP',
  timezone: 'Europe/London',
  earn: [
    { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
    { id: 'big-basket', kind: 'bonus', points: 25, minAmount: '100.00' },
  ],
  points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'allow' },
});

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const cents = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

type Event = Record<string, unknown> & { id: string; memberId: string };

/**
 * `count` events spread round-robin over `members` members; each member's events in time order
 * (1 minute to 3 days apart, from a random start in 2024): purchases of £1–£300, refunds (full or
 * partial, once per order) of an earlier purchase, and adjustments of ±1–200 points.
 */
function histories(seed: number, members: number, count: number): { events: Event[]; byMember: Map<string, Event[]> } {
  const rand = prng(seed);
  const byMember = new Map<string, Event[]>();
  const clocks = new Map<string, number>();
  const open = new Map<string, { orderId: string; cents: number }[]>();
  const events: Event[] = [];
  for (let i = 0; i < count; i++) {
    const memberId = `member-${String(i % members).padStart(3, '0')}`;
    const list = byMember.get(memberId) ?? [];
    byMember.set(memberId, list);
    const orders = open.get(memberId) ?? [];
    open.set(memberId, orders);
    const t = (clocks.get(memberId) ?? Date.parse('2024-01-01T00:00:00Z') + Math.floor(rand() * 90 * 86_400_000)) + 60_000 + Math.floor(rand() * 3 * 86_400_000);
    clocks.set(memberId, t);
    const at = new Date(t).toISOString();
    const id = `${memberId}:e${list.length}`;
    const r = rand();
    let event: Event;
    if (r < 0.25 && orders.length > 0) {
      const [order] = orders.splice(Math.floor(rand() * orders.length), 1);
      const amount = rand() < 0.4 ? order!.cents : Math.max(1, Math.floor(order!.cents * rand()));
      event = { id, type: 'refund', memberId, at, orderId: order!.orderId, amount: cents(amount) };
    } else if (r < 0.4) {
      const points = (1 + Math.floor(rand() * 200)) * (rand() < 0.5 ? -1 : 1);
      event = { id, type: 'adjustment', memberId, at, points, reason: 'service' };
    } else {
      const amount = 100 + Math.floor(rand() * 29_900);
      const orderId = `${memberId}:o${list.length}`;
      orders.push({ orderId, cents: amount });
      event = { id, type: 'purchase', memberId, at, orderId, amount: cents(amount), currency: 'GBP' };
    }
    list.push(event);
    events.push(event);
  }
  return { events, byMember };
}

interface RunStats {
  /** Times each event id came back `applied`. */
  readonly applied: Map<string, number>;
  /** Effect ids returned by applied results. */
  readonly effectIds: string[];
  duplicates: number;
  /** Commits retried after a version conflict (attempts − 1, summed), and events that ran out of attempts. */
  conflictsRetried: number;
  conflictErrors: number;
  /** Refunds redelivered because their purchase had not been processed yet. */
  redelivered: number;
  /**
   * Any other error, by code (then redelivered like the rest). Expected: none. A redelivery racing
   * its original through a commit conflict is re-evaluated on a state that already holds the event,
   * so it throws (`duplicate_order`, `refund_exceeds_order`, …) instead of returning `duplicate`.
   */
  readonly unexpected: Map<string, number>;
  deliveries: number;
  seconds: number;
}

/**
 * Workers take deliveries from one shared queue until it is empty. A delivery refused with
 * `unknown_order` (a refund before its purchase) or `commit_conflict` goes back at the end of the
 * queue; any other error fails the run.
 */
async function runWorkers(engines: readonly Engine[], deliveries: readonly Event[]): Promise<RunStats> {
  const queue = [...deliveries];
  let head = 0;
  const stats: RunStats = { applied: new Map(), effectIds: [], duplicates: 0, conflictsRetried: 0, conflictErrors: 0, redelivered: 0, unexpected: new Map(), deliveries: 0, seconds: 0 };
  const limit = deliveries.length * 20;
  const started = performance.now();
  const worker = async (engine: Engine): Promise<void> => {
    while (head < queue.length) {
      if (head > limit) throw new Error(`no progress: ${head} deliveries taken for ${deliveries.length} events`);
      const event = queue[head++]!;
      stats.deliveries++;
      try {
        const result = await engine.process(event);
        if (result.status === 'duplicate') {
          stats.duplicates++;
          continue;
        }
        stats.applied.set(result.eventId, (stats.applied.get(result.eventId) ?? 0) + 1);
        stats.conflictsRetried += result.attempts - 1;
        for (const e of result.effects) stats.effectIds.push(effectId(e));
      } catch (error) {
        if (isLoyaltyError(error) && error.code === 'unknown_order') stats.redelivered++;
        else if (isLoyaltyError(error) && error.code === 'commit_conflict') stats.conflictErrors++;
        else if (isLoyaltyError(error)) stats.unexpected.set(error.code, (stats.unexpected.get(error.code) ?? 0) + 1);
        else throw error;
        queue.push(event);
      }
    }
  };
  await Promise.all(engines.map(worker));
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

/** What must not depend on the order of processing (see the top of the file). */
function comparable(state: MemberState): Record<string, unknown> {
  return {
    memberId: state.memberId,
    version: state.version,
    balance: balanceOf(state),
    lotPoints: state.lots.reduce((s, l) => s + l.points, 0),
    deficit: state.deficit,
    debt: state.debt,
    totals: state.totals,
    orders: state.orders,
    stats: state.stats,
    counters: state.counters,
    redemptions: state.redemptions,
    lastEventAt: state.lastEventAt,
    lastActivityAt: state.lastActivityAt,
    enrolledAt: state.enrolledAt,
  };
}

async function checkRun(
  label: string,
  store: Store,
  engines: readonly Engine[],
  size: { members: number; events: number },
): Promise<void> {
  const { events, byMember } = histories(SEED, size.members, size.events);
  const deliveries = shuffle([...events, ...events.map((e) => structuredClone(e))], prng(SEED + 1));
  const stats = await runWorkers(engines, deliveries);

  const applied = events.length / stats.seconds;
  console.log(
    `[${label}] ${size.events} events × 2 deliveries, ${size.members} members, ${new Set(engines).size} engine(s), ${WORKERS} workers, seed ${SEED}: ` +
      `${stats.seconds.toFixed(2)} s, ${Math.round(applied)} events/s applied (${Math.round(stats.deliveries / stats.seconds)} deliveries/s), ` +
      `${stats.conflictsRetried} conflicts retried, ${stats.conflictErrors} commit_conflict redeliveries, ${stats.duplicates} duplicates skipped, ` +
      `${stats.redelivered} refunds redelivered before their purchase, unexpected errors ${JSON.stringify(Object.fromEntries(stats.unexpected))}`,
  );

  // each event applied exactly once; every second delivery a duplicate
  expect(stats.applied.size).toBe(events.length);
  expect([...stats.applied.values()].filter((n) => n !== 1)).toEqual([]);
  expect(stats.duplicates).toBe(deliveries.length - events.length);
  const unexpected = [...stats.unexpected.values()].reduce((a, b) => a + b, 0);
  expect(stats.deliveries).toBe(deliveries.length + stats.redelivered + stats.conflictErrors + unexpected);
  for (const e of events) expect(await store.isProcessed(e.id)).toBe(true);

  // the reference: a sequential replay of each member's history in time order
  const reference = replay(program, events);
  expect(reference.rejected).toEqual([]);
  expect(reference.applied).toBe(events.length);

  const mismatches: string[] = [];
  for (const [memberId, history] of byMember) {
    const state = await store.load(memberId);
    if (state === undefined) {
      mismatches.push(`${memberId}: no state`);
      continue;
    }
    // no lost update and no event applied twice: one version per distinct event
    if (state.version !== history.length) mismatches.push(`${memberId}: version ${state.version}, ${history.length} events`);
    try {
      expect(comparable(state)).toEqual(comparable(reference.states.get(memberId)!));
    } catch {
      mismatches.push(`${memberId}: differs from the sequential replay`);
    }
  }
  expect(mismatches).toEqual([]);

  // a redelivered event is a duplicate, never an error (checked last, so that the rest is checked too)
  expect(Object.fromEntries(stats.unexpected)).toEqual({});

  // the outbox holds each applied effect once (there is no notifier)
  const pending = await store.pendingOutbox(Infinity);
  expect(pending.length).toBe(stats.effectIds.length);
  expect(new Set(pending.map((i) => i.id))).toEqual(new Set(stats.effectIds));
  for (const item of pending) if (item.id !== effectId(item.effect)) throw new Error(`outbox item ${item.id} carries effect ${effectId(item.effect)}`);
  // as many ledger effects as the replay produced, with the same points in total
  const points = (effects: readonly Effect[]): number => ledgerEntries(effects).reduce((sum, e) => sum + e.points, 0);
  expect(ledgerEntries(pending.map((i) => i.effect)).length).toBe(ledgerEntries(reference.effects).length);
  expect(points(pending.map((i) => i.effect))).toBe(points(reference.effects));
}

describe('8 concurrent workers, every event delivered twice in random order', () => {
  it('MemoryStore: each event applied exactly once, final states equal a sequential replay', async () => {
    const store = new MemoryStore();
    const engine = createEngine({ program, store });
    // one engine shared by the 8 workers (an engine holds no per-event state)
    await checkRun('memory', store, Array.from({ length: WORKERS }, () => engine), { members: MEMBERS, events: EVENTS });
    expect(store.states().size).toBe(MEMBERS);
  }, 120_000);

  const url = process.env.LOYALTY_PG_URL;
  let pool: pg.Pool | undefined;
  let schema: string | undefined;
  afterAll(async () => {
    if (pool !== undefined && schema !== undefined) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
  });

  it.skipIf(!url)(
    'PostgreSQL: 8 workers with their own engine over one pool, same guarantees',
    async () => {
      pool = new pg.Pool({ connectionString: url, max: WORKERS + 2 });
      schema = `edge_concurrency_${process.pid}_${Date.now().toString(36)}`;
      await migrate(pool, { schema });
      const stores = Array.from({ length: WORKERS }, () => new PostgresStore(pool!, { schema }));
      const engines = stores.map((store) => createEngine({ program, store }));
      await checkRun('postgres', stores[0]!, engines, { members: MEMBERS, events: EVENTS });
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".member_states`);
      expect(rows[0].n).toBe(MEMBERS);
    },
    600_000,
  );
});
