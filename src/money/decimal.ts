import Decimal from 'decimal.js';

/**
 * The library's own Decimal constructor: 40 significant digits, so that money
 * times rates and multipliers never loses a digit before the declared rounding.
 * A clone, so the host's global Decimal settings are never read or changed.
 */
export const Dec: typeof Decimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = Decimal;

/** A plain decimal string: digits, an optional fraction, no sign, no exponent. */
export const DECIMAL_PATTERN = /^\d{1,15}(\.\d{1,12})?$/;

/** The largest amount accepted anywhere (exclusive): 10^15. */
export const MAX_AMOUNT = new Dec('1e15');

/** Parses a value already validated as a decimal string or a finite number. */
export function dec(value: string | number): Decimal {
  return new Dec(value);
}

/** Serialises money: plain notation, never an exponent. */
export function money(value: Decimal): string {
  return value.toFixed();
}
