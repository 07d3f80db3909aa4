// Feeds the recorded SQS batch to the handler, twice (the second time as SQS redelivers it), and
// prints what each message did, the partial batch responses and the members' points after.
// Run: npm run build && node examples/11-lambda-sqs/run-local.mjs
// (PGlite in memory; DATABASE_URL=postgres://… runs it against a real server.)
import { readFile } from 'node:fs/promises';
import { formatPath, summarize } from 'loyalty-engine';
import { createHandler, loyalty } from './handler.mjs';

/** @type {import('./sqs-event').SQSEvent} */
const batch = JSON.parse(await readFile(new URL('./events/batch.json', import.meta.url), 'utf8'));

/** @param {import('./process-batch.mjs').Outcome} o */
function line(o) {
  const head = `${o.messageId.slice(0, 8)}  ${(o.group ?? '-').padEnd(4)} ${(o.eventId ?? '?').padEnd(7)} ${o.outcome.padEnd(9)}`;
  switch (o.outcome) {
    case 'applied': return `${head} ${(o.points ?? 0) >= 0 ? '+' : ''}${o.points} stars (${o.effects?.join(', ')})`;
    case 'duplicate': return `${head} already applied: nothing changes`;
    case 'skipped': return `${head} not processed: ${o.message}`;
    default: {
      const issues = /** @type {{ path: (string | number)[], message: string }[]} */ (o.issues ?? []);
      const why = issues.length > 0 ? issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ') : o.message;
      return `${head} ${o.code} (${o.failure}): ${why}`;
    }
  }
}

const handler = createHandler({ log: (o) => console.log(`  ${line(o)}`) });
const { database } = await loyalty();
console.log(`${batch.Records.length} messages from ${batch.Records[0]?.eventSourceARN} (${database})`);

console.log('\nfirst delivery');
console.log(`→ ${JSON.stringify(await handler(batch))}`);

// The same batch again, as SQS delivers it when the function timed out before answering.
const again = { Records: batch.Records.map((r) => ({ ...r, attributes: { ...r.attributes, ApproximateReceiveCount: '2' } })) };
console.log('\nthe same batch redelivered');
console.log(`→ ${JSON.stringify(await handler(again))}`);

const { store, program, close } = await loyalty();
const at = '2024-03-01T08:20:00-06:00';
console.log(`\npoints at ${at}`);
for (const member of ['ana', 'bo', 'cy']) {
  const state = await store.load(member);
  if (state === undefined) continue;
  const s = summarize(program, state, at);
  console.log(`  ${member.padEnd(4)} ${String(s.available).padStart(3)} available (earned ${s.lifetime.earned}, redeemed ${s.lifetime.redeemed})`);
}
await close();
