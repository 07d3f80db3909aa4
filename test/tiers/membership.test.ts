// Paid memberships and tier grants (docs/tiers.md, "Paid memberships and grants").
// The program's clock is New York: EST (−05:00) until 10 Mar 2024, EDT (−04:00)
// until 3 Nov 2024, EST again until 9 Mar 2025, then EDT. Expected dates are
// worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  LoyaltyError,
  defineProgram,
  evaluate,
  isLoyaltyError,
  ledgerEntries,
  newMemberState,
  safeEvaluate,
  tierStatus,
  type Effect,
  type MemberState,
  type ProgramInput,
} from '../../src/index.js';
import { member as memberOf } from './support.js';

const input: ProgramInput = {
  id: 'club',
  version: 1,
  currency: 'USD',
  timezone: 'America/New_York',
  points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
  earn: [
    { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
    { id: 'shipping-perk', kind: 'bonus', points: 10, condition: { all: [{ fact: 'member', path: '$.perks', operator: 'contains', value: 'free_shipping' }] } },
    { id: 'gold-bonus', kind: 'bonus', points: 5, condition: { all: [{ fact: 'member', path: '$.tier', operator: 'equal', value: 'gold' }] } },
  ],
  tiers: {
    window: { kind: 'rolling', months: 12 },
    levels: [
      { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
      { id: 'gold', criteria: { metric: 'spend', atLeast: '500' } },
      { id: 'platinum', criteria: { metric: 'spend', atLeast: '1000' }, perks: ['lounge'] },
    ],
    downgrade: { kind: 'grace', days: 30 },
  },
  memberships: [
    { id: 'prime', level: 'gold', perks: ['free_shipping'], period: { years: 1 } },
    { id: 'co-op', perks: ['member_pricing'], period: 'lifetime' },
    { id: 'monthly', level: 'silver', perks: ['early_access'], period: { months: 1 } },
  ],
};
const program = defineProgram(input);

let n = 0;
const buy = (at: string, amount: string): Record<string, unknown> => ({
  id: `buy-${++n}`, type: 'purchase', memberId: 'm1', at, orderId: `o-${n}`, amount, currency: 'USD',
});
const membership = (at: string, action: 'purchased' | 'renewed' | 'cancelled' | 'refunded', plan: string): Record<string, unknown> => ({
  id: `ms-${++n}`, type: 'membership', memberId: 'm1', at, action, plan, fee: '99.00', currency: 'USD',
});
const grant = (at: string, level: string, until: string, id = `grant-${++n}`): Record<string, unknown> => ({
  id, type: 'tier_grant', memberId: 'm1', at, level, until, reason: 'service recovery',
});
const tick = (at: string): Record<string, unknown> => ({ id: `tick-${++n}`, type: 'tick', memberId: 'm1', at });

const member = () => memberOf(program);

function tierFx(effects: readonly Effect[]): Record<string, unknown>[] {
  return effects
    .filter((e) => e.type === 'tier_upgraded' || e.type === 'tier_downgraded')
    .map((e) => {
      const { id: _id, memberId: _m, eventId: _e, ...rest } = e as Extract<Effect, { type: 'tier_upgraded' | 'tier_downgraded' }>;
      return rest;
    });
}
const up = (at: string, from: string | null, to: string | null, reason: string) => ({ type: 'tier_upgraded', at, from, to, reason });
const down = (at: string, from: string | null, to: string | null, reason: string) => ({ type: 'tier_downgraded', at, from, to, reason });
const earned = (effects: readonly Effect[]): [string, number][] => ledgerEntries(effects).map((e) => [e.ruleId ?? '', e.points]);

/** Asserts the event is refused with `code` and the state passed in is left as it was. */
function expectRefused(state: MemberState, event: Record<string, unknown>, code: string): void {
  const before = structuredClone(state);
  const result = safeEvaluate(program, state, event);
  expect(result.success).toBe(false);
  if (result.success) return;
  expect(result.error).toBeInstanceOf(LoyaltyError);
  expect(isLoyaltyError(result.error)).toBe(true);
  expect(result.error.code).toBe(code);
  expect(state).toEqual(before);
  // and evaluate throws the same refusal
  expect(() => evaluate(program, state, event)).toThrow(LoyaltyError);
}

describe('membership purchased', () => {
  it('grants the plan level and perks for the period; the level in force is max(qualified, granted)', () => {
    const m = member();
    // 1 Mar 10:00 EST = 15:00Z: $150 ≥ $100 → silver by qualifying
    expect(tierFx(m.step(buy('2024-03-01T10:00:00-05:00', '150')))).toEqual([up('2024-03-01T15:00:00.000Z', null, 'silver', 'qualified')]);
    // 20 Mar 10:00 EDT = 14:00Z: prime (gold) → gold is above silver: upgraded, reason granted
    expect(tierFx(m.step(membership('2024-03-20T10:00:00-04:00', 'purchased', 'prime')))).toEqual([up('2024-03-20T14:00:00.000Z', 'silver', 'gold', 'granted')]);
    // a year in New York time: 20 Mar 2025 10:00 EDT (DST began 9 Mar 2025) = 14:00Z
    const s = tierStatus(program, m.state, '2024-06-01T12:00:00-04:00');
    expect(s.level).toBe('gold');
    expect(s.qualifiedLevel).toBe('silver');
    expect(s.since).toBe('2024-03-20T14:00:00.000Z');
    expect(s.perks).toEqual(['free_shipping']);
    expect(s.grants).toEqual([
      { source: 'membership', id: 'prime', level: 'gold', perks: ['free_shipping'], from: '2024-03-20T14:00:00.000Z', until: '2025-03-20T14:00:00.000Z' },
    ]);
    // without further activity gold is lost when the grant ends, back to silver: the $150 of 1 Mar 2024 leaves
    // the 12-month window on 1 Mar 2025, and the 30-day grace keeps silver until 31 Mar 2025
    expect(s.downgrade).toEqual({ on: '2025-03-20T14:00:00.000Z', to: 'silver' });
    expect(s.guaranteedUntil).toBe('2025-03-20T14:00:00.000Z');
    // next level above the level in force (gold) is platinum: $1000 − $150 = $850 missing
    expect(s.next?.level).toBe('platinum');
    expect(s.next?.criteria).toEqual({ metric: 'spend', atLeast: '1000', current: '150', missing: '850', met: false });

    // one minute before the end it is still in force
    expect(tierStatus(program, m.state, '2025-03-20T09:59:00-04:00').level).toBe('gold');
    expect(tierStatus(program, m.state, '2025-03-20T10:00:00-04:00').level).toBe('silver');
  });

  it('does not lower a member who qualifies higher than the plan level, and adds its perks to the level perks', () => {
    const m = member();
    // $1200 ≥ $1000 → platinum (perk lounge)
    m.step(buy('2024-03-01T10:00:00-05:00', '1200'));
    expect(tierFx(m.step(membership('2024-03-02T10:00:00-05:00', 'purchased', 'prime')))).toEqual([]);
    const s = tierStatus(program, m.state, '2024-03-03T10:00:00-05:00');
    expect(s.level).toBe('platinum');
    expect(s.qualifiedLevel).toBe('platinum');
    expect([...s.perks].sort()).toEqual(['free_shipping', 'lounge']);
  });

  it('a monthly plan runs one calendar month on the New York clock (across DST, and clamping month ends)', () => {
    const m = member();
    // 15 Feb 10:00 EST = 15:00Z → 15 Mar 10:00 EDT = 14:00Z (one hour less elapsed time: DST began 10 Mar)
    expect(tierFx(m.step(membership('2024-02-15T10:00:00-05:00', 'purchased', 'monthly')))).toEqual([up('2024-02-15T15:00:00.000Z', null, 'silver', 'granted')]);
    expect(m.state.tier?.grants[0]?.until).toBe('2024-03-15T14:00:00.000Z');
    // it ends then, and the member (who never qualified) falls back to no level
    expect(tierFx(m.step(tick('2024-03-16T10:00:00-04:00')))).toEqual([down('2024-03-15T14:00:00.000Z', 'silver', null, 'grant_ended')]);

    // 31 Jan 10:00 EST + 1 month clamps to 29 Feb 2024 (leap year) 10:00 EST = 15:00Z
    const j = member();
    j.step(membership('2024-01-31T10:00:00-05:00', 'purchased', 'monthly'));
    expect(j.state.tier?.grants[0]?.until).toBe('2024-02-29T15:00:00.000Z');
  });
});

describe('membership renewed', () => {
  it('extends a running membership from the end of its period', () => {
    const m = member();
    m.step(membership('2024-03-20T10:00:00-04:00', 'purchased', 'prime')); // until 20 Mar 2025 14:00Z
    // renewed early, on 1 Feb 2025: from 20 Mar 2025 + 1 year = 20 Mar 2026 10:00 EDT (DST from 8 Mar 2026) = 14:00Z
    expect(tierFx(m.step(membership('2025-02-01T10:00:00-05:00', 'renewed', 'prime')))).toEqual([]);
    expect(m.state.tier?.grants).toEqual([
      { source: 'membership', id: 'prime', level: 'gold', perks: ['free_shipping'], from: '2024-03-20T14:00:00.000Z', until: '2026-03-20T14:00:00.000Z' },
    ]);
    // so the old end passes without a change
    expect(tierFx(m.step(tick('2025-03-21T10:00:00-04:00')))).toEqual([]);
    expect(tierStatus(program, m.state, '2025-03-21T10:00:00-04:00').level).toBe('gold');
  });

  it('starts a new membership when none is running', () => {
    const m = member();
    m.step(membership('2024-03-20T10:00:00-04:00', 'purchased', 'prime')); // until 20 Mar 2025 14:00Z
    // renewed after it lapsed, on 1 Apr 2025 10:00 EDT = 14:00Z: the lapse is applied first (dated 20 Mar),
    // then a new year from now: until 1 Apr 2026 10:00 EDT = 14:00Z
    expect(tierFx(m.step(membership('2025-04-01T10:00:00-04:00', 'renewed', 'prime')))).toEqual([
      down('2025-03-20T14:00:00.000Z', 'gold', null, 'grant_ended'),
      up('2025-04-01T14:00:00.000Z', null, 'gold', 'granted'),
    ]);
    expect(m.state.tier?.grants).toEqual([
      { source: 'membership', id: 'prime', level: 'gold', perks: ['free_shipping'], from: '2025-04-01T14:00:00.000Z', until: '2026-04-01T14:00:00.000Z' },
    ]);
  });
});

describe('membership cancelled and refunded', () => {
  it('cancelled runs to the end of the period, then falls back to the qualified level (grant_ended, dated at the period end)', () => {
    const m = member();
    // 20 Mar 2024 10:00 EDT: prime → gold granted; ends 20 Mar 2025 14:00Z
    m.step(membership('2024-03-20T10:00:00-04:00', 'purchased', 'prime'));
    // 1 Sep 2024: $150 → silver by qualifying, underneath (gold stays in force, nothing announced)
    expect(tierFx(m.step(buy('2024-09-01T12:00:00-04:00', '150')))).toEqual([]);
    // 1 Oct 2024: cancelled: nothing changes now
    expect(tierFx(m.step(membership('2024-10-01T10:00:00-04:00', 'cancelled', 'prime')))).toEqual([]);
    const s = tierStatus(program, m.state, '2024-10-01T10:00:00-04:00');
    expect(s.level).toBe('gold');
    expect(s.perks).toEqual(['free_shipping']);
    expect(s.downgrade).toEqual({ on: '2025-03-20T14:00:00.000Z', to: 'silver' });
    // 20 Mar 2025 09:59 EDT: still running
    expect(tierFx(m.step(tick('2025-03-20T09:59:00-04:00')))).toEqual([]);
    // after 10:00 EDT (14:00Z) it has ended: back to silver (the $150 stays in the window until 1 Sep 2025)
    expect(tierFx(m.step(tick('2025-03-20T12:00:00-04:00')))).toEqual([down('2025-03-20T14:00:00.000Z', 'gold', 'silver', 'grant_ended')]);
    const after = tierStatus(program, m.state, '2025-03-20T12:00:00-04:00');
    expect(after.level).toBe('silver');
    expect(after.perks).toEqual([]);
    expect(after.grants).toEqual([]);
  });

  it('refunded ends at once', () => {
    const m = member();
    m.step(buy('2024-03-01T10:00:00-05:00', '150')); // silver
    m.step(membership('2024-03-20T10:00:00-04:00', 'purchased', 'prime')); // gold
    // 1 Apr 10:00 EDT = 14:00Z
    expect(tierFx(m.step(membership('2024-04-01T10:00:00-04:00', 'refunded', 'prime')))).toEqual([down('2024-04-01T14:00:00.000Z', 'gold', 'silver', 'grant_ended')]);
    const s = tierStatus(program, m.state, '2024-04-01T10:00:00-04:00');
    expect(s.level).toBe('silver');
    expect(s.perks).toEqual([]);
    expect(s.grants).toEqual([]);
    // and can be bought again
    expect(tierFx(m.step(membership('2024-04-02T10:00:00-04:00', 'purchased', 'prime')))).toEqual([up('2024-04-02T14:00:00.000Z', 'silver', 'gold', 'granted')]);
  });

  it('a lifetime plan never ends; cancelling it ends it at once', () => {
    const m = member();
    // perks only: no level, so nothing is announced
    expect(tierFx(m.step(membership('2024-01-05T10:00:00-05:00', 'purchased', 'co-op')))).toEqual([]);
    const grant = { source: 'membership', id: 'co-op', level: null, perks: ['member_pricing'], from: '2024-01-05T15:00:00.000Z', until: null };
    const later = tierStatus(program, m.state, '2074-01-05T10:00:00-05:00');
    expect(later.perks).toEqual(['member_pricing']);
    expect(later.grants).toEqual([grant]);
    expect(later.level).toBeNull();
    expect(later.downgrade).toBeNull();
    // decades of ticks do not end it
    m.step(tick('2060-06-01T12:00:00-04:00'));
    expect(m.state.tier?.grants).toEqual([grant]);
    // renewing a lifetime plan keeps it lifetime
    m.step(membership('2060-06-02T12:00:00-04:00', 'renewed', 'co-op'));
    expect(m.state.tier?.grants).toEqual([grant]);
    // cancelled: ends at once
    m.step(membership('2060-06-03T12:00:00-04:00', 'cancelled', 'co-op'));
    const s = tierStatus(program, m.state, '2060-06-03T12:00:00-04:00');
    expect(s.perks).toEqual([]);
    expect(s.grants).toEqual([]);
  });
});

describe('membership refusals leave the state unchanged', () => {
  it('unknown_plan', () => {
    const m = member();
    m.step(buy('2024-03-01T10:00:00-05:00', '150'));
    expectRefused(m.state, membership('2024-03-02T10:00:00-05:00', 'purchased', 'gold-club'), 'unknown_plan');
    expectRefused(m.state, membership('2024-03-02T10:00:00-05:00', 'cancelled', 'gold-club'), 'unknown_plan');
  });

  it('membership_active: purchasing a plan that is running', () => {
    const m = member();
    m.step(membership('2024-03-20T10:00:00-04:00', 'purchased', 'prime'));
    expectRefused(m.state, membership('2024-06-01T10:00:00-04:00', 'purchased', 'prime'), 'membership_active');
    expectRefused(m.state, membership('2024-06-01T10:00:00-04:00', 'purchased', 'prime'), 'membership_active');
    m.step(membership('2024-03-21T10:00:00-04:00', 'purchased', 'co-op'));
    expectRefused(m.state, membership('2050-01-01T10:00:00-05:00', 'purchased', 'co-op'), 'membership_active');
  });

  it('no_membership: cancelling or refunding without one, or after it ended', () => {
    const m = member();
    m.step(buy('2024-03-01T10:00:00-05:00', '150'));
    expectRefused(m.state, membership('2024-03-02T10:00:00-05:00', 'cancelled', 'prime'), 'no_membership');
    expectRefused(m.state, membership('2024-03-02T10:00:00-05:00', 'refunded', 'prime'), 'no_membership');
    // monthly from 2 Mar 10:00 EST runs to 2 Apr 10:00 EDT; on 3 Apr there is nothing to cancel
    m.step(membership('2024-03-02T10:00:00-05:00', 'purchased', 'monthly'));
    expectRefused(m.state, membership('2024-04-03T10:00:00-04:00', 'cancelled', 'monthly'), 'no_membership');
    // a refunded membership is over too
    m.step(membership('2024-04-04T10:00:00-04:00', 'purchased', 'prime'));
    m.step(membership('2024-04-05T10:00:00-04:00', 'refunded', 'prime'));
    expectRefused(m.state, membership('2024-04-06T10:00:00-04:00', 'refunded', 'prime'), 'no_membership');
  });
});

describe('tier_grant', () => {
  it('grants a level until a moment, then falls back (grant_ended)', () => {
    const m = member();
    // 1 May 10:00 EDT = 14:00Z; until 1 Jun 00:00 EDT = 04:00Z
    expect(tierFx(m.step(grant('2024-05-01T10:00:00-04:00', 'gold', '2024-06-01T00:00:00-04:00', 'g1')))).toEqual([up('2024-05-01T14:00:00.000Z', null, 'gold', 'granted')]);
    expect(m.state.tier?.grants).toEqual([{ source: 'grant', id: 'g1', level: 'gold', perks: [], from: '2024-05-01T14:00:00.000Z', until: '2024-06-01T04:00:00.000Z' }]);
    const s = tierStatus(program, m.state, '2024-05-15T10:00:00-04:00');
    expect(s.level).toBe('gold');
    expect(s.qualifiedLevel).toBeNull();
    expect(s.downgrade).toEqual({ on: '2024-06-01T04:00:00.000Z', to: null });
    expect(s.guaranteedUntil).toBe('2024-06-01T04:00:00.000Z');
    expect(tierFx(m.step(tick('2024-06-02T10:00:00-04:00')))).toEqual([down('2024-06-01T04:00:00.000Z', 'gold', null, 'grant_ended')]);
  });

  it('refuses an unknown level (unknown_level) and an until not after the event (invalid_grant)', () => {
    const m = member();
    m.step(buy('2024-03-01T10:00:00-05:00', '150'));
    expectRefused(m.state, grant('2024-05-01T10:00:00-04:00', 'diamond', '2024-06-01T00:00:00-04:00'), 'unknown_level');
    // until equal to at (the same instant written in another offset) and before at
    expectRefused(m.state, grant('2024-05-01T10:00:00-04:00', 'gold', '2024-05-01T14:00:00Z'), 'invalid_grant');
    expectRefused(m.state, grant('2024-05-01T10:00:00-04:00', 'gold', '2024-04-30T10:00:00-04:00'), 'invalid_grant');
  });

  it('while granted above, the qualified level still moves underneath, and the member falls back to it', () => {
    const m = member();
    // 10 Jan 2024 12:00 EST: $150 → silver
    m.step(buy('2024-01-10T12:00:00-05:00', '150'));
    // 1 Feb 2024 12:00 EST = 17:00Z: platinum granted until 30 Jun 2025 12:00 EDT = 16:00Z
    expect(tierFx(m.step(grant('2024-02-01T12:00:00-05:00', 'platinum', '2025-06-30T12:00:00-04:00')))).toEqual([
      up('2024-02-01T17:00:00.000Z', 'silver', 'platinum', 'granted'),
    ]);
    // 15 Mar 2024: $400 → $550 ≥ $500: gold by qualifying, announced nothing (platinum stays in force)
    expect(tierFx(m.step(buy('2024-03-15T12:00:00-04:00', '400')))).toEqual([]);
    let s = tierStatus(program, m.state, '2024-04-01T12:00:00-04:00');
    expect([s.level, s.qualifiedLevel]).toEqual(['platinum', 'gold']);
    // 10 Jan 2025: the January $150 leaves the 12-month window: $400 < $500, grace from 10 Jan 00:00 EST (05:00Z)
    // to 9 Feb 2025 (10 Jan + 21 = 31 Jan, + 9 = 9 Feb) 00:00 EST = 05:00Z, then silver ($400 ≥ $100)
    s = tierStatus(program, m.state, '2025-02-08T12:00:00-05:00');
    expect([s.level, s.qualifiedLevel]).toEqual(['platinum', 'gold']);
    s = tierStatus(program, m.state, '2025-02-15T12:00:00-05:00');
    expect([s.level, s.qualifiedLevel]).toEqual(['platinum', 'silver']);
    // 15 Mar 2025: the $400 leaves too: $0; grace from 15 Mar 00:00 EDT (04:00Z) to 14 Apr (15 Mar + 16 = 31 Mar,
    // + 14 = 14 Apr) 00:00 EDT = 04:00Z, then none
    s = tierStatus(program, m.state, '2025-05-01T12:00:00-04:00');
    expect([s.level, s.qualifiedLevel]).toEqual(['platinum', null]);
    expect(s.downgrade).toEqual({ on: '2025-06-30T16:00:00.000Z', to: null });
    // the moves underneath announced nothing; the grant's end announces the fall to what is held then: none
    expect(tierFx(m.step(tick('2025-07-01T12:00:00-04:00')))).toEqual([down('2025-06-30T16:00:00.000Z', 'platinum', null, 'grant_ended')]);
  });
});

describe('member.tier and member.perks in earn conditions', () => {
  it('a bonus for free_shipping (perks contains) and one for gold (tier equal), as the member was before the event', () => {
    const m = member();
    // no perks, no level yet: base only
    expect(earned(m.step(buy('2024-03-01T10:00:00-05:00', '100')))).toEqual([['base', 100]]); // → silver
    m.step(membership('2024-03-05T10:00:00-05:00', 'purchased', 'prime')); // gold + free_shipping
    // 100 × 1 = 100, + 10 (free_shipping perk), + 5 (tier gold)
    expect(earned(m.step(buy('2024-03-10T12:00:00-04:00', '100')))).toEqual([
      ['base', 100],
      ['shipping-perk', 10],
      ['gold-bonus', 5],
    ]);
    // refunded membership: perks and level gone; $200 keeps silver
    m.step(membership('2024-03-11T10:00:00-04:00', 'refunded', 'prime'));
    // $200 + $350 = $550 ≥ $500 lifts to gold, but the condition sees the member before the purchase (silver)
    const lift = m.step(buy('2024-03-12T10:00:00-04:00', '350'));
    expect(earned(lift)).toEqual([['base', 350]]);
    expect(tierFx(lift)).toEqual([up('2024-03-12T14:00:00.000Z', 'silver', 'gold', 'qualified')]);
    // now gold by qualifying, no perks
    expect(earned(m.step(buy('2024-03-13T10:00:00-04:00', '20')))).toEqual([
      ['base', 20],
      ['gold-bonus', 5],
    ]);
  });

  it('a perks-only lifetime plan feeds member.perks too', () => {
    const withCoop = defineProgram({
      ...input,
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
        { id: 'coop-bonus', kind: 'bonus', points: 7, condition: { all: [{ fact: 'member', path: '$.perks', operator: 'contains', value: 'member_pricing' }] } },
      ],
    });
    let state = newMemberState(withCoop, 'm1');
    state = evaluate(withCoop, state, membership('2024-01-05T10:00:00-05:00', 'purchased', 'co-op')).state;
    const { effects } = evaluate(withCoop, state, buy('2024-01-06T10:00:00-05:00', '30'));
    expect(earned(effects)).toEqual([
      ['base', 30],
      ['coop-bonus', 7],
    ]);
  });
});
