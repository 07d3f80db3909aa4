// Demo: replays a year of real purchases and returns of a UK online gift shop
// (UCI "Online Retail", Dec 2010 – Dec 2011) through the example program in
// program.json, then ticks every member at the end of 2011 so due points
// expire, and prints a report: totals, a ledger check and the top members.
// Run with `npm run demo` (builds the package first).
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { defineProgram, replay, summarize, tierStatus, balanceOf, isLoyaltyError } from '../../dist/index.js';
import { readRetailEvents } from './events.mjs';

const DATA = fileURLToPath(new URL('../../../shared/data/online-retail.csv.gz', import.meta.url));
const END = '2011-12-31T23:59:59Z';
const DATA_END = '2011-12-09T23:59:59Z';

const int = new Intl.NumberFormat('en-GB');
const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const row = (label, value) => console.log(`  ${label.padEnd(46)}${String(value).padStart(16)}`);

try {
  await access(DATA);
} catch {
  console.error(`Data file not found: ${DATA}\nThe demo expects the public "Online Retail" data set at ../shared/data/online-retail.csv.gz relative to the repository root (see that folder's README.md).`);
  process.exit(1);
}

let program;
try {
  program = defineProgram(JSON.parse(await readFile(new URL('./program.json', import.meta.url), 'utf8')));
} catch (error) {
  if (!isLoyaltyError(error)) throw error;
  console.error(`program.json is invalid:\n${(error.issues ?? []).map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  process.exit(1);
}

const t0 = performance.now();
const { events, members, stats } = await readRetailEvents(DATA);
const loadMs = performance.now() - t0;

// The replay: every effect is folded into per-kind sums instead of being kept.
const ledger = { earn: 0, clawback: 0, expire: 0, adjust: 0, debt_recovery: 0 };
const rules = { base: 0, 'big-order-bonus': 0, 'christmas-double': 0, 'sunday-boost': 0, capped: 0 };
const boosts = {};
const tierMoves = { tier_upgraded: 0, tier_downgraded: 0, tier_downgrade_warning: 0, reward_issued: 0 };
const onEffect = (effect) => {
  if (effect.type !== 'ledger') return void tierMoves[effect.type]++;
  const { entry } = effect;
  ledger[entry.kind] += entry.points;
  if (entry.kind !== 'earn') return;
  rules[entry.ruleId] = (rules[entry.ruleId] ?? 0) + entry.points;
  for (const m of entry.detail?.multipliers ?? []) boosts[m] = (boosts[m] ?? 0) + 1;
  if (entry.detail?.cappedBy !== undefined) rules.capped++;
};
const ticks = [...members].map((memberId) => ({ id: `tick:${memberId}:${END}`, type: 'tick', memberId, at: END }));
const t1 = performance.now();
const first = replay(program, events, { onRejected: 'collect', onEffect });
const final = replay(program, ticks, { states: first.states, onRejected: 'collect', onEffect });
const replayMs = performance.now() - t1;

const states = [...final.states.values()];
const rejected = new Map();
for (const { error } of [...first.rejected, ...final.rejected]) rejected.set(error.code, (rejected.get(error.code) ?? 0) + 1);
const sum = (list, f) => list.reduce((s, x) => s + f(x), 0);
const outstanding = sum(states, balanceOf);
const issued = ledger.earn;
const clawed = 0 - ledger.clawback; // 0 - x: never print -0
const expired = 0 - ledger.expire;
const recovered = 0 - ledger.debt_recovery;
const expected = issued - clawed - expired - recovered + ledger.adjust;
const totalsAgree = ['earned', 'clawedBack', 'expired', 'debtRecovered', 'adjusted'].every(
  (k, i) => sum(states, (s) => s.totals[k]) === [issued, clawed, expired, recovered, ledger.adjust][i],
);
const ok = expected === outstanding && totalsAgree;
const atEnd = states.map((s) => summarize(program, s, END));
const tiersAtEnd = new Map(program.tiers.levels.map((l) => [l.id, 0]));
for (const s of states) {
  const level = tierStatus(program, s, END).level;
  if (level !== null) tiersAtEnd.set(level, tiersAtEnd.get(level) + 1);
}
const stateBytes = states.map((s) => JSON.stringify(s).length).sort((a, b) => a - b);
const atDataEnd = [...first.states.values()].map((s) => summarize(program, s, DATA_END));
const purchases = events.filter((e) => e.type === 'purchase').length;

console.log(`\nOnline Retail × "${program.name}" (${program.currency}, ${program.timezone})`);
console.log(`  ${int.format(stats.lines)} invoice lines read and turned into events in ${(loadMs / 1000).toFixed(1)} s`);
console.log(`  replay: ${int.format(events.length + ticks.length)} events in ${(replayMs / 1000).toFixed(2)} s` +
  ` (${int.format(Math.round(((events.length + ticks.length) / replayMs) * 1000))} events/s)\n`);
console.log('Data');
row('members with a customer id', int.format(members.size));
row('members who earned points', int.format(states.filter((s) => s.totals.earned > 0).length));
row('guest lines (no customer id) skipped', int.format(stats.guestLines));
row('purchase lines dropped (quantity or price <= 0)', int.format(stats.droppedLines));
row('events replayed: purchases', int.format(purchases));
row('events replayed: refunds', int.format(events.length - purchases));
row('events replayed: end-of-year ticks', int.format(ticks.length));
row('cancellation lines unmatched (skipped)', `${int.format(stats.unmatchedLines)} / ${int.format(stats.cancelLines)}`);
row('cancellation lines only partly matched', int.format(stats.partialLines));
row('rejected events', rejected.size === 0 ? 'none' : '');
for (const [code, n] of [...rejected].sort((a, b) => b[1] - a[1])) row(`  ${code}`, int.format(n));
console.log('\nPoints');
row('issued (earn entries)', int.format(issued));
row('  of which base (1 per £1)', int.format(rules.base));
row('  of which bonus (orders of £250 or more)', int.format(rules['big-order-bonus']));
row('  earn entries boosted: Christmas items x2', int.format(boosts['christmas-double'] ?? 0));
row('  earn entries boosted: Sunday x1.5', int.format(boosts['sunday-boost'] ?? 0));
row('  earn entries cut by the 2,000/day cap', int.format(rules.capped));
row('  of which tier entry rewards (100, 250)', int.format((rules['tiers.silver'] ?? 0) + (rules['tiers.gold'] ?? 0)));
for (const level of ['silver', 'gold', 'platinum']) row(`  earn entries boosted: ${level} multiplier`, int.format(boosts[`tiers.${level}`] ?? 0));
row('clawed back by refunds', int.format(clawed));
row('expired (180 days after earning)', int.format(expired));
row('debt recovered from later earning', int.format(recovered));
if (ledger.adjust !== 0) row('adjusted', int.format(ledger.adjust));
row('outstanding (sum of balances)', int.format(outstanding));
row('issued - clawed - expired - recovered', `${int.format(expected)} ${ok ? 'OK' : 'MISMATCH'}`);
row('debt still owed', int.format(sum(atEnd, (s) => s.debt)));
row(`pending / available at ${DATA_END.slice(0, 10)}`, `${int.format(sum(atDataEnd, (s) => s.pending))} / ${int.format(sum(atDataEnd, (s) => s.available))}`);
row(`pending / available at ${END.slice(0, 10)}`, `${int.format(sum(atEnd, (s) => s.pending))} / ${int.format(sum(atEnd, (s) => s.available))}`);

console.log('\nTiers (spend over the last 6 months, 30 days of grace)');
for (const [level, n] of tiersAtEnd) row(`members at ${level} on ${END.slice(0, 10)}`, int.format(n));
row('upgrades / downgrades announced', `${int.format(tierMoves.tier_upgraded)} / ${int.format(tierMoves.tier_downgraded)}`);
row('downgrade warnings (14 days ahead)', int.format(tierMoves.tier_downgrade_warning));
row('entry rewards for the host (platinum hamper)', int.format(tierMoves.reward_issued));
row('member state, JSON bytes: median / max', `${int.format(stateBytes[stateBytes.length >> 1] ?? 0)} / ${int.format(stateBytes.at(-1) ?? 0)}`);

console.log('\nTop 10 members by balance at the end of 2011');
console.log(`  ${'member'.padEnd(10)}${'orders'.padStart(8)}${'net spend'.padStart(16)}${'balance'.padStart(10)}${'lifetime'.padStart(12)}`);
const top = [...states].sort((a, b) => balanceOf(b) - balanceOf(a) || (a.memberId < b.memberId ? -1 : 1)).slice(0, 10);
for (const s of top) {
  console.log(`  ${s.memberId.padEnd(10)}${int.format(s.stats.orders).padStart(8)}${gbp.format(Number(s.stats.spent)).padStart(16)}` +
    `${int.format(balanceOf(s)).padStart(10)}${int.format(s.totals.earned).padStart(12)}`);
}
console.log('');
if (!ok) {
  console.error('MISMATCH: the ledger does not add up to the balances.');
  process.exit(1);
}
