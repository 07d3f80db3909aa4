// Wallet properties (docs/cashback.md), over generated programs and member histories:
// - the balance is always cashback + credited − debited − clawed back (state.wallet.totals), and the sum
//   of every wallet entry so far; each entry's `balance` is the running sum after it;
// - what an order's cashback keeps (credited − clawed back) is never negative, never more than was
//   credited, and exactly 0 once the order is refunded in full;
// - a refused `wallet_debit` is refused for one of the documented reasons, and changes nothing;
// - money strings carry at least the currency's minor-unit decimals.
//
// Programs: GBP (2 decimals), JPY (0) or BHD (3); any wallet rounding; optional minRedeem; 1–3
// cashback rules, percent or stepwise, with or without an item filter, maxPerOrder, minOrderAmount;
// a spend rule (so points entries share the event's effect ids) and a wallet-credit reward.
// Histories: purchases (with or without items, discounted), refunds only of earlier orders and never
// more than is left (by amount, by items, or in full), wallet debits (some of them refusable),
// redemptions of the wallet-credit reward and their reversals.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LoyaltyError,
  defineProgram,
  evaluate,
  newMemberState,
  safeEvaluate,
  type Effect,
  type MemberState,
  type Program,
  type ProgramInput,
  type WalletEntry,
} from '../../src/index.js';
import { runs } from '../support/runs.js';

const D = Decimal.clone({ precision: 60 });
type D = Decimal;
const dec = (s: string): D => new D(s);

const CURRENCIES = { GBP: 2, JPY: 0, BHD: 3 } as const;
type Code = keyof typeof CURRENCIES;
const CATEGORIES = ['shoes', 'hats', 'books'];

/** An integer count of minor units as a decimal string of the currency ("1234" → "12.34" in GBP). */
const fmt = (minor: number, places: number): string => new D(minor).div(new D(10).pow(places)).toFixed(places);
/** Digits after the point as written. */
const decimalsOf = (s: string): number => (s.includes('.') ? (s.split('.')[1] ?? '').length : 0);

// ---------------------------------------------------------------------------
// Programs
// ---------------------------------------------------------------------------

interface RuleSpec {
  readonly how: { kind: 'percent'; percent: string } | { kind: 'every'; amountMinor: number; perMinor: number };
  readonly filter: { kind: 'include' | 'exclude'; category: number } | undefined;
  readonly maxMinor: number | undefined;
  readonly minOrderMinor: number | undefined;
}

interface ProgramSpec {
  readonly currency: Code;
  readonly rounding: 'floor' | 'ceil' | 'round-half-up' | 'round-half-even';
  readonly minRedeemMinor: number | undefined;
  readonly rules: readonly RuleSpec[];
  readonly creditMinor: number;
}

const ruleArb: fc.Arbitrary<RuleSpec> = fc.record({
  how: fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), percent: fc.constantFrom('1', '2.5', '5', '10', '12.345', '33.3', '100') }),
    fc.record({ kind: fc.constant('every' as const), amountMinor: fc.constantFrom(1, 50, 100, 250), perMinor: fc.constantFrom(100, 750, 2000, 3333) }),
  ),
  filter: fc.option(fc.record({ kind: fc.constantFrom('include' as const, 'exclude' as const), category: fc.integer({ min: 0, max: 2 }) }), { nil: undefined }),
  maxMinor: fc.option(fc.constantFrom(300, 1000), { nil: undefined, freq: 4 }),
  minOrderMinor: fc.option(fc.constantFrom(1000, 5000), { nil: undefined, freq: 4 }),
});

const programSpecArb: fc.Arbitrary<ProgramSpec> = fc.record({
  currency: fc.constantFrom<Code>('GBP', 'JPY', 'BHD'),
  rounding: fc.constantFrom('floor' as const, 'ceil' as const, 'round-half-up' as const, 'round-half-even' as const),
  minRedeemMinor: fc.option(fc.constantFrom(1, 50, 500), { nil: undefined }),
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
  creditMinor: fc.constantFrom(1, 500, 1234),
});

function build(spec: ProgramSpec): Program {
  const places = CURRENCIES[spec.currency];
  const m = (n: number): string => fmt(n, places);
  const earn: NonNullable<ProgramInput['earn']> = [{ id: 'base', kind: 'spend', rate: { points: 1, per: m(100) } }];
  spec.rules.forEach((r, i) => {
    const filter = r.filter === undefined ? undefined : { [r.filter.kind]: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: CATEGORIES[r.filter.category] }] } };
    earn.push({
      id: `cb${i}`,
      kind: 'cashback',
      ...(r.how.kind === 'percent' ? { percent: r.how.percent } : { every: { amount: m(r.how.amountMinor), per: m(r.how.perMinor) } }),
      ...(filter === undefined ? {} : { items: filter }),
      ...(r.maxMinor === undefined ? {} : { maxPerOrder: m(r.maxMinor) }),
      ...(r.minOrderMinor === undefined ? {} : { minOrderAmount: m(r.minOrderMinor) }),
    });
  });
  return defineProgram({
    id: 'wallet-props',
    version: 1,
    currency: spec.currency,
    timezone: 'Europe/London',
    points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
    earn,
    wallet: { rounding: spec.rounding, ...(spec.minRedeemMinor === undefined ? {} : { minRedeem: m(spec.minRedeemMinor) }) },
    rewards: { codeSalt: 'x'.repeat(16), catalog: [{ id: 'credit', kind: 'wallet-credit', cost: 20, value: m(spec.creditMinor) }] },
  });
}

// ---------------------------------------------------------------------------
// Histories
// ---------------------------------------------------------------------------

type Step =
  | { kind: 'purchase'; hours: number; lines: { sku: number; quantity: number; minor: number; category: number }[]; discount: number; bare: number }
  | { kind: 'refund'; hours: number; pick: number; mode: 'full' | 'fraction' | 'item'; fraction: number }
  | { kind: 'debit'; hours: number; mode: 'share' | 'raw' | 'precise'; share: number; minor: number }
  | { kind: 'redeem'; hours: number }
  | { kind: 'reverse'; hours: number; pick: number };

const hours = fc.integer({ min: 0, max: 24 * 8 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('purchase' as const),
      hours,
      lines: fc.array(fc.record({ sku: fc.integer({ min: 0, max: 4 }), quantity: fc.integer({ min: 1, max: 3 }), minor: fc.integer({ min: 1, max: 9_999 }), category: fc.integer({ min: 0, max: 3 }) }), { maxLength: 4 }),
      discount: fc.integer({ min: 0, max: 30 }),
      bare: fc.integer({ min: 1, max: 20_000 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('refund' as const), hours, pick: fc.nat(), mode: fc.constantFrom('full' as const, 'fraction' as const, 'item' as const), fraction: fc.integer({ min: 1, max: 99 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('debit' as const), hours, mode: fc.constantFrom('share' as const, 'raw' as const, 'precise' as const), share: fc.integer({ min: 1, max: 100 }), minor: fc.integer({ min: 1, max: 5_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redeem' as const), hours }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), hours, pick: fc.nat() }) },
);

interface OpenOrder {
  readonly orderId: string;
  readonly paidMinor: number;
  leftMinor: number;
  readonly lines: { sku: string; quantity: number; left: number; minor: number; category: number }[];
  /** How it has been refunded so far. */
  byAmount: boolean;
  byItems: boolean;
}

/** What the run saw: every wallet entry, every refused debit, and the state after each event. */
interface Trace {
  readonly program: Program;
  readonly places: number;
  readonly states: MemberState[];
  readonly entries: WalletEntry[];
  /** The entries after each event (cumulative count). */
  readonly counts: number[];
  readonly fullyRefunded: Set<string>;
  /** Every order as sent, with what is left of it. */
  readonly orders: Map<string, OpenOrder>;
}

/**
 * Runs the steps for member m1, checking after every event with `check`; debits go through
 * safeEvaluate and a refusal is checked against the documented reasons and must change nothing.
 */
function runSteps(spec: ProgramSpec, steps: readonly Step[], check: (trace: Trace) => void): void {
  const program = build(spec);
  const places = CURRENCIES[spec.currency];
  const m = (n: number): string => fmt(n, places);
  const trace: Trace = { program, places, states: [], entries: [], counts: [], fullyRefunded: new Set(), orders: new Map() };
  const orders: OpenOrder[] = [];
  const redemptions: string[] = [];
  let state = newMemberState(program, 'm1');
  let t = Date.parse('2024-01-01T00:00:00Z');
  const apply = (effects: readonly Effect[], next: MemberState): void => {
    state = next;
    for (const e of effects) if (e.type === 'wallet') trace.entries.push(e.entry);
    trace.states.push(state);
    trace.counts.push(trace.entries.length);
    check(trace);
  };

  steps.forEach((step, i) => {
    t += step.hours * 3_600_000;
    const at = new Date(t).toISOString();
    const id = `e${i}`;
    if (step.kind === 'purchase') {
      const merged = new Map<string, { sku: string; quantity: number; minor: number; category: number }>();
      for (const l of step.lines) {
        const sku = `sku${l.sku}`;
        const prev = merged.get(sku);
        merged.set(sku, prev === undefined ? { ...l, sku } : { ...prev, quantity: prev.quantity + l.quantity });
      }
      const lines = [...merged.values()];
      const listed = lines.reduce((s, l) => s + l.minor * l.quantity, 0);
      const paid = lines.length === 0 ? step.bare : Math.max(1, Math.round((listed * (100 - step.discount)) / 100));
      const orderId = `o${i}`;
      const open: OpenOrder = { orderId, paidMinor: paid, leftMinor: paid, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, left: l.quantity, minor: l.minor, category: l.category })), byAmount: false, byItems: false };
      orders.push(open);
      trace.orders.set(orderId, open);
      const event = {
        id, type: 'purchase', memberId: 'm1', at, orderId, amount: m(paid), currency: spec.currency,
        ...(lines.length === 0 ? {} : { items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: m(l.minor), ...(l.category < 3 ? { category: CATEGORIES[l.category] } : {}) })) }),
      };
      const r = evaluate(program, state, event);
      apply(r.effects, r.state);
    } else if (step.kind === 'refund') {
      const open = orders.filter((o) => o.leftMinor > 0);
      const order = open[step.pick % Math.max(1, open.length)];
      if (order === undefined) return;
      const line = order.lines.find((l) => l.left > 0);
      let amount: number;
      let items: { sku: string; quantity: number }[] | undefined;
      if (step.mode === 'item' && line !== undefined) {
        amount = Math.min(order.leftMinor, line.minor);
        line.left -= 1;
        order.byItems = true;
        items = [{ sku: line.sku, quantity: 1 }];
      } else if (step.mode === 'full') amount = order.leftMinor;
      else amount = Math.max(1, Math.floor((order.leftMinor * step.fraction) / 100));
      if (items === undefined) order.byAmount = true;
      order.leftMinor -= amount;
      if (order.leftMinor === 0) trace.fullyRefunded.add(order.orderId);
      const r = evaluate(program, state, { id, type: 'refund', memberId: 'm1', at, orderId: order.orderId, amount: m(amount), ...(items === undefined ? {} : { items }) });
      apply(r.effects, r.state);
    } else if (step.kind === 'debit') {
      const balance = dec(state.wallet?.balance ?? '0');
      let amount: string;
      if (step.mode === 'share') {
        // a share of the balance, floored to the minor unit (at least one minor unit)
        const share = balance.times(step.share).div(100).toDecimalPlaces(places, D.ROUND_FLOOR);
        amount = (share.gt(0) ? share : new D(1).div(new D(10).pow(places))).toFixed(places);
      } else if (step.mode === 'raw') amount = m(step.minor);
      else amount = `${m(step.minor)}${places === 0 ? '.' : ''}5`; // one decimal more than the currency
      const event = { id, type: 'wallet_debit', memberId: 'm1', at, amount, orderId: `checkout${i}` };
      // the documented reasons, from the spec
      const reasons: string[] = [];
      if (decimalsOf(amount) > places) reasons.push('too_precise');
      if (spec.minRedeemMinor !== undefined && dec(amount).lt(dec(m(spec.minRedeemMinor)))) reasons.push('below_minimum');
      if (dec(amount).gt(balance)) reasons.push('insufficient_funds');
      const before = structuredClone(state);
      const r = safeEvaluate(program, state, event);
      if (r.success) {
        expect(reasons, `debit ${amount} of ${balance.toFixed()} should have been refused`).toEqual([]);
        const debits = r.effects.flatMap((e) => (e.type === 'wallet' ? [e.entry] : []));
        expect(debits.map((e) => [e.kind, dec(e.amount).toFixed()])).toEqual([['debit', dec(amount).neg().toFixed()]]);
        apply(r.effects, r.state);
      } else {
        expect(r.error).toBeInstanceOf(LoyaltyError);
        expect(reasons, `debit ${amount} refused with ${r.error.code}`).toContain(r.error.code);
        expect(state).toEqual(before);
      }
    } else if (step.kind === 'redeem') {
      const r = evaluate(program, state, { id, type: 'redemption', memberId: 'm1', at, rewardId: 'credit' });
      if (r.effects.some((e) => e.type === 'reward_redeemed')) redemptions.push(id);
      apply(r.effects, r.state);
    } else {
      const k = step.pick % Math.max(1, redemptions.length);
      const redemptionId = redemptions[k];
      if (redemptionId === undefined) return;
      redemptions.splice(k, 1);
      const r = evaluate(program, state, { id, type: 'redemption_reversal', memberId: 'm1', at, redemptionId });
      apply(r.effects, r.state);
    }
  });
}

const historyArb = fc.array(stepArb, { minLength: 1, maxLength: 40 });
const RUNS = { numRuns: runs(300) };

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

describe('wallet properties', () => {
  it('after every event: balance = cashback + credited − debited − clawedBack = the sum of all wallet entries; each entry carries the running balance', () => {
    fc.assert(
      fc.property(programSpecArb, historyArb, (spec, steps) => {
        runSteps(spec, steps, ({ states, entries, counts }) => {
          const state = states[states.length - 1];
          const wallet = state?.wallet;
          expect(wallet).toBeDefined();
          if (wallet === undefined) return;
          const { cashback, credited, debited, clawedBack } = wallet.totals;
          const balance = dec(wallet.balance);
          expect(dec(cashback).plus(credited).minus(debited).minus(clawedBack).eq(balance), `${cashback} + ${credited} − ${debited} − ${clawedBack} ≠ ${wallet.balance}`).toBe(true);
          let running = new D(0);
          for (const e of entries) {
            running = running.plus(e.amount);
            expect(dec(e.balance).eq(running), `entry ${e.id}: balance ${e.balance}, running sum ${running.toFixed()}`).toBe(true);
          }
          expect(running.eq(balance), `sum of entries ${running.toFixed()} ≠ balance ${wallet.balance}`).toBe(true);
          // totals by kind agree with the entries of that kind
          const sumOf = (kind: WalletEntry['kind']): D => entries.filter((e) => e.kind === kind).reduce((s, e) => s.plus(e.amount), new D(0));
          expect(sumOf('cashback').eq(cashback)).toBe(true);
          expect(sumOf('credit').eq(credited)).toBe(true);
          expect(sumOf('debit').neg().eq(debited)).toBe(true);
          expect(sumOf('clawback').neg().eq(clawedBack)).toBe(true);
          expect(counts[counts.length - 1]).toBe(entries.length);
        });
      }),
      RUNS,
    );
  });

  it("an order's cashback less what its refunds clawed back is never negative, never more than credited, and exactly 0 after a full refund", () => {
    fc.assert(
      fc.property(programSpecArb, historyArb, (spec, steps) => {
        runSteps(spec, steps, ({ entries, fullyRefunded }) => {
          const perRule = new Map<string, { credited: D; clawed: D }>();
          for (const e of entries) {
            if (e.kind !== 'cashback' && e.kind !== 'clawback') continue;
            expect(e.orderId).toBeDefined();
            const key = `${e.orderId ?? '?'} ${e.ruleId}`;
            const acc = perRule.get(key) ?? { credited: new D(0), clawed: new D(0) };
            if (e.kind === 'cashback') {
              expect(dec(e.amount).gt(0), `cashback ${e.amount}`).toBe(true);
              // one cashback entry per rule and order
              expect(acc.credited.isZero(), `second cashback entry for ${key}`).toBe(true);
              acc.credited = acc.credited.plus(e.amount);
            } else {
              expect(dec(e.amount).lt(0), `clawback ${e.amount}`).toBe(true);
              acc.clawed = acc.clawed.minus(e.amount);
            }
            perRule.set(key, acc);
          }
          const perOrder = new Map<string, { credited: D; clawed: D }>();
          for (const [key, { credited, clawed }] of perRule) {
            const kept = credited.minus(clawed);
            expect(kept.gte(0), `${key}: credited ${credited.toFixed()}, clawed ${clawed.toFixed()}`).toBe(true);
            expect(kept.lte(credited), `${key}: kept ${kept.toFixed()} > credited ${credited.toFixed()}`).toBe(true);
            const orderId = key.split(' ')[0] ?? '';
            const acc = perOrder.get(orderId) ?? { credited: new D(0), clawed: new D(0) };
            perOrder.set(orderId, { credited: acc.credited.plus(credited), clawed: acc.clawed.plus(clawed) });
          }
          for (const [orderId, { credited, clawed }] of perOrder) {
            const kept = credited.minus(clawed);
            expect(kept.gte(0) && kept.lte(credited)).toBe(true);
            if (fullyRefunded.has(orderId)) expect(kept.isZero(), `order ${orderId} refunded in full keeps ${kept.toFixed()}`).toBe(true);
          }
        });
      }),
      RUNS,
    );
  });

  it('what each rule credits on an order, and keeps after refunds (all by amount, or all by items), is what the rest of the order would earn', () => {
    // An oracle computed from the spec with exact fractions, in minor units:
    //   eligible base = paid × (listed value of the chosen items) / (listed value of all items), or paid without items;
    //   percent: round(base × percent / 100) with wallet.rounding; every: floor(base / per) × amount; at most maxPerOrder;
    //   nothing below minOrderAmount (the order amount), or for a filtered rule on an order without items.
    // After refunds the member keeps min(credited, the same on what is left): by amount, base × (paid − refunded) / paid;
    // by items, the chosen items not returned. A full refund keeps nothing.
    const MODES = { floor: D.ROUND_FLOOR, ceil: D.ROUND_CEIL, 'round-half-up': D.ROUND_HALF_UP, 'round-half-even': D.ROUND_HALF_EVEN } as const;
    fc.assert(
      fc.property(programSpecArb, historyArb, (spec, steps) => {
        const earn = (rule: RuleSpec, num: D, den: D): D => {
          // base = num / den minor units
          const how = rule.how;
          let minor = how.kind === 'percent' ? num.times(how.percent).div(den.times(100)).toDecimalPlaces(0, MODES[spec.rounding]) : num.div(den.times(how.perMinor)).floor().times(how.amountMinor);
          if (rule.maxMinor !== undefined) minor = D.min(minor, rule.maxMinor);
          return minor;
        };
        const chosen = (rule: RuleSpec, category: number): boolean =>
          rule.filter === undefined || (rule.filter.kind === 'include' ? category === rule.filter.category : category !== rule.filter.category);
        runSteps(spec, steps, ({ entries, orders, fullyRefunded, places }) => {
          const toMinor = (s: string): D => dec(s).times(new D(10).pow(places));
          for (const order of orders.values()) {
            spec.rules.forEach((rule, i) => {
              const ruleId = `cb${i}`;
              const mine = entries.filter((e) => e.orderId === order.orderId && e.ruleId === ruleId);
              const credited = mine.filter((e) => e.kind === 'cashback').reduce((s, e) => s.plus(toMinor(e.amount)), new D(0));
              const clawed = mine.filter((e) => e.kind === 'clawback').reduce((s, e) => s.minus(toMinor(e.amount)), new D(0));
              // what the purchase should have credited
              let expected: D;
              const total = order.lines.reduce((s, l) => s + l.minor * l.quantity, 0);
              const sel = order.lines.reduce((s, l) => s + (chosen(rule, l.category) ? l.minor * l.quantity : 0), 0);
              if (rule.minOrderMinor !== undefined && order.paidMinor < rule.minOrderMinor) expected = new D(0);
              else if (order.lines.length === 0) expected = rule.filter === undefined ? earn(rule, new D(order.paidMinor), new D(1)) : new D(0);
              else expected = earn(rule, new D(order.paidMinor).times(sel), new D(total));
              expect(credited.toFixed(), `${order.orderId} ${ruleId} credited`).toBe(expected.toFixed());
              // what it keeps now
              const kept = credited.minus(clawed);
              if (fullyRefunded.has(order.orderId)) {
                expect(kept.toFixed(), `${order.orderId} ${ruleId} kept after a full refund`).toBe('0');
                return;
              }
              if (order.byAmount && order.byItems) return; // mixed: only the bounds of the other property
              let rest: D;
              if (!order.byAmount && !order.byItems) rest = credited;
              else if (order.byAmount) {
                const left = order.leftMinor;
                rest = order.lines.length === 0 ? earn(rule, new D(left), new D(1)) : earn(rule, new D(sel).times(left), new D(total));
              } else {
                const selLeft = order.lines.reduce((s, l) => s + (chosen(rule, l.category) ? l.minor * l.left : 0), 0);
                rest = earn(rule, new D(order.paidMinor).times(selLeft), new D(total));
              }
              expect(kept.toFixed(), `${order.orderId} ${ruleId} kept (credited ${credited.toFixed()})`).toBe(D.min(credited, rest).toFixed());
            });
          }
        });
      }),
      RUNS,
    );
  });

  it("wallet entries' amounts and balances, and the state's balance once it has moved, carry at least the currency's minor-unit decimals; ids are `${eventId}:${n}` and unique", () => {
    fc.assert(
      fc.property(programSpecArb, historyArb, (spec, steps) => {
        runSteps(spec, steps, ({ states, entries, places, program }) => {
          const ids = new Set<string>();
          for (const e of entries) {
            expect(decimalsOf(e.amount), `amount ${e.amount}`).toBeGreaterThanOrEqual(places);
            expect(decimalsOf(e.balance), `balance ${e.balance}`).toBeGreaterThanOrEqual(places);
            expect(e.currency).toBe(program.currency);
            expect(e.id).toMatch(new RegExp(`^${e.eventId}:\\d+$`));
            expect(ids.has(e.id), `duplicate id ${e.id}`).toBe(false);
            ids.add(e.id);
          }
          const wallet = states[states.length - 1]?.wallet;
          if (wallet !== undefined && entries.length > 0) expect(decimalsOf(wallet.balance), `state balance ${wallet.balance}`).toBeGreaterThanOrEqual(places);
        });
      }),
      RUNS,
    );
  });

  it("state.wallet totals carry at least the currency's minor-unit decimals, also those nothing has moved yet", () => {
    fc.assert(
      fc.property(programSpecArb, historyArb, (spec, steps) => {
        runSteps(spec, steps, ({ states, places }) => {
          const wallet = states[states.length - 1]?.wallet;
          if (wallet === undefined) return;
          for (const [key, value] of Object.entries({ balance: wallet.balance, ...wallet.totals })) {
            expect(decimalsOf(value), `${key} ${value}`).toBeGreaterThanOrEqual(places);
          }
        });
      }),
      RUNS,
    );
  });
});
