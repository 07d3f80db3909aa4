/**
 * How a stream is delivered: each event arrives at its time plus its
 * lateness (out of order within the tolerance, but never before the event it
 * depends on), and some events are delivered again later (same id, same
 * payload), as a queue with at-least-once delivery does.
 */
import type { EventInput } from '../../events/schema.js';
import { MINUTE_MS } from '../support/time.js';
import type { BuiltEvents } from './build-events.js';

export interface Redelivery {
  /** Which event (modulo the stream's length). */
  readonly pick: number;
  /** Minutes after the original arrived. */
  readonly delay: number;
}

/** The events in arrival order, redeliveries included, at most `maxEvents` of them. */
export function deliver(built: BuiltEvents, redeliveries: readonly Redelivery[], maxEvents: number): EventInput[] {
  const n = built.events.length;
  const arrival: number[] = [];
  for (let i = 0; i < n; i++) {
    const own = (built.times[i] ?? 0) + (built.late[i] ?? 0) * MINUTE_MS;
    const dep = built.deps[i];
    arrival.push(dep === undefined ? own : Math.max(own, arrival[dep] ?? own));
  }
  const queue: { at: number; order: number; event: EventInput }[] = [];
  built.events.forEach((event, i) => queue.push({ at: arrival[i] ?? 0, order: i, event }));
  if (n > 0) {
    redeliveries.forEach((r, j) => {
      const i = r.pick % n;
      const event = built.events[i];
      if (event !== undefined) queue.push({ at: (arrival[i] ?? 0) + r.delay * MINUTE_MS, order: n + j, event: structuredClone(event) });
    });
  }
  queue.sort((a, b) => a.at - b.at || a.order - b.order);
  return queue.slice(0, maxEvents).map((q) => q.event);
}
