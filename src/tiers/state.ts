/**
 * One day's tier metrics, as a compact tuple: the calendar date (program time
 * zone), net money spent, orders not fully refunded, qualifying points.
 * Visits are days whose order count is above zero.
 */
export type DayBucket = readonly [date: string, spend: string, orders: number, points: number];

/** The same metrics over the member's whole history. */
export interface LifetimeMetrics {
  /** Net money spent, a decimal string. */
  readonly spend: string;
  /** Orders not fully refunded. */
  readonly orders: number;
  /** Days with such an order. */
  readonly visits: number;
  /** Qualifying points. */
  readonly points: number;
}

/** A level or perks held for a time, whatever the member qualifies for: a paid membership or a manual grant. */
export interface TierGrant {
  /** A paid membership plan or a `tier_grant` event. */
  readonly source: 'membership' | 'grant';
  /** The plan id (membership) or the id of the granting event. */
  readonly id: string;
  /** The level it grants (`null`: perks only). */
  readonly level: string | null;
  /** Perks it gives. */
  readonly perks: readonly string[];
  /** UTC instant the grant started. */
  readonly from: string;
  /** UTC instant the grant ends; `null`: never (a lifetime plan). */
  readonly until: string | null;
  /** A cancelled membership still runs to the end of its period. */
  readonly cancelled?: boolean;
}

/** A member's standing in the program's tiers. Plain JSON, part of `MemberState`. */
export interface TierState {
  /** The level the member holds by qualifying, under the downgrade policy (grants aside). */
  readonly level: string | null;
  /** When the member entered `level` (UTC ISO). */
  readonly since: string | null;
  /** Grace policy: when the member loses `level` unless they qualify again. */
  readonly graceUntil: string | null;
  /** Scheduled policy: the next review of `level`. */
  readonly reviewAt: string | null;
  /** The downgrade date last announced by a warning (announced once). */
  readonly warnedFor: string | null;
  /** Levels whose entry reward was issued. */
  readonly reached: readonly string[];
  /** Per-day metrics inside the longest window, oldest first; trimmed as days leave the window. */
  readonly days: readonly DayBucket[];
  /** The same metrics over the whole history. */
  readonly lifetime: LifetimeMetrics;
  /** Memberships and manual grants, running or ended but kept for the record. */
  readonly grants: readonly TierGrant[];
  /** The level in force: `level` or a grant's, whichever is higher; and since when. */
  readonly effective: string | null;
  /** When the level in force was entered (UTC ISO). */
  readonly effectiveSince: string | null;
}

export function newTierState(): TierState {
  return {
    level: null,
    since: null,
    graceUntil: null,
    reviewAt: null,
    warnedFor: null,
    reached: [],
    days: [],
    lifetime: { spend: '0', orders: 0, visits: 0, points: 0 },
    grants: [],
    effective: null,
    effectiveSince: null,
  };
}
