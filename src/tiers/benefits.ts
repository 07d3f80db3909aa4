import type { Draft } from '../engine/draft.js';
import type { MatchedMultiplier } from '../earning/multipliers.js';
import { Dec } from '../money/decimal.js';
import { levelAt, rankOf } from './qualify.js';

/**
 * The earn multiplier of the level the member holds when the purchase is
 * made (a purchase that lifts the member earns at the level held before it).
 * It joins the matching multiplier rules, combined as `points.multipliers` says.
 */
export function tierMultipliers(draft: Draft): MatchedMultiplier[] {
  const tiers = draft.program.tiers;
  const tier = draft.tier;
  if (tiers === undefined || tier === undefined) return [];
  const level = levelAt(tiers, rankOf(tiers, tier.effective));
  if (level?.multiplier === undefined) return [];
  return [{ id: `tiers.${level.id}`, factor: new Dec(level.multiplier), appliesTo: tiers.multiplierAppliesTo, items: undefined }];
}
