import type { Program } from '../../program/define.js';
import { csvFlags } from '../args.js';
import { emptyCsvStats, type CsvStats } from '../input/csv-stats.js';
import { resolveCsvMapping } from '../input/csv-mapping.js';
import { formatOf } from '../input/files.js';
import { openEventFiles, type EventFiles } from '../input/source.js';

/**
 * Opens the events files of a command with its CSV flags (the mapping is resolved against `program`
 * only when a file is CSV, so bad CSV flags are reported only then).
 *
 * @example
 * const input = openCommandEvents(files, values, program);
 */
export function openCommandEvents(files: readonly string[], values: Readonly<Record<string, unknown>>, program: Program, memberId?: string): EventFiles {
  const csv = files.some((f) => formatOf(f) === 'csv') ? resolveCsvMapping(csvFlags(values), program) : null;
  return openEventFiles(files, { csv, ...(memberId === undefined ? {} : { memberId }) });
}

/**
 * The CSV counters of all CSV files added up (`null` when none was CSV).
 *
 * @example
 * totalCsvStats(input.csvStats)?.lines
 */
export function totalCsvStats(stats: ReadonlyMap<string, CsvStats>): CsvStats | null {
  if (stats.size === 0) return null;
  const total = emptyCsvStats();
  for (const s of stats.values()) for (const k of Object.keys(total) as (keyof CsvStats)[]) total[k] += s[k];
  return total;
}
