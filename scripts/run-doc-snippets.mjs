// Runs the JavaScript snippets of a docs page in order, as one ES module, against the built package
// (dist/, through a temporary project whose node_modules/loyalty-engine links to this repository).
//
//   node scripts/run-doc-snippets.mjs docs/getting-started.md
//
// Blocks fenced as ```js run; other fences (```javascript, ```ts, ```json) are not run. Imports from
// 'loyalty-engine' are merged and hoisted, so each snippet can show the imports it needs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const page = process.argv[2];
if (page === undefined) {
  console.error('usage: node scripts/run-doc-snippets.mjs <docs page>');
  process.exit(2);
}

const markdown = readFileSync(join(root, page), 'utf8');
const blocks = [...markdown.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
const imports = new Map(); // module → names
const body = [];
for (const block of blocks) {
  for (const line of block.split('\n')) {
    const m = /^import \{ ([^}]+) \} from '([^']+)';$/.exec(line.trim());
    if (m) {
      const names = imports.get(m[2]) ?? new Set();
      for (const name of m[1].split(',')) names.add(name.trim());
      imports.set(m[2], names);
    } else body.push(line);
  }
}
const source = [...[...imports].map(([from, names]) => `import { ${[...names].join(', ')} } from '${from}';`), ...body].join('\n');

const work = mkdtempSync(join(tmpdir(), 'loyalty-engine-snippets-'));
try {
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(root, join(work, 'node_modules/loyalty-engine'), 'junction');
  writeFileSync(join(work, 'snippets.mjs'), source);
  process.stdout.write(execFileSync(process.execPath, ['snippets.mjs'], { cwd: work, encoding: 'utf8' }));
} catch (error) {
  console.error(`the snippets of ${page} failed; the module run was:\n${source}`);
  throw error;
} finally {
  rmSync(work, { recursive: true, force: true });
}
