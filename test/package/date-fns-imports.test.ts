import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// date-fns' index loads all of its ~250 modules: importing a function from it made
// `import('loyalty-engine')` about twice as slow (docs/performance.md). Import each
// function from its own module: `import { addDays } from 'date-fns/addDays'`.
const src = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('date-fns imports', () => {
  it('no source file imports the date-fns index', () => {
    const offenders = sources(src).filter((file) => /from\s+['"]date-fns['"]/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((f) => f.slice(src.length))).toEqual([]);
  });
});
