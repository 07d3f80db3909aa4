import { programJsonSchema } from '../../program/json-schema.js';
import { parseCommand } from '../args.js';
import { CliError, EXIT, type ExitCode } from '../errors.js';
import type { Io } from '../io.js';

const SCHEMA_HELP = `Usage: loyalty-engine schema

Prints the JSON Schema (draft 2020-12) of the program format on stdout.
`;

/**
 * `schema`: prints the program JSON Schema.
 *
 * @example
 * await schemaCommand([], io);
 */
export async function schemaCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommand('schema', argv, {});
  if (values.help === true) {
    io.stdout.write(SCHEMA_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new CliError(`schema: takes no arguments, not "${positionals[0] ?? ''}"`);
  io.stdout.write(`${JSON.stringify(programJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}
