import { Dec } from '../../money/decimal.js';
import type { CsvMapping } from './csv-mapping.js';
import type { CsvStats } from './csv-stats.js';
import { isoInZone } from './local-time.js';
import type { GroupedOrder } from './order-grouper.js';

/** An event made from CSV lines, with the line it starts on. */
export interface MadeEvent {
  readonly event: Record<string, unknown>;
  readonly line: number;
  readonly ms: number;
}

interface KeptLine {
  readonly sku: string;
  readonly unitPrice: string;
  left: number;
}
interface KeptOrder {
  readonly orderId: string;
  readonly lines: KeptLine[];
  /** Money not yet refunded. */
  left: Dec;
}

/**
 * Turns grouped orders into `purchase` and `refund` events. Sale lines make one purchase per order (items
 * merged by SKU and price when SKUs are mapped); return lines are matched to the member's most recent
 * earlier orders (by SKU and quantity when SKUs and quantities are mapped, else by money) and make one
 * refund per order they touch. Keeps each member's orders (SKUs and what is left to refund) for matching.
 *
 * @example
 * const maker = new OrderEvents(mapping, stats);
 * for (const made of maker.eventsOf(order)) yield made.event;
 */
export class OrderEvents {
  private readonly history = new Map<string, KeptOrder[]>();

  constructor(
    private readonly mapping: CsvMapping,
    private readonly stats: CsvStats,
  ) {}

  /** The events of one completed order: a purchase and/or refunds. */
  eventsOf(order: GroupedOrder): MadeEvent[] {
    const sales = order.lines.filter((l) => l.total.gt(0) || (l.quantity !== null && l.quantity > 0));
    const returns = order.lines.filter((l) => l.total.lt(0) && (l.quantity === null || l.quantity < 0));
    const out: MadeEvent[] = [];
    const at = isoInZone(order.ms, this.mapping.timezone);
    const orders = this.history.get(order.memberId) ?? [];
    this.history.set(order.memberId, orders);
    // returns first: a return in the same order refers to an earlier one, never to this order's sales
    if (returns.length > 0) for (const e of this.refunds(order, returns, orders, at)) out.push(e);
    if (sales.length > 0) {
      const made = this.purchase(order, sales, at);
      if (made !== null) {
        out.push({ event: made.event, line: order.line, ms: order.ms });
        orders.push(made.kept);
      }
    }
    return out;
  }

  private purchase(order: GroupedOrder, sales: GroupedOrder['lines'], at: string): { event: Record<string, unknown>; kept: KeptOrder } | null {
    const withItems = this.mapping.sku !== null && this.mapping.quantity !== null;
    const items = new Map<string, { sku: string; quantity: number; unitPrice: string; category?: string }>();
    let amount = new Dec(0);
    for (const l of sales) {
      if (l.unitPrice !== null && !new Dec(l.unitPrice).gt(0)) {
        this.stats.droppedLines++;
        continue;
      }
      amount = amount.plus(l.total);
      if (!withItems || l.sku === null || l.quantity === null || l.unitPrice === null) continue;
      const key = `${l.sku}\u0000${l.unitPrice}`;
      const item = items.get(key);
      if (item !== undefined) item.quantity += l.quantity;
      else items.set(key, { sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, ...(l.category === null ? {} : { category: l.category }) });
    }
    if (amount.isZero()) {
      this.stats.zeroOrders++;
      return null;
    }
    this.stats.purchases++;
    const list = [...items.values()];
    const event: Record<string, unknown> = {
      id: `p${order.orderId}`,
      type: 'purchase',
      memberId: order.memberId,
      at,
      orderId: order.orderId,
      amount: amount.toFixed(),
      currency: this.mapping.currency,
      ...(list.length > 0 ? { items: list } : {}),
    };
    const kept: KeptOrder = { orderId: order.orderId, lines: list.map((i) => ({ sku: i.sku, unitPrice: i.unitPrice, left: i.quantity })), left: amount };
    return { event, kept };
  }

  private refunds(order: GroupedOrder, returns: GroupedOrder['lines'], orders: KeptOrder[], at: string): MadeEvent[] {
    const bySku = this.mapping.sku !== null && this.mapping.quantity !== null;
    const byOrder = new Map<string, { amount: Dec; items: Map<string, number> }>();
    const refundOf = (kept: KeptOrder): { amount: Dec; items: Map<string, number> } => {
      let refund = byOrder.get(kept.orderId);
      if (refund === undefined) byOrder.set(kept.orderId, (refund = { amount: new Dec(0), items: new Map() }));
      return refund;
    };
    for (const l of returns) {
      this.stats.returnLines++;
      let matchedAny = false;
      let short = false;
      if (bySku && l.sku !== null && l.quantity !== null) {
        let need = -l.quantity;
        for (let k = orders.length - 1; k >= 0 && need > 0; k--) {
          const kept = orders[k] as KeptOrder;
          for (const line of kept.lines) {
            if (need === 0 || line.sku !== l.sku || line.left === 0) continue;
            const n = Math.min(need, line.left);
            line.left -= n;
            need -= n;
            const money = new Dec(line.unitPrice).times(n);
            kept.left = kept.left.minus(money);
            const refund = refundOf(kept);
            refund.amount = refund.amount.plus(money);
            refund.items.set(line.sku, (refund.items.get(line.sku) ?? 0) + n);
            matchedAny = true;
          }
        }
        short = need > 0;
      } else {
        let need = l.total.negated();
        for (let k = orders.length - 1; k >= 0 && need.gt(0); k--) {
          const kept = orders[k] as KeptOrder;
          if (!kept.left.gt(0)) continue;
          const take = Dec.min(need, kept.left);
          kept.left = kept.left.minus(take);
          need = need.minus(take);
          const refund = refundOf(kept);
          refund.amount = refund.amount.plus(take);
          matchedAny = true;
        }
        short = need.gt(0);
      }
      if (!matchedAny) this.stats.unmatchedLines++;
      else if (short) this.stats.partialLines++;
    }
    const out: MadeEvent[] = [];
    for (const [orderId, r] of byOrder) {
      if (!r.amount.gt(0)) continue;
      this.stats.refunds++;
      const items = [...r.items].map(([sku, quantity]) => ({ sku, quantity }));
      const event: Record<string, unknown> = {
        id: `r${order.orderId}:${orderId}`,
        type: 'refund',
        memberId: order.memberId,
        at,
        orderId,
        amount: r.amount.toFixed(),
        ...(items.length > 0 ? { items } : {}),
      };
      out.push({ event, line: order.line, ms: order.ms });
    }
    return out;
  }
}
