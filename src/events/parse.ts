import { EventError } from '../errors/loyalty-error.js';
import { protoKeyIssues, withProtoKeyIssues } from '../errors/proto-keys.js';
import { fromZodIssues } from '../errors/zod-issues.js';
import { EventSchema, type LoyaltyEvent } from './schema.js';

/** The outcome of {@link safeParseEvent}. */
export type ParseEventResult =
  | {
      /** The event is valid. */
      success: true;
      /** The event, amounts as decimal strings and defaults filled. */
      event: LoyaltyEvent;
    }
  | {
      /** The event is invalid. */
      success: false;
      /** Every problem (`error.issues`). */
      error: EventError;
    };

/**
 * Validates an event from the wire. Reports every problem with its path.
 *
 * @throws EventError (`code: 'invalid_event'`, `issues`).
 * @example
 * const event = parseEvent({
 *   id: 'e1', type: 'purchase', memberId: 'm1', at: '2024-03-01T10:00:00+01:00',
 *   orderId: 'o1', amount: 25, currency: 'EUR',
 * });
 * event.amount; // '25': amounts become decimal strings
 */
export function parseEvent(input: unknown): LoyaltyEvent {
  const result = safeParseEvent(input);
  if (!result.success) throw result.error;
  return result.event;
}

/**
 * Like {@link parseEvent}, but returns `{ success: false, error }` instead of throwing.
 *
 * @example
 * const result = safeParseEvent(JSON.parse(body));
 * if (!result.success) return reply.code(400).send({ issues: result.error.issues });
 * await engine.process(result.event);
 */
export function safeParseEvent(input: unknown): ParseEventResult {
  const parsed = EventSchema.safeParse(input);
  const proto = protoKeyIssues(input);
  if (parsed.success && proto.length === 0) return { success: true, event: parsed.data };
  return { success: false, error: new EventError(withProtoKeyIssues(proto, parsed.success ? [] : fromZodIssues(parsed.error.issues))) };
}
