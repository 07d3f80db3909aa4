import type { Issue } from '../errors/loyalty-error.js';
import { parsePath } from '../conditions/path.js';
import { isFactReference } from '../conditions/validate.js';
import type { NestedCondition, TopLevelCondition } from '../conditions/types.js';
import { FACT_KEYS, ITEM_FACTS, OPEN_KEYS, RULE_FACTS, type FactName } from './facts.js';
import type { Caps, ProgramDefinition } from './schema.js';
import { checkEngagement } from './engagement-checks.js';

type Path = (string | number)[];

/**
 * Checks what a schema cannot: duplicate ids, unknown references, facts and
 * keys that do not exist, rules that can never apply or never pay in full.
 * Every problem is reported with its path, like a schema issue.
 */
export function staticChecks(program: ProgramDefinition): Issue[] {
  const issues: Issue[] = [];
  const add = (code: string, path: Path, message: string): void => void issues.push({ code, path, message });

  const seen = new Map<string, number>();
  program.earn.forEach((rule, i) => {
    const first = seen.get(rule.id);
    if (first !== undefined) add('duplicate_id', ['earn', i, 'id'], `rule id "${rule.id}" is already used by earn[${first}]`);
    else seen.set(rule.id, i);
  });

  for (const [name, condition] of Object.entries(program.conditions)) {
    checkCycles(name, condition, program.conditions, ['conditions', name], add);
    checkFacts(condition, ITEM_FACTS, program, ['conditions', name], add, false);
  }

  const hasMultipliers = program.earn.some((r) => r.kind === 'multiplier');
  if (hasMultipliers && program.points.multipliers === undefined) {
    const levels = program.tiers?.levels.some((l) => l.multiplier !== undefined) === true ? ' and levels have multipliers' : '';
    add('undeclared', ['points', 'multipliers'], `the program has multiplier rules${levels}: declare how they combine ("multiply", "add" or "highest")`);
  }
  checkCaps(program.points.caps, ['points', 'caps'], add);
  const { expiry, pendingDays } = program.points;
  if (expiry.kind === 'days-after-earning' && pendingDays >= expiry.days) {
    add('unreachable', ['points', 'pendingDays'], `points would expire (after ${expiry.days} days) before they become available (after ${pendingDays} days)`);
  }

  program.earn.forEach((rule, i) => {
    const at: Path = ['earn', i];
    if (rule.condition !== undefined) checkFacts(rule.condition, RULE_FACTS, program, [...at, 'condition'], add);
    const items = 'items' in rule ? rule.items : undefined;
    if (items?.include !== undefined) checkFacts(items.include, ITEM_FACTS, program, [...at, 'items', 'include'], add);
    if (items?.exclude !== undefined) checkFacts(items.exclude, ITEM_FACTS, program, [...at, 'items', 'exclude'], add);
    if (rule.active?.from !== undefined && rule.active.until !== undefined && rule.active.from > rule.active.until) {
      add('unreachable', [...at, 'active'], `the rule is never active: from ${rule.active.from} is after until ${rule.active.until}`);
    }
    if (rule.kind === 'multiplier') {
      rule.appliesTo?.forEach((target, j) => {
        const k = seen.get(target);
        const t = k === undefined ? undefined : program.earn[k];
        if (t === undefined) add('unknown_reference', [...at, 'appliesTo', j], `no earn rule has the id "${target}"`);
        else if (t.kind !== 'spend') add('invalid_reference', [...at, 'appliesTo', j], `"${target}" is a ${t.kind} rule; multipliers apply to spend rules`);
      });
    }
    if (rule.kind === 'spend' || rule.kind === 'bonus' || rule.kind === 'first_purchase' || rule.kind === 'activity') checkCaps(rule.caps, [...at, 'caps'], add);
    if (rule.kind === 'bonus' || rule.kind === 'first_purchase') {
      for (const [caps, where] of [
        [rule.caps, 'its own caps'],
        [program.points.caps, 'the program caps'],
      ] as const) {
        const limit = smallestCap(caps);
        if (limit !== undefined && rule.points > limit) {
          add('unreachable', [...at, 'points'], `a bonus of ${rule.points} points can never be paid in full: ${where} allow at most ${limit}`);
        }
      }
    }
  });
  checkTiers(program, seen, add);
  checkRewards(program, add);
  checkWallet(program, add);
  checkEngagement(program, add, (condition, items, at) => checkFacts(condition, items ? ITEM_FACTS : RULE_FACTS, program, at, add));
  return issues;
}

/** Cashback rules: one way of computing, a wallet to pay into; wallet-credit rewards need the wallet too. */
function checkWallet(program: ProgramDefinition, add: (c: string, p: Path, m: string) => void): void {
  program.earn.forEach((rule, i) => {
    if (rule.kind !== 'cashback') return;
    if ((rule.percent === undefined) === (rule.every === undefined)) add('invalid_rule', ['earn', i], 'a cashback rule gives either "percent" or "every"');
    if (rule.percent !== undefined && Number(rule.percent) > 100) add('too_big', ['earn', i, 'percent'], 'cashback of more than 100% pays more than the purchase');
    if (program.wallet === undefined) add('undeclared', ['wallet'], `cashback rule "${rule.id}" needs the program's "wallet" (its rounding)`);
  });
  program.rewards?.catalog.forEach((reward, i) => {
    if (reward.kind === 'wallet-credit' && program.wallet === undefined) add('undeclared', ['wallet'], `wallet-credit reward "${reward.id}" needs the program's "wallet"`);
  });
}

/** What each reward kind needs to be fulfilled; which field belongs to which kind. */
const KIND_NEEDS: Readonly<Record<string, readonly ('value' | 'percent' | 'sku' | 'cause' | 'partner')[]>> = {
  'percent-discount': ['percent'],
  'fixed-discount': ['value'],
  'free-product': ['sku'],
  'gift-card': ['value'],
  'wallet-credit': ['value'],
  charity: ['value', 'cause'],
  partner: ['partner'],
  'points-payment': ['value'],
};

/** Catalog rewards: unique ids, the data each kind needs, tiers that exist, sensible limits. */
function checkRewards(program: ProgramDefinition, add: (c: string, p: Path, m: string) => void): void {
  const seen = new Map<string, number>();
  const levels = new Set(program.tiers?.levels.map((l) => l.id) ?? []);
  program.rewards?.catalog.forEach((reward, i) => {
    const at: Path = ['rewards', 'catalog', i];
    const first = seen.get(reward.id);
    if (first !== undefined) add('duplicate_id', [...at, 'id'], `reward id "${reward.id}" is already used by catalog[${first}]`);
    else seen.set(reward.id, i);
    for (const field of KIND_NEEDS[reward.kind] ?? []) {
      if (reward[field] === undefined) add('missing_field', [...at, field], `a ${reward.kind} reward needs "${field}"`);
    }
    if (reward.kind === 'spin' && reward.outcomes === undefined) add('missing_field', [...at, 'outcomes'], 'a spin reward needs "outcomes"');
    if (reward.kind !== 'spin' && reward.outcomes !== undefined) add('invalid_field', [...at, 'outcomes'], 'outcomes apply to spin rewards only');
    reward.outcomes?.forEach((o, j) => {
      if (o.rewardId === undefined) return;
      const prize = program.rewards?.catalog.find((r) => r.id === o.rewardId);
      if (prize === undefined) add('unknown_reference', [...at, 'outcomes', j, 'rewardId'], `no catalog reward has the id "${o.rewardId}"`);
      else if (prize.kind === 'spin' || prize.kind === 'points-payment') add('invalid_reference', [...at, 'outcomes', j, 'rewardId'], `a ${prize.kind} reward cannot be a prize`);
    });
    if (reward.percent !== undefined && Number(reward.percent) > 100) add('too_big', [...at, 'percent'], 'a discount of more than 100% is not a discount');
    if (reward.perOrder !== undefined && reward.kind !== 'points-payment') add('invalid_field', [...at, 'perOrder'], 'perOrder applies to points-payment rewards only');
    const { min, max } = reward.perOrder ?? {};
    if (min !== undefined && max !== undefined && min > max) add('unreachable', [...at, 'perOrder', 'min'], `min ${min} is more than max ${max}`);
    reward.tiers?.forEach((level, j) => {
      if (!levels.has(level)) add('unknown_reference', [...at, 'tiers', j], program.tiers === undefined ? 'the program has no tiers' : `no tier level has the id "${level}"`);
    });
    if (reward.active?.from !== undefined && reward.active.until !== undefined && reward.active.from > reward.active.until) {
      add('unreachable', [...at, 'active'], `the reward is never active: from ${reward.active.from} is after until ${reward.active.until}`);
    }
  });
}

/** Tiers and membership plans: unique ids, a criterion on every level above the first, references that exist. */
function checkTiers(program: ProgramDefinition, rules: ReadonlyMap<string, number>, add: (c: string, p: Path, m: string) => void): void {
  const tiers = program.tiers;
  const levels = new Map<string, number>();
  tiers?.levels.forEach((level, i) => {
    const first = levels.get(level.id);
    if (first !== undefined) add('duplicate_id', ['tiers', 'levels', i, 'id'], `level id "${level.id}" is already used by levels[${first}]`);
    else levels.set(level.id, i);
    if (i > 0 && level.criteria === undefined) {
      add('missing_criteria', ['tiers', 'levels', i, 'criteria'], `only the first (lowest) level may be held by everyone; give "${level.id}" criteria`);
    }
  });
  tiers?.multiplierAppliesTo?.forEach((target, j) => {
    const k = rules.get(target);
    const t = k === undefined ? undefined : program.earn[k];
    if (t === undefined) add('unknown_reference', ['tiers', 'multiplierAppliesTo', j], `no earn rule has the id "${target}"`);
    else if (t.kind !== 'spend') add('invalid_reference', ['tiers', 'multiplierAppliesTo', j], `"${target}" is a ${t.kind} rule; multipliers apply to spend rules`);
  });
  const plans = new Map<string, number>();
  program.memberships?.forEach((plan, i) => {
    const first = plans.get(plan.id);
    if (first !== undefined) add('duplicate_id', ['memberships', i, 'id'], `plan id "${plan.id}" is already used by memberships[${first}]`);
    else plans.set(plan.id, i);
    if (plan.level !== undefined && !levels.has(plan.level)) {
      add('unknown_reference', ['memberships', i, 'level'], tiers === undefined ? 'the program has no tiers' : `no tier level has the id "${plan.level}"`);
    }
  });
}

function smallestCap(caps: Caps | undefined): number | undefined {
  if (caps === undefined) return undefined;
  const values = [caps.perEvent, caps.perDay, caps.perWeek, caps.perMonth, caps.perYear, caps.lifetime].filter((v): v is number => v !== undefined);
  return values.length === 0 ? undefined : Math.min(...values);
}

/** Which caps' periods contain which: a cap above one of its containers can never be reached (a week spans months and years). */
const CONTAINERS: Readonly<Record<keyof Caps, readonly (keyof Caps)[]>> = {
  perEvent: ['perDay', 'perWeek', 'perMonth', 'perYear', 'lifetime'],
  perDay: ['perWeek', 'perMonth', 'perYear', 'lifetime'],
  perWeek: ['lifetime'],
  perMonth: ['perYear', 'lifetime'],
  perYear: ['lifetime'],
  lifetime: [],
};

function checkCaps(caps: Caps | undefined, at: Path, add: (c: string, p: Path, m: string) => void): void {
  if (caps === undefined) return;
  for (const key of Object.keys(CONTAINERS) as (keyof Caps)[]) {
    const value = caps[key];
    if (value === undefined) continue;
    const tighter = CONTAINERS[key].find((c) => (caps[c] ?? Infinity) < value);
    if (tighter !== undefined) add('unreachable', [...at, key], `${key} ${value} can never be reached: ${tighter} is ${caps[tighter]}`);
  }
}

function checkCycles(
  name: string,
  condition: TopLevelCondition,
  all: ProgramDefinition['conditions'],
  at: Path,
  add: (c: string, p: Path, m: string) => void,
): void {
  const visit = (node: NestedCondition, trail: readonly string[]): boolean => {
    if ('all' in node) return node.all.every((c) => visit(c, trail));
    if ('any' in node) return node.any.every((c) => visit(c, trail));
    if ('not' in node) return visit(node.not, trail);
    if ('condition' in node) {
      if (trail.includes(node.condition)) {
        add('circular_reference', at, `condition "${name}" refers to itself through ${[...trail, node.condition].join(' → ')}`);
        return false;
      }
      const target = Object.prototype.hasOwnProperty.call(all, node.condition) ? all[node.condition] : undefined;
      return target === undefined || visit(target, [...trail, node.condition]);
    }
    return true;
  };
  visit(condition, [name]);
}

/** Checks every fact, path and reference in a condition against the facts its context provides. */
function checkFacts(
  condition: TopLevelCondition,
  allowed: readonly FactName[],
  program: ProgramDefinition,
  at: Path,
  add: (c: string, p: Path, m: string) => void,
  followReferences = true,
): void {
  const visit = (node: NestedCondition, path: Path, via: readonly string[]): void => {
    if ('all' in node) return node.all.forEach((c, i) => visit(c, [...path, 'all', i], via));
    if ('any' in node) return node.any.forEach((c, i) => visit(c, [...path, 'any', i], via));
    if ('not' in node) return visit(node.not, [...path, 'not'], via);
    if ('condition' in node) {
      const target = Object.prototype.hasOwnProperty.call(program.conditions, node.condition)
        ? program.conditions[node.condition]
        : undefined;
      if (target === undefined) {
        return add('unknown_reference', [...path, 'condition'], `no condition named "${node.condition}" in the program's conditions`);
      }
      if (!followReferences || via.includes(node.condition)) return;
      return visit(target, path, [...via, node.condition]);
    }
    checkFact(node.fact, node.path, path, via);
    if (isFactReference(node.value)) checkFact(node.value.fact as string, node.value.path as string | undefined, [...path, 'value'], via);
  };
  const checkFact = (fact: string, path: string | undefined, at: Path, via: readonly string[]): void => {
    const where = via.length > 0 ? ` (in condition "${via[via.length - 1]}")` : '';
    // inside a named condition, reached through a reference: the condition itself was checked at its own
    // path; here only whether its facts exist in this context
    if (via.length > 0 && (!Object.prototype.hasOwnProperty.call(FACT_KEYS, fact) || allowed.includes(fact as FactName))) return;
    if (!(allowed as readonly string[]).includes(fact)) {
      return add('unknown_fact', [...at, 'fact'], `unknown fact "${fact}"${where}: here conditions can read ${allowed.join(', ')}`);
    }
    const p: Path = [...at, 'path'];
    if (path === undefined) return;
    const parsed = parsePath(path);
    const first = parsed.ok ? parsed.steps[0] : undefined;
    if (first === undefined) return;
    const keys: readonly string[] = FACT_KEYS[fact as FactName];
    if (!keys.includes(first)) {
      add('unknown_fact', p, `the ${fact} fact has no "${first}"${where}; it has ${keys.join(', ')}`);
    } else if (!OPEN_KEYS.has(first) && parsed.ok && parsed.steps.length > 1 && fact !== 'item') {
      add('unknown_fact', p, `${fact}.${first} is a plain value; the path cannot go deeper${where}`);
    }
  };
  visit(condition, at, []);
}
