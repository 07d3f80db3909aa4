import type { Effect } from '../engine/effects.js';
import type { OutboxItem } from '../edge/ports.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { MemberState } from '../member/state.js';

/**
 * A JSONB value as the driver returned it: parsed already (`pg` and PGlite
 * by default), or as text when the client's type parsers were changed.
 */
function jsonObject(value: unknown, what: string): Record<string, unknown> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LoyaltyError('invalid_state', `postgres: ${what} is not a JSON object`, { details: { value } });
  }
  return parsed as Record<string, unknown>;
}

function text(row: Record<string, unknown>, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new LoyaltyError('invalid_state', `postgres: column ${column} is not text`, { details: { value } });
  return value;
}

/** The member state stored in a `member_states` row. */
export function stateFromRow(row: unknown): MemberState {
  return jsonObject((row as Record<string, unknown>)['state'], 'a stored member state') as unknown as MemberState;
}

/** The outbox item stored in an `outbox` row. */
export function outboxItemFromRow(row: unknown): OutboxItem {
  const r = row as Record<string, unknown>;
  return {
    id: text(r, 'effect_id'),
    memberId: text(r, 'member_id'),
    eventId: text(r, 'event_id'),
    effect: jsonObject(r['effect'], 'a stored effect') as unknown as Effect,
  };
}
