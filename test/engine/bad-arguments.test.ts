import { describe, expect, it } from 'vitest';
import { catalogFor, isLoyaltyError, newMemberState, replay, summarize, tierStatus } from '../../src/index.js';
import { makeProgram } from '../helpers.js';

const program = makeProgram();
const state = newMemberState(program, 'm1');
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (error) {
    return isLoyaltyError(error) ? error.code : `not a LoyaltyError: ${String(error)}`;
  }
};

// values found by fuzzing the public entry points: each must give a typed error, never a TypeError
const unprintable = [Object.create(null) as unknown, { toString: false }, [[[]]], 10n];

describe('bad arguments give typed errors', () => {
  it('read views with an `at` that is not a string, even one that cannot be printed', () => {
    for (const at of unprintable) {
      expect(codeOf(() => summarize(program, state, at as string))).toBe('invalid_argument');
      expect(codeOf(() => tierStatus(program, state, at as string))).toBe('invalid_argument');
      expect(codeOf(() => catalogFor(program, state, at as string))).toBe('invalid_argument');
    }
  });

  it('summarize with a horizon that is not a whole number of days from 0 to 3660', () => {
    for (const horizonDays of [1e308, Number.NaN, -1, 1.5, 3661]) {
      expect(codeOf(() => summarize(program, state, '2024-01-01T00:00:00Z', { horizonDays }))).toBe('invalid_argument');
    }
    expect(summarize(program, state, '2024-01-01T00:00:00Z', { horizonDays: 0 }).expiring).toEqual([]);
  });

  it('replay with events or states that are not iterable', () => {
    expect(codeOf(() => replay(program, 0 as unknown as unknown[]))).toBe('invalid_argument');
    expect(codeOf(() => replay(program, [], { states: 5 as unknown as Map<string, typeof state> }))).toBe('invalid_argument');
    expect(replay(program, new Set<unknown>()).applied).toBe(0);
  });

  it('newMemberState with an enrolledAt that cannot be printed', () => {
    for (const enrolledAt of unprintable) expect(codeOf(() => newMemberState(program, 'm1', { enrolledAt: enrolledAt as string }))).toBe('invalid_argument');
  });
});

describe('compileCondition with bad input', () => {
  it('a hole in a group is a missing condition; options must be what they say', async () => {
    const { compileCondition } = await import('../../src/index.js');
    const holey = { all: new Array(1) } as unknown as Parameters<typeof compileCondition>[0];
    expect(codeOf(() => compileCondition(holey))).toBe('invalid_condition');
    const ok = { all: [] };
    expect(codeOf(() => compileCondition(ok, null as unknown as Parameters<typeof compileCondition>[1]))).toBe('invalid_argument');
    expect(codeOf(() => compileCondition(ok, { knownFacts: 0 as unknown as string[] }))).toBe('invalid_argument');
    expect(compileCondition(ok, { knownFacts: ['event'] })({})).toBe(true);
  });
});
