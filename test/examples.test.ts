import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

describe('examples', () => {
  it('02-quick-start prints what the README says (runs against the built package)', () => {
    const out = execFileSync(process.execPath, ['examples/02-quick-start/index.mjs'], { cwd: root, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['earn 248 (base)', 'available: 248']);
  });
});
