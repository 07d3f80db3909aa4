/**
 * Money for the generators and checks: amounts are kept as integers of the
 * currency's minor unit while generating, written as decimal strings for
 * events, and compared exactly as scaled bigints (never as floats).
 */
import { minorUnits } from '../../money/currency.js';

/** How amounts are written in a currency, and how to scale generated values to look realistic in it. */
export interface MoneyScale {
  readonly currency: string;
  /** Digits after the point: 2 for GBP, 0 for JPY, 3 for BHD. */
  readonly digits: number;
  /** Minor units per generated "price unit": 1 for 0 or 2 digits (pence, yen), 10 for 3 digits (fils). */
  readonly factor: number;
}

/**
 * @example
 * moneyScale('JPY') // { currency: 'JPY', digits: 0, factor: 1 }
 */
export function moneyScale(currency: string): MoneyScale {
  const digits = minorUnits(currency);
  return { currency, digits, factor: 10 ** Math.max(0, digits - 2) };
}

/**
 * An amount in minor units as a decimal string with the currency's digits.
 *
 * @example
 * formatMinor(1250, 2) // '12.50'
 */
export function formatMinor(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

const SCALE = 12;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * A non-negative decimal (string or number, as events and programs accept
 * them) as a bigint scaled by 10^12, for exact sums and comparisons.
 *
 * @example
 * exact('12.5') === 12_500_000_000_000n // true
 */
export function exact(value: string | number): bigint {
  const text = typeof value === 'number' ? numberText(value) : value;
  const m = DECIMAL.exec(text);
  if (m === null) return 0n;
  const frac = (m[2] ?? '').padEnd(SCALE, '0').slice(0, SCALE);
  return BigInt(m[1] ?? '0') * 10n ** BigInt(SCALE) + BigInt(frac === '' ? '0' : frac);
}

/** A scaled bigint back as a plain decimal string (`12.5`). */
export function exactText(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = 10n ** BigInt(SCALE);
  const frac = String(abs % unit).padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / unit}${frac === '' ? '' : `.${frac}`}`;
}

function numberText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(SCALE);
}

/** Like {@link exact}, for a decimal string that may start with `-`. */
export function signedExact(value: string): bigint {
  return value.startsWith('-') ? -exact(value.slice(1)) : exact(value);
}
