import { z } from 'zod';
import { PositiveInt } from './fields.js';

/** At most `count` messages of a kind per member per calendar day / month / quarter / year (program time zone). */
export const MessageCapSchema = z.strictObject({
  /** Messages per period. */
  count: PositiveInt.max(1000),
  /** The calendar period. */
  per: z.enum(['day', 'month', 'quarter', 'year']),
});

const base = {
  /** At most `count` messages of the kind per member per calendar period. */
  cap: MessageCapSchema.optional(),
};

/**
 * The messages a program sends, by kind. A kind absent here is not sent. Each
 * may have a frequency cap; a message over its cap is recorded in the
 * member's state as suppressed, never silently dropped.
 */
export const MessagesSchema = z.strictObject({
  /** The level in force went up. */
  tier_reached: z.strictObject(base).optional(),
  /** The level in force went down. */
  tier_lost: z.strictObject(base).optional(),
  /** A coming downgrade (needs the tiers' `warnDaysBefore`). */
  tier_warning: z.strictObject(base).optional(),
  /** Available points reached a listed reward's cost. */
  reward_unlocked: z.strictObject(base).optional(),
  /** The event earned points. */
  points_earned: z.strictObject(base).optional(),
  /** Points expiring within `days`: one message per expiring lot. */
  points_expiring: z
    .strictObject({
      ...base,
      /** How many days ahead. */
      days: PositiveInt.max(366),
    })
    .optional(),
  /** After `days` without activity, once per lapse of activity. */
  win_back: z
    .strictObject({
      ...base,
      /** Days without activity. */
      days: PositiveInt.max(3660),
    })
    .optional(),
  /** On the member's birthday (needs their birthday from the enrolment): with a birthday rule, when it pays; else on the day. */
  birthday: z.strictObject(base).optional(),
  /** After a purchase, when the next level is at most `withinSpend` of spend away. */
  progress: z
    .strictObject({
      ...base,
      /** The most spend still missing for the message to be sent, a decimal string. */
      withinSpend: z.string().regex(/^\d{1,15}(\.\d{1,12})?$/, 'a decimal string such as "25.00"'),
    })
    .optional(),
});
/**
 * The messages a program sends, by kind, each with an optional frequency cap (docs/messages.md).
 *
 * @useDeclaredType
 */
export type MessagesDefinition = z.output<typeof MessagesSchema>;
/** A kind of message: a key of {@link MessagesDefinition}. */
export type MessageKind = keyof MessagesDefinition;
