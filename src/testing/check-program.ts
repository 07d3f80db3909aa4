/**
 * `checkProgram` / `assertProgram`: property-based checks of a program's
 * invariants over generated event streams.
 */
import fc from 'fast-check';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { EventInput } from '../events/schema.js';
import type { Program } from '../program/define.js';
import { eventsArb, type EventsArbOptions } from './arbitraries/events.js';
import { INVARIANT_NAMES, type Invariant, type InvariantName } from './invariants/types.js';
import { formatReport } from './report.js';
import { minimize } from './minimize.js';
import { runStream } from './run-stream.js';
import { show } from '../errors/show.js';

/** Options of {@link checkProgram}: the search, the invariants, and the streams (see {@link EventsArbOptions}). */
export interface CheckProgramOptions extends EventsArbOptions {
  /** Streams to try (default 100). */
  readonly numRuns?: number;
  /** fast-check's seed; by default fast-check picks one, and the result reports it. */
  readonly seed?: number;
  /** With `seed`, replays the failure at this path (from an earlier result) without searching again. */
  readonly path?: string;
  /** The built-in invariants to check (default: all of them). */
  readonly invariants?: readonly InvariantName[];
  /** Your own invariants, checked after every applied event after the built-in ones. */
  readonly extraInvariants?: readonly Invariant[];
  /**
   * Streams fast-check may try while shrinking a failure (default 300; 0 with `path`: the
   * failure at the path is taken as it is). The shrunk stream is then reduced further to
   * the events the violation needs.
   */
  readonly maxShrinks?: number;
}

/** `ok: true` when no stream violated an invariant; otherwise the shrunk stream and a readable report. */
export type CheckProgramResult =
  | {
      /** Every stream kept every invariant. */
      readonly ok: true;
      /** Streams tried. */
      readonly runs: number;
      /** fast-check's seed. */
      readonly seed: number;
    }
  | {
      /** An invariant was violated. */
      readonly ok: false;
      /** The invariant violated (a built-in name or one of `extraInvariants`). */
      readonly invariant: string;
      /** What the invariant reported. */
      readonly message: string;
      /** The shrunk, minimal stream that violates it: fast-check's counterexample, reduced to the events the violation needs. */
      readonly events: readonly EventInput[];
      /** The position in `events` after which it was found (`undefined`: an invariant of the whole stream). */
      readonly eventIndex: number | undefined;
      /** fast-check's seed. */
      readonly seed: number;
      /** fast-check's path to the counterexample: pass it back with `seed` to reproduce at once. */
      readonly path: string;
      /** Multi-line text: the violation, the seed and path, every event and what became of it. */
      readonly report: string;
    };

/**
 * Runs fast-check over {@link eventsArb} streams for the program and checks,
 * after every applied event and per member: points conservation, no negative
 * balance unless allowed, full refunds undoing their points and counters,
 * caps, tier levels against their criteria; and over each stream: replay
 * determinism and idempotency under redelivery. Add your own checks with
 * `extraInvariants`. A failure is shrunk to a minimal stream.
 *
 * @example
 * const result = checkProgram(program, { numRuns: 50, members: 2 });
 * if (!result.ok) console.log(result.report);
 */
export function checkProgram(program: Program, options: CheckProgramOptions = {}): CheckProgramResult {
  const numRuns = options.numRuns ?? 100;
  if (!Number.isInteger(numRuns) || numRuns < 1) throw new LoyaltyError('invalid_argument', `checkProgram: numRuns must be a whole number ≥ 1, got ${String(numRuns)}`);
  if (options.maxShrinks !== undefined && (!Number.isInteger(options.maxShrinks) || options.maxShrinks < 0)) throw new LoyaltyError('invalid_argument', `checkProgram: maxShrinks must be a whole number ≥ 0, got ${show(options.maxShrinks)}`);
  if (options.path !== undefined && options.seed === undefined) throw new LoyaltyError('invalid_argument', 'checkProgram: a path only reproduces a failure together with its seed');
  const names = new Set(options.invariants ?? INVARIANT_NAMES);
  for (const name of names) if (!INVARIANT_NAMES.includes(name)) throw new LoyaltyError('invalid_argument', `checkProgram: unknown invariant "${String(name)}"; the built-in ones are ${INVARIANT_NAMES.join(', ')}`);
  const extra = options.extraInvariants ?? [];
  const arb = eventsArb(program, options);
  // a deterministic shrinking budget: once it is spent, every further candidate "passes", which ends the shrinking
  const budget = options.path === undefined ? (options.maxShrinks ?? 300) : 0;
  let failed = false;
  let tried = 0;
  const details = fc.check(
    fc.property(arb, (events) => {
      if (failed && ++tried > budget) return true;
      const ok = runStream(program, events, names, extra).violation === undefined;
      failed ||= !ok;
      return ok;
    }),
    { numRuns, ...(options.seed === undefined ? {} : { seed: options.seed }), ...(options.path === undefined ? {} : { path: options.path }) },
  );
  if (!details.failed) return { ok: true, runs: details.numRuns, seed: details.seed };
  const shrunk = details.counterexample?.[0] ?? [];
  const first = runStream(program, shrunk, names, extra).violation;
  const events = first === undefined ? shrunk : minimize(shrunk, (candidate) => runStream(program, candidate, names, extra).violation?.invariant === first.invariant);
  const outcome = runStream(program, events, names, extra);
  const violation = outcome.violation ?? { invariant: 'unknown', message: String(details.errorInstance ?? 'the property failed'), index: undefined };
  const path = details.counterexamplePath ?? '';
  const report = formatReport({ program, violation, events, deliveries: outcome.deliveries, seed: details.seed, path, runs: details.numRuns });
  return { ok: false, invariant: violation.invariant, message: violation.message, events, eventIndex: violation.index, seed: details.seed, path, report };
}

/**
 * Like {@link checkProgram}, but throws a `LoyaltyError` with the code
 * `program_check_failed` whose message is the readable report (seed and path
 * included, so the failure reproduces); `details` has the invariant, the
 * events, the seed and the path.
 *
 * @example
 * it('our program keeps its promises', () => assertProgram(program, { numRuns: 200 }));
 */
export function assertProgram(program: Program, options: CheckProgramOptions = {}): void {
  const result = checkProgram(program, options);
  if (result.ok) return;
  // the code is this subpath's own; the core's code union does not list it
  throw new LoyaltyError('program_check_failed', result.report, {
    details: { invariant: result.invariant, message: result.message, events: result.events, eventIndex: result.eventIndex, seed: result.seed, path: result.path },
  });
}
