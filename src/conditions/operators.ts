import type { OperatorName } from './types.js';

/**
 * json-rules-engine's built-in operators, with exactly its callbacks and
 * fact-value validators (engine-default-operators.js, v7): the same JavaScript
 * comparisons, coercions and all.
 */
interface Operator {
  readonly validate: (factValue: unknown) => boolean;
  readonly compare: (factValue: any, value: any) => boolean; // mirrors JavaScript semantics on purpose
}

const always = (): boolean => true;
const isNumberLike = (factValue: unknown): boolean => Number.parseFloat(factValue as string).toString() !== 'NaN';

export const OPERATORS: Readonly<Record<OperatorName, Operator>> = {
  equal: { validate: always, compare: (a, b) => a === b },
  notEqual: { validate: always, compare: (a, b) => a !== b },
  in: { validate: always, compare: (a, b) => b.indexOf(a) > -1 },
  notIn: { validate: always, compare: (a, b) => b.indexOf(a) === -1 },
  contains: { validate: Array.isArray, compare: (a, b) => a.indexOf(b) > -1 },
  doesNotContain: { validate: Array.isArray, compare: (a, b) => a.indexOf(b) === -1 },
  lessThan: { validate: isNumberLike, compare: (a, b) => a < b },
  lessThanInclusive: { validate: isNumberLike, compare: (a, b) => a <= b },
  greaterThan: { validate: isNumberLike, compare: (a, b) => a > b },
  greaterThanInclusive: { validate: isNumberLike, compare: (a, b) => a >= b },
};

export const OPERATOR_NAMES = Object.keys(OPERATORS) as OperatorName[];

/** Operators whose right-hand side must be a number. */
export const NUMERIC_OPERATORS: ReadonlySet<OperatorName> = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);

/** Operators that call `value.indexOf`, so their right-hand side must be a list (or a string). */
export const LIST_OPERATORS: ReadonlySet<OperatorName> = new Set(['in', 'notIn']);

export function isOperatorName(name: unknown): name is OperatorName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(OPERATORS, name);
}
