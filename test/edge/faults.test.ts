// Faults: a notifier failing 30% of its sends and a store whose commit throws at random points,
// before the inner commit (nothing written) or after it (written, but the caller sees an error).
// Workers retry an event whose processing threw. A commit that went through behind an error is
// recognised by the engine and reported applied; a retry of a delivered event must come back
// `duplicate`. After everything is processed and flush() has been called until the outbox
// is empty (the notifier still flaky), every effect of the history was delivered at least once, as
// the clean run computed it, and every state equals a clean sequential run.
//
// MemoryStore always; PGlite (in process); real PostgreSQL when LOYALTY_PG_URL is set.
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  MemoryInventory,
  MemoryStore,
  createEngine,
  defineProgram,
  effectId,
  isLoyaltyError,
  replay,
  type CommitInput,
  type CommitResult,
  type Effect,
  type Engine,
  type MemberState,
  type Notifier,
  type OutboxItem,
  type ProcessResult,
  type Store,
} from '../../src/index.js';
import { PostgresStore, migrate } from '../../src/postgres/index.js';
import { buildEvents, stepArb } from '../arbitraries.js';

const SEED = Number(process.env.EDGE_SEED ?? 7_301);

const program = defineProgram({
  id: 'faults',
  version: 1,
  currency: 'GBP',
  timezone: 'Europe/London',
  earn: [
    { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
    { id: 'hats', kind: 'multiplier', factor: '2', items: { include: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: 'hats' }] } } },
    { id: 'big-basket', kind: 'bonus', points: 20, minAmount: '50.00' },
  ],
  points: { rounding: 'floor', expiry: { kind: 'days-after-earning', days: 60 }, negativeBalance: 'debt', multipliers: 'multiply' },
  rewards: {
    codeSalt: 'salt-for-tests-0123456789',
    catalog: [
      { id: 'coupon', kind: 'coupon', cost: 50, limit: { count: 3, per: 'month' } },
      { id: 'mug', kind: 'free-product', cost: 10, sku: 'MUG', stock: 1 },
    ],
  },
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

type Event = Record<string, unknown> & { id: string; memberId: string };

/** Valid histories (test/arbitraries.ts), some ticks turned into coupon redemptions. */
function histories(members: number, seed: number): Event[][] {
  const rand = prng(seed);
  const samples = fc.sample(fc.array(stepArb, { minLength: 15, maxLength: 30 }), { seed, numRuns: members });
  return samples.map((steps, m) =>
    buildEvents(steps, `member-${m}`).map((e) => (e.type === 'tick' && rand() < 0.6 ? { ...e, type: 'redemption', rewardId: 'coupon' } : e)) as Event[],
  );
}

/** An error the fault injection threw (as opposed to a bug). */
class InjectedFault extends Error {
  constructor(readonly where: 'before' | 'after') {
    super(`injected: commit failed ${where} the inner commit`);
  }
}

/** Wraps a store; each commit throws with probability `rate`, half of the time after the inner commit went through. */
class FlakyStore implements Store {
  before = 0;
  after = 0;
  /** Event ids whose commit went through although the caller saw an error. */
  readonly ambiguous = new Set<string>();
  constructor(
    readonly inner: Store,
    readonly rand: () => number,
    readonly rate: number,
  ) {}
  load(memberId: string): Promise<MemberState | undefined> {
    return Promise.resolve(this.inner.load(memberId));
  }
  async commit(input: CommitInput): Promise<CommitResult> {
    const roll = this.rand();
    if (roll < this.rate / 2) {
      this.before++;
      throw new InjectedFault('before');
    }
    const result = await this.inner.commit(input);
    if (roll < this.rate) {
      this.after++;
      if (result.ok) this.ambiguous.add(input.eventId);
      throw new InjectedFault('after');
    }
    return result;
  }
  isProcessed(eventId: string): Promise<boolean> {
    return Promise.resolve(this.inner.isProcessed(eventId));
  }
  pendingOutbox(limit: number): Promise<readonly OutboxItem[]> {
    return Promise.resolve(this.inner.pendingOutbox(limit));
  }
  markDelivered(ids: readonly string[]): Promise<void> {
    return Promise.resolve(this.inner.markDelivered(ids));
  }
}

/** Fails a share of its sends; remembers the effect of every item it delivered. */
class FlakyNotifier implements Notifier {
  readonly delivered = new Map<string, Effect>();
  sends = 0;
  failures = 0;
  redundant = 0;
  constructor(
    readonly rand: () => number,
    readonly rate: number,
  ) {}
  deliver(item: OutboxItem): Promise<void> {
    this.sends++;
    if (this.rand() < this.rate) {
      this.failures++;
      return Promise.reject(new Error('notifier: 503'));
    }
    if (this.delivered.has(item.id)) this.redundant++;
    if (item.id !== effectId(item.effect)) return Promise.reject(new Error(`item ${item.id} carries effect ${effectId(item.effect)}`));
    this.delivered.set(item.id, structuredClone(item.effect));
    return Promise.resolve();
  }
}

async function faultRun(label: string, inner: Store, size: { members: number; workers: number }): Promise<void> {
  const members = histories(size.members, SEED);
  const events = members.flat();
  const clean = replay(program, events);
  expect(clean.rejected).toEqual([]);
  const reference = new Map<string, Effect>(clean.effects.map((e) => [effectId(e), e]));

  const store = new FlakyStore(inner, prng(SEED + 1), 0.3);
  const notifier = new FlakyNotifier(prng(SEED + 2), 0.3);
  const engines: Engine[] = Array.from({ length: size.workers }, () => createEngine({ program, store, notifier }));

  // each worker owns some members and sees their events in time order, each delivered twice:
  // the redelivery at a random later point of its stream
  const rand = prng(SEED + 3);
  const streams = engines.map((_, w) => {
    const own = members.filter((_, m) => m % size.workers === w);
    const stream: Event[] = [];
    for (let i = 0; own.some((h) => i < h.length); i++) for (const h of own) if (i < h.length) stream.push(h[i]!);
    const keyed = stream.flatMap((e, i) => [
      { key: i, event: e },
      { key: i + 0.5 + rand() * (stream.length - i), event: structuredClone(e) },
    ]);
    return keyed.sort((a, b) => a.key - b.key).map((k) => k.event);
  });

  const applied = new Map<string, number>();
  let duplicates = 0;
  let retries = 0;
  const ambiguousRetried: string[] = [];
  const started = performance.now();
  await Promise.all(
    engines.map(async (engine, w) => {
      for (const event of streams[w]!) {
        for (let attempt = 1; ; attempt++) {
          if (attempt > 50) throw new Error(`event ${event.id}: still failing after 50 attempts`);
          let result: ProcessResult;
          try {
            result = await engine.process(event);
          } catch (error) {
            if (!(error instanceof InjectedFault)) throw error;
            retries++;
            continue;
          }
          if (result.status === 'applied') applied.set(event.id, (applied.get(event.id) ?? 0) + 1);
          else {
            duplicates++;
            if (attempt > 1 && store.ambiguous.has(event.id)) ambiguousRetried.push(event.id);
          }
          break;
        }
      }
    }),
  );
  const processSeconds = (performance.now() - started) / 1000;

  // flush until the outbox is empty, the notifier still failing 30% of its sends
  let flushes = 0;
  while ((await store.pendingOutbox(1)).length > 0) {
    if (++flushes > 1_000) throw new Error('the outbox does not drain');
    await engines[0]!.flush(50);
  }

  console.log(
    `[faults/${label}] ${events.length} events × 2 deliveries, ${size.members} members, ${size.workers} workers, seed ${SEED}: ${processSeconds.toFixed(2)} s; ` +
      `commits failed before/after ${store.before}/${store.after} (${store.ambiguous.size} went through), ${retries} retries, ${duplicates} duplicates; ` +
      `notifier ${notifier.sends} sends, ${notifier.failures} failed, ${notifier.redundant} redundant; ${flushes} flush calls`,
  );

  // every event applied once: a commit that went through behind an error is recognised (the engine
  // asks the store) and reported `applied`, not thrown, so it is never retried
  expect(applied.size).toBe(events.length);
  expect([...applied.values()].every((n) => n === 1)).toBe(true);
  expect(duplicates).toBe(events.length);
  expect(store.before + store.after).toBeGreaterThan(0);
  expect(store.ambiguous.size).toBeGreaterThan(0);
  expect(ambiguousRetried).toEqual([]);

  // no effect lost: delivered ⊇ the clean history's effects, each as the clean run computed it
  const missing = [...reference.keys()].filter((id) => !notifier.delivered.has(id));
  expect(missing).toEqual([]);
  const extra = [...notifier.delivered.keys()].filter((id) => !reference.has(id));
  expect(extra).toEqual([]);
  for (const [id, effect] of notifier.delivered) expect(effect, id).toEqual(reference.get(id));
  expect(await store.pendingOutbox(Infinity)).toEqual([]);

  // states equal the clean sequential run
  for (const [memberId, expected] of clean.states) expect(await store.load(memberId), memberId).toEqual(expected);
}

describe('a flaky notifier and a store failing around its commits', () => {
  it('MemoryStore: no effect lost, states equal a clean sequential run', async () => {
    await faultRun('memory', new MemoryStore(), { members: 60, workers: 4 });
  }, 60_000);

  it('PGlite: the same', async () => {
    const db = new PGlite();
    try {
      await migrate(db, { schema: 'faults' });
      await faultRun('pglite', new PostgresStore(db, { schema: 'faults' }), { members: 30, workers: 4 });
    } finally {
      await db.close();
    }
  }, 120_000);

  const url = process.env.LOYALTY_PG_URL;
  it.skipIf(!url)('PostgreSQL: the same', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 6 });
    const schema = `edge_faults_${process.pid}_${Date.now().toString(36)}`;
    try {
      await migrate(pool, { schema });
      await faultRun('postgres', new PostgresStore(pool, { schema }), { members: 60, workers: 4 });
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    }
  }, 300_000);
});

// A commit that throws may still have gone through (the error came after it). The engine then asks
// the store whether the event was processed (isProcessed): if so the step counts as applied, the
// redemption keeps its reservation and a reversal releases its unit; only otherwise is the
// reservation released and the error rethrown.
describe('stock when a commit went through but reported an error', () => {
  function setup(): { inner: MemoryStore; inventory: MemoryInventory; failNext: () => void; engine: Engine } {
    const inner = new MemoryStore();
    const inventory = new MemoryInventory({ mug: 1 });
    let fail = false;
    const store: Store = {
      load: (id) => inner.load(id),
      commit(input) {
        const result = inner.commit(input);
        if (fail) {
          fail = false;
          throw new InjectedFault('after');
        }
        return result;
      },
      isProcessed: (id) => inner.isProcessed(id),
      pendingOutbox: (n) => inner.pendingOutbox(n),
      markDelivered: (ids) => inner.markDelivered(ids),
    };
    return { inner, inventory, failNext: () => void (fail = true), engine: createEngine({ program, store, inventory }) };
  }
  const buy = (memberId: string): Event => ({ id: `p-${memberId}`, type: 'purchase', memberId, at: '2024-03-01T10:00:00Z', orderId: `o-${memberId}`, amount: '100.00', currency: 'GBP' });
  const redeem = (id: string, memberId: string): Event => ({ id, type: 'redemption', memberId, at: '2024-03-02T10:00:00Z', rewardId: 'mug' });

  it('a redemption keeps its reservation; the unit is not sold twice', async () => {
    const { inner, inventory, failNext, engine } = setup();
    await engine.process(buy('m1'));
    await engine.process(buy('m2'));
    failNext();
    expect(await engine.process(redeem('r1', 'm1'))).toMatchObject({ status: 'applied' });
    expect(await engine.process(redeem('r1', 'm1'))).toMatchObject({ status: 'duplicate' });
    expect(inner.load('m1')?.redemptions).toHaveProperty('r1');
    expect(inventory.left('mug')).toBe(0);
    // the one mug is gone: another member is refused
    const other = await engine.process(redeem('r2', 'm2'));
    expect(other.status === 'applied' && other.effects.map((e) => e.type)).toEqual(['redemption_refused']);
  });

  it('a reversal releases its unit', async () => {
    const { inventory, failNext, engine } = setup();
    await engine.process(buy('m1'));
    await engine.process(redeem('r1', 'm1'));
    expect(inventory.left('mug')).toBe(0);
    failNext();
    const reversal: Event = { id: 'v1', type: 'redemption_reversal', memberId: 'm1', at: '2024-03-03T10:00:00Z', redemptionId: 'r1' };
    expect(await engine.process(reversal)).toMatchObject({ status: 'applied' });
    expect(await engine.process(reversal)).toMatchObject({ status: 'duplicate' });
    expect(inventory.left('mug')).toBe(1);
  });
});
