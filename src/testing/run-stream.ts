/**
 * Runs a stream through the engine as `replay` does (a redelivered id that
 * was applied is skipped; a refused event is recorded and the stream goes
 * on) and checks invariants after every applied event, per member, then the
 * stream invariants. Stops at the first violation.
 */
import { evaluate } from '../engine/evaluate.js';
import { ledgerEntries } from '../engine/effects.js';
import { isLoyaltyError } from '../errors/loyalty-error.js';
import type { EventInput } from '../events/schema.js';
import type { LedgerEntry } from '../ledger/entry.js';
import { newMemberState, type MemberState } from '../member/state.js';
import type { Program } from '../program/define.js';
import { EVENT_INVARIANTS } from './invariants/index.js';
import { streamInvariants } from './invariants/stream.js';
import type { Invariant, InvariantName } from './invariants/types.js';

/** What became of one delivered event. */
export type Delivery =
  | { readonly status: 'applied'; readonly points: number; readonly entries: number }
  | { readonly status: 'duplicate' }
  | { readonly status: 'refused'; readonly code: string }
  | { readonly status: 'not reached' };

export interface Violation {
  readonly invariant: string;
  readonly message: string;
  /** The event after which it was found; `undefined` for an invariant of the whole stream. */
  readonly index: number | undefined;
}

export interface StreamOutcome {
  readonly violation: Violation | undefined;
  readonly deliveries: readonly Delivery[];
}

interface MemberRun {
  state: MemberState;
  readonly ledger: LedgerEntry[];
  readonly history: EventInput[];
}

export function runStream(program: Program, events: readonly EventInput[], names: ReadonlySet<InvariantName>, extra: readonly Invariant[]): StreamOutcome {
  const checks: Invariant[] = [];
  for (const [name, invariant] of Object.entries(EVENT_INVARIANTS)) if (names.has(name as InvariantName) && invariant !== undefined) checks.push(invariant);
  checks.push(...extra);
  const members = new Map<string, MemberRun>();
  const applied = new Set<string>();
  const copies = new Set<number>();
  const deliveries: Delivery[] = events.map(() => ({ status: 'not reached' }));
  const stop = (violation: Violation): StreamOutcome => ({ violation, deliveries });

  for (const [index, event] of events.entries()) {
    if (applied.has(event.id)) {
      copies.add(index);
      deliveries[index] = { status: 'duplicate' };
      continue;
    }
    const run = members.get(event.memberId) ?? { state: newMemberState(program, event.memberId), ledger: [], history: [] };
    const before = run.state;
    let result: ReturnType<typeof evaluate>;
    try {
      result = evaluate(program, before, event);
    } catch (error) {
      if (isLoyaltyError(error)) {
        deliveries[index] = { status: 'refused', code: error.code };
        continue;
      }
      if (names.has('errors')) return stop({ invariant: 'errors', message: `evaluate threw ${describeError(error)}, not a LoyaltyError`, index });
      throw error;
    }
    const entries = ledgerEntries(result.effects);
    deliveries[index] = { status: 'applied', points: entries.reduce((s, e) => s + e.points, 0), entries: entries.length };
    applied.add(event.id);
    run.state = result.state;
    run.ledger.push(...entries);
    run.history.push(event);
    members.set(event.memberId, run);
    const late = before.lastEventAt !== null && Date.parse(event.at) < Date.parse(before.lastEventAt);
    const context = { program, index, event, memberId: event.memberId, before, after: result.state, effects: result.effects, ledger: run.ledger, history: run.history, late };
    for (const invariant of checks) {
      let message: string | undefined;
      try {
        message = invariant.check(context);
      } catch (error) {
        message = `the check threw ${describeError(error)}`;
      }
      if (message !== undefined) return stop({ invariant: invariant.name, message, index });
    }
  }

  const check = { determinism: names.has('determinism'), idempotency: names.has('idempotency') };
  if (check.determinism || check.idempotency) {
    const states = new Map([...members].map(([id, r]) => [id, r.state]));
    const found = streamInvariants(program, events, states, copies, check);
    if (found !== undefined) return stop({ ...found, index: undefined });
  }
  return { violation: undefined, deliveries };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
