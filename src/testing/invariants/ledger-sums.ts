import type { LedgerEntry, LedgerEntryKind } from '../../ledger/entry.js';
import type { EventInput } from '../../events/schema.js';
import { exact } from '../support/money.js';

/** The sum of the points of each kind of entry. */
export function sumsByKind(ledger: readonly LedgerEntry[]): Record<LedgerEntryKind, number> {
  const sums: Record<LedgerEntryKind, number> = { earn: 0, clawback: 0, expire: 0, adjust: 0, debt_recovery: 0, redeem: 0, reversal: 0 };
  for (const e of ledger) sums[e.kind] += e.points;
  return sums;
}

/** Whether an entry's rule is an earn rule of the program (not a level's entry reward nor a spin's prize). */
export const byEarnRule = (e: LedgerEntry): boolean => !e.ruleId.startsWith('tiers.') && !e.ruleId.startsWith('rewards.');

/** A stamp card's grant names the order that completed the card, but follows the card's own refund policy, not the order's. */
const ofTheOrder = (e: LedgerEntry): boolean => byEarnRule(e) && !e.ruleId.startsWith('stampCards.');

/** Per earn rule, the points an order earned and the points its refunds clawed back (`detail.clawed`). */
export function orderPoints(ledger: readonly LedgerEntry[], orderId: string): Map<string, { earned: number; clawed: number }> {
  const out = new Map<string, { earned: number; clawed: number }>();
  for (const e of ledger) {
    if (e.orderId !== orderId || !ofTheOrder(e) || (e.kind !== 'earn' && e.kind !== 'clawback')) continue;
    const row = out.get(e.ruleId) ?? { earned: 0, clawed: 0 };
    if (e.kind === 'earn') row.earned += e.points;
    else row.clawed += typeof e.detail?.clawed === 'number' ? e.detail.clawed : -e.points;
    out.set(e.ruleId, row);
  }
  return out;
}

/** Money and orders as the applied purchases and refunds say: net spent (exact), orders not fully refunded. */
export function spentAndOrders(history: readonly EventInput[]): { spent: bigint; orders: number; left: Map<string, bigint> } {
  const left = new Map<string, bigint>();
  let spent = 0n;
  let orders = 0;
  for (const e of history) {
    if (e.type === 'purchase') {
      const amount = exact(e.amount);
      left.set(e.orderId, amount);
      spent += amount;
      orders += 1;
    } else if (e.type === 'refund') {
      const amount = exact(e.amount);
      const was = left.get(e.orderId) ?? 0n;
      left.set(e.orderId, was - amount);
      spent -= amount;
      if (was > 0n && was - amount === 0n) orders -= 1;
    }
  }
  return { spent, orders, left };
}
