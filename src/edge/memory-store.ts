import type { MemberState } from '../member/state.js';
import type { CommitInput, CommitResult, Inventory, OutboxItem, Store } from './ports.js';

/**
 * The embedded default store: everything in this process's memory, with the
 * same semantics as the PostgreSQL store (atomic commit, optimistic version
 * check, unique event ids, an outbox). For tests, demos and single-process use.
 *
 * @example
 * const store = new MemoryStore();
 * const engine = createEngine({ program, store });
 * await engine.process(event);
 * store.states().get(event.memberId); // the member's state after the event
 */
export class MemoryStore implements Store {
  readonly #states = new Map<string, MemberState>();
  readonly #processed = new Set<string>();
  readonly #outbox = new Map<string, OutboxItem>();

  /** {@inheritDoc Store.load} */
  load(memberId: string): MemberState | undefined {
    return this.#states.get(memberId);
  }

  /** {@inheritDoc Store.commit} */
  commit(input: CommitInput): CommitResult {
    if (this.#processed.has(input.eventId)) return { ok: false, reason: 'duplicate' };
    const current = this.#states.get(input.memberId)?.version ?? 0;
    if (current !== input.expectedVersion) return { ok: false, reason: 'conflict' };
    this.#states.set(input.memberId, input.state);
    this.#processed.add(input.eventId);
    for (const item of input.outbox) this.#outbox.set(item.id, item);
    return { ok: true };
  }

  /** {@inheritDoc Store.isProcessed} */
  isProcessed(eventId: string): boolean {
    return this.#processed.has(eventId);
  }

  /** {@inheritDoc Store.pendingOutbox} */
  pendingOutbox(limit: number): OutboxItem[] {
    return [...this.#outbox.values()].slice(0, limit);
  }

  /** {@inheritDoc Store.markDelivered} */
  markDelivered(ids: readonly string[]): void {
    for (const id of ids) this.#outbox.delete(id);
  }

  /** Every member state held (for tests and demos). */
  states(): ReadonlyMap<string, MemberState> {
    return this.#states;
  }
}

/**
 * Stock counted in memory: `new MemoryInventory({ 'gift-10': 500 })`. Rewards not listed have unlimited stock.
 *
 * @example
 * const inventory = new MemoryInventory({ 'gift-10': 500 });
 * const engine = createEngine({ program, store: new MemoryStore(), inventory });
 * inventory.left('gift-10'); // 500, less the units redeemed since
 */
export class MemoryInventory implements Inventory {
  readonly #left: Map<string, number>;

  /** @param stock Units per reward id; rewards not listed are not counted. */
  constructor(stock: Readonly<Record<string, number>> = {}) {
    this.#left = new Map(Object.entries(stock));
  }

  /** {@inheritDoc Inventory.reserve} */
  reserve(rewardId: string, quantity: number): boolean {
    const left = this.#left.get(rewardId);
    if (left === undefined) return true;
    if (left < quantity) return false;
    this.#left.set(rewardId, left - quantity);
    return true;
  }

  /** {@inheritDoc Inventory.release} */
  release(rewardId: string, quantity: number): void {
    const left = this.#left.get(rewardId);
    if (left !== undefined) this.#left.set(rewardId, left + quantity);
  }

  /** Units left of a reward (`undefined`: not counted). */
  left(rewardId: string): number | undefined {
    return this.#left.get(rewardId);
  }
}
