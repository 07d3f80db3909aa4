// Tier benefits (docs/tiers.md, "Benefits"; "Paid memberships and grants"):
// level multipliers, entry rewards, perks. Every program here runs on
// Europe/London; all dates are in January–March 2024 or January 2025, when
// London is on GMT (UTC+0), so local times equal the UTC instants written.
// Expected numbers are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  ledgerEntries,
  tierStatus,
  type Effect,
  type LedgerEntry,
  type ProgramInput,
} from '../../src/index.js';
import { adjustment, makeProgram, purchase, refund, run, tick } from '../helpers.js';
import { member } from './support.js';

type TiersInput = NonNullable<ProgramInput['tiers']>;

const lifetime = { kind: 'lifetime' } as const;
const graceZero = { kind: 'grace', days: 0 } as const;


const earnOf = (effects: readonly Effect[]): LedgerEntry[] => ledgerEntries(effects).filter((e) => e.kind === 'earn');
/** [ruleId, points] of every ledger entry, in order. */
const ledger = (effects: readonly Effect[]): [string, number][] => ledgerEntries(effects).map((e) => [e.ruleId, e.points]);
const entryFor = (effects: readonly Effect[], ruleId: string): LedgerEntry | undefined => earnOf(effects).find((e) => e.ruleId === ruleId);
const rewardsIssued = (effects: readonly Effect[]): [string, string][] =>
  effects.flatMap((e) => (e.type === 'reward_issued' ? [[e.level, e.rewardId] as [string, string]] : []));
const tierChanges = (effects: readonly Effect[]): [string, string | null, string | null][] =>
  effects.flatMap((e) => (e.type === 'tier_upgraded' || e.type === 'tier_downgraded' ? [[e.type, e.from, e.to] as [string, string | null, string | null]] : []));

// ---------------------------------------------------------------------------
// Level multipliers
// ---------------------------------------------------------------------------

/** silver (no multiplier) at 100, gold ×2 at 500, platinum ×3 at 1000; lifetime window; a refund drops at once. */
const ladder: TiersInput = {
  window: lifetime,
  levels: [
    { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
    { id: 'gold', criteria: { metric: 'spend', atLeast: '500' }, multiplier: '2' },
    { id: 'platinum', criteria: { metric: 'spend', atLeast: '1000' }, multiplier: '3' },
  ],
  downgrade: graceZero,
};

describe('level multiplier', () => {
  it('applies to spend rules only while the level is in force; the purchase that lifts the member earns at the level held before it', () => {
    const program = makeProgram({ tiers: ladder });
    const m = member(program);

    // P1 £500, no level yet: 500 × 1 = 500; it lifts the member to gold (×1, not ×2)
    const p1 = m.step(purchase('2024-01-10T12:00:00Z', '500', { orderId: 'A' }));
    expect(ledger(p1)).toEqual([['base', 500]]);
    expect(entryFor(p1, 'base')?.detail).toMatchObject({ multiplier: '1', multipliers: [] });
    expect(tierChanges(p1)).toEqual([['tier_upgraded', null, 'gold']]);

    // P2 £100 at gold: 100 × 2 = 200 (spend 600)
    const p2 = m.step(purchase('2024-01-11T12:00:00Z', '100', { orderId: 'B' }));
    expect(ledger(p2)).toEqual([['base', 200]]);
    expect(entryFor(p2, 'base')?.detail).toMatchObject({ base: '100', multiplier: '2', multipliers: ['tiers.gold'] });

    // P3 £400: spend 600 + 400 = 1000 → platinum, but it earns at gold: 400 × 2 = 800 (not × 3 = 1200)
    const p3 = m.step(purchase('2024-01-12T12:00:00Z', '400', { orderId: 'C' }));
    expect(ledger(p3)).toEqual([['base', 800]]);
    expect(entryFor(p3, 'base')?.detail).toMatchObject({ multipliers: ['tiers.gold'] });
    expect(tierChanges(p3)).toEqual([['tier_upgraded', 'gold', 'platinum']]);

    // P4 £10 at platinum: 10 × 3 = 30
    const p4 = m.step(purchase('2024-01-13T12:00:00Z', '10', { orderId: 'D' }));
    expect(ledger(p4)).toEqual([['base', 30]]);
    expect(entryFor(p4, 'base')?.detail).toMatchObject({ multiplier: '3', multipliers: ['tiers.platinum'] });

    // refund C in full: spend 1010 − 400 = 610 → gold at once (0-day grace)
    expect(tierChanges(m.step(refund('2024-01-14T12:00:00Z', 'C', '400')))).toEqual([['tier_downgraded', 'platinum', 'gold']]);
    // P5 £10 at gold again: 10 × 2 = 20
    expect(ledger(m.step(purchase('2024-01-15T12:00:00Z', '10', { orderId: 'E' })))).toEqual([['base', 20]]);

    // refund A in full: spend 620 − 500 = 120 → silver, which has no multiplier
    expect(tierChanges(m.step(refund('2024-01-16T12:00:00Z', 'A', '500')))).toEqual([['tier_downgraded', 'gold', 'silver']]);
    // P6 £10 at silver: 10 × 1 = 10, no multiplier listed
    const p6 = m.step(purchase('2024-01-17T12:00:00Z', '10', { orderId: 'F' }));
    expect(ledger(p6)).toEqual([['base', 10]]);
    expect(entryFor(p6, 'base')?.detail).toMatchObject({ multiplier: '1', multipliers: [] });
  });

  it('applies while a granted level is in force (the level in force is the higher of qualified and granted)', () => {
    const program = makeProgram({ tiers: ladder });
    const m = member(program);
    m.step({ id: 'g1', type: 'tier_grant', memberId: 'm1', at: '2024-01-10T12:00:00Z', level: 'gold', until: '2024-02-10T12:00:00Z', reason: 'vip' });
    // £50 under the gold grant: 50 × 2 = 100
    const p = m.step(purchase('2024-01-11T12:00:00Z', '50'));
    expect(ledger(p)).toEqual([['base', 100]]);
    expect(entryFor(p, 'base')?.detail).toMatchObject({ multipliers: ['tiers.gold'] });
    // after the grant ends (spend 50 < 100: no level): £50 × 1 = 50
    expect(ledger(m.step(purchase('2024-02-11T12:00:00Z', '50')))).toEqual([['base', 50]]);
  });

  it('stops when time alone takes the level away before the purchase (a day leaving a rolling window)', () => {
    const program = makeProgram({ tiers: { ...ladder, window: { kind: 'rolling', days: 30 } } });
    const m = member(program);
    // 1 Jan: £500 → gold
    m.step(purchase('2024-01-01T12:00:00Z', '500'));
    // 10 Jan, still gold: £10 × 2 = 20
    expect(ledger(m.step(purchase('2024-01-10T12:00:00Z', '10')))).toEqual([['base', 20]]);
    // 1 Jan leaves the 30-day window on 31 Jan (00:00): 10 < 100 → no level at once (0-day grace);
    // a purchase on 5 Feb applies that drop first and earns £50 × 1 = 50
    const fx = m.step(purchase('2024-02-05T12:00:00Z', '50'));
    expect(tierChanges(fx)[0]).toEqual(['tier_downgraded', 'gold', null]);
    expect(ledger(fx)).toEqual([['base', 50]]);
  });

  describe('combined with a multiplier rule as points.multipliers declares (gold ×2, promo ×1.5)', () => {
    const cases = [
      // multiply: 2 × 1.5 = 3 → 100 × 3 = 300
      { mode: 'multiply', factor: '3', points: 300 },
      // add: 1 + (2 − 1) + (1.5 − 1) = 1 + 1 + 0.5 = 2.5 → 100 × 2.5 = 250
      { mode: 'add', factor: '2.5', points: 250 },
      // highest: max(2, 1.5) = 2 → 100 × 2 = 200
      { mode: 'highest', factor: '2', points: 200 },
    ] as const;
    for (const { mode, factor, points } of cases) {
      it(`${mode}: £100 at gold earns ${points} (factor ${factor})`, () => {
        const program = makeProgram({
          points: { multipliers: mode },
          earn: [
            { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
            { id: 'promo', kind: 'multiplier', factor: '1.5' },
          ],
          tiers: ladder,
        });
        const m = member(program);
        // P1 £500 with no level: only promo applies, 500 × 1.5 = 750 under every mode (one factor); lifts to gold
        expect(ledger(m.step(purchase('2024-01-10T12:00:00Z', '500')))).toEqual([['base', 750]]);
        const p2 = m.step(purchase('2024-01-11T12:00:00Z', '100'));
        expect(ledger(p2)).toEqual([['base', points]]);
        const detail = entryFor(p2, 'base')?.detail;
        expect(detail?.multiplier).toBe(factor);
        expect([...((detail?.multipliers as readonly string[] | undefined) ?? [])].sort()).toEqual(['promo', 'tiers.gold']);
      });
    }
  });

  it('tiers.multiplierAppliesTo restricts it to the named spend rules; a bonus rule is never multiplied', () => {
    const program = makeProgram({
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
        { id: 'extra', kind: 'spend', rate: { points: 1, per: '2.00' } },
        { id: 'thanks', kind: 'bonus', points: 10 },
      ],
      tiers: { ...ladder, multiplierAppliesTo: ['base'] },
    });
    const m = member(program);
    // P1 £500, no level: base 500, extra 500 / 2 = 250, thanks 10; lifts to gold
    expect(ledger(m.step(purchase('2024-01-10T12:00:00Z', '500')))).toEqual([
      ['base', 500],
      ['extra', 250],
      ['thanks', 10],
    ]);
    // P2 £100 at gold: base 100 × 2 = 200; extra 100 / 2 = 50 (not named: × 1); thanks 10 (bonus: never multiplied)
    const p2 = m.step(purchase('2024-01-11T12:00:00Z', '100'));
    expect(ledger(p2)).toEqual([
      ['base', 200],
      ['extra', 50],
      ['thanks', 10],
    ]);
    expect(entryFor(p2, 'base')?.detail).toMatchObject({ multiplier: '2', multipliers: ['tiers.gold'] });
    expect(entryFor(p2, 'extra')?.detail).toMatchObject({ multiplier: '1', multipliers: [] });
  });

  it('without multiplierAppliesTo it applies to every spend rule, still never to a bonus rule', () => {
    const program = makeProgram({
      earn: [
        { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
        { id: 'extra', kind: 'spend', rate: { points: 1, per: '2.00' } },
        { id: 'thanks', kind: 'bonus', points: 10 },
      ],
      tiers: ladder,
    });
    const m = member(program);
    m.step(purchase('2024-01-10T12:00:00Z', '500'));
    // at gold: base 100 × 2 = 200; extra 100 / 2 × 2 = 100; thanks 10
    expect(ledger(m.step(purchase('2024-01-11T12:00:00Z', '100')))).toEqual([
      ['base', 200],
      ['extra', 100],
      ['thanks', 10],
    ]);
  });
});

// ---------------------------------------------------------------------------
// Entry rewards
// ---------------------------------------------------------------------------

/** silver 50 points at 100; gold 200 points + a gift card at 500; platinum 1000 points at 1000. */
const rewarding = (extra: Partial<TiersInput> = {}): TiersInput => ({
  window: lifetime,
  levels: [
    { id: 'silver', criteria: { metric: 'spend', atLeast: '100' }, entryReward: { points: 50 } },
    { id: 'gold', criteria: { metric: 'spend', atLeast: '500' }, entryReward: { points: 200, reward: 'gift-card-30' } },
    { id: 'platinum', criteria: { metric: 'spend', atLeast: '1000' }, entryReward: { points: 1000 } },
  ],
  downgrade: graceZero,
  ...extra,
});

describe('entry reward points', () => {
  it('are an earn entry with ruleId tiers.<level>, available at once, expiring per the expiry policy, in balance and totals.earned', () => {
    // points pend 14 days and expire 365 days after earning
    const program = makeProgram({ points: { pendingDays: 14, expiry: { kind: 'days-after-earning', days: 365 } }, tiers: rewarding() });
    const m = member(program);
    const fx = m.step(purchase('2024-01-10T12:00:00Z', '120', { id: 'P1' }));
    expect(ledger(fx)).toEqual([
      ['base', 120],
      ['tiers.silver', 50],
    ]);
    const base = entryFor(fx, 'base');
    const reward = entryFor(fx, 'tiers.silver');
    // the purchase's points pend until 10 Jan + 14 days = 24 Jan; the entry reward is available at once
    expect(base?.availableAt).toBe('2024-01-24T12:00:00.000Z');
    expect(reward).toMatchObject({
      kind: 'earn',
      points: 50,
      ruleId: 'tiers.silver',
      at: '2024-01-10T12:00:00.000Z',
      availableAt: '2024-01-10T12:00:00.000Z',
      // 10 Jan 2024 + 365 days = 9 Jan 2025 (2024 has 366 days), 12:00 GMT
      expiresAt: '2025-01-09T12:00:00.000Z',
    });
    expect(reward?.orderId).toBeUndefined();
    // balance 120 + 50 = 170; earned 170
    expect(balanceOf(m.state)).toBe(170);
    expect(m.state.totals.earned).toBe(170);

    // the 50 are their own lot, spendable from 10 Jan (the purchase's lot pends until 24 Jan)
    const lot = m.state.lots.find((l) => l.points === 50);
    expect(lot).toMatchObject({ availableAt: '2024-01-10T12:00:00.000Z', expiresAt: '2025-01-09T12:00:00.000Z' });

    // a tick at the expiry moment expires both lots: −120 and −50 → balance 0
    const later = m.step(tick('2025-01-09T12:00:00Z'));
    expect(ledger(later).sort()).toEqual([
      ['points.expiry', -120],
      ['points.expiry', -50],
    ]);
    expect(balanceOf(m.state)).toBe(0);
  });

  it('for a level reached by time alone (tenureDays) are dated, available and expiring from the moment it is reached', () => {
    const program = makeProgram({
      points: { expiry: { kind: 'days-after-earning', days: 365 } },
      tiers: {
        window: lifetime,
        levels: [
          { id: 'member' },
          { id: 'loyal', criteria: { metric: 'tenureDays', atLeast: '30' }, entryReward: { points: 100 } },
        ],
        downgrade: graceZero,
      },
    });
    // enrolled 1 Jan (first event); tenure 30 on 1 Jan + 30 days = 31 Jan, from 00:00 GMT
    const r = run(program, [purchase('2024-01-01T12:00:00Z', '10'), tick('2024-03-01T12:00:00Z')]);
    const entry = r.entries.find((e) => e.ruleId === 'tiers.loyal');
    expect(entry).toMatchObject({
      kind: 'earn',
      points: 100,
      at: '2024-01-31T00:00:00.000Z',
      availableAt: '2024-01-31T00:00:00.000Z',
      // 31 Jan 2024 + 365 days = 30 Jan 2025
      expiresAt: '2025-01-30T00:00:00.000Z',
    });
    // balance 10 + 100 = 110
    expect(balanceOf(r.state)).toBe(110);
  });

  it('are not qualifying points: tierStatus metrics count only the points earned by earn rules', () => {
    const program = makeProgram({ tiers: rewarding() });
    const { state } = run(program, [purchase('2024-01-10T12:00:00Z', '120')]);
    const s = tierStatus(program, state, '2024-01-10T13:00:00Z');
    // qualifying points: base 120 (not 120 + 50 = 170); balance 170
    expect(s.metrics).toEqual([expect.objectContaining({ spend: '120', orders: 1, visits: 1, points: 120 })]);
    expect(balanceOf(state)).toBe(170);
  });

  it('do not lift a member whose criteria count points', () => {
    // bronze at 100 qualifying points pays 500 points; gold needs 500 qualifying points
    const program = makeProgram({
      tiers: {
        window: lifetime,
        levels: [
          { id: 'bronze', criteria: { metric: 'points', atLeast: '100' }, entryReward: { points: 500 } },
          { id: 'gold', criteria: { metric: 'points', atLeast: '500' } },
        ],
        downgrade: graceZero,
      },
    });
    // £100 → 100 qualifying points → bronze; the 500 entry points make the balance 600 but qualifying stays 100
    const r = run(program, [purchase('2024-01-10T12:00:00Z', '100'), tick('2024-01-11T12:00:00Z')]);
    expect(tierChanges(r.effects)).toEqual([['tier_upgraded', null, 'bronze']]);
    expect(balanceOf(r.state)).toBe(600);
    const s = tierStatus(program, r.state, '2024-01-11T12:00:00Z');
    expect(s.level).toBe('bronze');
    expect(s.metrics[0]?.points).toBe(100);
    // gold: 500 − 100 = 400 qualifying points missing
    expect(s.next?.criteria).toMatchObject({ metric: 'points', current: '100', missing: '400', met: false });
  });

  it('are issued once, even after dropping and reaching the level again', () => {
    const program = makeProgram({ tiers: rewarding() });
    const m = member(program);
    // £120 → silver: 50
    expect(ledger(m.step(purchase('2024-01-10T12:00:00Z', '120', { orderId: 'A' })))).toEqual([
      ['base', 120],
      ['tiers.silver', 50],
    ]);
    // full refund: spend 0 → no level at once (0-day grace)
    expect(tierChanges(m.step(refund('2024-01-11T12:00:00Z', 'A', '120')))).toEqual([['tier_downgraded', 'silver', null]]);
    // £150 → silver again: only the purchase's 150, no second entry reward
    const again = m.step(purchase('2024-01-12T12:00:00Z', '150', { orderId: 'B' }));
    expect(tierChanges(again)).toEqual([['tier_upgraded', null, 'silver']]);
    expect(ledger(again)).toEqual([['base', 150]]);
  });

  it('jumping levels pays each skipped level’s reward too (each-level, the default)', () => {
    const program = makeProgram({ tiers: rewarding() });
    const fx = run(program, [purchase('2024-01-10T12:00:00Z', '1200')]).effects;
    expect(tierChanges(fx)).toEqual([['tier_upgraded', null, 'platinum']]);
    // base 1200, then silver 50, gold 200, platinum 1000: 1200 + 50 + 200 + 1000 = 2450
    expect(ledger(fx)).toEqual([
      ['base', 1200],
      ['tiers.silver', 50],
      ['tiers.gold', 200],
      ['tiers.platinum', 1000],
    ]);
    expect(rewardsIssued(fx)).toEqual([['gold', 'gift-card-30']]);
  });

  it("with entryRewards 'reached-level-only' only the level arrived at pays; the skipped ones count as reached and never pay later", () => {
    const program = makeProgram({ tiers: rewarding({ entryRewards: 'reached-level-only' }) });
    const m = member(program);
    // £1200 → platinum: base 1200 + platinum 1000 only
    const jump = m.step(purchase('2024-01-10T12:00:00Z', '1200', { orderId: 'A' }));
    expect(ledger(jump)).toEqual([
      ['base', 1200],
      ['tiers.platinum', 1000],
    ]);
    expect(rewardsIssued(jump)).toEqual([]);
    // refund 1100: spend 100 → silver at once
    expect(tierChanges(m.step(refund('2024-01-11T12:00:00Z', 'A', '1100')))).toEqual([['tier_downgraded', 'platinum', 'silver']]);
    // £500: spend 600 → gold, reached (skipped) before: no gold points, no gift card
    const gold = m.step(purchase('2024-01-12T12:00:00Z', '500', { orderId: 'B' }));
    expect(tierChanges(gold)).toEqual([['tier_upgraded', 'silver', 'gold']]);
    expect(ledger(gold)).toEqual([['base', 500]]);
    expect(rewardsIssued(gold)).toEqual([]);
  });

  it("with 'reached-level-only' a level reached one step at a time still pays", () => {
    const program = makeProgram({ tiers: rewarding({ entryRewards: 'reached-level-only' }) });
    const fx = run(program, [purchase('2024-01-10T12:00:00Z', '120'), purchase('2024-01-11T12:00:00Z', '400')]).effects;
    // 120 → silver (50); 120 + 400 = 520 → gold (200 + gift card)
    expect(ledger(fx)).toEqual([
      ['base', 120],
      ['tiers.silver', 50],
      ['base', 400],
      ['tiers.gold', 200],
    ]);
    expect(rewardsIssued(fx)).toEqual([['gold', 'gift-card-30']]);
  });

  it('a base level (the first, without criteria) pays its entry reward as a welcome gift on the first event', () => {
    const program = makeProgram({
      tiers: {
        window: lifetime,
        levels: [
          { id: 'member', entryReward: { points: 100, reward: 'welcome-kit' } },
          { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
        ],
        downgrade: graceZero,
      },
    });
    // first event a purchase of £20: base 20, welcome 100
    const m = member(program);
    const first = m.step(purchase('2024-01-10T12:00:00Z', '20'));
    expect(tierChanges(first)).toEqual([['tier_upgraded', null, 'member']]);
    expect(ledger(first)).toEqual([
      ['base', 20],
      ['tiers.member', 100],
    ]);
    expect(rewardsIssued(first)).toEqual([['member', 'welcome-kit']]);
    // not again on the next event
    expect(ledger(m.step(purchase('2024-01-11T12:00:00Z', '20')))).toEqual([['base', 20]]);
    expect(balanceOf(m.state)).toBe(140);

    // first event a tick: the welcome gift all the same
    const t = member(program, 'm2');
    const fx = t.step(tick('2024-01-10T12:00:00Z', 'm2'));
    expect(ledger(fx)).toEqual([['tiers.member', 100]]);
    expect(rewardsIssued(fx)).toEqual([['member', 'welcome-kit']]);
  });

  it('a level reached by a membership plan pays its entry reward (and the skipped level’s), once', () => {
    const program = makeProgram({
      tiers: rewarding(),
      memberships: [{ id: 'prime', level: 'gold', period: { months: 1 } }],
    });
    const m = member(program);
    // prime grants gold to a member with no level: silver 50 and gold 200 (+ gift card)
    const fx = m.step({ id: 'ms1', type: 'membership', memberId: 'm1', at: '2024-01-10T12:00:00Z', action: 'purchased', plan: 'prime', fee: '9.99', currency: 'GBP' });
    expect(tierChanges(fx)).toEqual([['tier_upgraded', null, 'gold']]);
    expect(ledger(fx)).toEqual([
      ['tiers.silver', 50],
      ['tiers.gold', 200],
    ]);
    expect(rewardsIssued(fx)).toEqual([['gold', 'gift-card-30']]);
    expect(balanceOf(m.state)).toBe(250);
    // the plan ends on 10 Feb; qualifying for gold later (£600) pays nothing more: 600 → silver and gold reached already
    const later = m.step(purchase('2024-02-20T12:00:00Z', '600'));
    expect(ledger(later)).toEqual([['base', 600]]);
    expect(rewardsIssued(later)).toEqual([]);
  });

  it('a level reached by a tier_grant pays its entry reward', () => {
    const program = makeProgram({ tiers: rewarding() });
    const m = member(program);
    // £120 → silver (50)
    m.step(purchase('2024-01-10T12:00:00Z', '120'));
    // grant gold: 200 + gift card
    const fx = m.step({ id: 'g1', type: 'tier_grant', memberId: 'm1', at: '2024-01-11T12:00:00Z', level: 'gold', until: '2024-01-20T12:00:00Z', reason: 'service recovery' });
    expect(tierChanges(fx)).toEqual([['tier_upgraded', 'silver', 'gold']]);
    expect(ledger(fx)).toEqual([['tiers.gold', 200]]);
    expect(rewardsIssued(fx)).toEqual([['gold', 'gift-card-30']]);
    // balance 120 + 50 + 200 = 370
    expect(balanceOf(m.state)).toBe(370);
  });

  it("with negativeBalance 'debt', entry reward points first recover the debt (a debt_recovery entry)", () => {
    const program = makeProgram({ points: { negativeBalance: 'debt' }, tiers: rewarding() });
    const m = member(program);
    // −500 with nothing to take: a debt of 500
    m.step(adjustment('2024-01-09T12:00:00Z', -500));
    expect(m.state.debt).toBe(500);
    // £120: base 120 recovers 120 (debt 380); silver 50 recovers 50 (debt 330)
    const fx = m.step(purchase('2024-01-10T12:00:00Z', '120', { id: 'P1' }));
    expect(ledger(fx)).toEqual([
      ['base', 120],
      ['points.negativeBalance', -120],
      ['tiers.silver', 50],
      ['points.negativeBalance', -50],
    ]);
    const recoveries = ledgerEntries(fx).filter((e) => e.kind === 'debt_recovery');
    expect(recoveries[1]?.detail).toMatchObject({ debtLeft: 330 });
    expect(m.state.debt).toBe(330);
    expect(balanceOf(m.state)).toBe(0);
    // earned 120 + 50 = 170; recovered 170
    expect(m.state.totals).toMatchObject({ earned: 170, debtRecovered: 170 });
  });

  it('entry reward points larger than the debt leave the rest in the balance', () => {
    const program = makeProgram({ tiers: rewarding() });
    const m = member(program);
    m.step(adjustment('2024-01-09T12:00:00Z', -30));
    // a tier_grant to silver: 50 − 30 of debt = 20 left in the balance
    const fx = m.step({ id: 'g1', type: 'tier_grant', memberId: 'm1', at: '2024-01-10T12:00:00Z', level: 'silver', until: '2024-02-10T12:00:00Z', reason: 'vip' });
    expect(ledger(fx)).toEqual([
      ['tiers.silver', 50],
      ['points.negativeBalance', -30],
    ]);
    expect(m.state.debt).toBe(0);
    expect(balanceOf(m.state)).toBe(20);
  });
});

// ---------------------------------------------------------------------------
// Perks
// ---------------------------------------------------------------------------

describe('perks', () => {
  const program = makeProgram({
    tiers: {
      window: lifetime,
      levels: [
        { id: 'silver', criteria: { metric: 'spend', atLeast: '100' }, perks: ['priority_support'] },
        { id: 'gold', criteria: { metric: 'spend', atLeast: '500' }, perks: ['free_shipping', 'lounge'] },
      ],
      downgrade: graceZero,
    },
    memberships: [
      { id: 'co-op', perks: ['member_pricing', 'free_shipping'], period: 'lifetime' },
      { id: 'prime', level: 'gold', perks: ['early_access'], period: { months: 1 } },
    ],
  });
  const sorted = (perks: readonly string[]): string[] => [...perks].sort();
  const membership = (id: string, at: string, action: string, plan: string): Record<string, unknown> => ({
    id, type: 'membership', memberId: 'm1', at, action, plan, fee: '10.00', currency: 'GBP',
  });

  it("tierStatus(...).perks is the effective level's perks ∪ the active plans' perks", () => {
    const m = member(program);
    expect(tierStatus(program, m.state, '2024-01-01T00:00:00Z').perks).toEqual([]);
    // £120 → silver
    m.step(purchase('2024-01-10T12:00:00Z', '120'));
    expect(sorted(tierStatus(program, m.state, '2024-01-10T13:00:00Z').perks)).toEqual(['priority_support']);
    // co-op (perks only): silver's ∪ co-op's, free_shipping once
    m.step(membership('ms1', '2024-01-11T12:00:00Z', 'purchased', 'co-op'));
    expect(sorted(tierStatus(program, m.state, '2024-01-11T13:00:00Z').perks)).toEqual(['free_shipping', 'member_pricing', 'priority_support']);
    // prime grants gold: gold's (not silver's: only the level in force) ∪ co-op's ∪ prime's
    m.step(membership('ms2', '2024-01-12T12:00:00Z', 'purchased', 'prime'));
    const s = tierStatus(program, m.state, '2024-01-12T13:00:00Z');
    expect(s.level).toBe('gold');
    expect(sorted(s.perks)).toEqual(['early_access', 'free_shipping', 'lounge', 'member_pricing']);
    // prime ends 12 Feb 12:00 (one month): back to silver's ∪ co-op's
    expect(sorted(tierStatus(program, m.state, '2024-02-12T12:00:00Z').perks)).toEqual(['free_shipping', 'member_pricing', 'priority_support']);
    // co-op refunded: silver's alone
    m.step(membership('ms3', '2024-02-13T12:00:00Z', 'refunded', 'co-op'));
    expect(sorted(tierStatus(program, m.state, '2024-02-13T13:00:00Z').perks)).toEqual(['priority_support']);
  });

  it('a manual tier_grant brings the granted level’s perks', () => {
    const m = member(program);
    m.step({ id: 'g1', type: 'tier_grant', memberId: 'm1', at: '2024-01-10T12:00:00Z', level: 'gold', until: '2024-01-20T12:00:00Z', reason: 'vip' });
    expect(sorted(tierStatus(program, m.state, '2024-01-11T12:00:00Z').perks)).toEqual(['free_shipping', 'lounge']);
    expect(tierStatus(program, m.state, '2024-01-21T12:00:00Z').perks).toEqual([]);
  });
});
