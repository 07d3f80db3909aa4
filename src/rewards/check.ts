import { isActive } from '../earning/active.js';
import type { RefusalReason } from '../engine/effects.js';
import type { Lot, RedemptionRecord } from '../member/state.js';
import type { Program } from '../program/define.js';

type Reward = NonNullable<Program['rewards']>['catalog'][number];

/** What a redemption is checked against: the member as of the event, and the host's stock snapshot. */
export interface RedemptionContext {
  readonly program: Program;
  /** The level in force, or null. */
  readonly level: string | null;
  readonly lots: readonly Lot[];
  readonly deficit: number;
  readonly redemptions: Readonly<Record<string, RedemptionRecord>>;
  /** UTC ISO instant and calendar date (program time zone) of the redemption. */
  readonly at: string;
  readonly date: string;
  readonly stock: Readonly<Record<string, number>> | undefined;
}

export type Check =
  | { readonly ok: true; readonly points: number }
  | { readonly ok: false; readonly reason: RefusalReason; readonly details: Readonly<Record<string, string | number | null | readonly string[]>> };

/** Points the member can spend now: available lots, less a deficit. */
export function spendable(lots: readonly Lot[], deficit: number, at: string): number {
  let sum = 0;
  for (const lot of lots) if (lot.availableAt <= at) sum += lot.points;
  return sum - deficit;
}

/** Redemptions of a reward that still count (not reversed), and their units. */
function used(redemptions: Readonly<Record<string, RedemptionRecord>>, keep: (r: RedemptionRecord) => boolean): number {
  let n = 0;
  for (const r of Object.values(redemptions)) if (r.reversedAt === undefined && keep(r)) n += r.quantity;
  return n;
}

const PERIOD_PREFIX = { day: 10, month: 7, year: 4 } as const;

/**
 * Whether a member may redeem `quantity` units of a reward, checked in this
 * order: active dates, tier, order (points as payment), limits, stock, points.
 */
export function checkRedemption(ctx: RedemptionContext, reward: Reward, quantity: number, orderId: string | undefined): Check {
  if (!isActive(reward, ctx.date)) {
    return { ok: false, reason: 'reward_not_active', details: { date: ctx.date, from: reward.active?.from ?? null, until: reward.active?.until ?? null } };
  }
  if (reward.tiers !== undefined && (ctx.level === null || !reward.tiers.includes(ctx.level))) {
    return { ok: false, reason: 'tier_not_allowed', details: { level: ctx.level, allowed: reward.tiers } };
  }
  if (reward.kind === 'points-payment') {
    if (orderId === undefined) return { ok: false, reason: 'order_required', details: {} };
    const onOrder = used(ctx.redemptions, (r) => r.rewardId === reward.id && r.orderId === orderId);
    const { min, max } = reward.perOrder ?? {};
    if (min !== undefined && onOrder + quantity < min) {
      return { ok: false, reason: 'limit_reached', details: { minPerOrder: min, onOrder, requested: quantity } };
    }
    if (max !== undefined && onOrder + quantity > max) {
      return { ok: false, reason: 'limit_reached', details: { maxPerOrder: max, onOrder, requested: quantity } };
    }
  }
  if (reward.limit !== undefined) {
    const { count, per } = reward.limit;
    const prefix = per === 'lifetime' ? '' : ctx.date.slice(0, PERIOD_PREFIX[per]);
    const already = used(ctx.redemptions, (r) => r.rewardId === reward.id && r.day.startsWith(prefix));
    if (already + quantity > count) return { ok: false, reason: 'limit_reached', details: { limit: count, per, used: already, requested: quantity } };
  }
  const inStock = ctx.stock?.[reward.id];
  if (reward.stock !== undefined && inStock !== undefined && inStock < quantity) {
    return { ok: false, reason: 'out_of_stock', details: { available: inStock, requested: quantity } };
  }
  const points = reward.cost * quantity;
  const available = spendable(ctx.lots, ctx.deficit, ctx.at);
  const keep = reward.minBalanceAfter ?? 0;
  if (available < points + keep) {
    return { ok: false, reason: 'insufficient_points', details: { needed: points + keep, available, missing: points + keep - available, cost: reward.cost, quantity, minBalanceAfter: keep } };
  }
  return { ok: true, points };
}
