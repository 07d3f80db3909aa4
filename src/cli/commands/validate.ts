import { CliError, EXIT, type ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { parseCommand } from '../args.js';
import { problemLines, readProgramFile } from '../program-file.js';

const VALIDATE_HELP = `Usage: loyalty-engine validate <program.json>

Checks a program against the schema and the static checks (duplicate ids,
unknown references, …) and prints every problem with its path.
Exit code: 0 valid, 1 problems found, 2 usage error (no such file, not JSON).
`;

/**
 * `validate program.json`: prints `valid` or every problem, one per line.
 *
 * @example
 * const code = await validateCommand(['program.json'], io); // 0 or 1
 */
export async function validateCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommand('validate', argv, {});
  if (values.help === true) {
    io.stdout.write(VALIDATE_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new CliError('validate: give one program file: loyalty-engine validate program.json');
  const path = positionals[0] ?? '';
  const result = await readProgramFile(path);
  if (result.success) {
    const p = result.program;
    const levels = p.tiers?.levels.length ?? 0;
    const rewards = p.rewards?.catalog.length ?? 0;
    io.stdout.write(`${path}: valid (${p.id} v${p.version}: ${p.earn.length} earn ${p.earn.length === 1 ? 'rule' : 'rules'}, ${levels} tier ${levels === 1 ? 'level' : 'levels'}, ${rewards} ${rewards === 1 ? 'reward' : 'rewards'})\n`);
    return EXIT.ok;
  }
  const n = result.issues.length;
  io.stdout.write(`${problemLines(path, result.issues).join('\n')}\n${path}: ${n} ${n === 1 ? 'problem' : 'problems'}\n`);
  return EXIT.problems;
}
