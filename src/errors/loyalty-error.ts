/** A problem found in a program definition or an event, with where it is. */
export interface Issue {
  /** A machine-readable code, e.g. `invalid_type`, `unknown_reference`. */
  readonly code: string;
  /** Where the problem is: object keys and array indexes from the root of the input. */
  readonly path: readonly (string | number)[];
  /** A sentence for humans. */
  readonly message: string;
}

/** Every error code the library throws. Refusals of events carry domain codes. */
export type LoyaltyErrorCode =
  | 'invalid_program'
  | 'invalid_event'
  | 'program_not_defined'
  | 'member_mismatch'
  | 'program_mismatch'
  | 'currency_mismatch'
  | 'duplicate_order'
  | 'unknown_order'
  | 'refund_window_closed'
  | 'unknown_item'
  | 'refund_exceeds_order'
  | 'invalid_condition'
  | 'undefined_fact'
  | 'invalid_state'
  | 'invalid_argument'
  | 'unknown_plan'
  | 'membership_active'
  | 'no_membership'
  | 'unknown_level'
  | 'invalid_grant'
  | 'duplicate_event'
  | 'unknown_redemption'
  | 'already_reversed'
  | 'no_wallet'
  | 'below_minimum'
  | 'insufficient_funds'
  | 'too_precise'
  | 'commit_conflict'
  | 'no_program_version'
  | 'store_failure'
  | 'program_check_failed'
  | 'already_enrolled'
  | 'referrals_not_declared'
  | 'self_referral';

const MARKER = Symbol.for('loyalty-engine.error');

/**
 * The one error class of loyalty-engine. Every error thrown by the library is a
 * `LoyaltyError` with a string `code`; validation errors also list every
 * `issue` with its path.
 *
 * Recognise it with {@link isLoyaltyError}, which works even when two copies of
 * the package are loaded in one application.
 *
 * @example
 * try { evaluate(program, state, event) }
 * catch (e) { if (isLoyaltyError(e) && e.code === 'unknown_order') { ... } }
 */
export class LoyaltyError extends Error {
  /** What went wrong, as a stable string code to branch on. */
  readonly code: LoyaltyErrorCode;
  /** Validation errors: every problem found, each with its path (empty otherwise). */
  readonly issues: readonly Issue[];
  /** The values behind a refusal (ids, amounts); empty when there are none. */
  readonly details: Readonly<Record<string, unknown>>;

  /**
   * @param code What went wrong.
   * @param message A sentence for humans.
   * @param options `issues` for validation errors, `details` for the values behind a refusal.
   */
  constructor(
    code: LoyaltyErrorCode,
    message: string,
    options: {
      /** Every problem found, each with its path. */
      issues?: readonly Issue[];
      /** The values behind a refusal. */
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = 'LoyaltyError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
    Object.defineProperty(this, MARKER, { value: true });
  }
}

/**
 * Thrown by `defineProgram` with every problem of the definition.
 *
 * @example
 * try {
 *   defineProgram({ id: 'coffee' });
 * } catch (e) {
 *   if (e instanceof ProgramError) for (const issue of e.issues) console.log(formatPath(issue.path), issue.code);
 *   // version invalid_type, currency invalid_type, …
 * }
 */
export class ProgramError extends LoyaltyError {
  constructor(issues: readonly Issue[]) {
    super('invalid_program', formatIssues('Invalid program', issues), { issues });
    this.name = 'ProgramError';
  }
}

/**
 * Thrown when an event does not match the wire format; the state is untouched.
 *
 * @example
 * const result = safeParseEvent({ id: 'e1', type: 'purchase', memberId: 'm1', at: '2024-03-01T10:00:00' });
 * if (!result.success) result.error instanceof EventError; // true: `at` has no offset, and fields are missing
 */
export class EventError extends LoyaltyError {
  constructor(issues: readonly Issue[]) {
    super('invalid_event', formatIssues('Invalid event', issues), { issues });
    this.name = 'EventError';
  }
}

/**
 * True for any error thrown by loyalty-engine, whichever copy of the package threw it.
 *
 * @example
 * try {
 *   ({ state } = evaluate(program, state, event));
 * } catch (e) {
 *   if (!isLoyaltyError(e)) throw e;
 *   log.warn({ code: e.code, details: e.details }, 'event refused');
 * }
 */
export function isLoyaltyError(value: unknown): value is LoyaltyError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
}

/**
 * Renders a path like `earn[2].rate.per`; the empty path is `(root)`.
 *
 * @example
 * formatPath(['earn', 2, 'rate', 'per']); // 'earn[2].rate.per'
 * formatPath([]); // '(root)'
 */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(root)' : out;
}

function formatIssues(title: string, issues: readonly Issue[]): string {
  const lines = issues.map((i) => `  - ${formatPath(i.path)}: ${i.message} (${i.code})`);
  return `${title}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${lines.join('\n')}`;
}
