import type { Facts } from '../conditions/types.js';
import type { PurchaseEvent } from '../events/schema.js';
import type { EarnResult } from '../member/state.js';
import { Dec } from '../money/decimal.js';
import { roundPoints } from '../money/rounding.js';
import type { CompiledProgram, CompiledRule, CompiledSpend } from '../program/compiled.js';
import type { Program } from '../program/define.js';
import type { BonusRule, FirstPurchaseRule } from '../program/schema.js';
import { isActive } from './active.js';
import { PROGRAM_SCOPE, count, room } from './caps.js';
import { combine, matchMultipliers, type MatchedMultiplier } from './multipliers.js';

/** One rule's earning on a purchase, with the explanation that goes into its ledger entry. */
export interface RuleEarning {
  readonly result: EarnResult;
  readonly detail: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}

interface PurchaseContext {
  readonly program: Program;
  readonly event: PurchaseEvent;
  readonly amount: Dec;
  readonly facts: Facts;
  readonly itemFacts: readonly Facts[];
  /** What each item is worth of the amount paid: the amount shared in proportion to listed value. */
  readonly allocations: readonly Dec[];
  /** The allocations' sum added in item order, when they are the listed values (their sum is then known). */
  readonly allocated: Dec | undefined;
  readonly multipliers: readonly MatchedMultiplier[];
}

/**
 * Runs the program's spend and bonus rules on a purchase, highest priority
 * first, applies rounding once per rule and then the caps, and counts the
 * awarded points in `counters` (which it updates).
 */
export function earnOnPurchase(
  program: Program,
  compiled: CompiledProgram,
  event: PurchaseEvent,
  facts: Facts,
  itemFacts: readonly Facts[],
  day: string,
  counters: Record<string, number>,
  /** Multipliers from outside the rules (the member's tier). */
  extraMultipliers: readonly MatchedMultiplier[] = [],
  /** Whether this is the member's first purchase ever (first-purchase rules pay only then). */
  firstPurchase = false,
): RuleEarning[] {
  const amount = new Dec(event.amount);
  const { shares, sum } = allocation(amount, event.items ?? []);
  const ctx: PurchaseContext = {
    program,
    event,
    amount,
    facts,
    itemFacts,
    allocations: shares,
    allocated: sum,
    multipliers: extraMultipliers.length === 0 ? matchMultipliers(compiled, facts, itemFacts, day) : [...matchMultipliers(compiled, facts, itemFacts, day), ...extraMultipliers],
  };
  const out: RuleEarning[] = [];
  let eventTotal = 0;
  for (const compiledRule of compiled.earning) {
    const { rule } = compiledRule;
    if (rule.kind === 'first_purchase' && !firstPurchase) continue;
    if (!isActive(rule, day) || (compiledRule.when !== undefined && !compiledRule.when(facts))) continue;
    const earned = rule.kind === 'spend' ? spend(compiledRule as CompiledSpend, ctx) : bonus(compiledRule as CompiledRule<BonusRule | FirstPurchaseRule>, ctx);
    if (earned === undefined || earned.points <= 0) continue;
    const ruleRoom = room(rule.caps, counters, rule.id, day, 0);
    const programRoom = room(program.points.caps, counters, PROGRAM_SCOPE, day, eventTotal);
    const points = Math.min(earned.points, ruleRoom, programRoom);
    const detail = { ...earned.detail, ...(points < earned.points ? { uncapped: earned.points, cappedBy: ruleRoom <= programRoom ? `earn.${rule.id}.caps` : 'points.caps' } : {}) };
    if (points <= 0) continue;
    eventTotal += points;
    if (rule.caps !== undefined) count(counters, rule.caps, rule.id, day, points);
    if (program.points.caps !== undefined) count(counters, program.points.caps, PROGRAM_SCOPE, day, points);
    out.push({
      result: {
        ruleId: rule.id,
        kind: rule.kind === 'spend' ? 'spend' : 'bonus',
        points,
        clawed: 0,
        refundedShare: '0',
        base: earned.base.toFixed(),
        ...(earned.unrounded === undefined ? {} : { unrounded: earned.unrounded }),
        ...(earned.weights === undefined ? {} : { weights: earned.weights.map((w) => w.toFixed()) }),
        ...(earned.threshold === undefined ? {} : { threshold: earned.threshold }),
      },
      detail,
    });
  }
  return out;
}

const ZERO = new Dec(0);

interface Earned {
  readonly points: number;
  readonly base: Dec;
  readonly weights: readonly Dec[] | undefined;
  readonly threshold?: string;
  readonly unrounded?: string;
  readonly detail: Record<string, string | number | boolean | null | readonly string[]>;
}

function spend(c: CompiledSpend, ctx: PurchaseContext): Earned | undefined {
  if (c.minOrderAmount !== undefined && ctx.amount.lt(c.minOrderAmount)) return undefined;
  const mode = ctx.program.points.multipliers ?? 'multiply';
  const mine = ctx.multipliers.filter((m) => m.appliesTo === undefined || m.appliesTo.includes(c.rule.id));
  const eventWide = mine.filter((m) => m.items === undefined);
  const used = new Set(eventWide.map((m) => m.id));
  const items = ctx.event.items ?? [];
  if (items.length === 0) {
    if (c.include !== undefined || c.exclude !== undefined) return undefined;
    const factor = combine(eventWide.map((m) => m.factor), mode);
    const raw = ctx.amount.times(c.perUnit).times(factor);
    return explain(c, roundPoints(raw, ctx.program.points.rounding), ctx.amount, undefined, raw, factor, used);
  }
  const selected = selectItems(c, ctx);
  const eventFactor = combine(eventWide.map((m) => m.factor), mode);
  const itemWide = mine.filter((m) => m.items !== undefined);
  // a multiplication by exactly 1 changes nothing (the operands are within the 40-digit precision):
  // skipped, as most items are at the plain rate (1 point per 1.00); decimal.js work per item was about
  // a fifth of a step on the real data set
  const perUnitIsOne = c.perUnit.eq(1);
  const eventIsOne = eventFactor.eq(1);
  let uniform = true;
  let plain = true; // every selected item weighs its allocation
  const weights = ctx.allocations.map((alloc, i) => {
    if (!selected[i]) {
      uniform = false;
      return ZERO;
    }
    let factor = eventFactor;
    let factorIsOne = eventIsOne;
    const selects = (m: MatchedMultiplier): boolean => m.items?.[i] === true;
    if (itemWide.some(selects)) {
      const matched = itemWide.filter(selects);
      uniform = false;
      for (const m of matched) used.add(m.id);
      factor = combine([...eventWide, ...matched].map((m) => m.factor), mode);
      factorIsOne = factor.eq(1);
    }
    const perUnit = perUnitIsOne ? alloc : alloc.times(c.perUnit);
    const w = factorIsOne ? perUnit : perUnit.times(factor);
    if (w !== alloc) plain = false;
    return w;
  });
  // the base is the selected items' allocations, the raw points their weights, each added in item
  // order; when every item is selected at the plain rate, both are the allocations' sum the purchase
  // already has (two decimal.js additions per item fewer on the real data set)
  let base: Dec;
  let raw: Dec;
  if (plain && uniform && ctx.allocated !== undefined) {
    base = ctx.allocated;
    raw = ctx.allocated;
  } else {
    base = new Dec(0);
    raw = new Dec(0);
    for (let i = 0; i < weights.length; i++) {
      if (!selected[i]) continue;
      base = base.plus(ctx.allocations[i] as Dec);
      raw = raw.plus(weights[i] as Dec);
    }
  }
  if (base.isZero()) return undefined;
  const factor = raw.div(base.times(c.perUnit));
  // weights proportional to the items' paid value need not be stored: refunds derive them from the order
  return explain(c, roundPoints(raw, ctx.program.points.rounding), base, uniform ? undefined : weights, raw, factor, used);
}

function explain(c: CompiledSpend, points: number, base: Dec, weights: readonly Dec[] | undefined, raw: Dec, factor: Dec, used: ReadonlySet<string>): Earned {
  return {
    points,
    base,
    weights,
    unrounded: raw.toFixed(),
    detail: {
      base: base.toFixed(),
      rate: `${c.rule.rate.points} per ${c.rule.rate.per}`,
      multiplier: factor.toSignificantDigits(12).toFixed(),
      multipliers: [...used],
      unrounded: raw.toSignificantDigits(20).toFixed(),
    },
  };
}

function bonus(c: CompiledRule<BonusRule | FirstPurchaseRule>, ctx: PurchaseContext): Earned | undefined {
  const filtered = c.include !== undefined || c.exclude !== undefined;
  const items = ctx.event.items ?? [];
  if (filtered && items.length === 0) return undefined;
  let base = ctx.amount;
  let weights: Dec[] | undefined;
  if (items.length > 0) {
    const selected = selectItems(c, ctx);
    const picked = ctx.allocations.map((a, i) => (selected[i] ? a : new Dec(0)));
    base = picked.reduce((s, w) => s.plus(w), new Dec(0));
    if (filtered && base.isZero()) return undefined;
    if (selected.some((x) => !x)) weights = picked;
  }
  const min = c.rule.minAmount;
  if (min !== undefined && base.lt(min)) return undefined;
  return {
    points: c.rule.points,
    base,
    weights,
    ...(min === undefined ? {} : { threshold: min }),
    detail: { base: base.toFixed(), ...(min === undefined ? {} : { minAmount: min }) },
  };
}

/** Which purchase items a rule's item filter selects. */
export function selectItems(c: Pick<CompiledRule, 'include' | 'exclude'>, ctx: { readonly itemFacts: readonly Facts[] }): boolean[] {
  return ctx.itemFacts.map((f) => (c.include === undefined || c.include(f)) && !(c.exclude !== undefined && c.exclude(f)));
}

/**
 * Shares the amount paid among the items in proportion to their listed value
 * (quantity × unit price), so discounts and fees reach every item alike.
 */
export function allocate(amount: Dec, items: readonly { quantity: number; unitPrice: string }[]): Dec[] {
  return allocation(amount, items).shares;
}

/** {@link allocate}, with the shares' sum (added in item order, from 0) when the shares are the listed values. */
function allocation(amount: Dec, items: readonly { quantity: number; unitPrice: string }[]): { shares: Dec[]; sum: Dec | undefined } {
  const values = items.map((i) => new Dec(i.unitPrice).times(i.quantity));
  const total = values.reduce((s, v) => s.plus(v), new Dec(0));
  if (total.eq(amount)) return { shares: values, sum: total };
  return { shares: values.map((v) => (total.isZero() ? new Dec(0) : amount.times(v).div(total))), sum: undefined };
}
