/**
 * `eventsArb`: streams of events for a program and a population of members,
 * as a host would deliver them.
 */
import fc from 'fast-check';
import { LoyaltyError } from '../../errors/loyalty-error.js';
import type { EventInput } from '../../events/schema.js';
import type { Program } from '../../program/define.js';
import { vocabularyOf } from '../support/harvest.js';
import { moneyScale } from '../support/money.js';
import { buildEvents } from './build-events.js';
import { deliver } from './deliveries.js';
import { startArb, stepArb } from './steps.js';

/** Options of {@link eventsArb}: the population and the quirks of delivery. */
export interface EventsArbOptions {
  /** Members in the population (`m0`, `m1`, …; default 3). */
  readonly members?: number;
  /** At most this many events per stream, redeliveries included (default 40). */
  readonly maxEvents?: number;
  /** Events may arrive up to this many minutes late, after newer ones (default 0: in time order). */
  readonly outOfOrderMinutes?: number;
  /** Redeliver some events again later, same id and payload (default true). */
  readonly duplicates?: boolean;
  /** Also refunds of unknown orders, of more than is left, of unknown items (default false). */
  readonly bogusRefunds?: boolean;
  /** Also redemptions of reward ids the catalog does not have (default true). */
  readonly unknownRewards?: boolean;
}

/** The options with their defaults, checked. */
export function eventsDefaults(options: EventsArbOptions): Required<EventsArbOptions> {
  const o = {
    members: options.members ?? 3,
    maxEvents: options.maxEvents ?? 40,
    outOfOrderMinutes: options.outOfOrderMinutes ?? 0,
    duplicates: options.duplicates ?? true,
    bogusRefunds: options.bogusRefunds ?? false,
    unknownRewards: options.unknownRewards ?? true,
  };
  for (const [key, min] of [['members', 1], ['maxEvents', 0], ['outOfOrderMinutes', 0]] as const) {
    if (!Number.isInteger(o[key]) || o[key] < min) throw new LoyaltyError('invalid_argument', `eventsArb: ${key} must be an integer ≥ ${min}, got ${String(o[key])}`);
  }
  return o;
}

/**
 * Streams of valid events for `program`: purchases with realistic items in
 * the program's currency (categories, SKUs and channels its conditions
 * mention included), refunds of earlier orders only (full, partial, by
 * item; never beyond the order, within its return window), redemptions of
 * its catalog rewards (and of unknown ids), reversals of earlier
 * redemptions, adjustments and ticks (and, for programs with engagement
 * rules, one enrolment per member with a birthday and a time zone, and
 * activities by the names its rules match; membership purchases, renewals,
 * cancellations and refunds of its plans; tier grants; wallet debits), for
 * `members` members, every instant
 * written with an offset. Some events are redelivered (same id, same
 * payload), and with `outOfOrderMinutes` some arrive late. Shrinks to
 * shorter, simpler streams.
 *
 * @example
 * fc.assert(fc.property(eventsArb(program, { members: 2, maxEvents: 30 }), (events) => {
 *   const { states } = replay(program, events, { onRejected: 'collect' });
 * }));
 */
export function eventsArb(program: Program, options: EventsArbOptions = {}): fc.Arbitrary<EventInput[]> {
  const o = eventsDefaults(options);
  const ctx = { program, money: moneyScale(program.currency), vocabulary: vocabularyOf(program), bogusRefunds: o.bogusRefunds, unknownRewards: o.unknownRewards };
  const hasCatalog = (program.rewards?.catalog.length ?? 0) > 0;
  let engagement = program.stampCards !== undefined || program.winBack !== undefined;
  for (const rule of program.earn) if (rule.kind === 'activity' || rule.kind === 'welcome' || rule.kind === 'birthday') engagement = true;
  const step = stepArb({
    members: o.members,
    outOfOrderMinutes: o.outOfOrderMinutes,
    redeemWeight: hasCatalog ? 3 : 1,
    bogusRefunds: o.bogusRefunds,
    engagement,
    memberships: (program.memberships?.length ?? 0) > 0,
    tiers: program.tiers !== undefined,
    wallet: program.wallet !== undefined,
  });
  const redelivery = fc.record({ pick: fc.nat(), delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 240 })) });
  const redeliveries = o.duplicates ? fc.oneof(fc.constant([]), fc.array(redelivery, { maxLength: Math.max(1, Math.ceil(o.maxEvents / 10)) })) : fc.constant([]);
  return fc
    .record({ steps: fc.array(step, { maxLength: o.maxEvents, size: 'medium' }), start: startArb, redeliveries })
    .map(({ steps, start, redeliveries }) => deliver(buildEvents(ctx, steps, start), redeliveries, o.maxEvents));
}
