/**
 * `loyalty-engine/postgres`: a `Store` in PostgreSQL or PGlite, with no
 * runtime dependency: bring your own client (`pg` `Client` or `Pool`, PGlite).
 *
 * @example
 * import pg from 'pg';
 * import { migrate, PostgresStore } from 'loyalty-engine/postgres';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await migrate(pool);
 * const store = new PostgresStore(pool);
 *
 * @packageDocumentation
 * @module loyalty-engine/postgres
 */
export { PostgresStore } from './store.js';
export type { PostgresStoreOptions } from './store.js';
export { migrate, migrationSql, migrationStatements, MIGRATION_SQL } from './migrate.js';
export type { MigrateOptions } from './migrate.js';
export { DEFAULT_SCHEMA } from './identifier.js';
export type { SqlClient, SqlPool, SqlPoolClient, ConnectionMode } from './client.js';
