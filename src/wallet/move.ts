import type { Draft } from '../engine/draft.js';
import { minorUnits } from '../money/currency.js';
import { Dec } from '../money/decimal.js';
import type { WalletEntry, WalletEntryKind } from './state.js';

const TOTAL: Readonly<Record<WalletEntryKind, 'cashback' | 'credited' | 'debited' | 'clawedBack'>> = {
  cashback: 'cashback',
  credit: 'credited',
  debit: 'debited',
  clawback: 'clawedBack',
};

/** Moves money in or out of the member's wallet and records a `wallet` effect. `amount` is signed. */
export function moveWallet(
  draft: Draft,
  kind: WalletEntryKind,
  amount: Dec,
  ruleId: string,
  extra: { readonly orderId?: string | undefined; readonly detail?: WalletEntry['detail'] } = {},
): void {
  const wallet = draft.wallet;
  if (wallet === undefined || amount.isZero()) return;
  // money is written with the currency's minor unit ("5.70"), never rounded
  const places = minorUnits(draft.program.currency);
  const money = (d: Dec): string => d.toFixed(Math.max(places, d.decimalPlaces()));
  const key = TOTAL[kind];
  const magnitude = kind === 'cashback' || kind === 'credit' ? amount : amount.neg();
  wallet.balance = money(new Dec(wallet.balance).plus(amount));
  wallet.totals = { ...wallet.totals, [key]: money(new Dec(wallet.totals[key]).plus(magnitude)) };
  const entry: WalletEntry = {
    id: `${draft.event.id}:${draft.effects.length}`,
    memberId: draft.event.memberId,
    eventId: draft.event.id,
    programId: draft.program.id,
    programVersion: draft.program.version,
    at: draft.at,
    kind,
    amount: money(amount),
    currency: draft.program.currency,
    ruleId,
    ...(extra.orderId === undefined ? {} : { orderId: extra.orderId }),
    balance: wallet.balance,
    ...(extra.detail === undefined ? {} : { detail: extra.detail }),
  };
  draft.effects.push({ type: 'wallet', entry });
}
