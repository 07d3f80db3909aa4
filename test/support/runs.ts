/**
 * How many runs the property tests do. `LOYALTY_FC_RUNS_FACTOR` (default 1) scales every property
 * test: the global default (test/setup/fast-check.ts) and each explicit `numRuns`, written as
 * `runs(n)`. `npm run test:deep` sets it to 100.
 */

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${String(raw)}"`);
  return value;
}

/** The factor every run count is multiplied by (`LOYALTY_FC_RUNS_FACTOR`, default 1). */
export const RUNS_FACTOR: number = positiveNumber('LOYALTY_FC_RUNS_FACTOR', process.env.LOYALTY_FC_RUNS_FACTOR, 1);

/** The fast-check seed of every property test (`LOYALTY_FC_SEED`, default 20261122). */
export const SEED: number = Number(process.env.LOYALTY_FC_SEED ?? 20261122);
if (!Number.isSafeInteger(SEED)) throw new Error(`LOYALTY_FC_SEED must be an integer, not "${String(process.env.LOYALTY_FC_SEED)}"`);

/** `n` runs scaled by {@link RUNS_FACTOR}: at least 1, `n` itself at factor 1. */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * RUNS_FACTOR));
}
