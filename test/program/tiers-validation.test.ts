// Program validation of `tiers` and `memberships` (docs/tiers.md; src/program/tiers-schema.ts and
// static-checks.ts). safeDefineProgram refuses a bad program with a ProgramError listing every issue
// with its code and its path (an array of keys and indexes from the root of the input).
// The schema is checked first; the static checks (ids, references) run once the schema passes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineProgram, programJsonSchema, safeDefineProgram } from '../../src/index.js';
import { issuesOf, sortPairs, where } from './refusals.js';

const base = {
  id: 'p',
  version: 1,
  currency: 'GBP',
  timezone: 'Europe/London',
  points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
  earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
};

const tiers = {
  window: { kind: 'rolling', months: 6 },
  levels: [
    { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
    { id: 'gold', criteria: { metric: 'spend', atLeast: '500' }, multiplier: '2' },
  ],
  downgrade: { kind: 'grace', days: 30 },
};

/** A program with tiers (and optionally memberships); `t` replaces keys of `tiers`. */
const withTiers = (t: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...base,
  tiers: { ...tiers, ...t },
  ...extra,
});
const level = (id: string, atLeast: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  criteria: { metric: 'spend', atLeast },
  ...more,
});


describe('tiers: static checks (ids and references)', () => {
  it('duplicate level ids: duplicate_id at the second one', () => {
    const issues = issuesOf(withTiers({ levels: [level('silver', '100'), level('silver', '500')] }));
    expect(where(issues)).toEqual([[['tiers', 'levels', 1, 'id'], 'duplicate_id']]);
    expect(issues[0]?.message).toContain('levels[0]');
  });

  it('a level other than the first without criteria: missing_criteria', () => {
    expect(where(issuesOf(withTiers({ levels: [level('silver', '100'), { id: 'gold' }] })))).toEqual([[['tiers', 'levels', 1, 'criteria'], 'missing_criteria']]);
    // the first level may omit them (a base level everyone holds)
    expect(safeDefineProgram(withTiers({ levels: [{ id: 'member' }, level('gold', '500')] })).success).toBe(true);
  });

  it('multiplierAppliesTo naming a missing rule (unknown_reference) or a bonus rule (invalid_reference)', () => {
    const issues = issuesOf({
      ...withTiers({ multiplierAppliesTo: ['base', 'nope', 'thanks'] }),
      earn: [...base.earn, { id: 'thanks', kind: 'bonus', points: 10 }],
    });
    expect(where(issues)).toEqual([
      [['tiers', 'multiplierAppliesTo', 1], 'unknown_reference'],
      [['tiers', 'multiplierAppliesTo', 2], 'invalid_reference'],
    ]);
  });

  it('multiplierAppliesTo naming a multiplier rule: invalid_reference', () => {
    const issues = issuesOf({
      ...withTiers({ multiplierAppliesTo: ['promo'] }),
      points: { ...base.points, multipliers: 'multiply' },
      earn: [...base.earn, { id: 'promo', kind: 'multiplier', factor: 2 }],
    });
    expect(where(issues)).toEqual([[['tiers', 'multiplierAppliesTo', 0], 'invalid_reference']]);
  });

  it('level multipliers with multiplier rules need points.multipliers (undeclared); either alone does not', () => {
    const both = { ...withTiers(), earn: [...base.earn, { id: 'promo', kind: 'multiplier', factor: '1.5' }] };
    const issues = issuesOf(both);
    // one issue, naming both sources of multipliers
    expect(issues.map((i) => [i.code, i.path])).toEqual([['undeclared', ['points', 'multipliers']]]);
    expect(issues[0]?.message).toContain('levels have multipliers');
    // declared: accepted
    expect(safeDefineProgram({ ...both, points: { ...base.points, multipliers: 'add' } }).success).toBe(true);
    // level multipliers without any multiplier rule: nothing to combine, nothing to declare
    expect(safeDefineProgram(withTiers()).success).toBe(true);
  });

  it('a plan naming an unknown level: unknown_reference at memberships.<i>.level (also when the program has no tiers)', () => {
    expect(where(issuesOf(withTiers({}, { memberships: [{ id: 'prime', level: 'platinum', period: { years: 1 } }] })))).toEqual([
      [['memberships', 0, 'level'], 'unknown_reference'],
    ]);
    expect(where(issuesOf({ ...base, memberships: [{ id: 'prime', level: 'gold', period: { years: 1 } }] }))).toEqual([
      [['memberships', 0, 'level'], 'unknown_reference'],
    ]);
  });

  it('duplicate plan ids: duplicate_id at memberships.<i>.id', () => {
    const issues = issuesOf(
      withTiers({}, {
        memberships: [
          { id: 'prime', level: 'gold', period: { years: 1 } },
          { id: 'prime', perks: ['free_shipping'], period: 'lifetime' },
        ],
      }),
    );
    expect(where(issues)).toEqual([[['memberships', 1, 'id'], 'duplicate_id']]);
  });

  it('reports several static problems at once', () => {
    const issues = issuesOf({
      ...base,
      earn: [...base.earn, { id: 'thanks', kind: 'bonus', points: 10 }],
      tiers: {
        ...tiers,
        levels: [level('silver', '100'), level('silver', '300'), { id: 'gold' }],
        multiplierAppliesTo: ['nope', 'thanks'],
      },
      memberships: [
        { id: 'prime', level: 'diamond', period: { years: 1 } },
        { id: 'prime', level: 'gold', period: { months: 1 } },
      ],
    });
    expect(where(issues)).toEqual(
      sortPairs([
        [['tiers', 'levels', 1, 'id'], 'duplicate_id'],
        [['tiers', 'levels', 2, 'criteria'], 'missing_criteria'],
        [['tiers', 'multiplierAppliesTo', 0], 'unknown_reference'],
        [['tiers', 'multiplierAppliesTo', 1], 'invalid_reference'],
        [['memberships', 0, 'level'], 'unknown_reference'],
        [['memberships', 1, 'id'], 'duplicate_id'],
      ]),
    );
  });
});

describe('tiers: the schema', () => {
  it('atLeast must be a whole number for orders, visits, points and tenureDays (not_integer); spend accepts "12.50"', () => {
    for (const metric of ['orders', 'visits', 'points', 'tenureDays']) {
      const issues = issuesOf(withTiers({ levels: [{ id: 'a', criteria: { metric, atLeast: '12.50' } }] }));
      expect(where(issues)).toEqual([[['tiers', 'levels', 0, 'criteria', 'atLeast'], 'not_integer']]);
      // a whole number is fine, as a string or a number
      expect(safeDefineProgram(withTiers({ levels: [{ id: 'a', criteria: { metric, atLeast: '12' } }] })).success).toBe(true);
      expect(safeDefineProgram(withTiers({ levels: [{ id: 'a', criteria: { metric, atLeast: 12 } }] })).success).toBe(true);
    }
    const program = defineProgram(withTiers({ levels: [{ id: 'a', criteria: { metric: 'spend', atLeast: '12.50' } }] }));
    // amounts are normalised to plain decimal strings
    expect(program.tiers?.levels[0]?.criteria).toEqual({ metric: 'spend', atLeast: '12.5' });
  });

  it('criteria that are none of the accepted shapes: one issue saying what they may be', () => {
    for (const criteria of [5, 'spend', { metric: 'spend' }, { foo: 1 }]) {
      const issues = issuesOf(withTiers({ levels: [{ id: 'a', criteria }] }));
      expect(issues.map((i) => [i.path, i.message])).toEqual([
        [['tiers', 'levels', 0, 'criteria'], 'must be a threshold such as { "metric": "spend", "atLeast": "500.00" }, or { "all": [...] } or { "any": [...] } of them'],
      ]);
    }
    // a number or a string is the wrong type; an object that fits no shape is a union miss
    expect(where(issuesOf(withTiers({ levels: [{ id: 'a', criteria: 5 }] })))).toEqual([[['tiers', 'levels', 0, 'criteria'], 'invalid_type']]);
    expect(where(issuesOf(withTiers({ levels: [{ id: 'a', criteria: { foo: 1 } }] })))).toEqual([[['tiers', 'levels', 0, 'criteria'], 'invalid_union']]);
  });

  it('not_integer inside nested all/any criteria, with the path into them', () => {
    const issues = issuesOf(
      withTiers({ levels: [{ id: 'a', criteria: { all: [{ metric: 'spend', atLeast: '1.5' }, { any: [{ metric: 'visits', atLeast: 2.5 }] }] } }] }),
    );
    expect(where(issues)).toEqual([[['tiers', 'levels', 0, 'criteria', 'all', 1, 'any', 0, 'atLeast'], 'not_integer']]);
  });

  it('a rolling window needs exactly one of days and months', () => {
    expect(where(issuesOf(withTiers({ window: { kind: 'rolling', days: 90, months: 3 } })))).toEqual([[['tiers', 'window'], 'invalid_window']]);
    expect(where(issuesOf(withTiers({ window: { kind: 'rolling' } })))).toEqual([[['tiers', 'window'], 'invalid_window']]);
    expect(safeDefineProgram(withTiers({ window: { kind: 'rolling', days: 90 } })).success).toBe(true);
  });

  it('a plan period gives exactly one unit', () => {
    const plan = (period: unknown): Record<string, unknown> => withTiers({}, { memberships: [{ id: 'prime', level: 'gold', period }] });
    expect(where(issuesOf(plan({ months: 1, years: 1 })))).toEqual([[['memberships', 0, 'period'], 'invalid_period']]);
    expect(where(issuesOf(plan({})))).toEqual([[['memberships', 0, 'period'], 'invalid_period']]);
    expect(safeDefineProgram(plan({ days: 30 })).success).toBe(true);
    expect(safeDefineProgram(plan('lifetime')).success).toBe(true);
  });

  it('an entryReward with neither points nor reward: empty_reward', () => {
    expect(where(issuesOf(withTiers({ levels: [level('silver', '100', { entryReward: {} })] })))).toEqual([
      [['tiers', 'levels', 0, 'entryReward'], 'empty_reward'],
    ]);
  });

  it('an empty levels array is refused', () => {
    const issues = issuesOf(withTiers({ levels: [] }));
    expect(issues.map((i) => i.path)).toEqual([['tiers', 'levels']]);
    expect(issues[0]?.code).toBe('too_small');
  });

  it('refuses unknown keys anywhere in tiers and memberships (strict objects), each at its own path', () => {
    const issues = issuesOf({
      ...base,
      tiers: {
        window: { kind: 'calendar', period: 'year', months: 1 },
        levels: [
          { id: 'silver', colour: 'grey', criteria: { metric: 'spend', atLeast: '100', within: 'year' }, entryReward: { points: 10, coins: 5 } },
          { id: 'gold', criteria: { any: [{ metric: 'orders', atLeast: '5', per: 'month' }], weight: 1 } },
        ],
        downgrade: { kind: 'scheduled', every: { kind: 'anniversary', day: 1 }, soft: true },
        tone: 'warm',
      },
      memberships: [{ id: 'prime', level: 'gold', price: '99', period: { years: 1, weeks: 2 } }],
    });
    expect(where(issues)).toEqual(
      sortPairs([
        [['tiers', 'window', 'months'], 'unrecognized_keys'],
        [['tiers', 'levels', 0, 'colour'], 'unrecognized_keys'],
        [['tiers', 'levels', 0, 'criteria', 'within'], 'unrecognized_keys'],
        [['tiers', 'levels', 0, 'entryReward', 'coins'], 'unrecognized_keys'],
        [['tiers', 'levels', 1, 'criteria', 'any', 0, 'per'], 'unrecognized_keys'],
        [['tiers', 'levels', 1, 'criteria', 'weight'], 'unrecognized_keys'],
        [['tiers', 'downgrade', 'every', 'day'], 'unrecognized_keys'],
        [['tiers', 'downgrade', 'soft'], 'unrecognized_keys'],
        [['tiers', 'tone'], 'unrecognized_keys'],
        [['memberships', 0, 'price'], 'unrecognized_keys'],
        [['memberships', 0, 'period', 'weeks'], 'unrecognized_keys'],
      ]),
    );
  });

  it('refuses prototype keys as level ids', () => {
    for (const id of ['constructor', 'prototype']) {
      expect(where(issuesOf(withTiers({ levels: [{ id }, level('gold', '500')] })))).toEqual([[['tiers', 'levels', 0, 'id'], 'forbidden_key']]);
    }
    // "__proto__" also breaks the identifier pattern (it starts with "_"): every issue is at the id, one of them forbidden_key
    const proto = issuesOf(withTiers({ levels: [{ id: '__proto__' }, level('gold', '500')] }));
    expect(proto.every((i) => JSON.stringify(i.path) === '["tiers","levels",0,"id"]')).toBe(true);
    expect(proto.map((i) => i.code)).toContain('forbidden_key');
  });

  it('reports several schema problems at once', () => {
    const issues = issuesOf({
      ...base,
      tiers: {
        window: { kind: 'rolling', days: 30, months: 1 },
        levels: [
          { id: 'constructor', criteria: { metric: 'orders', atLeast: '1.5' }, entryReward: {} },
          { id: 'gold', criteria: { metric: 'spend', atLeast: '500' }, colour: 'yellow' },
        ],
        downgrade: { kind: 'grace', days: 30 },
      },
      memberships: [{ id: 'prime', level: 'gold', period: { days: 30, months: 1 } }],
    });
    expect(where(issues)).toEqual(
      sortPairs([
        [['tiers', 'window'], 'invalid_window'],
        [['tiers', 'levels', 0, 'id'], 'forbidden_key'],
        [['tiers', 'levels', 0, 'criteria', 'atLeast'], 'not_integer'],
        [['tiers', 'levels', 0, 'entryReward'], 'empty_reward'],
        [['tiers', 'levels', 1, 'colour'], 'unrecognized_keys'],
        [['memberships', 0, 'period'], 'invalid_period'],
      ]),
    );
    // the message lists every problem with its path
    const result = safeDefineProgram({ ...base, tiers: { ...tiers, levels: [] }, memberships: [{ id: 'x', period: { days: 1, years: 1 }, level: 'gold' }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.message).toMatch(/tiers\.levels[\s\S]*memberships\[0\]\.period/);
  });
});

describe('a valid program with tiers', () => {
  const input = {
    ...base,
    points: { ...base.points, multipliers: 'multiply' },
    earn: [...base.earn, { id: 'promo', kind: 'multiplier', factor: '1.5' }],
    tiers: {
      window: { kind: 'calendar', period: 'year' },
      levels: [
        { id: 'member', entryReward: { points: 100 } },
        { id: 'silver', name: 'Silver', criteria: { any: [{ metric: 'spend', atLeast: '300.00' }, { metric: 'orders', atLeast: 12 }] }, perks: ['free_shipping'] },
        { id: 'gold', criteria: { all: [{ metric: 'spend', atLeast: 1000 }, { metric: 'tenureDays', atLeast: '90' }] }, multiplier: 2, entryReward: { reward: 'gift-card-30' } },
      ],
      downgrade: { kind: 'scheduled', every: { kind: 'anniversary' } },
      multiplierAppliesTo: ['base'],
      warnDaysBefore: 14,
    },
    memberships: [
      { id: 'prime', level: 'gold', perks: ['early_access'], period: { years: 1 } },
      { id: 'co-op', perks: ['member_pricing'], period: 'lifetime' },
    ],
  };

  it('round-trips through JSON: JSON.stringify(defineProgram(x)) is the definition with defaults filled', () => {
    const program = defineProgram(input);
    const json = JSON.parse(JSON.stringify(program));
    expect(json.tiers).toEqual({
      // includePrevious defaults to false
      window: { kind: 'calendar', period: 'year', includePrevious: false },
      levels: [
        // perks default to []
        { id: 'member', entryReward: { points: 100 }, perks: [] },
        // amounts become plain decimal strings: '300.00' → '300', 12 → '12'
        { id: 'silver', name: 'Silver', criteria: { any: [{ metric: 'spend', atLeast: '300' }, { metric: 'orders', atLeast: '12' }] }, perks: ['free_shipping'] },
        { id: 'gold', criteria: { all: [{ metric: 'spend', atLeast: '1000' }, { metric: 'tenureDays', atLeast: '90' }] }, multiplier: '2', entryReward: { reward: 'gift-card-30' }, perks: [] },
      ],
      downgrade: { kind: 'scheduled', every: { kind: 'anniversary' }, oneLevelAtATime: false },
      entryRewards: 'each-level',
      multiplierAppliesTo: ['base'],
      warnDaysBefore: 14,
    });
    expect(json.memberships).toEqual([
      { id: 'prime', level: 'gold', perks: ['early_access'], period: { years: 1 } },
      { id: 'co-op', perks: ['member_pricing'], period: 'lifetime' },
    ]);
    // and back: the same program, the same JSON
    const again = defineProgram(json);
    expect(again).toEqual(program);
    expect(JSON.stringify(again)).toBe(JSON.stringify(program));
  });

  it('is frozen, tiers included', () => {
    const program = defineProgram(input);
    expect(Object.isFrozen(program.tiers)).toBe(true);
    expect(Object.isFrozen(program.tiers?.levels[1]?.perks)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// The JSON Schema
// ---------------------------------------------------------------------------

type JsonSchema = Record<string, unknown>;

/**
 * A small structural JSON Schema check (the keywords programJsonSchema() emits: $ref, type,
 * properties, required, additionalProperties, items, oneOf, anyOf, const, enum, pattern,
 * min/max, minItems/maxItems, minLength/maxLength). Returns the paths that fail.
 */
function validate(root: JsonSchema, schema: JsonSchema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const fail = (why: string): string[] => [`${path}: ${why}`];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    const target = (root.$defs as Record<string, JsonSchema>)[name];
    if (target === undefined) return fail(`unresolved ${schema.$ref}`);
    return validate(root, target, value, path);
  }
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as JsonSchema[]).some((s) => validate(root, s, value, path).length === 0)) return fail('no anyOf branch matches');
  if (Array.isArray(schema.oneOf) && (schema.oneOf as JsonSchema[]).filter((s) => validate(root, s, value, path).length === 0).length !== 1) return fail('not exactly one oneOf branch matches');
  if ('const' in schema && value !== schema.const) return fail(`not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return fail('not in enum');
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not an object');
      const obj = value as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      for (const key of (schema.required ?? []) as string[]) if (!(key in obj)) errors.push(`${path}.${key}: required`);
      for (const [key, v] of Object.entries(obj)) {
        const p = props[key];
        if (p !== undefined) errors.push(...validate(root, p, v, `${path}.${key}`));
        else if (schema.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
      }
      return errors;
    }
    case 'array': {
      if (!Array.isArray(value)) return fail('not an array');
      if (typeof schema.minItems === 'number' && value.length < schema.minItems) return fail('too few items');
      if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return fail('too many items');
      const items = schema.items as JsonSchema | undefined;
      if (items !== undefined) value.forEach((v, i) => errors.push(...validate(root, items, v, `${path}[${i}]`)));
      return errors;
    }
    case 'string':
      if (typeof value !== 'string') return fail('not a string');
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return fail(`does not match ${schema.pattern}`);
      if (typeof schema.minLength === 'number' && value.length < schema.minLength) return fail('too short');
      if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return fail('too long');
      return errors;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value))) return fail(`not an ${String(schema.type)}`);
      if (typeof schema.minimum === 'number' && value < schema.minimum) return fail('too small');
      if (typeof schema.maximum === 'number' && value > schema.maximum) return fail('too big');
      return errors;
    case 'boolean':
      return typeof value === 'boolean' ? errors : fail('not a boolean');
    default:
      return errors;
  }
}

describe('programJsonSchema() and tiers', () => {
  const schema = programJsonSchema();
  const example = JSON.parse(readFileSync(new URL('../../examples/03-spend-ladder/program.json', import.meta.url), 'utf8')) as Record<string, unknown>;

  it('has a tiers and a memberships property', () => {
    const props = schema.properties as Record<string, JsonSchema>;
    expect(props.tiers).toMatchObject({ type: 'object', additionalProperties: false, required: ['window', 'levels', 'downgrade'] });
    expect(props.memberships).toMatchObject({ type: 'array' });
  });

  it('accepts the example program examples/03-spend-ladder/program.json structurally (and defineProgram accepts it)', () => {
    expect(example).toHaveProperty('tiers');
    expect(validate(schema, schema, example)).toEqual([]);
    expect(safeDefineProgram(example).success).toBe(true);
  });

  it('refuses unknown keys in tiers, as the program format does (the check above is not vacuous)', () => {
    const bad = structuredClone(example) as { tiers: { levels: Record<string, unknown>[] } };
    bad.tiers.levels[0]!.colour = 'red';
    expect(validate(schema, schema, bad)).toEqual(['$.tiers.levels[0].colour: not allowed']);
    const noLevels = structuredClone(example) as { tiers: Record<string, unknown> };
    delete noLevels.tiers.levels;
    expect(validate(schema, schema, noLevels)).toEqual(['$.tiers.levels: required']);
  });
});
