import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineProgram, programJsonSchema } from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const page = readFileSync(new URL('../../docs/program-format.md', import.meta.url), 'utf8');

/** The row of a field in docs/program-format.md, split into its cells. */
function row(field: string, kind = ''): string[] {
  const line = page.split('\n').find((l) => l.startsWith(`| \`${field}\`${kind === '' ? '' : ` (\`${kind}\`)`} |`));
  if (line === undefined) throw new Error(`docs/program-format.md has no row for ${field}`);
  return line.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, ''));
}

describe('docs/program-format.md', () => {
  it('is what scripts/write-program-format.mjs writes from docs/program.schema.json (up to date: npm run schema)', () => {
    const out = execFileSync(process.execPath, ['scripts/write-program-format.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('up to date');
  });

  it('has a row for every top-level field of the program format', () => {
    const fields = Object.keys(programJsonSchema().properties as Record<string, unknown>);
    expect(fields.filter((f) => !page.includes(`| \`${f}\` |`))).toEqual([]);
  });

  it('states the defaults defineProgram fills in', () => {
    const program = defineProgram({
      id: 'defaults',
      version: 1,
      currency: 'EUR',
      timezone: 'Europe/Warsaw',
      points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
      earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
      rewards: { codeSalt: 'a-salt-of-16-chars-or-more', catalog: [{ id: 'mug', kind: 'free-product', sku: 'MUG', cost: 100 }] },
      stampCards: [{ id: 'coffee', stamps: 10, reward: { points: 50 } }],
    });
    // the third cell is "Required / default"
    expect(row('points.pendingDays')[2]).toBe(`default \`${program.points.pendingDays}\``); // 0
    expect(row('earn[].priority')[2]).toBe(`default \`${program.earn[0]?.priority}\``); // 0
    expect(row('rewards.reversalWindowDays')[2]).toBe(`default \`${program.rewards?.reversalWindowDays}\``); // 365
    expect(row('stampCards[].onRefund')[2]).toBe(`default \`"${program.stampCards?.[0]?.onRefund}"\``); // "revoke"
    expect(row('rewards.catalog[].listed')[2]).toBe('default `true`');
    expect(row('currency')[2]).toBe('required');
  });

  it('lists the allowed values of enumerations and the kinds of unions', () => {
    expect(row('points.rounding')[3]).toBe('`"floor"`, `"ceil"`, `"round-half-up"`, `"round-half-even"`');
    expect(row('points.expiry')[3]).toBe('`kind`: `"never"`, `"days-after-earning"`, `"end-of-period"`, `"inactivity"`');
    expect(row('points.expiry.days', 'inactivity')[3]).toBe('1–36,600');
    expect(page).toContain('### `kind: "cashback"`');
  });
});
