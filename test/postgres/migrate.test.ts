import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoyaltyError } from '../../src/index.js';
import { migrate, migrationSql, MIGRATION_SQL, PostgresStore, type SqlClient } from '../../src/postgres/index.js';

const TABLES = ['member_states', 'outbox', 'processed_events'];

async function tablesIn(db: SqlClient, schema: string): Promise<string[]> {
  const { rows } = await db.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema]);
  return rows.map((r) => (r as { table_name: string }).table_name);
}

async function columnsOf(db: SqlClient, schema: string, table: string): Promise<Record<string, string>> {
  const { rows } = await db.query('SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2', [schema, table]);
  return Object.fromEntries(rows.map((r) => [(r as { column_name: string }).column_name, (r as { data_type: string }).data_type]));
}

function refusal(error: unknown): string {
  return isLoyaltyError(error) ? error.code : `not a LoyaltyError: ${String(error)}`;
}

const BAD_NAMES = ['', '1abc', 'a-b', 'a b', 'public; DROP TABLE x', 'a"b', 'pg_catalog', 'x'.repeat(64), 'naïve'];

describe('migrate on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates the schema and tables, and running it again (even concurrently) changes nothing', async () => {
    await migrate(db, { schema: 'twice' });
    await migrate(db, { schema: 'twice' });
    await Promise.all([migrate(db, { schema: 'twice' }), migrate(db, { schema: 'twice' })]);
    expect(await tablesIn(db, 'twice')).toEqual(TABLES);
  });

  it('uses the schema "loyalty" by default', async () => {
    await migrate(db);
    expect(await tablesIn(db, 'loyalty')).toEqual(TABLES);
  });

  it('gives the tables their columns: JSONB state with a version, unique event ids, an ordered outbox', async () => {
    await migrate(db, { schema: 'cols' });
    expect(await columnsOf(db, 'cols', 'member_states')).toEqual({ member_id: 'text', version: 'bigint', state: 'jsonb', updated_at: 'timestamp with time zone' });
    expect(await columnsOf(db, 'cols', 'processed_events')).toEqual({ event_id: 'text', member_id: 'text', processed_at: 'timestamp with time zone' });
    expect(await columnsOf(db, 'cols', 'outbox')).toEqual({ effect_id: 'text', member_id: 'text', event_id: 'text', effect: 'jsonb', seq: 'bigint', created_at: 'timestamp with time zone' });
    await db.query(`INSERT INTO "cols"."processed_events" ("event_id", "member_id") VALUES ('e1', 'm1')`);
    await expect(db.query(`INSERT INTO "cols"."processed_events" ("event_id", "member_id") VALUES ('e1', 'm2')`)).rejects.toThrow(/duplicate key/);
  });

  it('refuses schema names that are not plain identifiers, before touching the database', async () => {
    for (const schema of BAD_NAMES) {
      const error = await migrate(db, { schema }).then(
        () => 'accepted',
        (e: unknown) => refusal(e),
      );
      expect(error, schema).toBe('invalid_argument');
      expect(() => new PostgresStore(db, { schema }), schema).toThrow(/is not accepted/);
      expect(() => migrationSql(schema), schema).toThrow(/is not accepted/);
    }
    const { rows } = await db.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE '%DROP%' OR nspname LIKE 'a%b'`);
    expect(rows).toEqual([]);
  });

  it('accepts mixed case and keeps it (quoted identifiers)', async () => {
    await migrate(db, { schema: 'Loyalty_Mixed' });
    expect(await tablesIn(db, 'Loyalty_Mixed')).toEqual(TABLES);
  });

  it('documents the SQL: MIGRATION_SQL is the default schema script, every statement idempotent', () => {
    expect(MIGRATION_SQL).toBe(migrationSql('loyalty'));
    expect(migrationSql('x')).toContain('CREATE TABLE IF NOT EXISTS "x"."outbox"');
    const statements = MIGRATION_SQL.split(';').map((s) => s.trim()).filter((s) => s !== '');
    for (const statement of statements) expect(statement).toMatch(/^CREATE (SCHEMA|TABLE|INDEX) IF NOT EXISTS /);
  });
});

const url = process.env['LOYALTY_PG_URL'];

describe('migrate on a PostgreSQL server', () => {
  it.skipIf(!url)('runs twice and concurrently on a pg.Pool, then the tables exist (skipped: LOYALTY_PG_URL not set)', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const schema = `migrate_${process.pid}_${Date.now().toString(36)}`;
    try {
      await migrate(pool, { schema });
      await migrate(pool, { schema });
      await Promise.all([migrate(pool, { schema }), migrate(pool, { schema }), migrate(pool, { schema })]);
      expect(await tablesIn(pool, schema)).toEqual(TABLES);
      const error = await migrate(pool, { schema: 'bad-name' }).then(
        () => 'accepted',
        (e: unknown) => refusal(e),
      );
      expect(error).toBe('invalid_argument');
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    }
  });
});
