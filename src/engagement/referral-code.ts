import { LoyaltyError } from '../errors/loyalty-error.js';
import type { Program } from '../program/define.js';
import { CODE_ALPHABET } from '../rewards/codes.js';
import { hmac64 } from '../rewards/hmac.js';

/**
 * A member's referral code: HMAC-SHA-256 of the program id and the member id
 * under `referrals.codeSalt`, as 10 symbols of the unambiguous alphabet in two
 * groups (`K7QX2-MD94T`). Deterministic (the same member always has the same
 * code) and unguessable without the salt. 31^10 ≈ 8.2 × 10^14 codes: among a
 * million members two share a code with probability about 0.06%, so keep the
 * code → member index you resolve codes with unique.
 *
 * @throws LoyaltyError `referrals_not_declared` when the program has no referrals.
 * @example
 * referralCode(program, 'member-42'); // 'K7QX2-MD94T'
 */
export function referralCode(program: Program, memberId: string): string {
  const salt = program.referrals?.codeSalt;
  if (salt === undefined) throw new LoyaltyError('referrals_not_declared', `program ${program.id} declares no referrals`);
  let n = hmac64(salt, `referral\u0000${program.id}\u0000${memberId}`);
  let out = '';
  for (let i = 0; i < 10; i++) {
    if (i === 5) out += '-';
    out += CODE_ALPHABET[Number(n % 31n)];
    n /= 31n;
  }
  return out;
}

/** A code as people type it, for comparison: capitals, without spaces or dashes. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}
