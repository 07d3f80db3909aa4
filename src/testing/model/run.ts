/**
 * The ready-made pieces for `fc.commands` / `fc.modelRun`: the command
 * arbitraries, the commands arbitrary, and a runner.
 */
import fc from 'fast-check';
import type { Program } from '../../program/define.js';
import { moneyScale } from '../support/money.js';
import { AdjustCommand, PurchaseCommand, RedeemCommand, RefundCommand, TickCommand } from './commands.js';
import { loyaltySetup, type LoyaltyModel, type LoyaltyReal, type ModelOptions } from './model.js';

/** Options of {@link loyaltyCommands} and {@link loyaltyCommandsArb}. */
export interface LoyaltyCommandsOptions {
  /** The largest purchase, in the program's currency (default 500). */
  readonly maxAmount?: number;
  /** The longest wait before a command, in days (default 60). */
  readonly maxGapDays?: number;
  /** At most this many commands per run (default 40; `loyaltyCommandsArb` only). */
  readonly maxCommands?: number;
}

/** The commands a model-based test of a program runs. */
export type LoyaltyCommand = fc.Command<LoyaltyModel, LoyaltyReal>;

/**
 * Arbitraries of the five commands (Purchase, Refund, Adjust, Tick, Redeem)
 * for `fc.commands`. Add your own `fc.Command<LoyaltyModel, LoyaltyReal>`
 * arbitraries beside them to extend the model.
 *
 * @example
 * const cmds = fc.commands([...loyaltyCommands(program), myCommandArb], { maxCommands: 50 });
 */
export function loyaltyCommands(program: Program, options: LoyaltyCommandsOptions = {}): fc.Arbitrary<LoyaltyCommand>[] {
  const money = moneyScale(program.currency);
  const top = Math.max(1, Math.floor(Math.round((options.maxAmount ?? 500) * 10 ** money.digits) / money.factor));
  const gap = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 180 }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: Math.max(1, options.maxGapDays ?? 60) }).map((d) => d * 1440) },
  );
  const hasCatalog = (program.rewards?.catalog.length ?? 0) > 0;
  const commands: fc.Arbitrary<LoyaltyCommand>[] = [
    fc.tuple(gap, fc.integer({ min: 0, max: top })).map(([g, amount]) => new PurchaseCommand(g, amount)),
    fc.tuple(gap, fc.nat(), fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 99 }))).map(([g, pick, percent]) => new RefundCommand(g, pick, percent)),
    fc.tuple(gap, fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: -300, max: -1 }))).map(([g, points]) => new AdjustCommand(g, points)),
    gap.map((g) => new TickCommand(g)),
  ];
  if (hasCatalog) commands.push(fc.tuple(gap, fc.nat(), fc.integer({ min: 1, max: 3 })).map(([g, pick, q]) => new RedeemCommand(g, pick, q)));
  return commands;
}

/**
 * `fc.commands` over {@link loyaltyCommands}: sequences of up to
 * `maxCommands` commands, shrinking to shorter ones.
 *
 * @example
 * fc.assert(fc.property(loyaltyCommandsArb(program), (cmds) => runModel(program, cmds)));
 */
export function loyaltyCommandsArb(program: Program, options: LoyaltyCommandsOptions = {}): fc.Arbitrary<Iterable<LoyaltyCommand>> {
  return fc.commands(loyaltyCommands(program, options), { maxCommands: options.maxCommands ?? 40, size: 'medium' });
}

/**
 * Runs commands against a fresh model and a fresh member of the real engine
 * with `fc.modelRun`; throws at the first mismatch. `options.check` is called
 * after every command with the model and the real system.
 *
 * @example
 * fc.assert(fc.property(loyaltyCommandsArb(program), (cmds) =>
 *   runModel(program, cmds, { check: (model, real) => { if (real.state.debt > 1000) throw new Error('debt') } }),
 * ));
 */
export function runModel(program: Program, commands: Iterable<LoyaltyCommand>, options: ModelOptions = {}): void {
  fc.modelRun(() => loyaltySetup(program, options), commands);
}
