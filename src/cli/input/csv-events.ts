import { inputError } from '../errors.js';
import { parseLine, bindColumns, type BoundColumns } from './csv-line.js';
import type { CsvMapping } from './csv-mapping.js';
import { csvRecords } from './csv-record.js';
import type { CsvStats } from './csv-stats.js';
import { OrderEvents, type MadeEvent } from './order-events.js';
import { OrderGrouper } from './order-grouper.js';

/**
 * The events of a CSV file of order lines, in time order, streamed: lines are grouped into one purchase
 * per order, return lines become refunds of the member's earlier orders (see {@link OrderEvents}).
 * Lines without a member are skipped and counted in `stats`.
 *
 * @throws CliError (exit 2) `file:line: Column: …` on a malformed line, a missing column, a file out of time order.
 * @example
 * for await (const made of csvEvents(readLines(path, counter), path, mapping, stats)) console.log(made.event);
 */
export async function* csvEvents(lines: AsyncIterable<string>, file: string, mapping: CsvMapping, stats: CsvStats): AsyncGenerator<MadeEvent> {
  const grouper = new OrderGrouper(file, mapping.groupWindowMs);
  const maker = new OrderEvents(mapping, stats);
  let bound: BoundColumns | null = null;
  for await (const { line, fields } of csvRecords(lines, file, mapping.delimiter)) {
    if (bound === null) {
      bound = bindColumns(mapping, fields, file);
      continue;
    }
    stats.lines++;
    const parsed = parseLine(bound, line, fields);
    if (parsed === null) {
      stats.guestLines++;
      continue;
    }
    for (const order of grouper.add(parsed)) yield* maker.eventsOf(order);
  }
  if (bound === null) throw inputError(file, null, 'empty file: expected a header line naming the columns');
  for (const order of grouper.end()) yield* maker.eventsOf(order);
}
