import { touch, type Draft } from '../engine/draft.js';
import { LoyaltyError } from '../errors/loyalty-error.js';
import type { WalletDebitEvent } from '../events/schema.js';
import { minorUnits } from '../money/currency.js';
import { Dec } from '../money/decimal.js';
import { moveWallet } from './move.js';

/**
 * Spends wallet money. Refused, with nothing applied, when the program has no
 * wallet (`no_wallet`), the amount has more decimals than the currency
 * (`too_precise`), is below `wallet.minRedeem` (`below_minimum`) or above the
 * balance (`insufficient_funds`).
 */
export function applyWalletDebit(draft: Draft, event: WalletDebitEvent): void {
  const wallet = draft.wallet;
  const policy = draft.program.wallet;
  if (wallet === undefined || policy === undefined) {
    throw new LoyaltyError('no_wallet', `wallet debit ${event.id}: the program has no wallet`);
  }
  const amount = new Dec(event.amount);
  const places = minorUnits(draft.program.currency);
  if (amount.decimalPlaces() > places) {
    throw new LoyaltyError('too_precise', `wallet debit ${event.id}: ${event.amount} has more decimals than ${draft.program.currency} (${places})`, {
      details: { amount: event.amount, currency: draft.program.currency, decimals: places },
    });
  }
  if (policy.minRedeem !== undefined && amount.lt(policy.minRedeem)) {
    throw new LoyaltyError('below_minimum', `wallet debit ${event.id}: at least ${policy.minRedeem} can be spent at once`, {
      details: { amount: event.amount, minRedeem: policy.minRedeem },
    });
  }
  if (amount.gt(wallet.balance)) {
    throw new LoyaltyError('insufficient_funds', `wallet debit ${event.id}: ${event.amount} is more than the balance of ${wallet.balance}`, {
      details: { amount: event.amount, balance: wallet.balance },
    });
  }
  moveWallet(draft, 'debit', amount.neg(), 'wallet', { orderId: event.orderId, ...(event.reason === undefined ? {} : { detail: { reason: event.reason } }) });
  touch(draft);
}
