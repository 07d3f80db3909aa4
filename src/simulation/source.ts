import { LoyaltyError } from '../errors/loyalty-error.js';
import { show } from '../errors/show.js';
import type { EventSource } from './types.js';

/** Checks that `events` is an iterable or an async iterable (not a string), before anything is read. */
export function checkSource(caller: string, events: unknown): asserts events is EventSource {
  const ok =
    events !== null &&
    (typeof events === 'object' || typeof events === 'function') &&
    (typeof (events as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function' ||
      typeof (events as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function');
  if (!ok) throw new LoyaltyError('invalid_argument', `${caller}: events must be an iterable or an async iterable of events, not ${show(events)}`);
}

/** Calls `visit` with each event in order; a sync iterable is read without a microtask per event. */
export async function forEachEvent(events: EventSource, visit: (event: unknown) => void): Promise<void> {
  if (typeof (events as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function') {
    for await (const event of events as AsyncIterable<unknown>) visit(event);
    return;
  }
  for (const event of events as Iterable<unknown>) visit(event);
}

/** A string field of a raw event, if it has one (to skip duplicates before parsing). */
export function stringField(event: unknown, key: string): string | undefined {
  if (event === null || typeof event !== 'object') return undefined;
  const v = (event as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}
