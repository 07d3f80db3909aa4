import { stateAt } from '../engine/moment.js';
import type { MemberState } from '../member/state.js';
import { zoneOf, type Program } from '../program/define.js';
import { isoUtc } from '../time/calendar.js';
import { dateIn, startOfDateIn } from '../time/dates.js';
import { criterionProgress, type CriterionProgress } from './criteria.js';
import { lapseDate, projectDowngrade } from './projection.js';
import { levelAt, metricsAt, rankOf } from './qualify.js';
import { effectiveRank, grantActive, perksOf } from './standing.js';
import type { TierGrant } from './state.js';
import type { Tiers } from './types.js';
import { nextWindowChange, windowSpans } from './window.js';

/** Where the member stands against one level's criteria. */
export interface LevelProgress {
  /** The level's id. */
  readonly level: string;
  /** The level's name. */
  readonly name?: string;
  /** Whether its criteria are met now. */
  readonly met: boolean;
  /** Per threshold: current value, what is missing (a decimal string; money as the program's currency). */
  readonly criteria: CriterionProgress | null;
  /**
   * `next`: the values hold until this instant; after it older activity starts
   * to leave the window (or the period turns) and more may be needed.
   * `keep`: when the criteria are next checked (the review), or when the
   * member stops qualifying without further activity (grace policy).
   */
  readonly by: string | null;
}

/** A member's tier standing at a moment: what a UI or an API shows. */
export interface TierStatus {
  /** The member. */
  readonly memberId: string;
  /** The moment of the view (UTC ISO; never before the last event). */
  readonly at: string;
  /** The level in force (held by qualifying, or granted), and since when. */
  readonly level: string | null;
  /** The name of the level in force. */
  readonly name?: string;
  /** When the level in force was entered (UTC ISO). */
  readonly since: string | null;
  /** The level held by qualifying under the downgrade policy, grants aside. */
  readonly qualifiedLevel: string | null;
  /** Perks in force: the level's and running grants'. */
  readonly perks: readonly string[];
  /** Memberships and grants running at `at`. */
  readonly grants: readonly TierGrant[];
  /** The window's metrics now (the current span; with `includePrevious`, also the previous one). */
  readonly metrics: readonly {
    /** The span's first day (`null`: lifetime). */
    readonly from: string | null;
    /** The span's last day (today, for the current span). */
    readonly to: string;
    /** Net money spent, a decimal string. */
    readonly spend: string;
    /** Orders not fully refunded. */
    readonly orders: number;
    /** Days with such an order. */
    readonly visits: number;
    /** Qualifying points. */
    readonly points: number;
    /** Whole days since enrolment. */
    readonly tenureDays: number;
  }[];
  /** Without further activity: when the level in force will be lost, and to what; `null` if it will be kept. */
  readonly downgrade: {
    /** When (UTC ISO). */
    readonly on: string;
    /** The level it drops to (`null`: none). */
    readonly to: string | null;
  } | null;
  /** The level in force is guaranteed until then (`null`: no downgrade is foreseen). */
  readonly guaranteedUntil: string | null;
  /** The next level up and exactly what is missing for it. */
  readonly next: LevelProgress | null;
  /** What keeps the level held by qualifying. */
  readonly keep: LevelProgress | null;
}

/**
 * The read view of a member's tier at a moment (ISO 8601 with offset).
 * Transitions due by then (grace periods, reviews, grants ending) are shown as
 * done even if no event has applied them yet. Pure: the state is not changed.
 *
 * @example
 * const s = tierStatus(program, state, '2024-06-01T12:00:00Z');
 * s.next?.criteria // { metric: 'spend', atLeast: '500', current: '475', missing: '25', met: false }
 */
export function tierStatus(program: Program, state: MemberState, at: string): TierStatus {
  const tiers = program.tiers;
  const { state: advanced, atMs, now } = stateAt(program, state, 'tierStatus', at);
  const base: TierStatus = {
    memberId: state.memberId, at: now, level: null, since: null, qualifiedLevel: null, perks: [], grants: [], metrics: [], downgrade: null, guaranteedUntil: null, next: null, keep: null,
  };
  if (tiers === undefined && program.memberships === undefined) return base;
  const tier = advanced.tier;
  if (tier === undefined) return base;
  const grants = tier.grants.filter((g) => grantActive(g, now));
  const perks = perksOf(tiers, tier.effective, grants, now);
  if (tiers === undefined) return { ...base, perks, grants };
  const tz = zoneOf(program);
  const date = dateIn(atMs, tz);
  const enrolled = dateIn(Date.parse(advanced.enrolledAt ?? now), tz);
  const all = metricsAt(tiers, tier, date, enrolled);
  const spans = windowSpans(tiers.window, date, enrolled);
  const metrics = all.map((m, i) => ({
    from: spans?.[i]?.from ?? null,
    to: spans?.[i]?.to ?? date,
    spend: m.spend.toFixed(),
    orders: m.orders,
    visits: m.visits,
    points: m.points,
    tenureDays: m.tenureDays,
  }));
  const current = all[0];
  const effRank = rankOf(tiers, tier.effective);
  const heldRank = rankOf(tiers, tier.level);
  const level = levelAt(tiers, effRank);

  const change = nextWindowChange(tiers.window, tier.days, date, enrolled);
  const nextLevel = levelAt(tiers, effRank + 1);
  const next: LevelProgress | null =
    nextLevel === undefined || current === undefined
      ? null
      : progressFor(nextLevel, nextLevel.criteria === undefined ? null : criterionProgress(nextLevel.criteria, current), change === undefined ? null : isoUtc(startOfDateIn(change, tz)));

  const held = levelAt(tiers, heldRank);
  let keep: LevelProgress | null = null;
  if (held?.criteria !== undefined) {
    if (tiers.downgrade.kind === 'scheduled' && tier.reviewAt !== null) {
      const reviewDate = dateIn(Date.parse(tier.reviewAt), tz);
      const m = metricsAt(tiers, tier, reviewDate, enrolled)[0];
      if (m !== undefined) keep = progressFor(held, criterionProgress(held.criteria, m), tier.reviewAt);
    } else if (current !== undefined) {
      // in grace: qualify again by its end; otherwise: the day the member stops qualifying without more activity
      const lapse = tier.graceUntil === null ? lapseDate(tiers, tier, enrolled, date, heldRank) : undefined;
      const by = tier.graceUntil ?? (lapse === undefined ? null : isoUtc(Math.max(atMs, startOfDateIn(lapse, tz))));
      keep = progressFor(held, criterionProgress(held.criteria, current), by);
    }
  }

  const downgrade = effectiveDowngrade(tiers, tier.level, grants, effRank, projectDowngrade(tiers, tier, enrolled, tz, atMs), now);
  return {
    ...base,
    level: tier.effective,
    ...(level?.name === undefined ? {} : { name: level.name }),
    since: tier.effectiveSince,
    qualifiedLevel: tier.level,
    perks,
    grants,
    metrics,
    downgrade,
    guaranteedUntil: downgrade?.on ?? null,
    next,
    keep,
  };
}

function progressFor(level: Tiers['levels'][number], criteria: CriterionProgress | null, by: string | null): LevelProgress {
  return { level: level.id, ...(level.name === undefined ? {} : { name: level.name }), met: criteria?.met ?? true, criteria, by };
}

/** The coming loss of the level in force: a grant ending, or the held level's downgrade when no grant is above it. */
function effectiveDowngrade(
  tiers: Tiers,
  held: string | null,
  grants: readonly TierGrant[],
  effRank: number,
  policy: { on: string; to: string | null } | undefined,
  now: string,
): { on: string; to: string | null } | null {
  const heldRank = rankOf(tiers, held);
  if (effRank <= heldRank) return policy ?? null;
  // in force by grants: lost when the last grant at that rank ends
  const carrying = grants.filter((g) => rankOf(tiers, g.level) === effRank);
  if (carrying.some((g) => g.until === null)) return null;
  const on = carrying.reduce((max, g) => (g.until !== null && g.until > max ? g.until : max), now);
  const after = effectiveRank(tiers, held, grants.filter((g) => !carrying.includes(g)), on);
  return { on, to: levelAt(tiers, after)?.id ?? null };
}
