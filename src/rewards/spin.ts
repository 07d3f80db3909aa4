import { hmac64 } from './hmac.js';
import { Dec } from '../money/decimal.js';
import type { SpinOutcome } from '../program/rewards-schema.js';

/**
 * The outcome of one spin: a number drawn uniformly from the total weight by
 * HMAC-SHA-256 of the program id, the event id and the unit under the
 * program's secret salt. The same event always draws the same outcome, so a
 * replay gives the same prize; without the salt the draw cannot be predicted.
 */
export function drawOutcome(outcomes: readonly SpinOutcome[], salt: string, programId: string, eventId: string, unit: number): number {
  const total = outcomes.reduce((s, o) => s + o.weight, 0);
  const n = hmac64(salt, `spin\u0000${programId}\u0000${eventId}\u0000${unit}`);
  // 2^64 values over at most 10^8 of total weight: the bias is below 10^-10
  let ticket = Number(n % BigInt(total));
  for (const [i, o] of outcomes.entries()) {
    if (ticket < o.weight) return i;
    ticket -= o.weight;
  }
  return outcomes.length - 1;
}

/** The published odds of each outcome: its weight over the total, as a decimal string to 6 places. */
export function oddsOf(outcomes: readonly SpinOutcome[]): { readonly label: string; readonly probability: string }[] {
  const total = outcomes.reduce((s, o) => s + o.weight, 0);
  return outcomes.map((o) => ({ label: o.label, probability: new Dec(o.weight).div(total).toDecimalPlaces(6).toFixed() }));
}
