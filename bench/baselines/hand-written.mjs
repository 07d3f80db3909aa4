// Baseline 1, "the practical lower bound": the reference program
// (bench/reference-program.json) hand-coded, no rules engine, no decimal.js,
// no per-event time-zone lookups. The multiplier and activity conditions are
// plain `if`s here; the ledger is bookkeeping.mjs.
//
// API:  const hw = createHandWritten(); for (const e of events) hw.apply(e); hw.results()
//       or run(events) for both at once.
// results(): Map<memberId, { balance: number, tier: string | null }> for every
// member with an applied event, like the engine's replay(program, events,
// { onRejected: 'collect' }) with balanceOf(state) and state.tier?.effective.
// apply(event) returns false when the engine would refuse the event.
// Event types: purchase, refund, redemption, activity, tick; each member's
// events in time order.
import { createBookkeeping } from './bookkeeping.mjs';
import { dayOf, weekdayOf } from './london.mjs';

/** Factors are numerators over 4. An item's own multiplier: christmas-double 2×, bags-boost 1.5×. */
const itemFactor = (item) => (item.category === 'christmas' ? 8 : item.category === 'bags' ? 6 : 4);

export function createHandWritten() {
  const book = createBookkeeping();
  function apply(event) {
    const atMs = Date.parse(event.at);
    switch (event.type) {
      case 'purchase': {
        const day = dayOf(atMs);
        // sunday-boost: Sunday on the London calendar
        return book.purchase(event, atMs, day, weekdayOf(day) === 7 ? 5 : 4, itemFactor);
      }
      case 'refund':
        return book.refund(event, atMs);
      case 'activity':
        return book.activity(event, atMs, dayOf(atMs), event.name === 'checkin');
      case 'redemption':
        return book.redemption(event, atMs);
      case 'tick':
        return book.tick(event, atMs);
      default:
        throw new Error(`hand-written baseline: unsupported event type ${event.type}`);
    }
  }
  return { apply, results: book.results };
}

/** Applies every event in order and returns the results. */
export function run(events) {
  const hw = createHandWritten();
  for (const e of events) hw.apply(e);
  return hw.results();
}
