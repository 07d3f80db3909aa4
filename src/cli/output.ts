import { writeFile } from 'node:fs/promises';
import { CliError, EXIT } from './errors.js';

/**
 * Writes a report file.
 *
 * @throws CliError (exit 2) `out.html: cannot write (ENOENT)`.
 * @example
 * await writeOutput('report.html', html);
 */
export async function writeOutput(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    throw new CliError(`${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`, EXIT.usage);
  }
}

/**
 * A report as JSON: refused events keep their event, error code and message (an Error has no JSON form).
 *
 * @example
 * await writeOutput('report.json', reportJson(report));
 */
export function reportJson(report: unknown): string {
  return `${JSON.stringify(
    report,
    (_key, value: unknown) => (value instanceof Error ? { code: (value as Error & { code?: string }).code, message: value.message } : value),
    2,
  )}\n`;
}
