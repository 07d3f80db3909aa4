import { formatPath } from '../../errors/loyalty-error.js';
import { safeParseEvent } from '../../events/parse.js';
import { inputError } from '../errors.js';
import type { MadeEvent } from './order-events.js';

/**
 * The events of an NDJSON file (one JSON event per line; blank lines skipped), each checked against the
 * event format, in time order, streamed.
 *
 * @throws CliError (exit 2) `file:line: not JSON (…)`, `file:line: amount: …` for the first problem of an
 *   invalid event, or `file:line: … earlier than line N` when the file is out of time order.
 * @example
 * for await (const made of ndjsonEvents(readLines(path, counter), path)) console.log(made.event);
 */
export async function* ndjsonEvents(lines: AsyncIterable<string>, file: string): AsyncGenerator<MadeEvent> {
  let n = 0;
  let lastMs = -Infinity;
  let lastLine = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw inputError(file, n, `not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw inputError(file, n, 'each line must be one event object');
    const parsed = safeParseEvent(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
      throw inputError(file, n, issue === undefined ? parsed.error.message : `${formatPath(issue.path)}: ${issue.message}${more}`);
    }
    const ms = Date.parse(parsed.event.at);
    if (ms < lastMs) throw inputError(file, n, `at ${parsed.event.at} is earlier than line ${lastLine}'s: events must be in time order`);
    lastMs = ms;
    lastLine = n;
    yield { event: value as Record<string, unknown>, line: n, ms };
  }
}
