import { simulate } from '../../simulation/simulate.js';
import { CSV_OPTIONS, parseCommand, REPORT_OPTIONS, reportFlags, simulateOptions } from '../args.js';
import { CliError, EXIT, type ExitCode } from '../errors.js';
import type { ReportContext } from '../format/context.js';
import { simulationSummary } from '../format/summary.js';
import { simulationHtml } from '../html/simulation-report.js';
import type { Io } from '../io.js';
import { reportJson, writeOutput } from '../output.js';
import { loadProgram } from '../program-file.js';
import { withProgress } from '../progress.js';
import { openCommandEvents, totalCsvStats } from './events-input.js';

/**
 * The CSV flags as `--help` lists them (shared by simulate, compare and explain).
 *
 * @example
 * process.stdout.write(CSV_HELP);
 */
export const CSV_HELP = `CSV input (.csv or .csv.gz; one line per order line, sorted by time):
  --csv-preset NAME          a known data set's mapping: online-retail
  --csv-member COLUMN        member id (lines without one are skipped as guests)
  --csv-order COLUMN         order id: lines of one order make one purchase
  --csv-time COLUMN          date-time: YYYY-MM-DD HH:MM[:SS], with Z/offset or local
  --csv-amount COLUMN        line total (negative: a return), or instead:
  --csv-quantity COLUMN      quantity (negative: a return) and
  --csv-price COLUMN         unit price
  --csv-sku COLUMN           product id: purchase items, returns matched by SKU
  --csv-category COLUMN      item category (for item conditions)
  --csv-delimiter CHAR       field separator (default ,)
  --csv-group-minutes N      how far apart one order's lines may be (default 60)
  --timezone ZONE            zone of local times (default: the preset's or the program's)
`;

const SIMULATE_HELP = `Usage: loyalty-engine simulate <program.json> <events…> [options]

Replays a history (NDJSON or CSV files, optionally .gz, merged in time order)
under a program and prints a summary: points issued, redeemed, expired, clawed
back and outstanding, liability, breakage, first-reward share, tiers, top
earners and redemptions.

Options:
  --point-value DECIMAL      what one point is worth (e.g. 0.01): liability, cost
  --period week|month        rows of the report over time (default month)
  --report FILE.html         write a self-contained HTML report with charts
  --json FILE.json           write the full report as JSON
  --top N                    top earners to list (default 10)
  --first-reward-days N      window for "time to first reward" (default 90)
  -q, --quiet                no summary on stdout, no progress line

${CSV_HELP}
Exit code: 0 done (refused events are counted, not fatal), 1 the program is
invalid, 2 usage or input error (file:line: problem).
`;

/**
 * `simulate program.json events…`: the summary on stdout, `--report` HTML, `--json` JSON.
 *
 * @example
 * const code = await simulateCommand(['program.json', 'events.ndjson', '--point-value', '0.01'], io);
 */
export async function simulateCommand(argv: readonly string[], io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommand('simulate', argv, { ...REPORT_OPTIONS, ...CSV_OPTIONS });
  if (values.help === true) {
    io.stdout.write(SIMULATE_HELP);
    return EXIT.ok;
  }
  if (positionals.length < 2) throw new CliError('simulate: give a program file and at least one events file: loyalty-engine simulate program.json events.ndjson');
  const flags = reportFlags(values);
  const [programPath = '', ...files] = positionals;
  const program = await loadProgram(programPath);
  const input = openCommandEvents(files, values, program);
  const report = await withProgress(io, input, 'simulate', flags.quiet, () => simulate(program, input.events, simulateOptions(flags)));
  const context: ReportContext = {
    programName: program.name ?? program.id,
    currency: program.currency,
    pointValue: flags.pointValue ?? null,
    levels: program.tiers?.levels.map((l) => l.id) ?? [],
    files,
    csv: totalCsvStats(input.csvStats),
    whereOf: input.whereOf,
  };
  if (!flags.quiet) io.stdout.write(simulationSummary(report, context));
  if (flags.report !== undefined) {
    await writeOutput(flags.report, simulationHtml(report, context));
    if (!flags.quiet) io.stdout.write(`\nReport written to ${flags.report}\n`);
  }
  if (flags.json !== undefined) await writeOutput(flags.json, reportJson(report));
  return EXIT.ok;
}
