import { describe, expect, it } from 'vitest';
import { defineProgram, type ProgramInput } from '../../src/index.js';
import { compare, simulate } from '../../src/simulation/index.js';

// The example of docs/simulation.md, with the numbers it shows.
describe('docs/simulation.md example', () => {
  const program = defineProgram({
    id: 'shop', version: 1, currency: 'GBP', timezone: 'Europe/London',
    points: { rounding: 'floor', expiry: { kind: 'days-after-earning', days: 30 }, negativeBalance: 'debt' },
    earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
    rewards: {
      codeSalt: 'replace with a secret of 16+ characters',
      catalog: [{ id: 'coffee', kind: 'free-product', cost: 100, sku: 'coffee' }],
    },
  });
  const events = [
    { id: 'e1', type: 'purchase', memberId: 'ann', at: '2024-01-05T10:00:00Z', orderId: 'o1', amount: '120.00', currency: 'GBP' },
    { id: 'e2', type: 'redemption', memberId: 'ann', at: '2024-01-20T10:00:00Z', rewardId: 'coffee' },
    { id: 'e3', type: 'purchase', memberId: 'bob', at: '2024-01-25T10:00:00Z', orderId: 'o2', amount: '40.00', currency: 'GBP' },
    { id: 'e4', type: 'purchase', memberId: 'ann', at: '2024-03-01T10:00:00Z', orderId: 'o3', amount: '10.00', currency: 'GBP' },
  ];

  it('simulate', async () => {
    const report = await simulate(program, events, { pointValue: '0.01' });
    // Jan: 120 + 40 issued, 100 redeemed; Feb: ann's 20 (4 Feb) and bob's 40 (24 Feb) expire; Mar: +10
    expect(report.periods.map((p) => [p.period, p.issued, p.redeemed, p.expired, p.outstanding])).toEqual([
      ['2024-01', 160, 100, 0, 60],
      ['2024-02', 0, 0, 60, 0],
      ['2024-03', 10, 0, 0, 10],
    ]);
    expect(report.totals).toEqual({ issued: 170, redeemed: 100, expired: 60, clawedBack: 0, adjusted: 0, outstanding: 10, pending: 0 });
    expect(report.liability).toBe('0.10');
    expect(report.breakage).toBe(60 / 170);
    expect(report.costPerMember).toBe('0.85');
    // ann reached 100 on her first day; bob joined 36 days before the end and never reached it
    expect(report.firstReward).toEqual({ withinDays: 90, rewardPoints: 100, eligible: 1, reached: 1, share: 1, days: [0] });
  });

  it('compare', async () => {
    const draft = defineProgram({ ...program, earn: [{ id: 'base', kind: 'spend', rate: { points: 2, per: '1.00' } }] } as ProgramInput);
    const diff = await compare(program, draft, events, { pointValue: '0.01' });
    // B issues 340: ann 240 + 20, bob 80; ann keeps 20 (her 140 left expire), bob's 80 expire
    expect(diff.difference).toEqual({ issued: 170, outstanding: 10, liability: '0.10', cost: '1.70' });
    expect(diff.mostAffected).toEqual([{ memberId: 'ann', issuedA: 130, issuedB: 260, balanceA: 10, balanceB: 20, tierA: null, tierB: null, delta: 10 }]);
  });
});
