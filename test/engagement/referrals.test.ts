// Referral examples (program `referrals`, `enrollment` and `referral` events, `outgoing_event`,
// `referral_refused` and `not_earned` effects). Every expected number is worked out by hand from the
// spec (src/program/engagement-schema.ts, src/engagement/*); the arithmetic is in the comments.
//
// Base program (test/helpers.ts makeProgram): GBP, 1 point per £1.00 (rule `base`), floor rounding, no
// pending, no expiry, debt policy; here always in UTC so that calendar days are UTC days. A purchase of
// £N earns ⌊N⌋ points. `World` (./support.ts) routes every `outgoing_event` to its addressee at once.
import { describe, expect, it } from 'vitest';
import {
  LoyaltyError,
  evaluate,
  isLoyaltyError,
  newMemberState,
  referralCode,
  safeEvaluate,
  summarize,
  type Effect,
  type LedgerEntry,
  type NotEarnedEffect,
  type OutgoingEventEffect,
  type Program,
  type ProgramInput,
  type ReferralRefusedEffect,
} from '../../src/index.js';
import { makeProgram, purchase, refund, sum } from '../helpers.js';
import { World, activity, enrollment } from './support.js';

type Referrals = Omit<NonNullable<ProgramInput['referrals']>, 'codeSalt'>;
type Overrides = Parameters<typeof makeProgram>[0];

const SALT = 'referral-salt-for-tests-0123';
const CODE = /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/;

const program = (referrals: Referrals, overrides: Overrides = {}): Program =>
  makeProgram({ timezone: 'UTC', ...overrides, referrals: { codeSalt: SALT, ...referrals } });

const ofType = <T extends Effect['type']>(effects: readonly Effect[], type: T): Extract<Effect, { type: T }>[] =>
  effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
const outgoing = (effects: readonly Effect[]): OutgoingEventEffect['event'][] => ofType(effects, 'outgoing_event').map((e) => e.event);
const refusals = (effects: readonly Effect[]): ReferralRefusedEffect[] => ofType(effects, 'referral_refused');
const notEarned = (effects: readonly Effect[]): NotEarnedEffect[] => ofType(effects, 'not_earned');
const rules = (entries: readonly LedgerEntry[]): [string, number][] => entries.map((e) => [e.ruleId, e.points]);

/** Enrols `memberId` with `referrer`'s code (as the host resolved it). */
function referred(world: World, at: string, memberId: string, referrer = 'alice', extra: Record<string, unknown> = {}): Effect[] {
  return world.apply(enrollment(at, memberId, { referralCode: referralCode(world.program, referrer), referrerId: referrer, ...extra }));
}

// ======================================================================= seed 001

describe("seed 001's coins club", () => {
  // 5 coins for completing the profile (once per lifetime), 20 coins to the referrer when an invited friend
  // signs up, 100 coins when that friend first buys, 1 coin per dollar.
  const coins = makeProgram({
    id: 'coins-club',
    currency: 'USD',
    timezone: 'America/New_York',
    earn: [
      { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
      { id: 'profile', kind: 'activity', activity: 'profile_completed', points: 5, frequency: { per: 'lifetime' } },
    ],
    referrals: { codeSalt: SALT, onSignUp: { points: 20 }, onFirstPurchase: { points: 100 } },
  });
  const buy = (at: string, memberId: string, amount: string, orderId: string): Record<string, unknown> =>
    purchase(at, amount, { memberId, orderId, currency: 'USD' });

  it('walks a referrer and the friend they invite through sign-up, profiles and purchases', () => {
    const w = new World(coins);
    w.apply(enrollment('2024-03-01T15:00:00Z', 'alice'));
    // alice completes her profile: 5 coins; a second time: nothing (once per lifetime)
    w.apply(activity('2024-03-01T15:05:00Z', 'profile_completed', 'alice'));
    const again = w.apply(activity('2024-03-02T15:05:00Z', 'profile_completed', 'alice'));
    expect(notEarned(again).map((e) => [e.ruleId, e.reason])).toEqual([['profile', 'frequency_limit']]);
    expect(w.balance('alice')).toBe(5);

    // bob signs up with alice's code: bob's step sends alice a `signed_up` referral → alice 5 + 20 = 25
    const signUp = referred(w, '2024-03-05T16:00:00Z', 'bob');
    expect(outgoing(signUp)).toEqual([expect.objectContaining({ type: 'referral', memberId: 'alice', stage: 'signed_up', refereeId: 'bob' })]);
    expect(w.balance('alice')).toBe(25);
    expect(w.balance('bob')).toBe(0);

    // bob completes his profile: bob 5
    w.apply(activity('2024-03-05T16:10:00Z', 'profile_completed', 'bob'));
    // bob's first purchase, $42.50: bob ⌊42.50⌋ = 42 → 5 + 42 = 47; alice gets 100 → 25 + 100 = 125
    const first = w.apply(buy('2024-03-08T17:00:00Z', 'bob', '42.50', 'bob-1'));
    expect(outgoing(first)).toEqual([expect.objectContaining({ memberId: 'alice', stage: 'qualified', refereeId: 'bob', orderId: 'bob-1' })]);
    expect(w.balance('bob')).toBe(47);
    expect(w.balance('alice')).toBe(125);

    // alice buys $10.99 herself: ⌊10.99⌋ = 10 → 135
    w.apply(buy('2024-03-09T17:00:00Z', 'alice', '10.99', 'alice-1'));
    // bob's second purchase, $200: bob 47 + 200 = 247; only the first purchase pays alice: no referral sent
    const second = w.apply(buy('2024-03-10T17:00:00Z', 'bob', '200', 'bob-2'));
    expect(outgoing(second)).toEqual([]);
    expect(w.balance('bob')).toBe(247);
    expect(w.balance('alice')).toBe(135);

    expect(rules(w.entries('alice'))).toEqual([
      ['profile', 5],
      ['referrals.onSignUp', 20],
      ['referrals.onFirstPurchase', 100],
      ['base', 10],
    ]);
    expect(rules(w.entries('bob'))).toEqual([
      ['profile', 5],
      ['base', 42],
      ['base', 200],
    ]);
    // the referral entries say which friend (and which of the friend's orders) earned them
    const [signUpEntry, purchaseEntry] = w.entries('alice').filter((e) => e.ruleId.startsWith('referrals.'));
    expect(signUpEntry?.detail).toMatchObject({ source: 'referral', refereeId: 'bob' });
    expect(purchaseEntry?.detail).toMatchObject({ source: 'referral', refereeId: 'bob', refereeOrderId: 'bob-1' });
    // no hold declared (and no refund window): the 100 are spendable at once
    expect(purchaseEntry?.availableAt).toBe(purchaseEntry?.at);
  });
});

// ======================================================================= codes

describe('referralCode', () => {
  const p = program({ onSignUp: { points: 20 } });

  it('is deterministic and shaped as two groups of five unambiguous symbols', () => {
    const code = referralCode(p, 'alice');
    expect(code).toMatch(CODE);
    expect(referralCode(p, 'alice')).toBe(code);
    // the same definition compiled again gives the same code
    expect(referralCode(program({ onSignUp: { points: 20 } }), 'alice')).toBe(code);
  });

  it('differs between members, and with another salt', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `member-${i}`);
    const codes = new Set(ids.map((id) => referralCode(p, id)));
    // 31^10 ≈ 8.2 × 10^14 codes: 300 members collide with probability ≈ 300² / (2 × 8.2 × 10^14) ≈ 5 × 10^-11
    expect(codes.size).toBe(300);
    for (const c of codes) expect(c).toMatch(CODE);
    const other = makeProgram({ timezone: 'UTC', referrals: { codeSalt: 'another-salt-for-tests-987', onSignUp: { points: 20 } } });
    expect(referralCode(other, 'alice')).not.toBe(referralCode(p, 'alice'));
  });

  it('is accepted in lower case and without the dash', () => {
    const w = new World(p);
    const code = referralCode(p, 'alice');
    const lower = w.apply(enrollment('2024-01-02T10:00:00Z', 'bob', { referralCode: code.toLowerCase(), referrerId: 'alice' }));
    const bare = w.apply(enrollment('2024-01-03T10:00:00Z', 'carol', { referralCode: code.replace('-', ''), referrerId: 'alice' }));
    const spaced = w.apply(enrollment('2024-01-04T10:00:00Z', 'dave', { referralCode: ` ${code.replace('-', ' ').toLowerCase()} `, referrerId: 'alice' }));
    for (const fx of [lower, bare, spaced]) {
      expect(refusals(fx)).toEqual([]);
      expect(outgoing(fx)).toHaveLength(1);
    }
    // three sign-ups × 20 = 60
    expect(w.balance('alice')).toBe(60);
  });

  it('throws referrals_not_declared for a program without referrals', () => {
    expect(() => referralCode(makeProgram(), 'alice')).toThrowError(expect.objectContaining({ code: 'referrals_not_declared' }));
  });
});

// ======================================================================= refusals

describe('referral refusals', () => {
  // a welcome rule (10) that every enrolment pays, and a referee reward (15) that only an accepted referral pays
  const p = program({ onSignUp: { points: 20 }, referee: { points: 15 } }, { earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }, { id: 'hello', kind: 'welcome', points: 10 }] });

  /** Enrols `memberId` with the given code and referrer; the enrolment applies, the welcome pays, nothing else does. */
  function expectRefused(w: World, fx: Effect[], memberId: string, reason: string, code: string): void {
    expect(refusals(fx)).toEqual([expect.objectContaining({ type: 'referral_refused', memberId, reason, code })]);
    expect(outgoing(fx)).toEqual([]);
    expect(w.state(memberId).engagement?.enrolledAt).toBe('2024-02-01T09:00:00.000Z');
    expect(w.state(memberId).engagement?.referredBy).toBeUndefined();
    // welcome 10, no referee reward
    expect(rules(w.entries(memberId).filter((e) => e.eventId === refusals(fx)[0]?.eventId))).toEqual([['hello', 10]]);
  }

  it('self_referral: a member names themselves', () => {
    const w = new World(p);
    const code = referralCode(p, 'alice');
    const fx = w.apply(enrollment('2024-02-01T09:00:00Z', 'alice', { referralCode: code, referrerId: 'alice' }));
    expectRefused(w, fx, 'alice', 'self_referral', code);
    expect(w.balance('alice')).toBe(10);
  });

  it("invalid_code: a code that is not the named referrer's", () => {
    const w = new World(p);
    const carols = referralCode(p, 'carol');
    const fx = w.apply(enrollment('2024-02-01T09:00:00Z', 'bob', { referralCode: carols, referrerId: 'alice' }));
    expectRefused(w, fx, 'bob', 'invalid_code', carols);
    const made = w.apply(enrollment('2024-02-01T09:00:00Z', 'dave', { referralCode: 'ZZZZZ-ZZZZZ', referrerId: 'alice' }));
    // (unless alice's code happens to be ZZZZZ-ZZZZZ: one chance in 31^10)
    expectRefused(w, made, 'dave', 'invalid_code', 'ZZZZZ-ZZZZZ');
    expect(w.balance('alice')).toBe(0);
    expect(w.balance('carol')).toBe(0);
  });

  it('missing_referrer: a code without the referrer the host resolved it to', () => {
    const w = new World(p);
    const code = referralCode(p, 'alice');
    const fx = w.apply(enrollment('2024-02-01T09:00:00Z', 'bob', { referralCode: code }));
    expectRefused(w, fx, 'bob', 'missing_referrer', code);
    expect(w.balance('alice')).toBe(0);
  });

  it('not_new: the member bought before enrolling', () => {
    const w = new World(p);
    const code = referralCode(p, 'alice');
    w.apply(purchase('2024-01-20T09:00:00Z', '30.00', { memberId: 'bob', orderId: 'early' }));
    const fx = w.apply(enrollment('2024-02-01T09:00:00Z', 'bob', { referralCode: code, referrerId: 'alice' }));
    expectRefused(w, fx, 'bob', 'not_new', code);
    // bob: 30 (purchase) + 10 (welcome) = 40; alice: nothing
    expect(w.balance('bob')).toBe(40);
    expect(w.balance('alice')).toBe(0);
  });

  it('no_referral_program: a code under a program without referrals', () => {
    const plain = makeProgram({ timezone: 'UTC', earn: [{ id: 'hello', kind: 'welcome', points: 10 }] });
    const w = new World(plain);
    const fx = w.apply(enrollment('2024-02-01T09:00:00Z', 'bob', { referralCode: 'ABCDE-FGHJK', referrerId: 'alice' }));
    expectRefused(w, fx, 'bob', 'no_referral_program', 'ABCDE-FGHJK');
  });

  it('an accepted referral pays the referee reward beside the welcome, and records the referrer', () => {
    const w = new World(p);
    const fx = referred(w, '2024-02-01T09:00:00Z', 'bob');
    expect(refusals(fx)).toEqual([]);
    // bob: referee 15 + welcome 10 = 25; alice: sign-up 20
    expect(rules(w.entries('bob'))).toEqual([
      ['referrals.referee', 15],
      ['hello', 10],
    ]);
    expect(w.balance('bob')).toBe(25);
    expect(rules(w.entries('alice'))).toEqual([['referrals.onSignUp', 20]]);
    expect(w.state('bob').engagement?.referredBy).toMatchObject({ referrerId: 'alice', code: referralCode(p, 'alice'), at: '2024-02-01T09:00:00.000Z' });
  });

  it('a second enrolment throws already_enrolled and changes nothing', () => {
    const w = new World(p);
    referred(w, '2024-02-01T09:00:00Z', 'bob');
    const state = w.state('bob');
    const again = safeEvaluate(p, state, enrollment('2024-02-02T09:00:00Z', 'bob'));
    expect(again.success).toBe(false);
    if (!again.success) {
      expect(again.error).toBeInstanceOf(LoyaltyError);
      expect(again.error.code).toBe('already_enrolled');
    }
    expect(() => evaluate(p, state, enrollment('2024-02-02T09:00:00Z', 'bob', { referralCode: referralCode(p, 'alice'), referrerId: 'alice' }))).toThrowError(
      expect.objectContaining({ code: 'already_enrolled' }),
    );
  });
});

// ======================================================================= referral events on the referrer

describe('referral events', () => {
  it('applied to a program without referrals throw referrals_not_declared', () => {
    const plain = makeProgram({ timezone: 'UTC' });
    const event = { id: 'x:referral:signed_up', type: 'referral', memberId: 'alice', at: '2024-02-01T09:00:00Z', stage: 'signed_up', refereeId: 'bob' };
    let caught: unknown;
    try {
      evaluate(plain, newMemberState(plain, 'alice'), event);
    } catch (error) {
      caught = error;
    }
    expect(isLoyaltyError(caught) && caught.code).toBe('referrals_not_declared');
  });

  it('naming the referrer as their own referee throw self_referral', () => {
    const p = program({ onSignUp: { points: 20 } });
    const event = { id: 'x:referral:signed_up', type: 'referral', memberId: 'alice', at: '2024-02-01T09:00:00Z', stage: 'signed_up', refereeId: 'alice' };
    expect(() => evaluate(p, newMemberState(p, 'alice'), event)).toThrowError(expect.objectContaining({ code: 'self_referral' }));
  });

  it('redelivered, pay once per referee and stage (already_credited)', () => {
    const p = program({ onSignUp: { points: 20 }, onFirstPurchase: { points: 100 } });
    const w = new World(p);
    const [signedUp] = outgoing(referred(w, '2024-02-01T09:00:00Z', 'bob'));
    const [qualified] = outgoing(w.apply(purchase('2024-02-02T09:00:00Z', '30.00', { memberId: 'bob', orderId: 'b1' })));
    // 20 + 100 = 120
    expect(w.balance('alice')).toBe(120);
    for (const event of [signedUp, qualified, signedUp]) {
      const fx = w.apply(event as unknown as Record<string, unknown>);
      expect(fx.filter((e) => e.type === 'ledger')).toEqual([]);
      expect(notEarned(fx).map((e) => [e.ruleId, e.reason, e.details.refereeId])).toEqual([
        [event?.stage === 'signed_up' ? 'referrals.onSignUp' : 'referrals.onFirstPurchase', 'already_credited', 'bob'],
      ]);
    }
    expect(w.balance('alice')).toBe(120);
  });

  it('the same referee step gives the same outgoing event (a stable id, so the host can dedupe)', () => {
    const p = program({ onSignUp: { points: 20 } });
    const state = newMemberState(p, 'bob');
    const event = enrollment('2024-02-01T09:00:00Z', 'bob', { referralCode: referralCode(p, 'alice'), referrerId: 'alice' });
    expect(outgoing(evaluate(p, state, event).effects)).toEqual(outgoing(evaluate(p, state, event).effects));
  });
});

// ======================================================================= first purchase: minAmount, withinDays

describe('onFirstPurchase: minAmount and withinDays', () => {
  // 100 for a first purchase of at least £25.00 within 30 days of enrolling (no sign-up bonus)
  const p = program({ onFirstPurchase: { points: 100, minAmount: '25.00', withinDays: 30 } });

  it('a small purchase does not qualify, a later one of at least minAmount does, once', () => {
    const w = new World(p);
    referred(w, '2024-01-01T10:00:00Z', 'bob');
    // £10 < £25: nothing sent
    expect(outgoing(w.apply(purchase('2024-01-05T10:00:00Z', '10.00', { memberId: 'bob', orderId: 'b1' })))).toEqual([]);
    expect(w.balance('alice')).toBe(0);
    // £25.00 = minAmount: qualifies (on day 19 of 30)
    expect(outgoing(w.apply(purchase('2024-01-20T10:00:00Z', '25.00', { memberId: 'bob', orderId: 'b2' })))).toEqual([
      expect.objectContaining({ stage: 'qualified', orderId: 'b2' }),
    ]);
    expect(w.balance('alice')).toBe(100);
    // qualified already: a bigger purchase sends nothing
    expect(outgoing(w.apply(purchase('2024-01-21T10:00:00Z', '80.00', { memberId: 'bob', orderId: 'b3' })))).toEqual([]);
    expect(w.balance('alice')).toBe(100);
    // bob: 10 + 25 + 80 = 115
    expect(w.balance('bob')).toBe(115);
  });

  it('within withinDays of enrolling, not after', () => {
    const w = new World(p);
    // carol enrols 1 Jan 10:00; 1 Jan + 30 days = 31 Jan 10:00: a purchase then is still within
    referred(w, '2024-01-01T10:00:00Z', 'carol');
    w.apply(purchase('2024-01-31T10:00:00Z', '40.00', { memberId: 'carol', orderId: 'c1' }));
    expect(w.balance('alice')).toBe(100);
    // dave enrols the same moment and first buys on 1 Feb: 31 days after, too late; and later purchases too
    referred(w, '2024-01-01T10:00:00Z', 'dave');
    expect(outgoing(w.apply(purchase('2024-02-01T10:00:00Z', '40.00', { memberId: 'dave', orderId: 'd1' })))).toEqual([]);
    expect(outgoing(w.apply(purchase('2024-03-01T10:00:00Z', '400.00', { memberId: 'dave', orderId: 'd2' })))).toEqual([]);
    expect(w.balance('alice')).toBe(100);
    // erin's small purchase inside the window and big one outside: nothing
    referred(w, '2024-01-01T10:00:00Z', 'erin');
    w.apply(purchase('2024-01-10T10:00:00Z', '5.00', { memberId: 'erin', orderId: 'e1' }));
    w.apply(purchase('2024-02-10T10:00:00Z', '50.00', { memberId: 'erin', orderId: 'e2' }));
    expect(w.balance('alice')).toBe(100);
  });
});

// ======================================================================= first purchase: hold and refunds

describe('onFirstPurchase: holdDays and refunds', () => {
  // sign-up 20; first purchase of at least £25 pays 100, pending 14 days, cancelled by a refund within them
  const p = program({ onSignUp: { points: 20 }, onFirstPurchase: { points: 100, minAmount: '25.00', holdDays: 14 } });

  it("keeps the referrer's 100 pending until the hold ends", () => {
    const w = new World(p);
    referred(w, '2024-03-01T12:00:00Z', 'bob');
    w.apply(purchase('2024-03-04T12:00:00Z', '40.00', { memberId: 'bob', orderId: 'b1' }));
    const entry = w.entries('alice').find((e) => e.ruleId === 'referrals.onFirstPurchase');
    // 4 March 12:00 + 14 days = 18 March 12:00
    expect(entry?.availableAt).toBe('2024-03-18T12:00:00.000Z');
    const lot = w.state('alice').lots.find((l) => l.points === 100);
    expect(lot?.availableAt).toBe('2024-03-18T12:00:00.000Z');
    // on 10 March: 20 available (sign-up), 100 pending; the balance counts both: 120
    const during = summarize(p, w.state('alice'), '2024-03-10T00:00:00Z');
    expect([during.balance, during.available, during.pending]).toEqual([120, 20, 100]);
    const after = summarize(p, w.state('alice'), '2024-03-18T12:00:00Z');
    expect([after.balance, after.available, after.pending]).toEqual([120, 120, 0]);
  });

  it('a full refund within the hold cancels the referral and claws the 100 back; a later purchase qualifies again', () => {
    const w = new World(p);
    referred(w, '2024-03-01T12:00:00Z', 'bob');
    w.apply(purchase('2024-03-04T12:00:00Z', '40.00', { memberId: 'bob', orderId: 'b1' }));
    expect(w.balance('alice')).toBe(120);
    // 10 March < 18 March: the refund of all £40 sends `cancelled`
    const fx = w.apply(refund('2024-03-10T12:00:00Z', 'b1', '40.00', { memberId: 'bob' }));
    expect(outgoing(fx)).toEqual([expect.objectContaining({ memberId: 'alice', stage: 'cancelled', refereeId: 'bob', orderId: 'b1' })]);
    const clawback = w.entries('alice').filter((e) => e.kind === 'clawback');
    expect(clawback).toEqual([expect.objectContaining({ ruleId: 'referrals.onFirstPurchase', points: -100, orderId: 'b1' })]);
    expect(clawback[0]?.detail).toMatchObject({ reason: 'referral_cancelled', clawed: 100 });
    // alice: 20 + 100 − 100 = 20; bob: 40 − 40 = 0
    expect(w.balance('alice')).toBe(20);
    expect(w.balance('bob')).toBe(0);
    expect(w.state('bob').engagement?.referredBy?.qualifiedAt).toBeUndefined();

    // bob may qualify again: £50 on 12 March pays 100 again, pending to 12 + 14 = 26 March
    w.apply(purchase('2024-03-12T12:00:00Z', '50.00', { memberId: 'bob', orderId: 'b2' }));
    expect(w.balance('alice')).toBe(120);
    expect(w.entries('alice').at(-1)).toMatchObject({ ruleId: 'referrals.onFirstPurchase', points: 100, availableAt: '2024-03-26T12:00:00.000Z' });
  });

  it('a partial refund cancels only when the order falls below minAmount', () => {
    const w = new World(p);
    referred(w, '2024-03-01T12:00:00Z', 'bob');
    w.apply(purchase('2024-03-04T12:00:00Z', '40.00', { memberId: 'bob', orderId: 'b1' }));
    // £40 − £10 = £30 ≥ £25: still qualified
    expect(outgoing(w.apply(refund('2024-03-05T12:00:00Z', 'b1', '10.00', { memberId: 'bob' })))).toEqual([]);
    expect(w.balance('alice')).toBe(120);
    // £30 − £10 = £20 < £25: cancelled
    expect(outgoing(w.apply(refund('2024-03-06T12:00:00Z', 'b1', '10.00', { memberId: 'bob' })))).toEqual([expect.objectContaining({ stage: 'cancelled' })]);
    expect(w.balance('alice')).toBe(20);
  });

  it("a refund after the hold changes nothing for the referrer", () => {
    const w = new World(p);
    referred(w, '2024-03-01T12:00:00Z', 'carol');
    w.apply(purchase('2024-03-04T12:00:00Z', '40.00', { memberId: 'carol', orderId: 'c1' }));
    // 20 March > 18 March: no referral sent; carol's own points are clawed back as usual (40 − 40 = 0)
    const fx = w.apply(refund('2024-03-20T12:00:00Z', 'c1', '40.00', { memberId: 'carol' }));
    expect(outgoing(fx)).toEqual([]);
    expect(w.balance('alice')).toBe(120);
    expect(w.balance('carol')).toBe(0);
  });

  it("a `cancelled` event for another order than the one that qualified is ignored", () => {
    const w = new World(p);
    referred(w, '2024-03-01T12:00:00Z', 'bob');
    w.apply(purchase('2024-03-04T12:00:00Z', '40.00', { memberId: 'bob', orderId: 'b1' }));
    const stray = { id: 'stray', type: 'referral', memberId: 'alice', at: '2024-03-05T12:00:00Z', stage: 'cancelled', refereeId: 'bob', orderId: 'other' };
    expect(w.apply(stray)).toEqual([]);
    expect(w.balance('alice')).toBe(120);
  });

  it("defaults the hold to the program's refund window", () => {
    const q = program({ onFirstPurchase: { points: 100 } }, { refunds: { windowDays: 30 } });
    const w = new World(q);
    referred(w, '2024-03-01T12:00:00Z', 'bob');
    w.apply(purchase('2024-03-04T12:00:00Z', '40.00', { memberId: 'bob', orderId: 'b1' }));
    // 4 March + 30 days = 3 April
    expect(w.entries('alice')[0]?.availableAt).toBe('2024-04-03T12:00:00.000Z');
    // a full refund on 2 April is within the hold: cancelled, 100 − 100 = 0
    w.apply(refund('2024-04-02T12:00:00Z', 'b1', '40.00', { memberId: 'bob' }));
    expect(w.balance('alice')).toBe(0);
  });

  it('a `qualified` event redelivered after its cancellation pays the referrer again', () => {
    // src/engagement/referrals.ts applyReferral: `cancelled` deletes the stage from the referee's record, so a
    // redelivery of the original `qualified` (same event id, same order) finds no record and pays 100 again,
    // for an order refunded in full within the hold. Expected: alice keeps 20 + 100 − 100 = 20.
    const w = new World(p);
    referred(w, '2024-03-01T12:00:00Z', 'bob');
    const [qualified] = outgoing(w.apply(purchase('2024-03-04T12:00:00Z', '40.00', { memberId: 'bob', orderId: 'b1' })));
    w.apply(refund('2024-03-10T12:00:00Z', 'b1', '40.00', { memberId: 'bob' }));
    expect(w.balance('alice')).toBe(20);
    w.apply(qualified as unknown as Record<string, unknown>);
    expect(w.balance('alice')).toBe(20);
  });
});

// ======================================================================= cap

describe('cap', () => {
  // at most 2 referees per calendar month (UTC) earn alice each bonus
  const p = program({ onSignUp: { points: 20 }, onFirstPurchase: { points: 100 }, cap: { count: 2, per: 'month' } });

  it('the third referee in a month earns nothing (referral_cap); the next month pays again', () => {
    const w = new World(p);
    for (const [i, r] of ['bob', 'carol', 'dave'].entries()) {
      referred(w, `2024-01-1${i}T10:00:00Z`, r);
      w.apply(purchase(`2024-01-2${i}T10:00:00Z`, '30.00', { memberId: r, orderId: `${r}-1` }));
    }
    const capped = notEarned(w.effects).filter((e) => e.memberId === 'alice');
    // bob and carol: 2 × (20 + 100) = 240; dave: nothing, for each stage
    expect(w.balance('alice')).toBe(240);
    expect(capped.map((e) => [e.ruleId, e.reason, e.details])).toEqual([
      ['referrals.onSignUp', 'referral_cap', { refereeId: 'dave', count: 2, per: 'month' }],
      ['referrals.onFirstPurchase', 'referral_cap', { refereeId: 'dave', count: 2, per: 'month' }],
    ]);
    // erin signs up on 1 February (a new month): 20, and buys: 100 → 240 + 120 = 360
    referred(w, '2024-02-01T00:30:00Z', 'erin');
    w.apply(purchase('2024-02-02T10:00:00Z', '30.00', { memberId: 'erin', orderId: 'erin-1' }));
    expect(w.balance('alice')).toBe(360);
    expect(new Set(w.entries('alice').map((e) => e.detail?.refereeId))).toEqual(new Set(['bob', 'carol', 'erin']));
  });

  it('counts each stage in the month it happens', () => {
    const w = new World(p);
    // January: bob and carol sign up (2 × 20); dave signs up on 31 Jan: capped
    referred(w, '2024-01-10T10:00:00Z', 'bob');
    referred(w, '2024-01-11T10:00:00Z', 'carol');
    referred(w, '2024-01-31T23:00:00Z', 'dave');
    expect(w.balance('alice')).toBe(40);
    // dave's first purchase in February: February has room for first purchases → 40 + 100 = 140
    w.apply(purchase('2024-02-03T10:00:00Z', '30.00', { memberId: 'dave', orderId: 'dave-1' }));
    expect(w.balance('alice')).toBe(140);
  });

  it('a referee whose capped qualification was cancelled cannot earn the referrer on qualifying again', () => {
    // src/engagement/referrals.ts applyReferral: a capped `qualified` records the stage without its orderId, so
    // the referee's `cancelled` (which carries the order) is ignored, and the referee's next qualification, in a
    // month with room, is refused as `already_credited` although nothing was ever credited for them.
    const q = program({ onFirstPurchase: { points: 100, holdDays: 30 }, cap: { count: 2, per: 'month' } });
    const w = new World(q);
    for (const [i, r] of ['bob', 'carol', 'dave'].entries()) {
      referred(w, `2024-01-0${2 + i}T10:00:00Z`, r);
      w.apply(purchase(`2024-01-1${2 + i}T10:00:00Z`, '50.00', { memberId: r, orderId: `${r}-1` }));
    }
    // bob and carol: 2 × 100; dave capped
    expect(w.balance('alice')).toBe(200);
    // dave's order is refunded within the hold, and he qualifies again in February, which has room
    w.apply(refund('2024-01-20T10:00:00Z', 'dave-1', '50.00', { memberId: 'dave' }));
    const fx = w.apply(purchase('2024-02-05T10:00:00Z', '50.00', { memberId: 'dave', orderId: 'dave-2' }));
    expect(outgoing(fx)).toEqual([expect.objectContaining({ stage: 'qualified', orderId: 'dave-2' })]);
    expect(notEarned(w.effects).filter((e) => e.reason === 'already_credited')).toEqual([]);
    // 200 + 100 = 300
    expect(w.balance('alice')).toBe(300);
  });
});

describe('ledger consistency', () => {
  it("every member's balance is the sum of their ledger entries", () => {
    const p = program({ onSignUp: { points: 20 }, onFirstPurchase: { points: 100, holdDays: 7 }, referee: { points: 5 } });
    const w = new World(p);
    referred(w, '2024-05-01T10:00:00Z', 'bob');
    w.apply(purchase('2024-05-02T10:00:00Z', '12.34', { memberId: 'bob', orderId: 'b1' }));
    w.apply(refund('2024-05-03T10:00:00Z', 'b1', '12.34', { memberId: 'bob' }));
    w.apply(purchase('2024-05-04T10:00:00Z', '7.00', { memberId: 'bob', orderId: 'b2' }));
    // alice: 20 + 100 − 100 + 100 = 120; bob: 5 + 12 − 12 + 7 = 12
    expect(w.balance('alice')).toBe(120);
    expect(w.balance('bob')).toBe(12);
    for (const id of ['alice', 'bob']) expect(summarize(p, w.state(id), '2024-06-01T00:00:00Z').balance).toBe(sum(w.entries(id)));
  });
});
