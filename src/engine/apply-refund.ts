import { PROGRAM_SCOPE, uncount } from '../earning/caps.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { RefundEvent } from '../events/schema.js';
import { clawBeyond, takeOwnLot } from '../ledger/balance.js';
import type { OrderRecord } from '../member/state.js';
import { Dec } from '../money/decimal.js';
import { clawbacks } from '../orders/refund.js';
import { refundCutoff } from '../orders/retention.js';
import { ordersToChange, record, type Draft } from './draft.js';
import { countRefund } from '../tiers/metrics.js';
import { moveWallet } from '../wallet/move.js';
import type { CompiledProgram } from '../program/compiled.js';
import { stampsOnRefund } from '../engagement/stamps.js';
import { referralOnRefund } from '../engagement/referrals.js';

interface Portion {
  n: number;
  /** Whether these points leave the balance (false: already expired, or carried as debt). */
  readonly balance: boolean;
  readonly note?: 'alreadyExpired' | 'debtIncurred';
}

/**
 * A refund: claws back what the refunded part earned. Points come first from
 * the order's own lot, then from the part of it that already expired (nothing
 * more to take), then from other pending lots, then from available ones
 * first-to-expire first; the rest follows the negative balance policy.
 */
export function applyRefund(draft: Draft, compiled: CompiledProgram, event: RefundEvent): void {
  const order = Object.prototype.hasOwnProperty.call(draft.orders, event.orderId) ? draft.orders[event.orderId] : undefined;
  if (order === undefined) {
    const window = draft.program.refunds?.windowDays;
    const note = window === undefined ? '' : ` (orders are kept ${window} days for refunds)`;
    throw new LoyaltyError('unknown_order', `refund ${event.id}: member ${event.memberId} has no order ${event.orderId}${note}`, {
      details: { orderId: event.orderId },
    });
  }
  const cutoff = refundCutoff(draft, draft.atMs);
  if (cutoff !== undefined && order.at < cutoff) {
    throw new LoyaltyError('refund_window_closed', `refund ${event.id}: order ${event.orderId} was placed on ${order.at}, more than ${draft.program.refunds?.windowDays} days before`, {
      details: { orderId: event.orderId, orderedAt: order.at, windowDays: draft.program.refunds?.windowDays },
    });
  }
  const wallet = draft.program.wallet;
  const { order: updated, claws, cashClaws } = clawbacks(
    order,
    event,
    draft.program.points.rounding,
    wallet === undefined ? undefined : { currency: draft.program.currency, rounding: wallet.rounding },
  );
  const total = claws.reduce((s, c) => s + c.points, 0);
  const portions = total > 0 ? take(draft, order, total) : [];
  let expired = order.expired;
  for (const p of portions) if (p.note === 'alreadyExpired') expired -= p.n;

  for (const claw of claws) {
    let left = claw.points;
    let fromBalance = 0;
    let alreadyExpired = 0;
    let debtIncurred = 0;
    for (const p of portions) {
      const n = Math.min(left, p.n);
      if (n === 0) continue;
      p.n -= n;
      left -= n;
      if (p.balance) fromBalance += n;
      if (p.note === 'alreadyExpired') alreadyExpired += n;
      if (p.note === 'debtIncurred') debtIncurred += n;
    }
    record(draft, {
      at: draft.at,
      kind: 'clawback',
      points: -fromBalance,
      ruleId: claw.ruleId,
      orderId: event.orderId,
      detail: {
        clawed: claw.points,
        refundedShare: claw.share,
        reason: claw.reason,
        ...(alreadyExpired > 0 ? { alreadyExpired } : {}),
        ...(debtIncurred > 0 ? { debtIncurred } : {}),
      },
    });
    uncount(draft.counters, claw.ruleId, order.day, claw.points);
    uncount(draft.counters, PROGRAM_SCOPE, order.day, claw.points);
  }

  for (const c of cashClaws) moveWallet(draft, 'clawback', c.amount.neg(), c.ruleId, { orderId: event.orderId, detail: { refundedShare: c.share } });
  const next: OrderRecord = { ...updated, expired };
  const fully = new Dec(next.refunded).eq(next.amount) && !new Dec(order.refunded).eq(order.amount);
  ordersToChange(draft)[event.orderId] = next;
  countRefund(draft, event.orderId, order, event.amount, total, fully);
  draft.stats.spent = new Dec(draft.stats.spent).minus(event.amount).toFixed();
  if (fully) draft.stats.orders -= 1;
  stampsOnRefund(draft, compiled, event.orderId, next);
  referralOnRefund(draft, event.orderId, next);
}

function take(draft: Draft, order: OrderRecord, total: number): Portion[] {
  const portions: Portion[] = [];
  const own = takeOwnLot(draft, order.eventId, total);
  portions.push({ n: own, balance: true });
  let rest = total - own;
  const expired = Math.min(rest, order.expired);
  if (expired > 0) portions.push({ n: expired, balance: false, note: 'alreadyExpired' });
  rest -= expired;
  if (rest > 0) {
    const { fromBalance, debt } = clawBeyond(draft, rest);
    portions.push({ n: fromBalance, balance: true });
    if (debt > 0) portions.push({ n: debt, balance: false, note: 'debtIncurred' });
  }
  return portions;
}
