import type { Effect } from '../engine/effects.js';
import { effectId } from '../engine/effects.js';
import { evaluateParsed, type EvaluateResult } from '../engine/evaluate.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import { parseEvent } from '../events/parse.js';
import type { LoyaltyEvent } from '../events/schema.js';
import { newMemberState, type MemberState } from '../member/state.js';
import type { Program } from '../program/define.js';
import type { Inventory, Notifier, OutboxItem, Store } from './ports.js';
import { versionPicker, type ProgramVersion } from './versions.js';
import { show } from '../errors/show.js';

/** Options of {@link createEngine}: give `program` or `programs`, not both. */
export interface EngineOptions {
  /** The program, or `programs`: its versions with the instant each comes into force. */
  readonly program?: Program;
  /** The versions of one program, each with the instant it comes into force; an event is evaluated under the version in force at its `at`. */
  readonly programs?: readonly ProgramVersion[];
  /** Where states, processed event ids and the outbox live. */
  readonly store: Store;
  /** Receives every effect after its commit; without one, effects wait in the store's outbox. */
  readonly notifier?: Notifier;
  /** Reserves reward stock; without one, stock is not counted. */
  readonly inventory?: Inventory;
  /** Commits tried before giving up on a member under contention (default 5). */
  readonly maxAttempts?: number;
  /**
   * Events for other members (referral credits, `outgoing_event` effects) are
   * always kept in the outbox for the notifier to route. With `inline`, the
   * engine also processes them at once, after the commit (safe with
   * redelivery: their ids are stable). Use it when one process owns every
   * member (tests, a single worker); with a partitioned queue, route them
   * through the queue instead. Default `outbox`.
   */
  readonly outgoing?: 'outbox' | 'inline';
}

/** What {@link Engine.process} did: applied the event, or skipped it as already processed. */
export type ProcessResult =
  | {
      /** The event was applied and committed. */
      readonly status: 'applied';
      /** The event's member. */
      readonly memberId: string;
      /** The event's id. */
      readonly eventId: string;
      /** The member's state as committed. */
      readonly state: MemberState;
      /** The step's effects (also in the outbox until delivered). */
      readonly effects: readonly Effect[];
      /** Commits tried (more than 1 after conflicts with concurrent writers). */
      readonly attempts: number;
      /** Effects handed to the notifier now; the rest stay in the outbox for `flush()`. */
      readonly delivered: number;
      /** Effects left in the outbox (no notifier, or its delivery threw). */
      readonly undelivered: number;
    }
  | {
      /** The event id was already processed: nothing was done. */
      readonly status: 'duplicate';
      /** The event's member. */
      readonly memberId: string;
      /** The event's id. */
      readonly eventId: string;
    };

/** What {@link Engine.flush} delivered. */
export interface FlushResult {
  /** Items delivered and removed from the outbox. */
  readonly delivered: number;
  /** Items of the last batch that could not be delivered (they stay in the outbox). */
  readonly failed: number;
}

/** The engine at the edge, made by {@link createEngine}. */
export interface Engine {
  /**
   * Applies one event: validates it, skips it if already processed, loads the
   * member, evaluates, reserves stock, commits (retrying on a version
   * conflict with the fresh state), then delivers the effects.
   *
   * @throws EventError for a malformed event, LoyaltyError for a refused one;
   *   the store is then untouched.
   */
  process(event: unknown): Promise<ProcessResult>;
  /** Retries delivery of what is left in the outbox, in batches of `limit` (default 100), until a batch delivers nothing. */
  flush(limit?: number): Promise<FlushResult>;
  /** The program version in force at an instant. */
  programAt(at: string): Program;
}

/**
 * The engine at the edge: the pure step behind a store, a notifier and an
 * inventory. Safe under redelivery (event ids are processed once) and
 * concurrency (optimistic versions); effects are delivered at least once
 * through an outbox, each with a stable id to dedupe on.
 *
 * @example
 * const engine = createEngine({ program, store: new MemoryStore(), notifier: { deliver: (item) => queue.send(item) } });
 * await engine.process(event);
 */
export function createEngine(options: EngineOptions): Engine {
  const { store, notifier, inventory } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const inline = options.outgoing === 'inline';
  if (options.outgoing !== undefined && options.outgoing !== 'outbox' && !inline) {
    throw new LoyaltyError('invalid_argument', `createEngine: outgoing must be "outbox" or "inline", not ${show(options.outgoing)}`);
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new LoyaltyError('invalid_argument', `createEngine: maxAttempts must be a whole number ≥ 1, not ${show(options.maxAttempts)}`);
  }
  const programAt = versionPicker(options.program, options.programs);

  async function deliver(items: readonly OutboxItem[]): Promise<{ delivered: number; failed: number }> {
    if (notifier === undefined || items.length === 0) return { delivered: 0, failed: items.length };
    const done: string[] = [];
    for (const item of items) {
      try {
        await notifier.deliver(item);
        done.push(item.id);
      } catch {
        // stays in the outbox; flush() retries it
      }
    }
    if (done.length > 0) await store.markDelivered(done);
    return { delivered: done.length, failed: items.length - done.length };
  }

  async function reserve(step: EvaluateResult, program: Program, state: MemberState, event: LoyaltyEvent): Promise<{ step: EvaluateResult; reserved: [string, number][] }> {
    const reserved: [string, number][] = [];
    if (inventory === undefined) return { step, reserved };
    for (const e of step.effects) {
      if (e.type !== 'reward_redeemed' || e.reserve === undefined) continue;
      const { rewardId, quantity } = e.reserve;
      if (await inventory.reserve(rewardId, quantity)) {
        reserved.push([rewardId, quantity]);
        continue;
      }
      await release(reserved);
      // out of stock after all: the same step with the stock the inventory reports, so it records a refusal
      return { step: evaluateParsed(program, state, event, { stock: { [rewardId]: 0 } }), reserved: [] };
    }
    return { step, reserved };
  }

  async function processedAfterError(eventId: string): Promise<boolean> {
    try {
      return await store.isProcessed(eventId);
    } catch {
      return false;
    }
  }

  async function release(units: readonly [string, number][]): Promise<void> {
    if (inventory === undefined) return;
    for (const [rewardId, quantity] of units) await inventory.release(rewardId, quantity);
  }

  /** `inline`: processes the step's events for other members; one that fails stays in the outbox for the host. */
  async function forward(effects: readonly Effect[]): Promise<void> {
    for (const e of effects) {
      if (e.type !== 'outgoing_event') continue;
      try {
        await engine.process(e.event);
      } catch {
        // the event is in the outbox too: the host's routing (or a later flush) retries it
      }
    }
  }

  const engine: Engine = {
    programAt,
    async process(input: unknown): Promise<ProcessResult> {
      const event = parseEvent(input);
      const { id: eventId, memberId } = event;
      if (await store.isProcessed(eventId)) return { status: 'duplicate', memberId, eventId };
      const program = programAt(event.at);
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        // a retry may race a redelivery of the same event that has committed meanwhile
        if (attempt > 1 && (await store.isProcessed(eventId))) return { status: 'duplicate', memberId, eventId };
        const state = (await store.load(memberId)) ?? newMemberState(program, memberId);
        let evaluated: EvaluateResult;
        try {
          evaluated = evaluateParsed(program, state, event);
        } catch (error) {
          // a redelivery racing its original: refused by the state the original left (duplicate order, …)
          if (await store.isProcessed(eventId)) return { status: 'duplicate', memberId, eventId };
          throw error;
        }
        const { step, reserved } = await reserve(evaluated, program, state, event);
        const outbox = step.effects.map((effect): OutboxItem => ({ id: effectId(effect), memberId, eventId, effect }));
        let committed;
        try {
          committed = await store.commit({ memberId, expectedVersion: state.version, state: step.state, eventId, outbox });
        } catch (error) {
          // the commit may have gone through before the error reached us: then the reservations are spent
          if (!(await processedAfterError(eventId))) {
            await release(reserved);
            throw error;
          }
          committed = { ok: true } as const;
        }
        if (!committed.ok) {
          await release(reserved);
          if (committed.reason === 'duplicate') return { status: 'duplicate', memberId, eventId };
          continue;
        }
        for (const e of step.effects) if (e.type === 'redemption_reversed' && e.release !== undefined) await release([[e.release.rewardId, e.release.quantity]]);
        const sent = await deliver(outbox);
        if (inline) await forward(step.effects);
        return { status: 'applied', memberId, eventId, state: step.state, effects: step.effects, attempts: attempt, delivered: sent.delivered, undelivered: sent.failed };
      }
      throw new LoyaltyError('commit_conflict', `event ${eventId}: member ${memberId} changed under ${maxAttempts} attempts to commit; retry later`, {
        details: { eventId, memberId, attempts: maxAttempts },
      });
    },
    async flush(limit = 100): Promise<FlushResult> {
      let delivered = 0;
      let failed = 0;
      // batches until the outbox is empty or a batch makes no progress
      for (;;) {
        const items = await store.pendingOutbox(limit);
        if (items.length === 0) break;
        const sent = await deliver(items);
        delivered += sent.delivered;
        if (sent.delivered === 0) {
          failed += sent.failed;
          break;
        }
      }
      return { delivered, failed };
    },
  };
  return engine;
}
