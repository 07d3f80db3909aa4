import { exactText, signedExact } from '../support/money.js';
import type { Invariant } from './types.js';
import { orderPoints, spentAndOrders } from './ledger-sums.js';

/**
 * A refund that completes an order claws back every point each rule earned
 * on it; after every purchase and refund, the member's money spent and
 * orders (stats and, with tiers, lifetime tier metrics) are what the applied
 * purchases and refunds add up to, so a full refund takes its order back out.
 */
export const fullRefund: Invariant = {
  name: 'full-refund',
  check({ program, event, after, ledger, history }) {
    if (event.type !== 'purchase' && event.type !== 'refund') return undefined;
    const expected = spentAndOrders(history);
    if (event.type === 'refund' && expected.left.get(event.orderId) === 0n) {
      for (const [ruleId, { earned, clawed }] of orderPoints(ledger, event.orderId)) {
        if (earned !== clawed) return `order ${event.orderId} is refunded in full, but rule ${ruleId} earned ${earned} points on it and ${clawed} were clawed back`;
      }
    }
    if (signedExact(after.stats.spent) !== expected.spent) {
      return `stats.spent is ${after.stats.spent}; the purchases and refunds applied add up to ${exactText(expected.spent)}`;
    }
    if (after.stats.orders !== expected.orders) return `stats.orders is ${after.stats.orders}; ${expected.orders} orders are not fully refunded`;
    const lifetime = program.tiers === undefined ? undefined : after.tier?.lifetime;
    if (lifetime !== undefined) {
      if (signedExact(lifetime.spend) !== expected.spent) return `tier metrics count ${lifetime.spend} spent; the purchases and refunds applied add up to ${exactText(expected.spent)}`;
      if (lifetime.orders !== expected.orders) return `tier metrics count ${lifetime.orders} orders; ${expected.orders} are not fully refunded`;
    }
    return undefined;
  },
};
