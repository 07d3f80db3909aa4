// Seed article 003's beauty points program (Sephora's Beauty Insider): 1 point
// per $1, VIB and Rouge levels on the year's spend that earn 1.25× and 1.5×,
// and a catalog where members choose what their points become: $10 off, 15%
// off, a gift card, a donation to a charity (500 points = $10 donated), or a
// class only Rouge members may book. Ana and Ben shop and choose.
// Run: npm run build && node examples/07-beauty-points/run.mjs
import { readFile } from 'node:fs/promises';
import { defineProgram, newMemberState, evaluate, ledgerEntries, catalogFor, summarize, tierStatus } from 'loyalty-engine';

const program = defineProgram(JSON.parse(await readFile(new URL('./program.json', import.meta.url), 'utf8')));

// An instant as date and time on the program's (Los Angeles) clock: 2024-02-10 11:00.
const clock = new Intl.DateTimeFormat('en-CA', {
  timeZone: program.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const local = (iso) => clock.format(new Date(iso)).replace(',', '');
const date = (iso) => local(iso).slice(0, 10);
const level = (id) => id ?? 'none';
// A decimal string as dollars and cents, without going through a float: "20" → "20.00".
const dollars = (s) => { const [whole, cents = ''] = s.split('.'); return `${whole}.${(cents + '00').slice(0, 2)}`; };

const states = new Map();
const describe = (event) => {
  switch (event.type) {
    case 'purchase': return `buys for $${event.amount} (${event.orderId})`;
    case 'redemption': return `redeems ${event.quantity ?? 1} × ${event.rewardId}`;
    default: return event.type;
  }
};
const effectLine = (e) => {
  switch (e.type) {
    case 'tier_upgraded':
    case 'tier_downgraded': return `${e.type} ${level(e.from)} → ${level(e.to)}`;
    case 'reward_redeemed': {
      const what = e.kind === 'charity' ? `$${dollars(e.value)} donated to ${e.cause}`
        : e.kind === 'fixed-discount' ? `$${dollars(e.value)} off`
        : e.kind === 'gift-card' ? `a $${dollars(e.value)} gift card`
        : e.kind === 'percent-discount' ? `${e.percent}% off`
        : e.kind;
      return `reward_redeemed ${e.rewardId}: ${what}, code ${e.codes.join(' ')}${e.validUntil === null ? '' : `, valid until ${date(e.validUntil)}`}`;
    }
    case 'redemption_refused': return `redemption_refused ${e.reason} ${JSON.stringify(e.details)}`;
    case 'message':
      if (e.kind === 'reward_unlocked') return `message reward_unlocked ${e.data.rewardId} (${e.data.cost} points)`;
      if (e.kind === 'tier_reached') return `message tier_reached ${e.data.name}`;
      return `message ${e.kind}`;
    default: return undefined; // ledger entries are summed on the event's line
  }
};

function apply(event) {
  const state = states.get(event.memberId) ?? newMemberState(program, event.memberId);
  const { state: next, effects } = evaluate(program, state, event);
  states.set(event.memberId, next);
  const points = ledgerEntries(effects).reduce((sum, e) => sum + e.points, 0);
  console.log(`${local(event.at)}  ${event.memberId}: ${describe(event)}${points === 0 ? '' : ` ${points > 0 ? '+' : ''}${points} points`}`);
  for (const e of effects) {
    const line = effectLine(e);
    if (line !== undefined) console.log(`                  ${line}`);
  }
}

// What the member's "Rewards" page shows: each reward, and the one within reach.
function showCatalog(memberId, at) {
  const view = catalogFor(program, states.get(memberId), at);
  console.log(`\n${memberId}'s catalog on ${date(at)} (${view.available} points):`);
  for (const r of view.rewards) {
    const why = r.canRedeem ? 'can redeem' : r.reason === 'insufficient_points' ? `${r.missingPoints} more points` : r.reason;
    console.log(`  ${r.rewardId.padEnd(13)}${String(r.cost).padStart(5)}  ${why}`);
  }
  const next = view.nextWithinReach;
  if (next !== null) console.log(`  within reach: ${next.missingPoints} more points for ${next.name}`);
  console.log('');
}

const at = (dayAndTime, offset = '-08:00') => `2024-${dayAndTime}:00${offset}`; // Los Angeles: UTC−8, UTC−7 from 10 March
const buy = (memberId, id, when, orderId, amount, offset) => ({ id, type: 'purchase', memberId, at: at(when, offset), orderId, amount, currency: 'USD' });
const redeem = (memberId, id, when, rewardId, quantity, offset) => ({ id, type: 'redemption', memberId, at: at(when, offset), rewardId, quantity });

apply(buy('ana', 'ana-buy-1', '02-10T11:00', 'a-1', '180.00'));
// $180 + $240 = $420 this year ≥ $350: VIB. The purchase that lifts her earns at the level she had.
apply(buy('ana', 'ana-buy-2', '03-15T17:30', 'a-2', '240.00', '-07:00'));
// As VIB she earns 1.25 points per $1: 100 × 1.25 = 125, and 420 + 125 = 545 passes the two 500-point rewards.
apply(buy('ana', 'ana-buy-3', '04-02T12:00', 'a-3', '100.00', '-07:00'));
showCatalog('ana', at('04-02T12:05', '-07:00'));
// She wants the gift card, is 705 points short, and takes $10 off instead.
apply(redeem('ana', 'ana-gift', '04-02T12:10', 'gift-card-25', 1, '-07:00'));
apply(redeem('ana', 'ana-cash', '04-02T12:11', 'cash-10', 1, '-07:00'));
// The class is for Rouge members.
apply(redeem('ana', 'ana-class', '04-02T12:12', 'beauty-class', 1, '-07:00'));

// Ben's $1,100 takes him from nothing past VIB to Rouge at once; it earns at the base rate.
apply(buy('ben', 'ben-buy-1', '04-05T10:00', 'b-1', '1100.00', '-07:00'));
// He gives 1000 points to the charity: two units of $10.
apply(redeem('ben', 'ben-donate', '04-05T10:30', 'donate-10', 2, '-07:00'));
// As Rouge: 1000 × 1.5 = 1500 points.
apply(buy('ben', 'ben-buy-2', '05-01T15:00', 'b-2', '1000.00', '-07:00'));
apply(redeem('ben', 'ben-class', '05-01T15:05', 'beauty-class', 1, '-07:00'));

const end = at('05-01T18:00', '-07:00');
for (const [id, state] of states) {
  const s = summarize(program, state, end);
  const t = tierStatus(program, state, end);
  console.log(`${id}: ${s.balance} points, level ${t.name ?? level(t.level)}, redeemed ${s.lifetime.redeemed} of ${s.lifetime.earned} earned`);
}
