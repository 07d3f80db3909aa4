import { Dec } from './decimal.js';
import { MODES, type RoundingPolicy } from './rounding.js';

/**
 * Digits after the decimal point in a currency's minor unit: 2 for EUR, 0 for JPY, 3 for BHD (from the runtime's ISO 4217 data).
 *
 * @example
 * minorUnits('EUR'); // 2
 * minorUnits('JPY'); // 0
 */
export function minorUnits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Rounds money to the currency's minor unit under a policy.
 *
 * @example
 * roundMoney(new Dec('2.345'), 'EUR', 'round-half-even').toFixed(2) // '2.34'
 */
export function roundMoney(amount: Dec, currency: string, policy: RoundingPolicy): Dec {
  // settled to 12 places first, as points are (roundPoints), so a repeating decimal cannot floor a cent away
  return amount.toDecimalPlaces(12, Dec.ROUND_HALF_EVEN).toDecimalPlaces(minorUnits(currency), MODES[policy]);
}
