// A deterministic stream that exercises what the real data does not: the real
// events with some items recategorised as bags, plus check-ins (twice a day,
// other names), redemptions (affordable, too dear, unknown rewards), ticks
// (including a year after the data, when everything has expired and tiers
// lapse), purchases at a discount (amount below the items' value) or without
// items, refunds by amount only, refunds that exceed the order or return
// units already returned, redelivered
// events and reused order ids, and events around the clocks' changes.
// Same seed, same events.
const REWARDS = ['voucher-5', 'voucher-10', 'voucher-25', 'gift-card-50', 'percent-10', 'free-shipping', 'free-mug', 'charity-5', 'coupon', 'experience', 'no-such-reward'];
const DAY = 86_400_000;

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms) => new Date(ms).toISOString();
/** Exact 2-decimal money arithmetic on strings, via integer pence. */
const pence = (s) => Math.round(Number(s) * 1000) / 10;

/**
 * @param {readonly object[]} real events from readRetailEvents (time order)
 * @returns {object[]} a new stream in time order (stable)
 */
export function syntheticEvents(real, seed = 8) {
  const rnd = prng(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const out = [];
  const push = (ms, e) => out.push({ ms, e });
  const lastMs = new Map();
  let n = 0;
  for (const e of real) {
    const ms = Date.parse(e.at);
    lastMs.set(e.memberId, ms);
    if (e.type === 'purchase') {
      const items = e.items.map((i) => (i.category === undefined && rnd() < 0.08 ? { ...i, category: 'bags' } : i));
      const r = rnd();
      if (r < 0.03) {
        // a discount: the amount paid is 90% of the items' value, shared among them
        const paid = Math.floor(pence(e.amount) * 0.9) / 100;
        push(ms, { ...e, items, amount: paid.toFixed(2) });
      } else if (r < 0.05) {
        const { items: _drop, ...rest } = e;
        push(ms, rest);
      } else push(ms, { ...e, items });
      if (rnd() < 0.04) {
        // a refund by amount only, some days later (sometimes past the 90-day window)
        const later = ms + Math.floor(rnd() * 100) * DAY + 3_600_000;
        const share = pick([0.1, 0.25, 1 / 3, 0.5, 1, 1.2]);
        const amount = Math.max(0.01, Math.floor(pence(e.amount) * share) / 100);
        push(later, { id: `x${n++}`, type: 'refund', memberId: e.memberId, at: iso(later), orderId: e.orderId, amount: amount.toFixed(2) });
      }
      if (rnd() < 0.03) {
        // spend the points once available, then refund the whole order: debt, recovered from later earning
        const at = ms + 15 * DAY;
        push(at, { id: `d${n++}`, type: 'redemption', memberId: e.memberId, at: iso(at), rewardId: 'coupon', quantity: 1 + Math.floor(rnd() * 8) });
        push(at + DAY, { id: `x${n++}`, type: 'refund', memberId: e.memberId, at: iso(at + DAY), orderId: e.orderId, amount: e.amount });
      }
      if (rnd() < 0.01) push(ms, { ...e }); // redelivered: same id, ignored
      if (rnd() < 0.005) push(ms + DAY * 120, { ...e, id: `dup${n++}`, at: iso(ms + DAY * 120) }); // order id reused after the window
    } else {
      push(ms, e);
      // the same return sent again as a new refund: refused when the units are no longer there
      if (e.type === 'refund' && e.items !== undefined && rnd() < 0.1) push(ms + 3_600_000, { ...e, id: `${e.id}:again`, at: iso(ms + 3_600_000) });
    }
    const r = rnd();
    if (r < 0.15) {
      const at = ms + Math.floor(rnd() * 3 * DAY);
      push(at, { id: `a${n++}`, type: 'activity', memberId: e.memberId, at: iso(at), name: rnd() < 0.85 ? 'checkin' : 'review' });
      if (rnd() < 0.3) push(at + 60_000, { id: `a${n++}`, type: 'activity', memberId: e.memberId, at: iso(at + 60_000), name: 'checkin' });
    } else if (r < 0.25) {
      const at = ms + Math.floor(rnd() * 20 * DAY);
      push(at, { id: `d${n++}`, type: 'redemption', memberId: e.memberId, at: iso(at), rewardId: pick(REWARDS), ...(rnd() < 0.1 ? { quantity: 2 } : {}) });
    } else if (r < 0.28) {
      const at = ms + Math.floor(rnd() * 200 * DAY);
      push(at, { id: `t${n++}`, type: 'tick', memberId: e.memberId, at: iso(at) });
    }
  }
  // around the clock changes: purchases and check-ins at 00:30–02:30 London time
  const members = [...lastMs.keys()];
  for (const day of ['2011-03-27', '2011-10-30', '2012-03-25']) {
    for (let k = 0; k < 40; k++) {
      const at = Date.parse(`${day}T00:00:00Z`) - 3_600_000 + k * 7 * 60_000;
      const memberId = pick(members);
      push(at, { id: `s${n++}`, type: 'purchase', memberId, at: iso(at), orderId: `s${n}`, amount: '123.45', currency: 'GBP', items: [{ sku: 'S1', quantity: 3, unitPrice: '41.15', category: 'bags' }] });
      push(at, { id: `a${n++}`, type: 'activity', memberId, at: iso(at), name: 'checkin' });
    }
  }
  // later: ticks and redemptions after the data, when lots expire and tiers lapse
  for (const [memberId, ms] of lastMs) {
    const r = rnd();
    if (r < 0.3) {
      const at = ms + 200 * DAY;
      push(at, { id: `t${n++}`, type: 'tick', memberId, at: iso(at) });
    } else if (r < 0.5) {
      const at = ms + 366 * DAY;
      push(at, { id: `d${n++}`, type: 'redemption', memberId, at: iso(at), rewardId: 'coupon' });
    }
  }
  out.sort((a, b) => a.ms - b.ms);
  return out.map((x) => x.e);
}
