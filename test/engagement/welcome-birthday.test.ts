// Engagement examples beside referrals: welcome and first-purchase rules, birthday rules (in the member's
// own time zone, windows, 29 February), the birthday message, and win-back. Every expected number is worked
// out by hand from the spec (src/program/engagement-schema.ts, src/engagement/*); the arithmetic is in the
// comments.
//
// Base program (test/helpers.ts makeProgram): GBP, 1 point per £1.00 (rule `base`), floor rounding, no
// pending, no expiry, debt policy; here in UTC unless a test says otherwise. A purchase of £N earns ⌊N⌋.
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  newMemberState,
  referralCode,
  safeEvaluate,
  type Effect,
  type LedgerEntry,
  type MemberState,
  type MessageData,
  type MessageEffect,
  type Program,
  type ProgramInput,
  type RewardIssuedEffect,
  type WinBackEffect,
} from '../../src/index.js';
import { makeProgram, purchase, refund, run, sum, tick } from '../helpers.js';
import { World, enrollment } from './support.js';

type Rule = NonNullable<ProgramInput['earn']>[number];
type Overrides = Parameters<typeof makeProgram>[0];

const BASE: Rule = { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } };
const REWARD_SALT = 'reward-salt-for-engagement-tests';
const REFERRAL_SALT = 'referral-salt-for-engagement-tests';
const REWARD_CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
const catalog: NonNullable<ProgramInput['rewards']> = {
  codeSalt: REWARD_SALT,
  catalog: [
    { id: 'tote', kind: 'free-product', cost: 500, sku: 'tote-bag', listed: false },
    { id: 'cake', kind: 'free-product', cost: 300, sku: 'cake-slice', listed: false },
  ],
};

const program = (earn: Rule[], overrides: Overrides = {}): Program => makeProgram({ timezone: 'UTC', earn: [BASE, ...earn], ...overrides });
const rules = (entries: readonly LedgerEntry[]): [string, number][] => entries.map((e) => [e.ruleId, e.points]);
const issued = (effects: readonly Effect[]): RewardIssuedEffect[] => effects.filter((e): e is RewardIssuedEffect => e.type === 'reward_issued');
const winBacks = (effects: readonly Effect[]): WinBackEffect[] => effects.filter((e): e is WinBackEffect => e.type === 'win_back');
const birthdayMessages = (effects: readonly Effect[]): MessageData['birthday'][] =>
  effects.filter((e): e is MessageEffect => e.type === 'message' && e.kind === 'birthday').map((m) => m.data as MessageData['birthday']);

/** One member stepped event by event; each step returns its effects. */
class Member {
  state: MemberState;
  readonly effects: Effect[] = [];
  constructor(
    readonly program: Program,
    readonly id = 'm1',
  ) {
    this.state = newMemberState(program, id);
  }
  step(event: Record<string, unknown>): Effect[] {
    const { state, effects } = evaluate(this.program, this.state, event);
    this.state = state;
    this.effects.push(...effects);
    return [...effects];
  }
  /** Points the step earned (sum of its ledger entries). */
  points(event: Record<string, unknown>): number {
    return this.step(event).reduce((s, e) => s + (e.type === 'ledger' ? e.entry.points : 0), 0);
  }
  get balance(): number {
    return this.effects.reduce((s, e) => s + (e.type === 'ledger' ? e.entry.points : 0), 0);
  }
}

// ======================================================================= welcome

describe('welcome rule', () => {
  it('pays once, on the enrolment', () => {
    const p = program([{ id: 'hello', kind: 'welcome', points: 50 }]);
    // enrol: 50; buy £30: 30 (no second welcome); a tick: nothing → 80
    const { state, entries } = run(p, [enrollment('2024-02-01T09:00:00Z', 'm1'), purchase('2024-02-02T09:00:00Z', '30.00'), tick('2024-02-03T09:00:00Z')]);
    expect(rules(entries)).toEqual([
      ['hello', 50],
      ['base', 30],
    ]);
    expect(entries[0]?.detail).toMatchObject({ source: 'welcome' });
    expect(sum(entries)).toBe(80);
    // a second enrolment is refused: the welcome cannot pay twice
    const again = safeEvaluate(p, state, enrollment('2024-02-04T09:00:00Z', 'm1'));
    expect(again.success === false && again.error.code).toBe('already_enrolled');
  });

  it('does not pay a member who never enrols', () => {
    const p = program([{ id: 'hello', kind: 'welcome', points: 50 }]);
    // £30 → 30, nothing else
    expect(rules(run(p, [purchase('2024-02-02T09:00:00Z', '30.00'), tick('2024-02-03T09:00:00Z')]).entries)).toEqual([['base', 30]]);
  });

  it('with the condition event.referred = true, pays only members who enrol with a referral code', () => {
    const p = program(
      [
        { id: 'hello', kind: 'welcome', points: 50 },
        { id: 'friend', kind: 'welcome', points: 30, condition: { all: [{ fact: 'event', path: '$.referred', operator: 'equal', value: true }] } },
      ],
      { referrals: { codeSalt: REFERRAL_SALT, onSignUp: { points: 20 } } },
    );
    const w = new World(p);
    w.apply(enrollment('2024-02-01T09:00:00Z', 'alice'));
    w.apply(enrollment('2024-02-02T09:00:00Z', 'bob', { referralCode: referralCode(p, 'alice'), referrerId: 'alice' }));
    w.apply(enrollment('2024-02-03T09:00:00Z', 'carol'));
    // bob: 50 + 30 = 80; carol: 50; alice: 50 + 20 (bob signed up) = 70
    expect(rules(w.entries('bob'))).toEqual([
      ['hello', 50],
      ['friend', 30],
    ]);
    expect(w.balance('carol')).toBe(50);
    expect(w.balance('alice')).toBe(70);
  });

  it('issues a catalog reward with a code, the same on a replay of the same step', () => {
    const p = program([{ id: 'hello', kind: 'welcome', reward: 'tote' }], { rewards: catalog });
    const state = newMemberState(p, 'm1');
    const event = enrollment('2024-02-01T09:00:00Z', 'm1');
    const fx = evaluate(p, state, event).effects;
    const [reward] = issued(fx);
    expect(reward).toMatchObject({ rewardId: 'tote', source: 'welcome', ruleId: 'hello' });
    expect(reward?.code).toMatch(REWARD_CODE);
    expect(issued(evaluate(p, state, event).effects)[0]?.code).toBe(reward?.code);
    // no points in the grant: no ledger entry
    expect(fx.filter((e) => e.type === 'ledger')).toEqual([]);
  });
});

// ======================================================================= first purchase

describe('first_purchase rule', () => {
  const p = program([{ id: 'first', kind: 'first_purchase', points: 25, minAmount: '20.00' }]);

  it('pays on the first purchase only', () => {
    const m = new Member(p);
    // £30 ≥ £20: 30 + 25 = 55
    expect(m.points(purchase('2024-02-01T09:00:00Z', '30.00', { orderId: 'o1' }))).toBe(55);
    // £50: 50, no bonus
    expect(m.points(purchase('2024-02-02T09:00:00Z', '50.00', { orderId: 'o2' }))).toBe(50);
    expect(m.balance).toBe(105);
  });

  it('a first purchase below minAmount earns no bonus, and no later purchase does', () => {
    const m = new Member(p);
    // £10 < £20: 10 only; then £50 is not the first purchase: 50 only
    expect(m.points(purchase('2024-02-01T09:00:00Z', '10.00'))).toBe(10);
    expect(m.points(purchase('2024-02-02T09:00:00Z', '50.00'))).toBe(50);
    expect(m.effects.some((e) => e.type === 'ledger' && e.entry.ruleId === 'first')).toBe(false);
  });

  it('is clawed back when a refund takes the order below minAmount', () => {
    const m = new Member(p);
    m.step(purchase('2024-02-01T09:00:00Z', '30.00', { orderId: 'o1' }));
    // refund £5: £25 left ≥ £20, the bonus stays; base keeps ⌊30 × 25/30⌋ = 25, claws 5 → 55 − 5 = 50
    const first = m.step(refund('2024-02-02T09:00:00Z', 'o1', '5.00'));
    expect(rules(first.flatMap((e) => (e.type === 'ledger' ? [e.entry] : [])))).toEqual([['base', -5]]);
    expect(m.balance).toBe(50);
    // refund £10 more: £15 left < £20: the 25 go; base keeps ⌊30 × 15/30⌋ = 15 of its 30, so 15 clawed in all: 15 − 5 = 10 more
    const second = m.step(refund('2024-02-03T09:00:00Z', 'o1', '10.00'));
    const entries = second.flatMap((e) => (e.type === 'ledger' ? [e.entry] : []));
    expect(rules(entries)).toEqual([
      ['base', -10],
      ['first', -25],
    ]);
    expect(entries[1]?.detail).toMatchObject({ reason: 'below_threshold' });
    // 50 − 10 − 25 = 15: what £15 earns
    expect(m.balance).toBe(15);
  });

  it('without minAmount, survives a partial refund and goes with a full one', () => {
    const q = program([{ id: 'first', kind: 'first_purchase', points: 25 }]);
    const m = new Member(q);
    // £10: 10 + 25 = 35; refund £5: base claws 5, the bonus has no threshold → 30; refund the last £5: −5 − 25 → 0
    m.step(purchase('2024-02-01T09:00:00Z', '10.00', { orderId: 'o1' }));
    m.step(refund('2024-02-02T09:00:00Z', 'o1', '5.00'));
    expect(m.balance).toBe(30);
    m.step(refund('2024-02-03T09:00:00Z', 'o1', '5.00'));
    expect(m.balance).toBe(0);
  });

  it('a second purchase after a refunded first does not pay it', () => {
    const m = new Member(p);
    m.step(purchase('2024-02-01T09:00:00Z', '30.00', { orderId: 'o1' }));
    // a full refund: −30 − 25 → 0
    m.step(refund('2024-02-02T09:00:00Z', 'o1', '30.00'));
    expect(m.balance).toBe(0);
    // £40: 40, no bonus (the first purchase ever was o1)
    expect(m.points(purchase('2024-02-03T09:00:00Z', '40.00', { orderId: 'o2' }))).toBe(40);
    expect(m.balance).toBe(40);
  });
});

// ======================================================================= birthday

describe('birthday rule', () => {
  const BDAY: Rule = { id: 'bday', kind: 'birthday', points: 40 };
  const p = program([BDAY]);
  /** A member enrolled on 10 January 2024 with a birthday (and maybe a time zone of their own). */
  const born = (q: Program, birthday: string, extra: Record<string, unknown> = {}): Member => {
    const m = new Member(q);
    m.step(enrollment('2024-01-10T12:00:00Z', 'm1', { birthday, ...extra }));
    return m;
  };

  it('pays on the birthday, by a tick, once a year', () => {
    const m = born(p, '1990-06-15');
    expect(m.points(tick('2024-06-14T23:59:00Z'))).toBe(0);
    const fx = m.step(tick('2024-06-15T00:30:00Z'));
    const entries = fx.flatMap((e) => (e.type === 'ledger' ? [e.entry] : []));
    expect(rules(entries)).toEqual([['bday', 40]]);
    expect(entries[0]?.detail).toMatchObject({ source: 'birthday', birthday: '2024-06-15' });
    // later that day, and the day after: nothing
    expect(m.points(tick('2024-06-15T20:00:00Z'))).toBe(0);
    expect(m.points(tick('2024-06-16T10:00:00Z'))).toBe(0);
    // the next year: 40 more → 80
    expect(m.points(tick('2025-06-15T09:00:00Z'))).toBe(40);
    expect(m.balance).toBe(80);
  });

  it('pays on the first event of the day, a purchase as well as a tick', () => {
    const m = born(p, '1990-06-15');
    // £10 → 10, and the birthday 40 → 50
    expect(m.points(purchase('2024-06-15T10:00:00Z', '10.00', { memberId: 'm1' }))).toBe(50);
  });

  it("is the birthday in the member's own time zone", () => {
    // 14 June 23:30 UTC is 15 June 08:30 in Tokyo (UTC+9): Tokyo's birthday has come, the program's UTC day has not
    const tokyo = born(p, '1990-06-15', { timezone: 'Asia/Tokyo' });
    expect(tokyo.points(tick('2024-06-14T23:30:00Z'))).toBe(40);
    // the same instant for a member without a time zone (the program's UTC): still 14 June
    const utc = born(p, '1990-06-15');
    expect(utc.points(tick('2024-06-14T23:30:00Z'))).toBe(0);
    // Los Angeles is UTC−7 in June: 14 June 23:30 UTC is 14 June 16:30 there; 15 June 06:30 UTC is still 14 June
    // 23:30 there (though the 15th in UTC); 15 June 07:30 UTC is 15 June 00:30 there
    const la = born(p, '1990-06-15', { timezone: 'America/Los_Angeles' });
    expect(la.points(tick('2024-06-14T23:30:00Z'))).toBe(0);
    expect(la.points(tick('2024-06-15T06:30:00Z'))).toBe(0);
    expect(la.points(tick('2024-06-15T07:30:00Z'))).toBe(40);
  });

  it("within 'week': the birthday and the 6 days after it", () => {
    const q = program([{ ...BDAY, within: 'week' }] as Rule[]);
    // 15 June + 6 days = 21 June: 14 June no, 21 June yes, 22 June no (paid already, and outside)
    const m = born(q, '1990-06-15');
    expect(m.points(tick('2024-06-14T12:00:00Z'))).toBe(0);
    expect(m.points(tick('2024-06-21T23:00:00Z'))).toBe(40);
    expect(m.points(tick('2024-06-22T00:00:00Z'))).toBe(0);
    // a member whose first event in the week is on the 18th: paid then, not again on the 20th
    const n = born(q, '1990-06-15');
    expect(n.points(tick('2024-06-18T08:00:00Z'))).toBe(40);
    expect(n.points(tick('2024-06-20T08:00:00Z'))).toBe(0);
    // a member seen only on 22 June misses 2024, and is paid in the 2025 week
    const late = born(q, '1990-06-15');
    expect(late.points(tick('2024-06-22T08:00:00Z'))).toBe(0);
    expect(late.points(tick('2025-06-17T08:00:00Z'))).toBe(40);
  });

  it("within 'month': the whole calendar month of the birthday", () => {
    const q = program([{ ...BDAY, within: 'month' }] as Rule[]);
    // June 2024: 1 to 30 June
    const early = born(q, '1990-06-15');
    expect(early.points(tick('2024-05-31T23:59:00Z'))).toBe(0);
    expect(early.points(tick('2024-06-01T00:00:00Z'))).toBe(40);
    expect(early.points(tick('2024-06-29T00:00:00Z'))).toBe(0);
    const last = born(q, '1990-06-15');
    expect(last.points(tick('2024-06-30T23:59:00Z'))).toBe(40);
    const july = born(q, '1990-06-15');
    expect(july.points(tick('2024-07-01T00:00:00Z'))).toBe(0);
    // February 2024 has 29 days: a birthday on 10 February is still in its month on the 29th
    const feb = born(q, '1990-02-10');
    expect(feb.points(tick('2024-02-29T12:00:00Z'))).toBe(40);
    expect(feb.points(tick('2024-03-01T12:00:00Z'))).toBe(0);
  });

  it("a 29 February birthday with leapDay 'feb-28': 28 February in common years, 29 February in leap years", () => {
    const q = program([{ ...BDAY, leapDay: 'feb-28' }] as Rule[]);
    const m = born(q, '2000-02-29');
    expect(m.points(tick('2025-02-27T12:00:00Z'))).toBe(0);
    const fx = m.step(tick('2025-02-28T12:00:00Z'));
    expect(fx.flatMap((e) => (e.type === 'ledger' ? [e.entry.detail?.birthday] : []))).toEqual(['2025-02-28']);
    expect(m.points(tick('2025-03-01T12:00:00Z'))).toBe(0);
    // 2028 is a leap year: the 28th is not the birthday, the 29th is
    expect(m.points(tick('2028-02-28T12:00:00Z'))).toBe(0);
    expect(m.points(tick('2028-02-29T12:00:00Z'))).toBe(40);
    expect(m.balance).toBe(80);
  });

  it("a 29 February birthday with leapDay 'mar-1': 1 March in common years, 29 February in leap years", () => {
    const q = program([{ ...BDAY, leapDay: 'mar-1' }] as Rule[]);
    const m = born(q, '2000-02-29');
    expect(m.points(tick('2025-02-28T12:00:00Z'))).toBe(0);
    const fx = m.step(tick('2025-03-01T12:00:00Z'));
    expect(fx.flatMap((e) => (e.type === 'ledger' ? [e.entry.detail?.birthday] : []))).toEqual(['2025-03-01']);
    expect(m.points(tick('2028-02-28T12:00:00Z'))).toBe(0);
    expect(m.points(tick('2028-02-29T12:00:00Z'))).toBe(40);
    expect(m.points(tick('2028-03-01T12:00:00Z'))).toBe(0);
    expect(m.balance).toBe(80);
  });

  it("a 31 December birthday with within 'week' reaches into January, once for that birthday", () => {
    const q = program([{ ...BDAY, within: 'week' }] as Rule[]);
    // 31 Dec 2024 + 6 days = 6 Jan 2025
    const m = born(q, '1985-12-31');
    const fx = m.step(tick('2025-01-03T10:00:00Z'));
    expect(fx.flatMap((e) => (e.type === 'ledger' ? [e.entry.detail?.birthday] : []))).toEqual(['2024-12-31']);
    expect(m.points(tick('2025-01-06T23:00:00Z'))).toBe(0);
    expect(m.points(tick('2025-01-07T00:00:00Z'))).toBe(0);
    // the 2025 birthday pays on its own day, and not again in January 2026
    expect(m.points(tick('2025-12-31T10:00:00Z'))).toBe(40);
    expect(m.points(tick('2026-01-02T10:00:00Z'))).toBe(0);
    expect(m.balance).toBe(80);
    // a member first seen on 7 January is past the window
    const late = born(q, '1985-12-31');
    expect(late.points(tick('2025-01-07T00:00:00Z'))).toBe(0);
  });

  it('pays nothing to a member who gave no birthday', () => {
    const m = new Member(p);
    m.step(enrollment('2024-01-10T12:00:00Z', 'm1'));
    expect(m.points(tick('2024-06-15T12:00:00Z'))).toBe(0);
  });
});

// ======================================================================= birthday message

describe('birthday message', () => {
  it('carries what the birthday rule gave: points, the reward and its code', () => {
    const p = program([{ id: 'bday', kind: 'birthday', points: 40, reward: 'cake' }], { rewards: catalog, messages: { birthday: {} } });
    const m = new Member(p);
    m.step(enrollment('2024-01-10T12:00:00Z', 'm1', { birthday: '1990-06-15' }));
    expect(birthdayMessages(m.step(tick('2024-06-14T12:00:00Z')))).toEqual([]);
    const fx = m.step(tick('2024-06-15T12:00:00Z'));
    const [reward] = issued(fx);
    expect(reward).toMatchObject({ rewardId: 'cake', source: 'birthday', ruleId: 'bday' });
    expect(reward?.code).toMatch(REWARD_CODE);
    expect(birthdayMessages(fx)).toEqual([{ date: '2024-06-15', points: 40, rewardId: 'cake', code: reward?.code }]);
    // once: not again that day
    expect(birthdayMessages(m.step(tick('2024-06-15T18:00:00Z')))).toEqual([]);
  });

  it('with points only: no reward, no code', () => {
    const p = program([{ id: 'bday', kind: 'birthday', points: 40, within: 'week' }], { messages: { birthday: {} } });
    const m = new Member(p);
    m.step(enrollment('2024-01-10T12:00:00Z', 'm1', { birthday: '1990-06-15' }));
    // paid on the 17th, within the week: the message names the birthday itself
    expect(birthdayMessages(m.step(tick('2024-06-17T12:00:00Z')))).toEqual([{ date: '2024-06-15', points: 40, rewardId: null, code: null }]);
  });

  it('without a birthday rule: the message alone, on the day, once a year', () => {
    const p = program([], { messages: { birthday: {} } });
    const m = new Member(p);
    m.step(enrollment('2024-01-10T12:00:00Z', 'm1', { birthday: '1990-06-15' }));
    expect(birthdayMessages(m.step(tick('2024-06-14T12:00:00Z')))).toEqual([]);
    expect(birthdayMessages(m.step(tick('2024-06-15T12:00:00Z')))).toEqual([{ date: '2024-06-15', points: 0, rewardId: null, code: null }]);
    expect(birthdayMessages(m.step(tick('2024-06-15T20:00:00Z')))).toEqual([]);
    expect(birthdayMessages(m.step(tick('2024-06-16T12:00:00Z')))).toEqual([]);
    expect(birthdayMessages(m.step(tick('2025-06-15T12:00:00Z')))).toEqual([{ date: '2025-06-15', points: 0, rewardId: null, code: null }]);
    // no points anywhere
    expect(m.effects.filter((e) => e.type === 'ledger')).toEqual([]);
  });

  it("without a birthday rule, in the member's time zone; 29 February on the 28th in common years", () => {
    const p = program([], { messages: { birthday: {} } });
    // 14 June 23:30 UTC = 15 June 08:30 in Tokyo
    const tokyo = new Member(p, 'tokyo');
    tokyo.step(enrollment('2024-01-10T12:00:00Z', 'tokyo', { birthday: '1990-06-15', timezone: 'Asia/Tokyo' }));
    expect(birthdayMessages(tokyo.step(tick('2024-06-14T23:30:00Z', 'tokyo')))).toEqual([{ date: '2024-06-15', points: 0, rewardId: null, code: null }]);
    const leap = new Member(p, 'leap');
    leap.step(enrollment('2024-01-10T12:00:00Z', 'leap', { birthday: '2000-02-29' }));
    expect(birthdayMessages(leap.step(tick('2025-02-28T12:00:00Z', 'leap')))).toEqual([{ date: '2025-02-28', points: 0, rewardId: null, code: null }]);
  });
});

// ======================================================================= win-back

describe('winBack', () => {
  const p = makeProgram({ timezone: 'UTC', winBack: { afterDays: 60, reward: { points: 50 }, oncePer: 'quarter' } });

  it('once per lapse, at most once per quarter', () => {
    const m = new Member(p);
    // last activity: a £10 purchase on 2 November 2023 → 10
    m.step(purchase('2023-11-02T12:00:00Z', '10.00'));
    // 2 Nov + 59 days = 31 Dec (28 days to 30 Nov, + 31): not yet
    expect(winBacks(m.step(tick('2023-12-31T12:00:00Z')))).toEqual([]);
    // 2 Nov + 60 days = 1 Jan 2024 12:00: a win_back and 50 points → 60
    const fx = m.step(tick('2024-01-01T12:00:00Z'));
    expect(winBacks(fx)).toEqual([expect.objectContaining({ daysInactive: 60, lastActivityAt: '2023-11-02T12:00:00.000Z', at: '2024-01-01T12:00:00.000Z' })]);
    expect(rules(fx.flatMap((e) => (e.type === 'ledger' ? [e.entry] : [])))).toEqual([['winBack', 50]]);
    expect(m.balance).toBe(60);
    // another tick in the same lapse: nothing
    expect(m.step(tick('2024-01-01T18:00:00Z'))).toEqual([]);
    // new activity: £5 on 2 January → 65
    m.step(purchase('2024-01-02T12:00:00Z', '5.00'));
    // 2 Jan + 60 days = 2 March (31 to 2 Feb, + 29 to 2 Mar in 2024): a new lapse, but Q1 had its win-back
    expect(m.step(tick('2024-03-02T12:00:00Z'))).toEqual([]);
    expect(m.step(tick('2024-03-31T12:00:00Z'))).toEqual([]);
    // 1 April is in Q2: the held-back lapse pays; 2 Jan → 1 Apr = 31 + 29 + 30 = 90 days → 65 + 50 = 115
    const q2 = m.step(tick('2024-04-01T12:00:00Z'));
    expect(winBacks(q2)).toEqual([expect.objectContaining({ daysInactive: 90, lastActivityAt: '2024-01-02T12:00:00.000Z' })]);
    expect(m.step(tick('2024-05-01T12:00:00Z'))).toEqual([]);
    expect(m.balance).toBe(115);
  });

  it('is given by ticks only', () => {
    const q = makeProgram({
      timezone: 'UTC',
      winBack: { afterDays: 60, reward: { points: 50 }, oncePer: 'quarter' },
      referrals: { codeSalt: REFERRAL_SALT, onSignUp: { points: 20 } },
    });
    const m = new Member(q, 'alice');
    // last activity: £20 on 5 January → 20
    m.step(purchase('2024-01-05T12:00:00Z', '20.00', { memberId: 'alice', orderId: 'o1' }));
    // 10 April, 96 days later: a refund of £5 (−5 → 15) and a referral credit (+20 → 35) are not activity,
    // and not ticks: no win-back
    expect(winBacks(m.step(refund('2024-04-10T12:00:00Z', 'o1', '5.00', { memberId: 'alice' })))).toEqual([]);
    const referral = { id: 'bob-enrol:referral:signed_up', type: 'referral', memberId: 'alice', at: '2024-04-10T13:00:00Z', stage: 'signed_up', refereeId: 'bob' };
    expect(winBacks(m.step(referral))).toEqual([]);
    expect(m.balance).toBe(35);
    // the next tick: 5 Jan → 11 Apr = 31 + 29 + 31 + 6 = 97 days → 35 + 50 = 85
    expect(winBacks(m.step(tick('2024-04-11T12:00:00Z', 'alice')))).toEqual([expect.objectContaining({ daysInactive: 97 })]);
    expect(m.balance).toBe(85);
  });

  it('a purchase after a long lapse is activity, not a win-back', () => {
    const m = new Member(p);
    m.step(purchase('2024-01-05T12:00:00Z', '20.00'));
    // 95 days later, a purchase: 20 + 7 = 27, no win_back; a tick the next day finds 1 day of inactivity
    expect(winBacks(m.step(purchase('2024-04-09T12:00:00Z', '7.00')))).toEqual([]);
    expect(m.step(tick('2024-04-10T12:00:00Z'))).toEqual([]);
    expect(m.balance).toBe(27);
  });
});
