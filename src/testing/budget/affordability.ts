/**
 * `unaffordableRewards`: catalog rewards no member can redeem within a
 * horizon, because their price is above any balance the program's caps and
 * expiry allow, or because no level allowed to redeem them can be reached.
 */
import type { Program } from '../../program/define.js';
import { datesTouched, earnBound, pointLifetimeDays, uncappedBound } from './bounds.js';
import { unreachableTiers, type TierReachOptions } from './tier-reach.js';

/** Options of {@link unaffordableRewards}. */
export interface AffordabilityOptions extends TierReachOptions {
  /** The member's first `horizonDays` days (default 365). */
  readonly horizonDays?: number;
}

/** A reward no member can redeem within the horizon, and why. */
export interface UnaffordableReward {
  /** The reward. */
  readonly rewardId: string;
  /** Its cost per unit. */
  readonly cost: number;
  /** Points needed to redeem it once: cost × the least units allowed + `minBalanceAfter`. */
  readonly needed: number;
  /** The most points a member can have available at any moment within the horizon (`null`: no bound). */
  readonly reachable: number | null;
  /** `points`: more than `reachable`; `tiers`: no level allowed to redeem it can be reached or bought. */
  readonly reason: 'points' | 'tiers';
  /** A sentence for people. */
  readonly explanation: string;
}

/**
 * The catalog rewards no member can afford within `horizonDays` of joining,
 * by a sound bound: the points earn rules can pay under the program's day and
 * month caps (or every rule's own) over the days whose points can still be
 * available (not expired, no longer pending), plus every level's entry reward
 * and what spins can win beyond their cost. Adjustments and reversals are
 * left out (they are the host's). Rewards restricted to levels that
 * {@link unreachableTiers} rules out, and that no membership plan grants, are
 * listed too. A program without caps bounds nothing: every reward is
 * affordable by points.
 *
 * @example
 * unaffordableRewards(program, { horizonDays: 365 })
 * // [{ rewardId: 'cruise', cost: 100000, needed: 100000, reachable: 91750, reason: 'points', … }]
 */
export function unaffordableRewards(program: Program, options: AffordabilityOptions = {}): UnaffordableReward[] {
  const horizon = options.horizonDays ?? 365;
  const pending = program.points.pendingDays;
  const alive = Math.min(horizon, pointLifetimeDays(program));
  const dates = datesTouched(Math.max(0, alive - pending));
  const bound = earnBound(program, dates) + uncappedBound(program, datesTouched(horizon));
  const reachable = Number.isFinite(bound) ? bound : null;
  const lost = new Set(unreachableTiers(program, { ...options, horizonDays: horizon }).map((t) => t.level));
  for (const plan of program.memberships ?? []) if (plan.level !== undefined) lost.delete(plan.level);
  const why = `points available at once come from at most ${dates} calendar days of earning (${alive === horizon ? `a ${horizon}-day horizon` : `points expire within ${alive} days`}${pending > 0 ? `, the last ${pending} days pending` : ''})`;

  const out: UnaffordableReward[] = [];
  for (const reward of program.rewards?.catalog ?? []) {
    const units = reward.kind === 'points-payment' ? (reward.perOrder?.min ?? 1) : 1;
    const needed = reward.cost * units + (reward.minBalanceAfter ?? 0);
    const base = { rewardId: reward.id, cost: reward.cost, needed, reachable };
    if (reachable !== null && needed > reachable) {
      out.push({ ...base, reason: 'points', explanation: `needs ${needed} points, but at most ${reachable} can be available: ${why}` });
    } else if (reward.tiers !== undefined && reward.tiers.every((level) => lost.has(level))) {
      out.push({ ...base, reason: 'tiers', explanation: `only for ${reward.tiers.join(', ')}, and no member can reach ${reward.tiers.length === 1 ? 'it' : 'any of them'} within ${horizon} days` });
    }
  }
  return out;
}
