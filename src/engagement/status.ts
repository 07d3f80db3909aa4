import { stateAt } from '../engine/moment.js';
import type { MemberState } from '../member/state.js';
import { zoneOf, type Program } from '../program/define.js';
import { dateIn } from '../time/dates.js';
import { usedIn } from './frequency.js';
import { referralCode } from './referral-code.js';

/** A member's engagement as of a moment: what a profile page shows. */
export interface EngagementStatus {
  /** The member. */
  readonly memberId: string;
  /** The moment of the view (UTC ISO; never before the last event). */
  readonly at: string;
  /** The member's referral code (`null` when the program has no referrals). */
  readonly referralCode: string | null;
  /** Per stamp card: stamps on the current card (expired ones gone) of `needed`, and cards filled. */
  readonly stampCards: readonly {
    /** The card's id. */
    readonly id: string;
    /** Stamps on the current card. */
    readonly stamps: number;
    /** Stamps that fill a card. */
    readonly needed: number;
    /** Cards filled, ever (less those revoked). */
    readonly filled: number;
  }[];
  /** Per activity rule with a frequency and no `distinct`: how many more times it pays in the current window. */
  readonly activities: readonly {
    /** The activity rule. */
    readonly ruleId: string;
    /** The activity name it matches. */
    readonly activity: string;
    /** Payments left in the current window. */
    readonly left: number;
  }[];
  /** As a referrer: referees signed up and qualified (cancelled ones not counted). */
  readonly referrals: {
    /** Referees who enrolled. */
    readonly signedUp: number;
    /** Referees who qualified by a first purchase. */
    readonly qualified: number;
  };
  /** As a referee: who referred the member, and whether they have qualified. */
  readonly referredBy: {
    /** The referrer's member id. */
    readonly referrerId: string;
    /** Whether the member has qualified by a first purchase. */
    readonly qualified: boolean;
  } | null;
}

/**
 * The read view of a member's engagement at a moment (an ISO 8601 instant with
 * offset, never before their last event): time alone is applied first
 * (stamps expire). Pure: the state is not changed.
 *
 * @example
 * const view = engagementStatus(program, state, '2024-06-01T12:00:00Z');
 * view.stampCards[0]; // { id: 'coffee', stamps: 7, needed: 10, filled: 2 }
 */
export function engagementStatus(program: Program, state: MemberState, at: string): EngagementStatus {
  const { state: s, atMs, now } = stateAt(program, state, 'engagementStatus', at);
  const e = s.engagement ?? {};
  const day = dateIn(atMs, zoneOf(program));
  const activities: { ruleId: string; activity: string; left: number }[] = [];
  for (const rule of program.earn) {
    if (rule.kind !== 'activity' || rule.frequency === undefined || rule.frequency.distinct !== undefined) continue;
    const used = usedIn(e.activity?.[rule.id] ?? [], rule.frequency, day, '');
    activities.push({ ruleId: rule.id, activity: rule.activity, left: Math.max(0, rule.frequency.count - used) });
  }
  const stampCards: { id: string; stamps: number; needed: number; filled: number }[] = [];
  for (const card of program.stampCards ?? []) {
    const held = e.cards?.[card.id];
    stampCards.push({ id: card.id, stamps: held?.stamps.length ?? 0, needed: card.stamps, filled: held?.filled ?? 0 });
  }
  const records = Object.values(e.referrals ?? {});
  return {
    memberId: s.memberId,
    at: now,
    referralCode: program.referrals === undefined ? null : referralCode(program, s.memberId),
    stampCards,
    activities,
    referrals: { signedUp: records.filter((r) => r.signedUp !== undefined).length, qualified: records.filter((r) => r.qualified !== undefined).length },
    referredBy: e.referredBy === undefined ? null : { referrerId: e.referredBy.referrerId, qualified: e.referredBy.qualifiedAt !== undefined },
  };
}
