import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', postgres: 'src/postgres/index.ts', 'store-contract': 'src/edge/contract/index.ts', testing: 'src/testing/index.ts', simulation: 'src/simulation/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // the command line is built beside it (below): keep its file
    clean: ['!cli.js'],
    // No source maps in the package: dist/ is not minified, so stack traces already read as the source does,
    // and the maps (2.4 of the 3.7 MB unpacked) would point at a src/ that is not published.
    sourcemap: false,
    treeshake: true,
    target: 'es2022',
    // The JSON Schema ships as dist/program.schema.json (`loyalty-engine/program.schema.json`); docs/ holds the
    // committed copy that `npm run schema` writes and test/program/json-schema.test.ts keeps current.
    onSuccess: () => copyFile('docs/program.schema.json', 'dist/program.schema.json'),
  },
  {
    // the `loyalty-engine` command (package.json `bin`): ESM only, no types; the shebang comes from the source
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: false,
    treeshake: true,
    target: 'es2022',
    platform: 'node',
  },
]);
