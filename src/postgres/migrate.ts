import type { ConnectionMode, SqlClient } from './client.js';
import { detectMode } from './client.js';
import { storeFailure } from './failure.js';
import { DEFAULT_SCHEMA, tablesIn } from './identifier.js';
import { transaction } from './session.js';

/** Where `migrate` creates the tables. */
export interface MigrateOptions {
  /** The schema (default `loyalty`): ASCII letters, digits and `_`, validated and quoted. */
  readonly schema?: string | undefined;
  /** How to use the client; detected when absent (see `PostgresStoreOptions.mode`). */
  readonly mode?: ConnectionMode | undefined;
}

/**
 * The statements that create the store's schema and tables, in order, each
 * idempotent (`IF NOT EXISTS`):
 *
 * - `member_states`: one row per member, the state as JSONB and its `version`
 *   (the optimistic-concurrency check of `commit`);
 * - `processed_events`: every processed event id, the primary key making it
 *   unique (a redelivered event is refused as a duplicate);
 * - `outbox`: effects waiting for delivery, keyed by the effect's id, with the
 *   member, the event, the effect as JSONB and `seq`, their creation order.
 *
 * @throws LoyaltyError `invalid_argument` for a schema name that is not a plain identifier.
 * @example
 * for (const sql of migrationStatements('loyalty')) await db.exec(sql);
 */
export function migrationStatements(schema: string = DEFAULT_SCHEMA): string[] {
  const t = tablesIn(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${t.schema}`,
    `CREATE TABLE IF NOT EXISTS ${t.states} (
  "member_id" text PRIMARY KEY,
  "version" bigint NOT NULL CHECK ("version" >= 0),
  "state" jsonb NOT NULL,
  "updated_at" timestamptz NOT NULL DEFAULT now()
)`,
    `CREATE TABLE IF NOT EXISTS ${t.processed} (
  "event_id" text PRIMARY KEY,
  "member_id" text NOT NULL,
  "processed_at" timestamptz NOT NULL DEFAULT now()
)`,
    `CREATE TABLE IF NOT EXISTS ${t.outbox} (
  "effect_id" text PRIMARY KEY,
  "member_id" text NOT NULL,
  "event_id" text NOT NULL,
  "effect" jsonb NOT NULL,
  "seq" bigint GENERATED ALWAYS AS IDENTITY,
  "created_at" timestamptz NOT NULL DEFAULT now()
)`,
    `CREATE INDEX IF NOT EXISTS "outbox_seq_idx" ON ${t.outbox} ("seq")`,
  ];
}

/**
 * The migration as one SQL script (statements separated by `;`), for your own
 * migration tool: `psql -f`, a Flyway/Knex/Prisma migration, etc.
 *
 * @example
 * fs.writeFileSync('migrations/001_loyalty.sql', migrationSql('loyalty'));
 */
export function migrationSql(schema: string = DEFAULT_SCHEMA): string {
  return `${migrationStatements(schema).join(';\n\n')};\n`;
}

/** The migration for the default schema (`loyalty`), as `migrationSql()` returns it. */
export const MIGRATION_SQL: string = migrationSql();

/**
 * Creates the store's schema and tables if they do not exist: safe to run at
 * every start, and from several processes at once (they take turns on an
 * advisory lock). Works with `pg` (`Client`, `Pool`) and PGlite.
 *
 * @example
 * await migrate(pool, { schema: 'loyalty' });
 * const store = new PostgresStore(pool, { schema: 'loyalty' });
 *
 * @throws LoyaltyError `invalid_argument` for a bad schema name, `store_failure` if the database refuses.
 */
export async function migrate(client: SqlClient, options: MigrateOptions = {}): Promise<void> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const statements = migrationStatements(schema);
  try {
    await transaction(client, options.mode ?? detectMode(client), async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`loyalty-engine:migrate:${schema}`]);
      for (const statement of statements) await tx.query(statement);
      return { commit: true, value: undefined };
    });
  } catch (error) {
    throw storeFailure(`migrate (schema ${schema})`, error);
  }
}
