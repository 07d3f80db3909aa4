// Baseline 2, what a team would build without loyalty-engine: the reference
// program's earn conditions (bench/reference-program.json) as json-rules-engine
// rules, run per event, and per item for the item conditions, plus the minimal
// glue: the London weekday as a `time` fact, the factors the fired rules carry,
// and the same bookkeeping as the hand-written baseline (bookkeeping.mjs:
// balances, caps, refunds, tiers, stamp card, redemptions).
//
// API:  await run(events) → Map<memberId, { balance: number, tier: string | null }>
// for every member with an applied event, like the engine's replay(program,
// events, { onRejected: 'collect' }) with balanceOf(state) and state.tier?.effective.
// Event types: purchase, refund, redemption, activity, tick; each member's
// events in time order.
import { Engine } from 'json-rules-engine';
import { createBookkeeping } from './bookkeeping.mjs';
import { dayOf, weekdayOf } from './london.mjs';

const multiplier = (name, fact, path, value, factor) => ({
  name,
  conditions: { all: [{ fact, path, operator: 'equal', value }] },
  event: { type: 'multiplier', params: { rule: name, factor } },
});

/** Multipliers on the whole purchase. */
function purchaseRules() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule(multiplier('sunday-boost', 'time', '$.weekday', 7, 1.25));
  return engine;
}

/** Multipliers on one item. */
function itemRules() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule(multiplier('christmas-double', 'item', '$.category', 'christmas', 2));
  engine.addRule(multiplier('bags-boost', 'item', '$.category', 'bags', 1.5));
  return engine;
}

/** Activity rules: 5 points for a check-in (at most once a day: the bookkeeping's frequency limit). */
function activityRules() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({
    name: 'checkin',
    conditions: { all: [{ fact: 'activity', path: '$.name', operator: 'equal', value: 'checkin' }] },
    event: { type: 'activity', params: { rule: 'checkin', points: 5 } },
  });
  return engine;
}

/** The fired multipliers' factors combined ('multiply'), as a numerator over 4. */
function quarters(events) {
  let f = 4;
  for (const e of events) if (e.type === 'multiplier') f *= e.params.factor;
  if (!Number.isInteger(f)) throw new Error(`json-rules-engine baseline: factor ${f / 4} is not a multiple of 1/4`);
  return f;
}

export async function run(events) {
  const book = createBookkeeping();
  const onPurchase = purchaseRules();
  const onItem = itemRules();
  const onActivity = activityRules();
  for (const event of events) {
    const atMs = Date.parse(event.at);
    switch (event.type) {
      case 'purchase': {
        const day = dayOf(atMs);
        const { events: fired } = await onPurchase.run({ time: { weekday: weekdayOf(day) }, event });
        const items = event.items ?? [];
        const factors = new Array(items.length);
        for (let i = 0; i < items.length; i++) factors[i] = quarters((await onItem.run({ item: items[i] })).events);
        book.purchase(event, atMs, day, quarters(fired), (_, i) => factors[i]);
        break;
      }
      case 'refund':
        book.refund(event, atMs);
        break;
      case 'activity': {
        const { events: fired } = await onActivity.run({ activity: event });
        book.activity(event, atMs, dayOf(atMs), fired.some((e) => e.params.rule === 'checkin'));
        break;
      }
      case 'redemption':
        book.redemption(event, atMs);
        break;
      case 'tick':
        book.tick(event, atMs);
        break;
      default:
        throw new Error(`json-rules-engine baseline: unsupported event type ${event.type}`);
    }
  }
  return book.results();
}
