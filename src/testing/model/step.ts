/**
 * One command's step: the event goes to the real engine, its ledger entries
 * are folded into the model, and the model's expectations and invariants are
 * checked against the real state.
 */
import { evaluate } from '../../engine/evaluate.js';
import { ledgerEntries, type Effect } from '../../engine/effects.js';
import type { EventInput } from '../../events/schema.js';
import type { LedgerEntry } from '../../ledger/entry.js';
import { balanceOf } from '../../member/state.js';
import { modelBalance, type LoyaltyModel, type LoyaltyReal } from './model.js';

/**
 * A failed expectation of the model (fast-check reports it with the commands that led there).
 *
 * @example
 * const result = fc.check(fc.property(loyaltyCommandsArb(program), (cmds) => runModel(program, cmds)));
 * if (result.failed && result.errorInstance instanceof ModelMismatch) console.log(result.errorInstance.message);
 */
export class ModelMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelMismatch';
  }
}

export function expect(ok: boolean, message: () => string): void {
  if (!ok) throw new ModelMismatch(message());
}

/** What one step did, for the command's own expectations. */
export interface StepResult {
  /** The step's ledger entries. */
  readonly entries: readonly LedgerEntry[];
  /** The step's effects. */
  readonly effects: readonly Effect[];
  /** The real balance before the step. */
  readonly balanceBefore: number;
  /** The balance just before `entries[index]` was recorded (the step's entries come in the order they happened). */
  readonly balanceAt: (index: number) => number;
}

/**
 * Applies an event to the real engine (a refusal throws: commands only send
 * events the model considers valid), folds the entries into the model, then
 * checks the model's balance and sums against the real state, and runs the
 * user's check.
 *
 * @example
 * const { entries } = applyToModel(model, real, { id: 'x1', type: 'tick', memberId: model.memberId, at: new Date(model.now).toISOString() });
 */
export function applyToModel(m: LoyaltyModel, r: LoyaltyReal, event: EventInput, expectations: (result: StepResult) => void = () => undefined): StepResult {
  const balanceBefore = balanceOf(r.state);
  const out = evaluate(m.program, r.state, event);
  const entries = ledgerEntries(out.effects);
  r.state = out.state;
  r.ledger.push(...entries);
  r.effects.push(...out.effects);
  m.steps += 1;
  for (const e of entries) fold(m, e);
  const balanceAt = (index: number): number => entries.slice(0, Math.max(0, index)).reduce((s, e) => s + e.points, balanceBefore);
  const result = { entries, effects: out.effects, balanceBefore, balanceAt };
  expectations(result);
  const real = balanceOf(r.state);
  expect(real === modelBalance(m), () => `after ${event.id} (${event.type}) the engine's balance is ${real}, the model's ${modelBalance(m)}`);
  const t = r.state.totals;
  const pairs: [string, number, number][] = [
    ['earned', t.earned, m.awarded], ['redeemed', t.redeemed, m.redeemed], ['expired', t.expired, m.expired], ['clawedBack', t.clawedBack, m.clawedBack],
    ['adjusted', t.adjusted, m.adjusted], ['debtRecovered', t.debtRecovered, m.debtRecovered], ['reversed', t.reversed, m.reversed],
  ];
  for (const [name, engine, model] of pairs) expect(engine === model, () => `after ${event.id} totals.${name} is ${engine}, the model counted ${model}`);
  if (m.program.points.negativeBalance !== 'allow') expect(real >= 0, () => `after ${event.id} the balance is ${real} under negativeBalance "${m.program.points.negativeBalance}"`);
  m.check?.(m, r);
  return result;
}

function fold(m: LoyaltyModel, e: LedgerEntry): void {
  switch (e.kind) {
    case 'earn': {
      m.awarded += e.points;
      // a stamp card's grant names the completing order but follows the card's refund policy
      const order = e.orderId === undefined || e.ruleId.startsWith('stampCards.') ? undefined : m.orders.get(e.orderId);
      if (order !== undefined) order.earned += e.points;
      return;
    }
    case 'clawback': {
      m.clawedBack -= e.points;
      const order = e.orderId === undefined || e.ruleId.startsWith('stampCards.') ? undefined : m.orders.get(e.orderId);
      if (order !== undefined) order.clawed += typeof e.detail?.clawed === 'number' ? e.detail.clawed : -e.points;
      return;
    }
    case 'expire':
      m.expired -= e.points;
      return;
    case 'adjust':
      m.adjusted += e.points;
      return;
    case 'debt_recovery':
      m.debtRecovered -= e.points;
      return;
    case 'redeem':
      m.redeemed -= e.points;
      return;
    case 'reversal':
      m.reversed += e.points;
      return;
  }
}
