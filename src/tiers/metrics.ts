import type { Draft } from '../engine/draft.js';
import { Dec } from '../money/decimal.js';
import type { OrderRecord } from '../member/state.js';
import type { LocalDate } from '../time/dates.js';
import type { DayBucket } from './state.js';
import { keepFrom } from './window.js';

/** Adds to one day's bucket (creating it in date order), copy-on-write. */
function addToDay(days: readonly DayBucket[], date: LocalDate, spend: string, orders: number, points: number): DayBucket[] {
  const out = [...days];
  let i = out.length;
  while (i > 0 && (out[i - 1]?.[0] ?? '') > date) i--;
  const prev = out[i - 1];
  if (prev !== undefined && prev[0] === date) {
    out[i - 1] = [date, new Dec(prev[1]).plus(spend).toFixed(), prev[2] + orders, prev[3] + points];
  } else {
    out.splice(i, 0, [date, new Dec(spend).toFixed(), orders, points]);
  }
  return out;
}

/**
 * Whether another order still counting as an order (never refunded, which
 * includes a 0.00 order, or not fully refunded) was placed on the same day:
 * a second order is not a second visit.
 */
function otherLiveOrderOn(draft: Draft, date: LocalDate, except: string): boolean {
  for (const id in draft.orders) {
    const o = draft.orders[id] as OrderRecord;
    if (id !== except && o.day === date && (o.refunded === '0' || new Dec(o.refunded).lt(o.amount))) return true;
  }
  return false;
}

/** Counts a purchase towards the tier metrics, on its own day. */
export function countPurchase(draft: Draft, orderId: string, date: LocalDate, amount: string, points: number): void {
  const tier = draft.tier;
  const tiers = draft.program.tiers;
  if (tier === undefined || tiers === undefined) return;
  const l = tier.lifetime;
  const newVisit = !otherLiveOrderOn(draft, date, orderId);
  tier.lifetime = { spend: new Dec(l.spend).plus(amount).toFixed(), orders: l.orders + 1, visits: l.visits + (newVisit ? 1 : 0), points: l.points + points };
  const from = keepFrom(tiers.window, draft.nowDate, draft.enrolledDate, draft.spans);
  if (from !== undefined && date >= from) tier.days = addToDay(tier.days, date, amount, 1, points);
}

/**
 * Takes a refund off the tier metrics at the purchase's own date: the money,
 * the qualifying points clawed back, and the order itself once fully refunded.
 */
export function countRefund(draft: Draft, orderId: string, order: OrderRecord, amount: string, points: number, fullyRefunded: boolean): void {
  const tier = draft.tier;
  const tiers = draft.program.tiers;
  if (tier === undefined || tiers === undefined) return;
  const l = tier.lifetime;
  const lostVisit = fullyRefunded && !otherLiveOrderOn(draft, order.day, orderId);
  tier.lifetime = {
    spend: new Dec(l.spend).minus(amount).toFixed(),
    orders: l.orders - (fullyRefunded ? 1 : 0),
    visits: l.visits - (lostVisit ? 1 : 0),
    points: l.points - points,
  };
  if (tier.days.some(([d]) => d === order.day)) {
    tier.days = addToDay(tier.days, order.day, new Dec(amount).neg().toFixed(), fullyRefunded ? -1 : 0, -points);
  }
}

/** Drops the days no window on `date` or later can cover. */
export function trimDays(draft: Draft, date: LocalDate): void {
  const tier = draft.tier;
  const tiers = draft.program.tiers;
  if (tier === undefined || tiers === undefined) return;
  const from = keepFrom(tiers.window, date, draft.enrolledDate, draft.spans);
  if (from === undefined) return;
  const first = tier.days[0];
  if (first !== undefined && first[0] < from) tier.days = tier.days.filter(([d]) => d >= from);
}

/** Counts points that are not from a purchase (activities, referrals, stamp cards, …) towards the tier metrics; negative to take them off. */
export function countPoints(draft: Draft, date: LocalDate, points: number): void {
  const tier = draft.tier;
  const tiers = draft.program.tiers;
  if (tier === undefined || tiers === undefined || points === 0) return;
  tier.lifetime = { ...tier.lifetime, points: tier.lifetime.points + points };
  const from = keepFrom(tiers.window, draft.nowDate, draft.enrolledDate, draft.spans);
  if (from !== undefined && date >= from) tier.days = addToDay(tier.days, date, '0', 0, points);
}
