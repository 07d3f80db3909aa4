import { stateAt } from '../engine/moment.js';
import type { RefusalReason } from '../engine/effects.js';
import type { MemberState } from '../member/state.js';
import { zoneOf, type Program } from '../program/define.js';
import type { RewardKind } from '../program/rewards-schema.js';
import { dateIn } from '../time/dates.js';
import { checkRedemption, spendable } from './check.js';
import { oddsOf } from './spin.js';

/** One listed reward as one member sees it. */
export interface CatalogEntry {
  /** The reward's id. */
  readonly rewardId: string;
  /** Its name. */
  readonly name?: string;
  /** What it is. */
  readonly kind: RewardKind;
  /** Points per unit. */
  readonly cost: number;
  /** Its money value, for kinds that have one. */
  readonly value?: string;
  /** Percent off, for `percent-discount`. */
  readonly percent?: string;
  /** Whether one unit can be redeemed now. */
  readonly canRedeem: boolean;
  /** Why not, if not. */
  readonly reason?: RefusalReason;
  /** Points still needed for one unit, or for the least a points-payment reward allows on an order (0 when affordable). */
  readonly missingPoints: number;
  /** The numbers behind `reason`, as in a `redemption_refused` effect. */
  readonly details?: Readonly<Record<string, string | number | null | readonly string[]>>;
  /** Spin rewards: the published chance of each outcome. */
  readonly odds?: readonly {
    /** The outcome's label. */
    readonly label: string;
    /** Its chance, a decimal string (`"0.25"`). */
    readonly probability: string;
  }[];
}

/** A member's view of the catalog at a moment. */
export interface CatalogView {
  /** The member. */
  readonly memberId: string;
  /** The moment of the view (UTC ISO; never before the last event). */
  readonly at: string;
  /** Points spendable now. */
  readonly available: number;
  /** Listed rewards, cheapest first. */
  readonly rewards: readonly CatalogEntry[];
  /** The cheapest reward the member is only short of points for: "80 more points for a $10 certificate". */
  readonly nextWithinReach: CatalogEntry | null;
}

/**
 * For one member at a moment (ISO 8601 with offset): every listed reward with
 * whether it can be redeemed now, why not, and how many points are missing;
 * and the next reward within reach. Points due to expire by then are gone,
 * as `summarize` shows them. Pure: the state is not changed.
 *
 * @example
 * catalogFor(program, state, '2024-06-01T12:00:00Z').nextWithinReach
 * // { rewardId: 'gift-10', cost: 1000, missingPoints: 80, reason: 'insufficient_points', … }
 */
export function catalogFor(
  program: Program,
  state: MemberState,
  at: string,
  options: {
    /** Units left per reward in the host's inventory, as last seen. */
    readonly stock?: Readonly<Record<string, number>>;
  } = {},
): CatalogView {
  const { state: s, atMs, now } = stateAt(program, state, 'catalogFor', at);
  const ctx = {
    program,
    level: s.tier?.effective ?? null,
    lots: s.lots,
    deficit: s.deficit,
    redemptions: s.redemptions,
    at: now,
    date: dateIn(atMs, zoneOf(program)),
    stock: options.stock,
  };
  const available = spendable(s.lots, s.deficit, now);
  const rewards = (program.rewards?.catalog ?? [])
    .filter((r) => r.listed)
    .map((r): CatalogEntry => {
      // points as payment needs an order; the view asks whether the least allowed on a new one could be redeemed
      const units = r.kind === 'points-payment' ? Math.max(1, r.perOrder?.min ?? 1) : 1;
      const check = checkRedemption(ctx, r, units, r.kind === 'points-payment' ? '\u0000view' : undefined);
      const missing = Math.max(0, r.cost * units + (r.minBalanceAfter ?? 0) - available);
      return {
        rewardId: r.id,
        ...(r.name === undefined ? {} : { name: r.name }),
        kind: r.kind,
        cost: r.cost,
        ...(r.value === undefined ? {} : { value: r.value }),
        ...(r.percent === undefined ? {} : { percent: r.percent }),
        canRedeem: check.ok,
        ...(check.ok ? {} : { reason: check.reason, details: check.details }),
        missingPoints: missing,
        ...(r.outcomes === undefined ? {} : { odds: oddsOf(r.outcomes) }),
      };
    })
    .sort((a, b) => a.cost - b.cost || (a.rewardId < b.rewardId ? -1 : 1));
  const within = rewards.filter((r) => r.reason === 'insufficient_points').sort((a, b) => a.missingPoints - b.missingPoints)[0];
  return { memberId: state.memberId, at: now, available, rewards, nextWithinReach: within ?? null };
}
