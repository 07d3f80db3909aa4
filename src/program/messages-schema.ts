import { z } from 'zod';
import { PositiveInt } from './fields.js';

/** At most `count` messages of a kind per member per calendar day / month / quarter / year (program time zone). */
export const MessageCapSchema = z.strictObject({
  count: PositiveInt.max(1000),
  per: z.enum(['day', 'month', 'quarter', 'year']),
});

const base = { cap: MessageCapSchema.optional() };

/**
 * The messages a program sends, by kind. A kind absent here is not sent. Each
 * may have a frequency cap; a message over its cap is recorded in the
 * member's state as suppressed, never silently dropped.
 */
export const MessagesSchema = z.strictObject({
  tier_reached: z.strictObject(base).optional(),
  tier_lost: z.strictObject(base).optional(),
  tier_warning: z.strictObject(base).optional(),
  /** Available points reached a listed reward's cost. */
  reward_unlocked: z.strictObject(base).optional(),
  points_earned: z.strictObject(base).optional(),
  /** Points expiring within `days`: one message per expiring lot. */
  points_expiring: z.strictObject({ ...base, days: PositiveInt.max(366) }).optional(),
  /** After `days` without activity, once per lapse of activity. */
  win_back: z.strictObject({ ...base, days: PositiveInt.max(3660) }).optional(),
  /** On the member's birthday (needs their birthday from the enrolment): with a birthday rule, when it pays; else on the day. */
  birthday: z.strictObject(base).optional(),
  /** After a purchase, when the next level is at most `withinSpend` of spend away. */
  progress: z.strictObject({ ...base, withinSpend: z.string().regex(/^\d{1,15}(\.\d{1,12})?$/, 'a decimal string such as "25.00"') }).optional(),
});
export type MessagesDefinition = z.output<typeof MessagesSchema>;
export type MessageKind = keyof MessagesDefinition;
