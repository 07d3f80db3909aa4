// The seed ladder of docs/tiers.md: a New York member buys for $320 on 10 January
// and $700 on 10 March 2024, returns $100 of the March order, and slides back
// down as the purchases leave the six-month window.
// Run: npm run build && node examples/03-spend-ladder/run.mjs
import { readFile } from 'node:fs/promises';
import { defineProgram, newMemberState, evaluate, ledgerEntries, tierStatus } from 'loyalty-engine';

const program = defineProgram(JSON.parse(await readFile(new URL('./program.json', import.meta.url), 'utf8')));

// A UTC instant as a calendar date on the program's clock (YYYY-MM-DD).
const day = (iso) => new Intl.DateTimeFormat('en-CA', { timeZone: program.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
const level = (id) => id ?? 'none';

const member = 'ny-1';
const envelope = (id, type, at) => ({ id, type, memberId: member, at });
const events = [
  { ...envelope('buy-jan', 'purchase', '2024-01-10T12:00:00-05:00'), orderId: 'jan', amount: '320.00', currency: 'USD' },
  { ...envelope('buy-mar', 'purchase', '2024-03-10T12:00:00-04:00'), orderId: 'mar', amount: '700.00', currency: 'USD' },
  { ...envelope('return-mar', 'refund', '2024-03-20T10:00:00-04:00'), orderId: 'mar', amount: '100.00' },
  envelope('tick-apr', 'tick', '2024-04-19T12:00:00-04:00'),
  envelope('tick-jul', 'tick', '2024-07-10T12:00:00-04:00'),
  envelope('tick-sep', 'tick', '2024-09-10T12:00:00-04:00'),
  envelope('tick-oct', 'tick', '2024-10-10T12:00:00-04:00'),
];

const describe = (event) => {
  if (event.type === 'purchase') return `purchase $${event.amount}`;
  if (event.type === 'refund') return `refund $${event.amount} of order ${event.orderId}`;
  return event.type;
};
const effectLine = (e) => {
  switch (e.type) {
    case 'tier_upgraded':
    case 'tier_downgraded':
      return `${e.type} ${level(e.from)} → ${level(e.to)} (${e.reason}, ${day(e.at)})`;
    case 'tier_downgrade_warning':
      return `warning: ${e.level} → ${level(e.to)} on ${day(e.on)}`;
    case 'reward_issued':
      return `reward_issued ${e.rewardId} (${e.level})`;
  }
};

let state = newMemberState(program, member);
let july; // the state after the 10 July tick, for the status shown at the end
for (const event of events) {
  const { state: next, effects } = evaluate(program, state, event);
  state = next;
  const points = ledgerEntries(effects).reduce((sum, e) => sum + e.points, 0);
  console.log(`${day(event.at)}  ${describe(event)}${points === 0 ? '' : ` (${points > 0 ? '+' : ''}${points} points)`}`);
  for (const e of effects) if (e.type !== 'ledger') console.log(`            ${effectLine(e)}`);
  console.log(`            level: ${level(state.tier?.effective ?? null)}`);
  if (event.id === 'tick-jul') july = state;
}

const s = tierStatus(program, july, '2024-07-25T12:00:00-04:00');
const spend = s.next?.criteria && 'metric' in s.next.criteria ? s.next.criteria : undefined;
console.log(`\ntierStatus on ${day(s.at)}: level ${level(s.level)}`);
if (s.next && spend) console.log(`next: ${s.next.level} — spend ${spend.missing} more${s.next.by ? ` by ${day(s.next.by)}` : ''}`);
if (s.downgrade) console.log(`downgrade: to ${level(s.downgrade.to)} on ${day(s.downgrade.on)} without further activity`);
