// Seed article 003's co-op (REI): one $20 fee makes a customer a member for
// life, and members get 10% back on their purchases into a wallet they spend
// at the till later. A return takes back the 10% it had paid, even if it was
// already spent. Jo shops before and after joining.
// Run: npm run build && node examples/08-lifetime-membership/run.mjs
import { readFile } from 'node:fs/promises';
import { defineProgram, newMemberState, safeEvaluate, summarize, tierStatus } from 'loyalty-engine';

const program = defineProgram(JSON.parse(await readFile(new URL('./program.json', import.meta.url), 'utf8')));

// An instant as date and time on the program's (Los Angeles) clock: 2024-03-02 10:00.
const clock = new Intl.DateTimeFormat('en-CA', {
  timeZone: program.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const local = (iso) => clock.format(new Date(iso)).replace(',', '');

const member = 'jo';
const at = (dayAndTime, offset = '-07:00') => `2024-${dayAndTime}:00${offset}`; // Los Angeles: UTC−8, UTC−7 from 10 March
const envelope = (id, type, when, offset) => ({ id, type, memberId: member, at: at(when, offset) });
const buy = (id, when, orderId, amount, offset) => ({ ...envelope(id, 'purchase', when, offset), orderId, amount, currency: 'USD' });
const ret = (id, when, orderId, amount) => ({ ...envelope(id, 'refund', when), orderId, amount });
const spend = (id, when, amount, orderId) => ({ ...envelope(id, 'wallet_debit', when), amount, orderId });
const join = (id, when, offset) => ({ ...envelope(id, 'membership', when, offset), action: 'purchased', plan: 'co-op', fee: '20.00', currency: 'USD' });

const events = [
  // Not a member yet: the condition on member.perks is false, nothing back.
  buy('buy-1', '03-02T10:00', 'o-1', '60.00', '-08:00'),
  // One fee, no end date: the plan's period is "lifetime".
  join('join', '03-02T10:05', '-08:00'),
  // 10% of $129.95 = $12.995, floored to the cent: $12.99.
  buy('buy-2', '03-09T11:00', 'o-2', '129.95', '-08:00'),
  // 10% of $84.50 = $8.45; wallet 12.99 + 8.45 = 21.44.
  buy('buy-3', '04-20T09:30', 'o-3', '84.50'),
  // $40 of o-2 back: o-2 is now $89.95, which earns $8.99; $12.99 − $8.99 = $4.00 is clawed back.
  ret('return-1', '05-01T16:00', 'o-2', '40.00'),
  // Spent at the till: 17.44 − 15.00 = 2.44.
  spend('spend-1', '05-20T12:00', '15.00', 'o-4'),
  // More than the wallet holds: refused, nothing applied.
  spend('spend-2', '05-27T12:00', '5.00', 'o-5'),
  // Below the $5.00 the program lets a member spend at once.
  spend('spend-3', '05-27T12:01', '2.44', 'o-5'),
  // The whole of o-3 back after its 10% was spent: 2.44 − 8.45 = −6.01, made up by later cashback.
  ret('return-2', '06-03T10:00', 'o-3', '84.50'),
  // A second fee for the same plan is refused: she is a member for life.
  join('join-again', '06-10T10:00'),
  // 10% of $100.00 = $10.00: −6.01 + 10.00 = 3.99.
  buy('buy-4', '07-04T14:00', 'o-6', '100.00'),
];

// What the engine says nothing about, told on the event's line.
const notes = new Map([['buy-1', 'not a member yet: nothing back']]);
const describe = (event) => {
  switch (event.type) {
    case 'purchase': return `buys for $${event.amount} (${event.orderId})`;
    case 'refund': return `returns $${event.amount} of ${event.orderId}`;
    case 'wallet_debit': return `pays $${event.amount} from the wallet (${event.orderId})`;
    case 'membership': return `pays the $${event.fee} ${event.plan} fee`;
    default: return event.type;
  }
};

let state = newMemberState(program, member);
for (const event of events) {
  const result = safeEvaluate(program, state, event);
  if (!result.success) {
    console.log(`${local(event.at)}  ${describe(event)}: refused, ${result.error.code}`);
    continue;
  }
  state = result.state;
  console.log(`${local(event.at)}  ${describe(event)}${notes.has(event.id) ? ` — ${notes.get(event.id)}` : ''}`);
  for (const e of result.effects) {
    if (e.type === 'wallet') console.log(`                  wallet ${e.entry.kind} ${e.entry.amount} → balance ${e.entry.balance}`);
  }
  if (event.type === 'membership') {
    const t = tierStatus(program, state, event.at);
    console.log(`                  perks: ${t.perks.join(', ')}; until ${t.grants[0]?.until ?? 'forever'}`);
  }
}

const s = summarize(program, state, at('07-04T15:00'));
const totals = state.wallet.totals;
console.log(`\nwallet: $${s.wallet} (cashback ${totals.cashback}, spent ${totals.debited}, clawed back ${totals.clawedBack})`);
