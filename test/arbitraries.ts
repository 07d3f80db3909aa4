import fc from 'fast-check';
import { defineProgram, type Program, type ProgramInput } from '../src/index.js';

const ZONES = ['Europe/London', 'America/New_York', 'Asia/Tehran', 'Asia/Bangkok', 'Europe/Warsaw', 'Pacific/Auckland', 'UTC'];
const CATEGORIES = ['shoes', 'hats', 'books'];

export interface ProgramShape {
  readonly expiry?: 'never' | 'any';
  readonly caps?: boolean;
  readonly negativeBalance?: 'allow' | 'debt';
}

/** Programs mixing every earning feature of the foundation (constraints generated, not only values). */
export function programArb(shape: ProgramShape = {}): fc.Arbitrary<Program> {
  const expiry: fc.Arbitrary<ProgramInput['points']['expiry']> =
    shape.expiry === 'never'
      ? fc.constant({ kind: 'never' as const })
      : fc.oneof(
          fc.constant({ kind: 'never' as const }),
          fc.integer({ min: 31, max: 400 }).map((days) => ({ kind: 'days-after-earning' as const, days })), // > the longest pendingDays (30)
          fc.record({ kind: fc.constant('end-of-period' as const), period: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const), periodsAfter: fc.integer({ min: 0, max: 2 }) }),
          fc.integer({ min: 30, max: 200 }).map((days) => ({ kind: 'inactivity' as const, days })),
        );
  const caps = shape.caps === false ? fc.constant(undefined) : fc.option(fc.record({ perDay: fc.integer({ min: 50, max: 500 }) }), { nil: undefined });
  return fc
    .record({
      timezone: fc.constantFrom(...ZONES),
      rounding: fc.constantFrom('floor' as const, 'ceil' as const, 'round-half-up' as const, 'round-half-even' as const),
      pendingDays: fc.constantFrom(0, 0, 7, 30),
      expiry,
      negativeBalance: shape.negativeBalance === undefined ? fc.constantFrom('allow' as const, 'debt' as const) : fc.constant(shape.negativeBalance),
      multipliers: fc.constantFrom('multiply' as const, 'add' as const, 'highest' as const),
      caps,
      ratePoints: fc.constantFrom('1', '2', '5', '0.5'),
      ratePer: fc.constantFrom('1', '2.50', '3', '10'),
      category: fc.option(fc.record({ category: fc.constantFrom(...CATEGORIES), factor: fc.constantFrom('1.5', '2', '3') }), { nil: undefined }),
      weekday: fc.option(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), factor: fc.constantFrom('2', '3') }), { nil: undefined }),
      bonus: fc.option(fc.record({ points: fc.integer({ min: 1, max: 40 }), minAmount: fc.constantFrom('20', '50.00', '99.99') }), { nil: undefined }),
    })
    .map((g) => {
      const earn: ProgramInput['earn'] = [{ id: 'base', kind: 'spend', rate: { points: g.ratePoints, per: g.ratePer } }];
      if (g.category !== undefined) {
        earn.push({ id: 'cat', kind: 'multiplier', factor: g.category.factor, items: { include: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: g.category.category }] } } });
      }
      if (g.weekday !== undefined) {
        earn.push({ id: 'day', kind: 'multiplier', factor: g.weekday.factor, condition: { all: [{ fact: 'time', path: '$.weekday', operator: 'equal', value: g.weekday.weekday }] } });
      }
      if (g.bonus !== undefined) earn.push({ id: 'bonus', kind: 'bonus', points: g.bonus.points, minAmount: g.bonus.minAmount });
      return defineProgram({
        id: 'generated',
        version: 1,
        currency: 'GBP',
        timezone: g.timezone,
        points: {
          rounding: g.rounding,
          pendingDays: g.pendingDays,
          expiry: g.expiry,
          negativeBalance: g.negativeBalance,
          multipliers: g.multipliers,
          ...(g.caps === undefined ? {} : { caps: g.caps }),
        },
        earn,
      });
    });
}

/** One step of a member's history, turned into an event by {@link buildEvents}. */
type Step =
  | { kind: 'purchase'; hours: number; lines: { sku: number; quantity: number; cents: number; category: number }[]; discount: number }
  | { kind: 'refund'; hours: number; pick: number; full: boolean; fraction: number; byItem: boolean }
  | { kind: 'adjust'; hours: number; points: number }
  | { kind: 'tick'; hours: number };

const hours = fc.integer({ min: 0, max: 24 * 45 });
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('purchase' as const), hours, lines: fc.array(fc.record({ sku: fc.integer({ min: 0, max: 5 }), quantity: fc.integer({ min: 1, max: 4 }), cents: fc.integer({ min: 1, max: 9_999 }), category: fc.integer({ min: 0, max: 3 }) }), { maxLength: 4 }), discount: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), hours, pick: fc.nat(), full: fc.boolean(), fraction: fc.integer({ min: 1, max: 99 }), byItem: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjust' as const), hours, points: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), hours }) },
);

const cents = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

/** Turns steps into valid events for one member: times increase, refunds only of earlier orders and never beyond them. */
export function buildEvents(steps: readonly Step[], memberId = 'm1', start = Date.parse('2024-01-01T00:00:00Z')): Record<string, unknown>[] {
  const orders: { orderId: string; leftCents: number; lines: { sku: string; quantity: number; cents: number }[] }[] = [];
  const events: Record<string, unknown>[] = [];
  let t = start;
  steps.forEach((step, i) => {
    t += step.hours * 3_600_000;
    const at = new Date(t).toISOString();
    const id = `${memberId}-e${i}`;
    if (step.kind === 'purchase') {
      const merged = new Map<string, { sku: string; quantity: number; cents: number; category: number }>();
      for (const l of step.lines) {
        const sku = `sku${l.sku}`;
        const prev = merged.get(sku);
        merged.set(sku, prev === undefined ? { ...l, sku } : { ...prev, quantity: prev.quantity + l.quantity });
      }
      const lines = [...merged.values()];
      const listed = lines.reduce((s, l) => s + l.cents * l.quantity, 0);
      const paid = lines.length === 0 ? 1 + (step.discount * 373) % 20_000 : Math.max(1, Math.round((listed * (100 - step.discount)) / 100));
      const orderId = `${memberId}-o${i}`;
      orders.push({ orderId, leftCents: paid, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, cents: l.cents })) });
      events.push({
        id,
        type: 'purchase',
        memberId,
        at,
        orderId,
        amount: cents(paid),
        currency: 'GBP',
        ...(lines.length === 0
          ? {}
          : { items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: cents(l.cents), ...(l.category < 3 ? { category: CATEGORIES[l.category] } : {}) })) }),
      });
    } else if (step.kind === 'refund') {
      const open = orders.filter((o) => o.leftCents > 0);
      const order = open[step.pick % Math.max(1, open.length)];
      if (order === undefined) return events.push({ id, type: 'tick', memberId, at });
      const line = order.lines.find((l) => l.quantity > 0);
      if (!step.full && step.byItem && line !== undefined) {
        const amount = Math.min(order.leftCents, line.cents);
        if (amount <= 0) return;
        line.quantity -= 1;
        order.leftCents -= amount;
        return events.push({ id, type: 'refund', memberId, at, orderId: order.orderId, amount: cents(amount), items: [{ sku: line.sku, quantity: 1 }] });
      }
      const amount = step.full ? order.leftCents : Math.max(1, Math.floor((order.leftCents * step.fraction) / 100));
      order.leftCents -= amount;
      return events.push({ id, type: 'refund', memberId, at, orderId: order.orderId, amount: cents(amount) });
    } else if (step.kind === 'adjust') {
      events.push({ id, type: 'adjustment', memberId, at, points: step.points, reason: 'test' });
    } else {
      events.push({ id, type: 'tick', memberId, at });
    }
    return undefined;
  });
  return events;
}

export const eventsArb = (maxLength = 30): fc.Arbitrary<Record<string, unknown>[]> => fc.array(stepArb, { maxLength }).map((steps) => buildEvents(steps));
