import { isLoyaltyError, LoyaltyError } from '../errors/loyalty-error.js';

/**
 * Wraps what the database or driver threw in a `LoyaltyError`
 * (`store_failure`, the original as `cause` and `details.cause`);
 * a `LoyaltyError` passes through unchanged.
 */
export function storeFailure(operation: string, cause: unknown): LoyaltyError {
  if (isLoyaltyError(cause)) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  const error = new LoyaltyError('store_failure', `postgres: ${operation} failed: ${reason}`, { details: { operation, cause } });
  error.cause = cause;
  return error;
}
