import type { ComparisonReport, PeriodRow, SimulationReport } from '../../src/simulation/types.js';

/** A period row with zeros but what is given. */
export function period(p: Partial<PeriodRow> & { period: string }): PeriodRow {
  return { start: `${p.period}-01T00:00:00.000Z`, issued: 0, redeemed: 0, expired: 0, clawedBack: 0, adjusted: 0, outstanding: 0, liability: null, tiers: {}, activeMembers: 0, ...p };
}

/**
 * A hand-made report: two months of a small program. Totals: 1,000 issued, 200 redeemed, 150 expired, 50 clawed
 * back → 600 outstanding (1,000 − 200 − 150 − 50), of which 40 pending; at 0.01 a point: 6.00 liability;
 * breakage 150 / 1,000 = 15%; 1,000 × 0.01 / 4 members = 2.50 per member.
 */
export function handMadeReport(over: Partial<SimulationReport> = {}): SimulationReport {
  return {
    programId: 'cafe',
    programVersion: 3,
    from: '2024-01-03T10:00:00.000Z',
    to: '2024-02-20T16:00:00.000Z',
    events: { read: 12, applied: 11, duplicates: 0, rejected: 1, routed: 0 },
    members: 4,
    totals: { issued: 1000, redeemed: 200, expired: 150, clawedBack: 50, adjusted: 0, outstanding: 600, pending: 40 },
    liability: '6',
    breakage: 0.15,
    costPerMember: '2.5',
    periods: [
      period({ period: '2024-01', issued: 700, redeemed: 0, outstanding: 680, clawedBack: 20, liability: '6.8', tiers: { none: 0, member: 3, gold: 1 }, activeMembers: 4 }),
      period({ period: '2024-02', issued: 300, redeemed: 200, expired: 150, clawedBack: 30, outstanding: 600, liability: '6', tiers: { none: 0, member: 2, gold: 2 }, activeMembers: 3 }),
    ],
    tiers: { none: 0, member: 2, gold: 2 },
    firstReward: { withinDays: 90, rewardPoints: 100, eligible: 4, reached: 3, share: 0.75, days: [2, 9, 30] },
    redemptions: [{ rewardId: 'coffee', count: 2, points: 200, members: 1, rate: 0.25 }],
    topEarners: [
      { memberId: 'ann', issued: 600, outstanding: 400, tier: 'gold' },
      { memberId: 'bob', issued: 250, outstanding: 150, tier: 'gold' },
    ],
    segments: {},
    rejected: [],
    ...over,
  };
}

/** A comparison of the hand-made report (A) with one where B issues 1,300 and bob moves up. */
export function handMadeComparison(): ComparisonReport {
  const a = handMadeReport();
  const b = handMadeReport({
    programVersion: 4,
    totals: { ...a.totals, issued: 1300, outstanding: 900 },
    liability: '9',
    costPerMember: '3.25',
    tiers: { none: 0, member: 1, gold: 3 },
  });
  return {
    a,
    b,
    members: 4,
    tierChanges: [{ memberId: 'cid', from: 'member', to: 'gold' }],
    gained: 3,
    lost: 0,
    unchanged: 1,
    difference: { issued: 300, outstanding: 300, liability: '3', cost: '3' },
    mostAffected: [
      { memberId: 'ann', issuedA: 600, issuedB: 800, balanceA: 400, balanceB: 600, tierA: 'gold', tierB: 'gold', delta: 200 },
      { memberId: 'cid', issuedA: 100, issuedB: 160, balanceA: 50, balanceB: 110, tierA: 'member', tierB: 'gold', delta: 60 },
    ],
  };
}
