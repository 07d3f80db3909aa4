// Where the member states live. A real PostgreSQL server when DATABASE_URL (or LOYALTY_PG_URL) is
// set; otherwise PGlite, PostgreSQL compiled to WebAssembly, in this process: in memory, or in the
// directory LOYALTY_PGLITE_DIR to keep the data between runs. The store takes either client.

/**
 * @typedef {object} Database
 * @property {import('loyalty-engine/postgres').SqlClient} client  a pg Pool or a PGlite instance
 * @property {string} description                                 for the start-up line (no password)
 * @property {() => Promise<void>} close
 */

/**
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {Promise<Database>}
 */
export async function openDatabase(env) {
  const url = env.DATABASE_URL || env.LOYALTY_PG_URL;
  if (url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url, max: Number(env.PG_POOL_MAX ?? 10) });
    return { client: pool, description: `PostgreSQL at ${withoutPassword(url)}`, close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = env.LOYALTY_PGLITE_DIR;
  const db = dir ? new PGlite(dir) : new PGlite();
  await db.waitReady;
  return { client: db, description: dir ? `PGlite in ${dir}` : 'PGlite in memory (gone when the process ends)', close: () => db.close() };
}

/** @param {string} url */
function withoutPassword(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(the configured URL)';
  }
}
