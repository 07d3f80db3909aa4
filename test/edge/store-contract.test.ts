import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeContract } from '../../src/edge/contract/index.js';
import { MemoryStore } from '../../src/index.js';
import { migrate, PostgresStore } from '../../src/postgres/index.js';

const api = { describe, it, expect };
// a schema prefix unique to this run, so parallel runs on one database never collide
const run = `contract_${process.pid}_${Date.now().toString(36)}`;

storeContract('MemoryStore', () => new MemoryStore(), api);

describe('PGlite (in memory)', () => {
  let db: PGlite | undefined;
  let n = 0;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  afterAll(async () => {
    await db?.close();
  });
  // each test gets a fresh schema in the one in-memory database
  storeContract(
    'PostgresStore on PGlite',
    async () => {
      if (db === undefined) throw new Error('PGlite did not start');
      const schema = `${run}_${++n}`;
      await migrate(db, { schema });
      return new PostgresStore(db, { schema });
    },
    api,
  );
});

const url = process.env['LOYALTY_PG_URL'];

describe(`PostgreSQL server (LOYALTY_PG_URL ${url === undefined || url === '' ? 'not set: start one with `bash scripts/pg-start.sh`' : 'set'})`, () => {
  it.skipIf(!url)('is configured (LOYALTY_PG_URL is set); without it the contract below is skipped, not run', () => {
    expect(url).toMatch(/^postgres(ql)?:\/\//);
  });

  if (!url) return;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // one connection shared by every operation: the store queues its transactions
  const client = new pg.Client({ connectionString: url });
  const schemas: string[] = [];
  beforeAll(async () => {
    await client.connect();
  });
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
    await pool.end();
  });
  const fresh = async (db: pg.Pool | pg.Client, kind: string): Promise<PostgresStore> => {
    const schema = `${run}_${kind}_${schemas.length + 1}`;
    schemas.push(schema);
    await migrate(db, { schema });
    return new PostgresStore(db, { schema });
  };
  storeContract('PostgresStore on a pg.Pool', () => fresh(pool, 'pool'), api);
  storeContract('PostgresStore on a pg.Client', () => fresh(client, 'client'), api);
});
