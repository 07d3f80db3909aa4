import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', postgres: 'src/postgres/index.ts', 'store-contract': 'src/edge/contract/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // the command line is built beside it (below): keep its files
    clean: ['!cli.js', '!cli.js.map'],
    sourcemap: true,
    treeshake: true,
    target: 'es2022',
  },
  {
    // the `loyalty-engine` command (package.json `bin`): ESM only, no types; the shebang comes from the source
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    treeshake: true,
    target: 'es2022',
    platform: 'node',
  },
]);
