import { emit, touch, type Draft } from '../engine/draft.js';
import type { ReferralRefusal } from '../engine/effects.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { EnrollmentEvent } from '../events/schema.js';
import { isActive } from '../earning/active.js';
import { memberFact } from '../member/facts.js';
import type { CompiledProgram } from '../program/compiled.js';
import { localTime } from '../time/local-time.js';
import { enrollmentFact } from './facts.js';
import { giveGrant } from './grant.js';
import { normalizeCode, referralCode } from './referral-code.js';
import { sendReferral } from './referrals.js';

/**
 * The member joins: their birthday and time zone are kept, a referral code is
 * checked (refused with a `referral_refused` effect, the enrolment still
 * applies), the referee's reward and the welcome rules pay, and the referrer
 * is sent a `signed_up` referral event.
 *
 * @throws LoyaltyError `already_enrolled` for a second enrolment.
 */
export function applyEnrollment(draft: Draft, compiled: CompiledProgram, event: EnrollmentEvent): void {
  if (draft.engagement.enrolledAt !== undefined) {
    throw new LoyaltyError('already_enrolled', `enrollment ${event.id}: member ${event.memberId} enrolled on ${draft.engagement.enrolledAt}`, {
      details: { enrolledAt: draft.engagement.enrolledAt },
    });
  }
  const time = localTime(draft.atMs, draft.zone);
  // the member as they were before the enrolment, for the welcome rules' conditions
  const member = memberFact(draft);
  const e = draft.engagement;
  e.enrolledAt = draft.at;
  if (event.birthday !== undefined) e.birthday = event.birthday;
  if (event.timezone !== undefined) e.timezone = event.timezone;

  if (event.referralCode !== undefined) {
    const refusal = checkReferral(draft, event);
    if (refusal !== undefined) {
      emit(draft, { type: 'referral_refused', at: draft.at, reason: refusal, code: event.referralCode });
    } else if (event.referrerId !== undefined) {
      e.referredBy = { referrerId: event.referrerId, code: referralCode(draft.program, event.referrerId), at: draft.at };
      const referee = draft.program.referrals?.referee;
      if (referee !== undefined) giveGrant(draft, referee, 'referrals.referee', { source: 'referral', tag: 'referee' });
      sendReferral(draft, 'signed_up');
    }
  }

  const facts = { event: enrollmentFact(event, e.referredBy !== undefined), member, time };
  for (const { rule, when } of compiled.welcome) {
    if (!isActive(rule, time.date) || (when !== undefined && !when(facts))) continue;
    giveGrant(draft, rule, rule.id, { source: 'welcome', tag: `welcome:${rule.id}` });
  }
  touch(draft);
}

function checkReferral(draft: Draft, event: EnrollmentEvent): ReferralRefusal | undefined {
  const referrals = draft.program.referrals;
  if (referrals === undefined) return 'no_referral_program';
  if (event.referrerId === undefined) return 'missing_referrer';
  if (event.referrerId === event.memberId) return 'self_referral';
  if (normalizeCode(event.referralCode ?? '') !== normalizeCode(referralCode(draft.program, event.referrerId))) return 'invalid_code';
  // a member who has bought before is not new
  if (draft.stats.lastPurchaseAt !== null) return 'not_new';
  return undefined;
}
