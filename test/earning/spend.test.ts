import { describe, expect, it } from 'vitest';
import { makeProgram, purchase, run, byKind } from '../helpers.js';

const earned = (program: ReturnType<typeof makeProgram>, event: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(byKind(run(program, [event]).entries, 'earn').map((e) => [e.ruleId, e.points]));

describe('spend rules: points per amount', () => {
  it('gives 1 point per £1.00, floored', () => {
    expect(earned(makeProgram(), purchase('2024-03-01T10:00:00Z', '120.99'))).toEqual({ base: 120 });
  });

  it('gives 5 stars per 1.00 (no rounding needed)', () => {
    const p = makeProgram({ earn: [{ id: 'stars', kind: 'spend', rate: { points: 5, per: '1.00' } }] });
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '3.40'))).toEqual({ stars: 17 });
  });

  it('gives 1 point per £3.00 exactly (no 0.999… flooring to 0)', () => {
    const p = makeProgram({ earn: [{ id: 'b', kind: 'spend', rate: { points: 1, per: '3.00' } }] });
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '3.00'))).toEqual({ b: 1 });
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '8.99'))).toEqual({ b: 2 });
  });

  it.each([
    ['floor', '10.50', 10],
    ['ceil', '10.01', 11],
    ['round-half-up', '10.50', 11],
    ['round-half-even', '10.50', 10],
    ['round-half-even', '11.50', 12],
    ['round-half-up', '10.49', 10],
  ] as const)('rounds with %s: %s → %i', (rounding, amount, points) => {
    expect(earned(makeProgram({ points: { rounding } }), purchase('2024-03-01T10:00:00Z', amount))).toEqual({ base: points });
  });

  it('rounds once per rule result, not per item', () => {
    // three items of 0.60 each: per item floor would give 0; once on 1.80 gives 1
    const items = ['a', 'b', 'c'].map((sku) => ({ sku, quantity: 1, unitPrice: '0.60' }));
    expect(earned(makeProgram(), purchase('2024-03-01T10:00:00Z', '1.80', { items }))).toEqual({ base: 1 });
  });

  it('ignores orders below the minimum amount', () => {
    const p = makeProgram({ earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' }, minOrderAmount: '20.00' }] });
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '19.99'))).toEqual({});
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '20.00'))).toEqual({ base: 20 });
  });

  it('earns only on matching items, on what was paid for them', () => {
    const p = makeProgram({
      earn: [
        {
          id: 'books',
          kind: 'spend',
          rate: { points: 2, per: '1' },
          items: {
            include: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: 'books' }] },
            exclude: { all: [{ fact: 'item', path: '$.sku', operator: 'in', value: ['GIFT-CARD'] }] },
          },
        },
      ],
    });
    const items = [
      { sku: 'B1', category: 'books', quantity: 2, unitPrice: '10.00' },
      { sku: 'GIFT-CARD', category: 'books', quantity: 1, unitPrice: '20.00' },
      { sku: 'T1', category: 'toys', quantity: 1, unitPrice: '40.00' },
    ];
    // listed 80.00, paid 80.00: books B1 = 20.00 → 40 points; the gift card is excluded
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '80.00', { items }))).toEqual({ books: 40 });
    // paid 60.00 after a 25% discount: B1's share is 15.00 → 30 points
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '60.00', { items }))).toEqual({ books: 30 });
  });

  it('applies a condition on the event (channel)', () => {
    const p = makeProgram({
      earn: [
        {
          id: 'app',
          kind: 'spend',
          rate: { points: 1, per: '1' },
          condition: { all: [{ fact: 'event', path: '$.channel', operator: 'equal', value: 'app' }] },
        },
      ],
    });
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '10', { channel: 'app' }))).toEqual({ app: 10 });
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '10', { channel: 'web' }))).toEqual({});
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '10'))).toEqual({});
  });

  it('reads member stats in conditions (orders before this one)', () => {
    const p = makeProgram({
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1' } },
        {
          id: 'loyal',
          kind: 'bonus',
          points: 10,
          condition: { all: [{ fact: 'member', path: '$.orders', operator: 'greaterThanInclusive', value: 2 }] },
        },
      ],
    });
    const events = [1, 2, 3].map((d) => purchase(`2024-03-0${d}T10:00:00Z`, '5'));
    const { entries } = run(p, events);
    expect(entries.filter((e) => e.ruleId === 'loyal').map((e) => e.eventId)).toEqual([events[2]?.id]);
  });
});

describe('multipliers', () => {
  const shoes2x = {
    id: 'shoes-2x',
    kind: 'multiplier' as const,
    factor: '2',
    items: { include: { all: [{ fact: 'item', path: '$.category', operator: 'equal' as const, value: 'shoes' }] } },
  };
  const sunday3x = {
    id: 'sunday-3x',
    kind: 'multiplier' as const,
    factor: 3,
    condition: { all: [{ fact: 'time', path: '$.weekday', operator: 'equal' as const, value: 7 }] },
  };
  const items = [
    { sku: 'S', category: 'shoes', quantity: 1, unitPrice: '50.00' },
    { sku: 'H', category: 'hats', quantity: 1, unitPrice: '30.00' },
  ];

  it('doubles points on a category only', () => {
    const p = makeProgram({ points: { multipliers: 'multiply' }, earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' } }, shoes2x] });
    // shoes 50 × 2 + hats 30 = 130
    expect(earned(p, purchase('2024-03-06T10:00:00Z', '80.00', { items }))).toEqual({ base: 130 });
  });

  it('applies a weekday window in the program time zone, not UTC', () => {
    const p = makeProgram({ timezone: 'Asia/Tehran', points: { multipliers: 'multiply' }, earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' } }, sunday3x] });
    // Saturday 2024-03-02 21:00 UTC is Sunday 00:30 in Tehran (+03:30)
    expect(earned(p, purchase('2024-03-02T21:00:00Z', '10'))).toEqual({ base: 30 });
    // Sunday 2024-03-03 21:00 UTC is Monday 00:30 in Tehran
    expect(earned(p, purchase('2024-03-03T21:00:00Z', '10'))).toEqual({ base: 10 });
  });

  it.each([
    ['multiply', 390], // shoes: 50 × 2 × 3 = 300, hats: 30 × 3 = 90
    ['add', 290], // shoes: 50 × (1 + (2 − 1) + (3 − 1)) = 200, hats: 30 × 3 = 90
    ['highest', 240], // shoes: 50 × 3 = 150, hats: 30 × 3 = 90
  ] as const)('combines as declared on a Sunday: %s → %i', (mode, expected) => {
    const p = makeProgram({ points: { multipliers: mode }, earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' } }, shoes2x, sunday3x] });
    expect(earned(p, purchase('2024-03-03T12:00:00Z', '80.00', { items }))).toEqual({ base: expected });
  });

  it('applies an hour window (happy hour 17:00–18:59 local)', () => {
    const happy = {
      id: 'happy',
      kind: 'multiplier' as const,
      factor: 2,
      condition: {
        all: [
          { fact: 'time', path: '$.hour', operator: 'greaterThanInclusive' as const, value: 17 },
          { fact: 'time', path: '$.hour', operator: 'lessThan' as const, value: 19 },
        ],
      },
    };
    const p = makeProgram({ timezone: 'Europe/Warsaw', points: { multipliers: 'multiply' }, earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' } }, happy] });
    expect(earned(p, purchase('2024-07-01T15:30:00Z', '10'))).toEqual({ base: 20 }); // 17:30 in Warsaw (CEST)
    expect(earned(p, purchase('2024-07-01T17:00:00Z', '10'))).toEqual({ base: 10 }); // 19:00 in Warsaw
  });

  it('applies a date range (active from/until, inclusive, program calendar)', () => {
    const dbl = { id: 'black-friday', kind: 'multiplier' as const, factor: 2, active: { from: '2024-11-29', until: '2024-12-02' } };
    const p = makeProgram({ timezone: 'America/New_York', points: { multipliers: 'multiply' }, earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' } }, dbl] });
    expect(earned(p, purchase('2024-11-29T05:00:00Z', '10'))).toEqual({ base: 20 }); // 00:00 on the 29th in New York
    expect(earned(p, purchase('2024-11-29T04:59:00Z', '10'))).toEqual({ base: 10 }); // still the 28th there
    expect(earned(p, purchase('2024-12-03T04:59:00Z', '10'))).toEqual({ base: 20 }); // 23:59 on the 2nd
    expect(earned(p, purchase('2024-12-03T05:00:00Z', '10'))).toEqual({ base: 10 });
  });

  it('applies only to the rules named in appliesTo', () => {
    const p = makeProgram({
      points: { multipliers: 'multiply' },
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1' } },
        { id: 'extra', kind: 'spend', rate: { points: 1, per: '10' } },
        { id: 'x2', kind: 'multiplier', factor: 2, appliesTo: ['extra'] },
      ],
    });
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '100'))).toEqual({ base: 100, extra: 20 });
  });
});

describe('bonus rules, priority and caps', () => {
  it('pays a fixed bonus at or over the threshold', () => {
    const p = makeProgram({
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1' } },
        { id: 'big', kind: 'bonus', points: 50, minAmount: '100.00' },
      ],
    });
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '99.99'))).toEqual({ base: 99 });
    expect(earned(p, purchase('2024-03-01T10:00:00Z', '100.00'))).toEqual({ base: 100, big: 50 });
  });

  it('orders results by priority, then declaration order', () => {
    const p = makeProgram({
      earn: [
        { id: 'a', kind: 'spend', rate: { points: 1, per: '1' } },
        { id: 'b', kind: 'bonus', points: 5, priority: 10 },
        { id: 'c', kind: 'bonus', points: 7 },
      ],
    });
    const { entries } = run(p, [purchase('2024-03-01T10:00:00Z', '10')]);
    expect(entries.map((e) => e.ruleId)).toEqual(['b', 'a', 'c']);
  });

  it('caps points per event; higher priority rules are paid first', () => {
    const p = makeProgram({
      points: { caps: { perEvent: 120 } },
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1' } },
        { id: 'bonus', kind: 'bonus', points: 50, priority: 1 },
      ],
    });
    const { entries } = run(p, [purchase('2024-03-01T10:00:00Z', '100')]);
    expect(entries.map((e) => [e.ruleId, e.points])).toEqual([
      ['bonus', 50],
      ['base', 70],
    ]);
    expect(entries[1]?.detail).toMatchObject({ uncapped: 100, cappedBy: 'points.caps' });
  });

  it('caps points per calendar day in the program time zone', () => {
    const p = makeProgram({
      timezone: 'America/Los_Angeles',
      earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' }, caps: { perDay: 100 } }],
    });
    const { entries } = run(p, [
      purchase('2024-03-01T18:00:00Z', '80'), // 10:00 on 1 March in LA
      purchase('2024-03-02T07:00:00Z', '80'), // 23:00 on 1 March in LA: only 20 left
      purchase('2024-03-02T08:00:00Z', '80'), // 00:00 on 2 March in LA: a new day
    ]);
    expect(entries.map((e) => e.points)).toEqual([80, 20, 80]);
  });

  it('caps points per calendar month', () => {
    const p = makeProgram({ points: { caps: { perMonth: 150 } } });
    const { entries } = run(p, [
      purchase('2024-03-01T10:00:00Z', '100'),
      purchase('2024-03-31T10:00:00Z', '100'),
      purchase('2024-03-31T23:30:00Z', '100'), // 00:30 on 1 April in London (BST starts 31 March)
    ]);
    expect(entries.map((e) => e.points)).toEqual([100, 50, 100]);
  });
});
