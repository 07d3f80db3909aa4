import Decimal from 'decimal.js';

/** How a fractional number of points becomes an integer. */
export type RoundingPolicy = 'floor' | 'ceil' | 'round-half-up' | 'round-half-even';

/** decimal.js rounding modes for each policy. */
export const MODES: Readonly<Record<RoundingPolicy, Decimal.Rounding>> = {
  floor: Decimal.ROUND_FLOOR,
  ceil: Decimal.ROUND_CEIL,
  'round-half-up': Decimal.ROUND_HALF_UP,
  'round-half-even': Decimal.ROUND_HALF_EVEN,
};

/**
 * Rounds a decimal number of points to an integer with the program's policy.
 * The value is first settled to 12 decimal places (half-even), so that a rate
 * like 1 point per 3.00 gives exactly 1 point for 3.00 rather than flooring
 * 0.999… (a repeating decimal cut at 40 digits) to 0.
 *
 * @example
 * roundPoints(new Decimal('12.5'), 'round-half-even') // 12
 * roundPoints(new Decimal('12.5'), 'round-half-up')   // 13
 * roundPoints(new Decimal('12.01'), 'ceil')           // 13
 */
export function roundPoints(value: Decimal, policy: RoundingPolicy): number {
  return value.toDecimalPlaces(12, Decimal.ROUND_HALF_EVEN).toDecimalPlaces(0, MODES[policy]).toNumber();
}
