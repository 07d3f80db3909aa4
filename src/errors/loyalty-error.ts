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
  readonly code: LoyaltyErrorCode;
  readonly issues: readonly Issue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: LoyaltyErrorCode,
    message: string,
    options: { issues?: readonly Issue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'LoyaltyError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
    Object.defineProperty(this, MARKER, { value: true });
  }
}

/** Thrown by `defineProgram` with every problem of the definition. */
export class ProgramError extends LoyaltyError {
  constructor(issues: readonly Issue[]) {
    super('invalid_program', formatIssues('Invalid program', issues), { issues });
    this.name = 'ProgramError';
  }
}

/** Thrown when an event does not match the wire format; the state is untouched. */
export class EventError extends LoyaltyError {
  constructor(issues: readonly Issue[]) {
    super('invalid_event', formatIssues('Invalid event', issues), { issues });
    this.name = 'EventError';
  }
}

/** True for any error thrown by loyalty-engine, whichever copy of the package threw it. */
export function isLoyaltyError(value: unknown): value is LoyaltyError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
}

/** Renders a path like `earn[2].rate.per`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(root)' : out;
}

function formatIssues(title: string, issues: readonly Issue[]): string {
  const lines = issues.map((i) => `  - ${formatPath(i.path)}: ${i.message} (${i.code})`);
  return `${title}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${lines.join('\n')}`;
}
