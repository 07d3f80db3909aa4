import { LoyaltyError, isLoyaltyError } from '../errors/loyalty-error.js';
import { parseEvent } from '../events/parse.js';
import type { LoyaltyEvent } from '../events/schema.js';
import type { Effect } from './effects.js';
import { expireDue } from '../ledger/expiry.js';
import type { MemberState } from '../member/state.js';
import { compiledOf, type Program } from '../program/define.js';
import { applyAdjustment } from './apply-adjustment.js';
import { applyPurchase } from './apply-purchase.js';
import { applyRefund } from './apply-refund.js';
import { applyMembership, applyTierGrant } from './apply-membership.js';
import { advanceTiers, settleTiers } from '../tiers/advance.js';
import { pruneOrders, pruneRedemptions } from '../orders/retention.js';
import { applyRedemption, type RedemptionOptions } from '../rewards/redeem.js';
import { applyReversal } from '../rewards/reverse.js';
import { applyWalletDebit } from '../wallet/debit.js';
import { composeMessages } from '../messages/compose.js';
import { createDraft, finish } from './draft.js';
import { checkMemberState } from '../member/state-schema.js';
import { applyActivity } from '../engagement/activity.js';
import { applyEnrollment } from '../engagement/enrollment.js';
import { applyReferral } from '../engagement/referrals.js';
import { birthdayStep } from '../engagement/birthday.js';
import { expireStamps, pruneCards } from '../engagement/stamps.js';
import { winBackStep } from '../engagement/win-back.js';

/**
 * What only the host knows, for one step.
 *
 * @example
 * evaluate(program, state, redemption, { stock: { 'gift-10': 3 } });
 */
export interface EvaluateOptions extends RedemptionOptions {
  /** Units left per reward in the host's inventory, as last seen; a redemption of more is refused (`out_of_stock`). */
  readonly stock?: Readonly<Record<string, number>>;
}

/** The new state and what the host should record or do. */
export interface EvaluateResult {
  /** The member's new state (frozen), to store in place of the old one. */
  readonly state: MemberState;
  /** What the step caused, in order: ledger and wallet entries to record, rewards to issue, messages to send, … */
  readonly effects: readonly Effect[];
}

/** The outcome of {@link safeEvaluate}: the step's result, or the error that refused the event. */
export type SafeEvaluateResult =
  | {
      /** The event was applied. */
      readonly success: true;
      /** The member's new state. */
      readonly state: MemberState;
      /** What the step caused. */
      readonly effects: readonly Effect[];
    }
  | {
      /** The event was refused or invalid; nothing was applied. */
      readonly success: false;
      /** Why (`error.code`). */
      readonly error: LoyaltyError;
    };

/**
 * The pure step: applies one event to one member's state under a program.
 * Never mutates its inputs, never reads the clock (time is the event's `at`),
 * never does I/O. First it expires what is due by the event's time, then it
 * applies the event.
 *
 * @throws EventError when the event is malformed; LoyaltyError with a domain
 *   code (`unknown_order`, `refund_exceeds_order`, `duplicate_order`,
 *   `currency_mismatch`, `member_mismatch`, …) when it is refused. Either way
 *   nothing is applied.
 * @example
 * let state = newMemberState(program, 'm1');
 * ({ state } = evaluate(program, state, {
 *   id: 'e1', type: 'purchase', memberId: 'm1', at: '2024-03-01T10:00:00+01:00',
 *   orderId: 'o1', amount: '25.00', currency: 'EUR',
 * }));
 */
export function evaluate(program: Program, state: MemberState, event: unknown, options: EvaluateOptions = {}): EvaluateResult {
  return evaluateParsed(program, state, parseEvent(event), options);
}

/** The step on an event already validated by `parseEvent` (the engine at the edge parses once). */
export function evaluateParsed(program: Program, given: MemberState, parsed: LoyaltyEvent, options: EvaluateOptions = {}): EvaluateResult {
  const compiled = compiledOf(program);
  // the new state shares what did not change with this one and is frozen: a state from elsewhere (a
  // store, JSON) is checked and copied first, so that none of the caller's objects is frozen
  const state = checkState(program, given, parsed);
  const atMs = Date.parse(parsed.at);
  const draft = createDraft(program, state, parsed, atMs);
  const lastMs = state.lastEventAt === null ? atMs : Date.parse(state.lastEventAt);
  advanceTiers(draft, lastMs, draft.nowMs);
  expireDue(draft, draft.nowMs);
  expireStamps(draft, compiled);
  switch (parsed.type) {
    case 'purchase':
      applyPurchase(draft, compiled, parsed);
      break;
    case 'refund':
      applyRefund(draft, compiled, parsed);
      break;
    case 'adjustment':
      applyAdjustment(draft, parsed);
      break;
    case 'membership':
      applyMembership(draft, parsed);
      break;
    case 'tier_grant':
      applyTierGrant(draft, parsed);
      break;
    case 'redemption':
      applyRedemption(draft, parsed, options);
      break;
    case 'redemption_reversal':
      applyReversal(draft, parsed);
      break;
    case 'wallet_debit':
      applyWalletDebit(draft, parsed);
      break;
    case 'enrollment':
      applyEnrollment(draft, compiled, parsed);
      break;
    case 'activity':
      applyActivity(draft, compiled, parsed);
      break;
    case 'referral':
      applyReferral(draft, parsed);
      break;
    case 'tick':
      break;
  }
  birthdayStep(draft, compiled);
  winBackStep(draft);
  settleTiers(draft);
  pruneOrders(draft);
  pruneCards(draft);
  pruneRedemptions(draft);
  composeMessages(draft, state);
  return { state: finish(draft, state), effects: draft.effects };
}

/**
 * Like {@link evaluate}, but returns `{ success: false, error }` for a refused or invalid event.
 * Errors that are not a {@link LoyaltyError} (bugs) are still thrown.
 *
 * @example
 * const result = safeEvaluate(program, state, event);
 * if (result.success) state = result.state;
 * else console.warn(result.error.code); // e.g. 'duplicate_order'
 */
export function safeEvaluate(program: Program, state: MemberState, event: unknown, options: EvaluateOptions = {}): SafeEvaluateResult {
  try {
    const { state: next, effects } = evaluate(program, state, event, options);
    return { success: true, state: next, effects };
  } catch (error) {
    if (isLoyaltyError(error)) return { success: false, error };
    throw error;
  }
}

function checkState(program: Program, given: MemberState, event: LoyaltyEvent): MemberState {
  const state = checkMemberState(given, 'evaluate');
  if (state.memberId !== event.memberId) {
    throw new LoyaltyError('member_mismatch', `event ${event.id} is for member ${event.memberId}, the state is member ${state.memberId}`);
  }
  if (state.programId !== program.id) {
    throw new LoyaltyError('program_mismatch', `the state belongs to program ${state.programId}, not ${program.id}`);
  }
  return state;
}
