// The loyalty service: node examples/10-http-service/server.mjs (or npm run example:service).
// PGlite in memory by default; LOYALTY_PGLITE_DIR=./data keeps the data; DATABASE_URL=postgres://…
// uses a real server. PORT (default 3000) and HOST (default 127.0.0.1) say where to listen.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { createEngine, defineProgram } from 'loyalty-engine';
import { migrate, PostgresStore } from 'loyalty-engine/postgres';
import { buildApp } from './app.mjs';
import { openDatabase } from './database.mjs';

/**
 * @typedef {object} StartOptions
 * @property {Readonly<Record<string, string | undefined>>} [env]  default process.env
 * @property {number} [port]                                      default env.PORT or 3000; 0: any free port
 * @property {string} [host]                                      default env.HOST or 127.0.0.1
 * @property {boolean | object} [logger]                          fastify's logger (default: info level)
 * @property {() => string} [clock]                               "now" (default: the system clock)
 */

/**
 * Opens the database, creates the tables if needed, and listens.
 * @param {StartOptions} [options]
 * @returns {Promise<{ url: string, app: import('fastify').FastifyInstance, database: string, close: () => Promise<void> }>}
 */
export async function startServer(options = {}) {
  const env = options.env ?? process.env;
  const program = defineProgram(JSON.parse(await readFile(new URL('./program.json', import.meta.url), 'utf8')));
  const database = await openDatabase(env);
  const schema = env.LOYALTY_PG_SCHEMA ?? 'loyalty';
  await migrate(database.client, { schema });
  const store = new PostgresStore(database.client, { schema });
  /** @type {import('fastify').FastifyBaseLogger | undefined} */
  let log;
  const engine = createEngine({
    program,
    store,
    // Stand-in for your e-mail, push or webhook sender: effects are logged. A throw would keep the
    // effect in the outbox for engine.flush() to retry.
    notifier: { deliver: (item) => log?.info({ effectId: item.id, memberId: item.memberId, effect: item.effect.type }, 'effect') },
  });
  const app = buildApp({ engine, store, clock: options.clock, logger: options.logger ?? { level: env.LOG_LEVEL ?? 'info' } });
  log = app.log;
  app.addHook('onClose', () => database.close());
  const url = await app.listen({ port: options.port ?? Number(env.PORT ?? 3000), host: options.host ?? env.HOST ?? '127.0.0.1' });
  return { url, app, database: database.description, close: () => app.close() };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startServer();
  console.log(`loyalty service on ${server.url} (${server.database})`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      server.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
}
