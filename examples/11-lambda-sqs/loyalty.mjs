// What a Lambda instance sets up once, on its cold start, and keeps while it is warm: the defined
// program (validated, conditions compiled), the database connection and the engine.
import { readFile } from 'node:fs/promises';
import { createEngine, defineProgram } from 'loyalty-engine';
import { migrate, PostgresStore } from 'loyalty-engine/postgres';
import { openDatabase } from './database.mjs';

/**
 * @typedef {object} Loyalty
 * @property {import('loyalty-engine').Engine} engine
 * @property {import('loyalty-engine').Store} store
 * @property {import('loyalty-engine').Program} program
 * @property {string} database
 * @property {() => Promise<void>} close
 */

/**
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {{ notifier?: import('loyalty-engine').Notifier }} [options]
 * @returns {Promise<Loyalty>}
 */
export async function openLoyalty(env, options = {}) {
  const program = defineProgram(JSON.parse(await readFile(new URL('./program.json', import.meta.url), 'utf8')));
  const database = await openDatabase(env);
  const schema = env.LOYALTY_PG_SCHEMA ?? 'loyalty';
  // idempotent and safe from many instances at once (an advisory lock); with a real server you may
  // rather run it once at deploy time and set LOYALTY_SKIP_MIGRATE=1
  if (env.LOYALTY_SKIP_MIGRATE !== '1') await migrate(database.client, { schema });
  const store = new PostgresStore(database.client, { schema });
  const engine = createEngine({ program, store, ...(options.notifier === undefined ? {} : { notifier: options.notifier }) });
  return { engine, store, program, database: database.description, close: database.close };
}
