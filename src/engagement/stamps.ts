import { emit, type Draft } from '../engine/draft.js';
import type { Facts } from '../conditions/types.js';
import type { PurchaseEvent } from '../events/schema.js';
import type { OrderRecord } from '../member/state.js';
import { Dec } from '../money/decimal.js';
import type { CompiledCard, CompiledProgram } from '../program/compiled.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { giveGrant, revokeGrant } from './grant.js';
import type { CardState, CompletedCard, Stamp } from './state.js';

const EMPTY: CardState = { stamps: [], completed: [], filled: 0 };

/** Oldest stamp first. */
const byTime = (a: Stamp, b: Stamp): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

function cardOf(draft: Draft, id: string): CardState {
  const cards = draft.engagement.cards;
  return cards !== undefined && Object.prototype.hasOwnProperty.call(cards, id) ? (cards[id] ?? EMPTY) : EMPTY;
}

function setCard(draft: Draft, id: string, card: CardState): void {
  draft.engagement.cards = { ...draft.engagement.cards, [id]: card };
}

/** Whether a purchase counts for a card: its condition, its minimum, and at least one item its filter selects. */
function counts(c: CompiledCard, event: PurchaseEvent, facts: Facts, itemFacts: readonly Facts[]): boolean {
  if (c.when !== undefined && !c.when(facts)) return false;
  if (c.card.minAmount !== undefined && new Dec(event.amount).lt(c.card.minAmount)) return false;
  if (c.include === undefined && c.exclude === undefined) return true;
  return itemFacts.some((f) => (c.include === undefined || c.include(f)) && !(c.exclude !== undefined && c.exclude(f)));
}

/** Fills cards while they have enough stamps: each full card pays its reward and a new card starts. */
function fill(draft: Draft, c: CompiledCard, card: CardState, orderId: string | undefined): CardState {
  let { stamps, completed, filled } = card;
  const need = c.card.stamps;
  while (stamps.length >= need) {
    const used = stamps.slice(0, need);
    stamps = stamps.slice(need);
    filled += 1;
    const { granted } = giveGrant(draft, c.card.reward, `stampCards.${c.card.id}`, {
      source: 'stamp_card',
      tag: `card:${c.card.id}:${filled}`,
      detail: { card: filled },
      ...(orderId === undefined ? {} : { orderId }),
    });
    completed = [...completed, { at: draft.at, stamps: used, granted }];
    emit(draft, { type: 'stamp_card', at: draft.at, cardId: c.card.id, change: 'completed', stamps: stamps.length, needed: need, ...(orderId === undefined ? {} : { orderId }) });
  }
  return { stamps, completed, filled };
}

/** A purchase: one stamp on every card it counts for (at most `perDay` a day). */
export function stampsOnPurchase(draft: Draft, compiled: CompiledProgram, event: PurchaseEvent, facts: Facts, itemFacts: readonly Facts[], day: string): void {
  for (const c of compiled.stampCards) {
    if (!counts(c, event, facts, itemFacts)) continue;
    const card = cardOf(draft, c.card.id);
    if (c.card.perDay !== undefined) {
      const today = [...card.stamps, ...card.completed.flatMap((k) => k.stamps)].filter((s) => s.day === day).length;
      if (today >= c.card.perDay) {
        emit(draft, { type: 'not_earned', at: draft.at, ruleId: `stampCards.${c.card.id}`, reason: 'frequency_limit', details: { perDay: c.card.perDay } });
        continue;
      }
    }
    const stamp: Stamp = { orderId: event.orderId, at: draft.at, day };
    const added: CardState = { ...card, stamps: [...card.stamps, stamp].sort(byTime) };
    emit(draft, { type: 'stamp_card', at: draft.at, cardId: c.card.id, change: 'added', stamps: Math.min(added.stamps.length, c.card.stamps), needed: c.card.stamps, orderId: event.orderId });
    setCard(draft, c.card.id, fill(draft, c, added, event.orderId));
  }
}

/**
 * A refund that leaves an order below what counts (under `minAmount`, or
 * nothing left) takes its stamp away. On a completed card, `revoke` takes the
 * card's reward back and returns its other stamps to the current card.
 */
export function stampsOnRefund(draft: Draft, compiled: CompiledProgram, orderId: string, order: OrderRecord): void {
  const net = new Dec(order.amount).minus(order.refunded);
  for (const c of compiled.stampCards) {
    const card = cardOf(draft, c.card.id);
    const min = c.card.minAmount;
    if (!(net.isZero() || (min !== undefined && net.lt(min)))) continue;
    const ruleId = `stampCards.${c.card.id}`;
    if (card.stamps.some((s) => s.orderId === orderId)) {
      const stamps = card.stamps.filter((s) => s.orderId !== orderId);
      setCard(draft, c.card.id, { ...card, stamps });
      emit(draft, { type: 'stamp_card', at: draft.at, cardId: c.card.id, change: 'removed', stamps: stamps.length, needed: c.card.stamps, orderId });
      continue;
    }
    const i = card.completed.findIndex((k) => k.stamps.some((s) => s.orderId === orderId));
    const done = card.completed[i];
    if (done === undefined) continue;
    const others = done.stamps.filter((s) => s.orderId !== orderId);
    if (c.card.onRefund === 'keep') {
      const completed = card.completed.map((k, j): CompletedCard => (j === i ? { ...k, stamps: others } : k));
      setCard(draft, c.card.id, { ...card, completed });
      emit(draft, { type: 'stamp_card', at: draft.at, cardId: c.card.id, change: 'removed', stamps: card.stamps.length, needed: c.card.stamps, orderId });
      continue;
    }
    revokeGrant(draft, done.granted, ruleId, 'stamp_refunded', orderId);
    // stamps that have expired meanwhile do not come back
    const live = others.filter((s) => !expired(draft, c, s));
    const back: CardState = {
      stamps: [...live, ...card.stamps].sort(byTime),
      completed: card.completed.filter((_, j) => j !== i),
      filled: card.filled - 1,
    };
    emit(draft, { type: 'stamp_card', at: draft.at, cardId: c.card.id, change: 'revoked', stamps: Math.min(back.stamps.length, c.card.stamps), needed: c.card.stamps, orderId });
    setCard(draft, c.card.id, fill(draft, c, back, undefined));
  }
}

/** Whether a stamp has passed the card's `expiresAfterDays` by the step's "now". */
function expired(draft: Draft, c: CompiledCard, stamp: Stamp): boolean {
  const days = c.card.expiresAfterDays;
  return days !== undefined && isoUtc(addDaysInZone(Date.parse(stamp.at), days, draft.zone)) <= draft.now;
}

/** Before an event: stamps on the current cards older than `expiresAfterDays` leave them. */
export function expireStamps(draft: Draft, compiled: CompiledProgram): void {
  if (draft.engagement.cards === undefined) return;
  for (const c of compiled.stampCards) {
    if (c.card.expiresAfterDays === undefined) continue;
    const card = cardOf(draft, c.card.id);
    const live = card.stamps.filter((s) => !expired(draft, c, s));
    if (live.length === card.stamps.length) continue;
    emit(draft, { type: 'stamp_card', at: draft.now, cardId: c.card.id, change: 'expired', stamps: live.length, needed: c.card.stamps, count: card.stamps.length - live.length });
    setCard(draft, c.card.id, { ...card, stamps: live });
  }
}

/** After the orders are pruned: a completed card is kept while one of its orders can still be refunded. */
export function pruneCards(draft: Draft): void {
  const cards = draft.engagement.cards;
  if (cards === undefined) return;
  for (const [id, card] of Object.entries(cards)) {
    const completed = card.completed.filter((k) => k.stamps.some((s) => Object.prototype.hasOwnProperty.call(draft.orders, s.orderId)));
    if (completed.length !== card.completed.length) setCard(draft, id, { ...card, completed });
  }
}
