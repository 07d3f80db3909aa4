import { emit, type Draft } from '../engine/draft.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { PurchaseEvent, ReferralEvent } from '../events/schema.js';
import type { OrderRecord } from '../member/state.js';
import { Dec } from '../money/decimal.js';
import type { ReferralsDefinition } from '../program/engagement-schema.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { dateIn } from '../time/dates.js';
import { giveGrant, revokeGrant } from './grant.js';
import { periodKey } from '../time/periods.js';
import type { ReferralRecord } from './state.js';

type Stage = ReferralEvent['stage'];

/** Days the referrer's first-purchase points stay pending and cancellable. */
export function holdDays(draft: Pick<Draft, 'program'>): number {
  return draft.program.referrals?.onFirstPurchase?.holdDays ?? draft.program.refunds?.windowDays ?? 0;
}

/** Emits a `referral` event for the member's referrer (an `outgoing_event` effect). */
export function sendReferral(draft: Draft, stage: Stage, orderId?: string): void {
  const by = draft.engagement.referredBy;
  if (by === undefined) return;
  emit(draft, {
    type: 'outgoing_event',
    at: draft.at,
    event: {
      id: `${draft.event.id}:referral:${stage}`,
      type: 'referral',
      memberId: by.referrerId,
      at: draft.at,
      stage,
      refereeId: draft.event.memberId,
      ...(orderId === undefined ? {} : { orderId }),
    },
  });
}

/** A referee's purchase: the first that reaches `minAmount` within `withinDays` of enrolling qualifies them. */
export function referralOnPurchase(draft: Draft, event: PurchaseEvent): void {
  const by = draft.engagement.referredBy;
  const rule = draft.program.referrals?.onFirstPurchase;
  if (by === undefined || rule === undefined || by.orderId !== undefined || by.qualifiedAt !== undefined) return;
  if (rule.minAmount !== undefined && new Dec(event.amount).lt(rule.minAmount)) return;
  if (rule.withinDays !== undefined && isoUtc(addDaysInZone(Date.parse(by.at), rule.withinDays, draft.zone)) < draft.at) return;
  if (new Dec(event.amount).isZero()) return;
  draft.engagement.referredBy = { ...by, orderId: event.orderId, qualifiedAt: draft.at };
  sendReferral(draft, 'qualified', event.orderId);
}

/**
 * A referee's refund: if it takes the qualifying order below `minAmount` (or
 * to nothing) within the hold, the referral is cancelled and the referee may
 * qualify again with a later purchase.
 */
export function referralOnRefund(draft: Draft, orderId: string, order: OrderRecord): void {
  const by = draft.engagement.referredBy;
  const rule = draft.program.referrals?.onFirstPurchase;
  if (by === undefined || rule === undefined || by.orderId !== orderId || by.qualifiedAt === undefined) return;
  const holdEnds = isoUtc(addDaysInZone(Date.parse(by.qualifiedAt), holdDays(draft), draft.zone));
  if (draft.at >= holdEnds) return;
  const net = new Dec(order.amount).minus(order.refunded);
  const broken = net.isZero() || (rule.minAmount !== undefined && net.lt(rule.minAmount));
  if (!broken) return;
  const { referrerId, code, at } = by;
  draft.engagement.referredBy = { referrerId, code, at };
  sendReferral(draft, 'cancelled', orderId);
}

/** Referees paid for a stage in the period of `day`, for the cap. */
function paidIn(records: Readonly<Record<string, ReferralRecord>>, stage: 'signedUp' | 'qualified', day: string, per: NonNullable<ReferralsDefinition['cap']>['per']): number {
  const period = periodKey(day, per);
  let n = 0;
  for (const r of Object.values(records)) {
    const d = r[stage];
    if (d !== undefined && r[`${stage}Paid`] === true && periodKey(d, per) === period) n++;
  }
  return n;
}

/**
 * A `referral` event on the referrer's stream: pays the sign-up or first
 * purchase bonus once per referee (a referee is never credited twice for a
 * stage), within the cap; `cancelled` takes the first-purchase bonus back.
 */
export function applyReferral(draft: Draft, event: ReferralEvent): void {
  const referrals = draft.program.referrals;
  if (referrals === undefined) throw new LoyaltyError('referrals_not_declared', `referral ${event.id}: program ${draft.program.id} declares no referrals`);
  if (event.refereeId === event.memberId) {
    throw new LoyaltyError('self_referral', `referral ${event.id}: member ${event.memberId} cannot refer themselves`, { details: { refereeId: event.refereeId } });
  }
  const records = draft.engagement.referrals ?? {};
  const record: ReferralRecord = Object.prototype.hasOwnProperty.call(records, event.refereeId) ? (records[event.refereeId] ?? {}) : {};
  const day = dateIn(draft.atMs, draft.zone);
  const ruleId = event.stage === 'signed_up' ? 'referrals.onSignUp' : 'referrals.onFirstPurchase';
  let next: ReferralRecord = record;

  if (event.stage === 'cancelled') {
    if (record.qualified === undefined || record.orderId !== event.orderId) return;
    if (record.granted !== undefined) revokeGrant(draft, record.granted, ruleId, 'referral_cancelled', event.orderId);
    const { qualified: _q, qualifiedPaid: _p, orderId: _o, granted: _g, ...rest } = record;
    // the cancelled order can never qualify again (a redelivered `qualified` for it pays nothing)
    next = { ...rest, cancelled: [...(record.cancelled ?? []), record.orderId ?? event.orderId ?? ''] };
  } else {
    const stage = event.stage === 'signed_up' ? 'signedUp' : 'qualified';
    if (record[stage] !== undefined) {
      emit(draft, { type: 'not_earned', at: draft.at, ruleId, reason: 'already_credited', details: { refereeId: event.refereeId } });
      return;
    }
    if (event.orderId !== undefined && record.cancelled?.includes(event.orderId) === true) {
      emit(draft, { type: 'not_earned', at: draft.at, ruleId, reason: 'order_cancelled', details: { refereeId: event.refereeId, orderId: event.orderId } });
      return;
    }
    const order = event.stage === 'qualified' && event.orderId !== undefined ? { orderId: event.orderId } : {};
    const grant = event.stage === 'signed_up' ? referrals.onSignUp : referrals.onFirstPurchase;
    const cap = referrals.cap;
    if (cap !== undefined && paidIn(records, stage, day, cap.per) >= cap.count) {
      emit(draft, { type: 'not_earned', at: draft.at, ruleId, reason: 'referral_cap', details: { refereeId: event.refereeId, count: cap.count, per: cap.per } });
      next = { ...record, [stage]: day, [`${stage}Paid`]: false, ...order };
    } else if (grant === undefined) {
      next = { ...record, [stage]: day, [`${stage}Paid`]: false, ...order };
    } else {
      const hold = event.stage === 'qualified' ? holdDays(draft) : 0;
      const availableAt = hold > 0 ? isoUtc(addDaysInZone(draft.atMs, hold, draft.zone)) : draft.at;
      const { granted } = giveGrant(draft, grant, ruleId, {
        source: 'referral',
        tag: 'referral',
        availableAt,
        detail: { refereeId: event.refereeId, ...(event.orderId === undefined ? {} : { refereeOrderId: event.orderId }) },
      });
      next = {
        ...record,
        [stage]: day,
        [`${stage}Paid`]: true,
        ...(event.stage === 'qualified' ? { granted, ...order } : {}),
      };
    }
  }
  draft.engagement.referrals = { ...records, [event.refereeId]: next };
}
