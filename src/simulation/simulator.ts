import type { Effect } from '../engine/effects.js';
import { evaluateParsed } from '../engine/evaluate.js';
import type { Rejection } from '../engine/replay.js';
import { summarize } from '../engine/summarize.js';
import { isLoyaltyError, LoyaltyError } from '../errors/loyalty-error.js';
import type { LoyaltyEvent } from '../events/schema.js';
import { balanceOf, newMemberState, type MemberState } from '../member/state.js';
import { checkMemberState } from '../member/state-schema.js';
import { Dec } from '../money/decimal.js';
import { pointsValue } from './money.js';
import { minorUnits } from '../money/currency.js';
import type { Program } from '../program/define.js';
import { isoUtc } from '../time/calendar.js';
import { cheapestReward, firstRewardReport } from './first-reward.js';
import type { ResolvedOptions } from './options.js';
import { RedemptionTally } from './redemptions.js';
import { RfmTally } from './rfm.js';
import { segmentMembers } from './segments.js';
import { segmentFacts, type SegmentMember } from './segment-facts.js';
import { foldEntry, levelRecord, Timeline, zeroFlow } from './timeline.js';
import type { RfmScore, SimulationReport } from './types.js';

type Decimal = InstanceType<typeof Dec>;
const MAX_REJECTED = 100;

interface Track {
  state: MemberState;
  issued: number;
  firstMs: number | undefined;
  purchased: boolean;
  reachedMs: number | undefined;
  /** The period of the member's last event, so a period counts each member once. */
  lastPeriod: string | undefined;
}

/** One member's outcome, for `compare`. */
export interface MemberOutcome {
  readonly issued: number;
  readonly balance: number;
  readonly tier: string | null;
}

/** The report, plus what `compare` needs beyond it. */
export interface FinishedRun {
  readonly report: SimulationReport;
  readonly members: ReadonlyMap<string, MemberOutcome>;
  /** Total cost (see `costPerMember`), `null` without a point value. */
  readonly cost: Decimal | null;
}

/** A parsed event, or why it could not be parsed. */
export type Parsed = { readonly ok: true; readonly event: LoyaltyEvent } | { readonly ok: false; readonly error: unknown };

/**
 * The accumulator behind `simulate` and `compare`: takes events one at a
 * time, applies each with the engine's pure step, and folds the effects into
 * counters as they come (no effect is kept).
 */
export class Simulator {
  readonly #program: Program;
  readonly #options: ResolvedOptions;
  readonly #members = new Map<string, Track>();
  readonly #seen = new Set<string>();
  readonly #timeline: Timeline;
  readonly #flow = zeroFlow();
  readonly #redemptions = new RedemptionTally();
  readonly #rfm = new RfmTally();
  readonly #rejected: Rejection[] = [];
  readonly #price: number | null;
  readonly #base: { outstanding: number; levels: Map<string, number> } = { outstanding: 0, levels: new Map() };
  #walletCost: Decimal;
  #counts = { read: 0, applied: 0, duplicates: 0, rejected: 0, routed: 0 };
  #fromMs: number | undefined;
  #toMs: number | undefined;
  #finished = false;

  constructor(program: Program, options: ResolvedOptions, caller: string) {
    this.#program = program;
    this.#options = options;
    this.#timeline = new Timeline(options.period, program.timezone);
    this.#price = cheapestReward(program);
    this.#walletCost = new Dec(0);
    for (const [memberId, given] of options.states) {
      const state = checkMemberState(given, `${caller}: options.states`);
      this.#members.set(memberId, { state, issued: 0, firstMs: undefined, purchased: false, reachedMs: undefined, lastPeriod: undefined });
      this.#base.outstanding += balanceOf(state);
      const level = state.tier?.effective ?? 'none';
      this.#base.levels.set(level, (this.#base.levels.get(level) ?? 0) + 1);
    }
  }

  /** Whether an event with this id was already applied (a redelivery). */
  isDuplicate(id: string | undefined): boolean {
    return id !== undefined && this.#seen.has(id);
  }

  /** Reads one event of the history (already parsed by the caller, or the error parsing gave). */
  step(raw: unknown, parsed: Parsed, id: string | undefined): void {
    this.#counts.read++;
    if (this.isDuplicate(id)) {
      this.#counts.duplicates++;
      return;
    }
    if (!parsed.ok) return this.#reject(raw, parsed.error);
    this.#apply(parsed.event, raw, false);
  }

  #reject(event: unknown, error: unknown): void {
    if (!this.#options.collect || !isLoyaltyError(error)) throw error;
    this.#counts.rejected++;
    if (this.#rejected.length < MAX_REJECTED) this.#rejected.push({ event, error: error as LoyaltyError });
  }

  /** Applies an event, then at once every event it addresses to another member (referral credits). */
  #apply(first: LoyaltyEvent, raw: unknown, routed: boolean): void {
    const queue: { event: LoyaltyEvent; raw: unknown; routed: boolean }[] = [{ event: first, raw, routed }];
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      const { event } = item;
      if (item.routed && this.#seen.has(event.id)) continue; // already in the history
      const known = this.#members.get(event.memberId);
      let effects: readonly Effect[];
      let state: MemberState;
      try {
        ({ state, effects } = evaluateParsed(this.#program, known?.state ?? newMemberState(this.#program, event.memberId), event));
      } catch (error) {
        this.#reject(item.raw, error);
        continue;
      }
      this.#seen.add(event.id);
      if (item.routed) this.#counts.routed++;
      else this.#counts.applied++;
      const atMs = Date.parse(event.at);
      if (this.#fromMs === undefined || atMs < this.#fromMs) this.#fromMs = atMs;
      if (this.#toMs === undefined || atMs > this.#toMs) this.#toMs = atMs;
      const track = known ?? this.#join(event.memberId, state, atMs);
      track.state = state;
      if (track.firstMs === undefined) track.firstMs = atMs;
      if (event.type === 'purchase') track.purchased = true;
      const period = this.#timeline.touch(atMs);
      if (track.lastPeriod !== period) {
        track.lastPeriod = period;
        this.#timeline.active(atMs);
      }
      this.#rfm.add(event);
      for (const effect of effects) {
        this.#fold(track, effect);
        if (effect.type === 'outgoing_event') queue.push({ event: effect.event as LoyaltyEvent, raw: effect.event, routed: true });
      }
      this.#checkFirstReward(track);
    }
  }

  #join(memberId: string, state: MemberState, atMs: number): Track {
    const track: Track = { state, issued: 0, firstMs: undefined, purchased: false, reachedMs: undefined, lastPeriod: undefined };
    this.#members.set(memberId, track);
    this.#timeline.level(atMs, undefined, null);
    return track;
  }

  #fold(track: Track, effect: Effect): void {
    switch (effect.type) {
      case 'ledger':
        foldEntry(this.#flow, effect.entry);
        this.#timeline.entry(effect.entry);
        if (effect.entry.kind === 'earn') track.issued += effect.entry.points;
        break;
      case 'wallet': {
        const { kind, ruleId, amount } = effect.entry;
        // what the program gives in money: cashback, and credit from grants; a wallet-credit reward
        // (`rewards.<id>`) was paid for with points already counted as issued
        if (kind === 'cashback' || (kind === 'credit' && !ruleId.startsWith('rewards.'))) this.#walletCost = this.#walletCost.plus(amount);
        break;
      }
      case 'tier_upgraded':
      case 'tier_downgraded':
        this.#timeline.level(Date.parse(effect.at), effect.from, effect.to);
        break;
      case 'reward_redeemed':
        this.#redemptions.redeemed(effect.memberId, effect.rewardId, effect.points);
        break;
      case 'redemption_reversed':
        this.#redemptions.reversed(effect.memberId, effect.rewardId, effect.points, effect.expired);
        break;
      default:
        break;
    }
  }

  /** Whether the member's available points (as `summarize` shows them at their event) reached the cheapest reward. */
  #checkFirstReward(track: Track): void {
    const price = this.#price;
    const { state } = track;
    if (price === null || track.reachedMs !== undefined || state.lastEventAt === null) return;
    // the balance bounds what is available: most events end here without building the view
    if (balanceOf(state) < price) return;
    if (summarize(this.#program, state, state.lastEventAt).available >= price) track.reachedMs = Date.parse(state.lastEventAt);
  }

  /**
   * Ends the history: every member whose last event is before the last one
   * of the history is brought to that moment as a tick would (points due
   * expire, levels lapse), then the report is built.
   */
  finish(): FinishedRun {
    if (this.#finished) throw new LoyaltyError('invalid_argument', 'Simulator.finish: the run is already finished');
    this.#finished = true;
    const program = this.#program;
    const toMs = this.#toMs;
    const to = toMs === undefined ? null : isoUtc(toMs);
    if (to !== null) {
      for (const [memberId, track] of this.#members) {
        if (track.state.lastEventAt !== null && track.state.lastEventAt >= to) continue;
        const tick: LoyaltyEvent = { id: '\u0000simulate:end', type: 'tick', memberId, at: to };
        const { state, effects } = evaluateParsed(program, track.state, tick);
        track.state = state;
        for (const effect of effects) this.#fold(track, effect);
      }
    }
    const o = this.#options;
    const outcomes = new Map<string, MemberOutcome>();
    const levels = new Map<string, number>();
    let outstanding = 0;
    let pending = 0;
    for (const [memberId, track] of this.#members) {
      const balance = balanceOf(track.state);
      const tier = track.state.tier?.effective ?? null;
      outstanding += balance;
      for (const lot of track.state.lots) if (to !== null && lot.availableAt > to) pending += lot.points;
      levels.set(tier ?? 'none', (levels.get(tier ?? 'none') ?? 0) + 1);
      outcomes.set(memberId, { issued: track.issued, balance, tier });
    }
    const levelOrder = (program.tiers?.levels ?? []).map((l) => l.id);
    const pv = o.pointValue;
    const members = this.#members.size;
    const cost = pv === null ? null : pv.times(this.#flow.issued).plus(this.#walletCost);
    const rfm = o.segments.length === 0 ? new Map<string, RfmScore>() : new Map(this.#rfm.scores(toMs ?? 0).map((s) => [s.memberId, s]));
    const report: SimulationReport = {
      programId: program.id,
      programVersion: program.version,
      from: this.#fromMs === undefined ? null : isoUtc(this.#fromMs),
      to,
      events: { ...this.#counts },
      members,
      totals: { ...this.#flow, outstanding, pending },
      liability: pointsValue(outstanding, pv, program.currency),
      breakage: this.#flow.issued === 0 ? null : this.#flow.expired / this.#flow.issued,
      costPerMember: cost === null || members === 0 ? null : cost.dividedBy(members).toFixed(minorUnits(program.currency), Dec.ROUND_HALF_UP),
      periods: this.#timeline.rows(this.#base, levelOrder, (points) => pointsValue(points, pv, program.currency)),
      tiers: levelRecord(levels, levelOrder),
      firstReward: firstRewardReport(program, this.#price, o.withinDays, toMs, this.#members.values()),
      redemptions: this.#redemptions.report(program, members),
      topEarners: this.#topEarners(outcomes),
      segments: segmentMembers(o.segments, segmentFacts(program, this.#segmentMembers(outcomes), rfm, to)),
      rejected: [...this.#rejected],
    };
    return { report, members: outcomes, cost };
  }

  *#segmentMembers(outcomes: ReadonlyMap<string, MemberOutcome>): Generator<SegmentMember> {
    for (const [id, track] of this.#members) yield { id, state: track.state, ...(outcomes.get(id) as MemberOutcome) };
  }

  #topEarners(outcomes: ReadonlyMap<string, MemberOutcome>): SimulationReport['topEarners'] {
    return [...outcomes]
      .filter(([, m]) => m.issued > 0)
      .sort(([a, x], [b, y]) => y.issued - x.issued || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, this.#options.top)
      .map(([memberId, m]) => ({ memberId, issued: m.issued, outstanding: m.balance, tier: m.tier }));
  }
}
