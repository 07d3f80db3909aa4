/**
 * After fast-check's shrinking, removes what the violation does not need:
 * chunks of events, halving the chunk size down to single events, as long as
 * the same invariant is still violated (delta debugging). Deterministic, so a
 * seed and path still reproduce the same minimal stream.
 */
import type { EventInput } from '../events/schema.js';

/** At most this many candidate streams are tried. */
const BUDGET = 2_000;

export function minimize(events: readonly EventInput[], violates: (candidate: readonly EventInput[]) => boolean): readonly EventInput[] {
  let current = events;
  let tries = 0;
  let chunk = Math.max(1, Math.ceil(current.length / 2));
  for (;;) {
    let removed = false;
    for (let start = 0; start < current.length && tries < BUDGET; ) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      tries++;
      if (candidate.length < current.length && violates(candidate)) {
        current = candidate;
        removed = true;
      } else {
        start += chunk;
      }
    }
    if (tries >= BUDGET || (chunk === 1 && !removed)) return current;
    if (!removed) chunk = Math.max(1, Math.floor(chunk / 2));
  }
}
