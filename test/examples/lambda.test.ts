import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { LoyaltyError, summarize, type Engine, type MemberState, type Program, type Store } from '../../src/index.js';

// examples/11-lambda-sqs against the built package (`npm test` builds first): the recorded SQS FIFO
// batch through processBatch (what `handler` runs) on a fresh PGlite each time, and run-local.mjs.
const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${root}examples/11-lambda-sqs/`;

interface SQSRecord {
  messageId: string;
  body: string;
  attributes: Record<string, string>;
  [key: string]: unknown;
}
interface SQSEvent {
  Records: SQSRecord[];
}
interface Outcome {
  outcome: string;
  messageId: string;
  group?: string;
  eventId?: string;
  points?: number;
  code?: string;
  failure?: string;
  issues?: { path: (string | number)[] }[];
}
interface BatchOptions {
  log?: (entry: Outcome) => void;
  park?: (record: SQSRecord, outcome: Outcome) => Promise<void> | void;
}
interface Loyalty {
  engine: Engine;
  store: Store;
  program: Program;
  close(): Promise<void>;
}
const { processBatch } = (await import(`${dir}process-batch.mjs`)) as {
  processBatch: (engine: Pick<Engine, 'process'>, event: SQSEvent, options?: BatchOptions) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
};
const { openLoyalty } = (await import(`${dir}loyalty.mjs`)) as { openLoyalty: (env: Record<string, string>) => Promise<Loyalty> };

const batch = JSON.parse(readFileSync(`${dir}events/batch.json`, 'utf8')) as SQSEvent;
// the messages of the recorded batch, in order (see events/batch.json)
const [ana1, bo1, boBad, cy1, bo3, ana2, anaR1, ana1Again] = batch.Records.map((r) => r.messageId);
const AT = '2024-03-01T08:20:00-06:00';

const opened: Loyalty[] = [];
afterEach(async () => {
  for (const l of opened.splice(0)) await l.close();
});
async function fresh(env: Record<string, string> = {}): Promise<Loyalty> {
  const l = await openLoyalty(env);
  opened.push(l);
  return l;
}
async function run(engine: Pick<Engine, 'process'>, event: SQSEvent, options: BatchOptions = {}): Promise<{ failures: string[]; log: Outcome[] }> {
  const log: Outcome[] = [];
  const { batchItemFailures } = await processBatch(engine, event, { log: (o) => log.push(o), ...options });
  return { failures: batchItemFailures.map((f) => f.itemIdentifier), log };
}
async function points(l: Loyalty, member: string): Promise<{ available: number; earned: number; redeemed: number } | undefined> {
  const state = await l.store.load(member);
  if (state === undefined) return undefined;
  const s = summarize(l.program, state, AT);
  return { available: s.available, earned: s.lifetime.earned, redeemed: s.lifetime.redeemed };
}
const record = (messageId: string, group: string | undefined, body: string): SQSRecord => ({
  messageId,
  body,
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1709302201000', SenderId: 'test', ApproximateFirstReceiveTimestamp: '1709302564000', ...(group === undefined ? {} : { MessageGroupId: group }) },
});
const purchase = (id: string, memberId: string, amount: string): string =>
  JSON.stringify({ id, type: 'purchase', memberId, at: '2024-03-01T08:00:00-06:00', orderId: `o-${id}`, amount, currency: 'USD' });

describe('examples/11-lambda-sqs', () => {
  it('reports the bad message and the later message of its group, and nothing of the other groups', async () => {
    const l = await fresh();
    const { failures, log } = await run(l.engine, batch);
    expect(failures).toEqual([boBad, bo3]);
    expect(log.map((o) => [o.messageId, o.outcome])).toEqual([
      [ana1, 'applied'],
      [bo1, 'applied'],
      [boBad, 'failed'],
      [cy1, 'applied'],
      [bo3, 'skipped'], // behind bo's failed message: not processed, to keep bo's order
      [ana2, 'applied'],
      [anaR1, 'applied'],
      [ana1Again, 'duplicate'], // the till resent ana-1: no second payment
    ]);
    const bad = log[2];
    expect(bad).toMatchObject({ code: 'invalid_event', failure: 'permanent', eventId: 'bo-2', group: 'bo' });
    expect(bad?.issues?.map((i) => i.path.join('.')).sort()).toEqual(['amount', 'at']);
    expect(await l.store.isProcessed('bo-3')).toBe(false);
  });

  it('leaves the points the events earn: 1 star per $1 (floor), a redemption of 25', async () => {
    const l = await fresh();
    await run(l.engine, batch);
    // ana: floor(12.40) + floor(20.00) = 12 + 20 = 32 earned, −25 for the extra shot = 7; the resent ana-1 paid nothing
    expect(await points(l, 'ana')).toEqual({ available: 7, earned: 32, redeemed: 25 });
    // bo: only bo-1, $25.00 = 25; bo-2 is invalid, bo-3 waits behind it
    expect(await points(l, 'bo')).toEqual({ available: 25, earned: 25, redeemed: 0 });
    expect(await points(l, 'cy')).toEqual({ available: 8, earned: 8, redeemed: 0 });
  });

  it('changes nothing when the batch is delivered again: the processed messages are duplicates, the failures fail again', async () => {
    const l = await fresh();
    await run(l.engine, batch);
    const before = await Promise.all(['ana', 'bo', 'cy'].map((m) => l.store.load(m)));
    const { failures, log } = await run(l.engine, batch);
    expect(failures).toEqual([boBad, bo3]);
    expect(log.map((o) => o.outcome)).toEqual(['duplicate', 'duplicate', 'failed', 'duplicate', 'skipped', 'duplicate', 'duplicate', 'duplicate']);
    const after = await Promise.all(['ana', 'bo', 'cy'].map((m) => l.store.load(m)));
    expect(after).toEqual(before);
    expect((after as MemberState[]).map((s) => s.version)).toEqual((before as MemberState[]).map((s) => s.version));
  });

  it('lets the group go on once the bad message is gone (moved to the dead-letter queue)', async () => {
    const l = await fresh();
    await run(l.engine, batch);
    const bo3Record = batch.Records[4];
    if (bo3Record === undefined) throw new Error('the batch has 8 records');
    const { failures, log } = await run(l.engine, { Records: [{ ...bo3Record, attributes: { ...bo3Record.attributes, ApproximateReceiveCount: '2' } }] });
    expect(failures).toEqual([]);
    // 25 + floor(30.00) = 55
    expect(log[0]).toMatchObject({ outcome: 'applied', points: 30 });
    expect((await points(l, 'bo'))?.available).toBe(55);
  });

  it('with `park`, hands a permanent failure over and acknowledges it, so its group goes on in the same batch', async () => {
    const l = await fresh();
    const parked: string[] = [];
    const { failures, log } = await run(l.engine, batch, { park: (r, o) => void parked.push(`${r.messageId} ${o.code ?? ''}`) });
    expect(failures).toEqual([]);
    expect(parked).toEqual([`${boBad} invalid_event`]);
    expect(log[2]?.outcome).toBe('parked');
    expect(log[4]?.outcome).toBe('applied');
    // bo: 25 + 30 = 55
    expect((await points(l, 'bo'))?.available).toBe(55);
  });

  it('reports a store failure as transient, with the rest of its group; a park that throws leaves the message reported', async () => {
    const l = await fresh();
    const flaky: Pick<Engine, 'process'> = {
      process: (event) =>
        (event as { id?: string }).id === 'ana-2' ? Promise.reject(new LoyaltyError('store_failure', 'postgres: commit failed: connection reset')) : l.engine.process(event),
    };
    const parked: string[] = [];
    const { failures, log } = await run(flaky, batch, {
      park: (r) => {
        parked.push(r.messageId);
        throw new Error('dead-letter table unavailable');
      },
    });
    // bo's bad message: park threw, so it is reported; ana-2 failed (transient, not parked), so ana-r1 and the resent ana-1 wait
    expect(failures).toEqual([boBad, bo3, ana2, anaR1, ana1Again]);
    expect(parked).toEqual([boBad]);
    expect(log.find((o) => o.messageId === ana2)).toMatchObject({ outcome: 'failed', failure: 'transient', code: 'store_failure' });
    // ana: only ana-1 = 12; cy: 8
    expect((await points(l, 'ana'))?.available).toBe(12);
    expect((await points(l, 'cy'))?.available).toBe(8);
  });

  it('refuses a body that is not JSON and an event outside its message group; without a group (standard queue) nothing waits', async () => {
    const l = await fresh();
    const { failures, log } = await run(l.engine, {
      Records: [
        record('m1', 'dee', '{"id": "dee-1", '),
        record('m2', 'dee', purchase('dee-2', 'dee', '5.00')),
        record('m3', 'eli', purchase('eli-1', 'fay', '5.00')),
        record('m4', undefined, '[not json'),
        record('m5', undefined, purchase('gus-1', 'gus', '7.00')),
      ],
    });
    expect(failures).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(log.map((o) => [o.messageId, o.outcome, o.code])).toEqual([
      ['m1', 'failed', 'invalid_json'],
      ['m2', 'skipped', undefined],
      ['m3', 'failed', 'wrong_group'],
      ['m4', 'failed', 'invalid_json'],
      ['m5', 'applied', undefined],
    ]);
    expect(await l.store.load('fay')).toBeUndefined();
    expect((await points(l, 'gus'))?.available).toBe(7);
  });

  it('run-local.mjs feeds the batch to the exported handler twice and prints the answers and the points', () => {
    const env = { ...process.env };
    delete env['DATABASE_URL'];
    delete env['LOYALTY_PG_URL'];
    const out = execFileSync(process.execPath, ['examples/11-lambda-sqs/run-local.mjs'], { cwd: root, encoding: 'utf8', env });
    const answer = `→ {"batchItemFailures":[{"itemIdentifier":"${boBad}"},{"itemIdentifier":"${bo3}"}]}`;
    expect(out.split('\n').filter((line) => line.startsWith('→'))).toEqual([answer, answer]);
    const lines = out.split('\n').map((line) => line.trim());
    expect(lines).toContain('ana    7 available (earned 32, redeemed 25)');
    expect(lines).toContain('bo    25 available (earned 25, redeemed 0)');
    expect(lines).toContain('cy     8 available (earned 8, redeemed 0)');
  }, 60_000);

  const url = process.env['LOYALTY_PG_URL'];
  it.skipIf(!url)('runs the batch the same on a real PostgreSQL server (LOYALTY_PG_URL; a fresh schema, dropped after)', async () => {
    const schema = `lambda_${randomUUID().replaceAll('-', '')}`;
    const l = await fresh({ LOYALTY_PG_URL: url ?? '', LOYALTY_PG_SCHEMA: schema });
    try {
      expect((await run(l.engine, batch)).failures).toEqual([boBad, bo3]);
      expect((await run(l.engine, batch)).failures).toEqual([boBad, bo3]);
      expect(await points(l, 'ana')).toEqual({ available: 7, earned: 32, redeemed: 25 });
    } finally {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
