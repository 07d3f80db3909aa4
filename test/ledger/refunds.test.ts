import { describe, expect, it } from 'vitest';
import { evaluate, isLoyaltyError, summarize } from '../../src/index.js';
import { adjustment, byKind, makeProgram, purchase, refund, run, sum, tick } from '../helpers.js';

const bonusProgram = makeProgram({
  earn: [
    { id: 'base', kind: 'spend', rate: { points: 1, per: '1' } },
    { id: 'big', kind: 'bonus', points: 50, minAmount: '100.00' },
  ],
});

describe('refunds claw back what the refunded part earned', () => {
  it('a full refund claws back everything, bonus included', () => {
    const { entries, state } = run(bonusProgram, [purchase('2024-03-01T10:00:00Z', '150', { orderId: 'o1' }), refund('2024-03-02T10:00:00Z', 'o1', '150')]);
    expect(byKind(entries, 'clawback').map((e) => [e.ruleId, e.points])).toEqual([
      ['base', -150],
      ['big', -50],
    ]);
    expect(sum(entries)).toBe(0);
    expect(state.stats).toMatchObject({ orders: 0, spent: '0' });
  });

  it('a partial refund claws back pro rata, and the bonus once the order falls below its threshold', () => {
    const { entries } = run(bonusProgram, [
      purchase('2024-03-01T10:00:00Z', '150', { orderId: 'o1' }),
      refund('2024-03-02T10:00:00Z', 'o1', '30'), // 120 left: still ≥ 100
      refund('2024-03-03T10:00:00Z', 'o1', '30'), // 90 left: the bonus goes
    ]);
    expect(byKind(entries, 'clawback').map((e) => [e.ruleId, e.points])).toEqual([
      ['base', -30],
      ['base', -30],
      ['big', -50],
    ]);
    expect(sum(entries)).toBe(90);
  });

  it('claws back by the refunded items, weighted by what they earned (2x shoes)', () => {
    const program = makeProgram({
      points: { multipliers: 'multiply' },
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1' } },
        { id: 'shoes', kind: 'multiplier', factor: 2, items: { include: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: 'shoes' }] } } },
      ],
    });
    const items = [
      { sku: 'S', category: 'shoes', quantity: 2, unitPrice: '40.00' },
      { sku: 'H', category: 'hats', quantity: 1, unitPrice: '20.00' },
    ];
    // earned 80 × 2 + 20 = 180; returning one pair of shoes returns 80 of 180 weight → 80 points
    const { entries } = run(program, [
      purchase('2024-03-01T10:00:00Z', '100', { orderId: 'o1', items }),
      refund('2024-03-02T10:00:00Z', 'o1', '40', { items: [{ sku: 'S', quantity: 1 }] }),
    ]);
    expect(byKind(entries, 'clawback').map((e) => e.points)).toEqual([-80]);
  });

  it('leaves what the net order would have earned, summing exactly over partial refunds', () => {
    const program = makeProgram({ earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' } }] });
    // 10.50 earned 10 (floor). After refunds of 3.50 the net order is 7.00 (keeps 7), 3.50 (keeps 3), 0 (keeps 0)
    const { entries } = run(program, [
      purchase('2024-03-01T10:00:00Z', '10.50', { orderId: 'o1' }),
      refund('2024-03-02T10:00:00Z', 'o1', '3.50'),
      refund('2024-03-03T10:00:00Z', 'o1', '3.50'),
      refund('2024-03-04T10:00:00Z', 'o1', '3.50'),
    ]);
    expect(byKind(entries, 'clawback').map((e) => e.points)).toEqual([-3, -4, -3]);
    expect(sum(entries)).toBe(0);
  });

  it('refunding £50 of £139.12 leaves the 89 points that £89.12 earns', () => {
    const { entries } = run(bonusProgram, [purchase('2024-03-01T10:00:00Z', '139.12', { orderId: 'o1' }), refund('2024-03-02T10:00:00Z', 'o1', '50.00')]);
    expect(byKind(entries, 'clawback').map((e) => [e.ruleId, e.points])).toEqual([
      ['base', -50],
      ['big', -50],
    ]);
    expect(sum(entries)).toBe(89);
  });

  it('on a capped order, claws back only what the net order would have lost', () => {
    const program = makeProgram({ earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' }, caps: { perEvent: 60 } }] });
    // £100 earned 60 (capped). Net £50 would still earn 50: 10 go back. Net £0: the other 50.
    const { entries } = run(program, [
      purchase('2024-03-01T10:00:00Z', '100', { orderId: 'o1' }),
      refund('2024-03-02T10:00:00Z', 'o1', '50'),
      refund('2024-03-03T10:00:00Z', 'o1', '50'),
    ]);
    expect(byKind(entries, 'clawback').map((e) => e.points)).toEqual([-10, -50]);
  });

  it('cancels pending points before taking available ones', () => {
    const program = makeProgram({ points: { pendingDays: 30 } });
    const { state } = run(program, [
      purchase('2024-01-01T10:00:00Z', '40', { orderId: 'old' }), // available from 31 January
      purchase('2024-03-01T10:00:00Z', '60', { orderId: 'new' }), // pending until 31 March
      adjustment('2024-03-02T10:00:00Z', -20, 'redeemed'), // from the available 40
      refund('2024-03-03T10:00:00Z', 'new', '60'),
    ]);
    expect(summarize(program, state, '2024-03-03T10:00:00Z')).toMatchObject({ balance: 20, available: 20, pending: 0 });
  });

  it('refusing a second refund of a fully refunded order changes nothing', () => {
    const events = [purchase('2024-03-01T10:00:00Z', '50', { orderId: 'o1' }), refund('2024-03-02T10:00:00Z', 'o1', '50')];
    const { state } = run(bonusProgram, events);
    const again = refund('2024-03-03T10:00:00Z', 'o1', '1');
    expect(() => evaluate(bonusProgram, state, again)).toThrowError(expect.objectContaining({ code: 'refund_exceeds_order' }));
  });

  it('refuses a refund of more than was paid, or of an unknown order or item', () => {
    const { state } = run(bonusProgram, [purchase('2024-03-01T10:00:00Z', '50', { orderId: 'o1', items: [{ sku: 'A', quantity: 1, unitPrice: '50' }] })]);
    const codes = [
      refund('2024-03-02T10:00:00Z', 'o1', '50.01'),
      refund('2024-03-02T10:00:00Z', 'nope', '1'),
      refund('2024-03-02T10:00:00Z', 'o1', '10', { items: [{ sku: 'Z', quantity: 1 }] }),
      refund('2024-03-02T10:00:00Z', 'o1', '10', { items: [{ sku: 'A', quantity: 2 }] }),
    ].map((event) => {
      try {
        evaluate(bonusProgram, state, event);
        return 'applied';
      } catch (e) {
        return isLoyaltyError(e) ? e.code : 'other';
      }
    });
    expect(codes).toEqual(['refund_exceeds_order', 'unknown_order', 'unknown_item', 'refund_exceeds_order']);
  });

  it('does not claw back again points of the order that already expired', () => {
    const program = makeProgram({ points: { expiry: { kind: 'days-after-earning', days: 30 } } });
    const { entries, state } = run(program, [
      purchase('2024-01-01T10:00:00Z', '40', { orderId: 'o1' }),
      purchase('2024-02-15T10:00:00Z', '25', { orderId: 'o2' }), // o1's 40 expired on 31 January
      refund('2024-02-16T10:00:00Z', 'o1', '40'),
    ]);
    const claw = byKind(entries, 'clawback');
    expect(claw).toHaveLength(1);
    expect(claw[0]).toMatchObject({ points: 0, detail: { clawed: 40, alreadyExpired: 40 } });
    expect(state.lots.map((l) => l.points)).toEqual([25]);
    expect(sum(entries)).toBe(25);
  });
});

describe('negative balance policy', () => {
  const events = [
    purchase('2024-03-01T10:00:00Z', '100', { orderId: 'o1' }),
    adjustment('2024-03-02T10:00:00Z', -80, 'redeemed a gift card'),
    refund('2024-03-03T10:00:00Z', 'o1', '100'),
    purchase('2024-03-04T10:00:00Z', '50', { orderId: 'o2' }),
  ];

  it('allow: the balance goes negative and future earning fills it', () => {
    const program = makeProgram({ points: { negativeBalance: 'allow' } });
    const { entries, state } = run(program, events.slice(0, 3));
    expect(sum(entries)).toBe(-80);
    expect(summarize(program, state, '2024-03-03T10:00:00Z')).toMatchObject({ balance: -80, available: -80, debt: 0 });
    const after = run(program, events);
    expect(sum(after.entries)).toBe(-30);
    expect(after.state.deficit).toBe(30);
  });

  it('debt: the balance stops at zero and the debt is recovered from future earning', () => {
    const program = makeProgram({ points: { negativeBalance: 'debt' } });
    const { entries, state } = run(program, events);
    const claw = byKind(entries, 'clawback')[0];
    expect(claw).toMatchObject({ points: -20, detail: { clawed: 100, debtIncurred: 80 } });
    expect(byKind(entries, 'debt_recovery').map((e) => e.points)).toEqual([-50]);
    expect(state.debt).toBe(30);
    expect(sum(entries)).toBe(0);
    expect(summarize(program, state, '2024-03-04T10:00:00Z')).toMatchObject({ balance: 0, debt: 30 });
  });

  it('tick only moves time: expiry happens, nothing is earned', () => {
    const program = makeProgram();
    const { entries, state } = run(program, [tick('2024-03-01T10:00:00Z')]);
    expect(entries).toEqual([]);
    expect(state.version).toBe(1);
  });
});
