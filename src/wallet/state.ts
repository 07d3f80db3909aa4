import { minorUnits } from '../money/currency.js';

/** What moved a member's wallet. */
export type WalletEntryKind = 'cashback' | 'credit' | 'debit' | 'clawback';

/** A member's money wallet: decimal strings in the program's currency. */
export interface WalletState {
  /** May go below zero when a refund claws back cashback already spent; later credits make up for it. */
  readonly balance: string;
  /** Lifetime totals, decimal strings, each positive. */
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
  /** The member. */
  readonly memberId: string;
  /** The event whose step recorded it. */
  readonly eventId: string;
  /** The program's id. */
  readonly programId: string;
  /** The program's `version` when it was recorded. */
  readonly programVersion: number;
  /** When (UTC ISO). */
  readonly at: string;
  /** What moved the wallet. */
  readonly kind: WalletEntryKind;
  /** Signed change, a decimal string. */
  readonly amount: string;
  /** The program's currency. */
  readonly currency: string;
  /** The cashback rule, `rewards.<id>`, or `wallet`. */
  readonly ruleId: string;
  /** The order, on entries about one. */
  readonly orderId?: string;
  /** The balance after this entry. */
  readonly balance: string;
  /** How the amount was reached (the cashback base and percent, the redemption, …). */
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
}
