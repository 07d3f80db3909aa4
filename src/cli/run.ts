import { isLoyaltyError } from '../errors/loyalty-error.js';
import { compareCommand } from './commands/compare.js';
import { explainCommand } from './commands/explain.js';
import { schemaCommand } from './commands/schema.js';
import { simulateCommand } from './commands/simulate.js';
import { validateCommand } from './commands/validate.js';
import { CliError, EXIT, type ExitCode } from './errors.js';
import type { Io } from './io.js';

const USAGE = `Usage: loyalty-engine <command> [arguments] [options]

Commands:
  validate <program.json>                      check a program; every problem with its path
  schema                                       print the JSON Schema of the program format
  simulate <program.json> <events…>            replay a history: summary, --report HTML, --json
  compare <a.json> <b.json> <events…>          the same history under two programs: the difference
  explain <program.json> <events…> --member ID one member's ledger, entry by entry, and tier history

Events files: .ndjson / .jsonl (one event per line) or .csv with a column
mapping (--csv-preset online-retail, or --csv-member, --csv-order, …), each
optionally gzipped (.gz). Run loyalty-engine <command> --help for its options.

Exit codes: 0 ok, 1 problems found (an invalid program), 2 usage or input error.
`;

const COMMANDS: Readonly<Record<string, (argv: readonly string[], io: Io) => Promise<ExitCode>>> = {
  validate: validateCommand,
  schema: schemaCommand,
  simulate: simulateCommand,
  compare: compareCommand,
  explain: explainCommand,
};

/**
 * Runs the command line and returns the exit code. Every failure is reported on stderr as lines naming
 * the file, line or flag at fault; nothing is thrown.
 *
 * @example
 * process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
 */
export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  try {
    if (command === undefined) throw new CliError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; see loyalty-engine --help)`);
    return await command(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(error.message.split('\n').map((line) => `loyalty-engine: ${line}\n`).join(''));
      return error.exitCode;
    }
    if (isLoyaltyError(error)) {
      io.stderr.write(`loyalty-engine: ${error.code}: ${error.message.split('\n').join(' ')}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`loyalty-engine: internal error (please report it): ${message}\n`);
    return EXIT.usage;
  }
}
