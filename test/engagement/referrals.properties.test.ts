// Referral properties: one referrer, several referees, random interleavings of enrolments (with the
// referrer's code as typed in several ways, another member's code, or none), purchases (some before
// enrolling, some below the qualifying minimum), refunds of earlier orders (full or half of what is left)
// and the `referral` events the referees' steps send to the referrer.
//
// 1. Adversarial delivery: the referral events go to a mailbox and reach the referrer when a generated
//    `deliver` step picks one: reordered, duplicated, redelivered after a cancellation, or never; some runs
//    also deliver each at once (FIFO) before any redelivery. Whatever happens:
//    - per referee, the referrer's net `referrals.onSignUp` is 0 or 20 and net `referrals.onFirstPurchase`
//      0 or 100 (never credited twice for one referee and stage, net of cancellations);
//    - the cap (1 or 2 referees per stage per calendar month) is never exceeded by what the referrer keeps;
//    - every member's balance is the sum of their ledger entries.
// 2. FIFO, exactly once, no cap: a naive model of the referees (accepted or not, which order qualified,
//    cancelled within the hold) says exactly what the referrer holds for each referee.
//
// Program: GBP, UTC, 1 point per £1.00; referrals: sign-up 20, first purchase 100 for at least £20.00,
// held 10 days; property 1 adds cap { count: 1 or 2, per: 'month' }.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  evaluate,
  isLoyaltyError,
  ledgerEntries,
  newMemberState,
  referralCode,
  type LedgerEntry,
  type MemberState,
  type OutgoingEventEffect,
  type Program,
} from '../../src/index.js';
import { makeProgram, sum } from '../helpers.js';
import { runs } from '../support/runs.js';

const SALT = 'referral-property-salt-42';
const REFERRER = 'ref';
const REFEREES = ['r0', 'r1', 'r2', 'r3'] as const;
const MIN_CENTS = 2000; // minAmount £20.00
const HOLD_MS = 10 * 24 * 3600 * 1000; // holdDays 10, UTC: no daylight saving
const START = Date.parse('2024-01-01T00:00:00Z');

const programOf = (cap: number | undefined): Program =>
  makeProgram({
    id: 'referral-props',
    timezone: 'UTC',
    referrals: {
      codeSalt: SALT,
      onSignUp: { points: 20 },
      onFirstPurchase: { points: 100, minAmount: '20.00', holdDays: 10 },
      ...(cap === undefined ? {} : { cap: { count: cap, per: 'month' as const } }),
    },
  });

// ------------------------------------------------------------------ commands

type How = 'exact' | 'lower' | 'bare' | 'wrong' | 'none';
type Cmd =
  | { kind: 'enrol'; who: number; how: How; gap: number }
  | { kind: 'buy'; who: number; cents: number; gap: number }
  | { kind: 'refund'; who: number; pick: number; full: boolean; gap: number }
  | { kind: 'deliver'; pick: number; gap: number };

const who = fc.integer({ min: 0, max: REFEREES.length - 1 });
/** Minutes since the previous step: up to 4 days, so a run of up to 50 steps crosses months and hold ends. */
const gap = fc.integer({ min: 1, max: 4 * 24 * 60 });
const cents = fc.oneof(fc.constantFrom(500, 1999, 2000, 3500, 12000), fc.integer({ min: 1, max: 30000 }));

const enrolArb = fc.record({ kind: fc.constant('enrol' as const), who, how: fc.constantFrom<How>('exact', 'exact', 'exact', 'lower', 'bare', 'wrong', 'none'), gap });
const buyArb = fc.record({ kind: fc.constant('buy' as const), who, cents, gap });
const refundArb = fc.record({ kind: fc.constant('refund' as const), who, pick: fc.nat(), full: fc.boolean(), gap });
const deliverArb = fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), gap });

const memberCmd = fc.oneof({ arbitrary: enrolArb, weight: 3 }, { arbitrary: buyArb, weight: 4 }, { arbitrary: refundArb, weight: 3 });
const adversarialCmds = fc.array(fc.oneof({ arbitrary: memberCmd, weight: 3 }, { arbitrary: deliverArb, weight: 2 }), { minLength: 1, maxLength: 50, size: 'max' });
const fifoCmds = fc.array(memberCmd, { minLength: 1, maxLength: 50, size: 'max' });

// ------------------------------------------------------------------ the world

type Referral = OutgoingEventEffect['event'];
interface Order {
  readonly id: string;
  readonly cents: number;
  refunded: number;
}

const money = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

/** Members under one program; the referees' referral events go to `mailbox`, and to the referrer at once when `fifo`. */
class Sim {
  readonly states = new Map<string, MemberState>();
  readonly entries = new Map<string, LedgerEntry[]>();
  readonly mailbox: Referral[] = [];
  readonly orders = new Map<string, Order[]>(REFEREES.map((r) => [r, []]));
  readonly enrolled = new Set<string>();
  /** Order id → referee, to attribute the referrer's claw-backs (they name the referee's order). */
  readonly owner = new Map<string, string>();
  now = START;
  private n = 0;

  constructor(
    readonly program: Program,
    readonly fifo: boolean,
  ) {
    this.step({ id: 'enrol-ref', type: 'enrollment', memberId: REFERRER, at: new Date(START).toISOString() });
  }

  state(memberId: string): MemberState {
    return this.states.get(memberId) ?? newMemberState(this.program, memberId);
  }

  ledger(memberId: string): LedgerEntry[] {
    return this.entries.get(memberId) ?? [];
  }

  at(): string {
    return new Date(this.now).toISOString();
  }

  id(prefix: string): string {
    return `${prefix}-${++this.n}`;
  }

  step(event: Record<string, unknown>): Referral[] {
    const memberId = event.memberId as string;
    const { state, effects } = evaluate(this.program, this.state(memberId), event);
    this.states.set(memberId, state);
    this.entries.set(memberId, [...this.ledger(memberId), ...ledgerEntries(effects)]);
    const sent = effects.filter((e): e is OutgoingEventEffect => e.type === 'outgoing_event').map((e) => e.event);
    for (const e of sent) {
      expect(e.memberId).toBe(REFERRER);
      this.mailbox.push(e);
      if (this.fifo) this.step(e as unknown as Record<string, unknown>);
    }
    return sent;
  }

  /** Applies one command. */
  run(cmd: Cmd): void {
    this.now += cmd.gap * 60_000;
    if (cmd.kind === 'deliver') {
      const e = this.mailbox[cmd.pick % Math.max(1, this.mailbox.length)];
      if (e !== undefined) this.step(e as unknown as Record<string, unknown>);
      return;
    }
    const r = REFEREES[cmd.who] as string;
    const orders = this.orders.get(r) ?? [];
    if (cmd.kind === 'enrol') {
      const code = referralCode(this.program, REFERRER);
      const extra =
        cmd.how === 'exact' ? { referralCode: code, referrerId: REFERRER }
        : cmd.how === 'lower' ? { referralCode: code.toLowerCase(), referrerId: REFERRER }
        : cmd.how === 'bare' ? { referralCode: code.replace('-', ''), referrerId: REFERRER }
        : cmd.how === 'wrong' ? { referralCode: referralCode(this.program, r === 'r0' ? 'r1' : 'r0'), referrerId: REFERRER }
        : {};
      const event = { id: this.id(`enrol-${r}`), type: 'enrollment', memberId: r, at: this.at(), ...extra };
      if (this.enrolled.has(r)) {
        expect(() => evaluate(this.program, this.state(r), event)).toThrowError(expect.objectContaining({ code: 'already_enrolled' }));
        return;
      }
      this.enrolled.add(r);
      this.step(event);
    } else if (cmd.kind === 'buy') {
      const order: Order = { id: this.id(`${r}-order`), cents: cmd.cents, refunded: 0 };
      orders.push(order);
      this.owner.set(order.id, r);
      this.step({ id: this.id(`buy-${r}`), type: 'purchase', memberId: r, at: this.at(), orderId: order.id, amount: money(order.cents), currency: 'GBP' });
    } else {
      const open = orders.filter((o) => o.refunded < o.cents);
      const order = open[cmd.pick % Math.max(1, open.length)];
      if (order === undefined) return;
      const left = order.cents - order.refunded;
      const amount = cmd.full || left < 2 ? left : Math.floor(left / 2);
      order.refunded += amount;
      this.step({ id: this.id(`refund-${r}`), type: 'refund', memberId: r, at: this.at(), orderId: order.id, amount: money(amount) });
    }
  }

  /** The referrer's net points for one referee and stage. */
  net(referee: string, ruleId: 'referrals.onSignUp' | 'referrals.onFirstPurchase'): number {
    return sum(this.ledger(REFERRER).filter((e) => e.ruleId === ruleId && this.refereeOf(e) === referee));
  }

  refereeOf(e: LedgerEntry): string | undefined {
    if (e.kind === 'earn') return e.detail?.refereeId as string | undefined;
    return e.orderId === undefined ? undefined : this.owner.get(e.orderId);
  }
}

// ------------------------------------------------------------------ invariants

function checkBalances(sim: Sim): void {
  for (const id of [REFERRER, ...REFEREES]) {
    const state = sim.state(id);
    expect(balanceOf(state)).toBe(sum(sim.ledger(id)));
  }
}

/** Per referee and stage, net 0 or the bonus; per month and stage, at most `cap` referees kept. */
function checkReferrer(sim: Sim, cap: number): void {
  const signUps = new Map<string, number>();
  const firsts = new Map<string, number>();
  for (const r of REFEREES) {
    const su = sim.net(r, 'referrals.onSignUp');
    const fp = sim.net(r, 'referrals.onFirstPurchase');
    expect([0, 20]).toContain(su);
    expect([0, 100]).toContain(fp);
    const mine = sim.ledger(REFERRER).filter((e) => e.kind === 'earn' && sim.refereeOf(e) === r);
    const lastSignUp = mine.filter((e) => e.ruleId === 'referrals.onSignUp').at(-1);
    const lastFirst = mine.filter((e) => e.ruleId === 'referrals.onFirstPurchase').at(-1);
    if (su === 20 && lastSignUp !== undefined) signUps.set(lastSignUp.at.slice(0, 7), (signUps.get(lastSignUp.at.slice(0, 7)) ?? 0) + 1);
    if (fp === 100 && lastFirst !== undefined) {
      firsts.set(lastFirst.at.slice(0, 7), (firsts.get(lastFirst.at.slice(0, 7)) ?? 0) + 1);
      // held 10 days from the referral event (UTC: no daylight saving)
      expect(Date.parse(lastFirst.availableAt ?? '')).toBe(Date.parse(lastFirst.at) + HOLD_MS);
    }
  }
  for (const count of [...signUps.values(), ...firsts.values()]) expect(count).toBeLessThanOrEqual(cap);
}

// ------------------------------------------------------------------ the naive model (FIFO, exactly once)

interface RefereeModel {
  enrolled: boolean;
  boughtBefore: boolean;
  accepted: boolean;
  qualified: { order: string; atMs: number } | null;
}

function modelStep(model: Map<string, RefereeModel>, sim: Sim, cmd: Cmd, ordersBefore: Map<string, Order[]>): void {
  if (cmd.kind === 'deliver') return;
  const r = REFEREES[cmd.who] as string;
  const m = model.get(r) as RefereeModel;
  if (cmd.kind === 'enrol') {
    if (m.enrolled) return;
    m.enrolled = true;
    // a valid code (however typed) from a member who has not bought yet
    m.accepted = (cmd.how === 'exact' || cmd.how === 'lower' || cmd.how === 'bare') && !m.boughtBefore;
  } else if (cmd.kind === 'buy') {
    if (!m.enrolled) m.boughtBefore = true;
    if (m.accepted && m.qualified === null && cmd.cents >= MIN_CENTS) m.qualified = { order: (sim.orders.get(r) ?? []).at(-1)?.id ?? '', atMs: sim.now };
  } else {
    // which order the refund took: the one whose refunded amount changed
    const before = ordersBefore.get(r) ?? [];
    const order = (sim.orders.get(r) ?? []).find((o, i) => o.refunded !== before[i]?.refunded);
    if (order === undefined || m.qualified === null || m.qualified.order !== order.id) return;
    const net = order.cents - order.refunded;
    // within the hold, a qualifying order that falls to nothing or below £20 cancels the referral
    if (sim.now < m.qualified.atMs + HOLD_MS && (net === 0 || net < MIN_CENTS)) m.qualified = null;
  }
}

const snapshot = (sim: Sim): Map<string, Order[]> => new Map([...sim.orders].map(([r, os]) => [r, os.map((o) => ({ ...o }))]));

// ------------------------------------------------------------------ properties

describe('referral properties', () => {
  it('under reordered, duplicated and redelivered referral events: at most one bonus per referee and stage, within the cap', () => {
    const programs = [programOf(1), programOf(2)];
    fc.assert(
      fc.property(fc.constantFrom(1, 2), fc.boolean(), adversarialCmds, (cap, fifo, cmds) => {
        const sim = new Sim(programs[cap - 1] as Program, fifo);
        for (const cmd of cmds) {
          sim.run(cmd);
          checkReferrer(sim, cap);
          checkBalances(sim);
        }
        // the referrer's records never count more than `cap` paid referees per stage and month
        const records = Object.values(sim.state(REFERRER).engagement?.referrals ?? {});
        for (const stage of ['signedUp', 'qualified'] as const) {
          const months = new Map<string, number>();
          for (const rec of records) {
            const day = rec[stage];
            if (day !== undefined && rec[`${stage}Paid`] === true) months.set(day.slice(0, 7), (months.get(day.slice(0, 7)) ?? 0) + 1);
          }
          for (const n of months.values()) expect(n).toBeLessThanOrEqual(cap);
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('delivered in order, exactly once: the referrer holds 20 per accepted referee and 100 per referee still qualified', () => {
    const program = programOf(undefined);
    fc.assert(
      fc.property(fifoCmds, (cmds) => {
        const sim = new Sim(program, true);
        const model = new Map<string, RefereeModel>(REFEREES.map((r) => [r, { enrolled: false, boughtBefore: false, accepted: false, qualified: null }]));
        for (const cmd of cmds) {
          const before = snapshot(sim);
          sim.run(cmd);
          modelStep(model, sim, cmd, before);
          let expected = 0;
          for (const r of REFEREES) {
            const m = model.get(r) as RefereeModel;
            expect(sim.net(r, 'referrals.onSignUp')).toBe(m.accepted ? 20 : 0);
            expect(sim.net(r, 'referrals.onFirstPurchase')).toBe(m.qualified === null ? 0 : 100);
            expect(sim.state(r).engagement?.referredBy?.qualifiedAt !== undefined).toBe(m.qualified !== null);
            expected += (m.accepted ? 20 : 0) + (m.qualified === null ? 0 : 100);
          }
          expect(sum(sim.ledger(REFERRER))).toBe(expected);
          checkBalances(sim);
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('a referral event is refused with a LoyaltyError when it names the referrer as the referee, whatever the stage', () => {
    const program = programOf(undefined);
    fc.assert(
      fc.property(fc.constantFrom('signed_up', 'qualified', 'cancelled'), (stage) => {
        const event = { id: 'self', type: 'referral', memberId: REFERRER, at: '2024-01-02T00:00:00Z', stage, refereeId: REFERRER, orderId: 'o' };
        let caught: unknown;
        try {
          evaluate(program, newMemberState(program, REFERRER), event);
        } catch (error) {
          caught = error;
        }
        expect(isLoyaltyError(caught) && caught.code).toBe('self_referral');
      }),
      { numRuns: runs(3) },
    );
  });
});
