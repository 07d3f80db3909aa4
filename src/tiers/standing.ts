import type { Tiers } from './types.js';
import { emit, isoOf, record, type Draft } from '../engine/draft.js';
import { credit } from '../ledger/balance.js';
import { expiryFor } from '../ledger/expiry.js';
import type { TierChangeReason } from './policy.js';
import { levelAt, rankOf } from './qualify.js';
import type { TierGrant } from './state.js';

/** Whether a grant is in force at `at` (a UTC ISO instant). */
export function grantActive(g: TierGrant, at: string): boolean {
  return g.from <= at && (g.until === null || g.until > at);
}

/** The level in force: the held level or a grant's, whichever is higher. */
export function effectiveRank(tiers: Tiers | undefined, level: string | null, grants: readonly TierGrant[], at: string): number {
  let rank = rankOf(tiers, level);
  for (const g of grants) if (grantActive(g, at)) rank = Math.max(rank, rankOf(tiers, g.level));
  return rank;
}

/** The perks in force: the effective level's and every active grant's. */
export function perksOf(tiers: Tiers | undefined, effective: string | null, grants: readonly TierGrant[], at: string): string[] {
  const perks = new Set(levelAt(tiers, rankOf(tiers, effective))?.perks ?? []);
  for (const g of grants) if (grantActive(g, at)) for (const p of g.perks) perks.add(p);
  return [...perks];
}

/**
 * Compares the effective level with the one last announced and, if it moved,
 * announces the change; on the way up, issues the entry reward of every level
 * reached for the first time (or only the top one, if the program says so).
 */
export function announce(draft: Draft, atMs: number, cause: TierChangeReason | undefined): void {
  const tier = draft.tier;
  const tiers = draft.program.tiers;
  if (tier === undefined) return;
  const at = isoOf(draft, atMs);
  tier.grants = tier.grants.filter((g) => g.until === null || g.until > at);
  const before = rankOf(tiers, tier.effective);
  const after = effectiveRank(tiers, tier.level, tier.grants, at);
  if (after === before) return;
  const to = levelAt(tiers, after)?.id ?? null;
  const heldRank = rankOf(tiers, tier.level);
  const reason: TierChangeReason = after > before ? (after === heldRank ? 'qualified' : 'granted') : (cause ?? 'grant_ended');
  emit(draft, { type: after > before ? 'tier_upgraded' : 'tier_downgraded', at, from: tier.effective, to, reason });
  tier.effective = to;
  tier.effectiveSince = to === null ? null : at;
  if (after > before && tiers !== undefined) {
    for (let r = Math.max(before + 1, 0); r <= after; r++) {
      const level = tiers.levels[r];
      if (level === undefined || tier.reached.includes(level.id)) continue;
      tier.reached = [...tier.reached, level.id];
      const reward = level.entryReward;
      // a level passed on the way up counts as reached; its reward is issued unless only the level arrived at pays
      if (reward === undefined || (r < after && tiers.entryRewards === 'reached-level-only')) continue;
      if (reward.points !== undefined) {
        record(draft, {
          at,
          kind: 'earn',
          points: reward.points,
          ruleId: `tiers.${level.id}`,
          availableAt: at,
          expiresAt: expiryFor(draft.program, atMs),
          detail: { reason: 'tier entry reward', level: level.id },
        });
        credit(draft, { id: `${draft.event.id}:tier:${level.id}`, earnedAt: at, availableAt: at, expiresAt: expiryFor(draft.program, atMs), points: reward.points });
      }
      if (reward.reward !== undefined) emit(draft, { type: 'reward_issued', at, rewardId: reward.reward, source: 'tier_entry', level: level.id });
    }
  }
}
