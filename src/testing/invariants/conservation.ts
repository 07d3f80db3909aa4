import { balanceOf } from '../../member/state.js';
import type { Invariant } from './types.js';
import { sumsByKind } from './ledger-sums.js';

/**
 * balance = earned − clawedBack − expired + adjusted − debtRecovered −
 * redeemed + reversed = the sum of the member's ledger entries, each total
 * the sum of its own kind of entries, every lot a positive whole number.
 */
export const conservation: Invariant = {
  name: 'conservation',
  check({ after, ledger }) {
    const balance = balanceOf(after);
    const t = after.totals;
    const sum = ledger.reduce((s, e) => s + e.points, 0);
    if (balance !== sum) return `balance ${balance} ≠ sum of the ledger entries ${sum}`;
    const folded = t.earned - t.clawedBack - t.expired + t.adjusted - t.debtRecovered - t.redeemed + t.reversed;
    if (folded !== balance) return `earned − clawedBack − expired + adjusted − debtRecovered − redeemed + reversed = ${folded} ≠ balance ${balance} (totals ${JSON.stringify(t)})`;
    const k = sumsByKind(ledger);
    const pairs: [string, number, number][] = [
      ['earned', t.earned, k.earn], ['clawedBack', t.clawedBack, -k.clawback], ['expired', t.expired, -k.expire], ['adjusted', t.adjusted, k.adjust],
      ['debtRecovered', t.debtRecovered, -k.debt_recovery], ['redeemed', t.redeemed, -k.redeem], ['reversed', t.reversed, k.reversal],
    ];
    for (const [name, total, entries] of pairs) if (total !== entries) return `totals.${name} is ${total}, its ledger entries sum to ${entries}`;
    const bad = after.lots.find((l) => !Number.isInteger(l.points) || l.points <= 0);
    if (bad !== undefined) return `lot ${bad.id} holds ${bad.points} points (lots hold positive whole numbers)`;
    return undefined;
  },
};
