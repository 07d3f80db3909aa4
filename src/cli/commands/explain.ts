import { CSV_OPTIONS, parseCommand } from '../args.js';
import { CliError, EXIT, type ExitCode } from '../errors.js';
import { explainMember } from '../explain/member-ledger.js';
import { explanationText } from '../format/explain-text.js';
import type { Io } from '../io.js';
import { reportJson, writeOutput } from '../output.js';
import { loadProgram } from '../program-file.js';
import { withProgress } from '../progress.js';
import { CSV_HELP } from './simulate.js';
import { openCommandEvents } from './events-input.js';

const EXPLAIN_HELP = `Usage: loyalty-engine explain <program.json> <events…> --member ID [options]

Replays one member's events and prints their ledger: each entry with the
event (type, id, time, order, amount) and the rule that caused it, the running
balance, then their tier history and any refused event.

Options:
  --member ID                the member (required)
  --json FILE.json           also write the explanation as JSON

${CSV_HELP}
Exit code: 0 done, 1 the program is invalid, 2 usage or input error.
`;

/**
 * `explain program.json events… --member ID`.
 *
 * @example
 * await explainCommand(['program.json', 'events.ndjson', '--member', 'm1'], io);
 */
export async function explainCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommand('explain', argv, { member: { type: 'string' }, json: { type: 'string' }, ...CSV_OPTIONS });
  if (values.help === true) {
    io.stdout.write(EXPLAIN_HELP);
    return EXIT.ok;
  }
  const memberId = typeof values.member === 'string' ? values.member : undefined;
  if (memberId === undefined || memberId === '') throw new CliError('explain: give the member: --member ID');
  if (positionals.length < 2) throw new CliError('explain: give a program file and at least one events file: loyalty-engine explain program.json events.ndjson --member ID');
  const [programPath = '', ...files] = positionals;
  const program = await loadProgram(programPath);
  const input = openCommandEvents(files, values, program, memberId);
  const explained = await withProgress(io, input, 'explain', false, () => explainMember(program, input.events, memberId, input.whereOf));
  if (explained.applied === 0 && explained.refused.length === 0) io.stderr.write(`loyalty-engine: no events for member ${memberId} in ${files.join(', ')}\n`);
  io.stdout.write(explanationText(explained, program));
  if (typeof values.json === 'string') await writeOutput(values.json, reportJson(explained));
  return EXIT.ok;
}
