/**
 * The naive reference model of one member for model-based tests
 * (`fc.commands`): a balance folded from the ledger entries the engine
 * returns (awarded − redeemed − expired − clawed back + adjusted − debt
 * recovered + reversed), what the model expects each kind of command to do,
 * and the real system it is compared with.
 */
import type { Effect } from '../../engine/effects.js';
import { LoyaltyError } from '../../errors/loyalty-error.js';
import type { LedgerEntry } from '../../ledger/entry.js';
import { newMemberState, type MemberState } from '../../member/state.js';
import type { Program } from '../../program/define.js';

/** An order as the model knows it: money in minor units, points earned and clawed back. */
export interface ModelOrder {
  /** The order's id. */
  readonly orderId: string;
  /** When it was bought (UTC ms). */
  readonly at: number;
  /** Money paid, in minor units. */
  readonly paid: number;
  /** Money not refunded yet, in minor units. */
  left: number;
  /** Points the order earned. */
  earned: number;
  /** Points clawed back by its refunds. */
  clawed: number;
}

/** The reference model: plain sums and the member's orders and redemptions. Mutable, as `fc.modelRun` wants it. */
export interface LoyaltyModel {
  /** The program under test. */
  readonly program: Program;
  /** The member. */
  readonly memberId: string;
  /** The simulated clock (UTC ms); every command moves it forward. */
  now: number;
  /** Commands run so far (event ids count from it). */
  steps: number;
  /** Points credited (`earn` entries). */
  awarded: number;
  /** Points spent on rewards (`redeem` entries). */
  redeemed: number;
  /** Points expired (`expire` entries). */
  expired: number;
  /** Points clawed back by refunds (`clawback` entries). */
  clawedBack: number;
  /** The net of manual adjustments (`adjust` entries). */
  adjusted: number;
  /** Points withheld to repay debt (`debt_recovery` entries). */
  debtRecovered: number;
  /** Points returned by reversals (`reversal` entries). */
  reversed: number;
  /** The member's orders by order id. */
  readonly orders: Map<string, ModelOrder>;
  /** Successful redemptions by event id: points spent. */
  readonly redemptions: Map<string, number>;
  /** Room for your own bookkeeping in extra commands and checks. */
  readonly notes: Map<string, unknown>;
  /** Your check after every command (see {@link ModelOptions.check}). */
  readonly check: ((model: Readonly<LoyaltyModel>, real: Readonly<LoyaltyReal>) => void) | undefined;
}

/** The real system: the engine's state of the member, every ledger entry and effect so far. */
export interface LoyaltyReal {
  /** The program under test. */
  readonly program: Program;
  /** The member's state in the engine. */
  state: MemberState;
  /** Every ledger entry so far. */
  readonly ledger: LedgerEntry[];
  /** Every effect so far. */
  readonly effects: Effect[];
}

/** Options of {@link loyaltySetup} and {@link runModel}. */
export interface ModelOptions {
  /** The member (default `m0`). */
  readonly memberId?: string;
  /** When the member's history starts (ISO 8601 with offset; default 2024-01-01T00:00:00Z). */
  readonly start?: string;
  /** Your own check after every command, besides the model's; throw to fail. */
  readonly check?: (model: Readonly<LoyaltyModel>, real: Readonly<LoyaltyReal>) => void;
}

/**
 * The model's balance: awarded − redeemed − expired − clawed back + adjusted − debt recovered + reversed.
 *
 * @example
 * runModel(program, commands, { check: (model, real) => assert.equal(modelBalance(model), balanceOf(real.state)) });
 */
export function modelBalance(m: Readonly<LoyaltyModel>): number {
  return m.awarded - m.redeemed - m.expired - m.clawedBack + m.adjusted - m.debtRecovered + m.reversed;
}

/**
 * A fresh model and real system for `fc.modelRun`.
 *
 * @example
 * fc.assert(fc.property(loyaltyCommandsArb(program), (cmds) => fc.modelRun(() => loyaltySetup(program), cmds)));
 */
export function loyaltySetup(
  program: Program,
  options: ModelOptions = {},
): {
  /** The reference model. */
  model: LoyaltyModel;
  /** The real system. */
  real: LoyaltyReal;
} {
  const start = Date.parse(options.start ?? '2024-01-01T00:00:00Z');
  if (Number.isNaN(start)) throw new LoyaltyError('invalid_argument', `loyaltySetup: start "${options.start ?? ''}" is not an ISO 8601 date-time`);
  const memberId = options.memberId ?? 'm0';
  return {
    model: {
      program, memberId, now: start, steps: 0,
      awarded: 0, redeemed: 0, expired: 0, clawedBack: 0, adjusted: 0, debtRecovered: 0, reversed: 0,
      orders: new Map(), redemptions: new Map(), notes: new Map(), check: options.check,
    },
    real: { program, state: newMemberState(program, memberId), ledger: [], effects: [] },
  };
}
