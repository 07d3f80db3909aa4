import { Dec } from '../../money/decimal.js';
import { minorUnits } from '../../money/currency.js';

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * A whole number with thousands separators; never `-0`.
 *
 * @example
 * formatInt(1234567) // '1,234,567'
 */
export function formatInt(n: number): string {
  return INT.format(n === 0 ? 0 : n);
}

/**
 * A signed whole number: `+1,234`, `-56`, `0`.
 *
 * @example
 * formatSigned(-1500) // '-1,500'
 */
export function formatSigned(n: number): string {
  return n > 0 ? `+${formatInt(n)}` : formatInt(n);
}

/**
 * A number for an axis: grouped below a million, compact (`1.2M`) above.
 *
 * @example
 * formatAxis(2500000) // '2.5M'
 */
export function formatAxis(n: number): string {
  if (Math.abs(n) >= 1_000_000) return COMPACT.format(n);
  const rounded = Math.round(n * 100) / 100;
  return Number.isInteger(rounded) ? formatInt(rounded) : new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(rounded);
}

/**
 * A decimal string with `places` decimals (half-even) and thousands separators, computed exactly.
 *
 * @example
 * formatDecimal('1234567.125', 2) // '1,234,567.12'
 */
export function formatDecimal(value: string, places: number): string {
  const fixed = new Dec(value).toFixed(places, Dec.ROUND_HALF_EVEN);
  const negative = fixed.startsWith('-');
  const [whole = '0', fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const isZero = /^[0.]*$/.test(fixed.replace('-', ''));
  return `${negative && !isZero ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * Money in a currency's minor unit: `1,234.50 GBP`; `n/a` for `null`.
 *
 * @example
 * formatMoney('1234.5', 'GBP') // '1,234.50 GBP'
 */
export function formatMoney(value: string | null, currency: string): string {
  if (value === null) return 'n/a';
  return `${formatDecimal(value, minorUnits(currency))} ${currency}`;
}

/**
 * Signed money: `+12.00 GBP`, `-3.10 GBP`.
 *
 * @example
 * formatSignedMoney('-3.1', 'GBP') // '-3.10 GBP'
 */
export function formatSignedMoney(value: string | null, currency: string): string {
  if (value === null) return 'n/a';
  const text = formatMoney(value, currency);
  return new Dec(value).gt(0) && !text.startsWith('0.00') ? `+${text}` : text;
}

/**
 * A share 0–1 as a percentage with one decimal; `n/a` for `null`.
 *
 * @example
 * formatPercent(0.4567) // '45.7%'
 */
export function formatPercent(share: number | null, places = 1): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(places)}%`;
}
