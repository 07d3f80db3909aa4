/**
 * One seed and one run budget for every fast-check property in the suite.
 *
 * - `LOYALTY_FC_SEED` (default 20261122) is the seed of every property: the same run generates the same
 *   cases, and a failure reproduces with the same command. To explore, set another seed.
 * - `LOYALTY_FC_RUNS_FACTOR` (default 1) multiplies the default number of runs (100) here and every explicit
 *   `numRuns` (written `runs(n)`, test/support/runs.ts). `npm run test:deep` uses 100.
 *
 * vitest.config.ts registers this file twice: as a setup file (each test file's fast-check gets the global
 * configuration) and as a global setup (the `setup` export below prints the seed once per `vitest` run,
 * not once per test file).
 */
import fc from 'fast-check';
import { SEED, RUNS_FACTOR, runs } from '../support/runs.js';

fc.configureGlobal({ seed: SEED, numRuns: runs(100) });

/** vitest global setup: prints the seed and the factor once. */
export function setup(): void {
  console.log(`fast-check seed ${SEED}, runs ×${RUNS_FACTOR}`);
}
