// What the project's chosen dependencies cost by themselves, measured beside the engines in the
// same run: a floor under any engine that keeps the standards (every event validated by zod, all
// money in decimal.js, the package importing zod and date-fns), so that a target can be checked
// against it. Neither pass computes balances or tiers; each does only the one thing it names.
import Decimal from 'decimal.js';
import { readFileSync } from 'node:fs';
import { safeParseEvent } from '../dist/index.js';

/** The engine's own configuration of decimal.js (src/money/decimal.ts). */
const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

/**
 * Validation alone: `safeParseEvent` (the engine's zod schema and its prototype-key check) on
 * every event, as every call of the engine does first. Returns the number of valid events.
 */
export function validationOnly(events) {
  let valid = 0;
  for (const event of events) if (safeParseEvent(event).success) valid++;
  return valid;
}

/**
 * The least decimal.js work the reference program asks of any implementation that keeps money in
 * decimal.js: each purchase's amount read, each item's listed value (unit price × quantity) and
 * their sum, which the item multipliers need; each refund's and wallet debit's amount read. No
 * points, no rounding, no window sums: a lower bound, not an estimate. Returns a checksum.
 */
export function moneyOnly(events) {
  let check = 0;
  for (const event of events) {
    if (event.type === 'purchase') {
      const amount = new Dec(event.amount);
      let listed = new Dec(0);
      for (const item of event.items ?? []) listed = listed.plus(new Dec(item.unitPrice).times(item.quantity));
      if (listed.eq(amount)) check++;
    } else if (event.amount !== undefined) {
      if (new Dec(event.amount).isZero()) check--;
    }
  }
  return check;
}

/**
 * The packages the built entry point imports (bare specifiers of `dist/index.js` and the chunks it
 * reaches), for timing their import alone in a fresh process.
 */
export function dependencyImports(entry) {
  const seen = new Set();
  const bare = new Set();
  const visit = (url) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const code = readFileSync(url, 'utf8');
    for (const [, spec] of code.matchAll(/^(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      if (spec.startsWith('.')) visit(new URL(spec, url));
      else if (!spec.startsWith('node:')) bare.add(spec);
    }
  };
  visit(entry);
  return [...bare].sort();
}
