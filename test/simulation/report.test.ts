import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulation/index.js';
import { SALT, adjust, buy, program, redeem, refund } from './support.js';

const CATALOG = {
  codeSalt: SALT,
  catalog: [
    { id: 'coffee', kind: 'free-product', cost: 100, sku: 'coffee' },
    { id: 'voucher', kind: 'fixed-discount', cost: 500, value: '5.00' },
  ],
};

describe('simulate: points flow, outstanding and money', () => {
  // London in winter is UTC+0, so the month of each event is plain to see.
  const p = program({ rewards: CATALOG } as never);
  const events = [
    buy('m1', '2024-01-10T10:00:00Z', '120.00', 'o1'), // +120
    buy('m2', '2024-01-20T10:00:00Z', '50.00'), // +50
    redeem('m1', '2024-02-05T10:00:00Z', 'coffee'), // −100 redeemed
    refund('m1', '2024-02-10T10:00:00Z', 'o1', '20.00'), // −20 clawed back (1 point per 1.00)
    adjust('m2', '2024-03-01T10:00:00Z', 10), // +10 adjusted
    buy('m3', '2024-03-15T10:00:00Z', '200.00'), // +200
  ];

  it('counts the flow per month, with the running outstanding and liability', async () => {
    const r = await simulate(p, events, { pointValue: '0.01' });
    expect(r.periods.map(({ period, start, issued, redeemed, expired, clawedBack, adjusted, outstanding, liability, activeMembers }) => ({ period, start, issued, redeemed, expired, clawedBack, adjusted, outstanding, liability, activeMembers }))).toEqual([
      // Jan: 120 + 50 issued → 170 outstanding, worth 1.70 at 0.01
      { period: '2024-01', start: '2024-01-01T00:00:00.000Z', issued: 170, redeemed: 0, expired: 0, clawedBack: 0, adjusted: 0, outstanding: 170, liability: '1.70', activeMembers: 2 },
      // Feb: m1 redeems 100 and 20 are clawed back → 170 − 120 = 50
      { period: '2024-02', start: '2024-02-01T00:00:00.000Z', issued: 0, redeemed: 100, expired: 0, clawedBack: 20, adjusted: 0, outstanding: 50, liability: '0.50', activeMembers: 1 },
      // Mar: +10 adjusted, +200 issued → 260
      { period: '2024-03', start: '2024-03-01T00:00:00.000Z', issued: 200, redeemed: 0, expired: 0, clawedBack: 0, adjusted: 10, outstanding: 260, liability: '2.60', activeMembers: 2 },
    ]);
    expect(r.totals).toEqual({ issued: 370, redeemed: 100, expired: 0, clawedBack: 20, adjusted: 10, outstanding: 260, pending: 0 });
    expect(r.liability).toBe('2.60');
    expect(r.breakage).toBe(0); // nothing expired of 370 issued
    expect(r.events).toEqual({ read: 6, applied: 6, duplicates: 0, rejected: 0, routed: 0 });
    expect(r.members).toBe(3);
    expect([r.from, r.to]).toEqual(['2024-01-10T10:00:00.000Z', '2024-03-15T10:00:00.000Z']);
    expect([r.programId, r.programVersion]).toEqual(['sim', 1]);
  });

  it('cost per member is issued points at the point value over the members', async () => {
    const r = await simulate(p, events, { pointValue: '0.01' });
    // 370 × 0.01 = 3.70 over 3 members = 1.2333… → 1.23
    expect(r.costPerMember).toBe('1.23');
    const none = await simulate(p, events);
    expect([none.costPerMember, none.liability, none.periods[0]?.liability]).toEqual([null, null, null]);
  });

  it('a point value finer than the currency keeps every digit', async () => {
    const r = await simulate(p, events, { pointValue: '0.005' });
    expect(r.liability).toBe('1.30'); // 260 × 0.005
    expect(r.periods[0]?.liability).toBe('0.85'); // 170 × 0.005
    const odd = await simulate(p, events.slice(0, 1), { pointValue: '0.005' });
    expect(odd.liability).toBe('0.60'); // 120 × 0.005
  });

  it('redemption rate per catalog reward, zeros included', async () => {
    const r = await simulate(p, events);
    // m1 redeemed the coffee once for 100 points: 1 of 3 members
    expect(r.redemptions).toEqual([
      { rewardId: 'coffee', count: 1, points: 100, members: 1, rate: 1 / 3 },
      { rewardId: 'voucher', count: 0, points: 0, members: 0, rate: 0 },
    ]);
  });

  it('top earners by issued points, then id, with their balance and level', async () => {
    const r = await simulate(p, events, { top: 2 });
    // issued: m3 200, m1 120, m2 50; balances m3 200, m1 120 − 100 − 20 = 0
    expect(r.topEarners).toEqual([
      { memberId: 'm3', issued: 200, outstanding: 200, tier: null },
      { memberId: 'm1', issued: 120, outstanding: 0, tier: null },
    ]);
    const tie = await simulate(p, [buy('b', '2024-01-01T10:00:00Z', '5.00'), buy('a', '2024-01-01T11:00:00Z', '5.00')]);
    expect(tie.topEarners.map((t) => t.memberId)).toEqual(['a', 'b']);
  });

  it('a redemption reversed no longer counts for its reward', async () => {
    const r = await simulate(p, [
      ...events,
      { id: 'undo', type: 'redemption_reversal', memberId: 'm1', at: '2024-03-20T10:00:00Z', redemptionId: (events[2] as { id: string }).id },
    ]);
    expect(r.redemptions[0]).toEqual({ rewardId: 'coffee', count: 0, points: 0, members: 0, rate: 0 });
    // the 100 points come back as a reversal, counted with adjustments: 260 + 100
    expect(r.totals.adjusted).toBe(110);
    expect(r.totals.outstanding).toBe(360);
  });

  it('an empty history gives an empty report', async () => {
    const r = await simulate(p, []);
    expect(r).toMatchObject({ from: null, to: null, members: 0, periods: [], breakage: null, costPerMember: null, topEarners: [] });
    expect(r.totals).toEqual({ issued: 0, redeemed: 0, expired: 0, clawedBack: 0, adjusted: 0, outstanding: 0, pending: 0 });
  });
});

describe('simulate: expiry and breakage', () => {
  // Points expire 30 days after earning (UTC). m1's leftover 60 expire on 31 January with no later event
  // of m1: the report still counts them then, as summarize would show them.
  const p = program({
    timezone: 'UTC',
    points: { rounding: 'floor', expiry: { kind: 'days-after-earning', days: 30 }, negativeBalance: 'debt' },
    rewards: { codeSalt: SALT, catalog: [{ id: 'mug', kind: 'free-product', cost: 40, sku: 'mug' }] },
  } as never);
  const events = [
    buy('m1', '2024-01-01T10:00:00Z', '100.00'), // +100, expires 31 Jan 10:00
    redeem('m1', '2024-01-10T10:00:00Z', 'mug'), // −40 → 60 left
    buy('m2', '2024-01-15T10:00:00Z', '50.00'), // +50, expires 14 Feb 10:00
    buy('m2', '2024-02-20T10:00:00Z', '30.00'), // the 50 expired on 14 Feb; +30, expires 21 Mar
    buy('m3', '2024-03-10T10:00:00Z', '10.00'), // +10, the end of the history
  ];

  it('counts expired points in the period they expired, and breakage as expired ÷ issued', async () => {
    const r = await simulate(p, events, { pointValue: '0.01' });
    expect(r.periods.map((row) => [row.period, row.issued, row.redeemed, row.expired, row.outstanding])).toEqual([
      ['2024-01', 150, 40, 60, 50], // 150 − 40 − 60 (m1's lot, 31 Jan)
      ['2024-02', 30, 0, 50, 30], // m2's first lot, 14 Feb
      ['2024-03', 10, 0, 0, 40], // m2's 30 (until 21 Mar) + m3's 10
    ]);
    expect(r.totals).toMatchObject({ issued: 190, redeemed: 40, expired: 110, outstanding: 40 });
    expect(r.breakage).toBe(110 / 190);
    expect(r.liability).toBe('0.40');
    expect(r.topEarners.find((t) => t.memberId === 'm1')?.outstanding).toBe(0);
  });
});

describe('simulate: weeks and months on the program clock', () => {
  // New York in winter is UTC−5. 31 Jan 23:30 there is 1 Feb 04:30 UTC: it belongs to January and to the
  // ISO week that began on Monday 29 January. Sunday 4 Feb 23:00 (Monday 04:00 UTC) is still that week.
  const p = program({ timezone: 'America/New_York', currency: 'USD' });
  const events = [
    buy('m1', '2024-01-31T23:30:00-05:00', '10.00', 'o1', 'USD'),
    buy('m1', '2024-02-01T00:30:00-05:00', '20.00', 'o2', 'USD'),
    buy('m2', '2024-02-04T23:00:00-05:00', '7.00', 'o3', 'USD'),
    buy('m2', '2024-02-05T09:00:00-05:00', '5.00', 'o4', 'USD'),
  ];

  it('months', async () => {
    const r = await simulate(p, events, { period: 'month' });
    expect(r.periods.map((row) => [row.period, row.start, row.issued, row.outstanding, row.activeMembers])).toEqual([
      ['2024-01', '2024-01-01T05:00:00.000Z', 10, 10, 1],
      ['2024-02', '2024-02-01T05:00:00.000Z', 32, 42, 2], // 20 + 7 + 5
    ]);
  });

  it('weeks start on Monday', async () => {
    const r = await simulate(p, events, { period: 'week' });
    expect(r.periods.map((row) => [row.period, row.start, row.issued, row.outstanding, row.activeMembers])).toEqual([
      ['2024-W05', '2024-01-29T05:00:00.000Z', 37, 37, 2], // 10 + 20 + 7
      ['2024-W06', '2024-02-05T05:00:00.000Z', 5, 42, 1],
    ]);
  });

  it('periods without events still get a row', async () => {
    const r = await simulate(p, [events[0], buy('m1', '2024-04-02T12:00:00-04:00', '1.00', 'o9', 'USD')], { period: 'month' });
    expect(r.periods.map((row) => [row.period, row.issued, row.outstanding, row.activeMembers])).toEqual([
      ['2024-01', 10, 10, 1],
      ['2024-02', 0, 10, 0],
      ['2024-03', 0, 10, 0],
      ['2024-04', 1, 11, 1],
    ]);
  });
});
