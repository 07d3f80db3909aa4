// Properties of activity rules and caps (src/engagement/activity.ts, src/engagement/frequency.ts,
// src/engagement/grant.ts, src/earning/caps.ts), over generated programs and member histories.
//
// Programs: one of four time zones (either side of UTC, with DST changes and a date line); 1–4
// activity rules on a few activity names, each with a random priority, points, optional frequency
// (count 1–3 per lifetime/day/week/month/year or per rolling 1–10 days, optionally per distinct
// `locationId`), optional caps (per event, day, week, month, year, lifetime), optional condition on an
// attribute and optional active dates; optional program caps; the base spend rule of 1 point per 1.00.
// Histories: up to 50 events over 2 days, 9 days or five weeks from one of three anchors (a year end, a leap February
// with the US DST change, the European DST change): activities with random names and attributes, and a
// few purchases. Events are sorted by their local date in the program zone, and arrive in random order
// within a date ("out of order within a day", which docs/events.md allows; see activities.test.ts for
// events late across days).
//
// Checked:
// - every step is what a naive model says (which rules pay, how much, and why the others did not);
// - (a) from the ledger alone: no rule pays more often than its frequency allows in any window,
//   recomputed with the program's calendar (Intl, not the library);
// - (b) from the ledger alone: no rule cap and no program cap is exceeded per event, day, week (from
//   Monday), month, year or lifetime;
// - (c) the balance is the sum of the ledger entries;
// - (d) evaluate never changes its input state or event (deep-frozen, and compared as JSON), also when
//   the events arrive in any order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  defineProgram,
  evaluate,
  ledgerEntries,
  newMemberState,
  type Effect,
  type LedgerEntry,
  type MemberState,
  type Program,
  type ProgramInput,
  type TopLevelCondition,
} from '../../src/index.js';
import { runs } from '../support/runs.js';

// ------------------------------------------------------------------ calendar, independent of the library

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant on the wall clock of a zone. */
function localDate(iso: string, zone: string): string {
  let f = formats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Days since 1970-01-01 of a calendar date. */
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
/** The Monday of the week of a date. */
function monday(date: string): string {
  const n = dayNumber(date);
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // 0 = Monday
  return new Date((n - weekday) * DAY_MS).toISOString().slice(0, 10);
}

type Period = 'day' | 'week' | 'month' | 'year' | 'lifetime';
function periodKey(period: Period, date: string): string {
  switch (period) {
    case 'day':
      return date;
    case 'week':
      return monday(date);
    case 'month':
      return date.slice(0, 7);
    case 'year':
      return date.slice(0, 4);
    case 'lifetime':
      return '';
  }
}

// ------------------------------------------------------------------ programs

const ZONES = ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'Pacific/Auckland'] as const;
const NAMES = ['checkin', 'review', 'share'] as const;
const LOCATIONS = ['a', 'b', 'c'] as const;
const ANCHORS = ['2023-12-18', '2024-02-19', '2024-03-18'] as const; // Mondays
const SPAN_DAYS = 35;

interface Caps {
  perEvent?: number;
  perDay?: number;
  perWeek?: number;
  perMonth?: number;
  perYear?: number;
  lifetime?: number;
}
const CAP_PERIODS = [
  ['perDay', 'day'],
  ['perWeek', 'week'],
  ['perMonth', 'month'],
  ['perYear', 'year'],
  ['lifetime', 'lifetime'],
] as const;

interface FrequencySpec {
  readonly count: number;
  readonly per?: Period;
  readonly rollingDays?: number;
  readonly distinct?: 'locationId';
}

interface RuleSpec {
  readonly id: string;
  readonly name: (typeof NAMES)[number];
  readonly priority: number;
  readonly points: number;
  readonly frequency: FrequencySpec | undefined;
  readonly caps: Caps | undefined;
  /** Condition: `attributes.channel` is "app". */
  readonly appOnly: boolean;
  /** Active dates as day offsets from the anchor. */
  readonly active: { readonly from?: number; readonly until?: number } | undefined;
}

interface Spec {
  readonly zone: (typeof ZONES)[number];
  readonly anchor: (typeof ANCHORS)[number];
  readonly caps: Caps | undefined;
  readonly rules: readonly RuleSpec[];
}

/** Caps the static checks accept: no cap above one whose period contains its own (a week spans months, so week ≤ lifetime only). */
const CONTAINERS: Readonly<Record<keyof Caps, readonly (keyof Caps)[]>> = {
  perEvent: ['perDay', 'perWeek', 'perMonth', 'perYear', 'lifetime'],
  perDay: ['perWeek', 'perMonth', 'perYear', 'lifetime'],
  perWeek: ['lifetime'],
  perMonth: ['perYear', 'lifetime'],
  perYear: ['lifetime'],
  lifetime: [],
};
function consistent(caps: Caps): Caps | undefined {
  const c: Record<string, number | undefined> = { ...caps };
  // from the longest period down, so each cap is lowered to its containers' final values
  for (const key of ['perYear', 'perMonth', 'perWeek', 'perDay', 'perEvent'] as const) {
    const v = c[key];
    if (v === undefined) continue;
    const limit = Math.min(...CONTAINERS[key].map((k) => c[k] ?? Infinity));
    if (v > limit) c[key] = limit;
  }
  return Object.keys(c).length === 0 ? undefined : (c as Caps);
}

const capsArb = (max: number): fc.Arbitrary<Caps | undefined> =>
  fc
    .record(
      {
        perEvent: fc.integer({ min: 5, max }),
        perDay: fc.integer({ min: 10, max }),
        perWeek: fc.integer({ min: 10, max: max * 2 }),
        perMonth: fc.integer({ min: 10, max: max * 4 }),
        perYear: fc.integer({ min: 10, max: max * 6 }),
        lifetime: fc.integer({ min: 10, max: max * 8 }),
      },
      { requiredKeys: [] },
    )
    .map((c) => consistent(c as Caps));

const frequencyArb: fc.Arbitrary<FrequencySpec | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      count: fc.integer({ min: 1, max: 3 }),
      per: fc.constantFrom<Period>('lifetime', 'day', 'week', 'month', 'year'),
      distinct: fc.constant('locationId' as const),
    },
    { requiredKeys: ['count', 'per'] },
  ),
  fc.record(
    {
      count: fc.integer({ min: 1, max: 3 }),
      rollingDays: fc.integer({ min: 1, max: 10 }),
      distinct: fc.constant('locationId' as const),
    },
    { requiredKeys: ['count', 'rollingDays'] },
  ),
  fc.record({ count: fc.integer({ min: 1, max: 3 }), distinct: fc.constant('locationId' as const) }),
);

/** Active dates on one rule in five. */
const activeArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc
      .record({ from: fc.integer({ min: 0, max: SPAN_DAYS }), until: fc.integer({ min: 0, max: SPAN_DAYS }) }, { requiredKeys: [] })
      .map((a) => (a.from !== undefined && a.until !== undefined && a.from > a.until ? { from: a.until, until: a.from } : a)),
  },
);

/** A value one time in three, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const ruleArb = (i: number): fc.Arbitrary<RuleSpec> =>
  fc.record({
    id: fc.constant(`r${i}`),
    name: fc.constantFrom(...NAMES),
    priority: fc.integer({ min: -1, max: 1 }),
    points: fc.integer({ min: 1, max: 40 }),
    frequency: frequencyArb,
    caps: sometimes(capsArb(150)),
    appOnly: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    active: activeArb,
  });

const specArb: fc.Arbitrary<Spec> = fc.record({
  zone: fc.constantFrom(...ZONES),
  anchor: fc.constantFrom(...ANCHORS),
  caps: sometimes(capsArb(250)),
  rules: fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(i)))),
});

const addDays = (date: string, days: number): string => new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);

const APP_ONLY: TopLevelCondition = { all: [{ fact: 'event', path: '$.attributes.channel', operator: 'equal', value: 'app' }] };

function programOf(spec: Spec): Program {
  const earn: NonNullable<ProgramInput['earn']> = [
    { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
    ...spec.rules.map((r) => ({
      id: r.id,
      kind: 'activity' as const,
      activity: r.name,
      priority: r.priority,
      points: r.points,
      ...(r.frequency === undefined ? {} : { frequency: r.frequency }),
      ...(r.caps === undefined ? {} : { caps: r.caps }),
      ...(r.appOnly ? { condition: APP_ONLY } : {}),
      ...(r.active === undefined
        ? {}
        : {
            active: {
              ...(r.active.from === undefined ? {} : { from: addDays(spec.anchor, r.active.from) }),
              ...(r.active.until === undefined ? {} : { until: addDays(spec.anchor, r.active.until) }),
            },
          }),
    })),
  ];
  return defineProgram({
    id: 'props',
    version: 1,
    currency: 'GBP',
    timezone: spec.zone,
    points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt', ...(spec.caps === undefined ? {} : { caps: spec.caps }) },
    earn,
  });
}

// ------------------------------------------------------------------ histories

interface EventSpec {
  readonly purchase: boolean;
  /** Minutes after the anchor's midnight UTC. */
  readonly minute: number;
  readonly name: string;
  readonly location: string | undefined;
  readonly channel: string | undefined;
  readonly amount: number;
}

const eventArb: fc.Arbitrary<EventSpec> = fc.record({
  purchase: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  minute: fc.nat({ max: SPAN_DAYS * 1440 - 1 }),
  // mostly names that rules use, sometimes one no rule names
  name: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.constant('unknown_thing') }),
  location: fc.option(fc.constantFrom(...LOCATIONS), { nil: undefined, freq: 5 }),
  channel: fc.option(fc.constantFrom('app', 'web'), { nil: undefined, freq: 5 }),
  amount: fc.integer({ min: 0, max: 90 }),
});

type Wire = Readonly<Record<string, unknown>> & { readonly id: string; readonly at: string };

/** Events over the first `spanDays` days from the anchor: a short span makes limits and caps bite often. */
function wireEvents(spec: Spec, spanDays: number, events: readonly EventSpec[]): Wire[] {
  const start = Date.parse(`${spec.anchor}T00:00:00Z`);
  return events.map((e, i) => {
    const at = new Date(start + (e.minute % (spanDays * 1440)) * 60_000).toISOString();
    const id = `e${i}`;
    if (e.purchase) return { id, type: 'purchase', memberId: 'm1', at, orderId: `o${i}`, amount: `${e.amount}.00`, currency: 'GBP' };
    const attributes = { ...(e.location === undefined ? {} : { locationId: e.location }), ...(e.channel === undefined ? {} : { channel: e.channel }) };
    return { id, type: 'activity', memberId: 'm1', at, name: e.name, ...(Object.keys(attributes).length === 0 ? {} : { attributes }) };
  });
}

/** Sorted by local date (stable): within a date, the generated order, so often not the time order. */
function byLocalDate(spec: Spec, events: readonly Wire[]): Wire[] {
  return events
    .map((e, i) => ({ e, i, d: localDate(e.at, spec.zone) }))
    .sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : a.i - b.i))
    .map((x) => x.e);
}

// ------------------------------------------------------------------ running, with (d) checked on every step

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

interface Run {
  readonly state: MemberState;
  readonly each: readonly (readonly Effect[])[];
  readonly entries: readonly LedgerEntry[];
}

/** Applies the events in order; each input state and event is deep-frozen and must be unchanged after the step. */
function simulate(program: Program, events: readonly Wire[]): Run {
  let state = deepFreeze(newMemberState(program, 'm1'));
  const each: Effect[][] = [];
  for (const event of events) {
    const input = deepFreeze(structuredClone(event));
    const before = JSON.stringify(state);
    const eventBefore = JSON.stringify(input);
    const result = evaluate(program, state, input);
    expect(JSON.stringify(state), `evaluate changed its input state on ${event.id}`).toBe(before);
    expect(JSON.stringify(input), `evaluate changed its input event ${event.id}`).toBe(eventBefore);
    each.push([...result.effects]);
    state = deepFreeze(result.state);
  }
  return { state, each, entries: each.flatMap((e) => ledgerEntries(e)) };
}

// ------------------------------------------------------------------ the naive model

interface Paid {
  readonly scope: string; // a rule id, or '*' for everything (program caps)
  readonly date: string;
  readonly key: string;
  readonly points: number;
}

type Outcome = [ruleId: string, what: number | 'frequency_limit' | 'missing_attribute' | 'capped'];

function roomOf(caps: Caps | undefined, paid: readonly Paid[], scope: string, date: string, thisEvent: number): number {
  if (caps === undefined) return Infinity;
  let left = caps.perEvent === undefined ? Infinity : caps.perEvent - thisEvent;
  for (const [field, period] of CAP_PERIODS) {
    const cap = caps[field];
    if (cap === undefined) continue;
    const used = paid.filter((p) => p.scope === scope && periodKey(period, p.date) === periodKey(period, date)).reduce((s, p) => s + p.points, 0);
    left = Math.min(left, cap - used);
  }
  return Math.max(0, left);
}

function inWindow(f: FrequencySpec, paidDate: string, date: string): boolean {
  if (f.rollingDays !== undefined) {
    const age = dayNumber(date) - dayNumber(paidDate);
    return age >= 0 && age < f.rollingDays;
  }
  return periodKey(f.per ?? 'lifetime', paidDate) === periodKey(f.per ?? 'lifetime', date);
}

/** What each event should do, in the order given (which must be sorted by local date). */
function model(spec: Spec, events: readonly Wire[]): Outcome[][] {
  const rules = spec.rules.map((r, i) => ({ r, i })).sort((a, b) => b.r.priority - a.r.priority || a.i - b.i).map((x) => x.r);
  const paid: Paid[] = [];
  const marks: Paid[] = [];
  return events.map((event) => {
    const date = localDate(event.at, spec.zone);
    const out: Outcome[] = [];
    if (event.type === 'purchase') {
      const points = Math.min(Number.parseInt(event.amount as string, 10), roomOf(spec.caps, paid, '*', date, 0));
      if (points > 0) {
        out.push(['base', points]);
        paid.push({ scope: '*', date, key: '', points });
      }
      return out;
    }
    const attributes = (event.attributes ?? {}) as Record<string, unknown>;
    let thisEvent = 0;
    for (const rule of rules) {
      if (rule.name !== event.name) continue;
      if (rule.appOnly && attributes.channel !== 'app') continue;
      const from = rule.active?.from === undefined ? undefined : addDays(spec.anchor, rule.active.from);
      const until = rule.active?.until === undefined ? undefined : addDays(spec.anchor, rule.active.until);
      if ((from !== undefined && date < from) || (until !== undefined && date > until)) continue;
      const f = rule.frequency;
      let key = '';
      if (f?.distinct !== undefined) {
        const v = attributes[f.distinct];
        if (typeof v !== 'string') {
          out.push([rule.id, 'missing_attribute']);
          continue;
        }
        key = v;
      }
      if (f !== undefined && marks.filter((m) => m.scope === rule.id && m.key === key && inWindow(f, m.date, date)).length >= f.count) {
        out.push([rule.id, 'frequency_limit']);
        continue;
      }
      const points = Math.min(rule.points, roomOf(rule.caps, paid, rule.id, date, 0), roomOf(spec.caps, paid, '*', date, thisEvent));
      if (points === 0) {
        out.push([rule.id, 'capped']);
        continue;
      }
      out.push([rule.id, points]);
      thisEvent += points;
      paid.push({ scope: rule.id, date, key, points }, { scope: '*', date, key, points });
      marks.push({ scope: rule.id, date, key, points });
    }
    return out;
  });
}

/** What the engine did on each event, in the model's terms. */
function observed(effects: readonly Effect[]): Outcome[] {
  const out: Outcome[] = [];
  for (const e of effects) {
    if (e.type === 'ledger' && e.entry.kind === 'earn') out.push([e.entry.ruleId, e.entry.points]);
    if (e.type === 'not_earned') out.push([e.ruleId, e.reason as Outcome[1]]);
  }
  return out;
}

// ------------------------------------------------------------------ arbitraries of whole cases

const historyArb = fc.record({ spec: specArb, span: fc.constantFrom(2, 9, SPAN_DAYS), events: fc.array(eventArb, { minLength: 1, maxLength: 50, size: 'max' }) });

/** Sorted by local date, in random order within a date. */
const caseArb = historyArb.map(({ spec, span, events }) => ({ spec, events: byLocalDate(spec, wireEvents(spec, span, events)) }));

/** Any order at all: late across days too. */
const anyOrderArb = historyArb.map(({ spec, span, events }) => ({ spec, events: wireEvents(spec, span, events) }));

const RUNS = { numRuns: runs(150) };

// ------------------------------------------------------------------ the properties

describe('activity rules and caps: properties', () => {
  it('every step is what the naive model says: which rules pay, how much, and why not', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, events }) => {
        const program = programOf(spec);
        const { each } = simulate(program, events);
        const expected = model(spec, events);
        each.forEach((effects, i) => expect(observed(effects), `event ${i}: ${JSON.stringify(events[i])}`).toEqual(expected[i]));
      }),
      RUNS,
    );
  });

  it('(a) no rule pays more often than its frequency allows in any window (from the ledger)', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, events }) => {
        const { entries } = simulate(programOf(spec), events);
        const byId = new Map(events.map((e) => [e.id, e]));
        for (const rule of spec.rules) {
          const f = rule.frequency;
          if (f === undefined) continue;
          const payments = entries
            .filter((e) => e.kind === 'earn' && e.ruleId === rule.id)
            .map((e) => {
              const attributes = (byId.get(e.eventId)?.attributes ?? {}) as Record<string, unknown>;
              return { date: localDate(e.at, spec.zone), key: f.distinct === undefined ? '' : String(attributes[f.distinct]) };
            });
          for (const p of payments) {
            // every window that contains p: for a calendar period its period; for rolling days the N-day
            // windows ending on each later payment date within N − 1 days (the fullest one ends on a payment)
            const same = payments.filter((q) => q.key === p.key);
            if (f.rollingDays !== undefined) {
              const n = same.filter((q) => dayNumber(p.date) - dayNumber(q.date) >= 0 && dayNumber(p.date) - dayNumber(q.date) < (f.rollingDays ?? 0)).length;
              expect(n, `${rule.id}: ${n} payments in the ${f.rollingDays} days to ${p.date}`).toBeLessThanOrEqual(f.count);
            } else {
              const per = f.per ?? 'lifetime';
              const n = same.filter((q) => periodKey(per, q.date) === periodKey(per, p.date)).length;
              expect(n, `${rule.id}: ${n} payments in the ${per} of ${p.date} for "${p.key}"`).toBeLessThanOrEqual(f.count);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('(b) no cap is exceeded per event, day, week, month, year or lifetime (from the ledger)', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, events }) => {
        const { entries } = simulate(programOf(spec), events);
        const earned = entries.filter((e) => e.kind === 'earn');
        const check = (caps: Caps | undefined, scope: string, mine: readonly LedgerEntry[]): void => {
          if (caps === undefined) return;
          const totals = new Map<string, number>();
          const add = (key: string, points: number): void => void totals.set(key, (totals.get(key) ?? 0) + points);
          for (const e of mine) {
            const date = localDate(e.at, spec.zone);
            if (caps.perEvent !== undefined) add(`perEvent:${e.eventId}`, e.points);
            for (const [field, period] of CAP_PERIODS) if (caps[field] !== undefined) add(`${field}:${periodKey(period, date)}`, e.points);
          }
          for (const [key, total] of totals) {
            const field = key.slice(0, key.indexOf(':')) as keyof Caps;
            expect(total, `${scope} ${key}`).toBeLessThanOrEqual(caps[field] ?? Infinity);
          }
        };
        for (const rule of spec.rules) check(rule.caps, rule.id, earned.filter((e) => e.ruleId === rule.id));
        check(spec.caps, 'points.caps', earned);
        // a capped entry says what it would have been
        for (const e of earned) {
          const rule = spec.rules.find((r) => r.id === e.ruleId);
          if (rule === undefined || e.detail?.uncapped === undefined) continue;
          expect(e.detail.uncapped).toBe(rule.points);
          expect(e.points).toBeLessThan(rule.points);
        }
      }),
      RUNS,
    );
  });

  it('(c) the balance is the sum of the ledger entries, and the lifetime totals agree', () => {
    fc.assert(
      fc.property(fc.oneof(caseArb, anyOrderArb), ({ spec, events }) => {
        const { state, entries } = simulate(programOf(spec), events);
        const total = entries.reduce((s, e) => s + e.points, 0);
        expect(balanceOf(state)).toBe(total);
        expect(entries.every((e) => e.kind === 'earn' && e.points > 0)).toBe(true);
        expect(state.totals.earned).toBe(total);
      }),
      RUNS,
    );
  });

  it('(d) evaluate never changes its input, whatever the order of events', () => {
    // simulate deep-freezes every input (a write would throw) and compares it as JSON after the step
    fc.assert(
      fc.property(anyOrderArb, ({ spec, events }) => {
        const program = programOf(spec);
        const { state } = simulate(program, events);
        // and the same history gives the same result: nothing leaked between runs
        expect(simulate(program, events).state).toEqual(state);
      }),
      RUNS,
    );
  });
});
