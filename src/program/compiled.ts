import { compileCondition, type CompiledCondition } from '../conditions/compile.js';
import type { TopLevelCondition } from '../conditions/types.js';
import { Dec } from '../money/decimal.js';
import { ITEM_FACTS, RULE_FACTS } from './facts.js';
import type { BonusRule, CashbackRule, EarnRule, MultiplierRule, ProgramDefinition, SpendRule } from './schema.js';

/** A rule with its conditions compiled, in evaluation order. */
export interface CompiledRule<R extends EarnRule = EarnRule> {
  readonly rule: R;
  readonly when: CompiledCondition | undefined;
  readonly include: CompiledCondition | undefined;
  readonly exclude: CompiledCondition | undefined;
}

export interface CompiledSpend extends CompiledRule<SpendRule> {
  /** Points per unit of money: `rate.points / rate.per`. */
  readonly perUnit: Dec;
  readonly minOrderAmount: Dec | undefined;
}

export interface CompiledProgram {
  /** Spend and bonus rules, highest priority first, then declaration order. */
  readonly earning: readonly (CompiledSpend | CompiledRule<BonusRule>)[];
  readonly multipliers: readonly CompiledRule<MultiplierRule>[];
  /** Cashback rules, in the same order. */
  readonly cashback: readonly CompiledRule<CashbackRule>[];
}

/** Compiles every condition once; called by `defineProgram` after validation. */
export function compileProgram(def: ProgramDefinition): CompiledProgram {
  const references = def.conditions as Readonly<Record<string, TopLevelCondition>>;
  const compile = (c: TopLevelCondition | undefined, facts: readonly string[]): CompiledCondition | undefined =>
    c === undefined ? undefined : compileCondition(c, { references, knownFacts: facts });
  const ordered = def.earn
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index)
    .map(({ rule }) => rule);
  const base = <R extends EarnRule>(rule: R): CompiledRule<R> => ({
    rule,
    when: compile(rule.condition, RULE_FACTS),
    include: compile(rule.items?.include, ITEM_FACTS),
    exclude: compile(rule.items?.exclude, ITEM_FACTS),
  });
  const earning: (CompiledSpend | CompiledRule<BonusRule>)[] = [];
  const multipliers: CompiledRule<MultiplierRule>[] = [];
  const cashback: CompiledRule<CashbackRule>[] = [];
  for (const rule of ordered) {
    if (rule.kind === 'multiplier') multipliers.push(base(rule));
    else if (rule.kind === 'cashback') cashback.push(base(rule));
    else if (rule.kind === 'bonus') earning.push(base(rule));
    else {
      earning.push({
        ...base(rule),
        perUnit: new Dec(rule.rate.points).div(rule.rate.per),
        minOrderAmount: rule.minOrderAmount === undefined ? undefined : new Dec(rule.minOrderAmount),
      });
    }
  }
  return { earning, multipliers, cashback };
}
