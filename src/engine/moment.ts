import { LoyaltyError } from '../errors/loyalty-error.js';
import { show } from '../errors/show.js';
import { fromZodIssues } from '../errors/zod-issues.js';
import { Instant } from '../events/schema.js';
import type { MemberState } from '../member/state.js';
import type { Program } from '../program/define.js';
import { isoUtc } from '../time/calendar.js';
import { evaluateParsed } from './evaluate.js';
import { checkMemberState } from '../member/state-schema.js';

/** Checks the `at` of a read view: an ISO 8601 instant with an offset; its epoch milliseconds. */
export function readViewInstant(caller: string, at: unknown): number {
  const checked = Instant.safeParse(at);
  if (!checked.success) {
    throw new LoyaltyError('invalid_argument', `${caller}: ${show(at)} must be an ISO 8601 date-time with an offset`, {
      issues: fromZodIssues(checked.error.issues, ['at']),
    });
  }
  return Date.parse(checked.data);
}

/**
 * A member's state as time alone leaves it at `at` (never before the last
 * event): what a tick would do (expiry, tier transitions), effects discarded.
 * The input state is not changed.
 */
export function stateAt(program: Program, state: MemberState, caller: string, at: unknown): { readonly state: MemberState; readonly atMs: number; readonly now: string } {
  const checked = checkMemberState(state, caller);
  const atMs = Math.max(readViewInstant(caller, at), checked.lastEventAt === null ? 0 : Date.parse(checked.lastEventAt));
  const now = isoUtc(atMs);
  const tick = { id: `\u0000${caller}`, type: 'tick' as const, memberId: checked.memberId, at: now };
  return { state: evaluateParsed(program, checked, tick).state, atMs, now };
}
