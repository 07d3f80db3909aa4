import { z } from 'zod';
import { ActiveSchema, ConditionSchema, Identifier } from './fields.js';

/** The fields every earn rule has. */
export const ruleBase = {
  /** The rule's id, unique among the program's rules; ledger entries name it. */
  id: Identifier,
  /** For people. */
  description: z.string().max(1000).optional(),
  /** Rules run highest priority first, then in the order declared. */
  priority: z.int().min(-1000).max(1000).default(0),
  /** When the rule is in force, as calendar dates in the program's time zone (both inclusive). */
  active: ActiveSchema.optional(),
  /** A json-rules-engine condition on the `event`, `member` and `time` facts. */
  condition: ConditionSchema.optional(),
};
