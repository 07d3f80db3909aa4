import { caps } from './caps.js';
import { conservation } from './conservation.js';
import { fullRefund } from './full-refund.js';
import { nonNegative } from './non-negative.js';
import { tiers } from './tiers.js';
import type { Invariant, InvariantName } from './types.js';

/** The built-in invariants checked after every event, by name. */
export const EVENT_INVARIANTS: Readonly<Partial<Record<InvariantName, Invariant>>> = {
  conservation,
  'non-negative': nonNegative,
  'full-refund': fullRefund,
  caps,
  tiers,
};
