import type { Effect } from '../../engine/effects.js';
import type { EventInput } from '../../events/schema.js';
import type { LedgerEntry } from '../../ledger/entry.js';
import type { MemberState } from '../../member/state.js';
import type { Program } from '../../program/define.js';

/**
 * The built-in invariants of `checkProgram`:
 *
 * - `conservation`: balance = earned − clawedBack − expired + adjusted − debtRecovered − redeemed + reversed = the sum of the member's ledger entries; each total is the sum of its kind of entries; lots are positive whole numbers.
 * - `non-negative`: no negative balance (and no deficit) unless `negativeBalance: 'allow'`; nothing owed under `allow`.
 * - `full-refund`: once an order is refunded in full, every rule's points on it are clawed back; money spent and orders (member stats and tier metrics) always match the purchases and refunds applied.
 * - `caps`: net points of each capped rule and of the program stay within their per-event, per-day and per-month caps (members whose events arrived out of order across a day are not checked: the engine counts caps for the current day only).
 * - `tiers`: right after an event, the level held is the level the window's metrics qualify for under a 0-day grace policy, and never below it under other policies.
 * - `determinism`: replaying the stream twice gives the same states and effects, and the same states as evaluating it event by event.
 * - `idempotency`: a redelivered event id changes nothing: replay skips it, and the stream without the copies replays to the same states.
 * - `errors`: evaluate throws nothing but `LoyaltyError`s.
 */
export type InvariantName = 'conservation' | 'non-negative' | 'full-refund' | 'caps' | 'tiers' | 'determinism' | 'idempotency' | 'errors';

/**
 * Every built-in invariant, in the order they are checked.
 *
 * @example
 * checkProgram(program, { invariants: INVARIANT_NAMES.filter((n) => n !== 'caps') });
 */
export const INVARIANT_NAMES: readonly InvariantName[] = ['errors', 'conservation', 'non-negative', 'full-refund', 'caps', 'tiers', 'determinism', 'idempotency'];

/** What an invariant sees after one applied event. */
export interface InvariantContext {
  /** The program under test. */
  readonly program: Program;
  /** The event's position in the delivered stream. */
  readonly index: number;
  /** The event just applied. */
  readonly event: EventInput;
  /** Its member. */
  readonly memberId: string;
  /** The member's state before the event. */
  readonly before: MemberState;
  /** The member's state after it. */
  readonly after: MemberState;
  /** This event's effects. */
  readonly effects: readonly Effect[];
  /** The member's ledger so far, this event's entries included. */
  readonly ledger: readonly LedgerEntry[];
  /** The member's applied events so far, in arrival order, this one included. */
  readonly history: readonly EventInput[];
  /** Whether the event is older than the member's latest event (it arrived out of order). */
  readonly late: boolean;
}

/**
 * A property of every member after every applied event. `check` returns a
 * message when the property is violated and `undefined` when it holds (a
 * thrown error is a violation too).
 *
 * @example
 * const fewPoints: Invariant = {
 *   name: 'at most 10,000 points',
 *   check: ({ after }) => (balanceOf(after) > 10_000 ? `balance ${balanceOf(after)}` : undefined),
 * };
 */
export interface Invariant {
  /** Names the invariant in results and reports. */
  readonly name: string;
  /** A message when violated, `undefined` when it holds. */
  readonly check: (context: InvariantContext) => string | undefined;
}
