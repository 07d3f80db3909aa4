import { expect } from 'vitest';
import { defineProgram, isLoyaltyError, ProgramError, safeDefineProgram, type Issue } from '../../src/index.js';

/** The issues of a program that must be refused (checked to be refused alike by defineProgram). */
export function issuesOf(input: unknown): Issue[] {
  const result = safeDefineProgram(input);
  if (result.success) throw new Error('expected the program to be refused');
  expect(result.error).toBeInstanceOf(ProgramError);
  expect(isLoyaltyError(result.error)).toBe(true);
  expect(result.error.code).toBe('invalid_program');
  // defineProgram throws the same error
  expect(() => defineProgram(input)).toThrow(ProgramError);
  return [...result.error.issues];
}

type Where = [(string | number)[], string];
const byJson = (a: Where, b: Where): number => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** [path, code] of every issue, sorted. */
export const where = (issues: readonly Issue[]): Where[] => issues.map((i): Where => [[...i.path], i.code]).sort(byJson);
/** [path, code] pairs, sorted the same way. */
export const sortPairs = (pairs: Where[]): Where[] => [...pairs].sort(byJson);
