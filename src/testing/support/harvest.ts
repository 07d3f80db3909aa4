/**
 * Reads the literal values a program's conditions compare purchases with
 * (item categories and SKUs, channels, stores), so that generated purchases
 * hit the user's own rules, not only made-up values.
 */
import { isForbiddenKey } from '../../conditions/path.js';
import type { NestedCondition } from '../../conditions/types.js';
import type { Program } from '../../program/define.js';

/** Values found in a program's conditions, by what they describe. */
export interface ProgramVocabulary {
  readonly categories: readonly string[];
  readonly skus: readonly string[];
  readonly channels: readonly string[];
  readonly stores: readonly string[];
}

const TARGETS: Readonly<Record<string, keyof ProgramVocabulary>> = {
  'item $.category': 'categories',
  'item $.sku': 'skus',
  'event $.channel': 'channels',
  'event $.storeId': 'stores',
};

/**
 * The literal strings the program's conditions compare categories, SKUs,
 * channels and stores with (at most 20 of each, in the order found).
 *
 * @example
 * vocabularyOf(program).categories // ['shoes']
 */
export function vocabularyOf(program: Program): ProgramVocabulary {
  const found: Record<keyof ProgramVocabulary, Set<string>> = { categories: new Set(), skus: new Set(), channels: new Set(), stores: new Set() };
  const visit = (node: NestedCondition | undefined): void => {
    if (node === undefined) return;
    if ('all' in node) return node.all.forEach(visit);
    if ('any' in node) return node.any.forEach(visit);
    if ('not' in node) return visit(node.not);
    if (!('fact' in node)) return;
    const target = TARGETS[`${node.fact} ${node.path ?? ''}`];
    if (target === undefined) return;
    const values = Array.isArray(node.value) ? (node.value as readonly unknown[]) : [node.value];
    for (const v of values) if (typeof v === 'string' && v.length > 0 && v.length <= 256 && !isForbiddenKey(v) && found[target].size < 20) found[target].add(v);
  };
  const node = (c: unknown): NestedCondition | undefined => c as NestedCondition | undefined;
  for (const condition of Object.values(program.conditions as Readonly<Record<string, unknown>>)) visit(node(condition));
  for (const rule of program.earn as readonly { readonly condition?: unknown; readonly items?: { readonly include?: unknown; readonly exclude?: unknown } }[]) {
    visit(node(rule.condition));
    visit(node(rule.items?.include));
    visit(node(rule.items?.exclude));
  }
  return { categories: [...found.categories], skus: [...found.skus], channels: [...found.channels], stores: [...found.stores] };
}
