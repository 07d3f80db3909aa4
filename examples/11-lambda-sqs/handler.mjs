// The Lambda function: handler(event) for an SQS FIFO event source mapping with
// FunctionResponseTypes: ["ReportBatchItemFailures"] (without it, Lambda ignores the answer and a
// batch counts as done as soon as the handler returns).
import { processBatch } from './process-batch.mjs';
import { openLoyalty } from './loyalty.mjs';

/** @type {Promise<import('./loyalty.mjs').Loyalty> | undefined} */
let instance;

/**
 * The instance's engine: opened by the first invocation (the cold start), then reused. If opening
 * fails (the database is unreachable), the next invocation tries again.
 * @returns {Promise<import('./loyalty.mjs').Loyalty>}
 */
export function loyalty() {
  instance ??= openLoyalty(process.env, {
    // Stand-in for your e-mail, push or webhook sender. Effects wait in the outbox until delivered;
    // a throw here keeps them there for engine.flush() (a scheduled function) to retry.
    notifier: { deliver: () => {} },
  }).catch((error) => {
    instance = undefined;
    throw error;
  });
  return instance;
}

/**
 * A handler with its own options (a log, a `park` for permanent failures: see process-batch.mjs).
 * @param {import('./process-batch.mjs').BatchOptions} [options]
 * @returns {(event: import('./sqs-event').SQSEvent) => Promise<import('./sqs-event').SQSBatchResponse>}
 */
export function createHandler(options = {}) {
  return async (event) => {
    // if this throws (no database), the whole batch is retried: nothing was committed
    const { engine } = await loyalty();
    return processBatch(engine, event, options);
  };
}

/** The function's entry point: `handler.handler` in the Lambda configuration. */
export const handler = createHandler();
