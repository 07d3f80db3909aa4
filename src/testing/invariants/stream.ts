/**
 * Invariants of a whole stream: replay is deterministic and agrees with
 * evaluating event by event, and redelivered events change nothing.
 */
import { replay } from '../../engine/replay.js';
import type { EventInput } from '../../events/schema.js';
import type { MemberState } from '../../member/state.js';
import type { Program } from '../../program/define.js';

const statesText = (states: ReadonlyMap<string, MemberState>): string => JSON.stringify([...states].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * `determinism`: replaying twice gives the same states and effects, and the
 * same states as the event-by-event run. `idempotency`: replay skips every
 * redelivered copy (an id already applied), and the stream without those
 * copies replays to the same states.
 */
export function streamInvariants(
  program: Program,
  events: readonly EventInput[],
  stepwise: ReadonlyMap<string, MemberState>,
  copies: ReadonlySet<number>,
  check: { readonly determinism: boolean; readonly idempotency: boolean },
): { invariant: 'determinism' | 'idempotency'; message: string } | undefined {
  const once = replay(program, events, { onRejected: 'collect' });
  const text = statesText(once.states);
  if (check.determinism) {
    const twice = replay(program, events, { onRejected: 'collect' });
    const fail = (message: string): { invariant: 'determinism'; message: string } => ({ invariant: 'determinism', message });
    if (text !== statesText(twice.states)) return fail('two replays of the same stream gave different member states');
    if (JSON.stringify(once.effects) !== JSON.stringify(twice.effects)) return fail('two replays of the same stream gave different effects');
    if (text !== statesText(stepwise)) return fail('replay and evaluating the events one by one gave different member states');
  }
  if (check.idempotency) {
    const fail = (message: string): { invariant: 'idempotency'; message: string } => ({ invariant: 'idempotency', message });
    if (once.duplicates !== copies.size) return fail(`replay skipped ${once.duplicates} redelivered events; ${copies.size} were redeliveries of applied events`);
    if (copies.size > 0 && text !== statesText(replay(program, events.filter((_, i) => !copies.has(i)), { onRejected: 'collect' }).states)) {
      return fail('the stream with its redeliveries replays to other states than the stream without them');
    }
  }
  return undefined;
}
