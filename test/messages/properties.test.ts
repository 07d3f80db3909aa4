/**
 * Property tests for messages: generated programs (tiers, a catalog, expiry, every message kind, caps per day /
 * month / quarter / year in several time zones) and generated event streams for one member.
 *
 * - caps: per kind and per calendar period (program time zone, computed here with Intl, not with src/), the
 *   message effects never exceed the cap;
 * - suppression: for each kind, messages sent + suppressed count = messages of the same program with the caps
 *   removed, on the same stream; per period the capped run sends exactly the first `cap.count` of them, and the
 *   suppressed record's `last` is the time of the last one held back;
 * - messages change nothing else: with and without `messages`, the states are the same (but for `messages`) and
 *   so are the other effects (ids aside).
 *
 * Every property runs with the suite's fixed seed (test/setup/fast-check.ts); try another with
 * `LOYALTY_FC_SEED=123 npx vitest run test/messages/properties.test.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineProgram,
  newMemberState,
  safeEvaluate,
  type Effect,
  type MemberState,
  type MessageEffect,
  type MessageKind,
  type Program,
  type ProgramInput,
} from '../../src/index.js';
import { runs as scaled } from '../support/runs.js';

const runs = (numRuns: number): fc.Parameters<unknown> => ({ numRuns: scaled(numRuns) });

const KINDS: readonly MessageKind[] = ['tier_reached', 'tier_lost', 'tier_warning', 'reward_unlocked', 'points_earned', 'points_expiring', 'win_back', 'progress'];
const ZONES = ['UTC', 'Europe/Warsaw', 'America/New_York', 'Asia/Tehran', 'Pacific/Auckland'] as const;
const PERIODS = ['day', 'month', 'quarter', 'year'] as const;
type Per = (typeof PERIODS)[number];
type Cap = { count: number; per: Per };
type Messages = NonNullable<ProgramInput['messages']>;
type TiersInput = NonNullable<ProgramInput['tiers']>;

// =================================================================== programs

interface Spec {
  readonly input: ProgramInput;
  readonly levels: readonly string[];
  readonly rewards: readonly string[];
}

const capArb: fc.Arbitrary<Cap | undefined> = fc.option(fc.record({ count: fc.integer({ min: 1, max: 3 }), per: fc.constantFrom(...PERIODS) }), { nil: undefined, freq: 5 });
const withCap = <T extends object>(base: T, cap: Cap | undefined): T & { cap?: Cap } => (cap === undefined ? base : { ...base, cap });

const messagesArb: fc.Arbitrary<Messages> = fc
  .record({
    tier_reached: fc.option(capArb, { nil: null, freq: 6 }),
    tier_lost: fc.option(capArb, { nil: null, freq: 6 }),
    tier_warning: fc.option(capArb, { nil: null, freq: 6 }),
    reward_unlocked: fc.option(capArb, { nil: null, freq: 6 }),
    points_earned: fc.option(capArb, { nil: null, freq: 6 }),
    points_expiring: fc.option(fc.tuple(capArb, fc.integer({ min: 1, max: 30 })), { nil: null, freq: 6 }),
    win_back: fc.option(fc.tuple(capArb, fc.integer({ min: 3, max: 40 })), { nil: null, freq: 6 }),
    progress: fc.option(fc.tuple(capArb, fc.constantFrom('10', '25.00', '50', '120.5', '1000')), { nil: null, freq: 6 }),
  })
  .map((g) => {
    const m: Messages = {};
    for (const kind of ['tier_reached', 'tier_lost', 'tier_warning', 'reward_unlocked', 'points_earned'] as const) {
      const cap = g[kind];
      if (cap !== null) m[kind] = withCap({}, cap);
    }
    if (g.points_expiring !== null) m.points_expiring = withCap({ days: g.points_expiring[1] }, g.points_expiring[0]);
    if (g.win_back !== null) m.win_back = withCap({ days: g.win_back[1] }, g.win_back[0]);
    if (g.progress !== null) m.progress = withCap({ withinSpend: g.progress[1] }, g.progress[0]);
    return m;
  });

const LEVEL_IDS = ['silver', 'gold', 'platinum'] as const;

const tiersArb: fc.Arbitrary<TiersInput | undefined> = fc.option(
  fc
    .record({
      steps: fc.array(fc.record({ spend: fc.integer({ min: 20, max: 300 }), orders: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), named: fc.boolean(), perk: fc.boolean() }), { minLength: 1, maxLength: 3 }),
      window: fc.oneof(
        fc.record({ kind: fc.constant('rolling' as const), days: fc.integer({ min: 5, max: 60 }) }),
        fc.record({ kind: fc.constant('calendar' as const), period: fc.constantFrom('month' as const, 'quarter' as const) }),
        fc.constant({ kind: 'lifetime' as const }),
      ),
      downgrade: fc.oneof(
        fc.record({ kind: fc.constant('grace' as const), days: fc.integer({ min: 0, max: 15 }) }),
        fc.record({ kind: fc.constant('scheduled' as const), every: fc.constant({ kind: 'period' as const, period: 'month' as const }) }),
      ),
      warnDaysBefore: fc.option(fc.integer({ min: 3, max: 25 }), { nil: undefined, freq: 8 }),
      entryPoints: fc.option(fc.integer({ min: 1, max: 80 }), { nil: undefined }),
    })
    .map((g): TiersInput => {
      let spend = 0;
      let orders = 0;
      return {
        window: g.window,
        levels: g.steps.map((s, i) => {
          spend += s.spend;
          orders += s.orders ?? 0;
          const id = LEVEL_IDS[i] ?? `l${i}`;
          const money = { metric: 'spend' as const, atLeast: String(spend) };
          return {
            id,
            ...(s.named ? { name: id.toUpperCase() } : {}),
            criteria: s.orders === undefined ? money : { all: [money, { metric: 'orders' as const, atLeast: String(orders) }] },
            perks: s.perk ? [`perk-${id}`] : [],
            ...(i === 0 && g.entryPoints !== undefined ? { entryReward: { points: g.entryPoints } } : {}),
          };
        }),
        downgrade: g.downgrade,
        ...(g.warnDaysBefore === undefined ? {} : { warnDaysBefore: g.warnDaysBefore }),
      };
    }),
  { nil: undefined, freq: 6 },
);

const specArb: fc.Arbitrary<Spec> = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    expiry: fc.oneof(
      fc.constant({ kind: 'never' as const }),
      fc.integer({ min: 5, max: 60 }).map((days) => ({ kind: 'days-after-earning' as const, days })),
      fc.constant({ kind: 'end-of-period' as const, period: 'month' as const }),
    ),
    pendingDays: fc.constantFrom(0, 0, 0, 3),
    negativeBalance: fc.constantFrom('allow' as const, 'debt' as const),
    costs: fc.array(fc.record({ cost: fc.integer({ min: 10, max: 400 }), listed: fc.boolean(), named: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    tiers: tiersArb,
    messages: messagesArb,
  })
  .map((g) => {
    const catalog = g.costs.map((c, i) => ({
      id: `r${i}`,
      kind: 'coupon' as const,
      cost: c.cost,
      ...(c.named ? { name: `Reward ${i}` } : {}),
      ...(c.listed || i === 0 ? {} : { listed: false }),
    }));
    const input: ProgramInput = {
      id: 'messages-generated',
      version: 1,
      currency: 'GBP',
      timezone: g.timezone,
      points: { rounding: 'floor', pendingDays: g.pendingDays, expiry: g.expiry, negativeBalance: g.negativeBalance },
      earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
      ...(g.tiers === undefined ? {} : { tiers: g.tiers }),
      rewards: { codeSalt: 'generated-salt-0123456789', catalog },
      messages: g.messages,
    };
    return { input, levels: g.tiers?.levels.map((l) => l.id) ?? [], rewards: catalog.map((r) => r.id) };
  });

/** The same program without any cap. */
function uncapped(input: ProgramInput): ProgramInput {
  const messages: Record<string, unknown> = {};
  for (const [kind, def] of Object.entries(input.messages ?? {})) {
    const { cap: _cap, ...rest } = def as { cap?: Cap };
    messages[kind] = rest;
  }
  return { ...input, messages: messages as Messages };
}

/** The same program without `messages`. */
function silent(input: ProgramInput): ProgramInput {
  const { messages: _messages, ...rest } = input;
  return rest;
}

// =================================================================== event streams

type Step =
  | { kind: 'purchase'; gap: number; cents: number }
  | { kind: 'refund'; gap: number; pick: number; percent: number }
  | { kind: 'adjust'; gap: number; points: number }
  | { kind: 'tick'; gap: number }
  | { kind: 'redeem'; gap: number; pick: number }
  | { kind: 'reverse'; gap: number; pick: number }
  | { kind: 'grant'; gap: number; pick: number; days: number };

/** Minutes to the step: often within the same day, often days, sometimes weeks or months. */
const gapArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 6 * 60 }) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }).chain((d) => fc.integer({ min: 0, max: 1439 }).map((m) => d * 1440 + m)) },
  { weight: 2, arbitrary: fc.integer({ min: 10, max: 70 }).map((d) => d * 1440 + 7) },
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('purchase' as const), gap: gapArb, cents: fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 3_000 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refund' as const), gap: gapArb, pick: fc.nat(), percent: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjust' as const), gap: gapArb, points: fc.integer({ min: -200, max: 200 }).filter((n) => n !== 0) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('tick' as const), gap: gapArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('redeem' as const), gap: gapArb, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), gap: gapArb, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('grant' as const), gap: gapArb, pick: fc.nat(), days: fc.integer({ min: 1, max: 40 }) }) },
);

const cents = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

/** Valid events for member m1 in time order: refunds only of earlier orders and never beyond what is left. */
function buildEvents(steps: readonly Step[], start: number, spec: Spec): Record<string, unknown>[] {
  const open: { orderId: string; left: number }[] = [];
  const redemptions: string[] = [];
  const events: Record<string, unknown>[] = [];
  let t = start;
  steps.forEach((step, i) => {
    t += step.gap * 60_000;
    const at = new Date(t).toISOString();
    const envelope = { id: `e${i}`, memberId: 'm1', at };
    switch (step.kind) {
      case 'purchase':
        open.push({ orderId: `o${i}`, left: step.cents });
        events.push({ ...envelope, type: 'purchase', orderId: `o${i}`, amount: cents(step.cents), currency: 'GBP' });
        return;
      case 'refund': {
        const candidates = open.filter((o) => o.left > 0);
        const order = candidates[step.pick % Math.max(1, candidates.length)];
        if (order === undefined) return void events.push({ ...envelope, type: 'tick' });
        const amount = Math.max(1, Math.floor((order.left * step.percent) / 100));
        order.left -= amount;
        return void events.push({ ...envelope, type: 'refund', orderId: order.orderId, amount: cents(amount) });
      }
      case 'adjust':
        return void events.push({ ...envelope, type: 'adjustment', points: step.points, reason: 'test' });
      case 'tick':
        return void events.push({ ...envelope, type: 'tick' });
      case 'redeem':
        redemptions.push(`e${i}`);
        return void events.push({ ...envelope, type: 'redemption', rewardId: spec.rewards[step.pick % spec.rewards.length] ?? 'r0' });
      case 'reverse': {
        // may name a refused redemption or one already reversed: then the event is rejected (in every run alike)
        const target = redemptions[step.pick % Math.max(1, redemptions.length)];
        if (target === undefined) return void events.push({ ...envelope, type: 'tick' });
        return void events.push({ ...envelope, type: 'redemption_reversal', redemptionId: target });
      }
      case 'grant': {
        const level = spec.levels[step.pick % Math.max(1, spec.levels.length)];
        if (level === undefined) return void events.push({ ...envelope, type: 'tick' });
        return void events.push({ ...envelope, type: 'tier_grant', level, until: new Date(t + step.days * 86_400_000).toISOString(), reason: 'test' });
      }
    }
  });
  return events;
}

const startArb = fc.oneof(
  fc.integer({ min: 0, max: 500 * 24 }).map((h) => Date.UTC(2023, 8, 1) + h * 3_600_000 + 17 * 60_000),
  // just before a month / quarter / year end somewhere
  fc.constantFrom(Date.UTC(2023, 11, 31, 20), Date.UTC(2024, 2, 31, 21), Date.UTC(2024, 5, 30, 21, 30), Date.UTC(2024, 9, 27, 12)),
);

const caseArb = fc
  .record({ spec: specArb, steps: fc.array(stepArb, { minLength: 5, maxLength: 45 }), start: startArb })
  .map(({ spec, steps, start }) => ({ spec, events: buildEvents(steps, start, spec) }));

// =================================================================== running

interface Run {
  readonly state: MemberState;
  readonly effects: Effect[];
  /** Ids of the events refused (LoyaltyError). */
  readonly rejected: string[];
}

function runAll(program: Program, events: readonly Record<string, unknown>[]): Run {
  let state = newMemberState(program, 'm1');
  const effects: Effect[] = [];
  const rejected: string[] = [];
  for (const event of events) {
    const r = safeEvaluate(program, state, event);
    if (!r.success) {
      rejected.push(String(event.id));
      continue;
    }
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects, rejected };
}

const messagesOf = (effects: readonly Effect[]): MessageEffect[] => effects.filter((e): e is MessageEffect => e.type === 'message');

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The calendar date (YYYY-MM-DD) of an instant in a time zone, by Intl. */
function localDate(at: string, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function periodKey(at: string, timeZone: string, per: Per): string {
  const d = localDate(at, timeZone);
  switch (per) {
    case 'day':
      return d;
    case 'month':
      return d.slice(0, 7);
    case 'quarter':
      return `${d.slice(0, 4)}/${Math.ceil(Number(d.slice(5, 7)) / 3)}`;
    case 'year':
      return d.slice(0, 4);
  }
}

function capOf(input: ProgramInput, kind: MessageKind): Cap | undefined {
  return (input.messages?.[kind] as { cap?: Cap } | undefined)?.cap;
}

/** Messages of one kind grouped by calendar period, in order. */
function byPeriod(messages: readonly MessageEffect[], kind: MessageKind, timeZone: string, per: Per): Map<string, MessageEffect[]> {
  const out = new Map<string, MessageEffect[]>();
  for (const m of messages) {
    if (m.kind !== kind) continue;
    const key = periodKey(m.at, timeZone, per);
    out.set(key, [...(out.get(key) ?? []), m]);
  }
  return out;
}

/** A message as the host would see it, without the envelope id. */
const essence = (m: MessageEffect): unknown => ({ kind: m.kind, eventId: m.eventId, at: m.at, data: m.data });

/** An effect without its id (the entry's id for ledger and wallet effects). */
function withoutId(e: Effect): unknown {
  if (e.type === 'ledger' || e.type === 'wallet') {
    const { id: _id, ...entry } = e.entry;
    return { type: e.type, entry };
  }
  const { id: _id, ...rest } = e;
  return rest;
}

function withoutMessages(state: MemberState): unknown {
  const { messages: _messages, ...rest } = state;
  return rest;
}

// How often each kind fired and how often something was suppressed, over all runs: the generators must exercise them.
const fired = new Map<string, number>();
let suppressions = 0;

describe('message properties', () => {
  it('per kind and per calendar period, message effects never exceed the cap', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, events }) => {
        const run = runAll(defineProgram(spec.input), events);
        const messages = messagesOf(run.effects);
        for (const m of messages) fired.set(m.kind, (fired.get(m.kind) ?? 0) + 1);
        for (const kind of KINDS) {
          if (spec.input.messages?.[kind] === undefined) expect(messages.filter((m) => m.kind === kind)).toEqual([]);
          const cap = capOf(spec.input, kind);
          if (cap === undefined) continue;
          for (const [period, list] of byPeriod(messages, kind, spec.input.timezone, cap.per)) {
            expect(list.length, `${kind} in ${period} (cap ${cap.count} per ${cap.per}, ${spec.input.timezone})`).toBeLessThanOrEqual(cap.count);
          }
        }
      }),
      runs(120),
    );
    for (const kind of KINDS) expect(fired.get(kind) ?? 0, `${kind} never fired in the generated runs`).toBeGreaterThan(0);
  });

  it('sent + suppressed = the messages of the same program without caps; the first `count` of each period are the ones sent', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, events }) => {
        const capped = runAll(defineProgram(spec.input), events);
        const free = runAll(defineProgram(uncapped(spec.input)), events);
        expect(capped.rejected).toEqual(free.rejected);
        const sentMessages = messagesOf(capped.effects);
        const wouldSend = messagesOf(free.effects);
        const suppressed = capped.state.messages?.suppressed ?? {};
        for (const kind of KINDS) {
          const a = sentMessages.filter((m) => m.kind === kind);
          const b = wouldSend.filter((m) => m.kind === kind);
          const held = suppressed[kind];
          expect(a.length + (held?.count ?? 0), `${kind}: sent ${a.length} + suppressed ${held?.count ?? 0} vs ${b.length} without caps`).toBe(b.length);
          const cap = capOf(spec.input, kind);
          if (cap === undefined) {
            expect(held).toBeUndefined();
            expect(a.map(essence)).toEqual(b.map(essence));
            continue;
          }
          const tz = spec.input.timezone;
          const sentBy = byPeriod(a, kind, tz, cap.per);
          let lastHeld: string | undefined;
          for (const [period, list] of byPeriod(b, kind, tz, cap.per)) {
            expect((sentBy.get(period) ?? []).map(essence), `${kind} in ${period}`).toEqual(list.slice(0, cap.count).map(essence));
            for (const m of list.slice(cap.count)) if (lastHeld === undefined || m.at > lastHeld) lastHeld = m.at;
          }
          if (held !== undefined) suppressions++;
          expect(held === undefined ? undefined : held.last).toBe(lastHeld);
        }
      }),
      runs(100),
    );
    expect(suppressions, 'no message was ever suppressed in the generated runs').toBeGreaterThan(0);
  });

  it('messages never change points, tiers, lots or totals: states and other effects are the same without `messages`', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, events }) => {
        const loud = runAll(defineProgram(spec.input), events);
        const quiet = runAll(defineProgram(silent(spec.input)), events);
        expect(loud.rejected).toEqual(quiet.rejected);
        expect(messagesOf(quiet.effects)).toEqual([]);
        expect(withoutMessages(loud.state)).toEqual(withoutMessages(quiet.state));
        expect(loud.effects.filter((e) => e.type !== 'message').map(withoutId)).toEqual(quiet.effects.map(withoutId));
      }),
      runs(100),
    );
  });
});
