import { hmac64 } from './hmac.js';

/** Digits and capitals without the ones people confuse (0/O, 1/I/L): 31 symbols. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const GROUPS = 3;
const GROUP = 4;

/**
 * The code of an issued reward: HMAC-SHA-256 of the program id, the event id
 * and the unit's number under the program's secret salt, written as 12
 * symbols of {@link CODE_ALPHABET} in groups of four (`7KQ2-XM9D-4TPH`).
 * Deterministic, so a replay issues the same codes; unguessable without the
 * salt; 31^12 ≈ 7.9 × 10^17 possible codes.
 *
 * @example
 * // the code of the first unit redeemed by event 'e9', as the `reward_redeemed` effect lists it
 * rewardCode(program.rewards.codeSalt, program.id, 'e9', 0); // e.g. '7KQ2-XM9D-4TPH'
 */
export function rewardCode(salt: string, programId: string, eventId: string, unit: number): string {
  let n = hmac64(salt, `${programId}\u0000${eventId}\u0000${unit}`);
  let out = '';
  for (let i = 0; i < GROUPS * GROUP; i++) {
    if (i > 0 && i % GROUP === 0) out += '-';
    out += CODE_ALPHABET[Number(n % 31n)];
    n /= 31n;
  }
  return out;
}
