// A user's pre-launch check of their own program with loyalty-engine/testing
// (fast-check is a peer dependency: your copy is used). Business rule: no
// member may earn more than 1,000 points a day. program.json keeps to it with
// a daily cap; the "broken" program below is the same program with the cap
// forgotten, and the kit finds a minimal way to break the rule.
// Run: npm run build && node examples/05-testing-your-program/check.mjs
import { readFile } from 'node:fs/promises';
import { defineProgram } from 'loyalty-engine';
import { checkProgram, maxPointsPerDay } from 'loyalty-engine/testing';

const load = async (file) => defineProgram(JSON.parse(await readFile(new URL(file, import.meta.url), 'utf8')));
const program = await load('./program.json');
const broken = await load('./program.json').then((p) => {
  const { caps, ...points } = p.points; // the same program with the daily cap forgotten
  return defineProgram({ ...JSON.parse(JSON.stringify(p)), points });
});

// Our own rule, checked after every event of every generated stream, next to the kit's invariants.
// Days are the program's (Berlin) calendar days, as its caps count them.
const DAILY_LIMIT = 1000;
const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: program.timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
const dayOf = (iso) => berlinDay.format(new Date(iso));
const atMostPerDay = {
  name: `at most ${DAILY_LIMIT} points a day`,
  check: ({ ledger, event }) => {
    const day = dayOf(event.at);
    const earned = ledger.filter((e) => e.kind === 'earn' && dayOf(e.at) === day).reduce((s, e) => s + e.points, 0);
    return earned > DAILY_LIMIT ? `earned ${earned} points on ${day}` : undefined;
  },
};

const SEED = 20261122;
let failures = 0;
const good = checkProgram(program, { numRuns: 40, seed: SEED, members: 2, maxEvents: 12, extraInvariants: [atMostPerDay] });
console.log(`program.json: ${good.ok ? `all invariants hold over ${good.runs} generated streams (seed ${good.seed})` : `VIOLATION\n${good.report}`}`);
if (!good.ok) failures++;
const budget = maxPointsPerDay(program, { numRuns: 150, seed: SEED });
console.log(`program.json: the most points found in one day: ${budget.max}${budget.max <= DAILY_LIMIT ? ' (within the limit)' : ' (OVER THE LIMIT)'}`);
if (budget.max > DAILY_LIMIT) failures++;

const bad = checkProgram(broken, { numRuns: 100, seed: SEED, members: 1, maxEvents: 8, extraInvariants: [atMostPerDay] });
if (bad.ok) {
  console.log('broken-program: no violation found (the check should have caught the missing cap)');
  failures++;
} else {
  console.log(`broken-program: violation of "${bad.invariant}" found and shrunk to ${bad.events.length} event(s):`);
  console.log(bad.report.split('\n').map((l) => `  ${l}`).join('\n'));
}
const badBudget = maxPointsPerDay(broken, { numRuns: 150, seed: SEED });
console.log(`broken-program: the most points found in one day: ${badBudget.max} (${badBudget.events.length} purchase(s) reach it)`);
process.exit(failures === 0 ? 0 : 1);
