import type { Facts } from '../conditions/types.js';
import { isActive } from '../earning/active.js';
import { allocate, selectItems } from '../earning/purchase.js';
import type { PurchaseEvent } from '../events/schema.js';
import type { CashbackResult } from '../member/state.js';
import { roundMoney } from '../money/currency.js';
import { Dec } from '../money/decimal.js';
import type { CompiledProgram } from '../program/compiled.js';
import type { Program } from '../program/define.js';

/**
 * Runs the cashback rules on a purchase: the money each credits to the
 * wallet, rounded to the currency's minor unit, at most `maxPerOrder`.
 */
export function cashbackOnPurchase(
  program: Program,
  compiled: CompiledProgram,
  event: PurchaseEvent,
  facts: Facts,
  itemFacts: readonly Facts[],
  day: string,
): CashbackResult[] {
  const wallet = program.wallet;
  if (compiled.cashback.length === 0 || wallet === undefined) return [];
  const amount = new Dec(event.amount);
  const items = event.items ?? [];
  const allocations = items.length > 0 ? allocate(amount, items) : [];
  const out: CashbackResult[] = [];
  for (const c of compiled.cashback) {
    const { rule } = c;
    if (!isActive(rule, day) || (c.when !== undefined && !c.when(facts))) continue;
    if (rule.minOrderAmount !== undefined && amount.lt(rule.minOrderAmount)) continue;
    const filtered = c.include !== undefined || c.exclude !== undefined;
    if (filtered && items.length === 0) continue;
    let base = amount;
    let weights: string[] | undefined;
    if (items.length > 0) {
      const selected = selectItems(c, { itemFacts });
      const picked = allocations.map((a, i) => (selected[i] ? a : new Dec(0)));
      base = picked.reduce((s, w) => s.plus(w), new Dec(0));
      if (selected.some((x) => !x)) weights = picked.map((w) => w.toFixed());
    }
    let money = earned(rule, base, program.currency, wallet.rounding);
    if (rule.maxPerOrder !== undefined) money = Dec.min(money, rule.maxPerOrder);
    if (money.lte(0)) continue;
    out.push({
      ruleId: rule.id,
      amount: money.toFixed(),
      clawed: '0',
      refundedShare: '0',
      base: base.toFixed(),
      ...(weights === undefined ? {} : { weights }),
      ...(rule.percent === undefined ? {} : { percent: rule.percent }),
      ...(rule.every === undefined ? {} : { every: rule.every }),
    });
  }
  return out;
}

/** Cashback on a base: `percent` of it (rounded), or `every.amount` for every full `every.per`. */
export function earned(rule: { readonly percent?: string | undefined; readonly every?: { readonly amount: string; readonly per: string } | undefined }, base: Dec, currency: string, rounding: 'floor' | 'ceil' | 'round-half-up' | 'round-half-even'): Dec {
  if (rule.percent !== undefined) return roundMoney(base.times(rule.percent).div(100), currency, rounding);
  if (rule.every !== undefined) return base.div(rule.every.per).toDecimalPlaces(12, Dec.ROUND_HALF_EVEN).floor().times(rule.every.amount);
  return new Dec(0);
}
