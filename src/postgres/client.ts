/**
 * The one method the PostgreSQL store needs from a client: `pg`'s `Client`,
 * `Pool` and `PoolClient`, and PGlite all have it. Parameters are passed as
 * `$1`, `$2`, … placeholders, never spliced into the text.
 */
export interface SqlClient {
  /** Runs one statement with `$1`, `$2`, … parameters; resolves to its rows. */
  query(
    text: string,
    params?: unknown[],
  ): Promise<{
    /** The rows returned. */
    rows: unknown[];
  }>;
}

/** A connection checked out of a pool (`pg`'s `PoolClient`). */
export interface SqlPoolClient extends SqlClient {
  /** Gives the connection back; with an error (or `true`), the pool discards it. */
  release(error?: Error | boolean): void;
}

/** A pool of connections (`pg`'s `Pool`): each transaction gets a connection of its own. */
export interface SqlPool extends SqlClient {
  /** Checks a connection out of the pool. */
  connect(): Promise<SqlPoolClient>;
}

/**
 * How the store uses its client. `pool`: one checked-out connection per
 * transaction, released after; `single`: one connection shared by everything,
 * so the store runs one operation at a time on it.
 */
export type ConnectionMode = 'pool' | 'single';

/**
 * Tells a pool from a single connection: a `pg` `Client` also has `connect()`
 * (to open itself), so a pool is recognised by its connection counters
 * (`totalCount`, `idleCount`), as `pg`'s `Pool` and its derivatives have.
 */
export function detectMode(client: SqlClient): ConnectionMode {
  const candidate = client as SqlClient & { connect?: unknown };
  if (typeof candidate.connect !== 'function') return 'single';
  return 'totalCount' in client || 'idleCount' in client ? 'pool' : 'single';
}
