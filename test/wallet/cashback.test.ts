// Cashback examples (docs/cashback.md). Every expected amount is worked out by hand from the spec;
// the arithmetic is in the comments.
//
// Programs come from test/helpers.ts makeProgram (id 'test', version 1, Europe/London, 1 point per 1.00,
// floor, no pending, no expiry), with the currency, wallet and earn rules each test needs. Every date
// used with Europe/London is in winter (GMT = UTC), so local dates equal the UTC dates written.
import { describe, expect, it } from 'vitest';
import {
  ProgramError,
  effectId,
  evaluate,
  ledgerEntries,
  newMemberState,
  safeDefineProgram,
  summarize,
  type Effect,
  type Issue,
  type MemberState,
  type Program,
  type ProgramInput,
  type WalletDefinition,
  type WalletEntry,
} from '../../src/index.js';
import { member } from '../tiers/support.js';
import { makeProgram, purchase, refund, type Item } from '../helpers.js';

type Earn = NonNullable<ProgramInput['earn']>;
type Rounding = WalletDefinition['rounding'];
const ROUNDINGS: readonly Rounding[] = ['floor', 'ceil', 'round-half-up', 'round-half-even'];

const gear = { include: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: 'gear' }] } } as const;
const hats = { include: { all: [{ fact: 'item', path: '$.category', operator: 'equal', value: 'hats' }] } } as const;

/** A program paying only cashback (no spend rule), in `currency`, with `wallet.rounding`. */
function cashProgram(earn: Earn, extra: { currency?: string; rounding?: Rounding; timezone?: string; minRedeem?: string } = {}): Program {
  return makeProgram({
    currency: extra.currency ?? 'USD',
    timezone: extra.timezone ?? 'Europe/London',
    wallet: { rounding: extra.rounding ?? 'floor', ...(extra.minRedeem === undefined ? {} : { minRedeem: extra.minRedeem }) },
    earn,
  });
}


const walletOf = (effects: readonly Effect[]): WalletEntry[] => effects.flatMap((e) => (e.type === 'wallet' ? [e.entry] : []));
/** [kind, ruleId, amount, balance] of each wallet entry. */
const moves = (effects: readonly Effect[]): [string, string, string, string][] => walletOf(effects).map((e) => [e.kind, e.ruleId, e.amount, e.balance]);
/** The amounts of the wallet entries. */
const amounts = (effects: readonly Effect[]): string[] => walletOf(effects).map((e) => e.amount);

const usd = (at: string, amount: string, extra: { orderId?: string; items?: Item[]; id?: string; channel?: string } = {}): Record<string, unknown> =>
  purchase(at, amount, { ...extra, currency: 'USD' });

/** The doc's order: a $60 tent (gear) and a $40 hat, $95.00 paid. */
const TENT_AND_HAT: Item[] = [
  { sku: 'tent', quantity: 1, unitPrice: '60.00', category: 'gear' },
  { sku: 'hat', quantity: 1, unitPrice: '40.00', category: 'hats' },
];
/** The doc's rules: 10% back on gear, $1 for every full $20. */
const DOC_RULES: Earn = [
  { id: 'member-back', kind: 'cashback', percent: '10', items: gear },
  { id: 'step', kind: 'cashback', every: { amount: '1.00', per: '20.00' } },
];

function refusedIssues(input: unknown): Issue[] {
  const result = safeDefineProgram(input);
  if (result.success) throw new Error('expected the program to be refused');
  expect(result.error).toBeInstanceOf(ProgramError);
  return [...result.error.issues];
}
/**
 * The wallet's balance and totals. Money the wallet has moved is compared as written ("9.70"); a total
 * expected to be zero is compared by value here, its written form being checked once, in the test
 * "money is written with the minor unit even when nothing moved it".
 */
function expectWallet(state: MemberState, expected: { balance: string; cashback: string; credited: string; debited: string; clawedBack: string }): void {
  const wallet = state.wallet;
  expect(wallet).toBeDefined();
  const actual = { balance: wallet?.balance, ...wallet?.totals };
  for (const [key, value] of Object.entries(expected)) {
    const got = actual[key as keyof typeof actual];
    if (value === '0.00') expect(Number(got), key).toBe(0);
    else expect(got, key).toBe(value);
  }
}
const codesAt = (issues: readonly Issue[]): [string, string][] => issues.map((i) => [JSON.stringify(i.path), i.code]);

// ---------------------------------------------------------------------------
// Percent cashback and rounding
// ---------------------------------------------------------------------------

describe('percent cashback is rounded to the minor unit with wallet.rounding', () => {
  // 10% of the amount paid, USD (2 decimals):
  //   12.25 → 1.225 : floor 1.22, ceil 1.23, half-up 1.23, half-even 1.22 (2 is even)
  //   12.35 → 1.235 : floor 1.23, ceil 1.24, half-up 1.24, half-even 1.24 (3 is odd → 4)
  //   12.34 → 1.234 : floor 1.23, ceil 1.24, half-up 1.23, half-even 1.23
  //   12.36 → 1.236 : floor 1.23, ceil 1.24, half-up 1.24, half-even 1.24
  //   12.30 → 1.23  : exact under every policy
  const table: [string, Record<Rounding, string>][] = [
    ['12.25', { floor: '1.22', ceil: '1.23', 'round-half-up': '1.23', 'round-half-even': '1.22' }],
    ['12.35', { floor: '1.23', ceil: '1.24', 'round-half-up': '1.24', 'round-half-even': '1.24' }],
    ['12.34', { floor: '1.23', ceil: '1.24', 'round-half-up': '1.23', 'round-half-even': '1.23' }],
    ['12.36', { floor: '1.23', ceil: '1.24', 'round-half-up': '1.24', 'round-half-even': '1.24' }],
    ['12.30', { floor: '1.23', ceil: '1.23', 'round-half-up': '1.23', 'round-half-even': '1.23' }],
  ];
  for (const rounding of ROUNDINGS) {
    it(`USD, ${rounding}`, () => {
      const program = cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }], { rounding });
      for (const [paid, expected] of table) {
        const m = member(program);
        expect(amounts(m.step(usd('2024-01-10T12:00:00Z', paid))), `10% of ${paid}`).toEqual([expected[rounding]]);
      }
    });
  }

  it('a fractional percent: 2.5% of 19.99 = 0.49975 → floor 0.49, ceil / half-up / half-even 0.50', () => {
    const expected: Record<Rounding, string> = { floor: '0.49', ceil: '0.50', 'round-half-up': '0.50', 'round-half-even': '0.50' };
    for (const rounding of ROUNDINGS) {
      const m = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '2.5' }], { rounding }));
      expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '19.99'))), rounding).toEqual([expected[rounding]]);
    }
  });

  it('JPY (no decimals): 10% of ¥1,225 / ¥1,234 / ¥1,235 rounds to whole yen', () => {
    // ¥1,225 → 122.5 : floor 122, ceil 123, half-up 123, half-even 122
    // ¥1,234 → 123.4 : floor 123, ceil 124, half-up 123, half-even 123
    // ¥1,235 → 123.5 : floor 123, ceil 124, half-up 124, half-even 124
    const table: [string, Record<Rounding, string>][] = [
      ['1225', { floor: '122', ceil: '123', 'round-half-up': '123', 'round-half-even': '122' }],
      ['1234', { floor: '123', ceil: '124', 'round-half-up': '123', 'round-half-even': '123' }],
      ['1235', { floor: '123', ceil: '124', 'round-half-up': '124', 'round-half-even': '124' }],
    ];
    for (const rounding of ROUNDINGS) {
      const program = cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }], { rounding, currency: 'JPY' });
      for (const [paid, expected] of table) {
        const m = member(program);
        const entries = walletOf(m.step(purchase('2024-01-10T12:00:00Z', paid, { currency: 'JPY' })));
        expect(entries.map((e) => [e.amount, e.balance, e.currency]), `${rounding} ${paid}`).toEqual([[expected[rounding], expected[rounding], 'JPY']]);
      }
    }
  });

  it('BHD (three decimals): 10% of 12.345 = 1.2345 → floor 1.234, ceil 1.235, half-up 1.235, half-even 1.234', () => {
    const expected: Record<Rounding, string> = { floor: '1.234', ceil: '1.235', 'round-half-up': '1.235', 'round-half-even': '1.234' };
    for (const rounding of ROUNDINGS) {
      const m = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }], { rounding, currency: 'BHD' }));
      const entries = walletOf(m.step(purchase('2024-01-10T12:00:00Z', '12.345', { currency: 'BHD' })));
      expect(entries.map((e) => [e.amount, e.balance, e.currency]), rounding).toEqual([[expected[rounding], expected[rounding], 'BHD']]);
    }
  });

  it('BHD: a whole amount is written with three decimals (10% of 20.000 = "2.000"; $1-style step 0.5 per 10 on 25 = "1.000")', () => {
    const m = member(cashProgram([
      { id: 'back', kind: 'cashback', percent: '10' },
      { id: 'step', kind: 'cashback', every: { amount: '0.500', per: '10.000' } },
    ], { currency: 'BHD' }));
    // 10% of 20.000 = 2.000; 20.000 holds two full 10.000 → 2 × 0.500 = 1.000
    expect(moves(m.step(purchase('2024-01-10T12:00:00Z', '20.000', { currency: 'BHD' })))).toEqual([
      ['cashback', 'back', '2.000', '2.000'],
      ['cashback', 'step', '1.000', '3.000'],
    ]);
  });

  it('a base that is a repeating decimal is settled before rounding: $10.00 for three $1 items, 10% floor = $1.00 (not $0.99), ceil = $1.00 (not $1.01)', () => {
    // each item's share is 10.00 / 3 = 3.333…; all three are eligible → base 10.00 → 10% = 1.00 exactly
    const items: Item[] = [
      { sku: 'a', quantity: 1, unitPrice: '1.00', category: 'gear' },
      { sku: 'b', quantity: 1, unitPrice: '1.00', category: 'gear' },
      { sku: 'c', quantity: 1, unitPrice: '1.00', category: 'gear' },
    ];
    for (const rounding of ['floor', 'ceil'] as const) {
      const m = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10', items: gear }], { rounding }));
      expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '10.00', { items }))), rounding).toEqual(['1.00']);
    }
  });

  it('cashback that rounds to nothing is not paid: 10% of $0.05 = 0.005 → floor 0.00, no entry; ceil 0.01', () => {
    const floor = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }], { rounding: 'floor' }));
    expect(walletOf(floor.step(usd('2024-01-10T12:00:00Z', '0.05')))).toEqual([]);
    expect(Number(floor.state.wallet?.balance ?? 'NaN')).toBe(0);
    const ceil = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }], { rounding: 'ceil' }));
    expect(amounts(ceil.step(usd('2024-01-10T12:00:00Z', '0.05')))).toEqual(['0.01']);
  });
});

// ---------------------------------------------------------------------------
// Stepwise cashback
// ---------------------------------------------------------------------------

describe('stepwise cashback: every.amount for every full every.per', () => {
  it('$1 per full $20: $19.99 → nothing, $20 → $1, $59.99 → $2, $60 → $3, $95 → $4', () => {
    // 19.99 / 20 = 0.9995 → 0 steps; 20 / 20 = 1; 59.99 / 20 = 2.9995 → 2; 60 / 20 = 3; 95 / 20 = 4.75 → 4
    const program = cashProgram([{ id: 'step', kind: 'cashback', every: { amount: '1.00', per: '20.00' } }]);
    const cases: [string, string[]][] = [['19.99', []], ['20.00', ['1.00']], ['59.99', ['2.00']], ['60.00', ['3.00']], ['95.00', ['4.00']]];
    for (const [paid, expected] of cases) {
      const m = member(program);
      expect(amounts(m.step(usd('2024-01-10T12:00:00Z', paid))), paid).toEqual(expected);
    }
  });

  it('is not rounded by wallet.rounding (ceil still pays $2 on $59.99)', () => {
    const m = member(cashProgram([{ id: 'step', kind: 'cashback', every: { amount: '1.00', per: '20.00' } }], { rounding: 'ceil' }));
    expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '59.99')))).toEqual(['2.00']);
  });

  it('a base that is a repeating decimal still holds its full steps: $10.00 for three $1 items, $1 per $5 → $2', () => {
    // shares 3.333… × 3 = 10.00 → 10 / 5 = 2 full steps → 2 × 1.00
    const items: Item[] = [
      { sku: 'a', quantity: 1, unitPrice: '1.00' },
      { sku: 'b', quantity: 1, unitPrice: '1.00' },
      { sku: 'c', quantity: 1, unitPrice: '1.00' },
    ];
    const m = member(cashProgram([{ id: 'step', kind: 'cashback', every: { amount: '1.00', per: '5.00' } }]));
    expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '10.00', { items })))).toEqual(['2.00']);
  });

  it('a step amount with cents: $2.50 per full $30 on $95 → 3 × 2.50 = $7.50', () => {
    const m = member(cashProgram([{ id: 'step', kind: 'cashback', every: { amount: '2.50', per: '30' } }]));
    expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '95.00')))).toEqual(['7.50']);
  });
});

// ---------------------------------------------------------------------------
// Item filters, minOrderAmount, maxPerOrder, active, condition
// ---------------------------------------------------------------------------

describe('item filters: the amount paid is shared by listed value', () => {
  it("the doc's example: $95 for a $60 tent (gear) and a $40 hat → gear 10% = $5.70, step $4.00", () => {
    // tent share = 95 × 60 / 100 = 57.00 → 10% = 5.70; the step rule sees all 95.00 → 4 full $20 → 4.00
    const m = member(cashProgram(DOC_RULES));
    expect(moves(m.step(usd('2024-01-10T12:00:00Z', '95.00', { orderId: 'o1', items: TENT_AND_HAT })))).toEqual([
      ['cashback', 'member-back', '5.70', '5.70'],
      ['cashback', 'step', '4.00', '9.70'],
    ]);
  });

  it('the hat alone: its share is 95 × 40 / 100 = 38.00 → 10% = $3.80', () => {
    const m = member(cashProgram([{ id: 'hat-back', kind: 'cashback', percent: '10', items: hats }]));
    expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '95.00', { items: TENT_AND_HAT })))).toEqual(['3.80']);
  });

  it('quantities count in the listed value: 2 × $30 tents + a $40 hat, $80 paid → tents 80 × 60 / 100 = 48.00 → $4.80', () => {
    const items: Item[] = [
      { sku: 'tent', quantity: 2, unitPrice: '30.00', category: 'gear' },
      { sku: 'hat', quantity: 1, unitPrice: '40.00', category: 'hats' },
    ];
    const m = member(cashProgram([{ id: 'member-back', kind: 'cashback', percent: '10', items: gear }]));
    expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '80.00', { items })))).toEqual(['4.80']);
  });

  it('a filtered step rule counts only the eligible share: $1 per $20 on gear, tent share 57.00 → 2 steps → $2.00', () => {
    const m = member(cashProgram([{ id: 'gear-step', kind: 'cashback', every: { amount: '1.00', per: '20.00' }, items: gear }]));
    expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '95.00', { items: TENT_AND_HAT })))).toEqual(['2.00']);
  });

  it('an order with no eligible item, or without items at all, earns no filtered cashback', () => {
    const m = member(cashProgram([{ id: 'member-back', kind: 'cashback', percent: '10', items: gear }]));
    expect(walletOf(m.step(usd('2024-01-10T12:00:00Z', '40.00', { items: [{ sku: 'hat', quantity: 1, unitPrice: '40.00', category: 'hats' }] })))).toEqual([]);
    expect(walletOf(m.step(usd('2024-01-11T12:00:00Z', '40.00')))).toEqual([]);
  });
});

describe('minOrderAmount and maxPerOrder', () => {
  it('minOrderAmount: the order must reach it ($49.99 → nothing, $50.00 → 10% = $5.00)', () => {
    const m = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10', minOrderAmount: '50.00' }]));
    expect(walletOf(m.step(usd('2024-01-10T12:00:00Z', '49.99')))).toEqual([]);
    expect(amounts(m.step(usd('2024-01-11T12:00:00Z', '50.00')))).toEqual(['5.00']);
  });

  it('minOrderAmount compares with the order amount, not the eligible share ($95 order, gear share 57 < 90 still pays $5.70)', () => {
    const m = member(cashProgram([{ id: 'member-back', kind: 'cashback', percent: '10', items: gear, minOrderAmount: '90' }]));
    expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '95.00', { items: TENT_AND_HAT })))).toEqual(['5.70']);
  });

  it('maxPerOrder: 10% of $95 = 9.50 → capped at $5.00; 10% of $40 = $4.00 is under the cap', () => {
    const m = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10', maxPerOrder: '5.00' }]));
    expect(moves(m.step(usd('2024-01-10T12:00:00Z', '95.00')))).toEqual([['cashback', 'back', '5.00', '5.00']]);
    expect(moves(m.step(usd('2024-01-11T12:00:00Z', '40.00')))).toEqual([['cashback', 'back', '4.00', '9.00']]);
  });

  it('maxPerOrder caps a step rule too: $1 per $20 on $200 = 10 → capped at $3.00', () => {
    const m = member(cashProgram([{ id: 'step', kind: 'cashback', every: { amount: '1', per: '20' }, maxPerOrder: '3' }]));
    expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '200.00')))).toEqual(['3.00']);
  });
});

describe('active dates and conditions', () => {
  it('active from 2024-11-25 until 2024-12-02, inclusive calendar dates in America/New_York', () => {
    const program = cashProgram([
      { id: 'step', kind: 'cashback', every: { amount: '1.00', per: '20.00' }, active: { from: '2024-11-25', until: '2024-12-02' } },
    ], { timezone: 'America/New_York' });
    // New York is on EST (UTC−5) for these dates
    const cases: [string, string[]][] = [
      ['2024-11-25T04:59:59Z', []], // 24 Nov 23:59:59 local
      ['2024-11-25T05:00:00Z', ['2.00']], // 25 Nov 00:00 local; $40 → 2 steps
      ['2024-12-03T04:59:59Z', ['2.00']], // 2 Dec 23:59:59 local
      ['2024-12-03T05:00:00Z', []], // 3 Dec 00:00 local
    ];
    for (const [at, expected] of cases) {
      const m = member(program);
      expect(amounts(m.step(usd(at, '40.00'))), at).toEqual(expected);
    }
  });

  it('a condition on the event: app orders only', () => {
    const m = member(cashProgram([
      { id: 'app-back', kind: 'cashback', percent: '5', condition: { all: [{ fact: 'event', path: '$.channel', operator: 'equal', value: 'app' }] } },
    ]));
    expect(walletOf(m.step(usd('2024-01-10T12:00:00Z', '40.00', { channel: 'web' })))).toEqual([]);
    // 5% of 40.00 = 2.00
    expect(amounts(m.step(usd('2024-01-11T12:00:00Z', '40.00', { channel: 'app' })))).toEqual(['2.00']);
  });

  it('a condition on the member: from the second order on (member.orders ≥ 1)', () => {
    const m = member(cashProgram([
      { id: 'loyal', kind: 'cashback', percent: '10', condition: { all: [{ fact: 'member', path: '$.orders', operator: 'greaterThanInclusive', value: 1 }] } },
    ]));
    expect(walletOf(m.step(usd('2024-01-10T12:00:00Z', '30.00')))).toEqual([]);
    expect(amounts(m.step(usd('2024-01-11T12:00:00Z', '30.00')))).toEqual(['3.00']);
  });

  it("a condition on the member's points reads the balance before the purchase, though cashback is decided after its points are credited", () => {
    const m = member(cashProgram([
      { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
      { id: 'rich-back', kind: 'cashback', percent: '10', condition: { all: [{ fact: 'member', path: '$.points', operator: 'greaterThanInclusive', value: 50 }] } },
    ]));
    const earned = (effects: readonly Effect[]): [string | undefined, number][] => ledgerEntries(effects).map((e) => [e.ruleId, e.points]);
    // balance 0 before: 40 points, no cashback
    let effects = m.step(usd('2024-01-10T12:00:00Z', '40.00'));
    expect([earned(effects), amounts(effects)]).toEqual([[['base', 40]], []]);
    // balance 40 before (70 after the credit): still none
    effects = m.step(usd('2024-01-11T12:00:00Z', '30.00'));
    expect([earned(effects), amounts(effects)]).toEqual([[['base', 30]], []]);
    // balance 70 before: 10% of 10.00 = 1.00 back
    effects = m.step(usd('2024-01-12T12:00:00Z', '10.00'));
    expect([earned(effects), amounts(effects)]).toEqual([[['base', 10]], ['1.00']]);
  });
});

describe('multipliers apply to points only, never to cashback', () => {
  it('a ×3 multiplier rule triples the points, not the cashback', () => {
    const earn: Earn = [
      { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
      { id: 'triple', kind: 'multiplier', factor: '3' },
      { id: 'gear-triple', kind: 'multiplier', factor: '3', items: gear },
      ...DOC_RULES,
    ];
    const m = member(makeProgram({ currency: 'USD', wallet: { rounding: 'floor' }, earn, points: { multipliers: 'multiply' } }));
    const effects = m.step(usd('2024-01-10T12:00:00Z', '95.00', { items: TENT_AND_HAT }));
    // points: tent 57 × 3 × 3 = 513, hat 38 × 3 = 114 → 627 (multipliers combine by 'multiply')
    expect(ledgerEntries(effects).map((e) => [e.ruleId, e.points])).toEqual([['base', 627]]);
    // cashback as without multipliers: 5.70 and 4.00
    expect(moves(effects)).toEqual([
      ['cashback', 'member-back', '5.70', '5.70'],
      ['cashback', 'step', '4.00', '9.70'],
    ]);
  });

  it("a tier's ×2 multiplier doubles the points, not the cashback", () => {
    const program = makeProgram({
      currency: 'USD',
      wallet: { rounding: 'floor' },
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
        { id: 'back', kind: 'cashback', percent: '10' },
      ],
      tiers: {
        window: { kind: 'lifetime' },
        levels: [
          { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
          { id: 'gold', criteria: { metric: 'spend', atLeast: '500' }, multiplier: '2' },
        ],
        downgrade: { kind: 'grace', days: 0 },
      },
    });
    const m = member(program);
    // $500 with no level yet: 500 points, 10% = 50.00; it lifts the member to gold
    const p1 = m.step(usd('2024-01-10T12:00:00Z', '500.00'));
    expect(ledgerEntries(p1).map((e) => [e.ruleId, e.points])).toEqual([['base', 500]]);
    expect(amounts(p1)).toEqual(['50.00']);
    // $100 at gold: 100 × 2 = 200 points; cashback 10% of 100 = 10.00, not 20.00
    const p2 = m.step(usd('2024-01-11T12:00:00Z', '100.00'));
    expect(ledgerEntries(p2).map((e) => [e.ruleId, e.points])).toEqual([['base', 200]]);
    expect(moves(p2)).toEqual([['cashback', 'back', '10.00', '60.00']]);
  });
});

// ---------------------------------------------------------------------------
// Wallet entries
// ---------------------------------------------------------------------------

describe('wallet entries', () => {
  it("carry kind, signed amount with the minor unit, currency, ruleId, orderId, the balance after, and ids `${eventId}:${n}`", () => {
    const program = cashProgram(DOC_RULES);
    const m = member(program);
    const effects = m.step(usd('2024-01-10T12:00:00Z', '95.00', { id: 'p1', orderId: 'o1', items: TENT_AND_HAT }));
    expect(effects.map((e) => e.type)).toEqual(['wallet', 'wallet']);
    const [a, b] = walletOf(effects);
    expect(a).toMatchObject({
      id: 'p1:0', eventId: 'p1', memberId: 'm1', programId: 'test', programVersion: 1, at: '2024-01-10T12:00:00.000Z',
      kind: 'cashback', amount: '5.70', currency: 'USD', ruleId: 'member-back', orderId: 'o1', balance: '5.70',
    });
    expect(b).toMatchObject({
      id: 'p1:1', eventId: 'p1', memberId: 'm1', programId: 'test', programVersion: 1, at: '2024-01-10T12:00:00.000Z',
      kind: 'cashback', amount: '4.00', currency: 'USD', ruleId: 'step', orderId: 'o1', balance: '9.70',
    });
    expect(effects.map(effectId)).toEqual(['p1:0', 'p1:1']);
    expectWallet(m.state, { balance: '9.70', cashback: '9.70', credited: '0.00', debited: '0.00', clawedBack: '0.00' });
  });

  it('ids count every effect of the event: after the points entry p1:0 come p1:1 and p1:2', () => {
    const m = member(cashProgram([{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }, ...DOC_RULES]));
    const effects = m.step(usd('2024-01-10T12:00:00Z', '95.00', { id: 'p1', orderId: 'o1', items: TENT_AND_HAT }));
    expect(effects.map((e) => [e.type, effectId(e)])).toEqual([['ledger', 'p1:0'], ['wallet', 'p1:1'], ['wallet', 'p1:2']]);
  });

  it('the same event on the same state gives the same entries (stable ids)', () => {
    const program = cashProgram(DOC_RULES);
    const state = newMemberState(program, 'm1');
    const event = usd('2024-01-10T12:00:00Z', '95.00', { id: 'p1', orderId: 'o1', items: TENT_AND_HAT });
    expect(evaluate(program, state, event).effects).toEqual(evaluate(program, state, event).effects);
  });

  it('a program without cashback rules, or without a wallet, gives no wallet effects and no wallet state', () => {
    const noWallet = makeProgram({ currency: 'USD' });
    const r = evaluate(noWallet, newMemberState(noWallet, 'm1'), usd('2024-01-10T12:00:00Z', '95.00'));
    expect(walletOf(r.effects)).toEqual([]);
    expect(r.state.wallet).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------
// Refunds
// ---------------------------------------------------------------------------

describe('refunds claw cashback back at the value the order earned', () => {
  it('partial refund by amount: 10% of $95 = 9.50; refund $30 → keeps 10% of 65 = 6.50, claws 3.00; refund $0.05 → keeps floor(6.495) = 6.49, claws 0.01', () => {
    const m = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }]));
    m.step(usd('2024-01-10T12:00:00Z', '95.00', { orderId: 'o1' }));
    const r1 = m.step(refund('2024-01-11T12:00:00Z', 'o1', '30.00', { id: 'r1' }));
    expect(walletOf(r1)).toEqual([
      expect.objectContaining({ id: 'r1:0', kind: 'clawback', amount: '-3.00', currency: 'USD', ruleId: 'back', orderId: 'o1', balance: '6.50' }),
    ]);
    expect(moves(m.step(refund('2024-01-12T12:00:00Z', 'o1', '0.05')))).toEqual([['clawback', 'back', '-0.01', '6.49']]);
    expectWallet(m.state, { balance: '6.49', cashback: '9.50', credited: '0.00', debited: '0.00', clawedBack: '3.01' });
  });

  it("partial refund by items (the doc's hat): gear cashback untouched, step keeps floor(57 / 20) = 2 → claws 4.00 − 2.00 = 2.00", () => {
    const m = member(cashProgram(DOC_RULES));
    m.step(usd('2024-01-10T12:00:00Z', '95.00', { orderId: 'o1', items: TENT_AND_HAT }));
    // the hat's share: 38.00
    const r = m.step(refund('2024-01-11T12:00:00Z', 'o1', '38.00', { items: [{ sku: 'hat', quantity: 1 }] }));
    expect(moves(r)).toEqual([['clawback', 'step', '-2.00', '7.70']]);
    // then the tent: the order is refunded in full → everything left goes: 5.70 and 2.00
    const r2 = m.step(refund('2024-01-12T12:00:00Z', 'o1', '57.00', { items: [{ sku: 'tent', quantity: 1 }] }));
    expect(moves(r2)).toEqual([
      ['clawback', 'member-back', '-5.70', '2.00'],
      ['clawback', 'step', '-2.00', '0.00'],
    ]);
  });

  it('partial refund by items (the tent, the only eligible item): gear claws all 5.70; step keeps floor(38 / 20) = 1 → claws 3.00', () => {
    const m = member(cashProgram(DOC_RULES));
    m.step(usd('2024-01-10T12:00:00Z', '95.00', { orderId: 'o1', items: TENT_AND_HAT }));
    expect(moves(m.step(refund('2024-01-11T12:00:00Z', 'o1', '57.00', { items: [{ sku: 'tent', quantity: 1 }] })))).toEqual([
      ['clawback', 'member-back', '-5.70', '4.00'],
      ['clawback', 'step', '-3.00', '1.00'],
    ]);
  });

  it('partial refund by items of one of two eligible units: 2 × $30 tents + $40 hat for $80, one tent back → gear keeps 10% of 24 = 2.40, claws 2.40', () => {
    // tents' share 48.00 (24.00 each) → 4.80; one tent returned → remaining gear base 24.00 → 2.40 kept
    const items: Item[] = [
      { sku: 'tent', quantity: 2, unitPrice: '30.00', category: 'gear' },
      { sku: 'hat', quantity: 1, unitPrice: '40.00', category: 'hats' },
    ];
    const m = member(cashProgram([{ id: 'member-back', kind: 'cashback', percent: '10', items: gear }]));
    m.step(usd('2024-01-10T12:00:00Z', '80.00', { orderId: 'o1', items }));
    expect(moves(m.step(refund('2024-01-11T12:00:00Z', 'o1', '24.00', { items: [{ sku: 'tent', quantity: 1 }] })))).toEqual([['clawback', 'member-back', '-2.40', '2.40']]);
  });

  it('stepwise: the member keeps floor(remaining / per) × amount', () => {
    const m = member(cashProgram([{ id: 'step', kind: 'cashback', every: { amount: '1.00', per: '20.00' } }]));
    m.step(usd('2024-01-10T12:00:00Z', '100.00', { orderId: 'o1' })); // 5 steps → 5.00
    // remaining 99.99 → 4 steps kept → claws 1.00
    expect(moves(m.step(refund('2024-01-11T12:00:00Z', 'o1', '0.01')))).toEqual([['clawback', 'step', '-1.00', '4.00']]);
    // remaining 80.00 → still 4 steps → nothing more
    expect(moves(m.step(refund('2024-01-12T12:00:00Z', 'o1', '19.99')))).toEqual([]);
    // remaining 79.99 → 3 steps → claws 1.00
    expect(moves(m.step(refund('2024-01-13T12:00:00Z', 'o1', '0.01')))).toEqual([['clawback', 'step', '-1.00', '3.00']]);
    // remaining 19.99 → 0 steps → claws the last 3.00
    expect(moves(m.step(refund('2024-01-14T12:00:00Z', 'o1', '60.00')))).toEqual([['clawback', 'step', '-3.00', '0.00']]);
  });

  it('several partial refunds claw back exactly the credit (floor): $10.00 → 1.00; refunds 3.33, 3.33, 3.34 claw 0.34, 0.33, 0.33', () => {
    const m = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }], { rounding: 'floor' }));
    m.step(usd('2024-01-10T12:00:00Z', '10.00', { orderId: 'o1' }));
    // remaining 6.67 → 0.667 → floor 0.66 kept → claws 0.34
    expect(amounts(m.step(refund('2024-01-11T12:00:00Z', 'o1', '3.33')))).toEqual(['-0.34']);
    // remaining 3.34 → 0.334 → 0.33 kept → claws 0.33
    expect(amounts(m.step(refund('2024-01-12T12:00:00Z', 'o1', '3.33')))).toEqual(['-0.33']);
    // refunded in full → the last 0.33
    expect(amounts(m.step(refund('2024-01-13T12:00:00Z', 'o1', '3.34')))).toEqual(['-0.33']);
    expectWallet(m.state, { balance: '0.00', cashback: '1.00', credited: '0.00', debited: '0.00', clawedBack: '1.00' });
  });

  it('several partial refunds claw back exactly the credit (ceil): $33.33 → ceil 3.333 = 3.34; three refunds of 11.11 claw 1.11, 1.11, 1.12', () => {
    const m = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }], { rounding: 'ceil' }));
    expect(amounts(m.step(usd('2024-01-10T12:00:00Z', '33.33', { orderId: 'o1' })))).toEqual(['3.34']);
    // remaining 22.22 → 2.222 → ceil 2.23 kept → claws 1.11
    expect(amounts(m.step(refund('2024-01-11T12:00:00Z', 'o1', '11.11')))).toEqual(['-1.11']);
    // remaining 11.11 → 1.111 → ceil 1.12 kept → claws 1.11
    expect(amounts(m.step(refund('2024-01-12T12:00:00Z', 'o1', '11.11')))).toEqual(['-1.11']);
    // full → the last 1.12
    expect(amounts(m.step(refund('2024-01-13T12:00:00Z', 'o1', '11.11')))).toEqual(['-1.12']);
    expect(m.state.wallet?.balance).toBe('0.00');
  });

  it('a capped order keeps its cap while the rest still earns it: 10% max $5 on $95; refund 30 → 6.50 ≥ 5, nothing; refund 20 more → 4.50, claws 0.50', () => {
    const m = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10', maxPerOrder: '5.00' }]));
    m.step(usd('2024-01-10T12:00:00Z', '95.00', { orderId: 'o1' }));
    expect(moves(m.step(refund('2024-01-11T12:00:00Z', 'o1', '30.00')))).toEqual([]);
    expect(moves(m.step(refund('2024-01-12T12:00:00Z', 'o1', '20.00')))).toEqual([['clawback', 'back', '-0.50', '4.50']]);
  });

  it("a full refund claws back everything the order holds (the doc's order: 5.70 and 4.00)", () => {
    const m = member(cashProgram(DOC_RULES));
    m.step(usd('2024-01-10T12:00:00Z', '95.00', { orderId: 'o1', items: TENT_AND_HAT }));
    const r = m.step(refund('2024-01-11T12:00:00Z', 'o1', '95.00', { id: 'r1' }));
    expect(walletOf(r).map((e) => [e.id, e.kind, e.ruleId, e.orderId, e.amount, e.balance])).toEqual([
      ['r1:0', 'clawback', 'member-back', 'o1', '-5.70', '4.00'],
      ['r1:1', 'clawback', 'step', 'o1', '-4.00', '0.00'],
    ]);
    expectWallet(m.state, { balance: '0.00', cashback: '9.70', credited: '0.00', debited: '0.00', clawedBack: '9.70' });
    expect(m.state.wallet?.balance).toBe('0.00');
  });

  it('claws back at the value the order earned, not under a later program version', () => {
    const v1 = cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }]);
    const v2 = makeProgram({ currency: 'USD', version: 2, wallet: { rounding: 'floor' }, earn: [{ id: 'back', kind: 'cashback', percent: '20' }] });
    const p = evaluate(v1, newMemberState(v1, 'm1'), usd('2024-01-10T12:00:00Z', '50.00', { orderId: 'o1' })); // 5.00
    // full refund under v2 claws the 5.00 credited, not 20% of 50 = 10.00
    const r = evaluate(v2, p.state, refund('2024-01-11T12:00:00Z', 'o1', '50.00'));
    expect(amounts(r.effects)).toEqual(['-5.00']);
    expect(r.state.wallet?.balance).toBe('0.00');
  });

  it('clawback after spending takes the balance below zero; later cashback makes up for it', () => {
    const m = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }]));
    m.step(usd('2024-01-10T12:00:00Z', '95.00', { orderId: 'o1' })); // +9.50
    expect(moves(m.step({ id: 'd1', type: 'wallet_debit', memberId: 'm1', at: '2024-01-11T12:00:00Z', amount: '9.50' }))).toEqual([['debit', 'wallet', '-9.50', '0.00']]);
    expect(moves(m.step(refund('2024-01-12T12:00:00Z', 'o1', '95.00')))).toEqual([['clawback', 'back', '-9.50', '-9.50']]);
    // $100 → +10.00 → 0.50
    expect(moves(m.step(usd('2024-01-13T12:00:00Z', '100.00', { orderId: 'o2' })))).toEqual([['cashback', 'back', '10.00', '0.50']]);
    // 19.50 + 0 − 9.50 − 9.50 = 0.50
    expectWallet(m.state, { balance: '0.50', cashback: '19.50', credited: '0.00', debited: '9.50', clawedBack: '9.50' });
  });
});

// ---------------------------------------------------------------------------
// summarize
// ---------------------------------------------------------------------------

describe('summarize(...).wallet, and how money is written', () => {
  it('is the balance for programs with a wallet, null for programs without', () => {
    const m = member(cashProgram(DOC_RULES));
    m.step(usd('2024-01-10T12:00:00Z', '95.00', { orderId: 'o1', items: TENT_AND_HAT }));
    m.step(refund('2024-01-11T12:00:00Z', 'o1', '38.00', { items: [{ sku: 'hat', quantity: 1 }] }));
    // 5.70 + 4.00 − 2.00
    expect(summarize(cashProgram(DOC_RULES), m.state, '2024-01-12T00:00:00Z').wallet).toBe('7.70');
    const plain = makeProgram();
    expect(summarize(plain, newMemberState(plain, 'm1'), '2024-01-12T00:00:00Z').wallet).toBeNull();
  });

  it('a new member of a wallet program reads "0.00" (money with the minor unit)', () => {
    // docs/cashback.md: "Money is exact decimal throughout, written as strings with the currency's minor unit"
    const program = cashProgram(DOC_RULES);
    expect(summarize(program, newMemberState(program, 'm1'), '2024-01-12T00:00:00Z').wallet).toBe('0.00');
  });

  it('money is written with the minor unit even when nothing moved it: untouched totals are "0.00" (USD), "0" (JPY)', () => {
    // docs/cashback.md: "Money is exact decimal throughout, written as strings with the currency's minor unit ("5.70")"
    const program = cashProgram(DOC_RULES);
    const m = member(program);
    m.step(usd('2024-01-10T12:00:00Z', '95.00', { orderId: 'o1', items: TENT_AND_HAT }));
    expect(m.state.wallet).toEqual({ balance: '9.70', totals: { cashback: '9.70', credited: '0.00', debited: '0.00', clawedBack: '0.00' } });
    const jpy = member(cashProgram([{ id: 'back', kind: 'cashback', percent: '10' }], { currency: 'JPY' }));
    jpy.step(purchase('2024-01-10T12:00:00Z', '1000', { currency: 'JPY' }));
    expect(jpy.state.wallet).toEqual({ balance: '100', totals: { cashback: '100', credited: '0', debited: '0', clawedBack: '0' } });
  });
});

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

describe('program validation', () => {
  const base = {
    id: 'p',
    version: 1,
    currency: 'USD',
    timezone: 'Europe/London',
    points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
  };

  it("a cashback rule without a wallet → 'undeclared' at ['wallet']", () => {
    const issues = refusedIssues({ ...base, earn: [{ id: 'back', kind: 'cashback', percent: '10' }] });
    expect(codesAt(issues)).toEqual([['["wallet"]', 'undeclared']]);
  });

  it("both percent and every, or neither → 'invalid_rule' at the rule", () => {
    const issues = refusedIssues({
      ...base,
      wallet: { rounding: 'floor' },
      earn: [
        { id: 'fine', kind: 'cashback', percent: '10' },
        { id: 'both', kind: 'cashback', percent: '10', every: { amount: '1', per: '20' } },
        { id: 'neither', kind: 'cashback' },
      ],
    });
    expect(codesAt(issues).sort()).toEqual([['["earn",1]', 'invalid_rule'], ['["earn",2]', 'invalid_rule']]);
  });

  it("percent above 100 → 'too_big' at the percent; exactly 100 is allowed", () => {
    const issues = refusedIssues({ ...base, wallet: { rounding: 'floor' }, earn: [{ id: 'all', kind: 'cashback', percent: '100' }, { id: 'more', kind: 'cashback', percent: '100.01' }] });
    expect(codesAt(issues)).toEqual([['["earn",1,"percent"]', 'too_big']]);
    expect(safeDefineProgram({ ...base, wallet: { rounding: 'floor' }, earn: [{ id: 'all', kind: 'cashback', percent: '100' }] }).success).toBe(true);
  });

  it("a wallet-credit reward without a wallet → 'undeclared' at ['wallet']", () => {
    const issues = refusedIssues({ ...base, rewards: { codeSalt: 'x'.repeat(16), catalog: [{ id: 'w5', kind: 'wallet-credit', cost: 500, value: '5.00' }] } });
    expect(codesAt(issues)).toEqual([['["wallet"]', 'undeclared']]);
  });

  it('a wallet program with both kinds of rule is accepted', () => {
    expect(safeDefineProgram({ ...base, wallet: { rounding: 'floor', minRedeem: '5.00' }, earn: DOC_RULES }).success).toBe(true);
  });
});
