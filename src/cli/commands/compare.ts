import { compare } from '../../simulation/compare.js';
import { CSV_OPTIONS, parseCommand, REPORT_OPTIONS, reportFlags, simulateOptions } from '../args.js';
import { CliError, EXIT, type ExitCode } from '../errors.js';
import { comparisonText, type CompareContext } from '../format/compare-text.js';
import { comparisonHtml } from '../html/compare-report.js';
import type { Io } from '../io.js';
import { reportJson, writeOutput } from '../output.js';
import { loadProgram } from '../program-file.js';
import { withProgress } from '../progress.js';
import { CSV_HELP } from './simulate.js';
import { openCommandEvents } from './events-input.js';

const COMPARE_HELP = `Usage: loyalty-engine compare <a.json> <b.json> <events…> [options]

Replays the same history under program A and program B and prints the
difference: totals B − A, members who gain or lose points, tier changes, the
most affected members. CSV times and currency follow program A.

Options:
  --point-value DECIMAL      what one point is worth: liability and cost differences
  --period week|month        rows over time (default month)
  --report FILE.html         write a self-contained HTML page of the difference
  --json FILE.json           write the full comparison as JSON
  --top N                    most affected members to list (default 10)
  --first-reward-days N      window for "time to first reward" (default 90)
  -q, --quiet                no output on stdout, no progress line

${CSV_HELP}
Exit code: 0 done, 1 a program is invalid, 2 usage or input error.
`;

/**
 * `compare a.json b.json events…`.
 *
 * @example
 * await compareCommand(['a.json', 'b.json', 'events.ndjson', '--report', 'diff.html'], io);
 */
export async function compareCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommand('compare', argv, { ...REPORT_OPTIONS, ...CSV_OPTIONS });
  if (values.help === true) {
    io.stdout.write(COMPARE_HELP);
    return EXIT.ok;
  }
  if (positionals.length < 3) throw new CliError('compare: give two program files and at least one events file: loyalty-engine compare a.json b.json events.ndjson');
  const flags = reportFlags(values);
  const [pathA = '', pathB = '', ...files] = positionals;
  const a = await loadProgram(pathA);
  const b = await loadProgram(pathB);
  const input = openCommandEvents(files, values, a);
  const report = await withProgress(io, input, 'compare', flags.quiet, () => compare(a, b, input.events, simulateOptions(flags)));
  const levels = [...new Set([...(a.tiers?.levels.map((l) => l.id) ?? []), ...(b.tiers?.levels.map((l) => l.id) ?? [])])];
  const context: CompareContext = { nameA: a.name ?? a.id, nameB: b.name ?? b.id, currency: a.currency, pointValue: flags.pointValue ?? null, levels };
  if (!flags.quiet) io.stdout.write(comparisonText(report, context));
  if (flags.report !== undefined) {
    await writeOutput(flags.report, comparisonHtml(report, context));
    if (!flags.quiet) io.stdout.write(`\nReport written to ${flags.report}\n`);
  }
  if (flags.json !== undefined) await writeOutput(flags.json, reportJson(report));
  return EXIT.ok;
}
