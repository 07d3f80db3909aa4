import type { EventInput } from '../../events/schema.js';
import type { LedgerEntry } from '../../ledger/entry.js';
import type { Caps } from '../../program/schema.js';
import { localDate } from '../support/time.js';
import { byEarnRule } from './ledger-sums.js';
import type { Invariant } from './types.js';

interface Scope {
  readonly name: string;
  readonly caps: Caps;
  /** Whether an entry counts towards this scope. */
  readonly counts: (e: LedgerEntry) => boolean;
}

/**
 * After each purchase, the net points (earned minus clawed back) of every
 * capped rule and of the program stay within `perEvent` for that purchase
 * and within `perDay` / `perMonth` over the orders of its calendar day and
 * month (program time zone). Checked while the member's events arrive in
 * time order: the engine keeps cap counters for the current day and month
 * only, so a purchase arriving after a later day's events is not capped
 * against its own day (see docs/events.md, "Send each member's events in
 * time order").
 */
export const caps: Invariant = {
  name: 'caps',
  check({ program, event, ledger, history }) {
    if (event.type !== 'purchase') return undefined;
    const tz = program.timezone;
    const scopes: Scope[] = [];
    if (program.points.caps !== undefined) scopes.push({ name: 'the program (points.caps)', caps: program.points.caps, counts: byEarnRule });
    for (const rule of program.earn) {
      if ((rule.kind === 'spend' || rule.kind === 'bonus') && rule.caps !== undefined) scopes.push({ name: `rule ${rule.id}`, caps: rule.caps, counts: (e) => e.ruleId === rule.id });
    }
    if (scopes.length === 0 || disordered(history, tz)) return undefined;

    const day = localDate(Date.parse(event.at), tz);
    const dayOf = new Map<string, string>();
    for (const e of history) if (e.type === 'purchase') dayOf.set(e.orderId, localDate(Date.parse(e.at), tz));
    for (const scope of scopes) {
      let thisEvent = 0;
      let sameDay = 0;
      let sameMonth = 0;
      for (const e of ledger) {
        if (e.orderId === undefined || (e.kind !== 'earn' && e.kind !== 'clawback') || !scope.counts(e)) continue;
        const d = dayOf.get(e.orderId);
        if (d === undefined) continue;
        const points = e.kind === 'earn' ? e.points : -(typeof e.detail?.clawed === 'number' ? e.detail.clawed : -e.points);
        if (e.kind === 'earn' && e.orderId === event.orderId) thisEvent += points;
        if (d === day) sameDay += points;
        if (d.slice(0, 7) === day.slice(0, 7)) sameMonth += points;
      }
      const { perEvent, perDay, perMonth } = scope.caps;
      if (perEvent !== undefined && thisEvent > perEvent) return `${scope.name} earned ${thisEvent} points on order ${event.orderId}, over its perEvent cap of ${perEvent}`;
      if (perDay !== undefined && sameDay > perDay) return `${scope.name} holds ${sameDay} net points from orders of ${day}, over its perDay cap of ${perDay}`;
      if (perMonth !== undefined && sameMonth > perMonth) return `${scope.name} holds ${sameMonth} net points from orders of ${day.slice(0, 7)}, over its perMonth cap of ${perMonth}`;
    }
    return undefined;
  },
};

/** Whether some event of the member arrived after an event of a later calendar day. */
function disordered(history: readonly EventInput[], tz: string): boolean {
  let latest = -Infinity;
  for (const e of history) {
    const ms = Date.parse(e.at);
    if (ms < latest && localDate(ms, tz) !== localDate(latest, tz)) return true;
    latest = Math.max(latest, ms);
  }
  return false;
}
