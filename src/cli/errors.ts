import { LoyaltyError, type LoyaltyErrorCode } from '../errors/loyalty-error.js';

/**
 * Exit codes of the command line: 0 ok, 1 problems found (an invalid program), 2 usage or input error.
 *
 * @example
 * return result.success ? EXIT.ok : EXIT.problems;
 */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
/** One of {@link EXIT}'s codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A failure the command line reports as one line on stderr, with its exit code.
 *
 * @example
 * throw new CliError('events.ndjson:12: not JSON (Unexpected token)', EXIT.usage);
 */
export class CliError extends LoyaltyError {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = EXIT.usage, code: LoyaltyErrorCode = 'invalid_argument') {
    super(code, message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/**
 * An error in one input file at one line: `file:line: message`.
 *
 * @example
 * throw inputError('orders.csv', 7, 'Quantity: "x" is not a whole number');
 */
export function inputError(file: string, line: number | null, message: string): CliError {
  return new CliError(`${file}${line === null ? '' : `:${line}`}: ${message}`, EXIT.usage, 'invalid_event');
}
