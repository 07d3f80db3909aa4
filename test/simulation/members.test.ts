import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulation/index.js';
import { SALT, adjust, buy, program, redeem } from './support.js';

describe('simulate: tier populations over time', () => {
  // Silver at 100 spent, gold at 300, over a rolling 30-day window; no grace: a member drops the day a
  // purchase leaves the window (day D covers D−29 … D).
  const p = program({
    timezone: 'UTC',
    tiers: {
      window: { kind: 'rolling', days: 30 },
      levels: [
        { id: 'silver', criteria: { metric: 'spend', atLeast: '100.00' } },
        { id: 'gold', criteria: { metric: 'spend', atLeast: '300.00' } },
      ],
      downgrade: { kind: 'grace', days: 0 },
    },
  } as never);
  const events = [
    buy('a', '2024-01-05T10:00:00Z', '150.00'), // a: silver; the order leaves the window on 4 Feb
    buy('b', '2024-01-10T10:00:00Z', '400.00'), // b: gold; leaves on 9 Feb, and b has no later event
    buy('c', '2024-02-10T10:00:00Z', '50.00'), // c: no level
    buy('a', '2024-02-20T10:00:00Z', '10.00'), // a already dropped on 4 Feb
    buy('c', '2024-03-05T10:00:00Z', '300.00'), // c: 50 (10 Feb) + 300 in the window → gold
  ];

  it('counts members per level at the end of each period, time-driven drops included', async () => {
    const r = await simulate(p, events);
    expect(r.periods.map((row) => [row.period, row.tiers])).toEqual([
      ['2024-01', { none: 0, silver: 1, gold: 1 }],
      // a dropped on 4 Feb (recorded at a's next event), b on 9 Feb (no later event of b: counted at the end)
      ['2024-02', { none: 3, silver: 0, gold: 0 }],
      ['2024-03', { none: 2, silver: 0, gold: 1 }],
    ]);
    expect(r.tiers).toEqual({ none: 2, silver: 0, gold: 1 });
    expect(r.topEarners.map((t) => [t.memberId, t.tier])).toEqual([
      ['b', null],
      ['c', 'gold'],
      ['a', null],
    ]);
  });

  it('weekly rows count a member from the week of their first event', async () => {
    const r = await simulate(p, events.slice(0, 2), { period: 'week' });
    // 5 Jan 2024 is a Friday (week 1), 10 Jan a Wednesday (week 2)
    expect(r.periods.map((row) => [row.period, row.tiers])).toEqual([
      ['2024-W01', { none: 0, silver: 1, gold: 0 }],
      ['2024-W02', { none: 0, silver: 1, gold: 1 }],
    ]);
  });
});

describe('simulate: time to first reward', () => {
  // The cheapest reward costs 100 points (1 point per 1.00). Days are calendar days, London clock.
  const p = program({
    rewards: {
      codeSalt: SALT,
      catalog: [
        { id: 'big', kind: 'free-product', cost: 400, sku: 'big' },
        { id: 'small', kind: 'free-product', cost: 100, sku: 'small' },
      ],
    },
  } as never);
  const events = [
    buy('a', '2024-01-01T10:00:00Z', '60.00'),
    buy('b', '2024-01-01T10:00:00Z', '60.00'),
    buy('c', '2024-01-01T10:00:00Z', '10.00'), // never reaches 100
    buy('g', '2024-01-01T10:00:00Z', '60.00'),
    adjust('e', '2024-01-05T10:00:00Z', 150), // reaches on day 0, but never buys: not eligible
    buy('a', '2024-03-20T10:00:00Z', '50.00'), // 110 on day 79 (31 + 29 + 19): within 90
    buy('g', '2024-03-31T10:00:00+01:00', '50.00'), // day 90 exactly (31 + 29 + 30): within
    buy('b', '2024-04-15T10:00:00+01:00', '50.00'), // day 105: reached, but not within 90
    buy('f', '2024-04-20T10:00:00+01:00', '150.00'), // joined 42 days before the end, reached on day 0
    buy('d', '2024-06-01T10:00:00+01:00', '10.00'), // joined at the end: not eligible
  ];

  it('share of eligible members reaching the cheapest reward within 90 days', async () => {
    const r = await simulate(p, events);
    // eligible: a, b, c, g (first event ≥ 90 days before 1 June) and f (reached within); not d, not e
    expect(r.firstReward).toEqual({ withinDays: 90, rewardPoints: 100, eligible: 5, reached: 3, share: 3 / 5, days: [0, 0, 79, 90, 105] });
  });

  it('the window is an option', async () => {
    const r = await simulate(p, events, { firstRewardWithinDays: 80 });
    // within 80: a (79), f (0); g (90) now misses; eligible: a, b, c, g (≥ 80 days before the end), f
    expect(r.firstReward).toMatchObject({ withinDays: 80, eligible: 5, reached: 2, share: 2 / 5 });
  });

  it('pending points are not available: the reward is reached when they free up, at a later event', async () => {
    const pending = program({ points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt', pendingDays: 14 }, rewards: { codeSalt: SALT, catalog: [{ id: 'small', kind: 'free-product', cost: 100, sku: 'small' }] } } as never);
    const r = await simulate(pending, [
      buy('a', '2024-01-01T10:00:00Z', '150.00'), // 150 pending until 15 Jan
      buy('a', '2024-01-10T10:00:00Z', '1.00'), // still pending
      buy('a', '2024-01-20T10:00:00Z', '1.00'), // 150 available now: day 19
    ]);
    expect(r.firstReward).toMatchObject({ rewardPoints: 100, eligible: 1, reached: 1, days: [19] });
  });

  it('without a catalog there is no reward to reach', async () => {
    const r = await simulate(program(), events.filter((e) => e.type === 'purchase'));
    expect(r.firstReward).toMatchObject({ rewardPoints: null, reached: 0, share: null, days: [] });
  });
});

describe('simulate: cost per member with wallet cashback', () => {
  // 1 point per $1 and 5% cashback into the wallet. A wallet-credit reward is paid for with points
  // already counted as issued, so its credit is not counted again.
  const p = program({
    currency: 'USD',
    wallet: { rounding: 'floor' },
    earn: [
      { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
      { id: 'back', kind: 'cashback', percent: '5' },
    ],
    rewards: { codeSalt: SALT, catalog: [{ id: 'credit', kind: 'wallet-credit', cost: 50, value: '0.50' }] },
  } as never);

  it('issued points at the point value plus cashback, over the members', async () => {
    const r = await simulate(
      p,
      [
        buy('m1', '2024-01-01T10:00:00Z', '100.00', 'o1', 'USD'), // 100 points, $5.00 back
        buy('m2', '2024-01-02T10:00:00Z', '40.00', 'o2', 'USD'), // 40 points, $2.00 back
        redeem('m1', '2024-01-03T10:00:00Z', 'credit'), // 50 points → $0.50 credit: not a new cost
      ],
      { pointValue: '0.01' },
    );
    // 140 × 0.01 + 5.00 + 2.00 = 8.40 over 2 members
    expect(r.costPerMember).toBe('4.20');
    expect(r.redemptions).toEqual([{ rewardId: 'credit', count: 1, points: 50, members: 1, rate: 0.5 }]);
    expect(r.totals.outstanding).toBe(90);
  });
});

describe('simulate: segments', () => {
  const p = program({
    timezone: 'UTC',
    tiers: { window: { kind: 'lifetime' }, levels: [{ id: 'silver', criteria: { metric: 'spend', atLeast: '100.00' } }, { id: 'gold', criteria: { metric: 'spend', atLeast: '300.00' } }], downgrade: { kind: 'grace', days: 30 } },
  } as never);
  // At the end (1 Mar, day 61 of 2024): recency a 0 days, b 19 (11 Feb), c 29 (1 Feb), d 47 (14 Jan), e 56 (5 Jan); purchases a 1, b 2, c 3, d 4, e 5;
  // spend a 500, b 200 (2 × 100), c 90 (3 × 30), d 40 (4 × 10), e 5 (5 × 1).
  // Five distinct values score 1 … 5: r a5 b4 c3 d2 e1; f a1 … e5; m a5 b4 c3 d2 e1.
  const events = [
    ...[1, 2, 3, 4, 5].map((k) => buy('e', `2024-01-0${k}T10:00:00Z`, '1.00')),
    ...[1, 2, 3, 4].map((k) => buy('d', `2024-01-1${k}T10:00:00Z`, '10.00')),
    ...['01-30', '01-31', '02-01'].map((d) => buy('c', `2024-${d}T10:00:00Z`, '30.00')),
    ...['09', '11'].map((k) => buy('b', `2024-02-${k}T10:00:00Z`, '100.00')),
    adjust('z', '2024-02-20T10:00:00Z', 5), // z never buys: no RFM score
    buy('a', '2024-03-01T10:00:00Z', '500.00'),
  ].sort((x, y) => (String(x.at) < String(y.at) ? -1 : 1));

  it('by RFM, by level, by member facts and by points', async () => {
    const r = await simulate(p, events, {
      segments: {
        recentBigSpenders: { all: [{ fact: 'rfm', path: '$.r', operator: 'greaterThanInclusive', value: 4 }, { fact: 'rfm', path: '$.m', operator: 'greaterThanInclusive', value: 4 }] },
        loyal: { any: [{ fact: 'rfm', path: '$.f', operator: 'equal', value: 5 }] },
        gold: { all: [{ fact: 'tier', operator: 'equal', value: 'gold' }] },
        silverOrMore: { any: [{ fact: 'tier', operator: 'in', value: ['silver', 'gold'] }] },
        noPurchase: { all: [{ fact: 'rfm', operator: 'equal', value: null }] },
        lapsing: { all: [{ fact: 'member', path: '$.daysSinceLastPurchase', operator: 'greaterThan', value: 40 }] },
        richInPoints: { all: [{ fact: 'points', path: '$.available', operator: 'greaterThanInclusive', value: 200 }] },
        goldAndRecent: { all: [{ condition: 'gold' }, { fact: 'rfm', path: '$.r', operator: 'equal', value: 5 }] },
      },
    });
    expect(r.segments).toEqual({
      recentBigSpenders: { count: 2, members: ['a', 'b'] },
      loyal: { count: 1, members: ['e'] },
      gold: { count: 1, members: ['a'] }, // 500 spent
      silverOrMore: { count: 2, members: ['a', 'b'] }, // b spent 200
      noPurchase: { count: 1, members: ['z'] },
      lapsing: { count: 2, members: ['d', 'e'] }, // 47 and 56 days
      richInPoints: { count: 2, members: ['a', 'b'] }, // 500 and 200 points
      goldAndRecent: { count: 1, members: ['a'] },
    });
  });
});
