import type { Effect } from '../engine/effects.js';
import type { MemberState } from '../member/state.js';

/** A value, or a promise of it: adapters may be synchronous or not. */
export type MaybePromise<T> = T | Promise<T>;

/** One effect waiting in the outbox to be delivered to the notifier. */
export interface OutboxItem {
  /** The effect's stable id (`${eventId}:${n}`): deliveries are at least once, so dedupe on it. */
  readonly id: string;
  readonly memberId: string;
  readonly eventId: string;
  readonly effect: Effect;
}

/** What `Store.commit` writes in one transaction. */
export interface CommitInput {
  readonly memberId: string;
  /** The state's version when it was loaded (0 for a member the store does not have yet). */
  readonly expectedVersion: number;
  readonly state: MemberState;
  readonly eventId: string;
  readonly outbox: readonly OutboxItem[];
}

/** `conflict`: the member's version changed since it was loaded; `duplicate`: the event id was already processed. */
export type CommitResult = { readonly ok: true } | { readonly ok: false; readonly reason: 'conflict' | 'duplicate' };

/**
 * Where member states, processed event ids and the outbox live. `commit`
 * must be atomic: the state (only if its stored version is still
 * `expectedVersion`), the event id (unique) and the outbox items, or nothing.
 * Run `storeContract` (loyalty-engine/store-contract) against your own store.
 */
export interface Store {
  load(memberId: string): MaybePromise<MemberState | undefined>;
  commit(input: CommitInput): MaybePromise<CommitResult>;
  isProcessed(eventId: string): MaybePromise<boolean>;
  /** Undelivered items, oldest first. */
  pendingOutbox(limit: number): MaybePromise<readonly OutboxItem[]>;
  markDelivered(ids: readonly string[]): MaybePromise<void>;
}

/** Delivers one effect (an e-mail, a push, a webhook, a row in your ledger table). Throw to have it retried. */
export interface Notifier {
  deliver(item: OutboxItem): MaybePromise<void>;
}

/** A reward's stock, shared by all members. `reserve` answers whether the units could be taken. */
export interface Inventory {
  reserve(rewardId: string, quantity: number): MaybePromise<boolean>;
  release(rewardId: string, quantity: number): MaybePromise<void>;
}
