// Seed article 004's nudge: "Hello Malini, spend $25 to get a $60 gift card
// for your next shopping trip. Because you are a special member, you get 2x
// points on every purchase." The $60 gift card comes with the Gold level
// ($200 spent this year); VIP members (a free yearly membership) earn double
// points; the engine sends a `progress` message after a purchase that leaves
// a member at most $25 short of Gold, and the host writes the e-mail from it.
// Run: npm run build && node examples/09-spend-more-nudge/run.mjs
import { readFile } from 'node:fs/promises';
import { defineProgram, newMemberState, evaluate, ledgerEntries, catalogFor, tierStatus, summarize } from 'loyalty-engine';

const program = defineProgram(JSON.parse(await readFile(new URL('./program.json', import.meta.url), 'utf8')));

// An instant as date and time on the program's (New York) clock: 2024-09-01 10:00.
const clock = new Intl.DateTimeFormat('en-CA', {
  timeZone: program.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const local = (iso) => clock.format(new Date(iso)).replace(',', '');
const date = (iso) => local(iso).slice(0, 10);
const level = (id) => id ?? 'none';
// A decimal string as dollars and cents, without going through a float: "25" → "25.00".
const dollars = (s) => { const [whole, cents = ''] = s.split('.'); return `${whole}.${(cents + '00').slice(0, 2)}`; };

const names = { malini: 'Malini', tom: 'Tom' };
const states = new Map();

// The host's e-mail for a `progress` message. The message names the level; the
// gift card is the level's entry reward, paid only the first time a member
// reaches it (state.tier.reached lists the levels reached before), so a member
// who had it already is promised the level, not the card. The VIP line goes to
// members whose perks include double points.
function nudge(memberId, data, state, at) {
  const entry = program.tiers.levels.find((l) => l.id === data.level)?.entryReward?.reward;
  const reward = state.tier.reached.includes(data.level) ? undefined : program.rewards.catalog.find((r) => r.id === entry);
  const vip = tierStatus(program, state, at).perks.includes('double_points');
  const goal = reward === undefined ? `reach ${data.name} again` : `get ${reward.name.replace(/^A /, 'a ')}`;
  return `"Hello ${names[memberId]}, spend $${dollars(data.missingSpend)} more to ${goal}.`
    + `${vip ? ' Because you are a VIP member, you get 2x points on every purchase.' : ''}"`;
}

const describe = (event) => {
  switch (event.type) {
    case 'purchase': return `buys for $${event.amount} (${event.orderId})`;
    case 'membership': return `joins ${event.plan} (${event.action})`;
    default: return event.type;
  }
};

function apply(event) {
  const state = states.get(event.memberId) ?? newMemberState(program, event.memberId);
  const { state: next, effects } = evaluate(program, state, event);
  states.set(event.memberId, next);
  const points = ledgerEntries(effects).reduce((sum, e) => sum + e.points, 0);
  console.log(`${local(event.at)}  ${event.memberId}: ${describe(event)}${points === 0 ? '' : ` +${points} points`}`);
  for (const e of effects) {
    if (e.type === 'tier_upgraded' || e.type === 'tier_downgraded') console.log(`                  ${e.type} ${level(e.from)} → ${level(e.to)} (${e.reason}, ${date(e.at)})`);
    if (e.type === 'reward_issued') console.log(`                  reward_issued ${e.rewardId} (${e.source} ${e.level})`);
    if (e.type === 'message' && e.kind === 'progress') {
      console.log(`                  message progress ${e.data.level}: ${e.data.missingSpend} to go`);
      console.log(`                  ${nudge(event.memberId, e.data, next, event.at)}`);
    } else if (e.type === 'message') console.log(`                  message ${e.kind} ${e.data.name ?? ''}`.trimEnd());
  }
}

// What the member's account page shows: the next level and the next reward within reach.
function showStatus(memberId, at) {
  const state = states.get(memberId);
  const t = tierStatus(program, state, at);
  const c = catalogFor(program, state, at);
  const spend = t.next?.criteria !== null && t.next?.criteria !== undefined && 'metric' in t.next.criteria ? t.next.criteria : undefined;
  console.log(`                  ${memberId}'s page on ${date(at)}: level ${level(t.level)}, perks ${t.perks.join(', ') || 'none'}`);
  if (t.next !== null && spend !== undefined) {
    console.log(`                  next: ${t.next.name} — spend ${spend.missing} more (${spend.current} of ${spend.atLeast})${t.next.by === null ? '' : ` before ${local(t.next.by)}`}`);
  }
  const within = c.nextWithinReach;
  console.log(`                  points: ${c.available}${within === null ? '' : `; ${within.missingPoints} more for ${within.name}`}`);
}

const at = (dateAndTime, offset = '-04:00') => `${dateAndTime}:00${offset}`; // New York: UTC−4 until 3 November 2024, UTC−5 until 9 March 2025
const buy = (memberId, id, when, orderId, amount, offset) => ({ id, type: 'purchase', memberId, at: at(when, offset), orderId, amount, currency: 'USD' });

// VIP is a free sign-up for a year: the plan's perk double_points turns on the vip-double multiplier.
apply({ id: 'malini-vip', type: 'membership', memberId: 'malini', at: at('2024-09-01T10:00'), action: 'purchased', plan: 'vip' });
// 95 × 2 = 190 points; $95 of $200: $105 short, more than $25, no nudge.
apply(buy('malini', 'malini-1', '2024-09-05T18:00', 'm-1', '95.00'));
// Tom is a member without VIP: 1 point per $1. $150 of $200: $50 short.
apply(buy('tom', 'tom-1', '2024-10-01T12:00', 't-1', '150.00'));
// 80 × 2 = 160 points (350 in all); $95 + $80 = $175: $25 short, the nudge.
apply(buy('malini', 'malini-2', '2024-10-12T19:00', 'm-2', '80.00'));
showStatus('malini', at('2024-10-12T19:05'));
// $150 + $30 = $180: $20 short. Tom gets the nudge without the VIP line.
apply(buy('tom', 'tom-2', '2024-10-14T12:00', 't-2', '30.00'));
// $180 + $12 = $192: $8 short, but progress messages are capped at one a month: suppressed, recorded.
apply(buy('tom', 'tom-3', '2024-10-20T12:00', 't-3', '12.00'));
console.log(`                  tom's suppressed progress messages: ${states.get('tom').messages.suppressed.progress?.count ?? 0}`);
// 30 × 2 = 60 points (410); $175 + $30 = $205 ≥ $200: Gold, and the $60 gift card.
apply(buy('malini', 'malini-3', '2024-10-20T18:30', 'm-3', '30.00'));
showStatus('malini', at('2024-10-20T18:35'));
// 2025: the review on 1 January sets the level to what the new year's spend gives (none).
// $180 × 2 = 360 points; $20 short of Gold, but the gift card was hers in 2024: the e-mail promises the level.
apply(buy('malini', 'malini-4', '2025-02-01T12:00', 'm-4', '180.00', '-05:00'));

const end = at('2025-02-01T13:00', '-05:00');
console.log('');
for (const [id, state] of states) {
  const s = summarize(program, state, end);
  const t = tierStatus(program, state, end);
  console.log(`${id}: ${s.balance} points, level ${level(t.level)}, spent $${t.metrics[0]?.spend ?? '0'} in ${date(end).slice(0, 4)}`);
}
