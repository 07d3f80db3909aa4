// The bookkeeping both baselines share: balances, lots, pending, expiry, caps,
// refunds, debt, stamp card, tiers and redemptions for ONE program,
// bench/reference-program.json (id "bench-reference", version 1), hard-coded.
// Which multipliers and activities apply is decided by the caller (plain `if`s
// in hand-written.mjs, json-rules-engine in json-rules-engine.mjs) and passed in
// as integer factors; everything else is here.
//
// Exact without decimal.js: money is integer micro-pounds (up to 6 decimals),
// each factor is an integer numerator over 4 (1.25 → 5), so a purchase's points
// are one integer division. Only refunds use BigInt fractions (the share
// refunded), and purchases whose amount differs from the sum of their items.
//
// Mirrors the engine (src/) step for step where it decides a number:
//   purchase  earning/purchase.ts, caps.ts, engine/apply-purchase.ts, ledger/balance.ts
//   refund    engine/apply-refund.ts, orders/refund.ts, orders/retention.ts
//   stamps    engagement/stamps.ts (10 stamps for ≥ £10.00, 1 a day, 50 points, onRefund keep)
//   activity  engagement/activity.ts, frequency.ts, grant.ts (checkin, once a day, 5 points)
//   redeem    rewards/redeem.ts, check.ts (available points only, first to expire first)
//   tiers     tiers/*.ts: rolling 6-month spend, grace 0, so the level held after
//             any event is the level qualified for on that day
// Precondition: each member's events come in time order (the engine allows
// late events; this baseline throws on one).
import { addDaysLondon, dayOf, rollingFrom } from './london.mjs';

const S = 1_000_000; // money units per pound
const CAP_PER_DAY = 2000;
const PENDING_DAYS = 14;
const EXPIRY_DAYS = 365;
const REFUND_WINDOW_DAYS = 90;
const WINDOW_MONTHS = 6;
const LEVELS = ['member', 'silver', 'gold', 'platinum'];
/** Spend thresholds (micro-pounds) of silver, gold, platinum; tier earn factors over 4. */
const THRESHOLDS = [500 * S, 2000 * S, 10_000 * S];
const TIER_FACTOR = [4, 5, 6, 8];
const CHECKIN_POINTS = 5;
const CARD_STAMPS = 10;
const CARD_MIN = 10 * S;
const CARD_POINTS = 50;
const COST = new Map([
  ['voucher-5', 500], ['voucher-10', 900], ['voucher-25', 2000], ['gift-card-50', 4000], ['percent-10', 1500],
  ['free-shipping', 300], ['free-mug', 800], ['charity-5', 500], ['coupon', 250], ['experience', 10000],
]);
/** Three factors over 4 (tier × Sunday × item) make a denominator of 64; per micro-pound. */
const DEN = 64 * S;

const priceCache = new Map();
/** Decimal string (or number) → integer micro-pounds, exactly. */
export function money(x) {
  const s = typeof x === 'number' ? String(x) : x;
  let v = priceCache.get(s);
  if (v !== undefined) return v;
  const m = /^(\d+)(?:\.(\d{1,6})0*)?$/.exec(s);
  if (m === null) throw new Error(`baseline: money ${s} has more than 6 decimals or is not a plain decimal`);
  v = Number(m[1]) * S + (m[2] === undefined ? 0 : Number(m[2].padEnd(6, '0')));
  if (!Number.isSafeInteger(v)) throw new Error(`baseline: money ${s} is too large`);
  if (priceCache.size < 100_000) priceCache.set(s, v);
  return v;
}

// --- BigInt fractions, only for refunds ---------------------------------
const gcd = (a, b) => { while (b) [a, b] = [b, a % b]; return a; };
const frac = (n, d) => { const g = gcd(n, d) || 1n; return [n / g, d / g]; };
const E12 = 10n ** 12n;
/** floor of n/d after settling it to 12 decimals half-even, as the engine's roundPoints('floor'). */
function floorSettled(n, d) {
  let q = (n * E12) / d;
  const r2 = 2n * ((n * E12) % d);
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return Number(q / E12);
}

// --- lots -----------------------------------------------------------------
/** Consumption order (ledger/lots.ts lotOrder): first to expire, then oldest, then by id. */
const after = (a, b) => (a.exp !== b.exp ? a.exp > b.exp : a.earned !== b.earned ? a.earned > b.earned : a.id > b.id);
function insertLot(lots, lot) {
  let i = lots.length;
  while (i > 0 && after(lots[i - 1], lot)) i--;
  if (i === lots.length) lots.push(lot);
  else lots.splice(i, 0, lot);
}
/** Takes up to `n` points from the lots `pick` selects, in lot order; returns what it took. */
function take(m, n, pick) {
  let need = n;
  let emptied = false;
  for (const lot of m.lots) {
    if (need === 0) break;
    if (!pick(lot)) continue;
    const k = Math.min(need, lot.points);
    lot.points -= k;
    need -= k;
    if (lot.points === 0) emptied = true;
  }
  if (emptied) m.lots = m.lots.filter((l) => l.points > 0);
  return n - need;
}
/** A new lot; debt is paid from it first (ledger/balance.ts credit). */
function credit(m, lot) {
  if (m.debt > 0) {
    const k = Math.min(m.debt, lot.points);
    m.debt -= k;
    lot.points -= k;
  }
  if (lot.points > 0) insertLot(m.lots, lot);
}

// --- the per-day program cap (earning/caps.ts): only the current day's counter is kept ---
const room = (m, day) => Math.max(0, CAP_PER_DAY - (m.capDay === day ? m.capUsed : 0));
function count(m, day, points) {
  if (m.capDay !== day) { m.capDay = day; m.capUsed = 0; }
  m.capUsed += points;
}

// --- tiers: day buckets of net spend inside the rolling window ---------------
function levelOn(m, day) {
  const from = rollingFrom(day, WINDOW_MONTHS);
  while (m.buckets.length > 0 && m.buckets[0].day < from) m.spend -= m.buckets.shift().spend;
  let rank = 0;
  while (rank < THRESHOLDS.length && m.spend >= THRESHOLDS[rank]) rank++;
  return rank;
}
function addSpend(m, day, amount) {
  const last = m.buckets[m.buckets.length - 1];
  if (last !== undefined && last.day === day) last.spend += amount;
  else m.buckets.push({ day, spend: amount });
  m.spend += amount;
}

function newMember() {
  return {
    lastMs: -Infinity, lots: [], debt: 0, orders: new Map(), capDay: -1, capUsed: 0,
    buckets: [], spend: 0, checkinDay: -1, card: [], cardsFilled: 0, lastStamp: null, lastDay: 0,
  };
}

/**
 * The ledger for many members. `purchase`, `activity` take the caller's
 * decisions; every method returns false when the engine would refuse the
 * event (nothing changes then), true when it applied it.
 */
export function createBookkeeping() {
  const members = new Map();
  const seen = new Set();

  /** Common start of an applied event: expiry up to now. Returns the member. */
  function begin(m, atMs) {
    const lots = m.lots;
    let i = 0;
    while (i < lots.length && lots[i].exp <= atMs) i++;
    if (i > 0) m.lots = lots.slice(i);
    m.lastMs = atMs;
    m.lastDay = dayOf(atMs);
    return m;
  }
  function memberFor(event, atMs) {
    let m = members.get(event.memberId);
    if (m === undefined) members.set(event.memberId, (m = newMember()));
    else if (atMs < m.lastMs) throw new Error(`baseline: event ${event.id} is earlier than member ${event.memberId}'s last event`);
    return m;
  }
  /** An order still in the engine's state: not older than the refund window at the member's last event. */
  const liveOrder = (m, orderId) => {
    const o = m.orders.get(orderId);
    return o !== undefined && o.atMs >= addDaysLondon(m.lastMs, -REFUND_WINDOW_DAYS) ? o : undefined;
  };

  /**
   * A purchase. `ruleFactor`: the event-wide multiplier rules' factor over 4
   * (5: Sunday, 4: none); `itemFactor(item, i)`: the item's own multipliers
   * over 4 (4 none, 8 christmas, 6 bags). The tier's factor is added here.
   */
  function purchase(event, atMs, day, ruleFactor, itemFactor) {
    if (seen.has(event.id)) return true;
    const m = memberFor(event, atMs);
    if (event.currency !== 'GBP' || liveOrder(m, event.orderId) !== undefined) return false;
    begin(m, atMs);
    // the level held before this purchase (a purchase that lifts the member earns at the old level)
    const eventFactor = TIER_FACTOR[levelOn(m, day)] * ruleFactor;
    const amount = money(event.amount);
    const lines = event.items ?? [];
    const factors = new Array(lines.length); // each item's whole factor, over 64: its weight per unit of value
    let total = 0;
    let weighted = 0; // Σ value × factor
    for (let i = 0; i < lines.length; i++) {
      const it = lines[i];
      const value = money(it.unitPrice) * it.quantity;
      const f = eventFactor * itemFactor(it, i);
      factors[i] = f;
      total += value;
      weighted += value * f;
    }
    if (lines.length === 0) weighted = amount * eventFactor * 4;
    let points;
    let uN; // unrounded points = uN / uD
    let uD;
    if (lines.length === 0 || total === amount) {
      if (!Number.isSafeInteger(weighted)) throw new Error(`baseline: purchase ${event.id} is too large`);
      points = (weighted - (weighted % DEN)) / DEN;
      uN = weighted;
      uD = DEN;
    } else if (total === 0) {
      points = 0;
    } else {
      // the amount paid shared among the items in proportion to their value (earning/purchase.ts allocate)
      [uN, uD] = frac(BigInt(amount) * BigInt(weighted), BigInt(total) * BigInt(DEN));
      points = floorSettled(uN, uD);
    }
    let result = null;
    if (points > 0) {
      points = Math.min(points, room(m, day));
      if (points > 0) {
        count(m, day, points);
        result = { points, clawed: 0, share: [0n, 1n], uN, uD };
        credit(m, { id: event.id, earned: atMs, avail: addDaysLondon(atMs, PENDING_DAYS), exp: addDaysLondon(atMs, EXPIRY_DAYS), points });
      }
    }
    addSpend(m, day, amount);
    const order = { eventId: event.id, atMs, day, amount, refunded: 0, lines, factors, back: null, result, stamp: 0 };
    // orders no refund can reach any more are dropped (orders/retention.ts); the map stays in time order
    const cutoff = addDaysLondon(atMs, -REFUND_WINDOW_DAYS);
    for (const [id, o] of m.orders) {
      if (o.atMs >= cutoff) break;
      m.orders.delete(id);
    }
    m.orders.delete(event.orderId);
    m.orders.set(event.orderId, order);
    // the stamp card
    if (amount >= CARD_MIN) {
      const s = m.lastStamp;
      if (s === null || s.day !== day || s.stamp === 0 || s.stamp === 3) {
        order.stamp = 1;
        m.lastStamp = order;
        m.card.push(order);
        if (m.card.length >= CARD_STAMPS) {
          for (const o of m.card) o.stamp = 2;
          m.card = [];
          m.cardsFilled += 1;
          grant(m, `${event.id}:card:card:${m.cardsFilled}`, atMs, day, CARD_POINTS);
        }
      }
    }
    seen.add(event.id);
    return true;
  }

  /** Engagement points (engagement/grant.ts): available at once, within the day's cap. */
  function grant(m, id, atMs, day, wanted) {
    const points = Math.min(wanted, room(m, day));
    if (points <= 0) return 0;
    credit(m, { id, earned: atMs, avail: atMs, exp: addDaysLondon(atMs, EXPIRY_DAYS), points });
    count(m, day, points);
    return points;
  }

  function refund(event, atMs) {
    if (seen.has(event.id)) return true;
    const m = memberFor(event, atMs);
    const order = liveOrder(m, event.orderId);
    if (order === undefined || order.atMs < addDaysLondon(atMs, -REFUND_WINDOW_DAYS)) return false;
    const refunding = money(event.amount);
    if (refunding > order.amount - order.refunded) return false;
    // per order line, the units this refund returns (lines with the same sku used in order)
    let quantities;
    if (event.items !== undefined && event.items.length > 0) {
      const { lines } = order;
      const back = order.back ?? lines.map(() => 0); // units returned so far, per line
      quantities = lines.map(() => 0);
      for (const line of event.items) {
        let need = line.quantity;
        for (let i = 0; i < lines.length && need > 0; i++) {
          if (lines[i].sku !== line.sku) continue;
          const k = Math.min(lines[i].quantity - back[i] - quantities[i], need);
          quantities[i] += k;
          need -= k;
        }
        if (need > 0) return false;
      }
    }
    begin(m, atMs);
    const refundedAfter = order.refunded + refunding;
    const full = refundedAfter === order.amount;
    const r = order.result;
    let claw = 0;
    if (r !== null) {
      let target;
      let share;
      if (full) {
        share = [1n, 1n];
        target = r.points;
      } else {
        let inc;
        if (quantities === undefined) inc = [BigInt(refunding), BigInt(order.amount)];
        else {
          // by the items' weights: value × factor (what each item earned)
          let part = 0n;
          let whole = 0n;
          order.lines.forEach((line, i) => {
            const w = BigInt(money(line.unitPrice)) * BigInt(order.factors[i]);
            whole += w * BigInt(line.quantity);
            part += w * BigInt(quantities[i]);
          });
          inc = whole === 0n ? [BigInt(refunding), BigInt(order.amount)] : [part, whole];
        }
        share = frac(r.share[0] * inc[1] + inc[0] * r.share[1], r.share[1] * inc[1]);
        if (share[0] > share[1]) share = [1n, 1n];
        const uN = BigInt(r.uN);
        const uD = BigInt(r.uD);
        const kept = Math.min(r.points, floorSettled(uN * (share[1] - share[0]), uD * share[1]));
        target = r.points - kept;
      }
      claw = Math.max(0, target - r.clawed);
      r.clawed += claw;
      r.share = share;
    }
    if (claw > 0) {
      // from the order's own lot, then other pending lots, then available ones; the rest is debt
      // (the engine's "already expired" step cannot happen: lots expire after 365 days, refunds close after 90)
      let rest = claw - take(m, claw, (lot) => lot.id === order.eventId);
      if (rest > 0) rest -= take(m, rest, (lot) => lot.avail > atMs);
      if (rest > 0) rest -= take(m, rest, (lot) => lot.avail <= atMs);
      m.debt += rest;
      if (m.capDay === order.day) m.capUsed = Math.max(0, m.capUsed - claw);
    }
    if (quantities !== undefined) {
      const back = order.back ?? (order.back = order.lines.map(() => 0));
      for (let i = 0; i < back.length; i++) back[i] += quantities[i];
    }
    order.refunded = refundedAfter;
    const bucket = m.buckets.find((b) => b.day === order.day);
    if (bucket !== undefined) {
      bucket.spend -= refunding;
      m.spend -= refunding;
    }
    // a refund leaving the order under the card's minimum takes its stamp (a full card keeps its reward)
    const net = order.amount - refundedAfter;
    if ((net === 0 || net < CARD_MIN) && (order.stamp === 1 || order.stamp === 2)) {
      if (order.stamp === 1) m.card.splice(m.card.indexOf(order), 1);
      order.stamp = 3;
    }
    seen.add(event.id);
    return true;
  }

  /** An activity; `checkin`: the checkin rule matched it. */
  function activity(event, atMs, day, checkin) {
    if (seen.has(event.id)) return true;
    const m = begin(memberFor(event, atMs), atMs);
    if (checkin && m.checkinDay !== day) {
      if (grant(m, `${event.id}:activity:checkin`, atMs, day, CHECKIN_POINTS) > 0) m.checkinDay = day;
    }
    seen.add(event.id);
    return true;
  }

  function redemption(event, atMs) {
    if (seen.has(event.id)) return true;
    const m = begin(memberFor(event, atMs), atMs);
    const cost = COST.get(event.rewardId);
    if (cost !== undefined) {
      const points = cost * (event.quantity ?? 1);
      let available = 0;
      for (const lot of m.lots) if (lot.avail <= atMs) available += lot.points;
      if (available >= points) take(m, points, (lot) => lot.avail <= atMs);
    }
    seen.add(event.id);
    return true;
  }

  function tick(event, atMs) {
    if (seen.has(event.id)) return true;
    begin(memberFor(event, atMs), atMs);
    seen.add(event.id);
    return true;
  }

  /** Every member with an applied event: points balance (pending included) and tier level. */
  function results() {
    const out = new Map();
    for (const [id, m] of members) {
      if (m.lastMs === -Infinity) continue;
      let balance = 0;
      for (const lot of m.lots) balance += lot.points;
      out.set(id, { balance, tier: LEVELS[levelOn(m, m.lastDay)] });
    }
    return out;
  }

  return { purchase, refund, activity, redemption, tick, results };
}
