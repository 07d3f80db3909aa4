import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CliError, EXIT } from '../errors.js';

/** Bytes read so far of all input files and their total size on disk (compressed bytes for `.gz`), for an ETA. */
export interface ByteCounter {
  read: number;
  total: number;
}

/** The formats `simulate`, `compare` and `explain` read, from the file name. */
export type EventFormat = 'ndjson' | 'csv';

/**
 * The format of an events file from its name: `.ndjson`/`.jsonl` or `.csv`, each optionally `.gz`.
 *
 * @example
 * formatOf('history.csv.gz') // 'csv'
 */
export function formatOf(path: string): EventFormat {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.csv')) return 'csv';
  throw new CliError(`${path}: unknown events format: name the file .ndjson, .jsonl or .csv (optionally .gz)`);
}

/**
 * The size of a file, or a usage error naming it when it cannot be read.
 *
 * @example
 * sizeOf('events.ndjson') // 10240
 */
export function sizeOf(path: string): number {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CliError(`${path}: not a file`, EXIT.usage);
    return stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, EXIT.usage);
  }
}

/**
 * The lines of a text file, gunzipped on the fly when the name ends in `.gz`, streamed (never the whole
 * file in memory). Counts the bytes read from disk into `counter`. A broken gzip stream is a usage error.
 *
 * @example
 * for await (const line of readLines('events.ndjson.gz', counter)) console.log(line);
 */
export async function* readLines(path: string, counter: ByteCounter): AsyncGenerator<string> {
  sizeOf(path);
  const raw = createReadStream(path);
  raw.on('data', (chunk) => {
    counter.read += chunk.length;
  });
  let input: Readable = raw;
  if (path.toLowerCase().endsWith('.gz')) {
    const gunzip = createGunzip();
    raw.on('error', (error) => gunzip.destroy(error));
    input = raw.pipe(gunzip);
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`${path}: cannot read${path.toLowerCase().endsWith('.gz') ? ' as gzip' : ''} (${reason})`, EXIT.usage);
  } finally {
    lines.close();
    raw.destroy();
  }
}
