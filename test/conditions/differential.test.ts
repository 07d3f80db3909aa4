/**
 * Differential test: every generated condition, compiled by loyalty-engine,
 * must give what json-rules-engine v7 gives on the same facts: the same
 * boolean, or both throw. A fresh json-rules-engine `Engine` runs each case.
 *
 * Every property runs with the suite's fixed seed (test/setup/fast-check.ts); try another with
 * `LOYALTY_FC_SEED=123 npx vitest run test/conditions/differential.test.ts`.
 */
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { compileCondition, type InternalCompileOptions } from '../../src/conditions/compile.js';
import type { JsonValue, NestedCondition, OperatorName, TopLevelCondition } from '../../src/conditions/types.js';
import { isLoyaltyError } from '../../src/errors/loyalty-error.js';
import { runs } from '../support/runs.js';

// ---------------------------------------------------------------- generators

/** Facts a case may supply; `ghost` is never supplied. */
const FACT_NAMES = ['num', 'str', 'obj', 'list', 'flag'] as const;
const GHOST = 'ghost';
const ABSENT = Symbol('absent');
const NAMED = ['c0', 'c1', 'c2'] as const;

const OPERATOR_LIST: readonly OperatorName[] = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
];
const NUMERIC: ReadonlySet<OperatorName> = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const LIST: ReadonlySet<OperatorName> = new Set(['in', 'notIn']);

/** Paths of the supported subset, chosen to hit the keys the fact generator produces. */
const PATHS = ['$', '$.a', '$.a.b', '$.b', '$.items[0].sku', "$['a b']", '$["a b"]', '$.tags.length', '$[0]', '$.tags[1]', "$['a:b']"];

/** Small pools, so that facts and values often coincide. */
const number = fc.oneof(fc.constantFrom(0, 1, 5, 9, 10, 1000, -1, 2.5), fc.integer({ min: -20, max: 20 }));
const numericString = fc.constantFrom('10', '1e3', ' 5', 'abc', '', '9', '10abc', '-1', '0x10', 'a', 'a b');
const scalar: fc.Arbitrary<JsonValue> = fc.oneof(
  { arbitrary: number, weight: 4 },
  { arbitrary: numericString, weight: 3 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.string({ maxLength: 3 }), weight: 1 },
);
const factScalar: fc.Arbitrary<unknown> = fc.oneof({ arbitrary: scalar, weight: 9 }, { arbitrary: fc.constant(Number.NaN), weight: 1 });

/** JSON-like fact values: scalars, NaN, arrays, and objects shaped for the paths above. */
const factValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; object: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    { arbitrary: factScalar, weight: 10 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 4 },
    { arbitrary: tie('object'), weight: 6 },
    // JSON.parse('{"toString": 1}'): JavaScript cannot convert it to a primitive, so comparing it throws.
    { arbitrary: fc.record({ toString: scalar, a: tie('value') }, { requiredKeys: ['toString'], noNullPrototype: true }), weight: 1 },
  ),
  object: fc.record(
    {
      a: tie('value'),
      b: tie('value'),
      items: fc.oneof(fc.array(fc.record({ sku: factScalar }, { requiredKeys: [], noNullPrototype: true }), { maxLength: 2 }), tie('value')),
      tags: fc.oneof(fc.array(factScalar, { maxLength: 3 }), fc.string({ maxLength: 2 }), tie('value')),
      'a b': tie('value'),
      'a:b': tie('value'),
    },
    { requiredKeys: [], noNullPrototype: true },
  ),
}))['value'];

/** A literal value: mostly one that passes validation for the operator, rarely anything. */
function literal(operator: OperatorName): fc.Arbitrary<JsonValue> {
  const anything = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.record({ a: scalar }, { noNullPrototype: true }));
  if (NUMERIC.has(operator)) return fc.oneof({ arbitrary: number, weight: 80 }, { arbitrary: anything, weight: 1 });
  if (LIST.has(operator)) return fc.oneof({ arbitrary: fc.array(scalar, { maxLength: 4 }), weight: 80 }, { arbitrary: anything, weight: 1 });
  return anything;
}

const priority = fc.constantFrom(undefined, 1, 2, 3);
const optionalPath = fc.option(fc.constantFrom(...PATHS), { nil: undefined, freq: 2 });

/** Drops keys whose value is undefined (json-rules-engine and `exactOptionalPropertyTypes` both prefer absent keys). */
type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};
function compact<T extends object>(o: T): Compact<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Compact<T>;
}

/** Conditions over `facts` that may refer to the named conditions in `refs`. */
function conditionArbitraries(facts: readonly string[], refs: readonly string[]) {
  const supplied = facts.filter((f) => f !== GHOST);
  const factName =
    supplied.length === facts.length
      ? fc.constantFrom(...facts)
      : fc.oneof({ arbitrary: fc.constantFrom(...supplied), weight: 12 }, { arbitrary: fc.constant(GHOST), weight: 1 });
  const leaf: fc.Arbitrary<NestedCondition> = fc.constantFrom(...OPERATOR_LIST).chain((operator) =>
    fc
      .record({
        fact: factName,
        operator: fc.constant(operator),
        path: optionalPath,
        value: fc.oneof(
          { arbitrary: literal(operator), weight: 3 },
          { arbitrary: fc.record({ fact: factName, path: optionalPath }).map(compact), weight: 1 },
        ),
        priority,
      })
      .map((c) => compact(c) as NestedCondition),
  );
  const references = refs.length > 0 ? [fc.record({ condition: fc.constantFrom(...refs), priority }).map(compact)] : [];
  const tree = fc.letrec<{ node: NestedCondition; all: NestedCondition; any: NestedCondition; not: NestedCondition }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      { arbitrary: leaf, weight: 4 },
      { arbitrary: tie('all'), weight: 1 },
      { arbitrary: tie('any'), weight: 1 },
      { arbitrary: tie('not'), weight: 1 },
      ...references.map((arbitrary) => ({ arbitrary, weight: 1 })),
    ),
    all: fc.record({ all: fc.array(tie('node'), { maxLength: 4 }), priority }).map(compact),
    any: fc.record({ any: fc.array(tie('node'), { maxLength: 4 }), priority }).map(compact),
    not: fc.record({ not: tie('node'), priority }).map(compact),
  }));
  return fc.oneof(tree.all, tree.any, tree.not, ...references) as fc.Arbitrary<TopLevelCondition>;
}

interface Case {
  readonly condition: TopLevelCondition;
  readonly named: Readonly<Record<string, TopLevelCondition>>;
  readonly facts: Readonly<Record<string, unknown>>;
}

/** A case: named conditions c0..c2 (each refers only to earlier ones, so no cycles), a condition and facts. */
function caseArbitrary(opts: { allFactsSupplied: boolean }): fc.Arbitrary<Case> {
  const usable = opts.allFactsSupplied ? [...FACT_NAMES] : [...FACT_NAMES, GHOST];
  const supplied = FACT_NAMES.map((name) =>
    opts.allFactsSupplied
      ? factValue.map((v) => [name, v] as const)
      : fc.option(factValue, { freq: 12, nil: ABSENT }).map((v) => [name, v] as const),
  );
  return fc.record({
    c0: conditionArbitraries(usable, []),
    c1: conditionArbitraries(usable, ['c0']),
    c2: conditionArbitraries(usable, ['c0', 'c1']),
    condition: conditionArbitraries(usable, NAMED),
    facts: fc.tuple(...supplied).map((entries) => Object.fromEntries(entries.filter(([, v]) => v !== ABSENT))),
  }).map(({ c0, c1, c2, condition, facts }) => ({ condition, named: { c0, c1, c2 }, facts }));
}

// ---------------------------------------------------------------- the two evaluators

type Outcome = boolean | 'throws';

async function jsonRulesEngine({ condition, named, facts }: Case): Promise<Outcome> {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const [name, value] of Object.entries(facts)) engine.addFact(name, value);
  for (const [name, c] of Object.entries(named)) engine.setCondition(name, structuredClone(c) as never);
  engine.addRule({ conditions: structuredClone(condition) as never, event: { type: 'hit' } });
  let result;
  try {
    result = await engine.run({});
  } catch {
    return 'throws';
  }
  if (result.results.length === 1 && result.failureResults.length === 0) return true;
  if (result.results.length === 0 && result.failureResults.length === 1) return false;
  throw new Error('json-rules-engine ran the rule other than once');
}

/** Our outcome, or `'refused'` when compileCondition rejects the condition at compile time. */
function ours({ condition, named, facts }: Case, options: InternalCompileOptions = {}): Outcome | 'refused' {
  let run;
  try {
    run = compileCondition(condition, { references: named, ...options });
  } catch (e) {
    if (isLoyaltyError(e) && e.code === 'invalid_condition') return 'refused';
    throw e;
  }
  try {
    return run(facts);
  } catch (e) {
    // Every error the library throws is a LoyaltyError with a code.
    if (!isLoyaltyError(e) || (e.code !== 'undefined_fact' && e.code !== 'invalid_condition')) {
      throw new Error(`the compiled condition threw something other than a LoyaltyError: ${String(e)}`);
    }
    return 'throws';
  }
}

interface Tally {
  runs: number;
  refused: number;
  outcomes: Record<string, number>;
}
const tally = (): Tally => ({ runs: 0, refused: 0, outcomes: {} });

/** The property: our outcome equals json-rules-engine's, or the case is refused at compile time (counted in `t`). */
function differential(options: { allFactsSupplied: boolean; compile: InternalCompileOptions }, t: Tally) {
  return fc.asyncProperty(caseArbitrary(options), async (c) => {
    t.runs++;
    const mine = ours(c, options.compile);
    if (mine === 'refused') {
      t.refused++;
      return;
    }
    const theirs = await jsonRulesEngine(c);
    t.outcomes[String(theirs)] = (t.outcomes[String(theirs)] ?? 0) + 1;
    expect(mine).toBe(theirs);
  });
}

// ---------------------------------------------------------------- the tests

describe('compileCondition agrees with json-rules-engine v7', () => {
  it('on random conditions, facts and references', async () => {
    const t = tally();
    await fc.assert(differential({ allFactsSupplied: false, compile: {} }, t), { numRuns: runs(10_000) });
    // Compile-time refusals (conditions json-rules-engine would accept) stay a small minority,
    // and every outcome is well represented.
    expect(t.refused / t.runs).toBeLessThan(0.1);
    expect(t.outcomes['true'] ?? 0).toBeGreaterThan(t.runs / 10);
    expect(t.outcomes['false'] ?? 0).toBeGreaterThan(t.runs / 10);
    expect(t.outcomes['throws'] ?? 0).toBeGreaterThan(t.runs / 20);
    console.info(`differential: ${t.runs} cases, ${t.refused} refused at compile time, outcomes`, t.outcomes);
  });

  it('with knownFacts (short-circuiting inside priority groups) when every fact is supplied', async () => {
    const t = tally();
    await fc.assert(differential({ allFactsSupplied: true, compile: { knownFacts: FACT_NAMES } }, t), { numRuns: runs(5_000) });
    expect(t.refused / t.runs).toBeLessThan(0.1);
    expect(t.outcomes['true'] ?? 0).toBeGreaterThan(t.runs / 10);
    expect(t.outcomes['false'] ?? 0).toBeGreaterThan(t.runs / 10);
    console.info(`knownFacts: ${t.runs} cases, ${t.refused} refused at compile time, outcomes`, t.outcomes);
  });

  it('catches a deliberately broken operator (greaterThanInclusive implemented as >)', async () => {
    const broken: InternalCompileOptions = { operators: { greaterThanInclusive: (a, b) => a > b } };
    const details = await fc.check(differential({ allFactsSupplied: false, compile: broken }, tally()), { numRuns: runs(20_000) });
    expect(details.failed).toBe(true);
    // The counterexample is the broken operator's doing: unbroken, the same case agrees.
    const [counterexample] = details.counterexample ?? [];
    if (counterexample === undefined) throw new Error('no counterexample');
    expect(ours(counterexample)).toBe(await jsonRulesEngine(counterexample));
    expect(JSON.stringify(counterexample.condition) + JSON.stringify(counterexample.named)).toContain('greaterThanInclusive');
  });
});
