// JSON bytes of one member's state after three years of daily purchases, under the
// demo program (four tiers over a six-month rolling window). Run after a build:
// `npx tsup --silent && node bench/state-size.mjs`.
import { readFile } from 'node:fs/promises';
import { defineProgram, newMemberState, evaluate } from '../dist/index.js';

const definition = JSON.parse(await readFile(new URL('../examples/01-online-retail/program.json', import.meta.url), 'utf8'));
const { refunds, ...foreverRefunds } = definition;
const bytes = (x) => JSON.stringify(x ?? null).length;
const n = (x) => x.toLocaleString('en-GB');
const days = 3 * 365;
for (const [label, def] of [[`refunds accepted for ${refunds.windowDays} days`, definition], ['refunds accepted forever', foreverRefunds]]) {
  const program = defineProgram(def);
  let state = newMemberState(program, 'daily');
  const start = Date.parse('2021-01-01T12:00:00Z');
  for (let d = 0; d < days; d++) {
    const at = new Date(start + d * 86_400_000).toISOString();
    const amount = (20 + (d % 7) * 5).toFixed(2);
    state = evaluate(program, state, { id: `p${d}`, type: 'purchase', memberId: 'daily', at, orderId: `o${d}`, amount, currency: 'GBP' }).state;
  }
  console.log(`${days} daily purchases, ${label}: state ${n(bytes(state))} bytes of JSON`);
  console.log(`  tier standing ${n(bytes(state.tier))} bytes (${state.tier.days.length} day buckets, level ${state.tier.effective})`);
  console.log(`  orders kept for refunds ${n(bytes(state.orders))} bytes (${Object.keys(state.orders).length} orders)`);
  console.log(`  points lots ${n(bytes(state.lots))} bytes (${state.lots.length} lots)`);
}
