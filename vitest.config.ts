import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests print their seed on failure; pin one with FC_SEED to reproduce.
    testTimeout: 60_000,
  },
});
