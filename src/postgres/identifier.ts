import { LoyaltyError } from '../errors/loyalty-error.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The schema the store uses when none is given. */
export const DEFAULT_SCHEMA = 'loyalty';

/**
 * Checks a schema name and returns it double-quoted for SQL. Only ASCII
 * letters, digits and `_` are accepted (not starting with a digit, at most 63
 * characters, not `pg_…`, which PostgreSQL reserves); the name is used exactly
 * as given, so it is case-sensitive.
 *
 * @throws LoyaltyError `invalid_argument` for anything else.
 */
export function quoteSchema(name: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name) || name.toLowerCase().startsWith('pg_')) {
    throw new LoyaltyError(
      'invalid_argument',
      `postgres: schema ${JSON.stringify(name)} is not accepted: use 1 to 63 ASCII letters, digits or "_", not starting with a digit or "pg_"`,
      { issues: [{ code: 'invalid_identifier', path: ['schema'], message: 'must match /^[A-Za-z_][A-Za-z0-9_]{0,62}$/ and not start with "pg_"' }], details: { schema: name } },
    );
  }
  return `"${name}"`;
}

/** The store's quoted, schema-qualified table names. */
export interface Tables {
  readonly schema: string;
  readonly states: string;
  readonly processed: string;
  readonly outbox: string;
}

/** The quoted names of the store's tables in a schema (validated). */
export function tablesIn(schema: string): Tables {
  const s = quoteSchema(schema);
  return { schema: s, states: `${s}."member_states"`, processed: `${s}."processed_events"`, outbox: `${s}."outbox"` };
}
