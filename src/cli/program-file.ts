import { readFile } from 'node:fs/promises';
import { formatPath, type Issue } from '../errors/loyalty-error.js';
import { safeDefineProgram, type Program } from '../program/define.js';
import { CliError, EXIT } from './errors.js';

/** A program file read and validated, or every problem found in it. */
export type ProgramFileResult = { readonly success: true; readonly program: Program } | { readonly success: false; readonly issues: readonly Issue[] };

/**
 * Reads a program file: JSON, validated by `safeDefineProgram`.
 *
 * @throws CliError (exit 2) when the file cannot be read or is not JSON (naming the line and column).
 * @example
 * const result = await readProgramFile('program.json');
 */
export async function readProgramFile(path: string): Promise<ProgramFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, EXIT.usage);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position === null ? '' : `:${lineColumn(text, Number(position[1]))}`;
    throw new CliError(`${path}${where}: not JSON (${message})`, EXIT.usage, 'invalid_program');
  }
  const result = safeDefineProgram(json);
  return result.success ? { success: true, program: result.program } : { success: false, issues: result.error.issues };
}

/**
 * One line per problem: `file: path: message (code)`.
 *
 * @example
 * problemLines('program.json', issues) // ['program.json: earn[0].rate.per: must be a decimal string (invalid_format)']
 */
export function problemLines(path: string, issues: readonly Issue[]): string[] {
  return issues.map((i) => `${path}: ${formatPath(i.path)}: ${i.message} (${i.code})`);
}

/**
 * Reads and validates a program for a command that needs a valid one.
 *
 * @throws CliError (exit 1) listing every problem, one per line, when the program is invalid.
 * @example
 * const program = await loadProgram('program.json');
 */
export async function loadProgram(path: string): Promise<Program> {
  const result = await readProgramFile(path);
  if (result.success) return result.program;
  const n = result.issues.length;
  throw new CliError(`${problemLines(path, result.issues).join('\n')}\n${path}: ${n} ${n === 1 ? 'problem' : 'problems'}; the program is invalid`, EXIT.problems, 'invalid_program');
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${line}:${column}`;
}
