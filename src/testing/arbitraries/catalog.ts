/**
 * Generated reward catalogs: every reward kind (wallet credit only with a
 * wallet), costs from a few points to thousands, limits per period, stock,
 * a minimum balance after redeeming, validity, active dates, level
 * restrictions, unlisted rewards, points as payment and prize wheels.
 */
import fc from 'fast-check';
import { defined, rarely } from '../support/feature.js';
import { formatMinor, type MoneyScale } from '../support/money.js';

type Json = Record<string, unknown>;

const KINDS = [
  'percent-discount', 'fixed-discount', 'free-product', 'free-shipping', 'gift-card', 'coupon',
  'wallet-credit', 'charity', 'experience', 'partner', 'points-payment', 'spin',
] as const;
type Kind = (typeof KINDS)[number];

const costArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 50 }) },
  { weight: 3, arbitrary: fc.integer({ min: 50, max: 500 }) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 5_000 }) },
);

const activeArb = fc
  .record({ from: fc.integer({ min: -60, max: 600 }), length: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }) })
  .map(({ from, length }) => {
    const day = (n: number): string => new Date(Date.UTC(2023, 5, 1) + n * 86_400_000).toISOString().slice(0, 10);
    return defined({ from: day(from), until: length === undefined ? undefined : day(from + length) });
  });

const rewardDraftArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  cost: costArb,
  limit: rarely(fc.record({ count: fc.integer({ min: 1, max: 3 }), per: fc.constantFrom('lifetime', 'day', 'month', 'year') })),
  stock: rarely(fc.integer({ min: 1, max: 1_000 })),
  minBalanceAfter: rarely(fc.integer({ min: 0, max: 200 })),
  validDays: rarely(fc.integer({ min: 1, max: 400 })),
  active: rarely(activeArb),
  /** A bit set of the program's levels allowed to redeem it. */
  levels: rarely(fc.integer({ min: 1, max: 15 })),
  listed: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  perOrder: fc.record({ min: rarely(fc.integer({ min: 1, max: 2 })), extra: rarely(fc.integer({ min: 0, max: 3 })) }),
  outcomes: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 10 }), prize: fc.constantFrom('points', 'reward', 'nothing'), points: fc.integer({ min: 1, max: 100 }), pick: fc.nat() }), { minLength: 1, maxLength: 4 }),
});

export const catalogDraftArb = fc.record({
  rewards: fc.array(rewardDraftArb, { minLength: 1, maxLength: 6 }),
  salt: fc.integer({ min: 0, max: 1_000_000 }),
  reversalWindowDays: rarely(fc.integer({ min: 1, max: 400 })),
});
export type CatalogDraft = typeof catalogDraftArb extends fc.Arbitrary<infer T> ? T : never;

function kindFields(kind: Kind, money: MoneyScale): Json {
  const value = formatMinor(500 * money.factor, money.digits);
  switch (kind) {
    case 'percent-discount':
      return { percent: '15' };
    case 'fixed-discount':
    case 'gift-card':
    case 'wallet-credit':
    case 'points-payment':
      return { value };
    case 'charity':
      return { value, cause: 'trees' };
    case 'free-product':
      return { sku: 'free-sku' };
    case 'partner':
      return { partner: 'acme' };
    default:
      return {};
  }
}

/** The `rewards` section a draft describes, for a program with these levels (and a wallet or not). */
export function rewardsOf(d: CatalogDraft, money: MoneyScale, levels: readonly string[], wallet: boolean): Json {
  const drafts = d.rewards.filter((r) => wallet || r.kind !== 'wallet-credit');
  const ids = drafts.map((r, i) => `${r.kind}-${i}`);
  /** Rewards a spin may give away: not spins, not points as payment. */
  const prizes = ids.filter((_, i) => drafts[i]?.kind !== 'spin' && drafts[i]?.kind !== 'points-payment');
  const catalog = drafts.map((r, i): Json => {
    const allowed = r.levels === undefined || levels.length === 0 ? undefined : levels.filter((_, j) => (r.levels ?? 0) & (1 << j));
    const min = r.perOrder.min;
    const perOrder = r.kind === 'points-payment' ? defined({ min, max: r.perOrder.extra === undefined ? undefined : (min ?? 1) + r.perOrder.extra }) : undefined;
    const outcomes =
      r.kind === 'spin'
        ? r.outcomes.map((o, j) => {
            const prize = prizes.length === 0 ? undefined : prizes[o.pick % prizes.length];
            return defined({
              label: `segment-${j}`,
              weight: o.weight,
              points: o.prize === 'points' ? o.points : undefined,
              rewardId: o.prize === 'reward' ? prize : undefined,
            });
          })
        : undefined;
    return defined({
      id: ids[i],
      kind: r.kind,
      cost: r.cost,
      ...kindFields(r.kind, money),
      limit: r.limit,
      stock: r.stock,
      minBalanceAfter: r.minBalanceAfter,
      validDays: r.validDays,
      active: r.active,
      tiers: allowed === undefined ? undefined : allowed.length > 0 ? allowed : [levels[0]],
      listed: r.listed,
      perOrder,
      outcomes,
    });
  });
  return defined({ codeSalt: `generated-salt-${String(d.salt).padStart(7, '0')}`, catalog, reversalWindowDays: d.reversalWindowDays });
}
