import type { LoyaltyEvent } from '../events/schema.js';
import type { LedgerEntry } from '../ledger/entry.js';
import type { Lot, MemberState, MemberTotals, OrderRecord, RedemptionRecord } from '../member/state.js';
import { compiledOf, type Program } from '../program/define.js';
import type { SpanMemo } from '../tiers/window.js';
import type { Zone } from '../time/zone.js';
import { newTierState, type TierState } from '../tiers/state.js';
import { newWalletState, type WalletState } from '../wallet/state.js';
import { newMessageState, type MessageState } from '../messages/state.js';
import { isEmpty, type EngagementDraft } from '../engagement/state.js';
import { seal } from '../member/sealed.js';
import type { MessageData } from '../messages/types.js';
import { isoUtc } from '../time/calendar.js';
import { dateIn } from '../time/dates.js';
import type { Effect, EffectInput } from './effects.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The working copy of one member's state while one event is applied. It is
 * created fresh for each call to `evaluate` from copies of the input, so the
 * caller's state is never touched; `finish` turns it back into a state.
 */
export interface Draft {
  readonly program: Program;
  /** The program's time zone (offsets remembered by day). */
  readonly zone: Zone;
  /** Tier window spans by date, remembered for the program. */
  readonly spans: SpanMemo;
  readonly event: LoyaltyEvent;
  readonly atMs: number;
  /** The event's time as a UTC ISO instant. */
  readonly at: string;
  /** The lots, shared with the state given until a step replaces the array (every change makes a new one). */
  lots: readonly Lot[];
  deficit: number;
  debt: number;
  /** Orders kept for refunds: the state's own until a step changes one ({@link ordersToChange}). */
  orders: Readonly<Record<string, OrderRecord>>;
  counters: Record<string, number>;
  /** Redemptions: the state's own until a step changes one ({@link redemptionsToChange}). */
  redemptions: Readonly<Record<string, RedemptionRecord>>;
  stats: Mutable<MemberState['stats']>;
  totals: Mutable<MemberTotals>;
  lastActivityAt: string | null;
  /** Inactivity policy: when the member's points last lapsed. */
  lapsedAt: string | undefined;
  /** Tier standing; present when the program has tiers or membership plans. */
  tier: Mutable<TierState> | undefined;
  /** Present when the program has a wallet. */
  wallet: Mutable<WalletState> | undefined;
  /** Present when the program declares messages. */
  messages: Mutable<MessageState> | undefined;
  /** Engagement records (a copy; empty when none). */
  engagement: EngagementDraft;
  /** A birthday reached by this step, for the birthday message. */
  birthday: MessageData['birthday'] | undefined;
  /** When the member enrolled: the earliest event seen. */
  enrolledAt: string;
  /** Calendar dates (program time zone) of enrolment and of "now": the later of this event and the last one. Set only for programs with tiers. */
  readonly enrolledDate: string;
  readonly nowMs: number;
  /** `nowMs` as a UTC ISO instant (read often: formatting one costs about as much as a small step's arithmetic). */
  readonly now: string;
  readonly nowDate: string;
  readonly effects: Effect[];
  /** The state the step started from (its records are shared until changed). */
  readonly base: MemberState;
}

export function createDraft(program: Program, state: MemberState, event: LoyaltyEvent, atMs: number): Draft {
  const at = isoUtc(atMs);
  const enrolledAt = state.enrolledAt === null || at < state.enrolledAt ? at : state.enrolledAt;
  const nowMs = state.lastEventAt === null ? atMs : Math.max(atMs, Date.parse(state.lastEventAt));
  const { zone, spans } = compiledOf(program);
  const standing = program.tiers !== undefined || program.memberships !== undefined;
  return {
    program,
    zone,
    spans,
    event,
    atMs,
    at,
    lots: state.lots,
    deficit: state.deficit,
    debt: state.debt,
    orders: state.orders,
    counters: { ...state.counters },
    redemptions: state.redemptions,
    stats: { ...state.stats },
    totals: { ...state.totals },
    lastActivityAt: state.lastActivityAt,
    lapsedAt: state.lapsedAt,
    tier: standing ? copyTier(state.tier ?? newTierState()) : undefined,
    wallet: program.wallet === undefined ? undefined : { ...(state.wallet ?? newWalletState(program.currency)) },
    messages: program.messages === undefined ? undefined : { ...(state.messages ?? newMessageState()) },
    engagement: { ...state.engagement },
    birthday: undefined,
    enrolledAt,
    enrolledDate: standing ? dateIn(Date.parse(enrolledAt), zone) : '',
    nowMs,
    now: nowMs === atMs ? at : isoUtc(nowMs),
    nowDate: standing ? dateIn(nowMs, zone) : '',
    effects: [],
    base: state,
  };
}

/** An instant of this step as a UTC ISO string: the event's and "now" are formatted once per step. */
export function isoOf(draft: Pick<Draft, 'atMs' | 'at' | 'nowMs' | 'now'>, ms: number): string {
  return ms === draft.nowMs ? draft.now : ms === draft.atMs ? draft.at : isoUtc(ms);
}

/**
 * The orders to change in this step: the state's record is copied on the first change (a step that
 * changes none, such as a check-in, shares it), so the state given is never touched.
 */
export function ordersToChange(draft: Draft): Record<string, OrderRecord> {
  if (draft.orders === draft.base.orders) draft.orders = { ...draft.orders };
  return draft.orders as Record<string, OrderRecord>;
}

/** The redemptions to change in this step, copied on the first change as {@link ordersToChange}. */
export function redemptionsToChange(draft: Draft): Record<string, RedemptionRecord> {
  if (draft.redemptions === draft.base.redemptions) draft.redemptions = { ...draft.redemptions };
  return draft.redemptions as Record<string, RedemptionRecord>;
}

type EntryInput = Omit<LedgerEntry, 'id' | 'memberId' | 'eventId' | 'programId' | 'programVersion'>;

/** Records a ledger entry as an effect and folds it into the lifetime totals. */
export function record(draft: Draft, entry: EntryInput): void {
  const full: LedgerEntry = {
    id: `${draft.event.id}:${draft.effects.length}`,
    memberId: draft.event.memberId,
    eventId: draft.event.id,
    programId: draft.program.id,
    programVersion: draft.program.version,
    ...entry,
    points: entry.points + 0, // never -0 in JSON
  };
  const t = draft.totals;
  switch (entry.kind) {
    case 'earn':
      t.earned += entry.points;
      break;
    case 'clawback':
      t.clawedBack -= entry.points;
      break;
    case 'expire':
      t.expired -= entry.points;
      break;
    case 'adjust':
      t.adjusted += entry.points;
      break;
    case 'debt_recovery':
      t.debtRecovered -= entry.points;
      break;
    case 'redeem':
      t.redeemed -= entry.points;
      break;
    case 'reversal':
      t.reversed += entry.points;
      break;
  }
  draft.effects.push({ type: 'ledger', entry: full });
}

function copyTier(t: TierState): Mutable<TierState> {
  return { ...t };
}

/** Adds an effect other than a ledger entry, with its id and envelope. */
export function emit(draft: Draft, effect: EffectInput): void {
  draft.effects.push({ ...effect, id: `${draft.event.id}:${draft.effects.length}`, memberId: draft.event.memberId, eventId: draft.event.id } as Effect);
}

/** Marks the event as member activity (inactivity expiry counts from the latest). */
export function touch(draft: Draft): void {
  if (draft.lastActivityAt === null || draft.at > draft.lastActivityAt) draft.lastActivityAt = draft.at;
}

export function finish(draft: Draft, state: MemberState): MemberState {
  const last = state.lastEventAt === null || draft.at > state.lastEventAt ? draft.at : state.lastEventAt;
  return seal({
    schema: 1,
    programId: state.programId,
    memberId: state.memberId,
    version: state.version + 1,
    lastEventAt: last,
    lastActivityAt: draft.lastActivityAt,
    enrolledAt: draft.enrolledAt,
    ...(draft.lapsedAt === undefined ? {} : { lapsedAt: draft.lapsedAt }),
    lots: draft.lots,
    deficit: draft.deficit,
    debt: draft.debt,
    orders: draft.orders,
    counters: draft.counters,
    redemptions: draft.redemptions,
    stats: draft.stats,
    totals: draft.totals,
    ...(draft.tier === undefined ? {} : { tier: draft.tier }),
    ...(draft.wallet === undefined ? {} : { wallet: draft.wallet }),
    ...(draft.messages === undefined ? {} : { messages: draft.messages }),
    ...(isEmpty(draft.engagement) ? {} : { engagement: draft.engagement }),
  });
}
