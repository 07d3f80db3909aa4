import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every property test runs with one fixed seed (LOYALTY_FC_SEED, default 20261122, printed at the start)
    // and LOYALTY_FC_RUNS_FACTOR × its runs: see test/setup/fast-check.ts.
    setupFiles: ['test/setup/fast-check.ts'],
    globalSetup: ['test/setup/fast-check.ts'],
    testTimeout: 60_000,
  },
});
