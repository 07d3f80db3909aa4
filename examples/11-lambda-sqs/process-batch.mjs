// One SQS batch through the engine, in order, with a partial batch response.
//
// - Success: the event was applied, or it was already (`duplicate`: a redelivery changes nothing).
// - Failure: reported in batchItemFailures, so SQS delivers the message again after its visibility
//   timeout, and moves it to the dead-letter queue after maxReceiveCount receives.
// - FIFO: once a message of a group (a member) fails, the later messages of that group in the batch
//   are not processed and are reported too: they come back after it, in order. Other groups go on.
import { isLoyaltyError, ledgerEntries } from 'loyalty-engine';

/**
 * Refusals of the event itself: sending it again gives the same answer. Any other error (the
 * database, a commit conflict under contention, a bug) may pass on a later delivery.
 */
export const PERMANENT = new Set([
  'invalid_json', // ours: the body is not JSON
  'wrong_group', // ours: the message group is not the event's member (a producer bug: order is not guaranteed)
  'invalid_event',
  'member_mismatch',
  'currency_mismatch',
  'program_mismatch',
  'no_program_version',
  'duplicate_order',
  'duplicate_event',
  'unknown_order',
  'unknown_item',
  'refund_window_closed',
  'refund_exceeds_order',
  'unknown_plan',
  'membership_active',
  'no_membership',
  'unknown_level',
  'invalid_grant',
  'unknown_redemption',
  'already_reversed',
  'no_wallet',
  'below_minimum',
  'insufficient_funds',
  'too_precise',
  'already_enrolled',
  'referrals_not_declared',
  'self_referral',
]);

/**
 * @typedef {object} Outcome  one line of the log per message
 * @property {'applied' | 'duplicate' | 'failed' | 'skipped' | 'parked'} outcome
 * @property {string} messageId
 * @property {string | undefined} group
 * @property {string | undefined} eventId
 * @property {string} [eventType]
 * @property {number} [points]            applied: the net points of the step's ledger entries
 * @property {string[]} [effects]         applied: the effect types
 * @property {string} [code]              failed, parked: the LoyaltyError code (or ours)
 * @property {'permanent' | 'transient'} [failure]
 * @property {string} [message]
 * @property {readonly unknown[]} [issues]
 */

/**
 * @typedef {object} BatchOptions
 * @property {(entry: Outcome) => void} [log]  one call per message (default: a JSON line on stdout)
 * @property {(record: import('./sqs-event').SQSRecord, outcome: Outcome) => Promise<void> | void} [park]
 *   Optional. Receives each PERMANENT failure instead of reporting it: store it (a table, your own
 *   dead-letter queue) and the message is acknowledged, so its group goes on at once. If `park`
 *   throws, the message is reported as failed after all.
 */

/**
 * @param {import('loyalty-engine').Engine} engine
 * @param {import('./sqs-event').SQSEvent} event
 * @param {BatchOptions} [options]
 * @returns {Promise<import('./sqs-event').SQSBatchResponse>}
 */
export async function processBatch(engine, event, options = {}) {
  const log = options.log ?? ((entry) => console.log(JSON.stringify(entry)));
  /** @type {Set<string>} groups with a failed message in this batch */
  const blocked = new Set();
  /** @type {{ itemIdentifier: string }[]} */
  const batchItemFailures = [];
  for (const record of event.Records) {
    const group = record.attributes.MessageGroupId; // undefined on a standard queue: no order to keep
    if (group !== undefined && blocked.has(group)) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      log({ outcome: 'skipped', messageId: record.messageId, group, eventId: eventIdOf(record), message: `an earlier message of group ${group} failed` });
      continue;
    }
    const outcome = await processRecord(engine, record);
    if (outcome.outcome === 'failed' && outcome.failure === 'permanent' && options.park !== undefined) {
      try {
        await options.park(record, outcome);
        log({ ...outcome, outcome: 'parked' });
        continue;
      } catch (error) {
        outcome.message = `${outcome.message}; parking it failed too: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    log(outcome);
    if (outcome.outcome === 'failed') {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      if (group !== undefined) blocked.add(group);
    }
  }
  return { batchItemFailures };
}

/**
 * @param {import('loyalty-engine').Engine} engine
 * @param {import('./sqs-event').SQSRecord} record
 * @returns {Promise<Outcome>}
 */
async function processRecord(engine, record) {
  const group = record.attributes.MessageGroupId;
  const base = { messageId: record.messageId, group, eventId: undefined };
  /** @type {unknown} */
  let event;
  try {
    event = JSON.parse(record.body);
  } catch {
    return { ...base, outcome: 'failed', failure: 'permanent', code: 'invalid_json', message: 'the body is not JSON' };
  }
  const fields = /** @type {{ id?: unknown, memberId?: unknown, type?: unknown }} */ (typeof event === 'object' && event !== null ? event : {});
  const eventId = typeof fields.id === 'string' ? fields.id : undefined;
  const eventType = typeof fields.type === 'string' ? fields.type : undefined;
  const known = { ...base, eventId, ...(eventType === undefined ? {} : { eventType }) };
  if (group !== undefined && typeof fields.memberId === 'string' && fields.memberId !== group) {
    return { ...known, outcome: 'failed', failure: 'permanent', code: 'wrong_group', message: `the event is for member ${fields.memberId}, the message group is ${group}` };
  }
  try {
    const result = await engine.process(event);
    if (result.status === 'duplicate') return { ...known, outcome: 'duplicate' };
    const points = ledgerEntries(result.effects).reduce((sum, entry) => sum + entry.points, 0);
    return { ...known, outcome: 'applied', points, effects: result.effects.map((e) => e.type) };
  } catch (error) {
    if (!isLoyaltyError(error)) {
      return { ...known, outcome: 'failed', failure: 'transient', code: 'unexpected', message: error instanceof Error ? error.message : String(error) };
    }
    return {
      ...known,
      outcome: 'failed',
      failure: PERMANENT.has(error.code) ? 'permanent' : 'transient',
      code: error.code,
      message: error.message,
      ...(error.issues.length === 0 ? {} : { issues: error.issues }),
    };
  }
}

/** @param {import('./sqs-event').SQSRecord} record */
function eventIdOf(record) {
  try {
    const event = JSON.parse(record.body);
    return typeof event?.id === 'string' ? event.id : undefined;
  } catch {
    return undefined;
  }
}
