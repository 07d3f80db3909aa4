import { describe, expect, it } from 'vitest';
import { evaluate, safeEvaluate } from '../../src/index.js';
import { makeProgram, purchase, refund, run, tick } from '../helpers.js';

// London time; a 30-day return window
const program = makeProgram({ refunds: { windowDays: 30 } });

describe('refunds.windowDays', () => {
  it('accepts a refund up to the same wall-clock time 30 days after the purchase', () => {
    // 1 March 10:00 GMT + 30 days = 31 March 10:00 BST (09:00 UTC), across the change to summer time
    const { state } = run(program, [purchase('2024-03-01T10:00:00Z', '50.00', { orderId: 'o1' })]);
    const ok = evaluate(program, state, refund('2024-03-31T09:00:00Z', 'o1', '50.00'));
    expect(ok.effects.some((e) => e.type === 'ledger' && e.entry.kind === 'clawback' && e.entry.points === -50)).toBe(true);
  });

  it('refuses a later refund with refund_window_closed and the dates behind it, changing nothing', () => {
    const { state } = run(program, [purchase('2024-03-01T10:00:00Z', '50.00', { orderId: 'o1' })]);
    const late = safeEvaluate(program, state, refund('2024-03-31T09:00:01Z', 'o1', '50.00'));
    expect(late.success).toBe(false);
    if (late.success) return;
    expect(late.error.code).toBe('refund_window_closed');
    expect(late.error.details).toEqual({ orderId: 'o1', orderedAt: '2024-03-01T10:00:00.000Z', windowDays: 30 });
  });

  it('drops orders from the state once no refund can reach them, so the state stays small', () => {
    const events = Array.from({ length: 120 }, (_, d) => purchase(new Date(Date.UTC(2024, 0, 1 + d, 12)).toISOString(), '10.00', { orderId: `o${d}` }));
    const { state } = run(program, events);
    // the last purchase is day 119: 29 April 12:00 UTC = 13:00 BST. The cut-off is 30 days earlier on the London
    // clock: 30 March 13:00, still GMT (summer time starts 31 March) = 13:00 UTC. Day 89 (30 March 12:00 UTC) is
    // before it and dropped; days 90 … 119 remain: 30 orders
    expect(Object.keys(state.orders)).toHaveLength(30);
    expect(state.orders.o89).toBeUndefined();
    expect(state.orders.o90).toBeDefined();
    // a refund of a dropped order is an unknown order, and says why
    const gone = safeEvaluate(program, state, refund('2024-04-29T13:00:00Z', 'o10', '10.00'));
    expect(gone.success === false && gone.error.code).toBe('unknown_order');
    expect(gone.success === false && gone.error.message).toContain('kept 30 days');
    // the points and the lifetime totals are untouched by dropping orders
    expect(state.totals.earned).toBe(1200);
  });

  it('keeps every order when no window is declared', () => {
    const forever = makeProgram();
    const { state } = run(forever, [purchase('2020-01-01T12:00:00Z', '10.00', { orderId: 'old' }), tick('2024-01-01T00:00:00Z')]);
    expect(state.orders.old).toBeDefined();
    expect(evaluate(forever, state, refund('2024-01-02T00:00:00Z', 'old', '10.00')).state.stats.orders).toBe(0);
  });
});
