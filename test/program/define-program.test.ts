import { describe, expect, it } from 'vitest';
import { ProgramError, defineProgram, isLoyaltyError, safeDefineProgram, type Issue } from '../../src/index.js';

const base = {
  id: 'p',
  version: 1,
  currency: 'GBP',
  timezone: 'Europe/London',
  points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
  earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
};

function issuesOf(input: unknown): Issue[] {
  const result = safeDefineProgram(input);
  if (result.success) throw new Error('expected the program to be refused');
  expect(result.error).toBeInstanceOf(ProgramError);
  expect(isLoyaltyError(result.error)).toBe(true);
  return [...result.error.issues];
}
const where = (issues: Issue[]): string[] => issues.map((i) => `${i.path.join('.')}:${i.code}`).sort();

describe('defineProgram', () => {
  it('returns a frozen program with defaults filled, serialising to its definition', () => {
    const program = defineProgram(base);
    expect(Object.isFrozen(program)).toBe(true);
    expect(Object.isFrozen(program.earn[0])).toBe(true);
    expect(program.points.pendingDays).toBe(0);
    // amounts are normalised to plain decimal strings
    expect(program.earn[0]).toMatchObject({ priority: 0, rate: { points: '1', per: '1' } });
    const json = JSON.parse(JSON.stringify(program));
    expect(json).toEqual({ ...base, conditions: {}, points: { ...base.points, pendingDays: 0 }, earn: [{ ...base.earn[0], priority: 0, rate: { points: '1', per: '1' } }] });
    expect(defineProgram(json)).toEqual(program);
  });

  it('does not keep a reference to the input', () => {
    const input = structuredClone(base);
    const program = defineProgram(input);
    input.earn[0]!.id = 'changed';
    expect(program.earn[0]?.id).toBe('base');
  });

  it('reports unknown fields and wrong types with their paths, all at once', () => {
    const issues = issuesOf({ ...base, version: '1', colour: 'red', points: { ...base.points, rounding: 'up' } });
    expect(where(issues)).toEqual(['colour:unrecognized_keys', 'points.rounding:invalid_value', 'version:invalid_type']);
  });

  it('reports bad time zones, currencies and amounts', () => {
    const issues = issuesOf({
      ...base,
      timezone: 'Mars/Olympus',
      currency: 'gbp',
      earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '0' }, minOrderAmount: '12,00' }],
    });
    expect(where(issues).map((s) => s.split(':')[0])).toEqual(['currency', 'earn.0.minOrderAmount', 'earn.0.rate.per', 'timezone']);
  });

  it('says what an amount may be when it is neither a string nor a number', () => {
    const issues = issuesOf({ ...base, earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: true } }] });
    expect(issues.map((i) => [i.path.join('.'), i.code, i.message])).toEqual([['earn.0.rate.per', 'invalid_type', 'must be a decimal string such as "120.50" or a number']]);
  });

  it('asks for the IANA spelling of a time zone, and refuses unknown currencies', () => {
    expect(issuesOf({ ...base, timezone: 'europe/warsaw', currency: 'XYZ' }).map((i) => [i.path.join('.'), i.code, i.message])).toEqual([
      ['currency', 'invalid_currency', 'is not an ISO 4217 currency code'],
      ['timezone', 'invalid_timezone', 'write the time zone as "Europe/Warsaw"'],
    ]);
  });

  it('checks named conditions even when no rule uses them, and where a rule uses them in the wrong place', () => {
    const issues = issuesOf({
      ...base,
      conditions: {
        typo: { all: [{ fact: 'time', path: '$.weekdays', operator: 'equal', value: 6 }] },
        shoes: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: 'shoes' }] },
      },
      earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' }, condition: { condition: 'shoes' } }],
    });
    expect(where(issues)).toEqual(['conditions.typo.all.0.path:unknown_fact', 'earn.0.condition.all.0.fact:unknown_fact']);
    expect(issues.find((i) => i.path[0] === 'earn')?.message).toContain('in condition "shoes"');
  });

  it('throws a ProgramError whose message lists every problem', () => {
    expect(() => defineProgram({ ...base, version: 0, timezone: 'x' })).toThrowError(/version[\s\S]*timezone/);
  });

  it('reports duplicate ids, unknown references, unknown facts and keys', () => {
    const issues = issuesOf({
      ...base,
      conditions: { weekend: { all: [{ fact: 'time', path: '$.weekday', operator: 'in', value: [6, 7] }] } },
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1' }, condition: { condition: 'weekday' } },
        { id: 'base', kind: 'bonus', points: 5, condition: { all: [{ fact: 'customer', operator: 'equal', value: 1 }] } },
        { id: 'x', kind: 'bonus', points: 5, condition: { all: [{ fact: 'time', path: '$.hours', operator: 'equal', value: 1 }] } },
        { id: 'y', kind: 'bonus', points: 5, condition: { all: [{ fact: 'item', path: '$.sku', operator: 'equal', value: 'A' }] } },
        { id: 'm', kind: 'multiplier', factor: 2, appliesTo: ['nope', 'x'] },
      ],
    });
    expect(where(issues)).toEqual([
      'earn.0.condition.condition:unknown_reference',
      'earn.1.condition.all.0.fact:unknown_fact',
      'earn.1.id:duplicate_id',
      'earn.2.condition.all.0.path:unknown_fact',
      'earn.3.condition.all.0.fact:unknown_fact',
      'earn.4.appliesTo.0:unknown_reference',
      'earn.4.appliesTo.1:invalid_reference',
      'points.multipliers:undeclared',
    ]);
  });

  it('reports rules that can never apply or never pay in full', () => {
    const issues = issuesOf({
      ...base,
      points: { ...base.points, caps: { perEvent: 100, perDay: 50 }, pendingDays: 30, expiry: { kind: 'days-after-earning', days: 30 } },
      earn: [
        { id: 'late', kind: 'spend', rate: { points: 1, per: '1' }, active: { from: '2024-12-01', until: '2024-11-01' } },
        { id: 'huge', kind: 'bonus', points: 500, caps: { perMonth: 200 } },
        { id: 'monthly', kind: 'spend', rate: { points: 1, per: '1' }, caps: { perEvent: 300, perMonth: 200 } },
      ],
    });
    expect(where(issues)).toEqual([
      'earn.0.active:unreachable',
      'earn.1.points:unreachable',
      'earn.1.points:unreachable',
      'earn.2.caps.perEvent:unreachable',
      'points.caps.perEvent:unreachable',
      'points.pendingDays:unreachable',
    ]);
  });

  it('refuses conditions outside the supported format, with paths inside the condition', () => {
    const issues = issuesOf({
      ...base,
      earn: [
        {
          id: 'base',
          kind: 'spend',
          rate: { points: 1, per: '1' },
          condition: {
            any: [
              { fact: 'event', path: '$..amount', operator: 'equal', value: 1 },
              { fact: 'event', path: '$.__proto__', operator: 'equal', value: 1 },
              { fact: 'event', operator: 'equals', value: 1 },
              { fact: 'event', operator: 'in', value: 'abc' },
              { fact: 'event', operator: 'equal', value: 1, params: { x: 1 } },
            ],
          },
        },
      ],
    });
    expect(where(issues)).toEqual([
      'earn.0.condition.any.0.path:unsupported_path',
      'earn.0.condition.any.1.path:unsupported_path',
      'earn.0.condition.any.2.operator:unknown_operator',
      'earn.0.condition.any.3.value:invalid_value',
      'earn.0.condition.any.4.params:unsupported',
    ]);
  });

  it('reports circular condition references (static checks run once the schema passes)', () => {
    const issues = issuesOf({ ...base, conditions: { a: { condition: 'b' }, b: { not: { condition: 'a' } } } });
    expect(where(issues)).toEqual(['conditions.a:circular_reference', 'conditions.b:circular_reference']);
  });

  it('refuses a rule condition whose root is a plain fact (json-rules-engine requires all/any/not)', () => {
    const issues = issuesOf({ ...base, earn: [{ id: 'b', kind: 'bonus', points: 1, condition: { fact: 'event', operator: 'equal', value: 1 } }] });
    expect(where(issues)).toEqual(['earn.0.condition:invalid_root']);
  });

  it('refuses prototype keys as names', () => {
    const input = JSON.parse(JSON.stringify({ ...base, conditions: {} }));
    input.conditions = JSON.parse('{"constructor": {"all": []}}');
    expect(where(issuesOf(input))).toEqual(['conditions.constructor:invalid_key']);
  });
});
