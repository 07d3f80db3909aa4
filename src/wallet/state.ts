import { minorUnits } from '../money/currency.js';

/** What moved a member's wallet. */
export type WalletEntryKind = 'cashback' | 'credit' | 'debit' | 'clawback';

/** A member's money wallet: decimal strings in the program's currency. */
export interface WalletState {
  /** May go below zero when a refund claws back cashback already spent; later credits make up for it. */
  readonly balance: string;
  readonly totals: {
    /** Earned by cashback rules. */
    readonly cashback: string;
    /** Credited by wallet-credit rewards (less their reversals). */
    readonly credited: string;
    /** Spent by `wallet_debit` events. */
    readonly debited: string;
    /** Taken back by refunds. */
    readonly clawedBack: string;
  };
}

/** An empty wallet, its zeros written with the currency's minor unit (`"0.00"`). */
export function newWalletState(currency: string): WalletState {
  const zero = (0).toFixed(minorUnits(currency));
  return { balance: zero, totals: { cashback: zero, credited: zero, debited: zero, clawedBack: zero } };
}

/** One change to a wallet, recorded by the host like a ledger entry. */
export interface WalletEntry {
  /** `${eventId}:${n}`, stable. */
  readonly id: string;
  readonly memberId: string;
  readonly eventId: string;
  readonly programId: string;
  readonly programVersion: number;
  readonly at: string;
  readonly kind: WalletEntryKind;
  /** Signed change, a decimal string. */
  readonly amount: string;
  readonly currency: string;
  /** The cashback rule, `rewards.<id>`, or `wallet`. */
  readonly ruleId: string;
  readonly orderId?: string;
  /** The balance after this entry. */
  readonly balance: string;
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
}
