import { isLoyaltyError, LoyaltyError } from '../errors/loyalty-error.js';
import type { Effect } from './effects.js';
import { newMemberState, type MemberState } from '../member/state.js';
import type { Program } from '../program/define.js';
import { evaluateParsed } from './evaluate.js';
import { parseEvent } from '../events/parse.js';
import { show } from '../errors/show.js';

/** An event `replay` refused, with why. */
export interface Rejection {
  /** The event as given. */
  readonly event: unknown;
  /** Why it was refused. */
  readonly error: LoyaltyError;
}

/** Options of {@link replay}. */
export interface ReplayOptions {
  /** States to start from, by member id (members not listed start new). */
  readonly states?: ReadonlyMap<string, MemberState>;
  /** `throw` (default): stop at the first refused event. `collect`: record it in `rejected` and go on. */
  readonly onRejected?: 'throw' | 'collect';
  /** Receive each effect as it happens instead of collecting them all (for long histories). */
  readonly onEffect?: (effect: Effect) => void;
}

/** What {@link replay} returns. */
export interface ReplayResult {
  /** Every member's final state, by member id. */
  readonly states: ReadonlyMap<string, MemberState>;
  /** All effects in order (empty when `onEffect` was given). */
  readonly effects: readonly Effect[];
  /** Events refused, with why (`onRejected: 'collect'`; otherwise empty). */
  readonly rejected: readonly Rejection[];
  /** Events applied. */
  readonly applied: number;
  /** Events skipped because an event with the same id was already applied. */
  readonly duplicates: number;
}

/**
 * Folds a stream of events for many members, in the order given. A redelivered
 * event (same id) changes nothing. Deterministic: the same events always give
 * the same states, byte for byte.
 *
 * @example
 * const { states } = replay(program, events);
 * states.get('m1')
 */
export function replay(program: Program, events: Iterable<unknown>, options: ReplayOptions = {}): ReplayResult {
  const iterable = (x: unknown): boolean => x !== null && typeof x === 'object' && typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
  if (!iterable(events)) throw new LoyaltyError('invalid_argument', `replay: events must be an array or another iterable, not ${show(events)}`);
  if (options === null || typeof options !== 'object') throw new LoyaltyError('invalid_argument', `replay: options must be an object, not ${show(options)}`);
  if (options.states !== undefined && !iterable(options.states)) throw new LoyaltyError('invalid_argument', 'replay: options.states must be a Map or another iterable of [memberId, state]');
  if (options.onEffect !== undefined && typeof options.onEffect !== 'function') throw new LoyaltyError('invalid_argument', `replay: options.onEffect must be a function, not ${show(options.onEffect)}`);
  if (options.onRejected !== undefined && options.onRejected !== 'throw' && options.onRejected !== 'collect') {
    throw new LoyaltyError('invalid_argument', `replay: options.onRejected must be "throw" or "collect", not ${show(options.onRejected)}`);
  }
  const states = new Map<string, MemberState>();
  for (const entry of (options.states ?? []) as Iterable<unknown>) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') {
      throw new LoyaltyError('invalid_argument', `replay: options.states must hold [memberId, state] pairs, not ${show(entry)}`);
    }
    states.set(entry[0], entry[1] as MemberState);
  }
  const effects: Effect[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  let applied = 0;
  let duplicates = 0;
  for (const event of events) {
    const id = idOf(event);
    if (id !== undefined && seen.has(id)) {
      duplicates++;
      continue;
    }
    const memberId = memberOf(event);
    const state = (memberId !== undefined ? states.get(memberId) : undefined) ?? newMemberState(program, memberId ?? '');
    try {
      const result = evaluateParsed(program, state, parseEvent(event));
      states.set(result.state.memberId, result.state);
      if (options.onEffect !== undefined) for (const e of result.effects) options.onEffect(e);
      else for (const e of result.effects) effects.push(e);
      if (id !== undefined) seen.add(id);
      applied++;
    } catch (error) {
      if (options.onRejected !== 'collect' || !isLoyaltyError(error)) throw error;
      rejected.push({ event, error });
    }
  }
  return { states, effects, rejected, applied, duplicates };
}

function field(event: unknown, key: string): string | undefined {
  if (event === null || typeof event !== 'object') return undefined;
  const v = (event as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}
const idOf = (event: unknown): string | undefined => field(event, 'id');
const memberOf = (event: unknown): string | undefined => field(event, 'memberId');
