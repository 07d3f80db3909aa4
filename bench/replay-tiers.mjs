// Replay throughput over the real data set, with and without tiers, side by side
// in one run (median of 5 after a warm-up, alternating so noise hits both).
// Run after a build: `npx tsup --silent && node bench/replay-tiers.mjs`.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { defineProgram, replay } from '../dist/index.js';
import { readRetailEvents } from '../examples/01-online-retail/events.mjs';

const definition = JSON.parse(await readFile(new URL('../examples/01-online-retail/program.json', import.meta.url), 'utf8'));
const { tiers, ...withoutTiers } = definition;
const programs = {
  'without tiers': defineProgram(withoutTiers),
  [`${tiers.levels.length} tiers, ${tiers.window.months}-month rolling window`]: defineProgram(definition),
};
const { events } = await readRetailEvents(new URL('../../shared/data/online-retail.csv.gz', import.meta.url).pathname);
const times = Object.fromEntries(Object.keys(programs).map((k) => [k, []]));
for (let run = 0; run < 6; run++) {
  for (const [name, program] of Object.entries(programs)) {
    const t = performance.now();
    replay(program, events, { onRejected: 'collect' });
    if (run > 0) times[name].push(performance.now() - t);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${events.length} events, Node ${process.version}`);
for (const [name, ms] of Object.entries(times)) {
  console.log(`${name.padEnd(36)} ${Math.round(events.length / (median(ms) / 1000)).toLocaleString('en-GB').padStart(8)} events/s (median of ${ms.length})`);
}
