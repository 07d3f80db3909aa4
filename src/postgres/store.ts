import type { CommitInput, CommitResult, OutboxItem, Store } from '../edge/ports.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { MemberState } from '../member/state.js';
import { detectMode, type ConnectionMode, type SqlClient } from './client.js';
import { storeFailure } from './failure.js';
import { DEFAULT_SCHEMA, tablesIn, type Tables } from './identifier.js';
import { outboxItemFromRow, stateFromRow } from './rows.js';
import { transaction, withClient } from './session.js';

/** Where and how a `PostgresStore` works. */
export interface PostgresStoreOptions {
  /** The schema `migrate` created the tables in (default `loyalty`). */
  readonly schema?: string | undefined;
  /**
   * `pool`: a connection per transaction (`client.connect()`, released after);
   * `single`: one connection, operations queued so transactions never
   * interleave. Detected when absent: a `pg` `Pool` is a pool; a `pg`
   * `Client`, a `PoolClient` or PGlite is a single connection.
   */
  readonly mode?: ConnectionMode | undefined;
}

const CONFLICT: CommitResult = { ok: false, reason: 'conflict' };
const DUPLICATE: CommitResult = { ok: false, reason: 'duplicate' };

/**
 * A `Store` in PostgreSQL (or PGlite), with no dependency of its own: give it
 * any client with `query(text, params)`. Run {@link migrate} first. `commit`
 * is one transaction: the event id (unique), the state (only if its version is
 * still the expected one) and the outbox items, or nothing.
 *
 * @example
 * import pg from 'pg';
 * import { migrate, PostgresStore } from 'loyalty-engine/postgres';
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await migrate(pool);
 * const engine = createEngine({ program, store: new PostgresStore(pool) });
 *
 * @throws LoyaltyError `invalid_argument` (constructor) for a bad schema name;
 *   methods throw `store_failure` when the database fails.
 */
export class PostgresStore implements Store {
  readonly #client: SqlClient;
  readonly #mode: ConnectionMode;
  readonly #t: Tables;

  constructor(client: SqlClient, options: PostgresStoreOptions = {}) {
    this.#client = client;
    this.#mode = options.mode ?? detectMode(client);
    this.#t = tablesIn(options.schema ?? DEFAULT_SCHEMA);
  }

  /** The member's state, or `undefined` for a member never committed. */
  async load(memberId: string): Promise<MemberState | undefined> {
    const { rows } = await this.#run('load', (db) => db.query(`SELECT "state" FROM ${this.#t.states} WHERE "member_id" = $1`, [memberId]));
    return rows.length === 0 ? undefined : stateFromRow(rows[0]);
  }

  /**
   * Writes the event id, the state and the outbox items in one transaction.
   * `duplicate` if the event id is already there, `conflict` if the member's
   * stored version is not `expectedVersion` (0: no row yet); either way nothing is written.
   *
   * @throws LoyaltyError `invalid_argument` for versions that are not non-negative integers.
   */
  async commit(input: CommitInput): Promise<CommitResult> {
    checkVersion(input.expectedVersion, 'expectedVersion');
    checkVersion(input.state.version, 'state.version');
    const t = this.#t;
    try {
      return await transaction(this.#client, this.#mode, async (tx) => {
        const event = await tx.query(`INSERT INTO ${t.processed} ("event_id", "member_id") VALUES ($1, $2) ON CONFLICT ("event_id") DO NOTHING RETURNING "event_id"`, [
          input.eventId,
          input.memberId,
        ]);
        if (event.rows.length === 0) return { commit: false, value: DUPLICATE };
        const state = JSON.stringify(input.state);
        const written =
          input.expectedVersion === 0
            ? await tx.query(
                `INSERT INTO ${t.states} AS "current" ("member_id", "version", "state") VALUES ($1, $2, $3::jsonb)
                 ON CONFLICT ("member_id") DO UPDATE SET "version" = EXCLUDED."version", "state" = EXCLUDED."state", "updated_at" = now()
                 WHERE "current"."version" = 0 RETURNING "member_id"`,
                [input.memberId, input.state.version, state],
              )
            : await tx.query(`UPDATE ${t.states} SET "version" = $2, "state" = $3::jsonb, "updated_at" = now() WHERE "member_id" = $1 AND "version" = $4 RETURNING "member_id"`, [
                input.memberId,
                input.state.version,
                state,
                input.expectedVersion,
              ]);
        if (written.rows.length === 0) return { commit: false, value: CONFLICT };
        if (input.outbox.length > 0) await insertOutbox(tx, t, input.outbox);
        return { commit: true, value: { ok: true } as const };
      });
    } catch (error) {
      throw storeFailure(`commit of event ${input.eventId}`, error);
    }
  }

  /** Whether a commit with this event id went through. */
  async isProcessed(eventId: string): Promise<boolean> {
    const { rows } = await this.#run('isProcessed', (db) => db.query(`SELECT 1 AS "found" FROM ${this.#t.processed} WHERE "event_id" = $1`, [eventId]));
    return rows.length > 0;
  }

  /** Undelivered items, oldest first (`limit`: at most that many; `Infinity`: all). */
  async pendingOutbox(limit: number): Promise<OutboxItem[]> {
    if (Number.isNaN(limit)) throw new LoyaltyError('invalid_argument', 'postgres: pendingOutbox limit must be a number', { details: { limit } });
    const max = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : null;
    if (max === 0) return [];
    const { rows } = await this.#run('pendingOutbox', (db) =>
      db.query(`SELECT "effect_id", "member_id", "event_id", "effect" FROM ${this.#t.outbox} ORDER BY "seq" LIMIT $1`, [max]),
    );
    return rows.map(outboxItemFromRow);
  }

  /** Removes delivered items from the outbox (unknown ids are ignored). */
  async markDelivered(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.#run('markDelivered', (db) => db.query(`DELETE FROM ${this.#t.outbox} WHERE "effect_id" = ANY($1::text[])`, [[...ids]]));
  }

  async #run<T>(operation: string, work: (db: SqlClient) => Promise<T>): Promise<T> {
    try {
      return await withClient(this.#client, this.#mode, work);
    } catch (error) {
      throw storeFailure(operation, error);
    }
  }
}

function checkVersion(version: number, name: string): void {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new LoyaltyError('invalid_argument', `postgres: commit ${name} must be a non-negative integer, got ${String(version)}`, { details: { [name]: version } });
  }
}

/** One INSERT for all items, in order, so `seq` numbers them as given. */
async function insertOutbox(tx: SqlClient, t: Tables, items: readonly OutboxItem[]): Promise<void> {
  const params: unknown[] = [];
  const values = items.map((item) => {
    const n = params.length;
    params.push(item.id, item.memberId, item.eventId, JSON.stringify(item.effect));
    return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}::jsonb)`;
  });
  await tx.query(`INSERT INTO ${t.outbox} ("effect_id", "member_id", "event_id", "effect") VALUES ${values.join(', ')}`, params);
}
