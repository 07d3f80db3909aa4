// The benchmark of issue 8: `npm run bench` (builds first), `npm run bench -- --quick`,
// `node bench/run.mjs --smoke` (correctness of the baselines only, for CI).
//
// Workloads (bench/workloads.mjs): (1) the real "Online Retail" history, (2) that
// history scaled to --events N (default 1,000,000) with redemptions mixed in,
// (3) one member's three years of daily activity. Under bench/reference-program.json,
// each is replayed by the engine and by the baselines of bench/baselines/ —
// (a) json-rules-engine + glue, (b) a hand-written function — which must end with
// the same balance and tier for every member (a mismatch fails the run).
// Then: events/s (median after a warm-up, the engines alternating), peak RSS (one
// child process per engine and workload), member state JSON bytes, CPU time,
// single-event latency, import time in a fresh process and the built core's size.
// Writes bench/results.md (not with --smoke).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { defineProgram, replay, evaluate, balanceOf, newMemberState } from '../dist/index.js';
import { DATA, hasData, realEvents, scaledEvents, dailyHistory } from './workloads.mjs';
import { dependencyImports, moneyOnly, validationOnly } from './floors.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const HERE = fileURLToPath(import.meta.url);
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    events: { type: 'string' },
    runs: { type: 'string' },
    child: { type: 'string' }, // internal: one engine, one pass over --input (serialized events), for its peak RSS
    input: { type: 'string' },
  },
});
const MODE = opts.smoke ? 'smoke' : opts.quick ? 'quick' : 'full';
const SCALED = Number(opts.events ?? (opts.smoke ? 3_000 : opts.quick ? 100_000 : 1_000_000));
const RUNS = Number(opts.runs ?? (opts.quick ? 3 : 5));
if (!Number.isInteger(SCALED) || SCALED < 1 || !Number.isInteger(RUNS) || RUNS < 1) {
  console.error('usage: node bench/run.mjs [--quick | --smoke] [--events N] [--runs N]');
  process.exit(2);
}

const definition = JSON.parse(await readFile(new URL('./reference-program.json', import.meta.url), 'utf8'));
const program = defineProgram(definition);
const fresh = newMemberState(program, 'fresh').tier?.effective ?? null;

// ---------------------------------------------------------------- engines

/** The engine: a replay of the whole stream, effects streamed (counted) rather than kept. */
function runEngine(events) {
  let effects = 0;
  const { states, rejected } = replay(program, events, { onRejected: 'collect', onEffect: () => void effects++ });
  const out = new Map();
  for (const [memberId, state] of states) out.set(memberId, { balance: balanceOf(state), tier: state.tier?.effective ?? null });
  const refusals = {};
  for (const { error } of rejected) refusals[error.code] = (refusals[error.code] ?? 0) + 1;
  out.meta = { effects, rejected: rejected.length, refusals, states };
  return out;
}

const NOT_WRITTEN = /not yet written/i;
/**
 * A baseline module exports `run(events, definition)` (or a default function;
 * the reference program is hard-coded in the baselines, `definition` is there
 * for any that would read it) returning, or resolving to, a
 * Map<memberId, { balance, tier }>.
 */
async function loadBaseline(file) {
  const path = fileURLToPath(new URL(`./baselines/${file}`, import.meta.url));
  if (!existsSync(path)) return { unavailable: `not yet written (bench/baselines/${file} is missing)` };
  const mod = await import(pathToFileURL(path).href);
  const fns = Object.values(mod).filter((x) => typeof x === 'function');
  const fn = mod.run ?? mod.default ?? (fns.length === 1 ? fns[0] : undefined);
  if (typeof fn !== 'function') return { unavailable: `bench/baselines/${file} exports no run(events) function` };
  return { run: (events) => fn(events, definition) };
}

const ENGINES = [
  { key: 'engine', label: 'loyalty-engine', run: runEngine },
  { key: 'a', label: '(a) json-rules-engine + glue', file: 'json-rules-engine.mjs' },
  { key: 'b', label: '(b) hand-written', file: 'hand-written.mjs' },
];
for (const e of ENGINES) if (e.file !== undefined) Object.assign(e, await loadBaseline(e.file));

/**
 * Floors (bench/floors.mjs): one piece of work the standards ask of any engine, alone, timed in
 * the same rotation as the engines. They compute no balances, so they are not checked.
 */
const FLOORS = [
  { key: 'zod', label: 'zod: validating each event', run: validationOnly, floor: true },
  { key: 'dec', label: 'decimal.js: item values and sums', run: moneyOnly, floor: true },
];

// ---------------------------------------------------------------- helpers

const int = (n) => Math.round(n).toLocaleString('en-GB');
const fix = (n, d = 1) => n.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
/** The largest number of a list (`Math.max(...xs)` overflows the call stack at the million-event run's 141,085 members). */
const maxOf = (xs) => xs.reduce((m, x) => (x > m ? x : m), -Infinity);
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const mb = (kb) => `${fix(kb / 1024, 0)} MB`;
const kib = (bytes) => `${fix(bytes / 1024, 1)} KB`;
const ratio = (x) => (x >= 10 ? `${fix(x, 0)}×` : `${fix(x, 2)}×`);
const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
const rssKb = () => process.memoryUsage().rss / 1024;

/** Members whose balance or tier differ (a member missing on one side counts as a fresh member: 0 points, the fresh tier). */
function differences(expected, actual) {
  const none = { balance: 0, tier: fresh };
  const out = [];
  for (const id of new Set([...expected.keys(), ...actual.keys()])) {
    const e = expected.get(id) ?? none;
    const a = actual.get(id) ?? none;
    if (e.balance !== a.balance || e.tier !== a.tier) out.push({ id, engine: e, baseline: a, missing: !actual.has(id) ? 'baseline' : !expected.has(id) ? 'engine' : undefined });
  }
  return out;
}

/** One pass of one engine, timed (wall and CPU); a baseline throwing "not yet written" marks it unavailable. */
async function pass(engine, events) {
  gc();
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = await engine.run(events);
  const ms = performance.now() - t;
  const { user, system } = process.cpuUsage(cpu);
  if (!engine.floor && !(result instanceof Map)) throw new Error(`${engine.label} returned ${Object.prototype.toString.call(result)}, not a Map<memberId, { balance, tier }>`);
  return { ms, cpuMs: (user + system) / 1000, result };
}

/**
 * Replays a workload with every available engine: a warm-up pass whose results
 * are checked against the engine's, then `runs` timed passes, the order of the
 * engines rotating from one pass to the next.
 */
async function measure(name, events, runs) {
  const live = [...ENGINES.filter((e) => e.unavailable === undefined), ...FLOORS];
  const figures = new Map(live.map((e) => [e.key, { ms: [], cpuMs: [] }]));
  let reference;
  for (const engine of live) {
    if (engine.floor) {
      await pass(engine, events); // warm-up
      continue;
    }
    let out;
    try {
      out = await pass(engine, events);
    } catch (error) {
      if (engine.key === 'engine' || !NOT_WRITTEN.test(String(error?.message))) throw error;
      engine.unavailable = 'not yet written';
      figures.delete(engine.key);
      continue;
    }
    figures.get(engine.key).warmUp = out;
    if (engine.key === 'engine') {
      reference = out.result;
      continue;
    }
    const diffs = differences(reference, out.result);
    if (diffs.length > 0) {
      console.error(`\nMISMATCH in ${name}: ${engine.label} disagrees with the engine on ${int(diffs.length)} of ${int(reference.size)} members; the first:`);
      for (const d of diffs.slice(0, 10)) {
        console.error(`  ${d.id.padEnd(16)} engine ${JSON.stringify(d.engine)}  baseline ${JSON.stringify(d.baseline)}${d.missing ? ` (missing in the ${d.missing}'s result)` : ''}`);
      }
      process.exit(1);
    }
    console.log(`  ✓ ${engine.label}: same balance and tier as the engine for ${reference.size === 1 ? 'the one member' : `all ${int(reference.size)} members`}`);
  }
  for (let run = 0; run < runs; run++) {
    const order = [...figures.keys()];
    const took = [];
    for (let i = 0; i < order.length; i++) {
      const key = order[(i + run) % order.length];
      const { ms, cpuMs } = await pass([...ENGINES, ...FLOORS].find((e) => e.key === key), events);
      figures.get(key).ms.push(ms);
      figures.get(key).cpuMs.push(cpuMs);
      took.push(`${key} ${fix(ms / 1000, 2)} s`);
    }
    console.log(`  timed run ${run + 1} of ${runs}: ${took.join(', ')}`);
  }
  return figures;
}

/**
 * The peak RSS of one engine over a workload's events (written with
 * v8.serialize to `input`), in a child process: `{ loadedKb, peakKb }`, the
 * RSS with the events loaded and the peak during the pass.
 */
function peakRss(key, input) {
  const child = spawnSync(process.execPath, [HERE, '--child', key, '--input', input], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) throw new Error(`RSS child ${key} failed (${child.status}):\n${child.stderr}`);
  return JSON.parse(last);
}

// ---------------------------------------------------------------- child mode

if (opts.child !== undefined) {
  // deserialized rather than rebuilt from the CSV, so that the loader's garbage does not set the baseline
  let buffer = readFileSync(opts.input);
  const events = v8.deserialize(buffer);
  buffer = undefined;
  const engine = ENGINES.find((e) => e.key === opts.child);
  gc();
  const loadedKb = rssKb();
  let peakKb;
  try {
    writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM: the peak from here on, loading excluded
    await engine.run(events);
    peakKb = hwm();
  } catch (error) {
    if (error?.code !== 'ENOENT' && error?.code !== 'EACCES' && error?.code !== 'EROFS') throw error;
    await engine.run(events); // not Linux: the process's whole peak, loading included
    peakKb = process.resourceUsage().maxRSS;
  }
  console.log(JSON.stringify({ loadedKb, peakKb }));
  process.exit(0);
}

// ---------------------------------------------------------------- the run

if (!(await hasData())) {
  console.error(`Data file not found: ${DATA}\nThe benchmark reads the public "Online Retail" data set from ../shared/data/ beside the repository (see its README.md).`);
  process.exit(1);
}

const started = new Date();
const loadAtStart = os.loadavg()[0];
console.log(`loyalty-engine benchmark, ${MODE} mode — Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}`);
for (const e of ENGINES) if (e.unavailable !== undefined) console.log(`  ${e.label}: ${e.unavailable}`);

const kinds = (events) => {
  const n = {};
  for (const e of events) n[e.type] = (n[e.type] ?? 0) + 1;
  return Object.entries(n).map(([k, v]) => `${int(v)} ${k}`).join(', ');
};
const bytesOf = (s) => Buffer.byteLength(JSON.stringify(s));
const memberCount = (events) => new Set(events.map((e) => e.memberId)).size;
const members = (n) => `${int(n)} member${n === 1 ? '' : 's'}`;

const t0 = performance.now();
const real = await realEvents({ everyNthMember: MODE === 'smoke' ? 20 : 1 });
const scaled = scaledEvents(real.events, SCALED, definition.rewards.catalog);
const daily = dailyHistory();
console.log(`workloads built in ${fix((performance.now() - t0) / 1000)} s`);

const workloads = [
  { n: 1, title: MODE === 'smoke' ? 'real data, every 20th member' : 'real data', events: real.events },
  { n: 2, title: `scaled to ${int(SCALED)} events`, events: scaled },
  { n: 3, title: 'one member, three years of daily activity', events: daily.events },
];
const report = { workloads: [] };
for (const w of workloads) {
  console.log(`\nWorkload ${w.n}: ${w.title} — ${int(w.events.length)} events of ${members(memberCount(w.events))} (${kinds(w.events)})`);
  const runs = MODE === 'smoke' ? 0 : w.n === 3 ? 0 : RUNS;
  const figures = await measure(`workload ${w.n}`, w.events, runs);
  const { meta } = figures.get('engine').warmUp.result;
  for (const f of figures.values()) delete f.warmUp; // the members' results: checked, no longer needed
  const refusals = Object.entries(meta.refusals).map(([code, n]) => `${int(n)} ${code}`).join(', ');
  console.log(`  engine: ${int(meta.rejected)} events refused${refusals === '' ? '' : ` (${refusals})`}, ${int(meta.effects)} effects`);
  const stateBytes = [...meta.states.values()].map(bytesOf);
  const daily = meta.states.get('daily');
  report.workloads.push({ ...w, figures, rejected: meta.rejected, refusals, stateBytes, daily });
}

const baselines = ENGINES.filter((e) => e.key !== 'engine');
if (MODE === 'smoke') {
  const missing = baselines.filter((e) => e.unavailable !== undefined);
  if (missing.length > 0) {
    console.error(`\nsmoke: ${missing.map((e) => `${e.label} ${e.unavailable}`).join('; ')}`);
    process.exit(1);
  }
  console.log(`\nsmoke: every baseline matched the engine (${baselines.length} baselines × ${workloads.length} workloads)`);
  process.exit(0);
}

// ---------------------------------------------------------------- speed

const live = ENGINES.filter((e) => e.unavailable === undefined);
const speed = (w, key) => {
  const f = w.figures.get(key);
  return f === undefined || f.ms.length === 0 ? undefined : w.events.length / (median(f.ms) / 1000);
};
/** The floors of a workload together: zod's and decimal.js's median times (and CPU) added. */
const floorOf = (w) => {
  const ms = FLOORS.reduce((t, e) => t + median(w.figures.get(e.key).ms), 0);
  const cpuMs = FLOORS.reduce((t, e) => t + median(w.figures.get(e.key).cpuMs), 0);
  return { ms, cpuMs, speed: w.events.length / (ms / 1000) };
};
/** Each floor of a workload and the two together: label, median time, events/s, and the ratio to (b) if measured. */
const floorRows = (w) =>
  [...FLOORS.map((e) => [e.label, median(w.figures.get(e.key).ms)]), ['both together', floorOf(w).ms]].map(([label, ms]) => {
    const s = w.events.length / (ms / 1000);
    return { label, ms, speed: s, vsB: speed(w, 'b') === undefined ? undefined : s / speed(w, 'b') };
  });
for (const w of report.workloads.slice(0, 2)) {
  console.log(`\nWorkload ${w.n} (${w.title}), median of ${RUNS} after a warm-up:`);
  for (const e of live) {
    const s = speed(w, e.key);
    const vs = e.key === 'engine' ? '' : `   engine is ${ratio(speed(w, 'engine') / s)} as fast`;
    console.log(`  ${e.label.padEnd(30)} ${int(s).padStart(10)} events/s  ${fix(median(w.figures.get(e.key).ms) / 1000, 2).padStart(7)} s${vs}`);
  }
  console.log(`  what the dependencies alone cost on these events (no balances computed), beside (b):`);
  for (const r of floorRows(w)) {
    const vsB = r.vsB === undefined ? '' : `   ${ratio(r.vsB)} as fast as (b)`;
    console.log(`    ${r.label.padEnd(34)} ${int(r.speed).padStart(10)} events/s  ${fix(r.ms / 1000, 2).padStart(7)} s${vsB}`);
  }
}

console.log('\nPeak RSS, one child process per engine and workload (RSS with the events loaded, before the pass):');
const tmp = mkdtempSync(join(os.tmpdir(), 'loyalty-bench-'));
try {
  for (const w of report.workloads.slice(0, 2)) {
    const input = join(tmp, `workload-${w.n}.v8`);
    writeFileSync(input, v8.serialize(w.events));
    w.rss = new Map();
    for (const e of live) {
      w.rss.set(e.key, peakRss(e.key, input));
      console.log(`  workload ${w.n}  ${e.label.padEnd(30)} ${mb(w.rss.get(e.key).peakKb).padStart(8)} (${mb(w.rss.get(e.key).loadedKb)})`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------- state size and latency

const stateBytes = report.workloads[0].stateBytes;
const w2Bytes = report.workloads[1].stateBytes;
const dailyState = report.workloads[2].daily;
const dailyBytes = bytesOf(dailyState);
console.log(`\nMember state, JSON bytes: workload 1 median ${int(median(stateBytes))}, max ${int(maxOf(stateBytes))}; ` +
  `workload 2 median ${int(median(w2Bytes))}, max ${int(maxOf(w2Bytes))}; three-year member ${int(dailyBytes)}`);

const latency = {};
for (const [kind, event] of Object.entries(daily.next)) {
  evaluate(program, dailyState, event); // throws if the event is refused
  const samples = [];
  for (let i = 0; i < 2200; i++) {
    const t = performance.now();
    evaluate(program, dailyState, event);
    if (i >= 200) samples.push((performance.now() - t) * 1000);
  }
  latency[kind] = { median: median(samples), p99: quantile(samples, 0.99) };
}
console.log('Single-event latency on the three-year member (µs, 2,000 calls after 200 to warm up):');
for (const [kind, l] of Object.entries(latency)) console.log(`  ${kind.padEnd(12)} median ${fix(l.median, 0).padStart(6)}  p99 ${fix(l.p99, 0).padStart(6)}`);

// ---------------------------------------------------------------- import time and size

const importMs = [];
for (let i = 0; i < 6; i++) {
  const code = "const t = performance.now(); await import('loyalty-engine'); process.stdout.write(String(performance.now() - t));";
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`import child failed: ${child.stderr}`);
  if (i > 0) importMs.push(Number(child.stdout));
}
console.log(`\nimport('loyalty-engine') in a fresh process: median ${fix(median(importMs), 1)} ms (of ${importMs.length}, after one to warm the disk cache)`);
// the same for the packages it imports, alone: what any build on these dependencies starts from
const dependencies = dependencyImports(new URL('../dist/index.js', import.meta.url));
const dependencyImportMs = [];
for (let i = 0; i < 6; i++) {
  const code = `const t = performance.now(); await Promise.all(${JSON.stringify(dependencies)}.map((s) => import(s))); process.stdout.write(String(performance.now() - t));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`dependency import child failed: ${child.stderr}`);
  if (i > 0) dependencyImportMs.push(Number(child.stdout));
}
console.log(`its ${dependencies.length} dependency imports alone (${dependencies.join(', ')}): median ${fix(median(dependencyImportMs), 1)} ms`);

const { build } = await import('esbuild');

// What a serverless deploy loads: the package and its dependencies bundled into one file
// (as esbuild, the usual Lambda bundler, would), so no module resolution of ~100 files at start.
const bundleDir = mkdtempSync(join(os.tmpdir(), 'loyalty-bundle-'));
const bundleFile = join(bundleDir, 'bundle.mjs');
await build({
  entryPoints: [fileURLToPath(new URL('../dist/index.js', import.meta.url))],
  bundle: true, minify: true, format: 'esm', platform: 'node', outfile: bundleFile, logLevel: 'silent',
});
const bundledImportMs = [];
for (let i = 0; i < 6; i++) {
  const code = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(bundleFile).href)}); process.stdout.write(String(performance.now() - t));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bundled import child failed: ${child.stderr}`);
  if (i > 0) bundledImportMs.push(Number(child.stdout));
}
rmSync(bundleDir, { recursive: true, force: true });
console.log(`the same, bundled with its dependencies into one file by esbuild: median ${fix(median(bundledImportMs), 1)} ms`);
async function coreSize(external) {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../dist/index.js', import.meta.url))],
    bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, metafile: true, logLevel: 'silent',
    mainFields: ['module', 'main'], ...(external ? { packages: 'external' } : {}),
  });
  const code = out.outputFiles[0].contents;
  const byPackage = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(Object.values(out.metafile.outputs)[0].inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'loyalty-engine';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
  }
  return { min: code.length, gz: gzipSync(code, { level: 9 }).length, byPackage: [...byPackage].sort((a, b) => b[1] - a[1]) };
}
const core = await coreSize(true);
const bundled = await coreSize(false);
console.log(`core (dist/index.js) minified: ${kib(core.min)}, + gzip ${kib(core.gz)} without dependencies; ${kib(bundled.min)}, + gzip ${kib(bundled.gz)} with them`);
console.log(`  minified bytes by package: ${bundled.byPackage.map(([p, b]) => `${p} ${kib(b)}`).join(', ')}`);

// ---------------------------------------------------------------- targets and results.md

const w1 = report.workloads[0];
const w2 = report.workloads[1];
/** Engine CPU seconds per 1,000,000 events of workload 2. */
const cpu1M = (median(w2.figures.get('engine').cpuMs) / 1000) * (1_000_000 / w2.events.length);
const vs = (w, key) => (speed(w, key) === undefined ? undefined : speed(w, 'engine') / speed(w, key));
/** The floors' CPU seconds per 1,000,000 events of workload 2. */
const floorCpu1M = (floorOf(w2).cpuMs / 1000) * (1_000_000 / w2.events.length);
const floorVs = (w, key) => (speed(w, key) === undefined ? undefined : floorOf(w).speed / speed(w, key));
// [target, engine's value, floor's value (zod + decimal.js alone, or the dependencies' import), format, test]
const targets = [
  ...[w1, w2].flatMap((w) => [
    [`workload ${w.n}: ≥ 100× as fast as (a)`, vs(w, 'a'), floorVs(w, 'a'), (x) => ratio(x), (x) => x >= 100],
    [`workload ${w.n}: within 3× of (b)`, vs(w, 'b'), floorVs(w, 'b'), (x) => `${ratio(x)} as fast`, (x) => x >= 1 / 3],
  ]),
  [`1,000,000 events in < 5 s of CPU${SCALED === 1_000_000 ? '' : ` (from ${int(SCALED)}, scaled linearly)`}`, cpu1M, floorCpu1M, (x) => `${fix(x, 1)} s`, (x) => x < 5],
  ['state of a member with 3 years of daily activity < 4 KB of JSON', dailyBytes, undefined, (x) => `${int(x)} bytes`, (x) => x < 4096],
  ['import < 50 ms', median(importMs), median(dependencyImportMs), (x) => `${fix(x, 1)} ms`, (x) => x < 50],
  ['import < 50 ms, bundled into one file', median(bundledImportMs), undefined, (x) => `${fix(x, 1)} ms`, (x) => x < 50],
  ['core < 40 KB min+gz without dependencies', core.gz, undefined, (x) => kib(x), (x) => x < 40 * 1024],
].map(([what, value, floor, show, ok]) => ({
  what,
  shown: value === undefined ? 'no baseline' : show(value),
  met: value === undefined ? '—' : ok(value) ? 'met' : 'not met',
  floor: floor === undefined ? '' : `${show(floor)}${ok(floor) ? '' : ': out of reach'}`,
}));
console.log('\nTargets (measured, not asserted); the floor: what zod validation and decimal.js item arithmetic alone give (import: the dependencies alone):');
for (const t of targets) console.log(`  ${t.what.padEnd(68)} ${t.shown.padStart(16)}  ${t.met.padEnd(8)} ${t.floor}`);

const md = [];
const line = (...cells) => md.push(`| ${cells.join(' | ')} |`);
const cpus = os.cpus();
md.push('# Benchmark results', '');
md.push(`Written by \`bench/run.mjs\` (\`npm run bench${MODE === 'quick' ? ' -- --quick' : ''}\`); see [docs/performance.md](../docs/performance.md) for what is measured and how.`, '');
md.push(`- Date: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
md.push(`- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${fix(os.totalmem() / 2 ** 30, 0)} GB, ${os.type()} ${os.release()}`);
md.push(`- Node ${process.version}; load average (1 min) ${fix(loadAtStart, 2)} at the start, ${fix(os.loadavg()[0], 2)} at the end (above 1, other work shared the cores)`);
md.push(`- Mode: ${MODE}${MODE === 'quick' ? ` (workload 2 at ${int(SCALED)} events, median of ${RUNS} runs)` : ` (median of ${RUNS} runs)`} after a warm-up run per engine, engines alternating`);
md.push(`- Program: bench/reference-program.json; every baseline ended with the same balance and tier as the engine for every member of every workload`);
for (const e of ENGINES) if (e.unavailable !== undefined) md.push(`- ${e.label}: ${e.unavailable}, not measured`);
md.push('');
for (const w of [w1, w2]) {
  md.push(`## Workload ${w.n}: ${w.title}`, '');
  md.push(`${int(w.events.length)} events of ${members(memberCount(w.events))}: ${kinds(w.events)}; the engine refused ${int(w.rejected)} of them${w.refusals === '' ? '' : ` (${w.refusals})`}.`, '');
  line('', 'events/s', 'median time', 'engine is … as fast', 'peak RSS (with the events loaded)');
  line('---', '---:', '---:', '---:', '---:');
  for (const e of live) {
    const r = w.rss.get(e.key);
    line(e.label, int(speed(w, e.key)), `${fix(median(w.figures.get(e.key).ms) / 1000, 2)} s`, e.key === 'engine' ? '' : ratio(vs(w, e.key)), `${mb(r.peakKb)} (${mb(r.loadedKb)})`);
  }
  md.push('');
  md.push('What the dependencies alone cost on the same events, in the same run (no balances computed; bench/floors.mjs):', '');
  line('floor', 'events/s', 'median time', '… as fast as (b)');
  line('---', '---:', '---:', '---:');
  for (const r of floorRows(w)) line(r.label, int(r.speed), `${fix(r.ms / 1000, 2)} s`, r.vsB === undefined ? '' : ratio(r.vsB));
  md.push('');
  if (w.n === 1) md.push(`Member state after the replay, JSON bytes: median ${int(median(stateBytes))}, max ${int(maxOf(stateBytes))}.`, '');
  if (w.n === 2) {
    md.push(`Engine CPU time (user + system, median): ${fix(median(w.figures.get('engine').cpuMs) / 1000, 2)} s for ${int(w.events.length)} events` +
      `${SCALED === 1_000_000 ? '' : `, ${fix(cpu1M, 1)} s per 1,000,000 events`}. Member state, JSON bytes: median ${int(median(w2Bytes))}, max ${int(maxOf(w2Bytes))}.`, '');
  }
}
md.push(`## Workload 3: ${workloads[2].title}`, '');
md.push(`${int(daily.events.length)} events (${kinds(daily.events)}) from ${daily.events[0].at.slice(0, 10)} to ${daily.events.at(-1).at.slice(0, 10)}; ` +
  `the member's state afterwards is ${int(dailyBytes)} bytes of JSON (${int(bytesOf(dailyState.tier))} of them tier standing, ${int(bytesOf(dailyState.orders))} orders kept for refunds, ${int(bytesOf(dailyState.lots))} points lots).`, '');
md.push('Single-event latency of `evaluate` on that state, 2,000 calls after 200 to warm up:', '');
line('next event', 'median', 'p99');
line('---', '---:', '---:');
for (const [kind, l] of Object.entries(latency)) line(kind, `${fix(l.median, 0)} µs`, `${fix(l.p99, 0)} µs`);
md.push('');
md.push('## Package', '');
md.push(`- \`import('loyalty-engine')\` in a fresh Node process: ${fix(median(importMs), 1)} ms (median of ${importMs.length}).`);
md.push(`- Its ${dependencies.length} dependency imports alone (${dependencies.map((d) => `\`${d}\``).join(', ')}), in a fresh process: ${fix(median(dependencyImportMs), 1)} ms (median of ${dependencyImportMs.length}).`);
md.push(`- The same, bundled with its dependencies into one file by esbuild (as a serverless deploy would be): ${fix(median(bundledImportMs), 1)} ms (median of ${bundledImportMs.length}).`);
md.push(`- Core (dist/index.js bundled by esbuild, minified): ${kib(core.min)}, ${kib(core.gz)} gzipped without dependencies; ${kib(bundled.min)}, ${kib(bundled.gz)} gzipped with them.`);
md.push(`- Minified bytes by package: ${bundled.byPackage.map(([p, b]) => `${p} ${kib(b)}`).join(', ')}.`, '');
md.push('## Targets (measured, not asserted)', '');
md.push('The last column is a floor under any engine that keeps the project\'s standards: the time zod takes to validate the events plus the time decimal.js takes for the items\' values and sums, with nothing else done (bench/floors.mjs, timed in the same rotation as the engines); for the import target, importing the package\'s dependencies alone. Where the floor itself misses a target, no engine built on these dependencies can meet it.', '');
line('target', 'measured', '', 'floor of the dependencies alone');
line('---', '---:', '---', '---:');
for (const t of targets) line(t.what, t.shown, t.met, t.floor);
md.push('');
writeFileSync(new URL('./results.md', import.meta.url), md.join('\n'));
console.log(`\nwritten: bench/results.md (${fix((performance.now() - t0) / 60_000, 1)} min)`);
