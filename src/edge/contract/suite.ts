import type { MemberState } from '../../member/state.js';
import type { CommitInput, CommitResult, OutboxItem, Store } from '../ports.js';
import type { ContractTestApi } from './api.js';
import { ledgerItem, memberState, richState, walletItem } from './fixtures.js';

const CONFLICT: CommitResult = { ok: false, reason: 'conflict' };
const DUPLICATE: CommitResult = { ok: false, reason: 'duplicate' };
const OK: CommitResult = { ok: true };
const ALL = 10_000;

function input(memberId: string, expectedVersion: number, state: MemberState, eventId: string, outbox: readonly OutboxItem[] = []): CommitInput {
  return { memberId, expectedVersion, state, eventId, outbox };
}

/**
 * Registers the tests every `Store` must pass, with your test framework's
 * functions (`storeContract('mine', () => new MyStore(), { describe, it, expect })`).
 *
 * `makeStore` is called once per test and must return an empty store (for a
 * database: a fresh schema, or truncated tables). The tests check: loading an
 * unknown member; commit then load; a version mismatch refused as `conflict`
 * with nothing written; a processed event id refused as `duplicate` with
 * nothing written; `isProcessed`; the outbox pending oldest first until
 * `markDelivered`; concurrent commits from one version (exactly one wins, for
 * a new member and for an update), one event id raced on several members
 * (exactly one wins); many members committing in parallel; states and
 * effects round-tripping exactly.
 *
 * @example
 * // test/my-store.test.ts
 * import { describe, it, expect } from 'vitest';
 * import { storeContract } from 'loyalty-engine/store-contract';
 * storeContract('redis store', async () => new RedisStore(await freshRedis()), { describe, it, expect });
 */
export function storeContract(name: string, makeStore: () => Promise<Store> | Store, t: ContractTestApi): void {
  const { describe, it, expect } = t;

  describe(`Store contract: ${name}`, () => {
    it('loads an unknown member as undefined', async () => {
      const store = await makeStore();
      expect(await store.load('nobody')).toBeUndefined();
    });

    it('commits a new member, then updates it from the version it loaded', async () => {
      const store = await makeStore();
      expect(await store.commit(input('m1', 0, memberState('m1', 1), 'e1'))).toEqual(OK);
      expect(await store.load('m1')).toEqual(memberState('m1', 1));
      expect(await store.commit(input('m1', 1, memberState('m1', 2), 'e2'))).toEqual(OK);
      expect(await store.load('m1')).toEqual(memberState('m1', 2));
      expect(await store.load('m2')).toBeUndefined();
    });

    it('refuses a version mismatch as a conflict and writes nothing', async () => {
      const store = await makeStore();
      const first = [ledgerItem('m1', 'e1', 1)];
      expect(await store.commit(input('m1', 0, memberState('m1', 1), 'e1', first))).toEqual(OK);
      // stale (0 while the store holds 1), ahead (2), and an unknown member expected at 1
      expect(await store.commit(input('m1', 0, memberState('m1', 1, 'stale'), 'e2', [ledgerItem('m1', 'e2', 1)]))).toEqual(CONFLICT);
      expect(await store.commit(input('m1', 2, memberState('m1', 3, 'ahead'), 'e3', [ledgerItem('m1', 'e3', 1)]))).toEqual(CONFLICT);
      expect(await store.commit(input('m2', 1, memberState('m2', 2), 'e4', [ledgerItem('m2', 'e4', 1)]))).toEqual(CONFLICT);
      expect(await store.load('m1')).toEqual(memberState('m1', 1));
      expect(await store.load('m2')).toBeUndefined();
      for (const id of ['e2', 'e3', 'e4']) expect(await store.isProcessed(id)).toBe(false);
      expect(await store.pendingOutbox(ALL)).toEqual(first);
      // the refused event id was not used up: it commits once the version is right
      expect(await store.commit(input('m1', 1, memberState('m1', 2), 'e2'))).toEqual(OK);
      expect(await store.load('m1')).toEqual(memberState('m1', 2));
    });

    it('refuses a processed event id as a duplicate and writes nothing', async () => {
      const store = await makeStore();
      const first = [ledgerItem('m1', 'e1', 1)];
      expect(await store.commit(input('m1', 0, memberState('m1', 1), 'e1', first))).toEqual(OK);
      // right version, same event id: still a duplicate
      expect(await store.commit(input('m1', 1, memberState('m1', 2), 'e1', [ledgerItem('m1', 'e1', 2)]))).toEqual(DUPLICATE);
      // the same event id on another member
      expect(await store.commit(input('m2', 0, memberState('m2', 1), 'e1', [ledgerItem('m2', 'e1', 3)]))).toEqual(DUPLICATE);
      expect(await store.load('m1')).toEqual(memberState('m1', 1));
      expect(await store.load('m2')).toBeUndefined();
      expect(await store.pendingOutbox(ALL)).toEqual(first);
    });

    it('answers isProcessed for committed event ids only', async () => {
      const store = await makeStore();
      expect(await store.isProcessed('e1')).toBe(false);
      expect(await store.commit(input('m1', 0, memberState('m1', 1), 'e1'))).toEqual(OK);
      expect(await store.isProcessed('e1')).toBe(true);
      expect(await store.isProcessed('e1 ')).toBe(false);
      expect(await store.isProcessed('E1')).toBe(false);
    });

    it('keeps outbox items pending, oldest first, until markDelivered', async () => {
      const store = await makeStore();
      const a = ledgerItem('m1', 'e1', 1);
      const b = walletItem('m1', 'e1', 2);
      const c = ledgerItem('m1', 'e2', 1);
      const d = ledgerItem('m2', 'e3', 1);
      const e = ledgerItem('m2', 'e3', 2);
      expect(await store.pendingOutbox(ALL)).toEqual([]);
      expect(await store.commit(input('m1', 0, memberState('m1', 1), 'e1', [a, b]))).toEqual(OK);
      expect(await store.commit(input('m1', 1, memberState('m1', 2), 'e2', [c]))).toEqual(OK);
      expect(await store.commit(input('m2', 0, memberState('m2', 1), 'e3', [d, e]))).toEqual(OK);
      expect(await store.commit(input('m2', 1, memberState('m2', 2), 'e4', []))).toEqual(OK);
      expect(await store.pendingOutbox(ALL)).toEqual([a, b, c, d, e]);
      expect(await store.pendingOutbox(2)).toEqual([a, b]);
      await store.markDelivered([a.id, c.id]);
      expect(await store.pendingOutbox(ALL)).toEqual([b, d, e]);
      // unknown, repeated and no ids change nothing
      await store.markDelivered(['nope:1', a.id]);
      await store.markDelivered([]);
      expect(await store.pendingOutbox(ALL)).toEqual([b, d, e]);
      await store.markDelivered([b.id, d.id, e.id]);
      expect(await store.pendingOutbox(ALL)).toEqual([]);
    });

    it('lets exactly one of concurrent commits from the same version win (new member, then update)', async () => {
      const store = await makeStore();
      for (const from of [0, 1]) {
        const contenders = Array.from({ length: 8 }, (_, i) => input('m1', from, memberState('m1', from + 1, `w${from}-${i}`), `e${from}-${i}`, [ledgerItem('m1', `e${from}-${i}`, 1)]));
        const results = await Promise.all(contenders.map(async (c) => store.commit(c)));
        const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
        expect(winners.length).toBe(1);
        for (const r of results) if (!r.ok) expect(r).toEqual(CONFLICT);
        const winner = contenders[winners[0] ?? 0]!;
        expect(await store.load('m1')).toEqual(winner.state);
        for (const c of contenders) expect(await store.isProcessed(c.eventId)).toBe(c === winner);
        expect((await store.pendingOutbox(ALL)).filter((item) => item.eventId.startsWith(`e${from}-`))).toEqual(winner.outbox);
      }
    });

    it('lets exactly one of concurrent commits of the same event id win', async () => {
      const store = await makeStore();
      const members = Array.from({ length: 6 }, (_, i) => `m${i}`);
      const results = await Promise.all(members.map(async (m) => store.commit(input(m, 0, memberState(m, 1), 'shared', [ledgerItem(m, 'shared', 1)]))));
      expect(results.filter((r) => r.ok).length).toBe(1);
      for (const r of results) if (!r.ok) expect(r).toEqual(DUPLICATE);
      const stored = await Promise.all(members.map(async (m) => store.load(m)));
      expect(stored.filter((s) => s !== undefined).length).toBe(1);
      expect((await store.pendingOutbox(ALL)).length).toBe(1);
    });

    it('commits many members in parallel', async () => {
      const store = await makeStore();
      const members = Array.from({ length: 25 }, (_, i) => `member-${i}`);
      const chains = members.map(async (m) => {
        const results: CommitResult[] = [];
        for (let v = 0; v < 3; v++) results.push(await store.commit(input(m, v, memberState(m, v + 1), `${m}:e${v}`, [ledgerItem(m, `${m}:e${v}`, 1)])));
        return results;
      });
      for (const results of await Promise.all(chains)) expect(results).toEqual([OK, OK, OK]);
      for (const m of members) {
        expect(await store.load(m)).toEqual(memberState(m, 3));
        expect(await store.isProcessed(`${m}:e2`)).toBe(true);
      }
      expect((await store.pendingOutbox(ALL)).length).toBe(75);
    });

    it('round-trips states and effects exactly', async () => {
      const store = await makeStore();
      const items = [walletItem('m1', 'e1', 1), ledgerItem('m1', 'e1', 2, 0.1 + 0.2), ledgerItem('m1', 'e1', 3, -9007199254740991)];
      expect(await store.commit(input('m1', 0, richState('m1', 1), 'e1', items))).toEqual(OK);
      expect(await store.load('m1')).toEqual(richState('m1', 1));
      expect(await store.pendingOutbox(ALL)).toEqual(items);
      expect(await store.commit(input('m1', 1, richState('m1', 2), 'e2'))).toEqual(OK);
      const loaded = await store.load('m1');
      expect(loaded).toEqual(richState('m1', 2));
      expect(loaded?.orders['o-1']?.amount).toBe('19.990');
      expect(loaded?.lots[1]?.points).toBe(0.1 + 0.2);
    });
  });
}
