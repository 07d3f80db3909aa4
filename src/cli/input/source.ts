import { CliError } from '../errors.js';
import { csvEvents } from './csv-events.js';
import type { CsvMapping } from './csv-mapping.js';
import { emptyCsvStats, type CsvStats } from './csv-stats.js';
import { formatOf, readLines, sizeOf, type ByteCounter } from './files.js';
import { mergeByTime } from './merge.js';
import { ndjsonEvents } from './ndjson-events.js';
import type { MadeEvent } from './order-events.js';

/** Events read from files, with what a progress line and the summary need. */
export interface EventFiles {
  /** The events of all files, merged in time order. Iterate once. */
  readonly events: AsyncIterable<Record<string, unknown>>;
  readonly bytes: ByteCounter;
  /** Events yielded so far. */
  readonly count: { value: number };
  /** What the CSV reader made of each CSV file, by file name. */
  readonly csvStats: ReadonlyMap<string, CsvStats>;
  /** `file:line` an event came from. */
  whereOf(event: unknown): string | undefined;
}

/** Which events to read. */
export interface EventFilesOptions {
  /** The CSV mapping; required when a file is CSV. */
  readonly csv: CsvMapping | null;
  /** Only this member's events (for `explain`). */
  readonly memberId?: string;
}

/**
 * Opens event files (NDJSON or CSV, each optionally gzipped) as one stream of events in time order.
 * Checks that every file exists first.
 *
 * @throws CliError (exit 2) for a missing file, an unknown format, CSV without a mapping.
 * @example
 * const input = openEventFiles(['history.ndjson'], { csv: null });
 * for await (const event of input.events) ...
 */
export function openEventFiles(files: readonly string[], options: EventFilesOptions): EventFiles {
  if (files.length === 0) throw new CliError('give at least one events file (.ndjson, .jsonl or .csv, optionally .gz)');
  const bytes: ByteCounter = { read: 0, total: 0 };
  for (const file of files) {
    bytes.total += sizeOf(file);
    if (formatOf(file) === 'csv' && options.csv === null) throw new CliError(`${file}: CSV input needs a column mapping: --csv-preset NAME, or --csv-member, --csv-order, --csv-time and the money columns`);
  }
  const stats = new Map<string, CsvStats>();
  const where = new WeakMap<object, string>();
  const streams = files.map((file): AsyncIterable<MadeEvent> => {
    const lines = readLines(file, bytes);
    if (formatOf(file) === 'ndjson' || options.csv === null) return tag(ndjsonEvents(lines, file), file, where);
    const s = emptyCsvStats();
    stats.set(file, s);
    return tag(csvEvents(lines, file, options.csv, s), file, where);
  });
  const count = { value: 0 };
  const memberId = options.memberId;
  async function* all(): AsyncGenerator<Record<string, unknown>> {
    for await (const made of mergeByTime(streams)) {
      if (memberId !== undefined && made.event.memberId !== memberId) continue;
      count.value++;
      yield made.event;
    }
  }
  return { events: all(), bytes, count, csvStats: stats, whereOf: (event) => (event !== null && typeof event === 'object' ? where.get(event) : undefined) };
}

async function* tag(stream: AsyncIterable<MadeEvent>, file: string, where: WeakMap<object, string>): AsyncGenerator<MadeEvent> {
  for await (const made of stream) {
    where.set(made.event, `${file}:${made.line}`);
    yield made;
  }
}
