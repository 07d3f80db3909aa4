import type { Effect } from '../engine/effects.js';
import type { MemberState } from '../member/state.js';

/** A value, or a promise of it: adapters may be synchronous or not. */
export type MaybePromise<T> = T | Promise<T>;

/** One effect waiting in the outbox to be delivered to the notifier. */
export interface OutboxItem {
  /** The effect's stable id (`${eventId}:${n}`): deliveries are at least once, so dedupe on it. */
  readonly id: string;
  /** The member whose step produced it. */
  readonly memberId: string;
  /** The event whose step produced it. */
  readonly eventId: string;
  /** The effect to deliver. */
  readonly effect: Effect;
}

/** What `Store.commit` writes in one transaction. */
export interface CommitInput {
  /** The member whose state is written. */
  readonly memberId: string;
  /** The state's version when it was loaded (0 for a member the store does not have yet). */
  readonly expectedVersion: number;
  /** The new state (its `version` is `expectedVersion + 1`). */
  readonly state: MemberState;
  /** The event processed: recorded as processed in the same transaction. */
  readonly eventId: string;
  /** The step's effects, to keep until delivered. */
  readonly outbox: readonly OutboxItem[];
}

/** `conflict`: the member's version changed since it was loaded; `duplicate`: the event id was already processed. */
export type CommitResult =
  | {
      /** Written. */
      readonly ok: true;
    }
  | {
      /** Nothing was written. */
      readonly ok: false;
      /** Why. */
      readonly reason: 'conflict' | 'duplicate';
    };

/**
 * Where member states, processed event ids and the outbox live. `commit`
 * must be atomic: the state (only if its stored version is still
 * `expectedVersion`), the event id (unique) and the outbox items, or nothing.
 * Run `storeContract` (loyalty-engine/store-contract) against your own store.
 *
 * @example
 * const store: Store = new MemoryStore(); // or new PostgresStore(pool) from loyalty-engine/postgres
 * const engine = createEngine({ program, store });
 */
export interface Store {
  /** The member's stored state, or `undefined` for a member not stored yet. */
  load(memberId: string): MaybePromise<MemberState | undefined>;
  /** Writes the state, the processed event id and the outbox items atomically, or nothing (`ok: false`). */
  commit(input: CommitInput): MaybePromise<CommitResult>;
  /** Whether an event id has been committed. */
  isProcessed(eventId: string): MaybePromise<boolean>;
  /** Undelivered items, oldest first. */
  pendingOutbox(limit: number): MaybePromise<readonly OutboxItem[]>;
  /** Removes delivered items from the outbox (unknown ids are ignored). */
  markDelivered(ids: readonly string[]): MaybePromise<void>;
}

/**
 * Delivers one effect (an e-mail, a push, a webhook, a row in your ledger table). Throw to have it retried.
 *
 * @example
 * const notifier: Notifier = {
 *   async deliver(item) {
 *     if (item.effect.type === 'message') await mailer.send(item.memberId, item.effect.kind, item.effect.data);
 *   },
 * };
 */
export interface Notifier {
  /** Delivers one item; deliveries are at least once, so dedupe on `item.id`. */
  deliver(item: OutboxItem): MaybePromise<void>;
}

/** A reward's stock, shared by all members. `reserve` answers whether the units could be taken. */
export interface Inventory {
  /** Takes `quantity` units if they are left (`true`), or none (`false`: the redemption is then refused as `out_of_stock`). */
  reserve(rewardId: string, quantity: number): MaybePromise<boolean>;
  /** Gives units back (a reversed redemption, a commit that failed). */
  release(rewardId: string, quantity: number): MaybePromise<void>;
}
