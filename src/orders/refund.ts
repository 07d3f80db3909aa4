import { LoyaltyError } from '../errors/loyalty-error.js';
import type { RefundEvent } from '../events/schema.js';
import type { EarnResult, OrderRecord } from '../member/state.js';
import { Dec } from '../money/decimal.js';
import { roundPoints, type RoundingPolicy } from '../money/rounding.js';
import { earned } from '../wallet/cashback.js';

/** What a refund takes back from one rule's earning. */
export interface Claw {
  readonly ruleId: string;
  readonly points: number;
  readonly share: string;
  readonly reason: 'pro_rata' | 'below_threshold' | 'order_refunded';
}

/**
 * Works out what a refund claws back from each rule that earned on the order,
 * at the value the order earned then (never at today's rules):
 * - spend rules: the member keeps what the net order would have earned,
 *   `min(points, round(unrounded points × share not refunded))`, the share being
 *   by refunded amount, or by the refunded items' weight when the refund lists
 *   items; over several partial refunds the total is exact;
 * - bonus rules: the whole bonus once the order's remaining base falls below
 *   the threshold (or the order is refunded in full).
 * A full refund always claws back everything the order still holds.
 *
 * @throws LoyaltyError `refund_exceeds_order` or `unknown_item`; nothing is applied.
 */
/** What a refund takes back from one cashback rule's credit. */
export interface CashClaw {
  readonly ruleId: string;
  readonly amount: Dec;
  readonly share: string;
}

export function clawbacks(
  order: OrderRecord,
  refund: RefundEvent,
  rounding: RoundingPolicy,
  money?: { readonly currency: string; readonly rounding: RoundingPolicy },
): { order: OrderRecord; claws: Claw[]; cashClaws: CashClaw[] } {
  const amount = new Dec(order.amount);
  const refundedBefore = new Dec(order.refunded);
  const refunding = new Dec(refund.amount);
  const left = amount.minus(refundedBefore);
  if (refunding.gt(left)) {
    throw new LoyaltyError('refund_exceeds_order', `refund ${refund.id} of ${refund.amount} exceeds the ${left.toFixed()} left to refund on order ${refund.orderId}`, {
      details: { orderId: refund.orderId, requested: refund.amount, refundable: left.toFixed() },
    });
  }
  const quantities = refundedQuantities(order, refund);
  const refundedAfter = refundedBefore.plus(refunding);
  const full = refundedAfter.eq(amount);
  const amountShare = refunding.div(amount);

  const claws: Claw[] = [];
  const results: EarnResult[] = order.results.map((result) => {
    const share = full ? new Dec(1) : Dec.min(1, new Dec(result.refundedShare).plus(increment(result, order, quantities, amountShare)));
    const notRefunded = new Dec(1).minus(share);
    let target: number;
    let reason: Claw['reason'] = full ? 'order_refunded' : 'pro_rata';
    if (full) target = result.points;
    else if (result.kind === 'spend') {
      // keep what the net order would have earned under the same rules: never more than was awarded (caps)
      const unrounded = new Dec(result.unrounded ?? result.points);
      const kept = Math.min(result.points, roundPoints(unrounded.times(notRefunded), rounding));
      target = result.points - kept;
    }
    else {
      const remaining = new Dec(result.base).times(notRefunded);
      const lost = result.threshold !== undefined && remaining.lt(result.threshold);
      target = lost ? result.points : result.clawed;
      if (lost) reason = 'below_threshold';
    }
    const n = Math.max(0, target - result.clawed);
    if (n > 0) claws.push({ ruleId: result.ruleId, points: n, share: share.toSignificantDigits(12).toFixed(), reason });
    return { ...result, clawed: result.clawed + n, refundedShare: share.toFixed() };
  });
  const cashClaws: CashClaw[] = [];
  const cashback = order.cashback?.map((result) => {
    const share = full ? new Dec(1) : Dec.min(1, new Dec(result.refundedShare).plus(increment(result, order, quantities, amountShare)));
    const credited = new Dec(result.amount);
    // keep what the net order would have earned, never more than was credited
    const kept = full || money === undefined ? new Dec(0) : Dec.min(credited, earned(result, new Dec(result.base).times(new Dec(1).minus(share)), money.currency, money.rounding));
    const n = Dec.max(0, credited.minus(kept).minus(result.clawed));
    if (n.gt(0)) cashClaws.push({ ruleId: result.ruleId, amount: n, share: share.toSignificantDigits(12).toFixed() });
    return { ...result, clawed: new Dec(result.clawed).plus(n).toFixed(), refundedShare: share.toFixed() };
  });
  // items the refund does not name stay the same objects (shared with the state, not copied and frozen again)
  const items = quantities === undefined ? order.items : order.items.map((item, i) => ((quantities[i] ?? 0) === 0 ? item : { ...item, refunded: item.refunded + (quantities[i] ?? 0) }));
  return { order: { ...order, refunded: refundedAfter.toFixed(), items, results, ...(cashback === undefined ? {} : { cashback }) }, claws, cashClaws };
}

/** The share of one rule's base that this refund returns. */
function increment(result: { readonly weights?: readonly string[] | undefined }, order: OrderRecord, quantities: readonly number[] | undefined, amountShare: Dec): Dec {
  if (quantities === undefined) return amountShare;
  const weights = result.weights?.map((w) => new Dec(w)) ?? order.items.map((item) => new Dec(item.unitPrice).times(item.quantity));
  const total = weights.reduce((s, w) => s.plus(w), new Dec(0));
  if (total.isZero()) return amountShare;
  let part = new Dec(0);
  weights.forEach((w, i) => {
    const q = quantities[i] ?? 0;
    const item = order.items[i];
    if (q > 0 && item !== undefined) part = part.plus(w.times(q).div(item.quantity));
  });
  return part.div(total);
}

/** Per order line, how many units this refund returns; lines with the same sku are used in order. */
function refundedQuantities(order: OrderRecord, refund: RefundEvent): number[] | undefined {
  if (refund.items === undefined || refund.items.length === 0) return undefined;
  const out = order.items.map(() => 0);
  for (const [k, line] of refund.items.entries()) {
    let need = line.quantity;
    order.items.forEach((item, i) => {
      if (need === 0 || item.sku !== line.sku) return;
      const free = item.quantity - item.refunded - (out[i] ?? 0);
      const n = Math.min(free, need);
      out[i] = (out[i] ?? 0) + n;
      need -= n;
    });
    if (need > 0) {
      const known = order.items.some((item) => item.sku === line.sku);
      throw new LoyaltyError(
        known ? 'refund_exceeds_order' : 'unknown_item',
        known
          ? `refund ${refund.id} returns ${line.quantity} of ${line.sku}, more than order ${refund.orderId} has left`
          : `order ${refund.orderId} has no item ${line.sku}`,
        { issues: [{ code: known ? 'refund_exceeds_order' : 'unknown_item', path: ['items', k], message: `sku ${line.sku}` }], details: { orderId: refund.orderId, sku: line.sku } },
      );
    }
  }
  return out;
}
