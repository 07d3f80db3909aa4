// Checks the baselines against the engine (the oracle): final points balance
// and tier of every member, over the real data and over a synthetic stream
// (synthetic.mjs). Prints the first members that differ, with both values;
// exits 1 on any mismatch.
//
//   node bench/baselines/check.mjs [--only=hand|jre] [--data=real|synthetic|workloads]
//
// `workloads`: the benchmark's own (bench/workloads.mjs: real data with
// check-ins, scaled to 30,000 events with redemptions, three daily years).
// Needs a build (dist/) and ../shared/data/online-retail.csv.gz.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { balanceOf, defineProgram, replay } from '../../dist/index.js';
import { readRetailEvents } from '../../examples/01-online-retail/events.mjs';
import { run as runHandWritten } from './hand-written.mjs';
import { run as runJre } from './json-rules-engine.mjs';
import { syntheticEvents } from './synthetic.mjs';

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = arg('only');
const data = arg('data');

const program = defineProgram(JSON.parse(await readFile(new URL('../reference-program.json', import.meta.url), 'utf8')));
const { events: real } = await readRetailEvents(new URL('../../../shared/data/online-retail.csv.gz', import.meta.url).pathname);
const streams = { real, synthetic: syntheticEvents(real) };
if (data === 'workloads') {
  const { realEvents, scaledEvents, dailyHistory } = await import('../workloads.mjs');
  const { events: bench } = await realEvents();
  const catalog = JSON.parse(await readFile(new URL('../reference-program.json', import.meta.url), 'utf8')).rewards.catalog;
  Object.assign(streams, { 'workloads: real': bench, 'workloads: scaled': scaledEvents(bench, 30_000, catalog), 'workloads: daily': dailyHistory().events });
}

const rate = (n, ms) => `${Math.round(n / (ms / 1000)).toLocaleString('en-GB')} events/s`;

function engineResults(events) {
  const t = performance.now();
  const { states, rejected } = replay(program, events, { onRejected: 'collect' });
  const ms = performance.now() - t;
  const out = new Map();
  for (const [id, s] of states) out.set(id, { balance: balanceOf(s), tier: s.tier?.effective ?? null });
  return { out, ms, rejected: rejected.length };
}

function compare(name, expected, actual) {
  const ids = new Set([...expected.keys(), ...actual.keys()]);
  const bad = [];
  for (const id of ids) {
    const e = expected.get(id);
    const a = actual.get(id);
    if (e?.balance !== a?.balance || e?.tier !== a?.tier) bad.push({ id, engine: e, baseline: a });
  }
  console.log(`  ${name}: ${ids.size} members compared, ${bad.length} mismatches`);
  for (const b of bad.slice(0, 10)) console.log(`    ${b.id}: engine ${JSON.stringify(b.engine)} baseline ${JSON.stringify(b.baseline)}`);
  return bad.length;
}

let failures = 0;
for (const [label, events] of Object.entries(streams)) {
  if (data !== undefined && data !== label && !(data === 'workloads' && label.startsWith('workloads'))) continue;
  const engine = engineResults(events);
  console.log(`${label}: ${events.length} events; engine ${rate(events.length, engine.ms)}, ${engine.rejected} refused`);
  if (only === undefined || only === 'hand') {
    const t = performance.now();
    const hw = runHandWritten(events);
    const ms = performance.now() - t;
    failures += compare(`hand-written (${rate(events.length, ms)})`, engine.out, hw);
  }
  if (only === undefined || only === 'jre') {
    const t = performance.now();
    const jre = await runJre(events);
    const ms = performance.now() - t;
    failures += compare(`json-rules-engine (${rate(events.length, ms)})`, engine.out, jre);
  }
}
process.exitCode = failures === 0 ? 0 : 1;
