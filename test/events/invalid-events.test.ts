import { describe, expect, it } from 'vitest';
import { EventError, evaluate, newMemberState, parseEvent, safeEvaluate, safeParseEvent, type Issue } from '../../src/index.js';
import { makeProgram, purchase, run } from '../helpers.js';

const program = makeProgram();
const valid = {
  id: 'e1',
  type: 'purchase',
  memberId: 'm1',
  at: '2024-03-01T10:00:00+01:00',
  orderId: 'o1',
  amount: '12.50',
  currency: 'GBP',
};

function issuesOf(input: unknown): Issue[] {
  const result = safeParseEvent(input);
  if (result.success) throw new Error('expected the event to be refused');
  expect(result.error).toBeInstanceOf(EventError);
  expect(result.error.code).toBe('invalid_event');
  return [...result.error.issues];
}

const paths = (issues: Issue[]): string[] => issues.map((i) => i.path.join('.'));

describe('invalid events are refused with every issue and its path', () => {
  it('accepts the valid event and converts numbers exactly', () => {
    expect(parseEvent({ ...valid, amount: 12.5 })).toMatchObject({ amount: '12.5' });
    expect(parseEvent({ ...valid, amount: 0.1 })).toMatchObject({ amount: '0.1' });
  });

  it('refuses an unknown event type', () => {
    expect(paths(issuesOf({ ...valid, type: 'purchased' }))).toEqual(['type']);
  });

  it('refuses missing fields, naming each', () => {
    const { orderId: _o, amount: _a, ...rest } = valid;
    expect(paths(issuesOf(rest)).sort()).toEqual(['amount', 'orderId']);
  });

  it.each(['12,50', '1e999', '-5', '12.', '', 'NaN', ' 12'])('refuses the malformed amount %j', (amount) => {
    expect(paths(issuesOf({ ...valid, amount }))).toEqual(['amount']);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1, 1e999, 0.1234567890123])('refuses the number %s as an amount', (amount) => {
    expect(paths(issuesOf({ ...valid, amount }))).toEqual(['amount']);
  });

  it.each([true, null, {}, ['12.50']])('refuses %j as an amount or a unit price: invalid_type, saying what is accepted', (value) => {
    const issues = issuesOf({ ...valid, amount: value, items: [{ sku: 'A', quantity: 1, unitPrice: value }] });
    expect(issues.map((i) => [i.path.join('.'), i.code, i.message])).toEqual([
      ['amount', 'invalid_type', 'must be a decimal string such as "120.50" or a number'],
      ['items.0.unitPrice', 'invalid_type', 'must be a decimal string such as "120.50" or a number'],
    ]);
  });

  it.each(['2024-03-01T10:00:00', '2024-03-01', 'yesterday', '2024-13-01T10:00:00Z'])('refuses the date %j (no offset or not a date)', (at) => {
    expect(paths(issuesOf({ ...valid, at }))).toEqual(['at']);
  });

  it('refuses unknown fields (typos), wrong types and bad items, all at once', () => {
    const issues = issuesOf({ ...valid, amout: '1', memberId: 42, items: [{ sku: 'A', quantity: 0, unitPrice: '1' }] });
    expect(paths(issues).sort()).toEqual(['amout', 'items.0.quantity', 'memberId']);
    expect(issues.find((i) => i.path[0] === 'amout')).toMatchObject({ code: 'unrecognized_keys', message: 'unrecognized key "amout"' });
  });

  it('refuses prototype keys in attributes and ids', () => {
    const attributes = JSON.parse('{"ok": 1, "nested": {"__proto__": {"polluted": true}}}');
    expect(paths(issuesOf({ ...valid, attributes }))).toEqual(['attributes.nested.__proto__']);
    expect(paths(issuesOf({ ...valid, orderId: '__proto__' }))).toEqual(['orderId']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a currency that is not ISO 4217', () => {
    expect(issuesOf({ ...valid, currency: 'XYZ' })).toMatchObject([{ path: ['currency'], code: 'invalid_currency' }]);
  });

  it('refuses a zero adjustment and a refund of nothing', () => {
    expect(paths(issuesOf({ id: 'a', type: 'adjustment', memberId: 'm1', at: valid.at, points: 0, reason: 'x' }))).toEqual(['points']);
    expect(paths(issuesOf({ id: 'r', type: 'refund', memberId: 'm1', at: valid.at, orderId: 'o1', amount: '0' }))).toEqual(['amount']);
  });
});

describe('evaluate applies nothing when it refuses', () => {
  it('leaves the state as it was and throws a typed error', () => {
    const { state } = run(program, [purchase('2024-03-01T10:00:00Z', '10', { orderId: 'o1' })]);
    const before = JSON.stringify(state);
    for (const bad of [
      { ...valid, amount: '12,50' },
      { ...valid, orderId: 'o1', id: 'again' }, // duplicate order
      { ...valid, currency: 'EUR' },
      { ...valid, memberId: 'someone-else' },
    ]) {
      const result = safeEvaluate(program, state, bad);
      expect(result.success).toBe(false);
    }
    expect(JSON.stringify(state)).toBe(before);
    expect(() => evaluate(program, state, { ...valid, currency: 'EUR' })).toThrowError(expect.objectContaining({ code: 'currency_mismatch' }));
    expect(() => evaluate(program, state, { ...valid, orderId: 'o1' })).toThrowError(expect.objectContaining({ code: 'duplicate_order' }));
    expect(() => evaluate(program, state, { ...valid, memberId: 'x' })).toThrowError(expect.objectContaining({ code: 'member_mismatch' }));
  });

  it('refuses a program object that did not come from defineProgram', () => {
    const plain = JSON.parse(JSON.stringify(program));
    expect(() => evaluate(plain, newMemberState(program, 'm1'), valid)).toThrowError(expect.objectContaining({ code: 'program_not_defined' }));
  });
});
