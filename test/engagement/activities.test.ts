// Activity rules and caps: examples with numbers worked out by hand from the rules
// (src/engagement/activity.ts, src/engagement/frequency.ts, src/engagement/grant.ts, src/earning/caps.ts).
//
// Unless a test says otherwise the program is test/helpers.ts makeProgram: GBP, Europe/London,
// 1 point per 1.00 on purchases, floor rounding, no pending, no expiry. London is on GMT (= UTC)
// until 31 March 2024, so for the March dates below the UTC date is the local date.
// Calendar facts used: 2024-03-03 is a Sunday, 2024-03-04 a Monday, 2024-02-26 a Monday.
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  EventError,
  MemoryStore,
  ProgramError,
  balanceOf,
  createEngine,
  defineProgram,
  evaluate,
  isLoyaltyError,
  ledgerEntries,
  newMemberState,
  safeEvaluate,
  type Effect,
  type Issue,
  type LedgerEntry,
  type MemberState,
  type Program,
  type ProgramInput,
} from '../../src/index.js';
import { byKind, makeProgram, purchase, run, sum, tick } from '../helpers.js';
import { activity } from './support.js';

type RuleInput = NonNullable<ProgramInput['earn']>[number];
type NotEarned = Extract<Effect, { type: 'not_earned' }>;
type RewardIssued = Extract<Effect, { type: 'reward_issued' }>;
type WalletEffect = Extract<Effect, { type: 'wallet' }>;

const BASE: RuleInput = { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } };

/** Applies events in order; returns the final state and each event's own effects. */
function steps(program: Program, events: readonly Record<string, unknown>[], memberId = 'm1'): { state: MemberState; each: Effect[][] } {
  let state = newMemberState(program, memberId);
  const each: Effect[][] = [];
  for (const event of events) {
    const result = evaluate(program, state, event);
    state = result.state;
    each.push([...result.effects]);
  }
  return { state, each };
}

/** Points each event earned. */
const pointsOf = (each: readonly Effect[][]): number[] => each.map((effects) => sum(byKind(ledgerEntries(effects), 'earn')));
const notEarned = (effects: readonly Effect[]): NotEarned[] => effects.filter((e): e is NotEarned => e.type === 'not_earned');
const earnEntries = (effects: readonly Effect[]): LedgerEntry[] => byKind(ledgerEntries(effects), 'earn');

/** One activity rule (plus the base spend rule) in a program. */
function withRules(rules: readonly RuleInput[], extra: Parameters<typeof makeProgram>[0] = {}): Program {
  return makeProgram({ ...extra, earn: [BASE, ...rules] });
}

/** The same activity at each instant, with no attributes. */
const each = (name: string, instants: readonly string[]): Record<string, unknown>[] => instants.map((at) => activity(at, name));

// ---------------------------------------------------------------------------
// Seed 003: The North Face's XPLR Pass
// ---------------------------------------------------------------------------

describe('an outdoor brand: events, check-ins and the app (seed 003)', () => {
  // America/Denver is on MST (UTC−7) until 10 March 2024.
  const program = makeProgram({
    id: 'xplr-pass',
    currency: 'USD',
    timezone: 'America/Denver',
    earn: [
      BASE,
      { id: 'event-attended', kind: 'activity', activity: 'event_attended', points: 50, frequency: { distinct: 'eventId' } },
      { id: 'location-checkin', kind: 'activity', activity: 'checkin', points: 10, frequency: { per: 'day', distinct: 'locationId' } },
      { id: 'app-download', kind: 'activity', activity: 'app_downloaded', points: 100, frequency: { per: 'lifetime' } },
    ],
  });
  const events = [
    /* 0 */ activity('2024-03-01T17:00:00Z', 'checkin', 'm1', { locationId: 'boulder' }), //          1 Mar 10:00: +10
    /* 1 */ activity('2024-03-01T19:00:00Z', 'checkin', 'm1', { locationId: 'boulder' }), //          same day, same place: 0
    /* 2 */ activity('2024-03-01T21:00:00Z', 'checkin', 'm1', { locationId: 'denver-flagship' }), //  another place: +10
    /* 3 */ activity('2024-03-02T06:30:00Z', 'checkin', 'm1', { locationId: 'boulder' }), //          1 Mar 23:30 local (UTC: 2 Mar): 0
    /* 4 */ activity('2024-03-02T16:00:00Z', 'checkin', 'm1', { locationId: 'boulder' }), //          2 Mar 09:00: next day, +10
    /* 5 */ activity('2024-03-02T16:05:00Z', 'checkin', 'm1'), //                                     no locationId: 0
    /* 6 */ activity('2024-03-02T18:00:00Z', 'app_downloaded', 'm1'), //                               +100
    /* 7 */ activity('2024-03-05T18:00:00Z', 'app_downloaded', 'm1'), //                               reinstalled: 0
    /* 8 */ activity('2024-03-09T02:00:00Z', 'event_attended', 'm1', { eventId: 'summit-2024' }), //   +50
    /* 9 */ activity('2024-03-09T03:00:00Z', 'event_attended', 'm1', { eventId: 'summit-2024' }), //   scanned twice: 0
    /* 10 */ activity('2024-03-09T18:00:00Z', 'event_attended', 'm1', { eventId: 'trail-run-5k' }), // another event: +50
    /* 11 */ purchase('2024-03-09T20:00:00Z', '120.00', { currency: 'USD' }), //                       +120
    /* 12 */ activity('2024-03-09T21:00:00Z', 'newsletter_signup', 'm1'), //                           no rule for it: 0
  ];
  const { state, each: perEvent } = steps(program, events);
  const entries = perEvent.flatMap(earnEntries);

  it('pays each activity within its frequency, and purchases as usual', () => {
    expect(pointsOf(perEvent)).toEqual([10, 0, 10, 0, 10, 0, 100, 0, 50, 0, 50, 120, 0]);
    // 3 check-ins × 10 + app 100 + 2 events × 50 + purchase 120 = 30 + 100 + 100 + 120 = 350
    expect(balanceOf(state)).toBe(350);
    expect(sum(entries)).toBe(350);
    expect(entries.map((e) => e.ruleId)).toEqual([
      'location-checkin',
      'location-checkin',
      'location-checkin',
      'app-download',
      'event-attended',
      'event-attended',
      'base',
    ]);
  });

  it('explains each earning in the entry: the source, the activity, the time', () => {
    const [first] = entries;
    expect(first).toMatchObject({
      kind: 'earn',
      points: 10,
      ruleId: 'location-checkin',
      at: '2024-03-01T17:00:00.000Z',
      availableAt: '2024-03-01T17:00:00.000Z',
      expiresAt: null,
      detail: { source: 'activity', activity: 'checkin' },
    });
    expect(first?.eventId).toBe(events[0]?.id);
  });

  it('says why a matching rule paid nothing: the frequency limit, or the missing attribute', () => {
    const reasons = perEvent.map((effects) => notEarned(effects).map((e) => [e.ruleId, e.reason, e.details]));
    expect(reasons).toEqual([
      [],
      [['location-checkin', 'frequency_limit', { count: 1, per: 'day', locationId: 'boulder' }]],
      [],
      [['location-checkin', 'frequency_limit', { count: 1, per: 'day', locationId: 'boulder' }]],
      [],
      [['location-checkin', 'missing_attribute', { attribute: 'locationId' }]],
      [],
      [['app-download', 'frequency_limit', { count: 1, per: 'lifetime' }]],
      [],
      // `distinct` without `per`: once per value, ever
      [['event-attended', 'frequency_limit', { count: 1, per: 'lifetime', eventId: 'summit-2024' }]],
      [],
      [],
      [], // an activity no rule names is not "not earned": nothing matched
    ]);
  });

  it('a refused activity changes no points but is still recorded as activity', () => {
    expect(ledgerEntries(perEvent[1] ?? [])).toEqual([]);
    expect(state.lastActivityAt).toBe('2024-03-09T21:00:00.000Z');
  });
});

// ---------------------------------------------------------------------------
// Frequencies
// ---------------------------------------------------------------------------

describe('frequency', () => {
  it('count 2 per day: the third of a day is refused, the next day pays again', () => {
    const program = withRules([{ id: 'scan', kind: 'activity', activity: 'scan', points: 5, frequency: { count: 2, per: 'day' } }]);
    const { each: e } = steps(program, each('scan', ['2024-03-01T09:00:00Z', '2024-03-01T12:00:00Z', '2024-03-01T18:00:00Z', '2024-03-02T09:00:00Z']));
    expect(pointsOf(e)).toEqual([5, 5, 0, 5]);
    expect(notEarned(e[2] ?? [])).toMatchObject([{ ruleId: 'scan', reason: 'frequency_limit', details: { count: 2, per: 'day' } }]);
  });

  it('per day follows the program calendar, not UTC (New York, UTC−5 in early March)', () => {
    const program = withRules([{ id: 'scan', kind: 'activity', activity: 'scan', points: 5, frequency: { per: 'day' } }], { timezone: 'America/New_York' });
    const { each: e } = steps(
      program,
      each('scan', [
        '2024-03-01T15:00:00Z', // 1 Mar 10:00: pays
        '2024-03-02T04:30:00Z', // UTC 2 Mar, but 1 Mar 23:30 in New York: refused
        '2024-03-02T05:00:00Z', // 2 Mar 00:00 in New York: pays
      ]),
    );
    expect(pointsOf(e)).toEqual([5, 0, 5]);
  });

  it('per week: weeks run Monday to Sunday; Sunday is still the old week, Monday starts a new one', () => {
    const program = withRules([{ id: 'weekly', kind: 'activity', activity: 'quiz', points: 20, frequency: { per: 'week' } }]);
    const { each: e } = steps(
      program,
      each('quiz', [
        '2024-02-26T09:00:00Z', // Monday 26 Feb: pays
        '2024-03-03T21:00:00Z', // Sunday 3 Mar, same week: refused
        '2024-03-04T00:00:00Z', // Monday 4 Mar 00:00 (GMT): pays
        '2024-03-10T23:59:59Z', // Sunday 10 Mar 23:59:59: refused
      ]),
    );
    expect(pointsOf(e)).toEqual([20, 0, 20, 0]);
    expect(notEarned(e[1] ?? [])[0]?.details).toEqual({ count: 1, per: 'week' });
  });

  it('per week in New York: Monday 03:00 UTC is still Sunday evening there', () => {
    const program = withRules([{ id: 'weekly', kind: 'activity', activity: 'quiz', points: 20, frequency: { per: 'week' } }], { timezone: 'America/New_York' });
    const { each: e } = steps(
      program,
      each('quiz', [
        '2024-03-02T15:00:00Z', // Saturday 2 Mar: pays
        '2024-03-04T03:00:00Z', // UTC Monday, New York Sunday 3 Mar 22:00: refused
        '2024-03-04T05:00:00Z', // Monday 4 Mar 00:00 in New York: pays
      ]),
    );
    expect(pointsOf(e)).toEqual([20, 0, 20]);
  });

  it('per week in Tokyo: Sunday 15:00 UTC is already Monday there', () => {
    const program = withRules([{ id: 'weekly', kind: 'activity', activity: 'quiz', points: 20, frequency: { per: 'week' } }], { timezone: 'Asia/Tokyo' });
    const { each: e } = steps(
      program,
      each('quiz', [
        '2024-03-01T03:00:00Z', // Friday 1 Mar 12:00 JST: pays
        '2024-03-03T14:00:00Z', // Sunday 3 Mar 23:00 JST: refused
        '2024-03-03T15:00:00Z', // UTC Sunday, Monday 4 Mar 00:00 JST: pays
      ]),
    );
    expect(pointsOf(e)).toEqual([20, 0, 20]);
  });

  it('count 2 per month, months in the program time zone (New York)', () => {
    const program = withRules([{ id: 'monthly', kind: 'activity', activity: 'survey', points: 15, frequency: { count: 2, per: 'month' } }], { timezone: 'America/New_York' });
    const { each: e } = steps(
      program,
      each('survey', [
        '2024-01-10T15:00:00Z', // Jan: 1st
        '2024-01-31T20:00:00Z', // Jan: 2nd
        '2024-02-01T04:59:00Z', // UTC 1 Feb, New York 31 Jan 23:59: 3rd in January, refused
        '2024-02-01T05:00:00Z', // 1 Feb 00:00 in New York: Feb 1st
        '2024-02-29T12:00:00Z', // Feb 2nd
        '2024-02-29T13:00:00Z', // Feb 3rd: refused
      ]),
    );
    expect(pointsOf(e)).toEqual([15, 15, 0, 15, 15, 0]);
    expect(notEarned(e[2] ?? [])[0]?.details).toEqual({ count: 2, per: 'month' });
  });

  it('per year, years in the program time zone (Auckland, UTC+13 in summer)', () => {
    const program = withRules([{ id: 'yearly', kind: 'activity', activity: 'anniversary_quiz', points: 30, frequency: { per: 'year' } }], { timezone: 'Pacific/Auckland' });
    const { each: e } = steps(
      program,
      each('anniversary_quiz', [
        '2024-06-15T00:00:00Z', // 2024: pays
        '2024-12-31T10:00:00Z', // 31 Dec 2024 23:00 NZDT: refused
        '2024-12-31T11:00:00Z', // UTC still 2024, Auckland 1 Jan 2025 00:00: pays
        '2025-12-31T10:59:59Z', // 31 Dec 2025 23:59:59 NZDT: refused
      ]),
    );
    expect(pointsOf(e)).toEqual([30, 0, 30, 0]);
    expect(notEarned(e[1] ?? [])[0]?.details).toEqual({ count: 1, per: 'year' });
  });

  it('count 2 per rolling 7 days: the window is the event day and the 6 days before it', () => {
    const program = withRules([{ id: 'rolling', kind: 'activity', activity: 'workout', points: 8, frequency: { count: 2, rollingDays: 7 } }]);
    const days = ['01', '03', '07', '08', '09', '10', '14', '15'].map((d) => `2024-03-${d}T12:00:00Z`);
    const { each: e } = steps(program, each('workout', days));
    // paid so far in [day − 6, day]:
    // 1 Mar: {} → pay; 3 Mar: {1} → pay; 7 Mar: {1, 3} → refuse; 8 Mar: {3} → pay;
    // 9 Mar: {3, 8} → refuse; 10 Mar: {8} → pay; 14 Mar: {8, 10} → refuse; 15 Mar: {10} → pay
    expect(pointsOf(e)).toEqual([8, 8, 0, 8, 0, 8, 0, 8]);
    expect(notEarned(e[2] ?? [])[0]?.details).toEqual({ count: 2, per: '7 days' });
  });

  it('count 3 per lifetime', () => {
    const program = withRules([{ id: 'share', kind: 'activity', activity: 'share', points: 12, frequency: { count: 3, per: 'lifetime' } }]);
    const { state, each: e } = steps(program, each('share', ['2024-01-01T12:00:00Z', '2024-03-01T12:00:00Z', '2025-03-01T12:00:00Z', '2027-03-01T12:00:00Z']));
    expect(pointsOf(e)).toEqual([12, 12, 12, 0]);
    expect(balanceOf(state)).toBe(36); // 3 × 12
    expect(notEarned(e[3] ?? [])[0]?.details).toEqual({ count: 3, per: 'lifetime' });
  });

  it('distinct with a period: once per product per month', () => {
    const program = withRules([
      { id: 'review', kind: 'activity', activity: 'review_posted', points: 25, frequency: { per: 'month', distinct: 'productId' } },
    ]);
    const { each: e } = steps(program, [
      activity('2024-03-02T12:00:00Z', 'review_posted', 'm1', { productId: 'tent' }), //   pays
      activity('2024-03-20T12:00:00Z', 'review_posted', 'm1', { productId: 'tent' }), //   same product, same month: refused
      activity('2024-03-20T13:00:00Z', 'review_posted', 'm1', { productId: 'boots' }), //  another product: pays
      activity('2024-04-01T00:00:00Z', 'review_posted', 'm1', { productId: 'tent' }), //   next month (BST 01:00, 1 Apr): pays
      activity('2024-04-01T01:00:00Z', 'review_posted', 'm1', { productId: 42 }), //      a number is a value too: pays
      activity('2024-04-02T01:00:00Z', 'review_posted', 'm1', { productId: ['tent'] }), // not a string or number: refused
    ]);
    expect(pointsOf(e)).toEqual([25, 0, 25, 25, 25, 0]);
    expect(notEarned(e[1] ?? [])[0]?.details).toEqual({ count: 1, per: 'month', productId: 'tent' });
    expect(notEarned(e[5] ?? [])).toMatchObject([{ reason: 'missing_attribute', details: { attribute: 'productId' } }]);
  });

  it('without a frequency a rule pays every time', () => {
    const program = withRules([{ id: 'scan', kind: 'activity', activity: 'scan', points: 3 }]);
    const { state, each: e } = steps(program, each('scan', ['2024-03-01T09:00:00Z', '2024-03-01T09:00:00Z', '2024-03-01T09:01:00Z']));
    expect(pointsOf(e)).toEqual([3, 3, 3]);
    expect(balanceOf(state)).toBe(9);
  });

  it('each rule has its own limit: a refused rule does not stop another rule for the same activity', () => {
    const program = withRules([
      { id: 'checkin-daily', kind: 'activity', activity: 'checkin', points: 10, frequency: { per: 'day' } },
      { id: 'checkin-first', kind: 'activity', activity: 'checkin', points: 100, frequency: { per: 'lifetime' } },
    ]);
    const { each: e } = steps(program, each('checkin', ['2024-03-01T09:00:00Z', '2024-03-01T10:00:00Z', '2024-03-02T09:00:00Z']));
    // 1 Mar 09:00: 10 + 100; 10:00: both refused; 2 Mar: daily 10, first refused
    expect(pointsOf(e)).toEqual([110, 0, 10]);
    expect(notEarned(e[1] ?? []).map((n) => n.ruleId)).toEqual(['checkin-daily', 'checkin-first']);
    expect(notEarned(e[2] ?? []).map((n) => n.ruleId)).toEqual(['checkin-first']);
  });

  it('an earlier event arriving late within the same day is counted in the same window', () => {
    const program = withRules([{ id: 'scan', kind: 'activity', activity: 'scan', points: 5, frequency: { count: 2, per: 'day' } }]);
    // arrival order 18:00, 09:00, 12:00 — all 1 March: two pay, the third is refused whatever the order
    const { each: e } = steps(program, each('scan', ['2024-03-01T18:00:00Z', '2024-03-01T09:00:00Z', '2024-03-01T12:00:00Z']));
    expect(pointsOf(e)).toEqual([5, 5, 0]);
  });
});

// Events that arrive out of order across days. docs/events.md asks hosts to send events in time order
// but says `evaluate` applies an older event too. The state keeps every earning a limit can still count
// (all of them for a lifetime limit, those of the current period for a calendar one), yet `usedIn`
// (src/engagement/frequency.ts:29) only counts earnings dated on or before the late event's day
// (`d <= day`), so a limit the member has already used is paid again.
describe('frequency with an event arriving late, from an earlier day', () => {
  it('a once-per-lifetime rule pays once even if an earlier download arrives after a later one', () => {
    const program = withRules([{ id: 'app-download', kind: 'activity', activity: 'app_downloaded', points: 100, frequency: { per: 'lifetime' } }]);
    // the download of 5 March is applied first and pays; the one of 2 March arrives late
    const { state, each: e } = steps(program, each('app_downloaded', ['2024-03-05T12:00:00Z', '2024-03-02T12:00:00Z']));
    expect(pointsOf(e)).toEqual([100, 0]);
    expect(balanceOf(state)).toBe(100);
  });

  it('a once-per-week rule pays once for a week even if Monday arrives after Wednesday', () => {
    const program = withRules([{ id: 'weekly', kind: 'activity', activity: 'quiz', points: 20, frequency: { per: 'week' } }]);
    // Wednesday 6 March, then Monday 4 March (same week) arriving late
    const { each: e } = steps(program, each('quiz', ['2024-03-06T12:00:00Z', '2024-03-04T12:00:00Z']));
    expect(pointsOf(e)).toEqual([20, 0]);
  });
});

// ---------------------------------------------------------------------------
// Conditions and active dates
// ---------------------------------------------------------------------------

describe('conditions and active dates', () => {
  it('a condition on the event attributes: only follows on Instagram or TikTok pay, once per network', () => {
    const program = withRules([
      {
        id: 'social-follow',
        kind: 'activity',
        activity: 'social_follow',
        points: 25,
        frequency: { distinct: 'network' },
        condition: { all: [{ fact: 'event', path: '$.attributes.network', operator: 'in', value: ['instagram', 'tiktok'] }] },
      },
    ]);
    const { state, each: e } = steps(program, [
      activity('2024-03-01T12:00:00Z', 'social_follow', 'm1', { network: 'instagram' }), // +25
      activity('2024-03-01T12:05:00Z', 'social_follow', 'm1', { network: 'facebook' }), //  condition false: 0
      activity('2024-03-01T12:10:00Z', 'social_follow', 'm1', { network: 'tiktok' }), //    +25
      activity('2024-03-02T12:00:00Z', 'social_follow', 'm1', { network: 'instagram' }), // again: 0
      activity('2024-03-02T12:05:00Z', 'social_follow', 'm1'), //                           no attributes: condition false, 0
    ]);
    expect(pointsOf(e)).toEqual([25, 0, 25, 0, 0]);
    expect(balanceOf(state)).toBe(50);
    // a rule whose condition is false did not match: no "not earned" explanation
    expect(notEarned(e[1] ?? [])).toEqual([]);
    expect(notEarned(e[4] ?? [])).toEqual([]);
    expect(notEarned(e[3] ?? [])).toMatchObject([{ reason: 'frequency_limit', details: { network: 'instagram' } }]);
  });

  it('a condition on the time fact: weekend check-ins only', () => {
    const program = withRules([
      {
        id: 'weekend',
        kind: 'activity',
        activity: 'checkin',
        points: 7,
        condition: { any: [{ fact: 'time', path: '$.weekday', operator: 'greaterThanInclusive', value: 6 }] },
      },
    ]);
    // Fri 1 Mar, Sat 2 Mar, Sun 3 Mar, Mon 4 Mar
    const { each: e } = steps(program, each('checkin', ['2024-03-01T12:00:00Z', '2024-03-02T12:00:00Z', '2024-03-03T12:00:00Z', '2024-03-04T12:00:00Z']));
    expect(pointsOf(e)).toEqual([0, 7, 7, 0]);
  });

  it('active dates are inclusive calendar dates in the program time zone (New York, UTC−4 in June)', () => {
    const program = withRules([{ id: 'june', kind: 'activity', activity: 'trail_log', points: 40, active: { from: '2024-06-01', until: '2024-06-30' } }], {
      timezone: 'America/New_York',
    });
    const { state, each: e } = steps(
      program,
      each('trail_log', [
        '2024-06-01T03:59:59Z', // 31 May 23:59:59: not yet
        '2024-06-01T04:00:00Z', // 1 Jun 00:00: pays
        '2024-07-01T03:59:59Z', // 30 Jun 23:59:59: pays
        '2024-07-01T04:00:00Z', // 1 Jul 00:00: over
      ]),
    );
    expect(pointsOf(e)).toEqual([0, 40, 40, 0]);
    expect(balanceOf(state)).toBe(80);
    expect(e.flatMap(notEarned)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Wallet credit and catalog rewards
// ---------------------------------------------------------------------------

describe('wallet credit and rewards', () => {
  const SALT = 'outdoor-brand-salt-0123456789';
  const program = withRules(
    [
      { id: 'profile', kind: 'activity', activity: 'profile_completed', points: 20, walletCredit: '5', reward: 'free-coffee', frequency: { per: 'lifetime' } },
      { id: 'share', kind: 'activity', activity: 'share', points: 10, reward: 'sticker', caps: { lifetime: 10 } },
    ],
    {
      wallet: { rounding: 'floor' },
      rewards: {
        codeSalt: SALT,
        catalog: [
          { id: 'free-coffee', kind: 'free-product', cost: 100, sku: 'COFFEE' },
          { id: 'sticker', kind: 'free-product', cost: 10, sku: 'STICKER' },
        ],
      },
    },
  );

  it('credits the wallet and issues the reward with a code, once', () => {
    const first = activity('2024-03-01T12:00:00Z', 'profile_completed');
    const { state, each: e } = steps(program, [first, activity('2024-03-02T12:00:00Z', 'profile_completed')]);
    const effects = e[0] ?? [];
    expect(pointsOf(e)).toEqual([20, 0]);
    const wallet = effects.filter((x): x is WalletEffect => x.type === 'wallet');
    expect(wallet.map((w) => w.entry)).toMatchObject([
      // "5" is written with the currency's two decimals
      { kind: 'credit', amount: '5.00', currency: 'GBP', ruleId: 'profile', balance: '5.00', eventId: first.id, detail: { source: 'activity' } },
    ]);
    const issued = effects.filter((x): x is RewardIssued => x.type === 'reward_issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ rewardId: 'free-coffee', source: 'activity', ruleId: 'profile', eventId: first.id, memberId: 'm1' });
    const code = issued[0]?.code ?? '';
    expect(code.length).toBeGreaterThan(0);
    for (const ch of code.replace(/-/g, '')) expect(CODE_ALPHABET).toContain(ch);
    expect(state.wallet).toMatchObject({ balance: '5.00', totals: { credited: '5.00' } });
    // the second completion: nothing, and said why
    expect(e[1]?.some((x) => x.type === 'wallet' || x.type === 'reward_issued')).toBe(false);
    expect(notEarned(e[1] ?? [])).toMatchObject([{ ruleId: 'profile', reason: 'frequency_limit' }]);
  });

  it('the code is derived from the event: the same event gives the same code, another event another code', () => {
    const event = activity('2024-03-01T12:00:00Z', 'profile_completed', 'm1', undefined, 'profile-event-1');
    const codeOf = (memberId: string, id: string): string | undefined => {
      const { effects } = evaluate(program, newMemberState(program, memberId), { ...event, memberId, id });
      return effects.find((x): x is RewardIssued => x.type === 'reward_issued')?.code;
    };
    expect(codeOf('m1', 'profile-event-1')).toBe(codeOf('m1', 'profile-event-1'));
    expect(codeOf('m2', 'profile-event-2')).not.toBe(codeOf('m1', 'profile-event-1'));
  });

  it('points capped to nothing do not stop the reward: the rule still gives, so no "capped" explanation', () => {
    const { state, each: e } = steps(program, each('share', ['2024-03-01T12:00:00Z', '2024-03-02T12:00:00Z']));
    // first share: 10 points (lifetime cap 10 reached) and a sticker; second: 0 points, a sticker
    expect(pointsOf(e)).toEqual([10, 0]);
    expect(balanceOf(state)).toBe(10);
    expect(e.map((x) => x.filter((y) => y.type === 'reward_issued').length)).toEqual([1, 1]);
    expect(e.flatMap(notEarned)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Caps
// ---------------------------------------------------------------------------

describe('caps on an activity rule', () => {
  const capped = (points: number, caps: Record<string, number>, extra: Partial<RuleInput> = {}): Program =>
    withRules([{ id: 'task', kind: 'activity', activity: 'task', points, caps, ...extra } as RuleInput]);

  it('perEvent: 50 points capped to 30 on every event', () => {
    const { state, each: e } = steps(capped(50, { perEvent: 30 }), each('task', ['2024-03-01T09:00:00Z', '2024-03-01T10:00:00Z']));
    expect(pointsOf(e)).toEqual([30, 30]);
    expect(balanceOf(state)).toBe(60);
    expect(earnEntries(e[0] ?? [])[0]?.detail).toMatchObject({ source: 'activity', uncapped: 50 });
  });

  it('perDay 100 at 40 a time: 40, 40, 20, then nothing that day; 40 the next day', () => {
    const { state, each: e } = steps(
      capped(40, { perDay: 100 }),
      each('task', ['2024-03-01T09:00:00Z', '2024-03-01T10:00:00Z', '2024-03-01T11:00:00Z', '2024-03-01T23:59:59Z', '2024-03-02T00:00:00Z']),
    );
    // 100 − 40 − 40 = 20 left for the third; 0 for the fourth
    expect(pointsOf(e)).toEqual([40, 40, 20, 0, 40]);
    expect(balanceOf(state)).toBe(140);
    expect(earnEntries(e[2] ?? [])[0]?.detail).toMatchObject({ uncapped: 40 });
    expect(notEarned(e[3] ?? [])).toMatchObject([{ ruleId: 'task', reason: 'capped', details: { points: 40 } }]);
    expect(ledgerEntries(e[3] ?? [])).toEqual([]);
  });

  it('perWeek 100: Friday, Saturday and Sunday share a week; Monday starts a new one', () => {
    const { each: e } = steps(
      capped(40, { perWeek: 100 }),
      each('task', ['2024-03-01T12:00:00Z', '2024-03-02T12:00:00Z', '2024-03-03T12:00:00Z', '2024-03-03T23:00:00Z', '2024-03-04T00:30:00Z']),
    );
    expect(pointsOf(e)).toEqual([40, 40, 20, 0, 40]);
  });

  it('perMonth 100: January is full after 40 + 40 + 20; February starts again', () => {
    const { each: e } = steps(
      capped(40, { perMonth: 100 }),
      each('task', ['2024-01-05T12:00:00Z', '2024-01-20T12:00:00Z', '2024-01-31T12:00:00Z', '2024-01-31T23:00:00Z', '2024-02-01T00:30:00Z']),
    );
    expect(pointsOf(e)).toEqual([40, 40, 20, 0, 40]);
  });

  it('perYear 250 at 100 a time: 100, 100, 50, 0, then 100 in the new year', () => {
    const { each: e } = steps(
      capped(100, { perYear: 250 }),
      each('task', ['2024-02-01T12:00:00Z', '2024-06-01T12:00:00Z', '2024-12-31T12:00:00Z', '2024-12-31T23:00:00Z', '2025-01-01T00:30:00Z']),
    );
    expect(pointsOf(e)).toEqual([100, 100, 50, 0, 100]);
  });

  it('lifetime 250 at 100 a time: 100, 100, 50, then never again', () => {
    const { state, each: e } = steps(
      capped(100, { lifetime: 250 }),
      each('task', ['2024-02-01T12:00:00Z', '2024-06-01T12:00:00Z', '2024-12-31T12:00:00Z', '2025-01-01T12:00:00Z', '2030-01-01T12:00:00Z']),
    );
    expect(pointsOf(e)).toEqual([100, 100, 50, 0, 0]);
    expect(balanceOf(state)).toBe(250);
    expect(e.slice(3).map((x) => notEarned(x).map((n) => n.reason))).toEqual([['capped'], ['capped']]);
  });

  it('the tightest cap wins: perDay 100 and perWeek 150 at 60 a time', () => {
    // Fri 1 Mar: 60, 40 (day full: 100). Sat 2 Mar: 50 (week 100 + 50 = 150). Sun 3 Mar: 0. Mon 4 Mar: 60.
    const { each: e } = steps(
      capped(60, { perDay: 100, perWeek: 150 }),
      each('task', ['2024-03-01T09:00:00Z', '2024-03-01T10:00:00Z', '2024-03-02T09:00:00Z', '2024-03-03T09:00:00Z', '2024-03-04T09:00:00Z']),
    );
    expect(pointsOf(e)).toEqual([60, 40, 50, 0, 60]);
  });

  it('a day in the program time zone (New York): 04:30 UTC on 2 March is still 1 March', () => {
    const program = withRules([{ id: 'task', kind: 'activity', activity: 'task', points: 40, caps: { perDay: 50 } }], { timezone: 'America/New_York' });
    const { each: e } = steps(program, each('task', ['2024-03-01T15:00:00Z', '2024-03-02T04:30:00Z', '2024-03-02T05:00:00Z']));
    // 40; 10 (still 1 Mar: 50 − 40); 40 (2 Mar)
    expect(pointsOf(e)).toEqual([40, 10, 40]);
  });

  it('an event capped to nothing does not use up the frequency: the next day still pays', () => {
    // once a day, at most 100 ever: 1 Mar 60; 2 Mar 40 (capped); 3 Mar capped to 0, so "capped", not "frequency_limit"
    const { each: e } = steps(
      capped(60, { lifetime: 100 }, { frequency: { per: 'day' } }),
      each('task', ['2024-03-01T12:00:00Z', '2024-03-02T12:00:00Z', '2024-03-03T12:00:00Z', '2024-03-03T13:00:00Z']),
    );
    expect(pointsOf(e)).toEqual([60, 40, 0, 0]);
    expect(e.slice(2).map((x) => notEarned(x).map((n) => n.reason))).toEqual([['capped'], ['capped']]);
  });

  // docs/earning.md (Caps): a capped entry's `cappedBy` is "earn.<rule id>.caps" or "points.caps" — a
  // path into the program. Purchases write "earn.<id>.caps" (src/earning/purchase.ts:69), but
  // engagement grants write "<id>.caps" (src/engagement/grant.ts:60), which names nothing in the program.
  it('names the rule caps that limited the entry as earn.<rule id>.caps, like purchase rules do', () => {
    const { each: e } = steps(capped(40, { perDay: 50 }), each('task', ['2024-03-01T09:00:00Z', '2024-03-01T10:00:00Z']));
    expect(earnEntries(e[1] ?? [])[0]?.detail).toMatchObject({ uncapped: 40, cappedBy: 'earn.task.caps' });
  });
});

describe('program caps (points.caps) across purchases and activities', () => {
  it('perDay 150 limits purchase and activity points together', () => {
    const program = makeProgram({
      points: { caps: { perDay: 150 } },
      earn: [BASE, { id: 'checkin', kind: 'activity', activity: 'checkin', points: 40 }],
    });
    const { state, each: e } = steps(program, [
      purchase('2024-03-01T09:00:00Z', '100.00'), //  100 (day: 100)
      activity('2024-03-01T10:00:00Z', 'checkin'), // 40 (day: 140)
      activity('2024-03-01T11:00:00Z', 'checkin'), // 10 of 40 (day: 150)
      purchase('2024-03-01T12:00:00Z', '20.00'), //   0: no entry
      activity('2024-03-01T13:00:00Z', 'checkin'), // 0: "capped"
      activity('2024-03-02T09:00:00Z', 'checkin'), // new day: 40
      purchase('2024-03-02T10:00:00Z', '130.00'), //  110 of 130 (150 − 40)
    ]);
    expect(pointsOf(e)).toEqual([100, 40, 10, 0, 0, 40, 110]);
    // 100 + 40 + 10 + 40 + 110 = 300
    expect(balanceOf(state)).toBe(300);
    expect(earnEntries(e[2] ?? [])[0]).toMatchObject({ ruleId: 'checkin', points: 10, detail: { source: 'activity', uncapped: 40, cappedBy: 'points.caps' } });
    expect(earnEntries(e[6] ?? [])[0]).toMatchObject({ ruleId: 'base', points: 110, detail: { uncapped: 130, cappedBy: 'points.caps' } });
    expect(ledgerEntries(e[3] ?? [])).toEqual([]);
    expect(notEarned(e[4] ?? [])).toMatchObject([{ ruleId: 'checkin', reason: 'capped', details: { points: 40 } }]);
  });

  it('perEvent 50 with two rules for one activity: the higher priority takes its points first', () => {
    const program = makeProgram({
      points: { caps: { perEvent: 50 } },
      earn: [
        BASE,
        { id: 'checkin-base', kind: 'activity', activity: 'checkin', points: 40 },
        { id: 'checkin-bonus', kind: 'activity', activity: 'checkin', points: 30, priority: 10 },
      ],
    });
    const { each: e } = steps(program, each('checkin', ['2024-03-01T09:00:00Z', '2024-03-01T10:00:00Z']));
    // bonus 30 first, then base gets 50 − 30 = 20; per event, so the next event is the same
    for (const effects of e) {
      expect(earnEntries(effects).map((x) => [x.ruleId, x.points])).toEqual([
        ['checkin-bonus', 30],
        ['checkin-base', 20],
      ]);
      expect(earnEntries(effects)[1]?.detail).toMatchObject({ uncapped: 40, cappedBy: 'points.caps' });
    }
  });

  it('when the program caps are tighter than the rule caps, the program caps are named', () => {
    const program = makeProgram({
      points: { caps: { perDay: 30 } },
      earn: [BASE, { id: 'task', kind: 'activity', activity: 'task', points: 40, caps: { perDay: 35 } }],
    });
    const { each: e } = steps(program, each('task', ['2024-03-01T09:00:00Z']));
    // min(40, rule room 35, program room 30) = 30
    expect(earnEntries(e[0] ?? [])[0]).toMatchObject({ points: 30, detail: { uncapped: 40, cappedBy: 'points.caps' } });
  });
});

// ---------------------------------------------------------------------------
// Activity as member activity
// ---------------------------------------------------------------------------

describe('an activity counts as member activity', () => {
  it('moves lastActivityAt, even when no rule pays, and never backwards', () => {
    const program = withRules([{ id: 'scan', kind: 'activity', activity: 'scan', points: 5 }]);
    let state = newMemberState(program, 'm1');
    expect(state.lastActivityAt).toBeNull();
    ({ state } = evaluate(program, state, activity('2024-03-01T10:00:00+01:00', 'scan')));
    expect(state.lastActivityAt).toBe('2024-03-01T09:00:00.000Z');
    ({ state } = evaluate(program, state, activity('2024-03-05T10:00:00Z', 'unknown_thing')));
    expect(state.lastActivityAt).toBe('2024-03-05T10:00:00.000Z');
    ({ state } = evaluate(program, state, activity('2024-03-03T10:00:00Z', 'scan'))); // older, arriving late
    expect(state.lastActivityAt).toBe('2024-03-05T10:00:00.000Z');
    ({ state } = evaluate(program, state, tick('2024-03-20T10:00:00Z'))); // a tick is not activity
    expect(state.lastActivityAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('keeps points alive under an inactivity expiry policy', () => {
    const program = withRules([], { points: { expiry: { kind: 'inactivity', days: 30 } } });
    const buy = purchase('2024-01-01T12:00:00Z', '100.00');
    // with an activity on 25 Jan, points lapse 30 days later: 24 Feb 12:00. On 10 Feb they are still there.
    const active = run(program, [buy, activity('2024-01-25T12:00:00Z', 'app_opened'), tick('2024-02-10T12:00:00Z')]);
    expect(byKind(active.entries, 'expire')).toEqual([]);
    expect(balanceOf(active.state)).toBe(100);
    const later = run(program, [buy, activity('2024-01-25T12:00:00Z', 'app_opened'), tick('2024-02-25T12:00:00Z')]);
    expect(sum(byKind(later.entries, 'expire'))).toBe(-100);
    // without it they lapse on 31 Jan 12:00, before 10 Feb
    const idle = run(program, [buy, tick('2024-02-10T12:00:00Z')]);
    expect(sum(byKind(idle.entries, 'expire'))).toBe(-100);
  });
});

// ---------------------------------------------------------------------------
// Static checks and invalid events
// ---------------------------------------------------------------------------

describe('programs with activity rules that cannot work are refused', () => {
  const base = {
    id: 'p',
    version: 1,
    currency: 'GBP',
    timezone: 'Europe/London',
    points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
  } as const;

  function issuesOf(input: Record<string, unknown>): Issue[] {
    try {
      defineProgram({ ...base, ...input } as ProgramInput);
    } catch (error) {
      expect(error).toBeInstanceOf(ProgramError);
      expect(isLoyaltyError(error) && error.code).toBe('invalid_program');
      return [...(error as ProgramError).issues];
    }
    throw new Error('the program was accepted');
  }
  const brief = (issues: readonly Issue[]): { code: string; path: readonly (string | number)[] }[] => issues.map(({ code, path }) => ({ code, path }));
  const rule = (extra: Record<string, unknown>): Record<string, unknown> => ({ earn: [{ id: 'a', kind: 'activity', activity: 'checkin', ...extra }] });

  it('a rule that gives nothing', () => {
    expect(brief(issuesOf(rule({ frequency: { per: 'day' } })))).toEqual([{ code: 'missing_field', path: ['earn', 0] }]);
  });

  it('both "per" and "rollingDays"', () => {
    expect(brief(issuesOf(rule({ points: 5, frequency: { per: 'week', rollingDays: 7 } })))).toEqual([{ code: 'invalid_rule', path: ['earn', 0, 'frequency'] }]);
  });

  it('a frequency that says neither how often nor per what', () => {
    expect(brief(issuesOf(rule({ points: 5, frequency: { count: 2 } })))).toEqual([{ code: 'missing_field', path: ['earn', 0, 'frequency', 'per'] }]);
  });

  it('a reward not in the catalog, or no catalog at all', () => {
    const rewards = { codeSalt: 'a-salt-of-sixteen-chars', catalog: [{ id: 'mug', kind: 'free-product', cost: 10, sku: 'MUG' }] };
    expect(brief(issuesOf({ ...rule({ reward: 'tent' }), rewards }))).toEqual([{ code: 'unknown_reference', path: ['earn', 0, 'reward'] }]);
    expect(brief(issuesOf(rule({ reward: 'tent' })))).toEqual([{ code: 'unknown_reference', path: ['earn', 0, 'reward'] }]);
  });

  it('wallet credit without a wallet', () => {
    expect(brief(issuesOf(rule({ walletCredit: '5.00' })))).toEqual([{ code: 'undeclared', path: ['wallet'] }]);
  });

  it('caps that can never be reached', () => {
    expect(brief(issuesOf(rule({ points: 5, caps: { perEvent: 50, perDay: 20 } })))).toEqual([{ code: 'unreachable', path: ['earn', 0, 'caps', 'perEvent'] }]);
  });

  it('a condition on an attribute path that the event fact does not have', () => {
    const condition = { all: [{ fact: 'event', path: '$.network', operator: 'equal', value: 'instagram' }] };
    expect(brief(issuesOf(rule({ points: 5, condition })))).toEqual([{ code: 'unknown_fact', path: ['earn', 0, 'condition', 'all', 0, 'path'] }]);
  });

  it('malformed fields, each at its path', () => {
    const paths = (extra: Record<string, unknown>): (readonly (string | number)[])[] => issuesOf(rule(extra)).map((i) => i.path);
    expect(paths({ points: 0 })).toContainEqual(['earn', 0, 'points']);
    expect(paths({ points: 5, activity: '' })).toContainEqual(['earn', 0, 'activity']);
    expect(paths({ points: 5, frequency: { per: 'fortnight' } })).toContainEqual(['earn', 0, 'frequency', 'per']);
    expect(paths({ points: 5, frequency: { rollingDays: 0 } })).toContainEqual(['earn', 0, 'frequency', 'rollingDays']);
    expect(paths({ points: 5, frequency: { per: 'day', count: 0 } })).toContainEqual(['earn', 0, 'frequency', 'count']);
    expect(paths({ points: 5, caps: { perDay: 0 } })).toContainEqual(['earn', 0, 'caps', 'perDay']);
    expect(brief(issuesOf(rule({ points: 5, frequency: { per: 'day', perUser: 1 } })))).toEqual([
      { code: 'unrecognized_keys', path: ['earn', 0, 'frequency', 'perUser'] },
    ]);
    expect(brief(issuesOf(rule({ points: 5, caps: { perFortnight: 1 } })))).toEqual([{ code: 'unrecognized_keys', path: ['earn', 0, 'caps', 'perFortnight'] }]);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf({
      earn: [
        { id: 'a', kind: 'activity', activity: 'checkin' },
        { id: 'b', kind: 'activity', activity: 'share', points: 5, frequency: { per: 'day', rollingDays: 3 } },
        { id: 'c', kind: 'activity', activity: 'review', walletCredit: '1.00', reward: 'ghost' },
      ],
    });
    expect(brief(issues)).toEqual(
      expect.arrayContaining([
        { code: 'missing_field', path: ['earn', 0] },
        { code: 'invalid_rule', path: ['earn', 1, 'frequency'] },
        { code: 'undeclared', path: ['wallet'] },
        { code: 'unknown_reference', path: ['earn', 2, 'reward'] },
      ]),
    );
    expect(issues).toHaveLength(4);
  });
});

describe('invalid activity events are refused with the path of each problem', () => {
  const program = withRules([{ id: 'scan', kind: 'activity', activity: 'scan', points: 5 }]);
  const state = newMemberState(program, 'm1');
  const good = activity('2024-03-01T12:00:00Z', 'scan');

  function pathsOf(event: Record<string, unknown>): (readonly (string | number)[])[] {
    const result = safeEvaluate(program, state, event);
    expect(result.success).toBe(false);
    if (result.success) return [];
    expect(result.error).toBeInstanceOf(EventError);
    expect(result.error.code).toBe('invalid_event');
    return result.error.issues.map((i) => i.path);
  }

  it('a missing, empty or too long name', () => {
    const { name: _name, ...nameless } = good;
    expect(pathsOf(nameless)).toEqual([['name']]);
    expect(pathsOf({ ...good, name: '' })).toEqual([['name']]);
    expect(pathsOf({ ...good, name: 'x'.repeat(129) })).toEqual([['name']]);
    expect(pathsOf({ ...good, name: 42 })).toEqual([['name']]);
  });

  it('attributes that are not JSON, not an object, or carry a prototype key', () => {
    expect(pathsOf({ ...good, attributes: { score: Number.POSITIVE_INFINITY } })).toEqual([['attributes', 'score']]);
    expect(pathsOf({ ...good, attributes: { nested: { bad: undefined } } })).toEqual([['attributes', 'nested', 'bad']]);
    expect(pathsOf({ ...good, attributes: 'boulder' })).toEqual([['attributes']]);
    expect(pathsOf({ ...good, attributes: JSON.parse('{"__proto__": {"x": 1}}') as unknown })).toContainEqual(['attributes', '__proto__']);
  });

  it('unknown fields and a bad envelope', () => {
    expect(pathsOf({ ...good, points: 10 })).toEqual([['points']]);
    expect(pathsOf({ ...good, at: '2024-03-01 12:00' })).toEqual([['at']]);
    expect(pathsOf({ ...good, id: '' })).toEqual([['id']]);
  });

  it('evaluate throws the same EventError; nothing is applied', () => {
    const before = JSON.stringify(state);
    expect(() => evaluate(program, state, { ...good, name: '' })).toThrow(EventError);
    expect(JSON.stringify(state)).toBe(before);
  });
});

// ---------------------------------------------------------------------------
// Redelivery through the engine at the edge
// ---------------------------------------------------------------------------

describe('redelivery through the edge engine', () => {
  it('an activity delivered twice with the same id is processed once and earns once', async () => {
    const program = withRules([{ id: 'checkin', kind: 'activity', activity: 'checkin', points: 10, frequency: { per: 'day', distinct: 'locationId' } }]);
    const store = new MemoryStore();
    const engine = createEngine({ program, store });
    const event = activity('2024-03-01T12:00:00Z', 'checkin', 'm1', { locationId: 'boulder' }, 'checkin-1');

    const first = await engine.process(event);
    expect(first.status).toBe('applied');
    if (first.status === 'applied') expect(sum(ledgerEntries(first.effects))).toBe(10);

    const again = await engine.process(structuredClone(event));
    expect(again).toEqual({ status: 'duplicate', memberId: 'm1', eventId: 'checkin-1' });
    expect(balanceOf(store.load('m1') as MemberState)).toBe(10);

    // another check-in at the same place that day, with its own id: applied, but the limit holds
    const other = await engine.process({ ...event, id: 'checkin-2', at: '2024-03-01T13:00:00Z' });
    expect(other.status).toBe('applied');
    if (other.status === 'applied') {
      expect(ledgerEntries(other.effects)).toEqual([]);
      expect(notEarned(other.effects)).toMatchObject([{ reason: 'frequency_limit' }]);
    }
    expect(balanceOf(store.load('m1') as MemberState)).toBe(10);
  });
});
