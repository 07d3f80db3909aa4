import { earnOnPurchase } from '../earning/purchase.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { PurchaseEvent } from '../events/schema.js';
import { credit } from '../ledger/balance.js';
import { expiryFor } from '../ledger/expiry.js';
import { itemFact, memberFact, purchaseFact } from '../member/facts.js';
import { Dec } from '../money/decimal.js';
import type { CompiledProgram } from '../program/compiled.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { localTime } from '../time/local-time.js';
import { ordersToChange, record, touch, type Draft } from './draft.js';
import { countPurchase } from '../tiers/metrics.js';
import { cashbackOnPurchase } from '../wallet/cashback.js';
import { moveWallet } from '../wallet/move.js';
import { tierMultipliers } from '../tiers/benefits.js';
import { stampsOnPurchase } from '../engagement/stamps.js';
import { referralOnPurchase } from '../engagement/referrals.js';

/** A purchase: runs the earn rules, records one entry per rule, adds one lot, and keeps the order for refunds. */
export function applyPurchase(draft: Draft, compiled: CompiledProgram, event: PurchaseEvent): void {
  const { program } = draft;
  if (event.currency !== program.currency) {
    throw new LoyaltyError('currency_mismatch', `purchase ${event.id} is in ${event.currency}; the program counts ${program.currency}`, {
      details: { expected: program.currency, received: event.currency },
    });
  }
  if (Object.prototype.hasOwnProperty.call(draft.orders, event.orderId)) {
    throw new LoyaltyError('duplicate_order', `order ${event.orderId} was already recorded for member ${event.memberId}`, {
      details: { orderId: event.orderId },
    });
  }
  const time = localTime(draft.atMs, draft.zone);
  const items = (event.items ?? []).map(itemFact);
  const facts = { event: purchaseFact(event, items), member: memberFact(draft), time };
  const itemFacts = items.map((item) => ({ ...facts, item }));
  const firstPurchase = draft.stats.lastPurchaseAt === null;
  const earnings = earnOnPurchase(program, compiled, event, facts, itemFacts, time.date, draft.counters, tierMultipliers(draft), firstPurchase);

  if (earnings.length > 0) {
    // every earning is > 0 points; the time-zone work is only needed when something was earned
    const availableAt = program.points.pendingDays > 0 ? isoUtc(addDaysInZone(draft.atMs, program.points.pendingDays, draft.zone)) : draft.at;
    const expiresAt = expiryFor(program, draft.atMs);
    let total = 0;
    for (const { result, detail } of earnings) {
      total += result.points;
      record(draft, {
        at: draft.at,
        kind: 'earn',
        points: result.points,
        ruleId: result.ruleId,
        orderId: event.orderId,
        availableAt,
        expiresAt,
        detail,
      });
    }
    credit(draft, { id: event.id, orderId: event.orderId, earnedAt: draft.at, availableAt, expiresAt, points: total });
  }

  const cashback = cashbackOnPurchase(program, compiled, event, facts, itemFacts, time.date);
  for (const c of cashback) {
    moveWallet(draft, 'cashback', new Dec(c.amount), c.ruleId, { orderId: event.orderId, detail: { base: c.base, ...(c.percent === undefined ? {} : { percent: c.percent }) } });
  }
  countPurchase(draft, event.orderId, time.date, event.amount, earnings.reduce((s, e) => s + e.result.points, 0));
  ordersToChange(draft)[event.orderId] = {
    eventId: event.id,
    at: draft.at,
    amount: event.amount,
    refunded: '0',
    // two literals rather than a spread of an optional category: one object per item of every purchase
    items: (event.items ?? []).map((i) =>
      i.category === undefined
        ? { sku: i.sku, quantity: i.quantity, unitPrice: i.unitPrice, refunded: 0 }
        : { sku: i.sku, category: i.category, quantity: i.quantity, unitPrice: i.unitPrice, refunded: 0 },
    ),
    results: earnings.map((e) => e.result),
    ...(cashback.length === 0 ? {} : { cashback }),
    expired: 0,
    day: time.date,
  };
  draft.stats.orders += 1;
  draft.stats.spent = new Dec(draft.stats.spent).plus(event.amount).toFixed();
  stampsOnPurchase(draft, compiled, event, facts, itemFacts, time.date);
  referralOnPurchase(draft, event);
  if (draft.stats.lastPurchaseAt === null || draft.at > draft.stats.lastPurchaseAt) draft.stats.lastPurchaseAt = draft.at;
  touch(draft);
}
