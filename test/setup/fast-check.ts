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
import { afterAll, expect } from 'vitest';
import { SEED, RUNS_FACTOR, runs } from '../support/runs.js';

fc.configureGlobal({ seed: SEED, numRuns: runs(100) });

// `LOYALTY_FC_COUNT=1`: counts the generated cases each test file checks (fast-check's own report on
// failure), printed as `fast-check cases: N in <file>`; sum them for the suite's total.
if (process.env.LOYALTY_FC_COUNT !== undefined && typeof afterAll === 'function') {
  let cases = 0;
  const count = (details: fc.RunDetails<unknown>): void => {
    cases += details.numRuns;
    if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
  };
  fc.configureGlobal({ seed: SEED, numRuns: runs(100), reporter: count });
  try {
    afterAll(() => {
      console.log(`fast-check cases: ${cases} in ${expect.getState().testPath ?? 'a test file'}`);
    });
  } catch {
    // imported as the global setup (no test file here): nothing to count
  }
}

/** vitest global setup: prints the seed and the factor once. */
export function setup(): void {
  console.log(`fast-check seed ${SEED}, runs ×${RUNS_FACTOR}`);
}
