import { compileCondition, type CompiledCondition } from '../conditions/compile.js';
import type { TopLevelCondition } from '../conditions/types.js';
import { Dec } from '../money/decimal.js';
import { ITEM_FACTS, RULE_FACTS } from './facts.js';
import { Zone } from '../time/zone.js';
import type { SpanMemo } from '../tiers/window.js';
import type { StampCard } from './engagement-schema.js';
import type {
  ActivityRule,
  BirthdayRule,
  BonusRule,
  CashbackRule,
  EarnRule,
  FirstPurchaseRule,
  MultiplierRule,
  ProgramDefinition,
  SpendRule,
  WelcomeRule,
} from './schema.js';

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

/** A stamp card with its conditions compiled. */
export interface CompiledCard {
  readonly card: StampCard;
  readonly when: CompiledCondition | undefined;
  readonly include: CompiledCondition | undefined;
  readonly exclude: CompiledCondition | undefined;
}

export interface CompiledProgram {
  /** Spend, bonus and first-purchase rules, highest priority first, then declaration order. */
  readonly earning: readonly (CompiledSpend | CompiledRule<BonusRule> | CompiledRule<FirstPurchaseRule>)[];
  readonly multipliers: readonly CompiledRule<MultiplierRule>[];
  /** Cashback rules, in the same order. */
  readonly cashback: readonly CompiledRule<CashbackRule>[];
  readonly activities: readonly CompiledRule<ActivityRule>[];
  readonly welcome: readonly CompiledRule<WelcomeRule>[];
  readonly birthdays: readonly CompiledRule<BirthdayRule>[];
  readonly stampCards: readonly CompiledCard[];
  /** The program's time zone, remembering offsets by day (see {@link Zone}). */
  readonly zone: Zone;
  /** Tier window spans by date (see {@link SpanMemo}). */
  readonly spans: SpanMemo;
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
  const base = <R extends EarnRule>(rule: R): CompiledRule<R> => {
    const items = 'items' in rule ? rule.items : undefined;
    return {
      rule,
      when: compile(rule.condition, RULE_FACTS),
      include: compile(items?.include, ITEM_FACTS),
      exclude: compile(items?.exclude, ITEM_FACTS),
    };
  };
  const earning: (CompiledSpend | CompiledRule<BonusRule> | CompiledRule<FirstPurchaseRule>)[] = [];
  const multipliers: CompiledRule<MultiplierRule>[] = [];
  const cashback: CompiledRule<CashbackRule>[] = [];
  const activities: CompiledRule<ActivityRule>[] = [];
  const welcome: CompiledRule<WelcomeRule>[] = [];
  const birthdays: CompiledRule<BirthdayRule>[] = [];
  for (const rule of ordered) {
    switch (rule.kind) {
      case 'multiplier':
        multipliers.push(base(rule));
        break;
      case 'cashback':
        cashback.push(base(rule));
        break;
      case 'bonus':
        earning.push(base(rule));
        break;
      case 'first_purchase':
        earning.push(base(rule));
        break;
      case 'activity':
        activities.push(base(rule));
        break;
      case 'welcome':
        welcome.push(base(rule));
        break;
      case 'birthday':
        birthdays.push(base(rule));
        break;
      case 'spend':
        earning.push({
          ...base(rule),
          perUnit: new Dec(rule.rate.points).div(rule.rate.per),
          minOrderAmount: rule.minOrderAmount === undefined ? undefined : new Dec(rule.minOrderAmount),
        });
        break;
    }
  }
  const stampCards = (def.stampCards ?? []).map((card) => ({
    card,
    when: compile(card.condition, RULE_FACTS),
    include: compile(card.items?.include, ITEM_FACTS),
    exclude: compile(card.items?.exclude, ITEM_FACTS),
  }));
  return { earning, multipliers, cashback, activities, welcome, birthdays, stampCards, zone: new Zone(def.timezone), spans: new Map() };
}
