import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('docs/getting-started.md', () => {
  it('runs every ```js snippet, in order, against the built package, and prints what the page says', () => {
    const out = execFileSync(process.execPath, ['scripts/run-doc-snippets.mjs', 'docs/getting-started.md'], { cwd: root, encoding: 'utf8' });
    // the misspelt time zone is reported with its path
    expect(out).toContain("code: 'invalid_timezone'");
    // c-17850: 139.12 earns 139 + 50 (≥ 100); returning 50.00 leaves 89.12: the order keeps floor(89.12) = 89 and loses the bonus.
    // c-13047: 42.50 earns floor(42.5) = 42. Both earned in early March, so 14 pending days are over by 31 March.
    const lines = out.trim().split('\n').slice(-3);
    expect(lines).toEqual([
      'c-17850 { balance: 89, available: 89, pending: 0 }',
      'c-13047 { balance: 42, available: 42, pending: 0 }',
      // the return of an order from before the history (535000) is refused, not applied
      "3 applied; refused: [ 'return-C536383 unknown_order' ]",
    ]);
  });
});
