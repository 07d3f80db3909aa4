import { emit, type Draft } from '../engine/draft.js';
import type { MemberState } from '../member/state.js';
import { balanceOf } from '../member/state.js';
import { Dec } from '../money/decimal.js';
import type { MessageKind } from '../program/messages-schema.js';
import { checkRedemption, spendable } from '../rewards/check.js';
import { criterionProgress, type CriterionProgress } from '../tiers/criteria.js';
import { levelAt, metricsAt, rankOf } from '../tiers/qualify.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { dateIn, daysBetween } from '../time/dates.js';
import { lapsedSince } from '../ledger/expiry.js';
import type { MessageData } from './types.js';
import { periodKey } from '../time/periods.js';

/**
 * After an event: the messages the program declares that this step calls
 * for, each sent unless its kind's frequency cap is reached (then recorded as
 * suppressed in the state).
 */
export function composeMessages(draft: Draft, before: MemberState): void {
  const spec = draft.program.messages;
  if (spec === undefined || draft.messages === undefined) return;
  const tiers = draft.program.tiers;
  const at = draft.now;
  const balance = balanceOf(draft);
  const out: { [K in MessageKind]?: MessageData[K][] } = {};
  const push = <K extends MessageKind>(kind: K, data: MessageData[K]): void => {
    if (spec[kind] !== undefined) ((out[kind] ??= []) as MessageData[K][]).push(data);
  };

  let earned = 0;
  let orderId: string | null | undefined;
  for (const e of [...draft.effects]) {
    if (e.type === 'tier_upgraded' && e.to !== null) {
      const level = levelAt(tiers, rankOf(tiers, e.to));
      push('tier_reached', { level: e.to, name: level?.name ?? null, perks: level?.perks ?? [] });
    } else if (e.type === 'tier_downgraded') push('tier_lost', { from: e.from, to: e.to });
    else if (e.type === 'tier_downgrade_warning') push('tier_warning', { level: e.level, to: e.to, on: e.on });
    else if (e.type === 'ledger' && e.entry.kind === 'earn' && e.entry.eventId === draft.event.id) {
      earned += e.entry.points;
      // the first earn entry's order (null when that entry has none, e.g. a tier entry reward)
      if (orderId === undefined) orderId = e.entry.orderId ?? null;
    }
  }
  if (earned > 0) push('points_earned', { points: earned, balance, orderId: orderId ?? null });

  if (spec.reward_unlocked !== undefined) {
    // what the member could spend just before the event, once what expired by then is gone
    const lapsed = lapsedSince({ program: draft.program, zone: draft.zone, lastActivityAt: before.lastActivityAt }, at) !== undefined;
    const was = lapsed ? 0 - before.deficit : spendable(before.lots.filter((l) => l.expiresAt === null || l.expiresAt > at), before.deficit, at);
    const now = spendable(draft.lots, draft.deficit, at);
    // only a reward the member may redeem now: the catalog's other checks (dates, level, limits) hold too
    const ctx = {
      program: draft.program,
      level: draft.tier?.effective ?? null,
      lots: draft.lots,
      deficit: draft.deficit,
      redemptions: draft.redemptions,
      at,
      date: dateIn(draft.nowMs, draft.zone),
      stock: undefined,
    };
    for (const r of draft.program.rewards?.catalog ?? []) {
      if (!r.listed || r.cost <= was || r.cost > now) continue;
      const units = r.kind === 'points-payment' ? Math.max(1, r.perOrder?.min ?? 1) : 1;
      if (!checkRedemption(ctx, r, units, r.kind === 'points-payment' ? '\u0000view' : undefined).ok) continue;
      push('reward_unlocked', { rewardId: r.id, name: r.name ?? null, cost: r.cost, available: now });
    }
  }

  const expiring = spec.points_expiring;
  if (expiring !== undefined) {
    const horizon = isoUtc(addDaysInZone(draft.nowMs, expiring.days, draft.zone));
    const live = new Set(draft.lots.map((l) => l.id));
    const warned = draft.messages.expiringWarned.filter((id) => live.has(id));
    for (const lot of draft.lots) {
      if (lot.expiresAt === null || lot.expiresAt <= at || lot.expiresAt > horizon || warned.includes(lot.id)) continue;
      warned.push(lot.id);
      push('points_expiring', { points: lot.points, expiresAt: lot.expiresAt, balance });
    }
    draft.messages.expiringWarned = warned;
  }

  const winBack = spec.win_back;
  const last = draft.lastActivityAt;
  if (winBack !== undefined && last !== null && last === before.lastActivityAt && draft.messages.winBackFor !== last) {
    if (isoUtc(addDaysInZone(Date.parse(last), winBack.days, draft.zone)) <= at) {
      draft.messages.winBackFor = last;
      const tz = draft.zone;
      push('win_back', { daysInactive: daysBetween(dateIn(Date.parse(last), tz), dateIn(draft.nowMs, tz)), balance });
    }
  }

  if (draft.birthday !== undefined) push('birthday', draft.birthday);

  const progress = spec.progress;
  if (progress !== undefined && tiers !== undefined && draft.tier !== undefined && draft.event.type === 'purchase') {
    const next = levelAt(tiers, rankOf(tiers, draft.tier.effective) + 1);
    const metrics = metricsAt(tiers, draft.tier, draft.nowDate, draft.enrolledDate)[0];
    if (next?.criteria !== undefined && metrics !== undefined) {
      const missing = spendMissing(criterionProgress(next.criteria, metrics));
      if (missing !== undefined && missing.gt(0) && missing.lte(progress.withinSpend)) {
        push('progress', { level: next.id, name: next.name ?? null, missingSpend: missing.toFixed() });
      }
    }
  }

  for (const kind of Object.keys(out) as MessageKind[]) for (const data of out[kind] ?? []) send(draft, kind, data, at);
}

/** The least spend that would meet the criterion, when spend is all that is missing. */
function spendMissing(p: CriterionProgress): Dec | undefined {
  if ('all' in p) {
    const parts = p.all.filter((x) => !x.met).map(spendMissing);
    return parts.some((x) => x === undefined) ? undefined : parts.reduce<Dec>((m, x) => Dec.max(m, x ?? 0), new Dec(0));
  }
  if ('any' in p) {
    const parts = p.any.map(spendMissing).filter((x): x is Dec => x !== undefined);
    return parts.length === 0 ? undefined : Dec.min(...parts);
  }
  if (p.met) return new Dec(0);
  return p.metric === 'spend' ? new Dec(p.missing) : undefined;
}

function send<K extends MessageKind>(draft: Draft, kind: K, data: MessageData[K], at: string): void {
  const state = draft.messages;
  const cap = draft.program.messages?.[kind]?.cap;
  if (state === undefined) return;
  if (cap !== undefined) {
    const period = periodKey(dateIn(draft.nowMs, draft.zone), cap.per);
    const sent = state.sent[kind];
    const count = sent?.period === period ? sent.count : 0;
    if (count >= cap.count) {
      const held = state.suppressed[kind];
      state.suppressed = { ...state.suppressed, [kind]: { count: (held?.count ?? 0) + 1, last: at } };
      return;
    }
    state.sent = { ...state.sent, [kind]: { period, count: count + 1 } };
  }
  emit(draft, { type: 'message', at, kind, data } as Parameters<typeof emit>[1]);
}
