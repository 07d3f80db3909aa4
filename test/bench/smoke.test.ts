import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The benchmark's smoke run (`node bench/run.mjs --smoke`): a slice of the real
// data, a few thousand scaled events and the three-year member, replayed by the
// engine and by each baseline of bench/baselines/, which must end with the same
// balance and tier for every member. Correctness only: no timing is written.
const root = fileURLToPath(new URL('../../', import.meta.url));
const data = fileURLToPath(new URL('../../../shared/data/online-retail.csv.gz', import.meta.url));
const hasData = existsSync(data);

describe('bench/run.mjs --smoke', () => {
  it.skipIf(!hasData)(`every baseline ends with the engine's balances and tiers (skipped when ${data} is absent)`, () => {
    // `npm test` builds first (pretest); a bare `vitest run` on a fresh clone may not have
    if (!existsSync(`${root}dist/index.js`)) execFileSync(process.execPath, [`${root}node_modules/tsup/dist/cli-default.js`, '--silent'], { cwd: root });
    let out: string;
    try {
      out = execFileSync(process.execPath, ['bench/run.mjs', '--smoke'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const { status, stdout, stderr } = error as { status: number; stdout: string; stderr: string };
      throw new Error(`bench/run.mjs --smoke exited with ${status}\n${stdout}\n${stderr}`);
    }
    for (const n of [1, 2, 3]) expect(out).toMatch(new RegExp(`^Workload ${n}: `, 'm'));
    expect(out.match(/^ {2}✓ .*: same balance and tier as the engine/gm)).toHaveLength(6);
    expect(out).toContain('smoke: every baseline matched the engine (2 baselines × 3 workloads)');
  }, 60_000);
});
