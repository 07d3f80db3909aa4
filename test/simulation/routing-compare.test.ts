import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineProgram, referralCode, replay, type ProgramInput } from '../../src/index.js';
import { compare, simulate } from '../../src/simulation/index.js';
import { buy, program } from './support.js';

describe('simulate: referral credits are routed to the referrer', () => {
  // The coins club: 20 coins to the referrer when a friend signs up, 100 when the friend first buys
  // (pending through the 14-day return window), 1 coin per $1.
  const coins = defineProgram(JSON.parse(readFileSync(new URL('../../examples/06-coins-club/program.json', import.meta.url), 'utf8')) as ProgramInput);
  const at = (dayAndTime: string): string => `2024-05-${dayAndTime}:00+03:30`;
  const events = [
    { id: 'join-sara', type: 'enrollment', memberId: 'sara', at: at('01T10:00') },
    { id: 'join-ali', type: 'enrollment', memberId: 'ali', at: at('02T18:00'), referralCode: referralCode(coins, 'sara'), referrerId: 'sara' },
    { id: 'p-ali', type: 'purchase', memberId: 'ali', at: at('05T12:00'), orderId: 'ali-1', amount: '40.00', currency: 'USD' },
  ];

  it('applies the outgoing referral events at once and counts them', async () => {
    const r = await simulate(coins, events);
    expect(r.events).toEqual({ read: 3, applied: 3, duplicates: 0, rejected: 0, routed: 2 });
    // sara: 20 (signed up) + 100 (qualified, pending 14 days); ali: 40
    expect(r.totals).toMatchObject({ issued: 160, outstanding: 160, pending: 100 });
    expect(r.topEarners.map((t) => [t.memberId, t.issued])).toEqual([
      ['sara', 120],
      ['ali', 40],
    ]);
    // replay does not route: sara gets nothing there
    const { states } = replay(coins, events);
    expect(states.get('sara')?.totals.earned).toBe(0);
  });

  it('referral events also present in the history are skipped as duplicates', async () => {
    const routed = [
      { id: 'join-ali:referral:signed_up', type: 'referral', memberId: 'sara', at: at('02T18:00'), stage: 'signed_up', refereeId: 'ali' },
      { id: 'p-ali:referral:qualified', type: 'referral', memberId: 'sara', at: at('05T12:00'), stage: 'qualified', refereeId: 'ali', orderId: 'ali-1' },
    ];
    const r = await simulate(coins, [events[0], events[1], routed[0], events[2], routed[1]]);
    expect(r.events).toEqual({ read: 5, applied: 3, duplicates: 2, rejected: 0, routed: 2 });
    expect(r.totals.issued).toBe(160);
  });
});

describe('compare', () => {
  // Silver at 100 spent, gold at 300 (A) or 500 (B), over a member's lifetime; gold earns double.
  const ladder = (gold: string): ReturnType<typeof program> =>
    program({
      id: `ladder-${gold}`,
      tiers: {
        window: { kind: 'lifetime' },
        levels: [
          { id: 'silver', criteria: { metric: 'spend', atLeast: '100.00' } },
          { id: 'gold', criteria: { metric: 'spend', atLeast: gold }, multiplier: '2' },
        ],
        downgrade: { kind: 'grace', days: 30 },
      },
    } as never);
  const a = ladder('300.00');
  const b = ladder('500.00');
  const events = [
    buy('m1', '2024-01-01T10:00:00Z', '400.00'), // 400 points at no level; then gold under A, silver under B
    buy('m2', '2024-01-02T10:00:00Z', '50.00'),
    buy('m3', '2024-01-03T10:00:00Z', '600.00'), // gold under both
    buy('m1', '2024-01-10T10:00:00Z', '90.00'), // A: gold earns 180; B: 490 spent, still silver: 90
    buy('m2', '2024-01-11T10:00:00Z', '50.00'), // silver under both (100 spent): 50
    buy('m3', '2024-01-12T10:00:00Z', '10.00'), // gold under both: 20
  ];

  it('a higher gold threshold moves m1 down and costs them 90 points', async () => {
    const d = await compare(a, b, events, { pointValue: '0.01' });
    expect(d.members).toBe(3);
    expect(d.tierChanges).toEqual([{ memberId: 'm1', from: 'gold', to: 'silver' }]);
    expect([d.gained, d.lost, d.unchanged]).toEqual([0, 1, 2]);
    // A issues 580 + 100 + 620 = 1300, B 490 + 100 + 620 = 1210
    expect([d.a.totals.issued, d.b.totals.issued]).toEqual([1300, 1210]);
    // 90 points at 0.01: 0.90 less liability and cost
    expect(d.difference).toEqual({ issued: -90, outstanding: -90, liability: '-0.90', cost: '-0.90' });
    expect(d.mostAffected).toEqual([{ memberId: 'm1', issuedA: 580, issuedB: 490, balanceA: 580, balanceB: 490, tierA: 'gold', tierB: 'silver', delta: -90 }]);
    expect(d.a.tiers).toEqual({ none: 0, silver: 1, gold: 2 });
    expect(d.b.tiers).toEqual({ none: 0, silver: 2, gold: 1 });
  });

  it('mostAffected is ordered by |delta|, then member id, and cut at top', async () => {
    const d = await compare(program({ id: 'one' }), program({ id: 'two', earn: [{ id: 'base', kind: 'spend', rate: { points: 2, per: '1.00' } }] } as never), [
      buy('z', '2024-01-01T10:00:00Z', '10.00'), // +10 under B
      buy('y', '2024-01-01T10:00:00Z', '30.00'), // +30
      buy('x', '2024-01-01T10:00:00Z', '10.00'), // +10
    ], { top: 2 });
    expect(d.mostAffected.map((m) => [m.memberId, m.delta])).toEqual([
      ['y', 30],
      ['x', 10],
    ]);
    expect([d.gained, d.lost, d.unchanged]).toEqual([3, 0, 0]);
    expect(d.difference).toEqual({ issued: 50, outstanding: 50, liability: null, cost: null });
  });
});
