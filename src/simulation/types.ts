import type { TopLevelCondition } from '../conditions/types.js';
import type { Rejection } from '../engine/replay.js';
import type { MemberState } from '../member/state.js';

/** What `simulate` and `compare` accept as a history: any iterable or async iterable of event inputs, in time order. */
export type EventSource = Iterable<unknown> | AsyncIterable<unknown>;

/** How a report buckets time. Weeks start on Monday, in the program's time zone. */
export type ReportPeriod = 'week' | 'month';

export interface SimulateOptions {
  /** What one point is worth in the program's currency, a decimal string (`"0.01"`): turns points into liability and cost. */
  readonly pointValue?: string;
  /** Rows of the report over time: `month` (default) or `week`. */
  readonly period?: ReportPeriod;
  /** The window for "time to first reward", in days from a member's first event (default 90). */
  readonly firstRewardWithinDays?: number;
  /** How many top earners (and, for `compare`, most affected members) to list (default 10). */
  readonly top?: number;
  /** Named segments: a member belongs when the condition holds over the facts `rfm`, `points`, `tier`, `member` (see docs/simulation.md). */
  readonly segments?: Readonly<Record<string, TopLevelCondition>>;
  /** States to start from, by member id (members not listed start new). */
  readonly states?: ReadonlyMap<string, MemberState>;
  /** `throw` (default): stop at the first refused event. `collect`: count it, keep the first 100 in `rejected`, go on. */
  readonly onRejected?: 'throw' | 'collect';
  /** Called every `progressEvery` events (default 1000) with the number read so far (for progress bars). */
  readonly onProgress?: (eventsRead: number) => void;
  readonly progressEvery?: number;
}

/** Points moved in a stretch of time (all integers; `clawedBack`, `redeemed`, `expired` are positive counts of points taken). */
export interface PointsFlow {
  readonly issued: number;
  readonly redeemed: number;
  readonly expired: number;
  readonly clawedBack: number;
  /** Manual adjustments and reversals, signed. */
  readonly adjusted: number;
}

/** One row of the report over time. */
export interface PeriodRow extends PointsFlow {
  /** `2011-03` or `2011-W10` (ISO week). */
  readonly period: string;
  /** The period's first instant (UTC ISO). */
  readonly start: string;
  /** Points outstanding (sum of balances) at the end of the period. */
  readonly outstanding: number;
  /** `outstanding × pointValue` (a decimal string), or `null` without a point value. */
  readonly liability: string | null;
  /** Members at each level at the end of the period (`none` for no level). */
  readonly tiers: Readonly<Record<string, number>>;
  /** Members with at least one event in the period. */
  readonly activeMembers: number;
}

/** RFM scores of one member: recency, frequency and monetary value, each scored 1–5 by quintile (5 = best). */
export interface RfmScore {
  readonly memberId: string;
  /** Days from the last purchase to the end of the history. */
  readonly recencyDays: number;
  /** Purchases. */
  readonly frequency: number;
  /** Net spend (purchases less refunds), a decimal string. */
  readonly monetary: string;
  readonly r: 1 | 2 | 3 | 4 | 5;
  readonly f: 1 | 2 | 3 | 4 | 5;
  readonly m: 1 | 2 | 3 | 4 | 5;
  /** `"${r}${f}${m}"`, e.g. `"555"`. */
  readonly score: string;
}

export interface SimulationReport {
  readonly programId: string;
  readonly programVersion: number;
  /** First and last event times (UTC ISO), `null` for an empty history. */
  readonly from: string | null;
  readonly to: string | null;
  readonly events: {
    readonly read: number;
    readonly applied: number;
    readonly duplicates: number;
    readonly rejected: number;
    /** Cross-member events (referral credits) routed to their member during the run. */
    readonly routed: number;
  };
  /** Members seen. */
  readonly members: number;
  readonly totals: PointsFlow & {
    /** Sum of balances at the end (pending included). */
    readonly outstanding: number;
    /** Of which not yet spendable. */
    readonly pending: number;
  };
  /** `totals.outstanding × pointValue`, or `null`. */
  readonly liability: string | null;
  /** Expired ÷ issued (0–1), `null` when nothing was issued. */
  readonly breakage: number | null;
  /** Issued points × point value, plus wallet credit, per member seen; `null` without a point value. */
  readonly costPerMember: string | null;
  readonly periods: readonly PeriodRow[];
  /** Members at each level at the end. */
  readonly tiers: Readonly<Record<string, number>>;
  readonly firstReward: {
    readonly withinDays: number;
    /** The cheapest catalog reward's price in points, `null` for a program without one. */
    readonly rewardPoints: number | null;
    /** Members with a purchase whose first event is at least `withinDays` before the end (or who reached it sooner). */
    readonly eligible: number;
    readonly reached: number;
    /** reached ÷ eligible, `null` when no one is eligible. */
    readonly share: number | null;
    /** Days to reach it, for every member who reached it at all (for a distribution chart). */
    readonly days: readonly number[];
  };
  /** Per catalog reward: redemptions, points spent, and the share of members who redeemed it. */
  readonly redemptions: readonly {
    readonly rewardId: string;
    readonly count: number;
    readonly points: number;
    readonly members: number;
    readonly rate: number;
  }[];
  readonly topEarners: readonly { readonly memberId: string; readonly issued: number; readonly outstanding: number; readonly tier: string | null }[];
  /** Members per named segment (see `SimulateOptions.segments`), with their ids. */
  readonly segments: Readonly<Record<string, { readonly count: number; readonly members: readonly string[] }>>;
  /** The first 100 refused events (with `onRejected: 'collect'`). */
  readonly rejected: readonly Rejection[];
}

/** One member's outcome under each program. */
export interface MemberDifference {
  readonly memberId: string;
  readonly issuedA: number;
  readonly issuedB: number;
  readonly balanceA: number;
  readonly balanceB: number;
  readonly tierA: string | null;
  readonly tierB: string | null;
  /** balanceB − balanceA. */
  readonly delta: number;
}

export interface ComparisonReport {
  readonly a: SimulationReport;
  readonly b: SimulationReport;
  readonly members: number;
  /** Members whose level at the end differs, with both levels. */
  readonly tierChanges: readonly { readonly memberId: string; readonly from: string | null; readonly to: string | null }[];
  readonly gained: number;
  readonly lost: number;
  readonly unchanged: number;
  /** B − A: points issued, outstanding, and liability and cost (decimal strings, `null` without a point value). */
  readonly difference: {
    readonly issued: number;
    readonly outstanding: number;
    readonly liability: string | null;
    readonly cost: string | null;
  };
  /** The members most affected (largest |delta|, then id), `top` of them. */
  readonly mostAffected: readonly MemberDifference[];
}
