// Seed article 001's coins club: 5 coins for completing the profile, 20 coins
// to the inviter when a friend signs up, 100 more when that friend first buys
// (pending through the 14-day return window), 1 coin per $1, and bronze /
// silver / gold on coins or spend. Several members live in one Map; the
// referral events a referee's step emits are routed to the referrer through a
// queue, as a host would route them through its own.
// Run: npm run build && node examples/06-coins-club/run.mjs
import { readFile } from 'node:fs/promises';
import { defineProgram, newMemberState, evaluate, ledgerEntries, referralCode, summarize, engagementStatus, tierStatus } from 'loyalty-engine';

const program = defineProgram(JSON.parse(await readFile(new URL('./program.json', import.meta.url), 'utf8')));

// An instant as date and time on the program's (Tehran) clock: 2024-05-01 10:00.
const clock = new Intl.DateTimeFormat('en-CA', {
  timeZone: program.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const local = (iso) => clock.format(new Date(iso)).replace(',', '');
const level = (id) => id ?? 'none';

// The host: member states by id, a queue for outgoing events, and the ids
// already applied (evaluate does not remember them: a redelivered referral
// event must be skipped here).
const states = new Map();
const queue = [];
const applied = new Set();

const describe = (event) => {
  switch (event.type) {
    case 'enrollment': return `enrols${event.referralCode === undefined ? '' : ` with code ${event.referralCode}`}`;
    case 'activity': return event.name;
    case 'purchase': return `buys for $${event.amount} (${event.orderId})`;
    case 'refund': return `returns $${event.amount} of ${event.orderId}`;
    case 'referral': return `referral ${event.stage} by ${event.refereeId}`;
    default: return event.type;
  }
};
const effectLine = (e) => {
  switch (e.type) {
    case 'tier_upgraded':
    case 'tier_downgraded': return `${e.type} ${level(e.from)} → ${level(e.to)}`;
    case 'not_earned': return `not_earned ${e.ruleId} ${e.reason} ${JSON.stringify(e.details)}`;
    case 'referral_refused': return `referral_refused ${e.reason} (code ${e.code})`;
    case 'outgoing_event': return `outgoing_event referral ${e.event.stage} → ${e.event.memberId}`;
    default: return undefined; // ledger entries are summed on the event's line
  }
};

function apply(event) {
  if (applied.has(event.id)) return;
  const state = states.get(event.memberId) ?? newMemberState(program, event.memberId);
  const { state: next, effects } = evaluate(program, state, event);
  states.set(event.memberId, next);
  applied.add(event.id);
  const coins = ledgerEntries(effects).reduce((sum, e) => sum + e.points, 0);
  console.log(`${local(event.at)}  ${event.memberId}: ${describe(event)}${coins === 0 ? '' : ` ${coins > 0 ? '+' : ''}${coins} coins`}`);
  for (const e of effects) {
    const line = effectLine(e);
    if (line !== undefined) console.log(`                  ${line}`);
    if (e.type === 'outgoing_event') queue.push(e.event);
  }
  while (queue.length > 0) apply(queue.shift());
}

// What Sara's account page shows: her coins, the pending part and when it frees up.
function showCoins(memberId, at) {
  const s = summarize(program, states.get(memberId), at);
  const lots = s.pendingLots.map((lot) => `${lot.points} until ${local(lot.availableAt)}`).join(', ');
  console.log(`                  ${memberId}'s coins: ${s.balance} (${s.available} available, ${s.pending} pending${lots === '' ? '' : `: ${lots}`})`);
}

const at = (dayAndTime) => `2024-05-${dayAndTime}:00+03:30`; // Tehran is UTC+03:30 all year
const code = referralCode(program, 'sara'); // what the host stores in its code → member index when Sara joins
console.log(`Sara's referral code: ${code}\n`);

apply({ id: 'join-sara', type: 'enrollment', memberId: 'sara', at: at('01T10:00') });
apply({ id: 'profile-sara', type: 'activity', memberId: 'sara', at: at('01T10:05'), name: 'profile_completed' });
apply({ id: 'profile-sara-again', type: 'activity', memberId: 'sara', at: at('01T10:30'), name: 'profile_completed' });
// Ali types Sara's code; the host resolves it to Sara and sends both.
apply({ id: 'join-ali', type: 'enrollment', memberId: 'ali', at: at('02T18:00'), referralCode: code, referrerId: 'sara' });
apply({ id: 'profile-ali', type: 'activity', memberId: 'ali', at: at('03T09:00'), name: 'profile_completed' });
// Reza signs up with his own code: refused, but his enrolment still applies.
apply({ id: 'join-reza', type: 'enrollment', memberId: 'reza', at: at('04T11:00'), referralCode: referralCode(program, 'reza'), referrerId: 'reza' });
apply({ id: 'buy-ali', type: 'purchase', memberId: 'ali', at: at('05T12:00'), orderId: 'ali-1', amount: '150.00', currency: 'USD' });
showCoins('sara', at('05T12:30'));
// Case, spaces and dashes do not matter in a code.
apply({ id: 'join-omid', type: 'enrollment', memberId: 'omid', at: at('06T20:00'), referralCode: code.toLowerCase(), referrerId: 'sara' });
apply({ id: 'buy-omid', type: 'purchase', memberId: 'omid', at: at('08T12:00'), orderId: 'omid-1', amount: '90.00', currency: 'USD' });
showCoins('sara', at('08T12:30'));
// Omid returns the whole order inside the 14-day hold: Sara's second 100 goes.
apply({ id: 'return-omid', type: 'refund', memberId: 'omid', at: at('10T12:00'), orderId: 'omid-1', amount: '90.00' });
showCoins('sara', at('10T12:30'));
apply({ id: 'buy-sara', type: 'purchase', memberId: 'sara', at: at('12T12:00'), orderId: 'sara-1', amount: '120.00', currency: 'USD' });

const end = at('12T13:00');
const sara = engagementStatus(program, states.get('sara'), end);
console.log(`\nSara's referrals: ${sara.referrals.signedUp} signed up, ${sara.referrals.qualified} qualified`);
for (const [id, state] of states) {
  const s = summarize(program, state, end);
  console.log(`${id}: ${s.balance} coins (${s.available} available, ${s.pending} pending), level ${level(tierStatus(program, state, end).level)}`);
}
