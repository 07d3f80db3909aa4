// The engine alone on workload 1 (the real data), or on workload 2 with `--events N`, for profiling
// and for counting instructions: builds the events, replays them once to warm up, then `--runs N`
// more times (default 3), printing each run's wall and CPU time. Run after a build (`npx tsup --silent`):
//
//   node bench/replay-only.mjs                                  # timings
//   node bench/replay-only.mjs --events 100000                  # workload 2 at 100,000 events
//   node --cpu-prof --cpu-prof-dir=prof bench/replay-only.mjs   # a profile to open in DevTools
//   bash bench/instructions.sh [N]                              # instructions per replay (perf)
//
// `--runs 0` only loads and warms up: instructions.sh subtracts that from a run with replays.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { defineProgram, replay } from '../dist/index.js';
import { hasData, realEvents, scaledEvents } from './workloads.mjs';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '3' }, events: { type: 'string' } } });
const runs = Number(opts.runs);
const scaled = opts.events === undefined ? undefined : Number(opts.events);
if (!Number.isInteger(runs) || runs < 0 || (scaled !== undefined && !(Number.isInteger(scaled) && scaled > 0))) {
  console.error('usage: node bench/replay-only.mjs [--runs N] [--events N]');
  process.exit(2);
}
if (!(await hasData())) {
  console.error('the data set ../shared/data/online-retail.csv.gz is missing (see docs/performance.md)');
  process.exit(2);
}
const definition = JSON.parse(await readFile(new URL('./reference-program.json', import.meta.url), 'utf8'));
const program = defineProgram(definition);
const { events: real } = await realEvents();
const events = scaled === undefined ? real : scaledEvents(real, scaled, definition.rewards.catalog);
console.log(`workload ${scaled === undefined ? 1 : 2}: ${events.length} events`);
const once = () => replay(program, events, { onRejected: 'collect', onEffect: () => {} });
once();
for (let r = 0; r < runs; r++) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const { rejected } = once();
  const ms = performance.now() - wall;
  const used = process.cpuUsage(cpu);
  const rate = Math.round((events.length / ms) * 1000).toLocaleString('en-GB');
  console.log(`run ${r + 1}: ${events.length} events in ${ms.toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms), ${rate} events/s, ${rejected.length} refused`);
}
