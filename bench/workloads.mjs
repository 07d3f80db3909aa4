// The benchmark's workloads, built deterministically (no Math.random, no clock):
// (1) the real "Online Retail" history with item categories and check-ins,
// (2) that history copied to N events with shifted member ids and times and
//     redemptions mixed in, (3) three years of daily activity of one member.
// Every engine and baseline is given the same event objects; none may mutate them.
import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readRetailEvents } from '../examples/01-online-retail/events.mjs';

export const DATA = fileURLToPath(new URL('../../shared/data/online-retail.csv.gz', import.meta.url));
const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString();

/** Whether the data set is where the benchmark expects it. */
export async function hasData() {
  try {
    await access(DATA);
    return true;
  } catch {
    return false;
  }
}

/** FNV-1a with a final avalanche: a stable 32-bit hash of a string, for deterministic choices. */
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The reference program's item categories: `christmas` first (as the demo), then `bags` (BAG or BAGS as a word). */
export function benchCategory(description) {
  const d = description.toUpperCase();
  if (d.includes('CHRISTMAS')) return 'christmas';
  if (/\bBAGS?\b/.test(d)) return 'bags';
  return undefined;
}

/** Stable sort of `{ ms, e }` by time; returns the events. */
const byTime = (list) => list.sort((a, b) => a.ms - b.ms).map((x) => x.e);

/**
 * Adds `checkin` activities: before one purchase in four, a check-in 90 minutes
 * earlier, and before one of those in four a second one 5 minutes later (the
 * same day, so the program's once-a-day limit refuses it).
 */
function withCheckins(events) {
  const out = [];
  for (const e of events) {
    const ms = Date.parse(e.at);
    if (e.type === 'purchase') {
      const h = hash32(`checkin:${e.id}`);
      if (h % 4 === 0) {
        const at = ms - 90 * MINUTE;
        out.push({ ms: at, e: { id: `k${e.orderId}`, type: 'activity', memberId: e.memberId, at: iso(at), name: 'checkin' } });
        if ((h >>> 8) % 4 === 0) {
          out.push({ ms: at + 5 * MINUTE, e: { id: `k${e.orderId}b`, type: 'activity', memberId: e.memberId, at: iso(at + 5 * MINUTE), name: 'checkin' } });
        }
      }
    }
    out.push({ ms, e });
  }
  return byTime(out);
}

/**
 * Workload 1: the real purchases and refunds (categories for the reference
 * program) plus check-ins, in time order. `everyNthMember` keeps only the
 * members whose id hashes to 0 modulo it (the smoke run's slice).
 */
export async function realEvents({ everyNthMember = 1 } = {}) {
  const { events, members, stats } = await readRetailEvents(DATA, { categorize: benchCategory });
  const keep = (memberId) => everyNthMember === 1 || hash32(`slice:${memberId}`) % everyNthMember === 0;
  const kept = events.filter((e) => keep(e.memberId));
  return { events: withCheckins(kept), members: [...members].filter(keep), stats };
}

/**
 * Workload 2: the history copied to exactly `n` events. Copy k of member m is
 * member `m#k`, every event of it shifted by the same few minutes to 6 hours
 * (so its own order, and a refund after its purchase, are kept); one purchase
 * in eight is followed 15 to 44 days later by a redemption of a catalog
 * reward. Members are added whole, copy after copy, until `n` is reached (the
 * last one cut to a prefix of its history); the result is in time order.
 */
export function scaledEvents(base, n, catalog) {
  const byMember = new Map();
  for (const e of base) {
    let list = byMember.get(e.memberId);
    if (list === undefined) byMember.set(e.memberId, (list = []));
    list.push({ ms: Date.parse(e.at), e });
  }
  if (byMember.size === 0 || catalog.length === 0) throw new Error('scaledEvents: no events or no rewards to scale from');
  const out = [];
  for (let k = 0; out.length < n; k++) {
    for (const [memberId, history] of byMember) {
      if (out.length >= n) break;
      const copy = `${memberId}#${k}`;
      const shift = (5 + (hash32(`shift:${copy}`) % 355)) * MINUTE;
      const events = [];
      for (const { ms, e } of history) {
        const at = ms + shift;
        events.push({ ms: at, e: { ...e, id: `${e.id}#${k}`, memberId: copy, at: iso(at) } });
        if (e.type !== 'purchase') continue;
        const h = hash32(`redeem:${e.id}#${k}`);
        if (h % 8 !== 0) continue;
        const reward = catalog[(h >>> 4) % catalog.length];
        const when = at + (15 + ((h >>> 12) % 30)) * DAY;
        events.push({ ms: when, e: { id: `x${e.orderId}#${k}`, type: 'redemption', memberId: copy, at: iso(when), rewardId: reward.id } });
      }
      events.sort((a, b) => a.ms - b.ms);
      for (const x of events.slice(0, n - out.length)) out.push(x);
    }
  }
  return byTime(out);
}

const PRODUCTS = [
  { sku: '85123A', unitPrice: '2.55' },
  { sku: '22423', unitPrice: '12.75' },
  { sku: '47566', unitPrice: '4.95' },
  { sku: '84879', unitPrice: '1.69' },
];
const CHRISTMAS = { sku: '22910', unitPrice: '2.95', category: 'christmas' };
const BAGS = { sku: '85099B', unitPrice: '2.08', category: 'bags' };
const DAILY_REWARDS = ['free-shipping', 'coupon', 'voucher-5', 'voucher-10'];

/**
 * Workload 3: one member's three years of daily activity from `start` (a
 * check-in every morning and an order every afternoon, Christmas items in
 * December and on every fifth day, bags every third; every 30th day part of
 * the order of three days before is returned; every 45th day a reward is
 * redeemed), and the next day's events for timing single steps.
 */
export function dailyHistory({ memberId = 'daily', days = 3 * 365, start = '2021-01-04T00:00:00Z' } = {}) {
  const t0 = Date.parse(start);
  const events = [];
  const orders = [];
  const day = (d) => {
    const base = t0 + d * DAY;
    const month = new Date(base).getUTCMonth() + 1;
    const checkin = { id: `k${d}`, type: 'activity', memberId, at: iso(base + (8 * 60 + (d % 50)) * MINUTE), name: 'checkin' };
    const items = [{ ...PRODUCTS[d % PRODUCTS.length], quantity: 1 + (d % 4) }];
    if (month === 12 || d % 5 === 0) items.push({ ...CHRISTMAS, quantity: 2 + (d % 3) });
    if (d % 3 === 0) items.push({ ...BAGS, quantity: 1 + (d % 10) });
    const cents = items.reduce((s, i) => s + Math.round(Number(i.unitPrice) * 100) * i.quantity, 0);
    const purchase = {
      id: `p${d}`, type: 'purchase', memberId, at: iso(base + (14 * 60 + (d % 120)) * MINUTE),
      orderId: `o${d}`, amount: (cents / 100).toFixed(2), currency: 'GBP', items,
    };
    return { base, checkin, purchase };
  };
  for (let d = 0; d < days; d++) {
    const { base, checkin, purchase } = day(d);
    events.push(checkin, purchase);
    orders.push(purchase);
    if (d % 30 === 29) {
      const order = orders[d - 3];
      const item = order.items[0];
      const amount = ((Math.round(Number(item.unitPrice) * 100) * item.quantity) / 100).toFixed(2);
      events.push({ id: `r${d}`, type: 'refund', memberId, at: iso(base + 18 * 60 * MINUTE), orderId: order.orderId, amount, items: [{ sku: item.sku, quantity: item.quantity }] });
    }
    if (d % 45 === 44) {
      events.push({ id: `x${d}`, type: 'redemption', memberId, at: iso(base + 19 * 60 * MINUTE), rewardId: DAILY_REWARDS[(d / 45) % DAILY_REWARDS.length | 0] });
    }
  }
  const next = day(days);
  const last = orders[orders.length - 1];
  const lastItem = last.items[0];
  const after = next.base + 20 * 60 * MINUTE;
  return {
    events,
    next: {
      purchase: next.purchase,
      checkin: next.checkin,
      refund: { id: `r${days}`, type: 'refund', memberId, at: iso(after), orderId: last.orderId, amount: lastItem.unitPrice, items: [{ sku: lastItem.sku, quantity: 1 }] },
      redemption: { id: `x${days}`, type: 'redemption', memberId, at: iso(after), rewardId: 'voucher-5' },
      tick: { id: `t${days}`, type: 'tick', memberId, at: iso(after) },
    },
  };
}
