/**
 * The facts a program's conditions can read, and the keys each one has. Used
 * at definition time to refuse a condition on a fact or key that never exists
 * (a typo like `time.hours` would otherwise be silently false).
 */
export const FACT_KEYS = {
  event: ['id', 'type', 'memberId', 'at', 'orderId', 'amount', 'currency', 'items', 'channel', 'storeId', 'attributes', 'name', 'referred', 'birthday', 'profile'],
  member: ['id', 'orders', 'spent', 'points', 'lifetimePoints', 'daysSinceLastPurchase', 'tier', 'perks'],
  time: ['year', 'month', 'day', 'hour', 'minute', 'weekday', 'date', 'clock'],
  item: ['sku', 'category', 'quantity', 'unitPrice', 'amount'],
} as const;

export type FactName = keyof typeof FACT_KEYS;

/** Facts readable by a rule's `condition`. */
export const RULE_FACTS: readonly FactName[] = ['event', 'member', 'time'];
/** Facts readable by an `items.include` / `items.exclude` condition. */
export const ITEM_FACTS: readonly FactName[] = ['item', 'event', 'member', 'time'];

/** Keys under which free-form data lives: any path below them is allowed. */
export const OPEN_KEYS: ReadonlySet<string> = new Set(['attributes', 'items', 'profile']);
