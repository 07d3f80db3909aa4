import type { CsvStats } from '../input/csv-stats.js';

/** What the renderers need besides the report: names, money, where events came from. */
export interface ReportContext {
  readonly programName: string;
  readonly currency: string;
  readonly pointValue: string | null;
  /** Tier levels, lowest first (for stable colours and order). */
  readonly levels: readonly string[];
  readonly files: readonly string[];
  /** CSV reader counters, summed over CSV files (`null` without CSV input). */
  readonly csv: CsvStats | null;
  /** `file:line` of an event, for refused events. */
  readonly whereOf?: (event: unknown) => string | undefined;
}

/**
 * Tier names in display order: `none` first (left out when it is always 0), then the program's levels,
 * then any other seen.
 *
 * @example
 * orderedLevels(['silver', 'gold'], { gold: 1, none: 3, silver: 2 }) // ['none', 'silver', 'gold']
 */
export function orderedLevels(levels: readonly string[], ...counts: readonly Readonly<Record<string, number>>[]): string[] {
  const seen = new Set<string>();
  for (const c of counts) for (const [k, n] of Object.entries(c)) if (k !== 'none' || n > 0) seen.add(k);
  const out = ['none', ...levels].filter((l) => seen.has(l));
  for (const k of [...seen].sort()) if (!out.includes(k)) out.push(k);
  return out;
}
