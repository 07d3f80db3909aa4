import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What `npm publish` would upload, checked from the outside: `npm pack` of the built package (`npm test` builds
// first), then a consumer project in a temporary directory, outside this repository, whose node_modules holds the
// tarball's contents as loyalty-engine and links to the installed copies of its declared dependencies only (and of
// fast-check, its optional peer). Nothing is fetched; a dependency the package uses without declaring it fails here.

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  main: string;
  module: string;
  types: string;
  exports: Record<string, unknown>;
  typesVersions: Record<string, Record<string, string[]>>;
  bin?: string | Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work = '';
let tarball = '';
let files: string[] = [];

beforeAll(() => {
  expect(existsSync(join(root, 'dist/index.js')), 'dist/ is missing: run npm run build (npm test does it first)').toBe(true);
  work = mkdtempSync(join(tmpdir(), 'loyalty-engine-packed-'));
  // --ignore-scripts: pack what was built, without lifecycle scripts; --json: the file list npm would publish
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  if (packed === undefined) throw new Error(`npm pack printed no result: ${out}`);
  tarball = join(work, packed.filename);
  files = packed.files.map((f) => f.path).sort();
}, 60_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

/** Every file path package.json points at (main, module, types, exports, typesVersions, bin). */
function targets(): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk([manifest.main, manifest.module, manifest.types, manifest.exports, manifest.typesVersions, manifest.bin ?? []]);
  return [...new Set(found.map((p) => p.replace(/^\.\//, '')))].sort();
}

describe('npm pack', () => {
  it('ships only dist/, README.md, LICENSE, CHANGELOG.md and package.json', () => {
    const outside = files.filter((f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'].includes(f));
    expect(outside).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']));
    // no source maps: they would point at a src/ that is not published (tsup.config.ts builds without them)
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('contains every file package.json points at, for every subpath', () => {
    const missing = targets().filter((t) => !files.includes(t));
    expect(missing).toEqual([]);
    // the subpaths a user imports: the tests below load each of them
    expect(Object.keys(manifest.exports)).toEqual(['.', './postgres', './store-contract', './testing', './program.schema.json', './simulation', './package.json']);
  });

  it('ships the JSON Schema that docs/program.schema.json holds (dist/program.schema.json)', () => {
    const extracted = join(work, 'extract');
    mkdirSync(extracted, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', extracted]);
    const shipped = readFileSync(join(extracted, 'package/dist/program.schema.json'), 'utf8');
    expect(JSON.parse(shipped)).toEqual(JSON.parse(readFileSync(join(root, 'docs/program.schema.json'), 'utf8')));
  });
});

// One body for both module systems: each header binds the same names by `import` or by `require`.
const exercise = String.raw`
async function exercise({ core, postgres, contract, testing, simulation, pkg, schema, fc, equal }) {
  const out = {};

  // the core: 1 point per 1.00 (floor) and 25 on orders of 100 or more; 120.40 → 120 + 25 = 145, available at once
  const program = core.defineProgram({
    id: 'packed', version: 1, currency: 'EUR', timezone: 'Europe/Warsaw',
    points: { rounding: 'floor', pendingDays: 0, expiry: { kind: 'never' }, negativeBalance: 'debt' },
    earn: [
      { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
      { id: 'big', kind: 'bonus', points: 25, minAmount: '100.00' },
    ],
  });
  const step = core.evaluate(program, core.newMemberState(program, 'm1'), {
    id: 'e1', type: 'purchase', memberId: 'm1', at: '2024-05-01T12:00:00+02:00', orderId: 'o1', amount: '120.40', currency: 'EUR',
  });
  out.core = {
    entries: core.ledgerEntries(step.effects).map((e) => [e.ruleId, e.points]),
    available: core.summarize(program, step.state, '2024-05-01T13:00:00+02:00').available,
    refused: (() => { const r = core.safeDefineProgram({ id: 'x' }); return r.success ? null : r.error.code; })(),
  };

  // loyalty-engine/simulation: the same purchase replayed into a report issues the same 145 points
  const report = await simulation.simulate(program, [{
    id: 'e1', type: 'purchase', memberId: 'm1', at: '2024-05-01T12:00:00+02:00', orderId: 'o1', amount: '120.40', currency: 'EUR',
  }], { pointValue: '0.01' });
  out.simulation = { issued: report.totals.issued, liability: report.liability };

  // the JSON Schema subpath is the schema the code itself describes
  out.schema = { title: schema.title, current: equal(schema, JSON.parse(JSON.stringify(core.programJsonSchema()))) };

  // loyalty-engine/postgres over a stand-in client: one SELECT for an unknown member
  const sent = [];
  const store = new postgres.PostgresStore({ query: async (text, params) => { sent.push([text.split(' FROM ')[1].split(' ')[0], params]); return { rows: [] }; } }, { schema: 'packed' });
  let badSchema = null;
  try { new postgres.PostgresStore({ query: async () => ({ rows: [] }) }, { schema: 'no;such' }); } catch (error) { badSchema = core.isLoyaltyError(error) ? error.code : String(error); }
  out.postgres = { loaded: (await store.load('m1')) ?? null, sent, badSchema, migrate: typeof postgres.migrate };

  // loyalty-engine/store-contract: the whole suite against the core's MemoryStore, with a ten-line runner
  const tests = [];
  const assertion = (actual) => ({
    toBe: (expected) => { if (!Object.is(actual, expected)) throw new Error('expected ' + String(expected) + ', got ' + String(actual)); },
    toEqual: (expected) => { if (!equal(actual, expected)) throw new Error('expected ' + JSON.stringify(expected) + ', got ' + JSON.stringify(actual)); },
    toBeUndefined: () => { if (actual !== undefined) throw new Error('expected undefined, got ' + JSON.stringify(actual)); },
  });
  contract.storeContract('memory', () => new core.MemoryStore(), { describe: (_name, body) => body(), it: (name, body) => tests.push([name, body]), expect: assertion });
  const failed = [];
  for (const [name, body] of tests) { try { await body(); } catch (error) { failed.push(name + ': ' + error.message); } }
  out.contract = { ran: tests.length, failed };

  // loyalty-engine/testing with the consumer's fast-check: a generated program is a defined, frozen program
  const [generated] = fc.sample(testing.programArb(), { numRuns: 1, seed: 20261122 });
  out.testing = { program: typeof generated.id === 'string' && Object.isFrozen(generated), checkProgram: typeof testing.checkProgram };

  out.pkg = { name: pkg.name, version: pkg.version };
  return out;
}
`;

const esm = `import * as core from 'loyalty-engine';
import * as postgres from 'loyalty-engine/postgres';
import * as contract from 'loyalty-engine/store-contract';
import * as testing from 'loyalty-engine/testing';
import * as simulation from 'loyalty-engine/simulation';
import pkg from 'loyalty-engine/package.json' with { type: 'json' };
import schema from 'loyalty-engine/program.schema.json' with { type: 'json' };
import fc from 'fast-check';
import { isDeepStrictEqual as equal } from 'node:util';
${exercise}
console.log(JSON.stringify(await exercise({ core, postgres, contract, testing, simulation, pkg, schema, fc, equal })));
`;

const cjs = `'use strict';
const core = require('loyalty-engine');
const postgres = require('loyalty-engine/postgres');
const contract = require('loyalty-engine/store-contract');
const testing = require('loyalty-engine/testing');
const simulation = require('loyalty-engine/simulation');
const pkg = require('loyalty-engine/package.json');
const schema = require('loyalty-engine/program.schema.json');
const fc = require('fast-check');
const { isDeepStrictEqual: equal } = require('node:util');
${exercise}
exercise({ core, postgres, contract, testing, simulation, pkg, schema, fc, equal }).then((out) => console.log(JSON.stringify(out)));
`;

describe('the packed tarball in a fresh project', () => {
  let project = '';

  beforeAll(() => {
    project = join(work, 'consumer');
    const installed = join(project, 'node_modules/loyalty-engine');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
    // the declared dependencies, and fast-check (the optional peer the testing kit uses), from this repository's install
    const linked = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies ?? {})];
    for (const name of linked) {
      const from = join(root, 'node_modules', name);
      const to = join(project, 'node_modules', name);
      mkdirSync(dirname(to), { recursive: true });
      symlinkSync(realpathSync(from), to, 'junction');
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    writeFileSync(join(project, 'check.mjs'), esm);
    writeFileSync(join(project, 'check.cjs'), cjs);
  });

  function run(script: string): unknown {
    return JSON.parse(execFileSync(process.execPath, [script], { cwd: project, encoding: 'utf8' }));
  }

  const expected = {
    core: { entries: [['base', 120], ['big', 25]], available: 145, refused: 'invalid_program' },
    schema: { title: 'loyalty-engine program', current: true },
    postgres: { loaded: null, sent: [['"packed"."member_states"', ['m1']]], badSchema: 'invalid_argument', migrate: 'function' },
    testing: { program: true, checkProgram: 'function' },
    // 145 points at 0.01 = 1.45 EUR
    simulation: { issued: 145, liability: '1.45' },
    pkg: { name: 'loyalty-engine', version: manifest.version },
  };

  it('import: every subpath loads and works (core, postgres, store-contract, testing, simulation, the schema, package.json)', () => {
    const out = run('check.mjs') as { contract: { ran: number; failed: string[] } };
    expect(out).toMatchObject(expected);
    expect(out.contract.failed).toEqual([]);
    expect(out.contract.ran).toBeGreaterThanOrEqual(10);
  }, 30_000);

  // Other Node versions (`engines`: 20 and 22): .ci/run installs Node 22 from the npm registry and lists it here.
  const extraNodes = (process.env.LOYALTY_EXTRA_NODES ?? '').split(':').filter((n) => n !== '');
  for (const node of extraNodes) {
    it(`under ${node} too: import and require of every subpath give the same, and the command runs`, () => {
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      expect(version).toMatch(/^v\d+\./);
      const onNode = (script: string): unknown => JSON.parse(execFileSync(node, [script], { cwd: project, encoding: 'utf8' }));
      const esmOut = onNode('check.mjs');
      expect(esmOut).toMatchObject(expected);
      expect(onNode('check.cjs')).toEqual(esmOut);
      expect(esmOut).toEqual(run('check.mjs'));
      // the bin: a valid program is reported valid, exit 0
      writeFileSync(join(project, 'program.json'), JSON.stringify({ id: 'p', version: 1, currency: 'EUR', timezone: 'UTC',
        points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
        earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }] }));
      const out = execFileSync(node, ['node_modules/loyalty-engine/dist/cli.js', 'validate', 'program.json'], { cwd: project, encoding: 'utf8' });
      expect(out).toContain('program.json: valid');
    }, 60_000);
  }

  it('require: every subpath loads and works the same', () => {
    const esmOut = run('check.mjs');
    const cjsOut = run('check.cjs');
    expect(cjsOut).toMatchObject(expected);
    expect(cjsOut).toEqual(esmOut);
  }, 30_000);
});
