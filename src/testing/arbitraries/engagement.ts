/**
 * Generated engagement: activity rules (frequencies, distinct attributes,
 * caps), welcome, first-purchase and birthday rules, a stamp card and a
 * win-back reward, all paying points. Valid by construction; the program
 * assembles them in {@link ./program.ts}.
 */
import fc from 'fast-check';
import { formatMinor, type MoneyScale } from '../support/money.js';
import { defined, rarely } from '../support/feature.js';
import { capsArb, smallestCap, type CapsDraft } from './earn-rules.js';

type Json = Record<string, unknown>;

/** Activity names the generated rules and events use. */
export const ACTIVITIES = ['profile_completed', 'checkin', 'review_posted'] as const;
/** The attribute generated `distinct` limits name. */
export const DISTINCT_KEY = 'locationId';

const frequencyArb = fc.oneof(
  fc.record({ count: fc.integer({ min: 1, max: 3 }), per: fc.constantFrom('lifetime', 'day', 'week', 'month', 'year') }),
  fc.record({ count: fc.integer({ min: 1, max: 3 }), rollingDays: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ count: fc.integer({ min: 1, max: 2 }), distinct: fc.constant(DISTINCT_KEY), per: fc.constantFrom('lifetime', 'day', 'month') }),
);

export const engagementDraftArb = fc.record({
  activities: fc.array(
    fc.record({ activity: fc.nat(ACTIVITIES.length - 1), points: fc.integer({ min: 1, max: 200 }), frequency: fc.option(frequencyArb, { nil: undefined }), caps: rarely(capsArb) }),
    { minLength: 1, maxLength: 3 },
  ),
  welcome: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
  firstPurchase: fc.option(fc.record({ points: fc.integer({ min: 1, max: 300 }), minAmount: rarely(fc.integer({ min: 1, max: 50 })) }), { nil: undefined }),
  birthday: fc.option(fc.record({ points: fc.integer({ min: 1, max: 300 }), within: fc.constantFrom('day', 'week', 'month') }), { nil: undefined }),
  card: fc.option(
    fc.record({
      stamps: fc.integer({ min: 2, max: 10 }),
      minAmount: rarely(fc.integer({ min: 1, max: 20 })),
      perDay: rarely(fc.integer({ min: 1, max: 2 })),
      expiresAfterDays: rarely(fc.integer({ min: 7, max: 120 })),
      points: fc.integer({ min: 1, max: 500 }),
      onRefund: fc.constantFrom('revoke', 'keep'),
    }),
    { nil: undefined },
  ),
  winBack: fc.option(fc.record({ afterDays: fc.integer({ min: 20, max: 180 }), points: fc.integer({ min: 1, max: 200 }), oncePer: fc.constantFrom('month', 'quarter', 'year') }), { nil: undefined }),
});
export type EngagementDraft = typeof engagementDraftArb extends fc.Arbitrary<infer T> ? T : never;

/** The earn rules and top-level sections of a draft. */
export function engagementOf(d: EngagementDraft, money: MoneyScale, programCaps: CapsDraft | undefined, capsOn: boolean): { earn: Json[]; stampCards?: Json[]; winBack?: Json } {
  const major = (n: number): string => formatMinor(n * 100 * money.factor, money.digits);
  const earn: Json[] = d.activities.map((a, i) =>
    defined({ id: `activity-${i}`, kind: 'activity', activity: ACTIVITIES[a.activity], points: a.points, frequency: a.frequency, caps: capsOn ? a.caps : undefined }),
  );
  if (d.welcome !== undefined) earn.push({ id: 'welcome', kind: 'welcome', points: d.welcome });
  if (d.firstPurchase !== undefined) {
    earn.push(defined({ id: 'first-purchase', kind: 'first_purchase', points: Math.min(d.firstPurchase.points, smallestCap(programCaps)), minAmount: d.firstPurchase.minAmount === undefined ? undefined : major(d.firstPurchase.minAmount) }));
  }
  if (d.birthday !== undefined) earn.push({ id: 'birthday', kind: 'birthday', points: d.birthday.points, within: d.birthday.within });
  const c = d.card;
  return defined({
    earn,
    stampCards: c === undefined ? undefined : [defined({
      id: 'card', stamps: c.stamps, minAmount: c.minAmount === undefined ? undefined : major(c.minAmount), perDay: c.perDay, expiresAfterDays: c.expiresAfterDays,
      reward: { points: c.points }, onRefund: c.onRefund,
    })],
    winBack: d.winBack === undefined ? undefined : { afterDays: d.winBack.afterDays, reward: { points: d.winBack.points }, oncePer: d.winBack.oncePer },
  });
}
