/**
 * The search behind the budget checks: fast-check looks for the stream with
 * the highest score, then shrinks the first stream that reaches it into the
 * cheapest one it can find.
 */
import fc from 'fast-check';
import { LoyaltyError } from '../../errors/loyalty-error.js';
import type { EventInput } from '../../events/schema.js';

/** A stream's score and where it is reached (an order id, a date). */
export interface Score {
  readonly value: number;
  readonly where: string | undefined;
}

/** The highest score found and the shrunk stream that reaches it. */
export interface SearchResult {
  readonly max: number;
  readonly where: string | undefined;
  readonly events: readonly EventInput[];
  readonly seed: number;
  readonly runs: number;
}

export interface SearchOptions {
  readonly numRuns: number;
  readonly seed: number | undefined;
}

/**
 * Two passes with one seed. First every stream is scored and the best score
 * kept (the property always holds); then, with the same seed, the property
 * "score < best" fails on the first stream that reaches it, and fast-check
 * shrinks that stream while it still reaches the best score: fewer events,
 * smaller amounts.
 */
export function searchMax(arb: fc.Arbitrary<EventInput[]>, score: (events: readonly EventInput[]) => Score, o: SearchOptions): SearchResult {
  if (!Number.isInteger(o.numRuns) || o.numRuns < 1) throw new LoyaltyError('invalid_argument', `numRuns must be a whole number ≥ 1, got ${String(o.numRuns)}`);
  let best: Score = { value: 0, where: undefined };
  let bestEvents: readonly EventInput[] = [];
  const first = fc.check(
    fc.property(arb, (events) => {
      const s = score(events);
      if (s.value > best.value) {
        best = s;
        bestEvents = events;
      }
      return true;
    }),
    { numRuns: o.numRuns, ...(o.seed === undefined ? {} : { seed: o.seed }) },
  );
  if (best.value <= 0) return { max: 0, where: undefined, events: [], seed: first.seed, runs: first.numRuns };
  const target = best.value;
  const second = fc.check(fc.property(arb, (events) => score(events).value < target), { numRuns: o.numRuns, seed: first.seed });
  const shrunk = second.failed ? second.counterexample?.[0] : undefined;
  const events = shrunk ?? bestEvents;
  const final = score(events);
  return { max: final.value, where: final.where, events, seed: first.seed, runs: first.numRuns };
}
