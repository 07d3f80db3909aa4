import { EventError } from '../errors/loyalty-error.js';
import { protoKeyIssues, withProtoKeyIssues } from '../errors/proto-keys.js';
import { fromZodIssues } from '../errors/zod-issues.js';
import { EventSchema, type LoyaltyEvent } from './schema.js';

/** The outcome of {@link safeParseEvent}. */
export type ParseEventResult = { success: true; event: LoyaltyEvent } | { success: false; error: EventError };

/**
 * Validates an event from the wire. Reports every problem with its path.
 *
 * @throws EventError (`code: 'invalid_event'`, `issues`).
 */
export function parseEvent(input: unknown): LoyaltyEvent {
  const result = safeParseEvent(input);
  if (!result.success) throw result.error;
  return result.event;
}

/** Like {@link parseEvent}, but returns `{ success: false, error }` instead of throwing. */
export function safeParseEvent(input: unknown): ParseEventResult {
  const parsed = EventSchema.safeParse(input);
  const proto = protoKeyIssues(input);
  if (parsed.success && proto.length === 0) return { success: true, event: parsed.data };
  return { success: false, error: new EventError(withProtoKeyIssues(proto, parsed.success ? [] : fromZodIssues(parsed.error.issues))) };
}
