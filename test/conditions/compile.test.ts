import { describe, expect, it } from 'vitest';
import { compileCondition, type CompileOptions } from '../../src/conditions/compile.js';
import type { FactCondition, TopLevelCondition } from '../../src/conditions/types.js';
import { LoyaltyError, isLoyaltyError } from '../../src/errors/loyalty-error.js';

type Facts = Record<string, unknown>;

/** Evaluates one leaf wrapped in `all`, as a rule condition must be. */
function leaf(condition: FactCondition, facts: Facts, options?: CompileOptions): boolean {
  return compileCondition({ all: [condition] }, options)(facts);
}

/** The LoyaltyError a function throws. */
function thrown(fn: () => unknown): LoyaltyError {
  try {
    fn();
  } catch (e) {
    if (isLoyaltyError(e)) return e;
    throw new Error(`expected a LoyaltyError, got ${String(e)}`);
  }
  throw new Error('expected a LoyaltyError, nothing was thrown');
}

const order = { total: 120, channel: 'web', tags: ['vip', 'sale'], items: [{ sku: 'A-1', qty: 2 }], 'gift note': 'hi' };

describe('operators', () => {
  it.each<[FactCondition, boolean]>([
    [{ fact: 'order', path: '$.channel', operator: 'equal', value: 'web' }, true],
    [{ fact: 'order', path: '$.channel', operator: 'equal', value: 'store' }, false],
    [{ fact: 'order', path: '$.channel', operator: 'notEqual', value: 'store' }, true],
    [{ fact: 'order', path: '$.channel', operator: 'notEqual', value: 'web' }, false],
    [{ fact: 'order', path: '$.total', operator: 'lessThan', value: 200 }, true],
    [{ fact: 'order', path: '$.total', operator: 'lessThan', value: 120 }, false],
    [{ fact: 'order', path: '$.total', operator: 'lessThanInclusive', value: 120 }, true],
    [{ fact: 'order', path: '$.total', operator: 'lessThanInclusive', value: 119 }, false],
    [{ fact: 'order', path: '$.total', operator: 'greaterThan', value: 100 }, true],
    [{ fact: 'order', path: '$.total', operator: 'greaterThan', value: 120 }, false],
    [{ fact: 'order', path: '$.total', operator: 'greaterThanInclusive', value: 120 }, true],
    [{ fact: 'order', path: '$.total', operator: 'greaterThanInclusive', value: 121 }, false],
    [{ fact: 'order', path: '$.channel', operator: 'in', value: ['web', 'app'] }, true],
    [{ fact: 'order', path: '$.channel', operator: 'in', value: ['store'] }, false],
    [{ fact: 'order', path: '$.channel', operator: 'notIn', value: ['store'] }, true],
    [{ fact: 'order', path: '$.channel', operator: 'notIn', value: ['web', 'app'] }, false],
    [{ fact: 'order', path: '$.tags', operator: 'contains', value: 'vip' }, true],
    [{ fact: 'order', path: '$.tags', operator: 'contains', value: 'new' }, false],
    [{ fact: 'order', path: '$.tags', operator: 'doesNotContain', value: 'new' }, true],
    [{ fact: 'order', path: '$.tags', operator: 'doesNotContain', value: 'vip' }, false],
  ])('%j is %s', (condition, expected) => {
    expect(leaf(condition, { order })).toBe(expected);
  });

  it('compares with === (no coercion) for equal', () => {
    expect(leaf({ fact: 'n', operator: 'equal', value: 10 }, { n: '10' })).toBe(false);
    expect(leaf({ fact: 'n', operator: 'equal', value: null }, { n: null })).toBe(true);
  });

  it('accepts a numeric string for numeric operators: "10" greaterThan 9', () => {
    expect(leaf({ fact: 'n', operator: 'greaterThan', value: 9 }, { n: '10' })).toBe(true);
    // parseFloat(" 5") is 5, and " 5" < 9 compares as numbers.
    expect(leaf({ fact: 'n', operator: 'lessThan', value: 9 }, { n: ' 5' })).toBe(true);
  });

  it('is false for numeric operators on values that are not number-like', () => {
    expect(leaf({ fact: 'n', operator: 'lessThan', value: 9 }, { n: 'abc' })).toBe(false);
    expect(leaf({ fact: 'n', operator: 'greaterThan', value: -1 }, { n: null })).toBe(false);
    expect(leaf({ fact: 'n', operator: 'greaterThan', value: -1 }, { n: Number.NaN })).toBe(false);
  });

  it('is false for contains / doesNotContain when the fact is not an array', () => {
    expect(leaf({ fact: 's', operator: 'contains', value: 'a' }, { s: 'abc' })).toBe(false);
    expect(leaf({ fact: 's', operator: 'doesNotContain', value: 'z' }, { s: 'abc' })).toBe(false);
  });

  it('does a substring match for in / notIn when the value (read from a fact) is a string', () => {
    const facts = { code: 'CD', allowed: 'ABCDEF' };
    expect(leaf({ fact: 'code', operator: 'in', value: { fact: 'allowed' } }, facts)).toBe(true);
    expect(leaf({ fact: 'code', operator: 'notIn', value: { fact: 'allowed' } }, facts)).toBe(false);
    expect(leaf({ fact: 'code', operator: 'in', value: { fact: 'allowed' } }, { ...facts, code: 'XY' })).toBe(false);
  });

  it('reads the value from another fact, with a path', () => {
    const facts = { order, member: { threshold: 100 } };
    expect(leaf({ fact: 'order', path: '$.total', operator: 'greaterThan', value: { fact: 'member', path: '$.threshold' } }, facts)).toBe(true);
  });

  it('throws invalid_condition when an in / notIn value read from a fact is not indexable', () => {
    const e = thrown(() => leaf({ fact: 'c', operator: 'in', value: { fact: 'list' } }, { c: 1, list: 5 }));
    expect(e.code).toBe('invalid_condition');
    expect(thrown(() => leaf({ fact: 'c', operator: 'notIn', value: { fact: 'list' } }, { c: 1, list: null })).code).toBe(
      'invalid_condition',
    );
  });

  it('throws invalid_condition when a fact value cannot be converted to a primitive (as json-rules-engine throws)', () => {
    const odd = JSON.parse('{"toString": 1}') as unknown;
    const e = thrown(() => leaf({ fact: 'n', operator: 'greaterThan', value: 1 }, { n: odd }));
    expect(e.code).toBe('invalid_condition');
    expect(e.details).toEqual({ fact: 'n', operator: 'greaterThan' });
  });
});

describe('all, any, not', () => {
  const yes: FactCondition = { fact: 'n', operator: 'equal', value: 1 };
  const no: FactCondition = { fact: 'n', operator: 'equal', value: 2 };
  const run = (c: TopLevelCondition): boolean => compileCondition(c)({ n: 1 });

  it('treats an empty all and an empty any as true (as json-rules-engine does)', () => {
    expect(run({ all: [] })).toBe(true);
    expect(run({ any: [] })).toBe(true);
    expect(run({ not: { any: [] } })).toBe(false);
  });

  it('combines children', () => {
    expect(run({ all: [yes, yes] })).toBe(true);
    expect(run({ all: [yes, no] })).toBe(false);
    expect(run({ any: [no, yes] })).toBe(true);
    expect(run({ any: [no, no] })).toBe(false);
    expect(run({ all: [yes, { any: [no, { not: no }] }] })).toBe(true);
  });

  it('negates with not', () => {
    expect(run({ not: yes })).toBe(false);
    expect(run({ not: no })).toBe(true);
    expect(run({ not: { not: yes } })).toBe(true);
  });
});

describe('condition references', () => {
  const references: Record<string, TopLevelCondition> = {
    isWeb: { all: [{ fact: 'order', path: '$.channel', operator: 'equal', value: 'web' }] },
    bigWebOrder: { all: [{ condition: 'isWeb' }, { fact: 'order', path: '$.total', operator: 'greaterThan', value: 100 }] },
  };

  it('evaluates a named condition, also at the root and nested', () => {
    expect(compileCondition({ condition: 'bigWebOrder' }, { references })({ order })).toBe(true);
    expect(compileCondition({ not: { condition: 'isWeb' } }, { references })({ order })).toBe(false);
    expect(compileCondition({ condition: 'bigWebOrder' }, { references })({ order: { ...order, total: 50 } })).toBe(false);
  });

  it('refuses an unknown or cyclic reference at compile time', () => {
    expect(thrown(() => compileCondition({ condition: 'nope' }, { references })).code).toBe('invalid_condition');
    const cyclic: Record<string, TopLevelCondition> = { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } };
    expect(thrown(() => compileCondition({ condition: 'a' }, { references: cyclic })).code).toBe('invalid_condition');
  });
});

describe('paths', () => {
  it('reads $.a.b, $.items[0].sku and quoted keys', () => {
    expect(leaf({ fact: 'order', path: '$.items[0].sku', operator: 'equal', value: 'A-1' }, { order })).toBe(true);
    expect(leaf({ fact: 'order', path: "$['gift note']", operator: 'equal', value: 'hi' }, { order })).toBe(true);
    expect(leaf({ fact: 'order', path: '$.tags.length', operator: 'equal', value: 2 }, { order })).toBe(true);
    expect(leaf({ fact: 'm', path: '$.a.b', operator: 'equal', value: 3 }, { m: { a: { b: 3 } } })).toBe(true);
  });

  it('gives undefined on a missing key, so equal null is false and notEqual null is true', () => {
    expect(leaf({ fact: 'order', path: '$.coupon', operator: 'equal', value: null }, { order })).toBe(false);
    expect(leaf({ fact: 'order', path: '$.coupon', operator: 'notEqual', value: null }, { order })).toBe(true);
    expect(leaf({ fact: 'order', path: '$.coupon.code', operator: 'notEqual', value: null }, { order })).toBe(true);
  });

  it('gives undefined for $.s.length on an empty string (jsonpath-plus does not step from a falsy value)', () => {
    expect(leaf({ fact: 'm', path: '$.s.length', operator: 'equal', value: 0 }, { m: { s: '' } })).toBe(false);
    expect(leaf({ fact: 'm', path: '$.s.length', operator: 'equal', value: 2 }, { m: { s: 'ab' } })).toBe(true);
  });

  it('does not read inherited properties', () => {
    expect(leaf({ fact: 'm', path: '$.toString', operator: 'equal', value: null }, { m: {} })).toBe(false);
    expect(leaf({ fact: 'm', path: '$.toString', operator: 'notEqual', value: null }, { m: {} })).toBe(true);
  });

  it('returns the fact itself when the fact is not an object', () => {
    expect(leaf({ fact: 'n', path: '$.a.b', operator: 'equal', value: 5 }, { n: 5 })).toBe(true);
    expect(leaf({ fact: 's', path: '$.length', operator: 'equal', value: 'abc' }, { s: 'abc' })).toBe(true);
    expect(leaf({ fact: 'z', path: '$.a', operator: 'equal', value: null }, { z: null })).toBe(true);
  });
});

describe('missing facts', () => {
  it('throws LoyaltyError undefined_fact', () => {
    const e = thrown(() => leaf({ fact: 'ghost', operator: 'equal', value: 1 }, {}));
    expect(e).toBeInstanceOf(LoyaltyError);
    expect(e.code).toBe('undefined_fact');
    expect(e.details).toEqual({ fact: 'ghost' });
  });

  it('throws for a missing fact named in a value', () => {
    expect(thrown(() => leaf({ fact: 'n', operator: 'equal', value: { fact: 'ghost' } }, { n: 1 })).code).toBe('undefined_fact');
  });

  it('treats a fact whose value is undefined as present', () => {
    expect(leaf({ fact: 'u', operator: 'notEqual', value: null }, { u: undefined })).toBe(true);
  });
});

describe('priorities', () => {
  const falseHigh: FactCondition = { fact: 'n', operator: 'equal', value: 2, priority: 10 };
  const trueHigh: FactCondition = { fact: 'n', operator: 'equal', value: 1, priority: 10 };
  const missingLow: FactCondition = { fact: 'ghost', operator: 'equal', value: 1, priority: 1 };
  const missingHigh: FactCondition = { ...missingLow, priority: 10 };

  it('stops between priority groups once the answer is known, so a later missing fact does not throw', () => {
    expect(compileCondition({ all: [missingLow, falseHigh] })({ n: 1 })).toBe(false);
    expect(compileCondition({ any: [missingLow, trueHigh] })({ n: 1 })).toBe(true);
  });

  it('evaluates every member of one priority group, so a missing fact there throws', () => {
    expect(thrown(() => compileCondition({ all: [falseHigh, missingHigh] })({ n: 1 })).code).toBe('undefined_fact');
    expect(thrown(() => compileCondition({ any: [trueHigh, missingHigh] })({ n: 1 })).code).toBe('undefined_fact');
    // Default priority is 1 for both.
    expect(thrown(() => compileCondition({ all: [{ fact: 'n', operator: 'equal', value: 2 }, { fact: 'ghost', operator: 'equal', value: 1 }] })({ n: 1 })).code).toBe(
      'undefined_fact',
    );
  });

  it('runs the lower group when the higher one does not decide', () => {
    expect(thrown(() => compileCondition({ all: [missingLow, trueHigh] })({ n: 1 })).code).toBe('undefined_fact');
  });

  it('uses the priority of a reference, not of the condition it names', () => {
    const references: Record<string, TopLevelCondition> = { f: { all: [{ fact: 'n', operator: 'equal', value: 2 }], priority: 10 } };
    // The reference has the default priority 1, like missingLow: one group, so the missing fact throws.
    expect(thrown(() => compileCondition({ all: [{ condition: 'f' }, missingLow] }, { references })({ n: 1 })).code).toBe('undefined_fact');
    expect(compileCondition({ all: [{ condition: 'f', priority: 10 }, missingLow] }, { references })({ n: 1 })).toBe(false);
  });
});

describe('knownFacts', () => {
  it('gives the same results, and still throws where json-rules-engine does', () => {
    const options = { knownFacts: ['n', 'list'] };
    const facts = { n: 1, list: 5 };
    expect(compileCondition({ all: [{ fact: 'n', operator: 'equal', value: 2 }, { fact: 'n', operator: 'lessThan', value: 5 }] }, options)(facts)).toBe(false);
    // Same group: the non-indexable `in` value throws even though the first member already decided.
    const condition: TopLevelCondition = { all: [{ fact: 'n', operator: 'equal', value: 2 }, { fact: 'n', operator: 'in', value: { fact: 'list' } }] };
    expect(thrown(() => compileCondition(condition, options)(facts)).code).toBe('invalid_condition');
    const odd = JSON.parse('{"toString": 1}') as unknown;
    const numeric: TopLevelCondition = { all: [{ fact: 'n', operator: 'equal', value: 2 }, { fact: 'list', operator: 'greaterThan', value: 1 }] };
    expect(thrown(() => compileCondition(numeric, options)({ n: 1, list: odd })).code).toBe('invalid_condition');
  });
});

describe('compile-time refusals', () => {
  function refusal(condition: unknown, options?: CompileOptions): LoyaltyError {
    const e = thrown(() => compileCondition(condition as TopLevelCondition, options));
    expect(e.code).toBe('invalid_condition');
    return e;
  }
  const issue = (e: LoyaltyError) => e.issues.map((i) => ({ code: i.code, path: i.path }));

  it.each([
    ['recursive descent', '$..a'],
    ['a wildcard', '$.a[*]'],
    ['a prototype key', '$.__proto__'],
    ['constructor', '$.constructor'],
    ['a filter', '$.items[?(@.qty > 1)]'],
    ['a slice', '$.items[0:2]'],
    ['a quoted key jsonpath-plus reads as a slice', "$['1:2']"],
    ['no $', 'a.b'],
  ])('refuses a path with %s (%s), with the issue path', (_, path) => {
    const e = refusal({ all: [{ fact: 'order', operator: 'equal', value: 1, path }] });
    expect(issue(e)).toEqual([{ code: 'unsupported_path', path: ['all', 0, 'path'] }]);
  });

  it('refuses an unsupported path in a value read from a fact', () => {
    const e = refusal({ any: [{ fact: 'a', operator: 'equal', value: { fact: 'b', path: '$..x' } }] });
    expect(issue(e)).toEqual([{ code: 'unsupported_path', path: ['any', 0, 'value', 'path'] }]);
  });

  it('refuses an unknown operator', () => {
    const e = refusal({ all: [{ not: { fact: 'a', operator: 'startsWith', value: 'x' } }] });
    expect(issue(e)).toEqual([{ code: 'unknown_operator', path: ['all', 0, 'not', 'operator'] }]);
  });

  it('refuses params', () => {
    const e = refusal({ all: [{ fact: 'a', operator: 'equal', value: 1, params: { x: 1 } }] });
    expect(issue(e)).toEqual([{ code: 'unsupported', path: ['all', 0, 'params'] }]);
  });

  it('refuses values json-rules-engine would accept but that cannot be meant', () => {
    expect(issue(refusal({ all: [{ fact: 'a', operator: 'greaterThan', value: '10' }] }))).toEqual([
      { code: 'invalid_value', path: ['all', 0, 'value'] },
    ]);
    expect(issue(refusal({ all: [{ fact: 'a', operator: 'in', value: 'abc' }] }))).toEqual([{ code: 'invalid_value', path: ['all', 0, 'value'] }]);
    expect(issue(refusal({ all: [{ fact: 'a', operator: 'equal', value: Number.NaN }] }))).toEqual([
      { code: 'invalid_value', path: ['all', 0, 'value'] },
    ]);
  });

  it('refuses a leaf at the root, as json-rules-engine does', () => {
    expect(issue(refusal({ fact: 'a', operator: 'equal', value: 1 }))).toEqual([{ code: 'invalid_root', path: [] }]);
  });

  it('lists every issue', () => {
    const e = refusal({ all: [{ fact: 'a', operator: 'nope', value: 1 }, { fact: 'b', operator: 'equal', value: 1, path: '$..b' }] });
    expect(issue(e)).toEqual([
      { code: 'unknown_operator', path: ['all', 0, 'operator'] },
      { code: 'unsupported_path', path: ['all', 1, 'path'] },
    ]);
  });
});
