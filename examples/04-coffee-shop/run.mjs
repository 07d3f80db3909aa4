// Seed article 002's coffee shop: 1 star per $1, a "buy 10, get 1 free" stamp
// card (purchases of $3.00 or more, one stamp a day) and a free drink in the
// birthday week. Kim, who lives in Los Angeles, has her coffee in Chicago for
// eleven days, returns part of one order, and has a birthday.
// Run: npm run build && node examples/04-coffee-shop/run.mjs
import { readFile } from 'node:fs/promises';
import { defineProgram, newMemberState, evaluate, ledgerEntries, engagementStatus, summarize } from 'loyalty-engine';

const program = defineProgram(JSON.parse(await readFile(new URL('./program.json', import.meta.url), 'utf8')));

// An instant as date and time on the shop's (Chicago) clock: 2024-03-01 08:10.
const clock = new Intl.DateTimeFormat('en-CA', {
  timeZone: program.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const local = (iso) => clock.format(new Date(iso)).replace(',', '');

const member = 'kim';
const envelope = (id, type, at) => ({ id, type, memberId: member, at });
const coffee = (day, time, amount, offset = '-06:00') => ({
  ...envelope(`buy-03${day}-${time.replace(':', '')}`, 'purchase', `2024-03-${day}T${time}:00${offset}`),
  orderId: `o-03${day}-${time.replace(':', '')}`, amount, currency: 'USD',
});

// Chicago is UTC−6 until daylight saving time starts on 10 March, UTC−5 after.
const events = [
  // Her own time zone comes with the enrolment: birthday rules read the date in Los Angeles.
  { ...envelope('join', 'enrollment', '2024-03-01T08:00:00-06:00'), birthday: '1991-03-20', timezone: 'America/Los_Angeles' },
  coffee('01', '08:10', '4.50'),
  coffee('01', '15:30', '3.75'), // a second coffee the same day: stars, but no second stamp
  coffee('02', '08:10', '2.50'), // an espresso below $3.00: stars, no stamp
  ...['03', '04', '05', '06', '07', '08', '09'].map((day) => coffee(day, '08:10', '4.50')),
  coffee('10', '08:10', '4.50', '-05:00'),
  coffee('11', '08:10', '4.50', '-05:00'), // the tenth stamp
  // $2.00 back on the 3 March order leaves it at $2.50, below the $3.00 that earned its stamp.
  { ...envelope('refund-0303', 'refund', '2024-03-12T14:00:00-05:00'), orderId: 'o-0303-0810', amount: '2.00' },
  // 01:30 in Chicago is still 19 March (23:30) in Los Angeles; at 10:00 it is her birthday there.
  envelope('tick-0320-early', 'tick', '2024-03-20T01:30:00-05:00'),
  envelope('tick-0320', 'tick', '2024-03-20T10:00:00-05:00'),
];

// What the engine says nothing about, told on the event's line.
const notes = new Map([
  ['buy-0302-0810', 'below $3.00: no stamp'],
  ['tick-0320-early', 'still 19 March in Los Angeles: no birthday yet'],
]);
const describe = (event) => {
  switch (event.type) {
    case 'enrollment': return `enrolment (birthday ${event.birthday.slice(5)}, time zone ${event.timezone})`;
    case 'purchase': return `purchase $${event.amount} (${event.orderId})`;
    case 'refund': return `refund $${event.amount} of ${event.orderId}`;
    default: return event.type;
  }
};
const effectLine = (e) => {
  switch (e.type) {
    case 'stamp_card': return `stamp_card ${e.change} ${e.stamps}/${e.needed}`;
    case 'not_earned': return `not_earned ${e.ruleId} ${e.reason} ${JSON.stringify(e.details)}`;
    case 'reward_issued': return `reward_issued ${e.rewardId} code ${e.code} (${e.source})`;
    case 'reward_revoked': return `reward_revoked ${e.rewardId} code ${e.code} (${e.reason})`;
    case 'message':
      return e.kind === 'birthday'
        ? `message birthday ${e.data.date}: ${e.data.rewardId} code ${e.data.code}`
        : `message ${e.kind} ${JSON.stringify(e.data)}`;
    default: return undefined; // ledger entries are summed on the event's line
  }
};

let state = newMemberState(program, member);
for (const event of events) {
  const { state: next, effects } = evaluate(program, state, event);
  state = next;
  const stars = ledgerEntries(effects).reduce((sum, e) => sum + e.points, 0);
  const note = notes.has(event.id) ? ` — ${notes.get(event.id)}` : '';
  console.log(`${local(event.at)}  ${describe(event)}${stars === 0 ? '' : ` ${stars > 0 ? '+' : ''}${stars} stars`}${note}`);
  for (const e of effects) {
    const line = effectLine(e);
    if (line !== undefined) console.log(`                  ${line}`);
  }
}

const at = '2024-03-20T12:00:00-05:00';
const card = engagementStatus(program, state, at).stampCards.find((c) => c.id === 'coffee');
const points = summarize(program, state, at);
console.log(`\nengagementStatus: stamps ${card.stamps} of ${card.needed}, cards filled ${card.filled}`);
console.log(`balance: ${points.balance} stars (${points.available} available)`);
