// Message examples (program `messages`, MessageEffect). Every expected value is worked out by hand from the
// messages spec (which kinds fire when, what they carry, caps per calendar period in the program's time zone);
// the arithmetic is in the comments.
//
// Base program (test/helpers.ts makeProgram): id 'test', GBP, 1 point per £1.00, floor rounding, no pending,
// no expiry, debt policy. A purchase of £N earns ⌊N⌋ points. Time zones are set per test.
import { describe, expect, it } from 'vitest';
import {
  catalogFor,
  effectId,
  newMemberState,
  type Effect,
  type MessageData,
  type MessageEffect,
  type MessageKind,
  type Program,
  type ProgramInput,
} from '../../src/index.js';
import { adjustment, makeProgram, purchase, refund, tick } from '../helpers.js';
import { feed, member } from '../tiers/support.js';

type Overrides = Parameters<typeof makeProgram>[0];
type TiersInput = NonNullable<ProgramInput['tiers']>;
type Catalog = NonNullable<ProgramInput['rewards']>['catalog'];
type Messages = NonNullable<ProgramInput['messages']>;

const SALT = 'salt-for-message-tests-0123';

const program = (messages: Messages, overrides: Overrides = {}): Program => makeProgram({ timezone: 'UTC', ...overrides, messages });

const messagesOf = (effects: readonly Effect[]): MessageEffect[] => effects.filter((e): e is MessageEffect => e.type === 'message');

/** The data of the messages of one kind among effects, in order. */
function sent<K extends MessageKind>(effects: readonly Effect[], kind: K): MessageData[K][] {
  return messagesOf(effects)
    .filter((m) => m.kind === kind)
    .map((m) => m.data as MessageData[K]);
}

const kinds = (effects: readonly Effect[]): string[] => messagesOf(effects).map((m) => m.kind);

function buy(id: string, at: string, amount: string): Record<string, unknown> {
  return purchase(at, amount, { id, orderId: `order-${id}` });
}

const redemption = (id: string, at: string, rewardId: string): Record<string, unknown> => ({ id, type: 'redemption', memberId: 'm1', at, rewardId });
const grant = (id: string, at: string, level: string, until: string): Record<string, unknown> => ({ id, type: 'tier_grant', memberId: 'm1', at, level, until, reason: 'vip' });

// Tiers over a lifetime window (never lapses): silver ≥ 100, gold ≥ 200, platinum ≥ 400 (no name, no perks).
const lifetimeTiers = (levels?: TiersInput['levels']): TiersInput => ({
  window: { kind: 'lifetime' },
  levels: levels ?? [
    { id: 'silver', name: 'Silver', criteria: { metric: 'spend', atLeast: '100' }, perks: ['free_shipping'] },
    { id: 'gold', name: 'Gold', criteria: { metric: 'spend', atLeast: '200' }, perks: ['lounge', 'free_shipping'] },
    { id: 'platinum', criteria: { metric: 'spend', atLeast: '400' } },
  ],
  downgrade: { kind: 'grace', days: 0 },
});

// ======================================================================= tier messages

describe('tier_reached', () => {
  it('is sent on each upgrade with the level, its name and perks; not on a purchase that upgrades nothing', () => {
    const m = member(program({ tier_reached: {} }, { tiers: lifetimeTiers() }));
    // 50 < 100: no level
    expect(messagesOf(m.step(buy('p1', '2024-01-01T12:00:00Z', '50')))).toEqual([]);
    // 50 + 60 = 110 ≥ 100: silver
    expect(sent(m.step(buy('p2', '2024-01-02T12:00:00Z', '60')), 'tier_reached')).toEqual([{ level: 'silver', name: 'Silver', perks: ['free_shipping'] }]);
    // 110 + 40 = 150: still silver
    expect(messagesOf(m.step(buy('p3', '2024-01-03T12:00:00Z', '40')))).toEqual([]);
    // 150 + 300 = 450 ≥ 400: one upgrade silver → platinum (gold skipped), so one message; platinum has no name, no perks
    const fx = m.step(buy('p4', '2024-01-04T12:00:00Z', '300'));
    expect(fx.filter((e) => e.type === 'tier_upgraded')).toHaveLength(1);
    expect(sent(fx, 'tier_reached')).toEqual([{ level: 'platinum', name: null, perks: [] }]);
  });

  it('is sent for an upgrade by a tier_grant too', () => {
    const m = member(program({ tier_reached: {} }, { tiers: lifetimeTiers() }));
    // no level; the grant lifts to gold: tier_upgraded null → gold (granted)
    const fx = m.step(grant('g1', '2024-01-10T12:00:00Z', 'gold', '2024-02-10T12:00:00Z'));
    expect(fx.filter((e) => e.type === 'tier_upgraded')).toHaveLength(1);
    expect(sent(fx, 'tier_reached')).toEqual([{ level: 'gold', name: 'Gold', perks: ['lounge', 'free_shipping'] }]);
  });
});

describe('tier_lost and tier_warning', () => {
  // UTC, rolling 30-day window (a purchase on 1 Jan leaves the window on 31 Jan), silver ≥ 100, gold ≥ 200,
  // grace 10 days, warnings 5 days ahead. 250 on 1 Jan → gold; 31 Jan the window is empty → grace until 10 Feb 00:00,
  // then down to no level.
  const tiers: TiersInput = {
    window: { kind: 'rolling', days: 30 },
    levels: [
      { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
      { id: 'gold', criteria: { metric: 'spend', atLeast: '200' } },
    ],
    downgrade: { kind: 'grace', days: 10 },
    warnDaysBefore: 5,
  };

  it('tier_warning on the downgrade warning (level, to, on), tier_lost on the downgrade (from, to), each once', () => {
    const m = member(program({ tier_lost: {}, tier_warning: {} }, { tiers }));
    m.step(buy('p1', '2024-01-01T12:00:00Z', '250'));
    // 3 Feb + 5 days = 8 Feb < 10 Feb: no warning yet
    expect(messagesOf(m.step(tick('2024-02-03T12:00:00Z')))).toEqual([]);
    // 6 Feb: due 10 Feb, within 5 days
    const w = m.step(tick('2024-02-06T12:00:00Z'));
    expect(w.filter((e) => e.type === 'tier_downgrade_warning')).toHaveLength(1);
    expect(sent(w, 'tier_warning')).toEqual([{ level: 'gold', to: null, on: '2024-02-10T00:00:00.000Z' }]);
    expect(kinds(w)).toEqual(['tier_warning']);
    // 7 Feb: the warning is not repeated, nor the message
    expect(messagesOf(m.step(tick('2024-02-07T12:00:00Z')))).toEqual([]);
    // 11 Feb: the downgrade of 10 Feb 00:00 is applied with this tick
    const d = m.step(tick('2024-02-11T12:00:00Z'));
    expect(d.filter((e) => e.type === 'tier_downgraded')).toHaveLength(1);
    expect(sent(d, 'tier_lost')).toEqual([{ from: 'gold', to: null }]);
    expect(kinds(d)).toEqual(['tier_lost']);
    expect(messagesOf(m.step(tick('2024-02-12T12:00:00Z')))).toEqual([]);
  });

  it('the end of a grant is a downgrade: tier_lost', () => {
    const m = member(program({ tier_lost: {} }, { tiers: lifetimeTiers() }));
    m.step(buy('p1', '2024-01-01T12:00:00Z', '120')); // silver
    expect(messagesOf(m.step(grant('g1', '2024-01-10T12:00:00Z', 'gold', '2024-01-20T12:00:00Z')))).toEqual([]); // up: not declared
    // the grant ends 20 Jan: gold → silver
    expect(sent(m.step(tick('2024-01-21T12:00:00Z')), 'tier_lost')).toEqual([{ from: 'gold', to: 'silver' }]);
  });

  it('the kinds not declared are not sent for the same tier effects', () => {
    const m = member(program({ points_earned: {} }, { tiers }));
    expect(kinds(m.step(buy('p1', '2024-01-01T12:00:00Z', '250')))).toEqual(['points_earned']); // upgrade: no tier_reached
    expect(m.step(tick('2024-02-06T12:00:00Z')).some((e) => e.type === 'tier_downgrade_warning')).toBe(true);
    const d = m.step(tick('2024-02-11T12:00:00Z'));
    expect(d.some((e) => e.type === 'tier_downgraded')).toBe(true);
    expect(messagesOf(d)).toEqual([]);
  });
});

// ======================================================================= reward_unlocked

describe('reward_unlocked', () => {
  const catalog: Catalog = [
    { id: 'coffee', name: 'A coffee', kind: 'coupon', cost: 100 },
    { id: 'mug', kind: 'free-product', sku: 'MUG', cost: 250 },
    { id: 'hidden', kind: 'coupon', cost: 50, listed: false },
  ];
  const withRewards = (overrides: Overrides = {}): Program => program({ reward_unlocked: {} }, { rewards: { codeSalt: SALT, catalog }, ...overrides });
  const byId = (a: { rewardId: string }, b: { rewardId: string }): number => (a.rewardId < b.rewardId ? -1 : 1);

  it('is sent when spendable points cross a listed reward’s cost, once per crossing; unlisted rewards never', () => {
    const m = member(withRewards());
    // 0 → 60: crosses the unlisted 50 only
    expect(messagesOf(m.step(buy('p1', '2024-01-01T12:00:00Z', '60')))).toEqual([]);
    // 60 → 105: crosses coffee (100)
    expect(sent(m.step(buy('p2', '2024-01-02T12:00:00Z', '45')), 'reward_unlocked')).toEqual([{ rewardId: 'coffee', name: 'A coffee', cost: 100, available: 105 }]);
    // 105 → 115: already above
    expect(messagesOf(m.step(buy('p3', '2024-01-03T12:00:00Z', '10')))).toEqual([]);
    // redeeming the coffee: 115 → 15, going down sends nothing
    expect(messagesOf(m.step(redemption('r1', '2024-01-04T12:00:00Z', 'coffee')))).toEqual([]);
    // 15 → 315: coffee again and the mug (no name)
    const both = sent(m.step(buy('p4', '2024-01-05T12:00:00Z', '300')), 'reward_unlocked');
    expect([...both].sort(byId)).toEqual([
      { rewardId: 'coffee', name: 'A coffee', cost: 100, available: 315 },
      { rewardId: 'mug', name: null, cost: 250, available: 315 },
    ]);
  });

  it('reaching exactly the cost counts; an adjustment can unlock too', () => {
    const m = member(withRewards());
    m.step(buy('p1', '2024-01-01T12:00:00Z', '99.99')); // 99 points
    expect(messagesOf(m.step(buy('p2', '2024-01-01T13:00:00Z', '0.99')))).toEqual([]); // 0 points: still 99
    // adjustment +1: 99 → 100 = cost
    expect(sent(m.step(adjustment('2024-01-02T12:00:00Z', 1)), 'reward_unlocked')).toEqual([{ rewardId: 'coffee', name: 'A coffee', cost: 100, available: 100 }]);
  });

  it('pending points are not spendable: no message when they are earned, nor when they mature between events', () => {
    const m = member(withRewards({ points: { pendingDays: 7 } }));
    // 150 pending until 8 Jan 12:00: spendable stays 0
    expect(messagesOf(m.step(buy('p1', '2024-01-01T12:00:00Z', '150')))).toEqual([]);
    // 9 Jan: at the event's time the lot is available both before and after the event (150 → 150)
    expect(messagesOf(m.step(tick('2024-01-09T12:00:00Z')))).toEqual([]);
  });

  it('a deficit counts against spendable points (allow policy)', () => {
    const m = member(withRewards({ points: { negativeBalance: 'allow' } }));
    // −50 with no lots: deficit 50, spendable −50
    m.step(adjustment('2024-01-01T12:00:00Z', -50));
    // +120: 50 pays the deficit, lot of 70: spendable 70 < 100
    expect(messagesOf(m.step(buy('p1', '2024-01-02T12:00:00Z', '120')))).toEqual([]);
    // +40: 110
    expect(sent(m.step(buy('p2', '2024-01-03T12:00:00Z', '40')), 'reward_unlocked')).toEqual([{ rewardId: 'coffee', name: 'A coffee', cost: 100, available: 110 }]);
  });

  it('points expired by the event’s time are not spendable at that time: earning them back unlocks again', () => {
    // expiry 30 days after earning (UTC): 100 points earned 1 Jan 12:00 expire 31 Jan 12:00
    const p = withRewards({ points: { expiry: { kind: 'days-after-earning', days: 30 } } });
    const m = member(p);
    expect(sent(m.step(buy('p1', '2024-01-01T12:00:00Z', '100')), 'reward_unlocked')).toEqual([{ rewardId: 'coffee', name: 'A coffee', cost: 100, available: 100 }]);
    // at 5 Feb 12:00 the member can spend 0 (the lot expired on 31 Jan), as the catalog view says
    expect(catalogFor(p, m.state, '2024-02-05T12:00:00Z').available).toBe(0);
    // the purchase takes spendable points at its time from 0 to 100 ≥ 100
    const fx = m.step(buy('p2', '2024-02-05T12:00:00Z', '100'));
    expect(fx.filter((e) => e.type === 'ledger').map((e) => (e.type === 'ledger' ? [e.entry.kind, e.entry.points] : []))).toEqual([
      ['expire', -100],
      ['earn', 100],
    ]);
    expect(sent(fx, 'reward_unlocked')).toEqual([{ rewardId: 'coffee', name: 'A coffee', cost: 100, available: 100 }]);
  });

  it('names only rewards the member may redeem then: not one reserved to another level, nor one outside its dates or limit', () => {
    const restricted: Catalog = [
      { id: 'gold-class', kind: 'experience', cost: 100, tiers: ['gold'] },
      { id: 'summer', kind: 'coupon', cost: 100, active: { from: '2024-06-01', until: '2024-08-31' } },
      { id: 'once', kind: 'coupon', cost: 100, limit: { count: 1, per: 'lifetime' } },
      { id: 'open', kind: 'coupon', cost: 100 },
    ];
    const p = program({ reward_unlocked: {} }, { rewards: { codeSalt: SALT, catalog: restricted }, tiers: lifetimeTiers() });
    const m = member(p);
    // £150 on 1 March: 150 points ≥ 100, level silver (spend ≥ 100): gold-class is gold-only, summer starts 1 June → open and once
    expect(sent(m.step(buy('p1', '2024-03-01T12:00:00Z', '150')), 'reward_unlocked').map((d) => d.rewardId).sort()).toEqual(['once', 'open']);
    // redeeming `once` takes 150 → 50
    m.step(redemption('r1', '2024-03-02T10:00:00Z', 'once'));
    // 50 → 110 with lifetime spend 150 + 60 = 210 ≥ 200: gold now, so gold-class counts; once is used up; summer not yet
    expect(sent(m.step(buy('p2', '2024-03-02T12:00:00Z', '60')), 'reward_unlocked').map((d) => d.rewardId).sort()).toEqual(['gold-class', 'open']);
  });
});

// ======================================================================= points_earned

describe('points_earned', () => {
  it('carries the event’s earned points, the balance after and the order', () => {
    const m = member(program({ points_earned: {} }));
    // £25.50 → 25 points (floor)
    expect(sent(m.step(buy('p1', '2024-01-01T12:00:00Z', '25.50')), 'points_earned')).toEqual([{ points: 25, balance: 25, orderId: 'order-p1' }]);
    expect(sent(m.step(buy('p2', '2024-01-02T12:00:00Z', '10')), 'points_earned')).toEqual([{ points: 10, balance: 35, orderId: 'order-p2' }]);
  });

  it('is not sent when nothing is earned: a purchase worth 0 points, an adjustment, a refund, a tick', () => {
    const m = member(program({ points_earned: {} }));
    m.step(buy('p1', '2024-01-01T12:00:00Z', '40'));
    expect(messagesOf(m.step(buy('p2', '2024-01-01T13:00:00Z', '0.99')))).toEqual([]); // ⌊0.99⌋ = 0
    expect(messagesOf(m.step(adjustment('2024-01-02T12:00:00Z', 30)))).toEqual([]); // an adjust entry, not an earn entry
    expect(messagesOf(m.step(refund('2024-01-03T12:00:00Z', 'order-p1', '10')))).toEqual([]);
    expect(messagesOf(m.step(tick('2024-01-04T12:00:00Z')))).toEqual([]);
    expect(sent(m.step(buy('p3', '2024-01-05T12:00:00Z', '5')), 'points_earned')).toEqual([{ points: 5, balance: 40 - 10 + 30 + 5, orderId: 'order-p3' }]);
  });

  it('adds up every earn entry of the event; the balance is after debt recovery', () => {
    const bonus = program({ points_earned: {} }, {
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
        { id: 'bonus', kind: 'bonus', points: 10, minAmount: '20' },
      ],
    });
    const m = member(bonus);
    // −30 with no lots under the debt policy: debt 30, balance 0
    m.step(adjustment('2024-01-01T12:00:00Z', -30));
    // £30: base 30 + bonus 10 = 40 earned; 30 recovered for the debt: balance 10
    expect(sent(m.step(buy('p1', '2024-01-02T12:00:00Z', '30')), 'points_earned')).toEqual([{ points: 40, balance: 10, orderId: 'order-p1' }]);
  });

  it('a tier entry reward earned with the event counts; orderId is the first earn entry’s (null when it has none)', () => {
    // a level reached by tenure (30 days after enrolment) pays 50 points; enrolment 1 Jan → 31 Jan 00:00
    const tenure = program({ points_earned: {} }, {
      tiers: {
        window: { kind: 'lifetime' },
        levels: [{ id: 'veteran', criteria: { metric: 'tenureDays', atLeast: '30' }, entryReward: { points: 50 } }],
        downgrade: { kind: 'grace', days: 0 },
      },
    });
    const m = member(tenure);
    m.step(buy('p1', '2024-01-01T12:00:00Z', '10'));
    // 5 Feb: first the upgrade of 31 Jan with its 50 points (no order), then the purchase's 20 points (order-p2)
    const fx = m.step(buy('p2', '2024-02-05T12:00:00Z', '20'));
    const earns = fx.flatMap((e) => (e.type === 'ledger' && e.entry.kind === 'earn' ? [e.entry] : []));
    expect(earns.map((e) => [e.points, e.orderId ?? null])).toEqual([
      [50, null],
      [20, 'order-p2'],
    ]);
    // 50 + 20 = 70 earned; balance 10 + 70 = 80; the first earn entry has no order
    expect(sent(fx, 'points_earned')).toEqual([{ points: 70, balance: 80, orderId: null }]);
  });
});

// ======================================================================= points_expiring

describe('points_expiring', () => {
  // Europe/London, points expire 30 calendar days after earning; warn 7 days ahead.
  const expiring = (days = 7, cap?: { count: number; per: 'day' | 'month' | 'quarter' | 'year' }): Program =>
    program({ points_expiring: { days, ...(cap === undefined ? {} : { cap }) } }, {
      timezone: 'Europe/London',
      points: { expiry: { kind: 'days-after-earning', days: 30 } },
    });

  it('one message per lot once its expiry is within `days`, never twice, none after it expired', () => {
    const m = member(expiring());
    // earned 1 Jan 12:00 GMT, expires 31 Jan 12:00 GMT
    expect(messagesOf(m.step(buy('p1', '2024-01-01T12:00:00Z', '100')))).toEqual([]);
    // 24 Jan 11:59:59 + 7 days = 31 Jan 11:59:59 < expiry
    expect(messagesOf(m.step(tick('2024-01-24T11:59:59Z')))).toEqual([]);
    // 24 Jan 12:00 + 7 days = 31 Jan 12:00 = expiry: within
    expect(sent(m.step(tick('2024-01-24T12:00:00Z')), 'points_expiring')).toEqual([{ points: 100, expiresAt: '2024-01-31T12:00:00.000Z', balance: 100 }]);
    expect(messagesOf(m.step(tick('2024-01-25T12:00:00Z')))).toEqual([]);
    expect(messagesOf(m.step(buy('p2', '2024-01-30T12:00:00Z', '1')))).toEqual([]); // its lot expires 29 Feb: not within
    // 1 Feb: the lot expired (31 Jan 12:00 is not after now)
    expect(messagesOf(m.step(tick('2024-02-01T12:00:00Z')))).toEqual([]);
  });

  it('several lots in one event: one message each, with what is left of the lot', () => {
    const m = member(expiring());
    m.step(buy('p1', '2024-01-01T12:00:00Z', '100')); // expires 31 Jan 12:00
    m.step(buy('p2', '2024-01-03T12:00:00Z', '50')); // expires 2 Feb 12:00
    m.step(adjustment('2024-01-05T12:00:00Z', -30)); // taken from p1 (first to expire): 70 left; balance 120
    // 27 Jan 12:00 + 7 days = 3 Feb 12:00: both within
    const got = sent(m.step(tick('2024-01-27T12:00:00Z')), 'points_expiring');
    expect([...got].sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : 1))).toEqual([
      { points: 70, expiresAt: '2024-01-31T12:00:00.000Z', balance: 120 },
      { points: 50, expiresAt: '2024-02-02T12:00:00.000Z', balance: 120 },
    ]);
  });

  it('counts program calendar days across a DST change (Europe/London, clocks forward 31 March)', () => {
    const m = member(expiring());
    // earned 5 Mar 12:00 GMT; + 30 calendar days = 4 Apr 12:00 BST = 11:00 UTC
    m.step(buy('p1', '2024-03-05T12:00:00Z', '100'));
    // 28 Mar 11:30 GMT + 7 calendar days = 4 Apr 11:30 BST = 10:30 UTC < 11:00 UTC (7 × 24 h would reach 11:30 UTC)
    expect(messagesOf(m.step(tick('2024-03-28T11:30:00Z')))).toEqual([]);
    // 28 Mar 12:00 GMT + 7 calendar days = 4 Apr 12:00 BST = 11:00 UTC: within
    expect(sent(m.step(tick('2024-03-28T12:00:00Z')), 'points_expiring')).toEqual([{ points: 100, expiresAt: '2024-04-04T11:00:00.000Z', balance: 100 }]);
  });

  it('lots that never expire are never announced', () => {
    const m = member(program({ points_expiring: { days: 366 } }));
    m.step(buy('p1', '2024-01-01T12:00:00Z', '100'));
    expect(messagesOf(m.step(tick('2025-06-01T12:00:00Z')))).toEqual([]);
  });

  it('over a cap: the lots over it are suppressed, and not announced later (never twice for a lot)', () => {
    const p = program({ points_expiring: { days: 7, cap: { count: 2, per: 'day' } } }, { points: { expiry: { kind: 'days-after-earning', days: 30 } } });
    const m = member(p);
    m.step(buy('p1', '2024-01-01T12:00:00Z', '10')); // expires 31 Jan 12:00
    m.step(buy('p2', '2024-01-02T12:00:00Z', '20')); // 1 Feb 12:00
    m.step(buy('p3', '2024-01-03T12:00:00Z', '30')); // 2 Feb 12:00
    // 28 Jan 12:00 + 7 = 4 Feb 12:00: three lots within, cap 2 a day: 2 sent, 1 suppressed
    const fx = m.step(tick('2024-01-28T12:00:00Z'));
    const got = sent(fx, 'points_expiring');
    expect(got).toHaveLength(2);
    expect(new Set(got.map((d) => d.expiresAt)).size).toBe(2);
    for (const d of got) expect(['2024-01-31T12:00:00.000Z', '2024-02-01T12:00:00.000Z', '2024-02-02T12:00:00.000Z']).toContain(d.expiresAt);
    expect(m.state.messages?.suppressed.points_expiring).toEqual({ count: 1, last: '2024-01-28T12:00:00.000Z' });
    // the next day the cap is free again, but the third lot was already due its (suppressed) message
    expect(messagesOf(m.step(tick('2024-01-29T12:00:00Z')))).toEqual([]);
  });
});

// ======================================================================= win_back

describe('win_back', () => {
  const winBack = (timezone = 'UTC'): Program => program({ win_back: { days: 30 } }, { timezone });

  it('is sent on a tick at least `days` after the last activity, once per lapse', () => {
    const m = member(winBack());
    m.step(buy('p1', '2024-01-01T12:00:00Z', '10'));
    // 29 days 23:59:59 after
    expect(messagesOf(m.step(tick('2024-01-31T11:59:59Z')))).toEqual([]);
    // exactly 30 days
    expect(sent(m.step(tick('2024-01-31T12:00:00Z')), 'win_back')).toEqual([{ daysInactive: 30, balance: 10 }]);
    // the same lapse: not again
    expect(messagesOf(m.step(tick('2024-02-20T12:00:00Z')))).toEqual([]);
    // new activity (a purchase is never a win-back occasion itself)
    expect(messagesOf(m.step(buy('p2', '2024-02-21T12:00:00Z', '5')))).toEqual([]);
    // 21 Feb 12:00 + 30 days = 22 Mar 12:00: 22 Mar 11:00 is too early
    expect(messagesOf(m.step(tick('2024-03-22T11:00:00Z')))).toEqual([]);
    // 25 Mar 18:00 − 21 Feb 12:00 = 33 days 6 hours: 33 whole days
    expect(sent(m.step(tick('2024-03-25T18:00:00Z')), 'win_back')).toEqual([{ daysInactive: 33, balance: 15 }]);
    expect(messagesOf(m.step(tick('2024-06-01T12:00:00Z')))).toEqual([]);
  });

  it('member activity long after the last one is not a win-back occasion; no activity ever, nothing', () => {
    const m = member(winBack());
    m.step(buy('p1', '2024-01-01T12:00:00Z', '10'));
    expect(messagesOf(m.step(buy('p2', '2024-03-01T12:00:00Z', '10')))).toEqual([]); // 60 days later, but a purchase
    expect(messagesOf(m.step(adjustment('2024-05-01T12:00:00Z', 5)))).toEqual([]); // 61 days later, an adjustment (activity)
    expect(sent(m.step(tick('2024-06-01T12:00:00Z')), 'win_back')).toEqual([{ daysInactive: 31, balance: 25 }]); // 1 May → 1 Jun

    const idle = member(winBack());
    expect(messagesOf(idle.step(tick('2024-01-01T12:00:00Z')))).toEqual([]);
    expect(messagesOf(idle.step(tick('2024-06-01T12:00:00Z')))).toEqual([]);
  });

  it('across a DST change: one message per lapse, and the whole days it reports are at least `days`', () => {
    const m = member(winBack('Europe/Warsaw'));
    m.step(buy('p1', '2024-03-01T12:00:00+01:00', '10'));
    // clocks go forward on 31 March; 31 Mar 12:00 CEST is 30 calendar days (29 days 23 hours) after 1 Mar 12:00 CET,
    // 1 Apr 12:00 CEST is 31 calendar days (30 days 23 hours) after
    const fx = [...m.step(tick('2024-03-31T12:00:00+02:00')), ...m.step(tick('2024-04-01T12:00:00+02:00'))];
    const got = sent(fx, 'win_back');
    expect(got).toHaveLength(1);
    // sent because the tick came at least 30 days after the activity, so at least 30 whole days have passed
    expect(got[0]?.daysInactive).toBeGreaterThanOrEqual(30);
  });
});

// ======================================================================= progress

describe('progress', () => {
  const ladder = (gold: NonNullable<TiersInput['levels'][number]['criteria']> = { metric: 'spend', atLeast: '200' }): TiersInput => ({
    window: { kind: 'lifetime' },
    levels: [
      { id: 'silver', name: 'Silver', criteria: { metric: 'spend', atLeast: '100' } },
      { id: 'gold', name: 'Gold', criteria: gold },
    ],
    downgrade: { kind: 'grace', days: 0 },
  });
  const progressed = (effects: readonly Effect[]): { level: string; name: string | null; missing: number }[] =>
    sent(effects, 'progress').map((d) => {
      expect(d.missingSpend).toMatch(/^\d+(\.\d+)?$/);
      return { level: d.level, name: d.name, missing: Number(d.missingSpend) };
    });

  it('after a purchase, when the next level is 0 < missing spend ≤ withinSpend away', () => {
    const m = member(program({ progress: { withinSpend: '25.00' } }, { tiers: ladder() }));
    // 74.99: silver is 25.01 away > 25
    expect(messagesOf(m.step(buy('p1', '2024-01-01T12:00:00Z', '74.99')))).toEqual([]);
    // 75.00: exactly 25 away
    expect(progressed(m.step(buy('p2', '2024-01-02T12:00:00Z', '0.01')))).toEqual([{ level: 'silver', name: 'Silver', missing: 25 }]);
    // a tick is not a purchase
    expect(messagesOf(m.step(tick('2024-01-03T12:00:00Z')))).toEqual([]);
    // 80.50: 19.5 away
    const d = sent(m.step(buy('p3', '2024-01-04T12:00:00Z', '5.50')), 'progress');
    expect(d).toHaveLength(1);
    expect(Number(d[0]?.missingSpend)).toBe(19.5);
    // 100: silver reached; gold is 100 away
    expect(sent(m.step(buy('p4', '2024-01-05T12:00:00Z', '19.50')), 'progress')).toEqual([]);
    // 180: gold 20 away
    expect(progressed(m.step(buy('p5', '2024-01-06T12:00:00Z', '80')))).toEqual([{ level: 'gold', name: 'Gold', missing: 20 }]);
    // 200: gold, the top: no next level
    expect(sent(m.step(buy('p6', '2024-01-07T12:00:00Z', '20')), 'progress')).toEqual([]);
    // a refund of 10 takes spend to 190 (grace 0: back to silver at once), but a refund is not a purchase
    const r = m.step(refund('2024-01-08T12:00:00Z', 'order-p6', '10'));
    expect(r.some((e) => e.type === 'tier_downgraded')).toBe(true);
    expect(sent(r, 'progress')).toEqual([]);
    // 191: gold 9 away
    expect(progressed(m.step(buy('p7', '2024-01-09T12:00:00Z', '1')))).toEqual([{ level: 'gold', name: 'Gold', missing: 9 }]);
  });

  it('only when spend is all that is missing', () => {
    const m = member(program({ progress: { withinSpend: '25' } }, { tiers: ladder({ all: [{ metric: 'spend', atLeast: '200' }, { metric: 'orders', atLeast: '3' }] }) }));
    // 190, 1 order: silver; gold misses 10 of spend and 2 orders
    expect(sent(m.step(buy('p1', '2024-01-01T12:00:00Z', '190')), 'progress')).toEqual([]);
    // 191, 2 orders: still an order missing
    expect(sent(m.step(buy('p2', '2024-01-02T12:00:00Z', '1')), 'progress')).toEqual([]);
    // 192, 3 orders: only 8 of spend missing
    expect(progressed(m.step(buy('p3', '2024-01-03T12:00:00Z', '1')))).toEqual([{ level: 'gold', name: 'Gold', missing: 8 }]);
  });

  it('not without tiers (no next level to progress to)', () => {
    const m = member(program({ progress: { withinSpend: '1000' } }));
    expect(messagesOf(m.step(buy('p1', '2024-01-01T12:00:00Z', '10')))).toEqual([]);
  });
});

// ======================================================================= caps

describe('caps per calendar period in the program’s time zone', () => {
  const capped = (per: 'day' | 'month' | 'quarter' | 'year', count: number, timezone = 'Europe/Warsaw'): Program =>
    program({ points_earned: { cap: { count, per } } }, { timezone });
  const earnedCount = (effects: readonly Effect[]): number => sent(effects, 'points_earned').length;

  it('per day: Warsaw midnight (22:00 UTC in summer) starts a new day; suppressed messages are counted', () => {
    const m = member(capped('day', 2));
    expect(earnedCount(m.step(buy('p1', '2024-06-10T08:00:00Z', '10')))).toBe(1);
    expect(earnedCount(m.step(buy('p2', '2024-06-10T12:00:00Z', '10')))).toBe(1);
    expect(m.state.messages?.sent.points_earned?.count).toBe(2);
    const day = m.state.messages?.sent.points_earned?.period;
    // third of the day: suppressed
    expect(messagesOf(m.step(buy('p3', '2024-06-10T18:00:00Z', '10')))).toEqual([]);
    expect(m.state.messages?.suppressed.points_earned).toEqual({ count: 1, last: '2024-06-10T18:00:00.000Z' });
    // 21:59:59 UTC = 23:59:59 CEST, still 10 June
    expect(messagesOf(m.step(buy('p4', '2024-06-10T21:59:59Z', '10')))).toEqual([]);
    expect(m.state.messages?.suppressed.points_earned).toEqual({ count: 2, last: '2024-06-10T21:59:59.000Z' });
    // 22:00 UTC = 11 June 00:00 CEST (still 10 June in UTC)
    expect(earnedCount(m.step(buy('p5', '2024-06-10T22:00:00Z', '10')))).toBe(1);
    expect(m.state.messages?.sent.points_earned?.count).toBe(1);
    expect(m.state.messages?.sent.points_earned?.period).not.toBe(day);
    expect(m.state.messages?.suppressed.points_earned).toEqual({ count: 2, last: '2024-06-10T21:59:59.000Z' });
  });

  it('per month: Warsaw month end at local midnight (31 Jan 23:00 UTC is 1 Feb)', () => {
    const m = member(capped('month', 1));
    expect(earnedCount(m.step(buy('p1', '2024-01-15T12:00:00Z', '10')))).toBe(1);
    const january = m.state.messages?.sent.points_earned?.period;
    // 22:59:59 UTC = 23:59:59 CET on 31 January
    expect(earnedCount(m.step(buy('p2', '2024-01-31T22:59:59Z', '10')))).toBe(0);
    expect(m.state.messages?.suppressed.points_earned).toEqual({ count: 1, last: '2024-01-31T22:59:59.000Z' });
    // 23:00 UTC = 1 February 00:00 CET
    expect(earnedCount(m.step(buy('p3', '2024-01-31T23:00:00Z', '10')))).toBe(1);
    expect(m.state.messages?.sent.points_earned?.count).toBe(1);
    expect(m.state.messages?.sent.points_earned?.period).not.toBe(january);
    expect(earnedCount(m.step(buy('p4', '2024-02-29T12:00:00Z', '10')))).toBe(0);
    expect(m.state.messages?.suppressed.points_earned).toEqual({ count: 2, last: '2024-02-29T12:00:00.000Z' });
  });

  it('per quarter: Q1 ends 31 March 22:00 UTC in Warsaw (CEST from that morning), Q2 on 30 June 22:00 UTC', () => {
    const m = member(capped('quarter', 1));
    expect(earnedCount(m.step(buy('p1', '2024-02-01T12:00:00Z', '10')))).toBe(1);
    expect(earnedCount(m.step(buy('p2', '2024-03-31T21:59:59Z', '10')))).toBe(0); // 23:59:59 CEST, Q1
    const q1 = m.state.messages?.sent.points_earned?.period;
    expect(earnedCount(m.step(buy('p3', '2024-03-31T22:00:00Z', '10')))).toBe(1); // 1 April 00:00 CEST, Q2
    const q2 = m.state.messages?.sent.points_earned?.period;
    expect(q2).not.toBe(q1);
    expect(earnedCount(m.step(buy('p4', '2024-05-15T12:00:00Z', '10')))).toBe(0);
    expect(earnedCount(m.step(buy('p5', '2024-06-30T21:59:59Z', '10')))).toBe(0); // 30 June 23:59:59 CEST, Q2
    expect(m.state.messages?.sent.points_earned).toEqual({ period: q2, count: 1 });
    expect(earnedCount(m.step(buy('p6', '2024-06-30T22:00:00Z', '10')))).toBe(1); // 1 July 00:00 CEST, Q3
    expect(m.state.messages?.suppressed.points_earned).toEqual({ count: 3, last: '2024-06-30T21:59:59.000Z' });
  });

  it('per year: 31 December 23:00 UTC is New Year in Warsaw', () => {
    const m = member(capped('year', 2));
    expect(earnedCount(m.step(buy('p1', '2024-03-01T12:00:00Z', '10')))).toBe(1);
    expect(earnedCount(m.step(buy('p2', '2024-07-01T12:00:00Z', '10')))).toBe(1);
    expect(earnedCount(m.step(buy('p3', '2024-12-31T22:59:59Z', '10')))).toBe(0); // 23:59:59 CET, 2024
    expect(earnedCount(m.step(buy('p4', '2024-12-31T23:00:00Z', '10')))).toBe(1); // 2025-01-01 00:00 CET
    expect(earnedCount(m.step(buy('p5', '2025-06-01T12:00:00Z', '10')))).toBe(1);
    expect(earnedCount(m.step(buy('p6', '2025-12-31T22:59:59Z', '10')))).toBe(0);
    expect(m.state.messages?.sent.points_earned?.count).toBe(2);
    expect(m.state.messages?.suppressed.points_earned).toEqual({ count: 2, last: '2025-12-31T22:59:59.000Z' });
  });

  it('the same instants in UTC: the UTC calendar decides', () => {
    const m = member(capped('month', 1, 'UTC'));
    expect(earnedCount(m.step(buy('p1', '2024-01-15T12:00:00Z', '10')))).toBe(1);
    expect(earnedCount(m.step(buy('p2', '2024-01-31T23:00:00Z', '10')))).toBe(0); // still January in UTC
    expect(earnedCount(m.step(buy('p3', '2024-02-01T00:00:00Z', '10')))).toBe(1);
  });

  it('caps count per kind: each kind has its own count and its own suppressed record', () => {
    const p = program(
      { tier_reached: { cap: { count: 1, per: 'day' } }, points_earned: { cap: { count: 1, per: 'day' } }, tier_lost: {} },
      { tiers: lifetimeTiers() },
    );
    const m = member(p);
    // 120: silver, both kinds sent (one each)
    const a = m.step(buy('p1', '2024-01-01T10:00:00Z', '120'));
    expect([...kinds(a)].sort()).toEqual(['points_earned', 'tier_reached']);
    // 220: gold, same day: both over their caps
    expect(messagesOf(m.step(buy('p2', '2024-01-01T11:00:00Z', '100')))).toEqual([]);
    expect(m.state.messages?.suppressed).toEqual({
      tier_reached: { count: 1, last: '2024-01-01T11:00:00.000Z' },
      points_earned: { count: 1, last: '2024-01-01T11:00:00.000Z' },
    });
    // 20 more, same day: points_earned suppressed again, tier_reached untouched
    expect(messagesOf(m.step(buy('p3', '2024-01-01T12:00:00Z', '20')))).toEqual([]);
    expect(m.state.messages?.suppressed.points_earned).toEqual({ count: 2, last: '2024-01-01T12:00:00.000Z' });
    expect(m.state.messages?.suppressed.tier_reached).toEqual({ count: 1, last: '2024-01-01T11:00:00.000Z' });
    expect(m.state.messages?.sent.tier_reached?.count).toBe(1);
    // the next day: 420 → platinum, both sent again
    expect([...kinds(m.step(buy('p4', '2024-01-02T10:00:00Z', '180')))].sort()).toEqual(['points_earned', 'tier_reached']);
    expect(m.state.messages?.sent.points_earned?.count).toBe(1);
  });

  it('no cap: no limit, nothing suppressed', () => {
    const m = member(program({ points_earned: {} }));
    let n = 0;
    for (let i = 0; i < 6; i++) n += sent(m.step(buy(`p${i}`, `2024-01-01T1${i}:00:00Z`, '10')), 'points_earned').length;
    expect(n).toBe(6);
    expect(m.state.messages?.suppressed).toEqual({});
  });
});

// ======================================================================= kinds absent, effect envelope

describe('kinds absent are not sent', () => {
  // a stream that calls for every kind when every kind is declared
  const everything = (messages: Messages | undefined): Program =>
    makeProgram({
      timezone: 'UTC',
      points: { expiry: { kind: 'days-after-earning', days: 30 } },
      tiers: {
        window: { kind: 'rolling', days: 30 },
        levels: [
          { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
          { id: 'gold', criteria: { metric: 'spend', atLeast: '200' } },
        ],
        downgrade: { kind: 'grace', days: 10 },
        warnDaysBefore: 5,
      },
      rewards: { codeSalt: SALT, catalog: [{ id: 'coffee', kind: 'coupon', cost: 100 }] },
      ...(messages === undefined ? {} : { messages }),
    });
  const stream = [
    buy('p1', '2024-01-01T12:00:00Z', '90'), // progress (silver 10 away), points_earned; 90 < 100: no reward yet
    buy('p2', '2024-01-02T12:00:00Z', '160'), // 250: gold (tier_reached), coffee (reward_unlocked), points_earned
    tick('2024-01-26T12:00:00Z'), // lots expire 31 Jan / 1 Feb: points_expiring
    tick('2024-02-06T12:00:00Z'), // downgrade due 10 Feb: tier_warning; 35 days idle: win_back
    tick('2024-02-11T12:00:00Z'), // tier_lost
  ];
  const runStream = (p: Program): { effects: Effect[] } => feed(p, newMemberState(p, 'm1'), stream);
  const all: Messages = {
    tier_reached: {},
    tier_lost: {},
    tier_warning: {},
    reward_unlocked: {},
    points_earned: {},
    points_expiring: { days: 7 },
    win_back: { days: 30 },
    progress: { withinSpend: '10' },
  };

  it('with every kind declared the stream sends each kind', () => {
    const { effects } = runStream(everything(all));
    expect(new Set(kinds(effects))).toEqual(new Set(Object.keys(all)));
  });

  it('with `messages: {}` nothing is sent; with one kind, only that kind', () => {
    const none = everything({});
    expect(messagesOf(runStream(none).effects)).toEqual([]);
    for (const kind of Object.keys(all) as MessageKind[]) {
      const one = everything({ [kind]: all[kind] } as Messages);
      const got = kinds(runStream(one).effects);
      expect(got.length).toBeGreaterThan(0);
      expect(new Set(got)).toEqual(new Set([kind]));
    }
  });

  it('without `messages` nothing is sent', () => {
    const p = everything(undefined);
    expect(messagesOf(runStream(p).effects)).toEqual([]);
  });
});

describe('message effects', () => {
  it('come after the event’s other effects, with ids `${eventId}:${n}`, the member, the event and its time', () => {
    const p = program(
      { tier_reached: {}, points_earned: {}, reward_unlocked: {}, progress: { withinSpend: '100' } },
      {
        tiers: lifetimeTiers([
          { id: 'silver', criteria: { metric: 'spend', atLeast: '100' }, entryReward: { points: 5, reward: 'welcome' } },
          { id: 'gold', criteria: { metric: 'spend', atLeast: '200' } },
        ]),
        rewards: { codeSalt: SALT, catalog: [{ id: 'coffee', kind: 'coupon', cost: 100 }] },
      },
    );
    const m = member(p);
    // 150: earn 150, silver (entry reward 5 points and a reward_issued): 155 ≥ 100 unlocks coffee; gold 50 away
    const fx = m.step(buy('evt-1', '2024-03-01T10:00:00+01:00', '150'));
    expect(fx.map(effectId)).toEqual(fx.map((_, i) => `evt-1:${i}`));
    const firstMessage = fx.findIndex((e) => e.type === 'message');
    expect(firstMessage).toBeGreaterThan(0);
    expect(fx.slice(firstMessage).every((e) => e.type === 'message')).toBe(true);
    expect([...kinds(fx)].sort()).toEqual(['points_earned', 'progress', 'reward_unlocked', 'tier_reached']);
    for (const msg of messagesOf(fx)) {
      expect(msg).toMatchObject({ memberId: 'm1', eventId: 'evt-1', at: '2024-03-01T09:00:00.000Z' });
    }
    expect(sent(fx, 'points_earned')).toEqual([{ points: 155, balance: 155, orderId: 'order-evt-1' }]);
    expect(sent(fx, 'reward_unlocked')).toEqual([{ rewardId: 'coffee', name: null, cost: 100, available: 155 }]);
  });
});
