import { LoyaltyError } from '../errors/loyalty-error.js';
import { LIST_OPERATORS, NUMERIC_OPERATORS, OPERATORS } from './operators.js';
import { parsePath, resolvePath } from './path.js';
import { isFactReference, validateCondition } from './validate.js';
import type { Facts, NestedCondition, OperatorName, TopLevelCondition } from './types.js';

/** A condition compiled once into a plain synchronous function of the facts. */
export type CompiledCondition = (facts: Facts) => boolean;

/** Options of {@link compileCondition}. */
export interface CompileOptions {
  /** Named conditions that `{ "condition": "name" }` refers to. */
  readonly references?: Readonly<Record<string, TopLevelCondition>>;
  /**
   * Facts that are always present when the condition runs. Knowing them lets the
   * evaluator stop early inside a priority group without changing the result:
   * only a missing fact, a non-list `in` value, or a fact value JavaScript cannot
   * convert to a primitive (compared by a numeric operator or `in` a string) can throw.
   */
  readonly knownFacts?: readonly string[];
}

/**
 * @internal Not public API, and not exported from any index (`CompileOptions`
 * is public, so the override lives on this subtype to stay out of the published
 * types). `operators` replaces the comparison of some operators, keeping their
 * fact-value validators. Only the differential test uses it, to check that a
 * deliberately broken operator is caught.
 */
export interface InternalCompileOptions extends CompileOptions {
  readonly operators?: Readonly<Partial<Record<OperatorName, (factValue: any, value: any) => boolean>>>;
}

interface Node {
  readonly run: CompiledCondition;
  /** Whether evaluating this node can throw (json-rules-engine would reject the run). */
  readonly mayThrow: boolean;
  readonly priority: number;
}

/**
 * Compiles a json-rules-engine condition into a closure with exactly its
 * semantics: `all`/`any` evaluate priority groups highest first and stop between
 * groups once the answer is known; an empty `all` or `any` is true; a missing
 * fact throws (`undefined_fact`); paths and operators behave as in
 * json-rules-engine v7. No `eval`, no `new Function`: a condition is data.
 *
 * @throws LoyaltyError `invalid_condition` when the condition is malformed.
 * @example
 * const bigOrder = compileCondition({ all: [{ fact: 'event', path: '$.amount', operator: 'greaterThanInclusive', value: 100 }] });
 * bigOrder({ event: { amount: 120 } }); // true
 * bigOrder({ event: { amount: 80 } }); // false
 */
export function compileCondition(condition: TopLevelCondition, options: CompileOptions = {}): CompiledCondition {
  if (options === null || typeof options !== 'object') throw new LoyaltyError('invalid_argument', 'compileCondition: options must be an object');
  const { knownFacts, references } = options;
  if (knownFacts !== undefined && (!Array.isArray(knownFacts) || knownFacts.some((f) => typeof f !== 'string'))) {
    throw new LoyaltyError('invalid_argument', 'compileCondition: knownFacts must be an array of fact names');
  }
  if (references !== undefined && (references === null || typeof references !== 'object' || Array.isArray(references))) {
    throw new LoyaltyError('invalid_argument', 'compileCondition: references must be an object of named conditions');
  }
  const issues = validateCondition(condition, true);
  if (issues.length > 0) {
    throw new LoyaltyError('invalid_condition', `Invalid condition: ${issues.map((i) => i.message).join('; ')}`, { issues });
  }
  const known = new Set(options.knownFacts ?? []);
  const refs = options.references ?? {};
  const operators = (options as InternalCompileOptions).operators ?? {};
  return compileNode(condition, { known, refs, resolving: new Set(), operators }).run;
}

interface Context {
  readonly known: ReadonlySet<string>;
  readonly refs: Readonly<Record<string, TopLevelCondition>>;
  readonly resolving: Set<string>;
  readonly operators: NonNullable<InternalCompileOptions['operators']>;
}

function compileNode(node: NestedCondition, ctx: Context): Node {
  const priority = node.priority ?? 1;
  if ('all' in node) return group(node.all, 'all', priority, ctx);
  if ('any' in node) return group(node.any, 'any', priority, ctx);
  if ('not' in node) {
    const inner = compileNode(node.not, ctx);
    return { run: (f) => !inner.run(f), mayThrow: inner.mayThrow, priority };
  }
  if ('condition' in node) return reference(node.condition, priority, ctx);
  return leaf(node.fact, node.operator, node.value, node.path, priority, ctx);
}

function reference(name: string, priority: number, ctx: Context): Node {
  const target = Object.prototype.hasOwnProperty.call(ctx.refs, name) ? ctx.refs[name] : undefined;
  if (target === undefined) throw new LoyaltyError('invalid_condition', `No condition ${name} exists`);
  if (ctx.resolving.has(name)) throw new LoyaltyError('invalid_condition', `Condition ${name} refers to itself`);
  ctx.resolving.add(name);
  const compiled = compileNode(target, ctx);
  ctx.resolving.delete(name);
  return { run: compiled.run, mayThrow: compiled.mayThrow, priority };
}

function group(children: readonly NestedCondition[], op: 'all' | 'any', priority: number, ctx: Context): Node {
  const nodes = children.map((c) => compileNode(c, ctx));
  const mayThrow = nodes.some((n) => n.mayThrow);
  if (nodes.length === 0) return { run: () => true, mayThrow: false, priority };
  if (nodes.length === 1) return { run: (nodes[0] as Node).run, mayThrow, priority };
  const byPriority = new Map<number, Node[]>();
  for (const n of nodes) byPriority.set(n.priority, [...(byPriority.get(n.priority) ?? []), n]);
  const wholeGroups = [...byPriority.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, set]) => (set.some((n) => n.mayThrow) ? evaluateAll(set, op) : shortCircuit(set, op)));
  const run: CompiledCondition =
    op === 'all'
      ? (facts) => {
          for (const set of wholeGroups) if (!set(facts)) return false;
          return true;
        }
      : (facts) => {
          for (const set of wholeGroups) if (set(facts)) return true;
          return false;
        };
  return { run, mayThrow, priority };
}

/** Evaluates every member of a group (as json-rules-engine's Promise.all does), so a throw is never skipped. */
function evaluateAll(set: readonly Node[], op: 'all' | 'any'): CompiledCondition {
  const runs = set.map((n) => n.run);
  return (facts) => {
    let all = true;
    let any = false;
    for (const c of runs) {
      const r = c(facts);
      all &&= r;
      any ||= r;
    }
    return op === 'all' ? all : any;
  };
}

function shortCircuit(set: readonly Node[], op: 'all' | 'any'): CompiledCondition {
  const runs = set.map((n) => n.run);
  return op === 'all' ? (facts) => runs.every((c) => c(facts)) : (facts) => runs.some((c) => c(facts));
}

function factReader(fact: string, path: string | undefined, ctx: Context): { read: (facts: Facts) => unknown; mayThrow: boolean } {
  let steps: readonly string[] | undefined;
  if (path !== undefined) {
    const parsed = parsePath(path);
    if (!parsed.ok) throw new LoyaltyError('invalid_condition', parsed.reason);
    steps = parsed.steps;
  }
  const read = (facts: Facts): unknown => {
    if (!Object.prototype.hasOwnProperty.call(facts, fact)) {
      throw new LoyaltyError('undefined_fact', `Undefined fact: ${fact}`, { details: { fact } });
    }
    const value = facts[fact];
    return steps === undefined ? value : resolvePath(value, steps);
  };
  return { read, mayThrow: !ctx.known.has(fact) };
}

function leaf(fact: string, operator: OperatorName, value: unknown, path: string | undefined, priority: number, ctx: Context): Node {
  const op = OPERATORS[operator];
  const compare = ctx.operators[operator] ?? op.compare;
  const left = factReader(fact, path, ctx);
  let right: { read: (facts: Facts) => unknown; mayThrow: boolean };
  if (isFactReference(value)) {
    right = factReader(value.fact as string, value.path as string | undefined, ctx);
  } else {
    right = { read: () => value, mayThrow: false };
  }
  const listOp = LIST_OPERATORS.has(operator);
  const unsafeList = listOp && (isFactReference(value) || typeof (value as { indexOf?: unknown } | null)?.indexOf !== 'function');
  // Besides a missing fact, json-rules-engine rejects the run when an operator
  // throws: `in`/`notIn` on a value without `indexOf`, and any JavaScript
  // conversion to a primitive that fails, e.g. of `{ "toString": 1 }` (numeric
  // operators convert the fact value, and `in` a string converts it too).
  const mayThrowOnValues = NUMERIC_OPERATORS.has(operator) || (listOp && !Array.isArray(value));
  const run: CompiledCondition = (facts) => {
    const b = right.read(facts);
    const a = left.read(facts);
    if (unsafeList && typeof (b as { indexOf?: unknown } | null | undefined)?.indexOf !== 'function') {
      throw new LoyaltyError('invalid_condition', `${operator} needs a list as its value, got ${b === null ? 'null' : typeof b}`);
    }
    try {
      return op.validate(a) && compare(a, b);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new LoyaltyError('invalid_condition', `${operator} cannot compare the value of fact ${fact}: ${reason}`, {
        details: { fact, operator },
      });
    }
  };
  return { run, mayThrow: left.mayThrow || right.mayThrow || mayThrowOnValues, priority };
}
