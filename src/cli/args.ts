import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DECIMAL_PATTERN } from '../money/decimal.js';
import { CliError } from './errors.js';
import type { SimulateOptions } from '../simulation/types.js';
import type { CsvFlags } from './input/csv-mapping.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The CSV mapping flags, shared by `simulate`, `compare` and `explain`.
 *
 * @example
 * parseCommand('explain', argv, { member: { type: 'string' }, ...CSV_OPTIONS })
 */
export const CSV_OPTIONS = {
  'csv-preset': { type: 'string' },
  'csv-member': { type: 'string' },
  'csv-order': { type: 'string' },
  'csv-time': { type: 'string' },
  'csv-amount': { type: 'string' },
  'csv-quantity': { type: 'string' },
  'csv-price': { type: 'string' },
  'csv-sku': { type: 'string' },
  'csv-category': { type: 'string' },
  'csv-delimiter': { type: 'string' },
  'csv-group-minutes': { type: 'string' },
  timezone: { type: 'string' },
} as const satisfies Options;

/**
 * The report flags of `simulate` and `compare`.
 *
 * @example
 * parseCommand('simulate', argv, { ...REPORT_OPTIONS, ...CSV_OPTIONS })
 */
export const REPORT_OPTIONS = {
  'point-value': { type: 'string' },
  period: { type: 'string' },
  report: { type: 'string' },
  json: { type: 'string' },
  top: { type: 'string' },
  'first-reward-days': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const satisfies Options;

/** Parsed flags (by long name) and positional arguments. */
export interface ParsedCommand {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies Options;

/**
 * Parses a command's arguments strictly (unknown flags and missing values are usage errors).
 *
 * @throws CliError (exit 2) `command: unknown option --x`.
 * @example
 * const { values, positionals } = parseCommand('simulate', argv, { ...REPORT_OPTIONS, ...CSV_OPTIONS });
 */
export function parseCommand(command: string, argv: readonly string[], options: Options): ParsedCommand {
  try {
    return parseArgs({ args: [...argv], options: { ...options, ...HELP_OPTION }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    throw new CliError(`${command}: ${message.replace(/\. To specify a positional argument.*$/, '')} (see loyalty-engine ${command} --help)`);
  }
}

/**
 * The CSV flags from parsed values.
 *
 * @example
 * csvFlags(values).preset
 */
export function csvFlags(values: Readonly<Record<string, unknown>>): CsvFlags {
  const s = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return {
    preset: s('csv-preset'),
    member: s('csv-member'),
    order: s('csv-order'),
    time: s('csv-time'),
    amount: s('csv-amount'),
    quantity: s('csv-quantity'),
    price: s('csv-price'),
    sku: s('csv-sku'),
    category: s('csv-category'),
    delimiter: s('csv-delimiter'),
    groupMinutes: s('csv-group-minutes'),
    timezone: s('timezone'),
  };
}

/** The report options, checked. */
export interface ReportFlags {
  readonly pointValue: string | undefined;
  readonly period: 'week' | 'month';
  readonly report: string | undefined;
  readonly json: string | undefined;
  readonly top: number;
  readonly firstRewardDays: number;
  readonly quiet: boolean;
}

/**
 * Checks the report flags.
 *
 * @throws CliError (exit 2) naming the flag: `--period: must be week or month, not "day"`.
 * @example
 * reportFlags({ 'point-value': '0.01', period: 'week' }).period // 'week'
 */
export function reportFlags(values: Readonly<Record<string, unknown>>): ReportFlags {
  const s = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const pointValue = s('point-value');
  if (pointValue !== undefined && !DECIMAL_PATTERN.test(pointValue)) throw new CliError(`--point-value: must be a decimal number such as 0.01, not "${pointValue}"`);
  const period = s('period') ?? 'month';
  if (period !== 'week' && period !== 'month') throw new CliError(`--period: must be week or month, not "${period}"`);
  return {
    pointValue,
    period,
    report: s('report'),
    json: s('json'),
    top: wholeNumber('--top', s('top'), 10, 0, 100_000),
    firstRewardDays: wholeNumber('--first-reward-days', s('first-reward-days'), 90, 0, 3660),
    quiet: values.quiet === true,
  };
}

function wholeNumber(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new CliError(`${flag}: must be a whole number from ${min} to ${max}, not "${text}"`);
  return n;
}

/**
 * The `simulate` / `compare` options the report flags ask for (refused events are collected, not fatal).
 *
 * @example
 * simulate(program, events, simulateOptions(reportFlags(values)));
 */
export function simulateOptions(flags: ReportFlags): SimulateOptions {
  return {
    ...(flags.pointValue === undefined ? {} : { pointValue: flags.pointValue }),
    period: flags.period,
    top: flags.top,
    firstRewardWithinDays: flags.firstRewardDays,
    onRejected: 'collect',
  };
}
