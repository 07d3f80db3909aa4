import type { PurchaseEvent } from '../events/schema.js';
import type { Draft } from '../engine/draft.js';
import { balanceOf } from './state.js';
import { perksOf } from '../tiers/standing.js';

/** The `member` fact: the member as they were just before the event. */
export function memberFact(draft: Draft): Record<string, unknown> {
  const last = draft.stats.lastPurchaseAt;
  // the balance is a sum over every lot (hundreds for a long-lived member, 2% of a step on the real
  // data set) and few programs ask for it: summed when a condition first reads it, over the lots
  // as they were when the fact was made (a step replaces the array when it changes one)
  const before = { lots: draft.lots, deficit: draft.deficit };
  let points: number | undefined;
  return {
    id: draft.event.memberId,
    orders: draft.stats.orders,
    spent: Number(draft.stats.spent),
    get points(): number {
      points ??= balanceOf(before);
      return points;
    },
    lifetimePoints: draft.totals.earned,
    daysSinceLastPurchase: last === null ? null : Math.floor((draft.atMs - Date.parse(last)) / 86_400_000),
    tier: draft.tier?.effective ?? null,
    perks: draft.tier === undefined ? [] : perksOf(draft.program.tiers, draft.tier.effective, draft.tier.grants, draft.at),
  };
}

/** The `event` fact of a purchase: the event as sent, amounts as numbers so json-rules-engine operators compare them. */
export function purchaseFact(event: PurchaseEvent, items: readonly Record<string, unknown>[]): Record<string, unknown> {
  return {
    id: event.id,
    type: event.type,
    memberId: event.memberId,
    at: event.at,
    orderId: event.orderId,
    amount: Number(event.amount),
    currency: event.currency,
    items,
    ...(event.channel === undefined ? {} : { channel: event.channel }),
    ...(event.storeId === undefined ? {} : { storeId: event.storeId }),
    ...(event.attributes === undefined ? {} : { attributes: event.attributes }),
  };
}

/** The `item` fact for item filters. Money is a number here, for json-rules-engine's numeric operators. */
export function itemFact(item: NonNullable<PurchaseEvent['items']>[number]): Record<string, unknown> {
  const unitPrice = Number(item.unitPrice);
  // 15 significant digits: the nearest double to the exact product (no 0.30000000000000004)
  const amount = Number((unitPrice * item.quantity).toPrecision(15));
  // two literals rather than a spread of an optional category: this runs for every item of every purchase
  return item.category === undefined
    ? { sku: item.sku, quantity: item.quantity, unitPrice, amount }
    : { sku: item.sku, category: item.category, quantity: item.quantity, unitPrice, amount };
}
