import { Dec } from '../money/decimal.js';
import type { CompiledProgram } from '../program/compiled.js';
import type { Facts } from '../conditions/types.js';
import { isActive } from './active.js';

/** How the factors of several matching multipliers combine. */
export type MultiplierCombination = 'multiply' | 'add' | 'highest';

/** A multiplier that matched this event: for every item, or only for the items its filter selects. */
export interface MatchedMultiplier {
  readonly id: string;
  readonly factor: Dec;
  readonly appliesTo: readonly string[] | undefined;
  /** Per purchase item, whether the multiplier's item filter selects it; `undefined`: the whole event. */
  readonly items: readonly boolean[] | undefined;
}

const ONE = new Dec(1);

/**
 * Combines factors as the program declares.
 *
 * @example
 * combine([2, 3], 'multiply') // 6   (2x and 3x → 6x)
 * combine([2, 3], 'add')      // 4   (1 + (2−1) + (3−1))
 * combine([2, 3], 'highest')  // 3
 */
export function combine(factors: readonly Dec[], mode: MultiplierCombination): Dec {
  if (factors.length === 0) return ONE;
  switch (mode) {
    case 'multiply':
      return factors.reduce((acc, f) => acc.times(f), ONE);
    case 'add':
      return factors.reduce((acc, f) => acc.plus(f.minus(1)), ONE);
    case 'highest':
      return Dec.max(...factors);
  }
}

/** The multipliers whose dates and conditions match this event, evaluated once per event. */
export function matchMultipliers(
  compiled: CompiledProgram,
  facts: Facts,
  itemFacts: readonly Facts[],
  date: string,
): MatchedMultiplier[] {
  const out: MatchedMultiplier[] = [];
  for (const m of compiled.multipliers) {
    if (!isActive(m.rule, date) || (m.when !== undefined && !m.when(facts))) continue;
    const filtered = m.include !== undefined || m.exclude !== undefined;
    out.push({
      id: m.rule.id,
      factor: new Dec(m.rule.factor),
      appliesTo: m.rule.appliesTo,
      items: filtered
        ? itemFacts.map((f) => (m.include === undefined || m.include(f)) && !(m.exclude !== undefined && m.exclude(f)))
        : undefined,
    });
  }
  return out;
}
