import { balanceOf } from '../../member/state.js';
import type { Invariant } from './types.js';

/** No negative balance unless the program allows one; under `allow` nothing is owed as debt. */
export const nonNegative: Invariant = {
  name: 'non-negative',
  check({ program, after }) {
    const balance = balanceOf(after);
    if (program.points.negativeBalance === 'allow') {
      return after.debt === 0 ? undefined : `debt ${after.debt} under negativeBalance "allow" (the balance goes negative instead)`;
    }
    if (balance < 0) return `balance ${balance} < 0 under negativeBalance "${program.points.negativeBalance}"`;
    if (after.deficit !== 0) return `deficit ${after.deficit} under negativeBalance "${program.points.negativeBalance}"`;
    if (after.debt < 0) return `debt ${after.debt} < 0`;
    return undefined;
  },
};
