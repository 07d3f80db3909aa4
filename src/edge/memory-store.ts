import type { MemberState } from '../member/state.js';
import type { CommitInput, CommitResult, Inventory, OutboxItem, Store } from './ports.js';

/**
 * The embedded default store: everything in this process's memory, with the
 * same semantics as the PostgreSQL store (atomic commit, optimistic version
 * check, unique event ids, an outbox). For tests, demos and single-process use.
 */
export class MemoryStore implements Store {
  readonly #states = new Map<string, MemberState>();
  readonly #processed = new Set<string>();
  readonly #outbox = new Map<string, OutboxItem>();

  load(memberId: string): MemberState | undefined {
    return this.#states.get(memberId);
  }

  commit(input: CommitInput): CommitResult {
    if (this.#processed.has(input.eventId)) return { ok: false, reason: 'duplicate' };
    const current = this.#states.get(input.memberId)?.version ?? 0;
    if (current !== input.expectedVersion) return { ok: false, reason: 'conflict' };
    this.#states.set(input.memberId, input.state);
    this.#processed.add(input.eventId);
    for (const item of input.outbox) this.#outbox.set(item.id, item);
    return { ok: true };
  }

  isProcessed(eventId: string): boolean {
    return this.#processed.has(eventId);
  }

  pendingOutbox(limit: number): OutboxItem[] {
    return [...this.#outbox.values()].slice(0, limit);
  }

  markDelivered(ids: readonly string[]): void {
    for (const id of ids) this.#outbox.delete(id);
  }

  /** Every member state held (for tests and demos). */
  states(): ReadonlyMap<string, MemberState> {
    return this.#states;
  }
}

/** Stock counted in memory: `new MemoryInventory({ 'gift-10': 500 })`. Rewards not listed have unlimited stock. */
export class MemoryInventory implements Inventory {
  readonly #left: Map<string, number>;

  constructor(stock: Readonly<Record<string, number>> = {}) {
    this.#left = new Map(Object.entries(stock));
  }

  reserve(rewardId: string, quantity: number): boolean {
    const left = this.#left.get(rewardId);
    if (left === undefined) return true;
    if (left < quantity) return false;
    this.#left.set(rewardId, left - quantity);
    return true;
  }

  release(rewardId: string, quantity: number): void {
    const left = this.#left.get(rewardId);
    if (left !== undefined) this.#left.set(rewardId, left + quantity);
  }

  /** Units left of a reward (`undefined`: not counted). */
  left(rewardId: string): number | undefined {
    return this.#left.get(rewardId);
  }
}
