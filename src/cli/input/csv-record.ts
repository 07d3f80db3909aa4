import { inputError } from '../errors.js';

/**
 * Splits one CSV record (RFC 4180: quoted fields, `""` for a quote, delimiters and newlines inside quotes).
 * Returns `null` while a quoted field is still open: append the next line (with `\n`) and call again.
 *
 * @example
 * parseRecord('a,"b, c","say ""hi"""') // ['a', 'b, c', 'say "hi"']
 */
export function parseRecord(text: string, delimiter = ','): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** A CSV record with the line it starts on (1-based, the header is line 1). */
export interface NumberedRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * The records of CSV text lines, joining lines while a quoted field is open.
 *
 * @example
 * for await (const { line, fields } of csvRecords(readLines(path, counter), path)) ...
 */
export async function* csvRecords(lines: AsyncIterable<string>, file: string, delimiter = ','): AsyncGenerator<NumberedRecord> {
  let pending = '';
  let start = 0;
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (pending === '') start = n;
    const fields = parseRecord(pending + line, delimiter);
    if (fields === null) {
      pending += `${line}\n`;
      continue;
    }
    pending = '';
    if (fields.length === 1 && fields[0] === '') continue; // a blank line
    yield { line: start, fields };
  }
  if (pending !== '') throw inputError(file, start, 'a quoted field is never closed');
}
