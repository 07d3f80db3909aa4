import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

describe('examples', () => {
  it('02-quick-start prints what the README says (runs against the built package)', () => {
    const out = execFileSync(process.execPath, ['examples/02-quick-start/index.mjs'], { cwd: root, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['earn 248 (base)', 'available: 248']);
  });

  it('05-testing-your-program: the kit passes the sound program and finds the broken one', () => {
    const out = execFileSync(process.execPath, ['examples/05-testing-your-program/check.mjs'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('program.json: all invariants hold over 40 generated streams (seed 20261122)');
    expect(out).toContain('program.json: the most points found in one day: 1000 (within the limit)');
    // the broken program (daily cap forgotten) is caught, with a shrunk stream and the seed and path to reproduce it
    expect(out).toMatch(/broken-program: violation of "at most 1000 points a day" found and shrunk to \d+ event\(s\)/);
    expect(out).toMatch(/seed: 20261122, path: "[\d:]+"/);
    expect(out).toMatch(/broken-program: the most points found in one day: (\d+)/);
    expect(Number(/one day: (\d+) \(/.exec(out.split('broken-program: the most')[1] ?? '')?.[1])).toBeGreaterThan(1000);
  }, 120_000);

  it('03-spend-ladder walks the seed ladder of docs/tiers.md', () => {
    const out = execFileSync(process.execPath, ['examples/03-spend-ladder/run.mjs'], { cwd: root, encoding: 'utf8' });
    const lines = out.split('\n').map((l) => l.trim());
    // $320 invites; +$700 = $1020 jumps to premium with the skipped levels' rewards; -$100 = $920 starts 30 days of grace
    expect(lines).toContain('tier_upgraded invited → premium (qualified, 2024-03-10)');
    expect(lines.filter((l) => l.startsWith('reward_issued'))).toHaveLength(4);
    expect(lines).toContain('tier_downgraded premium → half (grace_ended, 2024-04-19)');
    expect(lines).toContain('tier_downgraded half → none (grace_ended, 2024-10-10)');
    // on 25 July only the March order ($600) is in the window: $400 short of $1000 until it leaves on 10 September
    expect(lines).toContain('next: premium — spend 400 more by 2024-09-10');
  });
});
