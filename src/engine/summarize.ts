import { LoyaltyError } from '../errors/loyalty-error.js';
import type { MemberState, MemberTotals } from '../member/state.js';
import { zoneOf, type Program } from '../program/define.js';
import { newWalletState } from '../wallet/state.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { show } from '../errors/show.js';
import { readViewInstant } from './moment.js';
import { checkMemberState } from '../member/state-schema.js';

/** Options of {@link summarize}. */
export interface SummarizeOptions {
  /** How far ahead to list expiring points, in days (default 30). */
  readonly horizonDays?: number;
}

/** A member's points as of a moment: what a UI or an API shows. */
export interface PointsSummary {
  /** The member. */
  readonly memberId: string;
  /** The moment of the summary (UTC ISO). */
  readonly at: string;
  /** Sum of all ledger entries, as of `at` (pending included). */
  readonly balance: number;
  /** Spendable now. */
  readonly available: number;
  /** Earned but not yet spendable. */
  readonly pending: number;
  /** Pending points by lot, and when each becomes spendable, soonest first. */
  readonly pendingLots: readonly {
    /** Points in the lot. */
    readonly points: number;
    /** When they become spendable (UTC ISO). */
    readonly availableAt: string;
  }[];
  /** Points that expire after `at` and within the horizon, soonest first. */
  readonly expiring: readonly {
    /** Points expiring at that instant. */
    readonly points: number;
    /** When (UTC ISO). */
    readonly expiresAt: string;
  }[];
  /** Points owed under `negativeBalance: 'debt'`, recovered from future earning. */
  readonly debt: number;
  /** Lifetime totals of the ledger, by entry kind. */
  readonly lifetime: MemberTotals;
  /** The wallet balance (a decimal string in the program's currency), for programs with a wallet. */
  readonly wallet: string | null;
}

/**
 * The read view of a member's points at a moment (an ISO 8601 instant with
 * offset). Points due to expire by then are shown as gone even if no event
 * has expired them in the state yet. Pure: the state is not changed.
 *
 * @example
 * const view = summarize(program, state, '2024-03-20T00:00:00Z', { horizonDays: 60 });
 * view.available; // spendable now
 * view.expiring; // [{ points, expiresAt }] within the next 60 days, soonest first
 */
export function summarize(program: Program, given: MemberState, at: string, options: SummarizeOptions = {}): PointsSummary {
  const state = checkMemberState(given, 'summarize');
  // never before the last event, as catalogFor and tierStatus: the state cannot show an earlier moment
  const atMs = Math.max(readViewInstant('summarize', at), state.lastEventAt === null ? 0 : Date.parse(state.lastEventAt));
  const horizonDays = options.horizonDays ?? 30;
  if (!Number.isInteger(horizonDays) || horizonDays < 0 || horizonDays > 3660) {
    throw new LoyaltyError('invalid_argument', `summarize: horizonDays must be a whole number of days from 0 to 3660, not ${show(options.horizonDays)}`);
  }
  const now = isoUtc(atMs);
  const horizon = isoUtc(addDaysInZone(atMs, horizonDays, zoneOf(program)));
  const policy = program.points.expiry;
  const inactiveAt =
    policy.kind === 'inactivity' && state.lastActivityAt !== null
      ? isoUtc(addDaysInZone(Date.parse(state.lastActivityAt), policy.days, zoneOf(program)))
      : null;
  const live = state.lots
    .map((lot) => ({ ...lot, expiresAt: lot.expiresAt ?? inactiveAt }))
    .filter((lot) => lot.expiresAt === null || lot.expiresAt > now);
  let available = 0 - state.deficit;
  let pending = 0;
  const pendingLots: { points: number; availableAt: string }[] = [];
  const expiring = new Map<string, number>();
  for (const lot of live) {
    if (lot.availableAt <= now) available += lot.points;
    else {
      pending += lot.points;
      pendingLots.push({ points: lot.points, availableAt: lot.availableAt });
    }
    if (lot.expiresAt !== null && lot.expiresAt <= horizon) expiring.set(lot.expiresAt, (expiring.get(lot.expiresAt) ?? 0) + lot.points);
  }
  return {
    memberId: state.memberId,
    at: now,
    balance: available + pending,
    available,
    pending,
    pendingLots: pendingLots.sort((a, b) => (a.availableAt < b.availableAt ? -1 : 1)),
    expiring: [...expiring.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([expiresAt, points]) => ({ points, expiresAt })),
    debt: state.debt,
    lifetime: state.totals,
    wallet: program.wallet === undefined ? null : (state.wallet ?? newWalletState(program.currency)).balance,
  };
}
