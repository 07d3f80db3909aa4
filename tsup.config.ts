import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', postgres: 'src/postgres/index.ts', 'store-contract': 'src/edge/contract/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  target: 'es2022',
});
