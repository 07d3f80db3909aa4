import { z } from 'zod';
import { LoyaltyError } from '../errors/loyalty-error.js';
import { fromZodIssues } from '../errors/zod-issues.js';
import { isSealed, seal } from './sealed.js';
import type { Lot, MemberState } from './state.js';
import { lotOrder } from '../ledger/lots.js';

/**
 * The shape of a member state, checked before the engine reads one: a state
 * from a store is data like any other, and a damaged one must be refused with
 * its path, not crash the step or loop on a date it cannot compute. Instants
 * and dates are kept within the years 1900–9999 (events stop at 9000).
 */
// Plain patterns with the ranges written out (no Date.parse: V8 reads any string of this shape as a
// date, rolling 31 February over); checking a state of three years' lots costs a tenth of a step less
// this way (docs/performance.md).
// events stop at 9000; what the engine computes from them (expiry, reviews) may run up to a century later
const YEAR = '(19\\d\\d|[2-9]\\d{3})';
const DATE = `${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])`;
const ISO_PATTERN = new RegExp(`^${DATE}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,3})?Z$`);
const DAY_PATTERN = new RegExp(`^${DATE}$`);
const Iso = z.string().regex(ISO_PATTERN, 'must be a UTC ISO instant between the years 1900 and 9999');
const Day = z.string().regex(DAY_PATTERN, 'must be a date YYYY-MM-DD between the years 1900 and 9999');
const Money = z.string().regex(/^-?\d{1,20}(\.\d{1,200})?$/, "must be a decimal string");
const Count = z.number().int().min(-1e15).max(1e15);
const Str = z.string().max(10_000);
const Rec = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

const Lot = z.object({ id: Str, orderId: Str.optional(), earnedAt: Iso, availableAt: Iso, expiresAt: Iso.nullable(), points: Count });
const EarnResult = z.object({
  ruleId: Str, kind: z.enum(['spend', 'bonus']), points: Count, clawed: Count, refundedShare: Money, weights: z.array(Money).optional(),
  base: Money, unrounded: Money.optional(), threshold: Money.optional(),
});
const CashbackResult = z.object({
  ruleId: Str, amount: Money, clawed: Money, refundedShare: Money, base: Money, weights: z.array(Money).optional(),
  percent: Money.optional(), every: z.object({ amount: Money, per: Money }).optional(),
});
const Order = z.object({
  eventId: Str, at: Iso, amount: Money, refunded: Money,
  items: z.array(z.object({ sku: Str, category: Str.optional(), quantity: Count, unitPrice: Money, refunded: Count })),
  results: z.array(EarnResult), cashback: z.array(CashbackResult).optional(), expired: Count, day: Day,
});
const Taken = z.object({ points: Count, earnedAt: Iso, availableAt: Iso, expiresAt: Iso.nullable() });
const Redemption = z.object({
  rewardId: Str, quantity: Count, points: Count, at: Iso, day: Day, orderId: Str.optional(), codes: z.array(Str), taken: z.array(Taken), reversedAt: Iso.optional(),
});
const Grant = z.object({ source: z.enum(['membership', 'grant']), id: Str, level: Str.nullable(), perks: z.array(Str), from: Iso, until: Iso.nullable(), cancelled: z.boolean().optional() });
const Tier = z.object({
  level: Str.nullable(), since: Iso.nullable(), graceUntil: Iso.nullable(), reviewAt: Iso.nullable(), warnedFor: Str.nullable(), reached: z.array(Str),
  days: z.array(z.tuple([Day, Money, Count, Count])),
  lifetime: z.object({ spend: Money, orders: Count, visits: Count, points: Count }),
  grants: z.array(Grant), effective: Str.nullable(), effectiveSince: Iso.nullable(),
});
const Wallet = z.object({ balance: Money, totals: z.object({ cashback: Money, credited: Money, debited: Money, clawedBack: Money }) });
const Messages = z.object({
  sent: Rec(z.object({ period: Str, count: Count })), suppressed: Rec(z.object({ count: Count, last: Iso })),
  expiringWarned: z.array(Str), winBackFor: Iso.nullable(),
});
const Granted = z.object({ points: Count.optional(), lot: Str.optional(), day: Day.optional(), walletCredit: Money.optional(), rewardId: Str.optional(), code: Str.optional() });
const Stamp = z.object({ orderId: Str, at: Iso, day: Day });
const Engagement = z.object({
  enrolledAt: Iso.optional(), birthday: Day.optional(), timezone: Str.optional(),
  activity: Rec(z.array(z.tuple([Day, Str]))).optional(),
  birthdays: Rec(Count).optional(),
  cards: Rec(z.object({ stamps: z.array(Stamp), completed: z.array(z.object({ at: Iso, stamps: z.array(Stamp), granted: Granted })), filled: Count })).optional(),
  referredBy: z.object({ referrerId: Str, code: Str, at: Iso, orderId: Str.optional(), qualifiedAt: Iso.optional() }).optional(),
  referrals: Rec(z.object({
    signedUp: Day.optional(), qualified: Day.optional(), signedUpPaid: z.boolean().optional(), qualifiedPaid: z.boolean().optional(), orderId: Str.optional(), granted: Granted.optional(), cancelled: z.array(Str).optional(),
  })).optional(),
  winBack: z.object({ for: Iso, period: Str }).optional(),
});

const MemberStateSchema = z.object({
  schema: z.literal(1),
  programId: Str,
  memberId: Str,
  version: z.number().int().min(0),
  lastEventAt: Iso.nullable(),
  lastActivityAt: Iso.nullable(),
  enrolledAt: Iso.nullable(),
  lapsedAt: Iso.optional(),
  lots: z.array(Lot),
  deficit: Count,
  debt: Count,
  orders: Rec(Order),
  counters: Rec(z.number()),
  redemptions: Rec(Redemption),
  stats: z.object({ orders: Count, spent: Money, lastPurchaseAt: Iso.nullable() }),
  totals: z.object({ earned: Count, clawedBack: Count, expired: Count, adjusted: Count, debtRecovered: Count, redeemed: Count, reversed: Count }),
  tier: Tier.optional(),
  wallet: Wallet.optional(),
  messages: Messages.optional(),
  engagement: Engagement.optional(),
});

/**
 * Refuses anything that is not a member state as the engine writes it, with
 * every problem and its path (`invalid_state`). Unknown keys are allowed (and
 * dropped from the copy it returns). A state the engine returned (frozen and
 * marked) is not checked again and is returned as it is.
 */
export function checkMemberState(state: unknown, caller: string): MemberState {
  if (isSealed(state)) return state as MemberState;
  const parsed = MemberStateSchema.safeParse(state);
  // the parsed copy: fresh objects (the caller's are never shared, so never frozen), unknown keys dropped
  if (parsed.success) return seal(inConsumptionOrder(parsed.data as MemberState));
  const issues = fromZodIssues(parsed.error.issues, ['state']);
  const first = issues[0];
  const where = first === undefined ? '' : `: ${first.path.join('.')} ${first.message}`;
  throw new LoyaltyError('invalid_state', `${caller}: the member state is damaged or not a loyalty-engine state (create one with newMemberState)${where}`, { issues });
}

/**
 * The engine keeps lots in consumption order (first to expire first) and relies on it: expiry looks
 * only at the front. A state the engine wrote is in that order; one assembled elsewhere is put in it.
 */
function inConsumptionOrder(state: MemberState): MemberState {
  const lots = state.lots;
  for (let i = 1; i < lots.length; i++) {
    if (lotOrder(lots[i - 1] as Lot, lots[i] as Lot) > 0) return { ...state, lots: [...lots].sort(lotOrder) };
  }
  return state;
}
