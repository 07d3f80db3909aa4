// Stamp cards (program `stampCards`): "buy 10, get 1 free", by hand-computed examples.
//
// Times: January 2024 in America/Chicago is CST (UTC−6), so `2024-01-DDT15:00:00Z` is 09:00 local on
// the same date. Chicago moves to CDT (UTC−5) on 10 March 2024.
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  evaluate,
  safeEvaluate,
  type CardState,
  type Effect,
  type LedgerEntry,
  type MemberState,
  type NotEarnedEffect,
  type Program,
  type ProgramInput,
  type RewardIssuedEffect,
  type RewardRevokedEffect,
  type StampCardEffect,
} from '../../src/index.js';
import { byKind, makeProgram, purchase, refund, run, sum, tick, type Item } from '../helpers.js';
import { issuesOf, sortPairs, where } from '../program/refusals.js';

type CardInput = NonNullable<ProgramInput['stampCards']>[number];

const SALT = 'seed-002-coffee-shop-secret';
const FREE_COFFEE = { id: 'free-coffee', name: 'A free coffee', kind: 'free-product' as const, sku: 'coffee', cost: 1 };

/** Seed 002's coffee shop: USD, Chicago, 1 point per $1 (floor), a "buy 10, get 1 free" card of $3.00+ purchases, one stamp a day. */
function coffeeShop(card: Partial<CardInput> = {}, extra: Parameters<typeof makeProgram>[0] = {}): Program {
  return makeProgram({
    id: 'coffee-shop',
    currency: 'USD',
    timezone: 'America/Chicago',
    rewards: { codeSalt: SALT, catalog: [FREE_COFFEE] },
    stampCards: [{ id: 'coffee', name: 'Buy 10, get 1 free', stamps: 10, minAmount: '3.00', perDay: 1, reward: { reward: 'free-coffee' }, ...card }],
    ...extra,
  });
}

/** A purchase in USD. */
const buy = (at: string, amount: string, orderId: string, extra: { items?: Item[]; channel?: string } = {}): Record<string, unknown> =>
  purchase(at, amount, { orderId, currency: 'USD', ...extra });

/** 15:00 UTC (09:00 CST) on 2024-01-DD. */
const jan = (d: number, time = '15:00:00'): string => `2024-01-${String(d).padStart(2, '0')}T${time}Z`;

/** One $-amount purchase a day, orders o1…oN on 1…N January. */
const daily = (n: number, amount = '4.00', from = 1): Record<string, unknown>[] =>
  Array.from({ length: n }, (_, i) => buy(jan(from + i), amount, `o${from + i}`));

const stampsOf = (effects: readonly Effect[]): Omit<StampCardEffect, 'id' | 'memberId' | 'eventId' | 'at' | 'type'>[] =>
  effects
    .filter((e): e is StampCardEffect => e.type === 'stamp_card')
    .map(({ cardId, change, stamps, needed, orderId, count }) => ({
      cardId,
      change,
      stamps,
      needed,
      ...(orderId === undefined ? {} : { orderId }),
      ...(count === undefined ? {} : { count }),
    }));
const issued = (effects: readonly Effect[]): RewardIssuedEffect[] => effects.filter((e): e is RewardIssuedEffect => e.type === 'reward_issued');
const revoked = (effects: readonly Effect[]): RewardRevokedEffect[] => effects.filter((e): e is RewardRevokedEffect => e.type === 'reward_revoked');
const notEarned = (effects: readonly Effect[]): NotEarnedEffect[] => effects.filter((e): e is NotEarnedEffect => e.type === 'not_earned');
const cardEntries = (entries: readonly LedgerEntry[]): LedgerEntry[] => entries.filter((e) => e.ruleId?.startsWith('stampCards.') === true);
const card = (state: MemberState, id = 'coffee'): CardState | undefined => state.engagement?.cards?.[id];
const orderIds = (stamps: CardState['stamps'] | undefined): string[] => (stamps ?? []).map((s) => s.orderId);
const ledger = (effects: readonly Effect[]): LedgerEntry[] => effects.flatMap((e) => (e.type === 'ledger' ? [e.entry] : []));

const CODE = new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`);

/** Applies more events to a state, collecting effects. */
function more(program: Program, state: MemberState, events: readonly Record<string, unknown>[]): { state: MemberState; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const event of events) {
    const r = evaluate(program, state, event);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

describe('stamp cards: the coffee shop of seed 002 (buy 10, get 1 free)', () => {
  const program = coffeeShop();

  it('stamps each qualifying day; the 10th stamp issues a free coffee with a code and a new card starts', () => {
    const first9 = run(program, daily(9, '4.50'));
    // one stamp a day: 1, 2, …, 9 of 10
    expect(stampsOf(first9.effects).map((e) => [e.change, e.stamps, e.needed])).toEqual(Array.from({ length: 9 }, (_, i) => ['added', i + 1, 10]));
    expect(issued(first9.effects)).toEqual([]);

    const tenth = evaluate(program, first9.state, buy(jan(10), '4.50', 'o10'));
    // the 10th stamp fills the card (10 of 10), the card completes and the new card has 0 stamps
    expect(stampsOf(tenth.effects)).toEqual([
      { cardId: 'coffee', change: 'added', stamps: 10, needed: 10, orderId: 'o10' },
      { cardId: 'coffee', change: 'completed', stamps: 0, needed: 10, orderId: 'o10' },
    ]);
    const [reward, ...others] = issued(tenth.effects);
    expect(others).toEqual([]);
    expect(reward).toMatchObject({ rewardId: 'free-coffee', source: 'stamp_card', ruleId: 'stampCards.coffee', at: '2024-01-10T15:00:00.000Z' });
    expect(reward?.code).toMatch(CODE);
    // a catalog reward gives no points: the ledger has only the base earn, floor(4.50) = 4 points, 10 times = 40
    expect(cardEntries(ledger(tenth.effects))).toEqual([]);
    expect(sum([...first9.entries, ...ledger(tenth.effects)])).toBe(40);

    const c = card(tenth.state);
    expect(orderIds(c?.stamps)).toEqual([]);
    expect(c?.filled).toBe(1);
    expect(c?.completed.map((k) => orderIds(k.stamps))).toEqual([['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9', 'o10']]);
    expect(c?.completed[0]?.granted).toEqual({ rewardId: 'free-coffee', code: reward?.code });

    // the 11th day starts the next card at 1 of 10
    const eleventh = evaluate(program, tenth.state, buy(jan(11), '4.50', 'o11'));
    expect(stampsOf(eleventh.effects)).toEqual([{ cardId: 'coffee', change: 'added', stamps: 1, needed: 10, orderId: 'o11' }]);
  });

  it('issues a new code for every card, and the same codes on a replay', () => {
    const events = daily(20);
    const a = run(program, events);
    const b = run(program, events);
    const codes = issued(a.effects).map((e) => e.code);
    // 20 days = 2 full cards
    expect(codes).toHaveLength(2);
    expect(new Set(codes).size).toBe(2);
    expect(issued(b.effects).map((e) => e.code)).toEqual(codes);
    expect(card(a.state)?.filled).toBe(2);
  });

  it('gives no stamp to a $2.99 purchase, and one to exactly $3.00', () => {
    const below = run(program, [buy(jan(1), '2.99', 'o1')]);
    expect(stampsOf(below.effects)).toEqual([]);
    // not counting is not a refusal: no not_earned either
    expect(notEarned(below.effects)).toEqual([]);
    expect(card(below.state)).toBeUndefined();
    // the purchase still earns its points: floor(2.99) = 2
    expect(sum(below.entries)).toBe(2);

    const exactly = evaluate(program, below.state, buy(jan(2), '3.00', 'o2'));
    expect(stampsOf(exactly.effects)).toEqual([{ cardId: 'coffee', change: 'added', stamps: 1, needed: 10, orderId: 'o2' }]);
  });

  it('gives one stamp per Chicago day, even when the two purchases fall on different UTC dates', () => {
    // 10 Jan 09:00 CST = 10 Jan 15:00 UTC; 10 Jan 20:30 CST = 11 Jan 02:30 UTC: the same local day
    const { state } = run(program, [buy('2024-01-10T09:00:00-06:00', '4.00', 'o1')]);
    const second = evaluate(program, state, buy('2024-01-11T02:30:00Z', '4.00', 'o2'));
    expect(stampsOf(second.effects)).toEqual([]);
    expect(notEarned(second.effects)).toEqual([
      expect.objectContaining({ ruleId: 'stampCards.coffee', reason: 'frequency_limit', details: { perDay: 1 } }),
    ]);
    expect(orderIds(card(second.state)?.stamps)).toEqual(['o1']);
    // the purchase itself still earns: floor(4.00) = 4 points
    expect(sum(ledger(second.effects))).toBe(4);

    // 11 Jan 08:00 CST is the next local day: a stamp again
    const next = evaluate(program, second.state, buy('2024-01-11T08:00:00-06:00', '4.00', 'o3'));
    expect(stampsOf(next.effects)).toEqual([{ cardId: 'coffee', change: 'added', stamps: 2, needed: 10, orderId: 'o3' }]);
  });

  it('gives a stamp to each of two purchases on the same UTC date but different Chicago days', () => {
    // 11 Jan 05:30 UTC = 10 Jan 23:30 CST; 11 Jan 06:30 UTC = 11 Jan 00:30 CST
    const { state, effects } = run(program, [buy('2024-01-11T05:30:00Z', '4.00', 'o1'), buy('2024-01-11T06:30:00Z', '4.00', 'o2')]);
    expect(stampsOf(effects).map((e) => [e.change, e.stamps])).toEqual([
      ['added', 1],
      ['added', 2],
    ]);
    expect(notEarned(effects)).toEqual([]);
    expect(card(state)?.stamps.map((s) => s.day)).toEqual(['2024-01-10', '2024-01-11']);
  });

  it('counts the day whatever order its purchases arrive in', () => {
    // the later purchase of 10 January arrives first and takes the day's stamp
    const { state, effects } = run(program, [buy(jan(10, '20:00:00'), '4.00', 'late'), buy(jan(10, '15:00:00'), '4.00', 'early')]);
    expect(orderIds(card(state)?.stamps)).toEqual(['late']);
    expect(notEarned(effects)).toHaveLength(1);
  });

  it('counts stamps on a completed card toward the day limit', () => {
    // the 10th stamp on 10 January completes the card; a second purchase that day gets none
    const { state, effects } = run(program, [...daily(10), buy(jan(10, '22:00:00'), '4.00', 'again')]);
    expect(card(state)?.filled).toBe(1);
    expect(orderIds(card(state)?.stamps)).toEqual([]);
    expect(notEarned(effects)).toHaveLength(1);
  });

  it('allows perDay stamps a day', () => {
    const twice = coffeeShop({ perDay: 2 });
    // three purchases on 10 January (09:00, 10:00, 11:00 CST): 2 stamps, 1 refused
    const { state, effects } = run(twice, [buy(jan(10, '15:00:00'), '3.50', 'a'), buy(jan(10, '16:00:00'), '3.50', 'b'), buy(jan(10, '17:00:00'), '3.50', 'c')]);
    expect(orderIds(card(state)?.stamps)).toEqual(['a', 'b']);
    expect(notEarned(effects).map((e) => e.details)).toEqual([{ perDay: 2 }]);
  });
});

describe('stamp cards: rewards and what counts', () => {
  it('pays points for a full card, with an explained ledger entry', () => {
    const program = makeProgram({ currency: 'USD', timezone: 'America/Chicago', stampCards: [{ id: 'visits', stamps: 3, reward: { points: 50 } }] });
    const { state, entries, effects } = run(program, [buy(jan(1), '10.00', 'o1'), buy(jan(2), '20.00', 'o2'), buy(jan(3), '5.00', 'o3')]);
    // base: 10 + 20 + 5 = 35; the card on the 3rd purchase: 50; total 85
    expect(sum(entries)).toBe(85);
    expect(cardEntries(entries)).toEqual([
      expect.objectContaining({ kind: 'earn', points: 50, ruleId: 'stampCards.visits', orderId: 'o3', detail: { source: 'stamp_card', card: 1 } }),
    ]);
    expect(issued(effects)).toEqual([]);
    expect(card(state, 'visits')?.completed[0]?.granted.points).toBe(50);
    // without perDay, two purchases the same day give two stamps
    const sameDay = more(program, state, [buy(jan(4, '15:00:00'), '1.00', 'o4'), buy(jan(4, '16:00:00'), '1.00', 'o5')]);
    expect(orderIds(card(sameDay.state, 'visits')?.stamps)).toEqual(['o4', 'o5']);
  });

  it('counts only purchases with an item the filter selects', () => {
    const program = makeProgram({
      currency: 'USD',
      timezone: 'America/Chicago',
      earn: [],
      stampCards: [
        {
          id: 'pastry',
          stamps: 2,
          items: { include: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: 'pastry' }] } },
          reward: { points: 20 },
        },
      ],
    });
    const latte: Item = { sku: 'latte', category: 'coffee', quantity: 1, unitPrice: '4.00' };
    const croissant: Item = { sku: 'croissant', category: 'pastry', quantity: 1, unitPrice: '3.00' };
    const muffin: Item = { sku: 'muffin', category: 'pastry', quantity: 1, unitPrice: '2.50' };
    const { state, effects, entries } = run(program, [
      buy(jan(1), '4.00', 'coffee-only', { items: [latte] }), // no pastry: no stamp
      buy(jan(2), '4.00', 'no-items'), // no items at all: nothing for the filter to select
      buy(jan(3), '7.00', 'mixed', { items: [latte, croissant] }), // one pastry: 1 of 2
      buy(jan(4), '2.50', 'muffin', { items: [muffin] }), // 2 of 2: the card pays 20
    ]);
    expect(stampsOf(effects).map((e) => [e.change, e.orderId])).toEqual([
      ['added', 'mixed'],
      ['added', 'muffin'],
      ['completed', 'muffin'],
    ]);
    // the program earns nothing else: the balance is the card's 20
    expect(sum(entries)).toBe(20);
    expect(card(state, 'pastry')?.filled).toBe(1);
  });

  it('counts only purchases matching the condition', () => {
    const program = makeProgram({
      currency: 'USD',
      timezone: 'America/Chicago',
      earn: [],
      stampCards: [{ id: 'app', stamps: 2, condition: { all: [{ fact: 'event', path: '$.channel', operator: 'equal', value: 'app' }] }, reward: { points: 5 } }],
    });
    const { effects, entries } = run(program, [
      buy(jan(1), '4.00', 'store', { channel: 'store' }),
      buy(jan(2), '4.00', 'none'),
      buy(jan(3), '4.00', 'app1', { channel: 'app' }),
      buy(jan(4), '4.00', 'app2', { channel: 'app' }),
    ]);
    expect(stampsOf(effects).map((e) => [e.change, e.orderId])).toEqual([
      ['added', 'app1'],
      ['added', 'app2'],
      ['completed', 'app2'],
    ]);
    expect(sum(entries)).toBe(5);
  });

  it('keeps two cards of one program apart', () => {
    const program = makeProgram({
      currency: 'USD',
      timezone: 'America/Chicago',
      earn: [],
      stampCards: [
        { id: 'small', stamps: 2, reward: { points: 1 } },
        { id: 'big', stamps: 3, minAmount: '10.00', reward: { points: 100 } },
      ],
    });
    // small: all 4 count → 2 cards = 2 points; big: only the 3 of $10+ count → 1 card = 100 points
    const { state, entries } = run(program, [buy(jan(1), '10.00', 'a'), buy(jan(2), '5.00', 'b'), buy(jan(3), '10.00', 'c'), buy(jan(4), '12.00', 'd')]);
    expect(sum(entries)).toBe(102);
    expect(card(state, 'small')?.filled).toBe(2);
    expect(card(state, 'big')?.filled).toBe(1);
    expect(orderIds(card(state, 'big')?.completed[0]?.stamps)).toEqual(['a', 'c', 'd']);
  });
});

describe('stamp cards: refunds', () => {
  const points = (onRefund: 'revoke' | 'keep' = 'revoke'): Program => coffeeShop({ reward: { points: 100 }, onRefund });

  it('removes the stamp of an order refunded below minAmount; a partial refund that keeps it at $3.00 keeps the stamp', () => {
    const program = points();
    const { state } = run(program, [buy(jan(1), '5.00', 'o1'), buy(jan(2), '5.00', 'o2')]);
    // o1: 5.00 − 2.50 = 2.50 < 3.00 → its stamp leaves the current card (1 left)
    const below = evaluate(program, state, refund(jan(3), 'o1', '2.50'));
    expect(stampsOf(below.effects)).toEqual([{ cardId: 'coffee', change: 'removed', stamps: 1, needed: 10, orderId: 'o1' }]);
    expect(orderIds(card(below.state)?.stamps)).toEqual(['o2']);
    // o2: 5.00 − 2.00 = 3.00, not below 3.00 → the stamp stays
    const still = evaluate(program, below.state, refund(jan(3, '16:00:00'), 'o2', '2.00'));
    expect(stampsOf(still.effects)).toEqual([]);
    expect(orderIds(card(still.state)?.stamps)).toEqual(['o2']);
    // one more cent: 2.99 → removed
    const gone = evaluate(program, still.state, refund(jan(3, '17:00:00'), 'o2', '0.01'));
    expect(stampsOf(gone.effects)).toEqual([{ cardId: 'coffee', change: 'removed', stamps: 0, needed: 10, orderId: 'o2' }]);
    // a later refund of the rest of o1 has no stamp to remove
    const rest = evaluate(program, gone.state, refund(jan(4), 'o1', '2.50'));
    expect(stampsOf(rest.effects)).toEqual([]);
  });

  it('without minAmount, only a full refund removes the stamp', () => {
    const program = makeProgram({ currency: 'USD', timezone: 'America/Chicago', stampCards: [{ id: 'any', stamps: 5, reward: { points: 1 } }] });
    const { state } = run(program, [buy(jan(1), '5.00', 'o1'), refund(jan(2), 'o1', '4.99')]);
    // 0.01 left: the order still counts
    expect(orderIds(card(state, 'any')?.stamps)).toEqual(['o1']);
    const full = evaluate(program, state, refund(jan(3), 'o1', '0.01'));
    expect(stampsOf(full.effects)).toEqual([{ cardId: 'any', change: 'removed', stamps: 0, needed: 5, orderId: 'o1' }]);
  });

  it("revoke: refunding an order of a completed card claws its points back and returns the card's other 9 stamps", () => {
    const program = points('revoke');
    const ten = run(program, daily(10));
    // base 10 × 4 = 40, the card 100: 140
    expect(sum(ten.entries)).toBe(140);

    const r = evaluate(program, ten.state, refund(jan(12), 'o3', '4.00'));
    const entries = ledger(r.effects);
    // o3's own 4 points, and the card's 100
    expect(byKind(entries, 'clawback').map((e) => [e.ruleId, e.points])).toEqual([
      ['base', -4],
      ['stampCards.coffee', -100],
    ]);
    expect(cardEntries(entries)[0]).toMatchObject({ kind: 'clawback', orderId: 'o3', detail: { reason: 'stamp_refunded', clawed: 100 } });
    expect(stampsOf(r.effects)).toEqual([{ cardId: 'coffee', change: 'revoked', stamps: 9, needed: 10, orderId: 'o3' }]);
    // 140 − 4 − 100 = 36
    expect(sum([...ten.entries, ...entries])).toBe(36);
    const c = card(r.state);
    expect(orderIds(c?.stamps)).toEqual(['o1', 'o2', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9', 'o10']);
    expect(c?.completed).toEqual([]);
    expect(c?.filled).toBe(0);

    // the next qualifying purchase completes the card again: 36 + 4 + 100 = 140
    const again = evaluate(program, r.state, buy(jan(13), '4.00', 'o11'));
    expect(stampsOf(again.effects).map((e) => [e.change, e.stamps])).toEqual([
      ['added', 10],
      ['completed', 0],
    ]);
    expect(sum([...ten.entries, ...entries, ...ledger(again.effects)])).toBe(140);
    expect(card(again.state)?.filled).toBe(1);
  });

  it('revoke: a catalog reward is revoked with the code it was issued with', () => {
    const program = coffeeShop();
    const ten = run(program, daily(10));
    const code = issued(ten.effects)[0]?.code;
    expect(code).toMatch(CODE);

    const r = evaluate(program, ten.state, refund(jan(12), 'o7', '4.00'));
    expect(revoked(r.effects)).toEqual([expect.objectContaining({ rewardId: 'free-coffee', code, reason: 'stamp_refunded', at: '2024-01-12T15:00:00.000Z' })]);
    expect(cardEntries(ledger(r.effects))).toEqual([]);
    expect(card(r.state)?.stamps).toHaveLength(9);

    const again = evaluate(program, r.state, buy(jan(13), '4.00', 'o11'));
    const next = issued(again.effects);
    expect(next).toHaveLength(1);
    expect(next[0]?.code).not.toBe(code);
  });

  it('revoke: a refund below minAmount (not in full) is enough', () => {
    const program = points('revoke');
    const ten = run(program, daily(10));
    // o3: 4.00 − 1.01 = 2.99 < 3.00
    const r = evaluate(program, ten.state, refund(jan(12), 'o3', '1.01'));
    expect(stampsOf(r.effects).map((e) => e.change)).toEqual(['revoked']);
    expect(cardEntries(ledger(r.effects)).map((e) => e.points)).toEqual([-100]);
    // 4.00 − 1.00 = 3.00 on another order keeps everything
    const ok = evaluate(program, ten.state, refund(jan(12), 'o4', '1.00'));
    expect(stampsOf(ok.effects)).toEqual([]);
    expect(cardEntries(ledger(ok.effects))).toEqual([]);
  });

  it('revoke: the card completes again at once when the returned stamps and the current ones make 10', () => {
    const program = points('revoke');
    // o1…o10 fill card 1; o11, o12 are on the current card
    const twelve = run(program, daily(12));
    const r = evaluate(program, twelve.state, refund(jan(13), 'o5', '4.00'));
    // 9 returned + 2 current = 11: revoked (10 of 10 shown), then completed with 11 − 10 = 1 left
    expect(stampsOf(r.effects)).toEqual([
      { cardId: 'coffee', change: 'revoked', stamps: 10, needed: 10, orderId: 'o5' },
      { cardId: 'coffee', change: 'completed', stamps: 1, needed: 10 },
    ]);
    // −100 for the broken card, +100 for the new one
    expect(cardEntries(ledger(r.effects)).map((e) => [e.kind, e.points])).toEqual([
      ['clawback', -100],
      ['earn', 100],
    ]);
    // 12 × 4 + 100 − 4 − 100 + 100 = 144
    expect(sum([...twelve.entries, ...ledger(r.effects)])).toBe(144);
    const c = card(r.state);
    expect(orderIds(c?.completed[0]?.stamps)).toEqual(['o1', 'o2', 'o3', 'o4', 'o6', 'o7', 'o8', 'o9', 'o10', 'o11']);
    expect(orderIds(c?.stamps)).toEqual(['o12']);
    expect(c?.filled).toBe(1);
  });

  it('revoke: the points are clawed back even after they were spent (as debt under the debt policy)', () => {
    const program = coffeeShop({ reward: { points: 100 } }, { rewards: { codeSalt: SALT, catalog: [{ ...FREE_COFFEE, cost: 140 }] } });
    const ten = run(program, daily(10));
    // spend all 140 points
    const spent = more(program, ten.state, [{ id: 'red-1', type: 'redemption', memberId: 'm1', at: jan(11), rewardId: 'free-coffee' }]);
    expect(byKind(ledger(spent.effects), 'redeem').map((e) => e.points)).toEqual([-140]);
    const r = evaluate(program, spent.state, refund(jan(12), 'o3', '4.00'));
    // nothing left to take: base 4 and card 100 become 104 of debt
    expect(byKind(ledger(r.effects), 'clawback').map((e) => [e.ruleId, e.points])).toEqual([
      ['base', 0],
      ['stampCards.coffee', 0],
    ]);
    expect(r.state.debt).toBe(104);
  });

  it('keep: the member keeps the reward; the stamp leaves the completed card', () => {
    const program = points('keep');
    const ten = run(program, daily(10));
    const r = evaluate(program, ten.state, refund(jan(12), 'o3', '4.00'));
    expect(cardEntries(ledger(r.effects))).toEqual([]);
    expect(revoked(r.effects)).toEqual([]);
    // the current card is untouched: 0 stamps
    expect(stampsOf(r.effects)).toEqual([{ cardId: 'coffee', change: 'removed', stamps: 0, needed: 10, orderId: 'o3' }]);
    // 140 − o3's 4 points = 136
    expect(sum([...ten.entries, ...ledger(r.effects)])).toBe(136);
    const c = card(r.state);
    expect(c?.filled).toBe(1);
    expect(c?.completed[0]?.stamps).toHaveLength(9);
    // the next purchase starts the next card at 1
    const next = evaluate(program, r.state, buy(jan(13), '4.00', 'o11'));
    expect(stampsOf(next.effects).map((e) => [e.change, e.stamps])).toEqual([['added', 1]]);
  });

  it('keep: a catalog reward stays issued', () => {
    const program = coffeeShop({ onRefund: 'keep' });
    const ten = run(program, daily(10));
    const r = evaluate(program, ten.state, refund(jan(12), 'o3', '4.00'));
    expect(revoked(r.effects)).toEqual([]);
  });

  // Regression: the state check once capped money strings at 40 decimals, and a refunded share of a small
  // refund has more (a 1-cent refund of $3.01 is a share of 0.00332…, 42 decimals).
  it('accepts its own state after a refund of 1 cent (a small share of the order)', () => {
    const program = points();
    const { state } = run(program, [buy(jan(1), '3.01', 'o1'), refund(jan(1, '16:00:00'), 'o1', '0.01')]);
    // 3.01 − 0.01 = 3.00, not below 3.00: the stamp stays
    expect(orderIds(card(state)?.stamps)).toEqual(['o1']);
    const next = safeEvaluate(program, state, tick(jan(2)));
    expect(next.success ? 'accepted' : next.error.message).toBe('accepted');
  });

  it('frees the day of a refunded stamp for another purchase', () => {
    const program = points();
    const { state } = run(program, [buy(jan(1), '4.00', 'o1'), refund(jan(1, '16:00:00'), 'o1', '4.00')]);
    const again = evaluate(program, state, buy(jan(1, '17:00:00'), '4.00', 'o2'));
    expect(stampsOf(again.effects).map((e) => [e.change, e.stamps, e.orderId])).toEqual([['added', 1, 'o2']]);
  });
});

describe('stamp cards: expiresAfterDays', () => {
  const program = makeProgram({
    currency: 'USD',
    timezone: 'America/Chicago',
    earn: [],
    stampCards: [{ id: 'coffee', stamps: 5, expiresAfterDays: 7, reward: { points: 10 } }],
  });

  it('takes stamps older than 7 days off the current card on the next tick or event', () => {
    const { state } = run(program, [buy(jan(1), '4.00', 'o1'), buy(jan(3), '4.00', 'o3')]);
    // o1: 1 Jan 09:00 CST + 7 days = 8 Jan 09:00 CST = 15:00 UTC
    const before = evaluate(program, state, tick('2024-01-08T14:59:59Z'));
    expect(stampsOf(before.effects)).toEqual([]);
    const at = evaluate(program, before.state, tick('2024-01-08T15:00:00Z'));
    expect(stampsOf(at.effects)).toEqual([{ cardId: 'coffee', change: 'expired', stamps: 1, needed: 5, count: 1 }]);
    expect(at.effects.find((e) => e.type === 'stamp_card')).toMatchObject({ at: '2024-01-08T15:00:00.000Z' });
    expect(orderIds(card(at.state)?.stamps)).toEqual(['o3']);
    // o3 expires 10 Jan 15:00 UTC; a purchase at 16:00 expires it first, then adds its own stamp
    const next = evaluate(program, at.state, buy(jan(10, '16:00:00'), '4.00', 'o10'));
    expect(stampsOf(next.effects)).toEqual([
      { cardId: 'coffee', change: 'expired', stamps: 0, needed: 5, count: 1 },
      { cardId: 'coffee', change: 'added', stamps: 1, needed: 5, orderId: 'o10' },
    ]);
  });

  it('counts days on the Chicago clock across the change to summer time', () => {
    // 5 March 09:00 CST = 15:00 UTC; 7 days later is 12 March 09:00 CDT = 14:00 UTC (a 167-hour week)
    const { state } = run(program, [buy('2024-03-05T15:00:00Z', '4.00', 'o1')]);
    expect(stampsOf(evaluate(program, state, tick('2024-03-12T13:59:59Z')).effects)).toEqual([]);
    expect(stampsOf(evaluate(program, state, tick('2024-03-12T14:00:00Z')).effects).map((e) => e.count)).toEqual([1]);
  });

  it('expires several stamps at once, with their count', () => {
    const { state } = run(program, [buy(jan(1), '4.00', 'a'), buy(jan(2), '4.00', 'b'), buy(jan(5), '4.00', 'c')]);
    // a and b expire by 9 Jan 15:00 UTC; c (5 Jan) lasts until 12 Jan
    const r = evaluate(program, state, tick(jan(10)));
    expect(stampsOf(r.effects)).toEqual([{ cardId: 'coffee', change: 'expired', stamps: 1, needed: 5, count: 2 }]);
  });

  it('never expires the stamps of a completed card, nor its reward', () => {
    const small = makeProgram({ currency: 'USD', timezone: 'America/Chicago', earn: [], stampCards: [{ id: 'c', stamps: 2, expiresAfterDays: 1, reward: { points: 10 } }] });
    const { state, effects, entries } = run(small, [buy(jan(1), '4.00', 'a'), buy(jan(1, '20:00:00'), '4.00', 'b'), tick('2024-02-01T00:00:00Z')]);
    expect(stampsOf(effects).map((e) => e.change)).toEqual(['added', 'added', 'completed']);
    expect(sum(entries)).toBe(10);
    expect(orderIds(card(state, 'c')?.completed[0]?.stamps)).toEqual(['a', 'b']);
  });

  // Regression: under `onRefund: 'revoke'`, the stamps a broken card returns are checked against
  // `expiresAfterDays` before the card is filled again (they once completed a new card).
  it('revoke: returned stamps that are already expired do not complete a new card', () => {
    const p = makeProgram({
      currency: 'USD',
      timezone: 'America/Chicago',
      earn: [],
      stampCards: [{ id: 'c', stamps: 3, expiresAfterDays: 7, reward: { points: 100 } }],
    });
    // a, b, c (1–3 Jan) complete a card: 100 points. d (20 Jan) is on the current card.
    const { state, entries } = run(p, [buy(jan(1), '4.00', 'a'), buy(jan(2), '4.00', 'b'), buy(jan(3), '4.00', 'c'), buy(jan(20), '4.00', 'd')]);
    expect(sum(entries)).toBe(100);
    // refunding a on 20 Jan breaks the card: −100. b and c were given on 2 and 3 Jan, more than 7 days ago, so on
    // the current card they have expired: only d is left, no new card, balance 0.
    const r = evaluate(p, state, refund(jan(20, '16:00:00'), 'a', '4.00'));
    expect(sum([...entries, ...ledger(r.effects)])).toBe(0);
    expect(orderIds(card(r.state, 'c')?.stamps)).toEqual(['d']);
  });
});

describe('stamp cards: the refund window', () => {
  // 30-day refund window; a card of 2 stamps paying 10 points
  const program = makeProgram({
    currency: 'USD',
    timezone: 'America/Chicago',
    earn: [],
    refunds: { windowDays: 30 },
    stampCards: [{ id: 'c', stamps: 2, reward: { points: 10 } }],
  });

  it('keeps a completed card while one of its orders can be refunded', () => {
    // a (1 Jan) and b (2 Jan) complete a card; c (3 Jan) is on the current card
    const { state } = run(program, [buy(jan(1), '4.00', 'a'), buy(jan(2), '4.00', 'b'), buy(jan(3), '4.00', 'c')]);
    // 1 Feb 15:00 UTC: the cut-off is 30 days earlier on the Chicago clock, 2 Jan 09:00 CST = 15:00 UTC; a is
    // before it and dropped, b is not: the card stays, and refunding b still revokes it
    const feb1 = more(program, state, [tick('2024-02-01T15:00:00Z'), tick('2024-02-01T15:00:00Z')]);
    expect(Object.keys(feb1.state.orders).sort()).toEqual(['b', 'c']);
    expect(card(feb1.state, 'c')?.completed).toHaveLength(1);
    const r = evaluate(program, feb1.state, refund('2024-02-01T15:00:00Z', 'b', '4.00'));
    // −10 for the broken card; a's stamp comes back and, with c's, makes 2 of 2: a new card, +10
    expect(cardEntries(ledger(r.effects)).map((e) => e.points)).toEqual([-10, 10]);
    expect(orderIds(card(r.state, 'c')?.stamps)).toEqual([]);
    expect(card(r.state, 'c')?.completed.map((k) => orderIds(k.stamps))).toEqual([['a', 'c']]);
  });

  it('forgets completed cards no refund can reach, so the state stays small', () => {
    // a purchase a day from 1 January (index 0) to 29 April (index 119), 15:00 UTC
    const events = Array.from({ length: 120 }, (_, i) => buy(new Date(Date.UTC(2024, 0, 1 + i, 15)).toISOString(), '4.00', `o${i}`));
    const { state } = run(program, [...events, tick('2024-04-29T15:00:00Z')]);
    // 120 stamps = 60 cards of 2
    const c = card(state, 'c');
    expect(c?.filled).toBe(60);
    expect(c?.stamps).toEqual([]);
    // 29 Apr 15:00 UTC = 10:00 CDT; the cut-off is 30 Mar 10:00 CDT = 15:00 UTC = index 89 (1 Mar is index 60),
    // which is kept: orders 89 … 119 (31). Cards hold indices (0,1), (2,3), …: card (88,89) still has 89 →
    // cards (88,89) … (118,119): 16 cards.
    expect(Object.keys(state.orders)).toHaveLength(31);
    expect(c?.completed).toHaveLength(16);
    expect(c?.completed[0]?.stamps.map((s) => s.orderId)).toEqual(['o88', 'o89']);
    // refunding a dropped order is refused
    const gone = safeEvaluate(program, state, refund('2024-04-29T15:00:00Z', 'o88', '4.00'));
    expect(gone.success === false && gone.error.code).toBe('unknown_order');
  });

  // Regression: completed cards are forgotten after `pruneOrders`, in the step that drops their last order.
  it('forgets a completed card in the same step that drops its last order', () => {
    const { state } = run(program, [buy(jan(1), '4.00', 'a'), buy(jan(2), '4.00', 'b'), buy(jan(3), '4.00', 'c')]);
    // 2 Feb 15:00:01 UTC: the cut-off is 3 Jan 15:00:01 UTC; a, b and c are all dropped
    const r = evaluate(program, state, tick('2024-02-02T15:00:01Z'));
    expect(r.state.orders).toEqual({});
    expect(safeEvaluate(program, r.state, refund('2024-02-02T15:00:01Z', 'b', '4.00')).success).toBe(false);
    expect(card(r.state, 'c')?.completed).toEqual([]);
  });
});

describe('stamp cards: static checks', () => {
  const base = {
    id: 'coffee-shop',
    version: 1,
    currency: 'USD',
    timezone: 'America/Chicago',
    points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
  };

  it('refuses duplicate card ids, a reward that gives nothing, and an unknown catalog reward, with codes and paths', () => {
    const issues = issuesOf({
      ...base,
      rewards: { codeSalt: SALT, catalog: [FREE_COFFEE] },
      stampCards: [
        { id: 'coffee', stamps: 10, reward: { reward: 'free-coffee' } },
        { id: 'coffee', stamps: 5, reward: { points: 10 } },
        { id: 'empty', stamps: 5, reward: {} },
        { id: 'typo', stamps: 5, reward: { reward: 'free-cofee' } },
      ],
    });
    expect(where(issues)).toEqual(
      sortPairs([
        [['stampCards', 1, 'id'], 'duplicate_id'],
        [['stampCards', 2, 'reward'], 'missing_field'],
        [['stampCards', 3, 'reward', 'reward'], 'unknown_reference'],
      ]),
    );
    expect(issues.find((i) => i.code === 'unknown_reference')?.message).toContain('free-cofee');
    expect(issues.find((i) => i.code === 'duplicate_id')?.message).toContain('stampCards[0]');
  });

  it('asks for the rewards section when a card issues a reward without one, and for the wallet for wallet credit', () => {
    const issues = issuesOf({
      ...base,
      stampCards: [
        { id: 'a', stamps: 10, reward: { reward: 'free-coffee' } },
        { id: 'b', stamps: 10, reward: { walletCredit: '5.00' } },
      ],
    });
    expect(where(issues)).toEqual(
      sortPairs([
        [['stampCards', 0, 'reward', 'reward'], 'unknown_reference'],
        [['wallet'], 'undeclared'],
      ]),
    );
  });

  it('refuses a card of 0 stamps and unknown keys, and checks the facts of its conditions', () => {
    const issues = issuesOf({
      ...base,
      stampCards: [
        { id: 'zero', stamps: 0, reward: { points: 1 } },
        { id: 'extra', stamps: 2, reward: { points: 1 }, colour: 'red' },
      ],
    });
    expect(issues.map((i) => i.path.slice(0, 2))).toEqual([
      ['stampCards', 0],
      ['stampCards', 1],
    ]);
    const facts = issuesOf({
      ...base,
      stampCards: [{ id: 'f', stamps: 2, reward: { points: 1 }, items: { include: { all: [{ fact: 'nope', operator: 'equal', value: 1 }] } } }],
    });
    expect(facts.every((i) => i.path.slice(0, 4).join('.') === 'stampCards.0.items.include')).toBe(true);
    expect(facts.length).toBeGreaterThan(0);
  });
});
