import type { TopLevelCondition } from '../conditions/types.js';
import type { Rejection } from '../engine/replay.js';
import type { MemberState } from '../member/state.js';

/** What `simulate` and `compare` accept as a history: any iterable or async iterable of event inputs, in time order. */
export type EventSource = Iterable<unknown> | AsyncIterable<unknown>;

/** How a report buckets time. Weeks start on Monday, in the program's time zone. */
export type ReportPeriod = 'week' | 'month';

/** Options of `simulate` (and `compare`, which passes them to both runs). */
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
  /** How many events between two `onProgress` calls (default 1000). */
  readonly progressEvery?: number;
}

/** Points moved in a stretch of time (all integers; `clawedBack`, `redeemed`, `expired` are positive counts of points taken). */
export interface PointsFlow {
  /** Points earned (earn entries, pending ones included). */
  readonly issued: number;
  /** Points spent on rewards. */
  readonly redeemed: number;
  /** Points that expired. */
  readonly expired: number;
  /** Points taken back by refunds, revoked grants and debt recovery. */
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
  /** The member scored. */
  readonly memberId: string;
  /** Days from the last purchase to the end of the history. */
  readonly recencyDays: number;
  /** Purchases. */
  readonly frequency: number;
  /** Net spend (purchases less refunds), a decimal string. */
  readonly monetary: string;
  /** Recency score: 5 for the most recent fifth of members. */
  readonly r: 1 | 2 | 3 | 4 | 5;
  /** Frequency score: 5 for the fifth with the most purchases. */
  readonly f: 1 | 2 | 3 | 4 | 5;
  /** Monetary score: 5 for the fifth with the highest net spend. */
  readonly m: 1 | 2 | 3 | 4 | 5;
  /** `"${r}${f}${m}"`, e.g. `"555"`. */
  readonly score: string;
}

/** What `simulate` returns: what a program did over a history, in total and over time. */
export interface SimulationReport {
  /** The program's id. */
  readonly programId: string;
  /** The program's version. */
  readonly programVersion: number;
  /** The first event's time (UTC ISO), `null` for an empty history. */
  readonly from: string | null;
  /** The last event's time (UTC ISO), `null` for an empty history; the report's end. */
  readonly to: string | null;
  /** What became of the events read. */
  readonly events: {
    /** Events read from the source. */
    readonly read: number;
    /** Events applied to a member. */
    readonly applied: number;
    /** Events skipped because one with the same id was applied already. */
    readonly duplicates: number;
    /** Events the engine refused. */
    readonly rejected: number;
    /** Cross-member events (referral credits) routed to their member during the run. */
    readonly routed: number;
  };
  /** Members seen. */
  readonly members: number;
  /** Points moved over the whole history, and what is left at the end. */
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
  /** One row per week or month, oldest first. */
  readonly periods: readonly PeriodRow[];
  /** Members at each level at the end. */
  readonly tiers: Readonly<Record<string, number>>;
  /** Time to first reward: how many members can afford the cheapest reward within `withinDays` of their first event. */
  readonly firstReward: {
    /** The window, in days. */
    readonly withinDays: number;
    /** The cheapest catalog reward's price in points, `null` for a program without one. */
    readonly rewardPoints: number | null;
    /** Members with a purchase whose first event is at least `withinDays` before the end (or who reached it sooner). */
    readonly eligible: number;
    /** Eligible members who reached it within the window. */
    readonly reached: number;
    /** reached ÷ eligible, `null` when no one is eligible. */
    readonly share: number | null;
    /** Days to reach it, for every member who reached it at all (for a distribution chart). */
    readonly days: readonly number[];
  };
  /** Per catalog reward: redemptions, points spent, and the share of members who redeemed it. */
  readonly redemptions: readonly {
    /** The catalog reward. */
    readonly rewardId: string;
    /** Redemptions of it, less reversals. */
    readonly count: number;
    /** Points spent on it. */
    readonly points: number;
    /** Members who redeemed it. */
    readonly members: number;
    /** members ÷ members seen (0–1). */
    readonly rate: number;
  }[];
  /** The members issued the most points, most first. */
  readonly topEarners: readonly {
    /** The member. */
    readonly memberId: string;
    /** Points issued to them. */
    readonly issued: number;
    /** Their balance at the end. */
    readonly outstanding: number;
    /** Their level at the end. */
    readonly tier: string | null;
  }[];
  /** Members per named segment (see `SimulateOptions.segments`), with their ids. */
  readonly segments: Readonly<Record<string, {
    /** Members in the segment. */
    readonly count: number;
    /** Their ids, sorted. */
    readonly members: readonly string[];
  }>>;
  /** The first 100 refused events (with `onRejected: 'collect'`). */
  readonly rejected: readonly Rejection[];
}

/** One member's outcome under each program. */
export interface MemberDifference {
  /** The member. */
  readonly memberId: string;
  /** Points issued under program A. */
  readonly issuedA: number;
  /** Points issued under program B. */
  readonly issuedB: number;
  /** Balance at the end under A. */
  readonly balanceA: number;
  /** Balance at the end under B. */
  readonly balanceB: number;
  /** Level at the end under A. */
  readonly tierA: string | null;
  /** Level at the end under B. */
  readonly tierB: string | null;
  /** balanceB − balanceA. */
  readonly delta: number;
}

/** What `compare` returns: both reports, and the difference per member and in total. */
export interface ComparisonReport {
  /** The report under program A. */
  readonly a: SimulationReport;
  /** The report under program B. */
  readonly b: SimulationReport;
  /** Members seen. */
  readonly members: number;
  /** Members whose level at the end differs, with both levels. */
  readonly tierChanges: readonly {
    /** The member. */
    readonly memberId: string;
    /** Level under A. */
    readonly from: string | null;
    /** Level under B. */
    readonly to: string | null;
  }[];
  /** Members with a higher balance under B. */
  readonly gained: number;
  /** Members with a lower balance under B. */
  readonly lost: number;
  /** Members with the same balance under both. */
  readonly unchanged: number;
  /** B − A: points issued, outstanding, and liability and cost (decimal strings, `null` without a point value). */
  readonly difference: {
    /** Points issued. */
    readonly issued: number;
    /** Points outstanding at the end. */
    readonly outstanding: number;
    /** Liability at the end. */
    readonly liability: string | null;
    /** Cost (issued points and wallet credit at the point value). */
    readonly cost: string | null;
  };
  /** The members most affected (largest |delta|, then id), `top` of them. */
  readonly mostAffected: readonly MemberDifference[];
}
