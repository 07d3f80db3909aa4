/**
 * `programArb`: valid programs with generated constraints, each built through
 * `defineProgram`, so every value is a program `evaluate` accepts.
 */
import fc from 'fast-check';
import { defineProgram, type Program } from '../../program/define.js';
import { defined, optional, type Feature } from '../support/feature.js';
import { moneyScale } from '../support/money.js';
import { rewardsOf, catalogDraftArb } from './catalog.js';
import {
  bonusDraftArb, bonusRule, capsArb, cashbackDraftArb, cashbackRule, multiplierDraftArb, multiplierRule, spendDraftArb, spendRule,
} from './earn-rules.js';
import { hasLevelMultipliers, tiersDraftArb, tiersOf } from './tiers.js';
import { engagementDraftArb, engagementOf } from './engagement.js';

/** Which features generated programs have: `true` always, `false` never, left out: sometimes. */
export interface ProgramArbOptions {
  /** The programs' id (default `generated`). */
  readonly id?: string;
  /** ISO 4217 codes to choose from (default GBP, USD, EUR, JPY). */
  readonly currencies?: readonly string[];
  /** IANA time zones to choose from (default: seven zones with odd offsets and daylight saving). */
  readonly timezones?: readonly string[];
  /** Spend rules (1–2 when on; sometimes none when left out). */
  readonly spend?: Feature;
  /** Multiplier rules (on categories, weekdays, channels, loyal members). */
  readonly multipliers?: Feature;
  /** Bonus rules. */
  readonly bonus?: Feature;
  /** Cashback rules (with a wallet). */
  readonly cashback?: Feature;
  /** Caps on the program and on rules; `false` also keeps them off rules. */
  readonly caps?: Feature;
  /** Tiers (levels with criteria, a window and a downgrade policy). */
  readonly tiers?: Feature;
  /** A rewards catalog. */
  readonly rewards?: Feature;
  /** Activity, welcome, first-purchase and birthday rules, a stamp card and a win-back reward (all paying points). */
  readonly engagement?: Feature;
  /** Points expiry (`false`: points never expire). */
  readonly expiry?: Feature;
  /** Pending points (`points.pendingDays` above 0). */
  readonly pendingDays?: Feature;
  /** A return window (`refunds.windowDays`). */
  readonly refundWindow?: Feature;
  /** The negative balance policy (default: either). */
  readonly negativeBalance?: 'allow' | 'debt';
}

const CURRENCIES = ['GBP', 'USD', 'EUR', 'JPY'] as const;
const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Tehran', 'Asia/Kolkata', 'Pacific/Auckland', 'Europe/Warsaw'] as const;

const expiryDraftArb = fc.record({
  kind: fc.constantFrom('days-after-earning' as const, 'end-of-period' as const, 'inactivity' as const),
  days: fc.integer({ min: 1, max: 400 }),
  period: fc.constantFrom('month', 'quarter', 'year'),
  periodsAfter: fc.integer({ min: 0, max: 2 }),
});

/**
 * Valid programs mixing spend, multiplier, bonus and cashback rules,
 * engagement (activities, welcome, first purchase, birthday, a stamp card,
 * win-back), caps, a paid membership plan (with tiers),
 * tiers (windows, downgrade policies, entry rewards), a rewards catalog (every
 * kind, limits, stock), expiry policies, pending days, return windows,
 * negative balance policies, currencies and time zones. Each value went
 * through `defineProgram`; switch features on or off with `options`.
 *
 * @example
 * import fc from 'fast-check';
 * import { programArb } from 'loyalty-engine/testing';
 *
 * fc.assert(fc.property(programArb({ tiers: true, cashback: false }), (program) => {
 *   // program is a frozen, defined program
 * }));
 */
export function programArb(options: ProgramArbOptions = {}): fc.Arbitrary<Program> {
  const capsOn = options.caps !== false;
  const spendCount = options.spend === false ? { minLength: 0, maxLength: 0 } : options.spend === true ? { minLength: 1, maxLength: 2 } : { minLength: 0, maxLength: 2 };
  return fc
    .record({
      currency: fc.constantFrom(...(options.currencies ?? CURRENCIES)),
      timezone: fc.constantFrom(...(options.timezones ?? ZONES)),
      rounding: fc.constantFrom('floor', 'ceil', 'round-half-up', 'round-half-even'),
      pendingDays: optional(options.pendingDays, fc.constantFrom(1, 7, 14, 30), 3),
      expiry: optional(options.expiry, expiryDraftArb),
      negativeBalance: options.negativeBalance === undefined ? fc.constantFrom('allow' as const, 'debt' as const) : fc.constant(options.negativeBalance),
      combine: fc.constantFrom('multiply', 'add', 'highest'),
      programCaps: optional(options.caps, capsArb, 3),
      spends: fc.array(spendDraftArb, spendCount),
      multipliers: optional(options.multipliers, fc.array(multiplierDraftArb, { minLength: 1, maxLength: 2 })),
      bonus: optional(options.bonus, bonusDraftArb),
      cashback: optional(options.cashback, fc.array(cashbackDraftArb, { minLength: 1, maxLength: 2 }), 3),
      wallet: fc.record({ extra: fc.boolean(), rounding: fc.constantFrom('floor', 'ceil', 'round-half-up', 'round-half-even'), minRedeem: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }) }),
      tiers: optional(options.tiers, tiersDraftArb),
      rewards: optional(options.rewards, catalogDraftArb),
      refundWindow: optional(options.refundWindow, fc.integer({ min: 14, max: 365 }), 3),
      engagement: optional(options.engagement, engagementDraftArb, 3),
      plan: fc.option(fc.record({ level: fc.nat(), period: fc.constantFrom<'lifetime' | { months: number } | { days: number }>('lifetime', { months: 1 }, { months: 12 }, { days: 30 }) }), { nil: undefined, freq: 2 }),
      version: fc.integer({ min: 1, max: 5 }),
    })
    .map((g): Program => {
      const money = moneyScale(g.currency);
      const spendIds = g.spends.map((_, i) => `spend-${i}`);
      const firstSpend = spendIds[0];
      const earn: Record<string, unknown>[] = g.spends.map((d, i) => spendRule(spendIds[i] ?? `spend-${i}`, d, money, capsOn));
      (g.multipliers ?? []).forEach((d, i) => earn.push(multiplierRule(`mult-${i}`, d, firstSpend)));
      if (g.bonus !== undefined) earn.push(bonusRule('bonus-0', g.bonus, money, g.programCaps, capsOn));
      (g.cashback ?? []).forEach((d, i) => earn.push(cashbackRule(`cashback-${i}`, d, money)));
      const engagement = g.engagement === undefined ? undefined : engagementOf(g.engagement, money, capsOn ? g.programCaps : undefined, capsOn);
      if (engagement !== undefined) earn.push(...engagement.earn);
      const hasWallet = (g.cashback ?? []).length > 0 || g.wallet.extra;
      const tiers = g.tiers === undefined ? undefined : tiersOf(g.tiers, money, firstSpend);
      const levels = ((tiers?.levels ?? []) as { id: string }[]).map((l) => l.id);
      const needsCombine = (g.multipliers ?? []).length > 0 || (g.tiers !== undefined && hasLevelMultipliers(g.tiers));
      const pendingDays = g.pendingDays ?? 0;
      const e = g.expiry;
      const expiry =
        e === undefined ? { kind: 'never' }
        : e.kind === 'days-after-earning' ? { kind: e.kind, days: pendingDays + e.days }
        : e.kind === 'end-of-period' ? { kind: e.kind, period: e.period, periodsAfter: e.periodsAfter }
        : { kind: e.kind, days: e.days };
      return defineProgram(defined({
        id: options.id ?? 'generated',
        version: g.version,
        currency: g.currency,
        timezone: g.timezone,
        points: defined({
          rounding: g.rounding,
          pendingDays,
          expiry,
          negativeBalance: g.negativeBalance,
          multipliers: needsCombine ? g.combine : undefined,
          caps: capsOn ? g.programCaps : undefined,
        }),
        refunds: g.refundWindow === undefined ? undefined : { windowDays: g.refundWindow },
        earn,
        wallet: hasWallet ? defined({ rounding: g.wallet.rounding, minRedeem: g.wallet.minRedeem === undefined ? undefined : String(g.wallet.minRedeem) }) : undefined,
        tiers,
        rewards: g.rewards === undefined ? undefined : rewardsOf(g.rewards, money, levels, hasWallet),
        // a paid plan granting one of the levels (and a perk)
        memberships: g.plan === undefined || levels.length === 0 ? undefined : [{ id: 'plus', level: levels[g.plan.level % levels.length], perks: ['free-shipping'], period: g.plan.period }],
        stampCards: engagement?.stampCards,
        winBack: engagement?.winBack,
      }));
    });
}
