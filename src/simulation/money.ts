import { Dec } from '../money/decimal.js';
import { minorUnits } from '../money/currency.js';

type Decimal = InstanceType<typeof Dec>;

/** Exact money as a string, with at least the currency's minor unit (`"2.60"`, `"1.305"`). */
export function exactMoney(value: Decimal, currency: string): string {
  return value.toFixed(Math.max(value.decimalPlaces(), minorUnits(currency)));
}

/** `points × pointValue`, exact; `null` without a point value. */
export function pointsValue(points: number, pointValue: Decimal | null, currency: string): string | null {
  return pointValue === null ? null : exactMoney(pointValue.times(points), currency);
}
