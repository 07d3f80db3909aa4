import type { ConnectionMode, SqlClient, SqlPool } from './client.js';

const queues = new WeakMap<object, Promise<void>>();

/**
 * Runs `task` once every task queued before it on the same client has
 * settled: a single connection then never sees two operations (or two
 * transactions) interleaved. Shared by every store and `migrate` on the client.
 */
export function exclusive<T>(client: object, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(client) ?? Promise.resolve();
  const run = previous.then(task);
  queues.set(
    client,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
}

/** Runs one statement-level operation: on the pool directly, or queued on the single connection. */
export function withClient<T>(client: SqlClient, mode: ConnectionMode, work: (db: SqlClient) => Promise<T>): Promise<T> {
  return mode === 'pool' ? work(client) : exclusive(client, () => work(client));
}

/** What a transaction's work returns: its value, and whether to commit (else roll back). */
export interface TransactionOutcome<T> {
  readonly commit: boolean;
  readonly value: T;
}

/**
 * Runs `work` between BEGIN and COMMIT (or ROLLBACK when it asks for it or
 * throws). With a pool, on a connection of its own, released after (and
 * discarded if anything failed); with a single connection, queued.
 */
export async function transaction<T>(client: SqlClient, mode: ConnectionMode, work: (tx: SqlClient) => Promise<TransactionOutcome<T>>): Promise<T> {
  if (mode === 'single') return exclusive(client, () => runIn(client, work));
  const connection = await (client as SqlPool).connect();
  try {
    const value = await runIn(connection, work);
    connection.release();
    return value;
  } catch (error) {
    connection.release(error instanceof Error ? error : true);
    throw error;
  }
}

async function runIn<T>(tx: SqlClient, work: (tx: SqlClient) => Promise<TransactionOutcome<T>>): Promise<T> {
  await tx.query('BEGIN');
  let outcome: TransactionOutcome<T>;
  try {
    outcome = await work(tx);
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await tx.query(outcome.commit ? 'COMMIT' : 'ROLLBACK');
  return outcome.value;
}
