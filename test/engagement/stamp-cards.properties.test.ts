// Stamp card properties, over generated cards and member histories.
//
// Cards: 1–5 stamps, minAmount $3.00, with or without perDay (1 or 2) and expiresAfterDays (1–6),
// onRefund revoke or keep, a points reward (and a spend rule, so the card's entries share the ledger).
// Histories: purchases of $2.50–$4.50 over four weeks of January 2024 in Chicago (CST all month, so a
// local day is 24 hours from 06:00 UTC), arriving day by day but in any order within a day; refunds of
// earlier orders, in full or in part, never more than is left.
//
// A naive model follows which orders hold a stamp: a purchase of $3.00+ gets one unless its local day
// already has perDay; a refund that leaves less than $3.00 takes it away. Without expiry, the stamps
// on the current card and on the completed cards are exactly the model's, so under revoke
// filled = floor(stamped / stamps) and the current card holds the rest; under keep, filled can only be
// more. With expiry no such count holds (stamps leave by time alone), but stamps are still accounted for:
// added − removed − revoked − expired = stamps on the cards. With a refund window completed cards are
// forgotten, so no window here (stamp-cards.test.ts covers it). Every history also checks: at most perDay
// stamps a local day, balance = sum of the ledger, the card's points = reward × cards held, inputs unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  defineProgram,
  evaluate,
  ledgerEntries,
  newMemberState,
  type CardState,
  type Effect,
  type LedgerEntry,
  type MemberState,
  type Program,
  type StampCardEffect,
} from '../../src/index.js';
import { purchase, refund, sum, tick } from '../helpers.js';
import { runs } from '../support/runs.js';

const DAY = 86_400_000;
/** 1 January 2024 00:00 CST. */
const START = Date.UTC(2024, 0, 1, 6);
const MIN_CENTS = 300;
const CARD = 'c';
const RULE = `stampCards.${CARD}`;

interface Config {
  readonly stamps: number;
  readonly perDay: number | undefined;
  readonly expiresAfterDays: number | undefined;
  readonly onRefund: 'revoke' | 'keep';
  readonly points: number;
}

function programOf(c: Config): Program {
  return defineProgram({
    id: 'stamps',
    version: 1,
    currency: 'USD',
    timezone: 'America/Chicago',
    earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
    points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
    stampCards: [
      {
        id: CARD,
        stamps: c.stamps,
        minAmount: '3.00',
        ...(c.perDay === undefined ? {} : { perDay: c.perDay }),
        ...(c.expiresAfterDays === undefined ? {} : { expiresAfterDays: c.expiresAfterDays }),
        onRefund: c.onRefund,
        reward: { points: c.points },
      },
    ],
  });
}

const configArb = (o: { expiry?: boolean; onRefund?: 'revoke' | 'keep' } = {}): fc.Arbitrary<Config> =>
  fc.record({
    stamps: fc.integer({ min: 1, max: 5 }),
    perDay: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
    expiresAfterDays: o.expiry === true ? fc.integer({ min: 1, max: 6 }) : fc.constant(undefined),
    onRefund: o.onRefund === undefined ? fc.constantFrom<'revoke' | 'keep'>('revoke', 'keep') : fc.constant(o.onRefund),
    points: fc.integer({ min: 1, max: 100 }),
  });

type Op =
  | { readonly kind: 'buy'; readonly day: number; readonly sec: number; readonly cents: number }
  | { readonly kind: 'refund'; readonly day: number; readonly sec: number; readonly pick: number; readonly full: boolean; readonly part: number };

const opArb = (lastDay: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('buy' as const), day: fc.nat(lastDay), sec: fc.nat(86_399), cents: fc.integer({ min: 250, max: 450 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('refund' as const),
        day: fc.nat(lastDay),
        sec: fc.nat(86_399),
        pick: fc.nat(),
        full: fc.boolean(),
        part: fc.integer({ min: 1, max: 200 }),
      }),
    },
  );

/**
 * Ops over 3 days to 4 weeks (short spans crowd days, for perDay), sorted by day; stable, so the generated
 * order stays within a day and times go back and forth within it.
 */
const opsArb = (maxLength: number): fc.Arbitrary<Op[]> =>
  fc
    .integer({ min: 2, max: 27 })
    .chain((lastDay) => fc.array(opArb(lastDay), { maxLength }))
    .map((ops) => [...ops].sort((a, b) => a.day - b.day));

interface Order {
  readonly at: number;
  readonly cents: number;
  refunded: number;
  readonly day: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const money = (cents: number): string => (cents / 100).toFixed(2);

/** The events of a history; refunds pick an earlier order with something left, never before the order. */
function eventsOf(ops: readonly Op[]): { events: Record<string, unknown>[]; orders: Map<string, Order> } {
  const orders = new Map<string, Order>();
  const events: Record<string, unknown>[] = [];
  const left = new Map<string, number>();
  let n = 0;
  for (const op of ops) {
    const at = START + op.day * DAY + op.sec * 1000;
    if (op.kind === 'buy') {
      const orderId = `o${++n}`;
      orders.set(orderId, { at, cents: op.cents, refunded: 0, day: op.day });
      left.set(orderId, op.cents);
      events.push(purchase(iso(at), money(op.cents), { orderId, id: `p-${orderId}`, currency: 'USD' }));
    } else {
      const open = [...left].filter(([, l]) => l > 0);
      const chosen = open[op.pick % Math.max(1, open.length)];
      if (chosen === undefined) continue;
      const [orderId, rest] = chosen;
      const amount = op.full ? rest : Math.min(Math.max(op.part, 1), rest);
      left.set(orderId, rest - amount);
      const when = Math.max(at, (orders.get(orderId)?.at ?? at) + 1000);
      events.push(refund(iso(when), orderId, money(amount), { id: `r-${events.length}` }));
    }
  }
  return { events, orders };
}

/** Refunds of whatever is left of every order, an hour after the last event. */
function refundEverything(events: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const left = new Map<string, number>();
  let last = START;
  for (const e of events) {
    const cents = Math.round(Number(e.amount) * 100);
    const id = e.orderId as string;
    left.set(id, (left.get(id) ?? 0) + (e.type === 'purchase' ? cents : -cents));
    last = Math.max(last, Date.parse(e.at as string));
  }
  return [...left].filter(([, l]) => l > 0).map(([id, l], i) => refund(iso(last + DAY / 24 + i * 1000), id, money(l), { id: `final-${i}` }));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const EMPTY: CardState = { stamps: [], completed: [], filled: 0 };
const cardOf = (state: MemberState): CardState => state.engagement?.cards?.[CARD] ?? EMPTY;
const liveStamps = (card: CardState): CardState['stamps'] => [...card.stamps, ...card.completed.flatMap((k) => k.stamps)];
const cardChanges = (effects: readonly Effect[]): StampCardEffect[] => effects.filter((e): e is StampCardEffect => e.type === 'stamp_card');
const cardSum = (entries: readonly LedgerEntry[]): number => sum(entries.filter((e) => e.ruleId === RULE));

interface Counts {
  added: number;
  removed: number;
  revoked: number;
  expired: number;
  completed: number;
}

/**
 * Applies the events one by one with frozen inputs, checking after each step the invariants that hold for
 * every card (day limit, stamp accounting, balance = ledger, inputs unchanged). Returns the history.
 */
function simulate(program: Program, config: Config, events: readonly Record<string, unknown>[], each?: (state: MemberState, effects: readonly Effect[]) => void) {
  const programJson = JSON.stringify(program);
  let state = deepFreeze(newMemberState(program, 'm1'));
  const entries: LedgerEntry[] = [];
  const effects: Effect[] = [];
  const counts: Counts = { added: 0, removed: 0, revoked: 0, expired: 0, completed: 0 };
  for (const raw of events) {
    const event = deepFreeze(structuredClone(raw));
    const before = structuredClone(state);
    const r = evaluate(program, state, event);
    // (e) inputs never mutated (they are frozen, and still equal to copies taken before)
    expect(state).toEqual(before);
    expect(event).toEqual(raw);
    state = deepFreeze(r.state);
    effects.push(...r.effects);
    entries.push(...ledgerEntries(r.effects));
    for (const e of cardChanges(r.effects)) {
      if (e.change === 'expired') counts.expired += e.count ?? 0;
      else counts[e.change] += 1;
    }

    const card = cardOf(state);
    const live = liveStamps(card);
    // (a) at most perDay stamps per local day
    if (config.perDay !== undefined) {
      const perDay = new Map<string, number>();
      for (const s of live) perDay.set(s.day, (perDay.get(s.day) ?? 0) + 1);
      for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(config.perDay);
    }
    // one stamp per order, never a full current card after a step
    expect(new Set(live.map((s) => s.orderId)).size).toBe(live.length);
    expect(card.stamps.length).toBeLessThan(config.stamps);
    // stamps accounted for: added − removed − revoked − expired = on the cards (no refund window: nothing forgotten)
    expect(counts.added - counts.removed - counts.revoked - counts.expired).toBe(live.length);
    // cards filled: completed, less those revoked; without a refund window every one is kept, except (keep)
    // a card whose every order was refunded (it has no stamps left; it goes on the next event)
    expect(card.filled).toBe(counts.completed - counts.revoked);
    if (config.onRefund === 'revoke') expect(card.completed).toHaveLength(card.filled);
    else expect(card.completed.length).toBeLessThanOrEqual(card.filled);
    // (c) the balance is the sum of the ledger, and the card's points are its reward per card still held
    expect(balanceOf(state)).toBe(sum(entries));
    expect(cardSum(entries)).toBe(config.points * card.filled);
    each?.(state, r.effects);
  }
  expect(JSON.stringify(program)).toBe(programJson);
  return { state, entries, effects, counts };
}

describe('stamp cards (property-based)', () => {
  it('without expiry, the stamps on the cards are exactly those of the model; under revoke, filled = floor(stamped / stamps)', () => {
    fc.assert(
      fc.property(configArb(), opsArb(40), (config, ops) => {
        const program = programOf(config);
        const { events, orders } = eventsOf(ops);
        // the model: which orders hold a stamp
        const stamped = new Map<string, number>(); // order id → local day
        let i = 0;
        simulate(program, config, events, (state, effects) => {
          const event = events[i++];
          if (event === undefined) throw new Error('no event');
          const id = event.orderId as string;
          const order = orders.get(id);
          if (order === undefined) throw new Error(`no order ${id}`);
          const refused = effects.filter((e) => e.type === 'not_earned');
          if (event.type === 'purchase') {
            const today = [...stamped.values()].filter((d) => d === order.day).length;
            const counts = order.cents >= MIN_CENTS;
            const room = config.perDay === undefined || today < config.perDay;
            if (counts && room) stamped.set(id, order.day);
            // a refusal only for a purchase that counts but finds the day full
            expect(refused).toHaveLength(counts && !room ? 1 : 0);
          } else {
            order.refunded += Math.round(Number(event.amount) * 100);
            if (order.cents - order.refunded < MIN_CENTS) stamped.delete(id);
          }
          const card = cardOf(state);
          expect(liveStamps(card).map((s) => s.orderId).sort()).toEqual([...stamped.keys()].sort());
          expect(liveStamps(card).every((s) => s.day === `2024-01-${String((stamped.get(s.orderId) ?? -1) + 1).padStart(2, '0')}`)).toBe(true);
          if (config.onRefund === 'revoke') {
            // (b) stamps on the current card + stamps × completed cards = stamped orders not refunded below $3.00
            expect(card.stamps.length + config.stamps * card.completed.length).toBe(stamped.size);
            expect(card.filled).toBe(Math.floor(stamped.size / config.stamps));
            expect(card.stamps).toHaveLength(stamped.size % config.stamps);
          } else {
            // keep: a card once filled stays filled
            expect(card.filled).toBeGreaterThanOrEqual(Math.floor(stamped.size / config.stamps));
          }
        });
      }),
      { numRuns: runs(100) },
    );
  });

  it('under keep, a card once completed is never taken back', () => {
    fc.assert(
      fc.property(configArb({ onRefund: 'keep' }), opsArb(40), (config, ops) => {
        const program = programOf(config);
        const { events } = eventsOf(ops);
        const { counts, effects, state } = simulate(program, config, [...events, ...refundEverything(events)]);
        expect(counts.revoked).toBe(0);
        expect(effects.some((e) => e.type === 'reward_revoked')).toBe(false);
        expect(cardOf(state).filled).toBe(counts.completed);
        expect(cardOf(state).stamps).toEqual([]);
      }),
      { numRuns: runs(60) },
    );
  });

  it('with expiry, no stamp outlives its days on the current card and every card is completed with live stamps', () => {
    fc.assert(
      fc.property(configArb({ expiry: true, onRefund: 'keep' }), opsArb(40), fc.integer({ min: 0, max: 10 }), (config, ops, idle) => {
        const program = programOf(config);
        const { events } = eventsOf(ops);
        const days = config.expiresAfterDays ?? 0;
        const last = Math.max(START, ...events.map((e) => Date.parse(e.at as string)));
        const end = tick(iso(last + idle * DAY));
        const { state } = simulate(program, config, [...events, end], (s) => {
          const now = Date.parse(s.lastEventAt ?? '');
          const card = cardOf(s);
          // January in Chicago has no clock change: N days = N × 24 h
          for (const st of card.stamps) expect(Date.parse(st.at) + days * DAY).toBeGreaterThan(now);
          for (const k of card.completed) for (const st of k.stamps) expect(Date.parse(st.at) + days * DAY).toBeGreaterThan(Date.parse(k.at));
        });
        // a final tick `idle` ≥ `days` days after the last event: every stamp on the current card has expired
        if (idle >= days) expect(cardOf(state).stamps).toEqual([]);
      }),
      { numRuns: runs(100) },
    );
  });

  it('(d) refunding every order in full under revoke leaves no stamp-card points and no stamps', () => {
    fc.assert(
      fc.property(configArb({ onRefund: 'revoke' }), opsArb(40), (config, ops) => {
        const program = programOf(config);
        const { events } = eventsOf(ops);
        const { state, entries } = simulate(program, config, [...events, ...refundEverything(events)]);
        expect(cardSum(entries)).toBe(0);
        expect(cardOf(state)).toEqual(EMPTY);
        // every purchase point was clawed back too: nothing at all is left
        expect(sum(entries)).toBe(0);
        expect(state.stats.orders).toBe(0);
      }),
      { numRuns: runs(100) },
    );
  });

  it('(d) with expiry too, refunding everything under revoke takes back every card', () => {
    fc.assert(
      fc.property(configArb({ expiry: true, onRefund: 'revoke' }), opsArb(30), (config, ops) => {
        const program = programOf(config);
        const { events } = eventsOf(ops);
        let entries: LedgerEntry[] = [];
        let state = newMemberState(program, 'm1');
        for (const e of [...events, ...refundEverything(events)]) {
          const r = evaluate(program, state, e);
          state = r.state;
          entries = [...entries, ...ledgerEntries(r.effects)];
          expect(balanceOf(state)).toBe(sum(entries));
        }
        expect(cardSum(entries)).toBe(0);
        expect(cardOf(state).filled).toBe(0);
        expect(cardOf(state).completed).toEqual([]);
      }),
      { numRuns: runs(60) },
    );
  });
});
