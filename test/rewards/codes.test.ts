/**
 * The codes of issued rewards (`rewardCode`, src/rewards/codes.ts): unique,
 * well formed, deterministic, and dependent on every input.
 *
 * Run time of the 1,000,000-code test, as vitest reported it on the
 * development machine (2 cores, Node 20): about 6.4 s on its own, 10–17 s
 * while other test files ran beside it. Time is not asserted. Memory: one Set
 * of 1,000,000 14-character strings (the process peaked at about 200 MB).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, rewardCode } from '../../src/index.js';
import { runs } from '../support/runs.js';

const SYMBOL = `[${CODE_ALPHABET}]`;
const FORMAT = new RegExp(`^${SYMBOL}{4}-${SYMBOL}{4}-${SYMBOL}{4}$`);
const SALT = 'codes-test-salt-0123456789';
const PROGRAM = 'codes-program';
const N = 1_000_000;

/** Program ids as the schema allows them (`Identifier`). */
const programIdArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,40}$/);
const saltArb = fc.string({ minLength: 16, maxLength: 64 });
const eventIdArb = fc.string({ minLength: 1, maxLength: 64 });
const unitArb = fc.nat({ max: 10_000 });

describe('reward codes', () => {
  it('1,000,000 codes (one salt, one program, events e0…e999999, unit 0) are distinct and well formed', () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    const malformed: string[] = [];
    // how often each symbol appears at each of the 12 places: a stuck or skewed place would show
    const index = new Int8Array(128).fill(-1);
    [...CODE_ALPHABET].forEach((c, k) => (index[c.charCodeAt(0)] = k));
    const counts = new Int32Array(12 * CODE_ALPHABET.length);
    let foreign = 0;
    for (let i = 0; i < N; i++) {
      const code = rewardCode(SALT, PROGRAM, `e${i}`, 0);
      if (!FORMAT.test(code) && malformed.length < 10) malformed.push(`e${i}: ${code}`);
      if (seen.has(code)) {
        if (duplicates.length < 10) duplicates.push(`e${i}: ${code}`);
      } else seen.add(code);
      for (let p = 0, place = 0; p < code.length; p++) {
        if (p === 4 || p === 9) continue; // the dashes
        const k = index[code.charCodeAt(p)] ?? -1;
        if (k < 0) foreign++;
        else counts[place * CODE_ALPHABET.length + k]! += 1;
        place++;
      }
    }
    expect(malformed).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(seen.size).toBe(N);
    // each of the 31 symbols at each place about N/31 times (±5%, some 9 standard deviations: the inputs are fixed, so this never flakes)
    expect(foreign).toBe(0);
    const expected = N / CODE_ALPHABET.length;
    const skewed: string[] = [];
    counts.forEach((n, k) => {
      if (Math.abs(n - expected) / expected >= 0.05) skewed.push(`${CODE_ALPHABET[k % CODE_ALPHABET.length]} at place ${Math.floor(k / CODE_ALPHABET.length)}: ${n}`);
    });
    expect(skewed).toEqual([]);
  }, 180_000);

  it('the alphabet has 31 distinct digits and capitals, without 0, O, 1, I or L', () => {
    expect(CODE_ALPHABET).toMatch(/^[0-9A-Z]+$/);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    expect(CODE_ALPHABET.length).toBe(31);
    for (const confusable of ['0', 'O', '1', 'I', 'L']) expect(CODE_ALPHABET.includes(confusable), confusable).toBe(false);
  });

  it('the same inputs give the same code', () => {
    expect(rewardCode(SALT, PROGRAM, 'e0', 0)).toBe(rewardCode(SALT, PROGRAM, 'e0', 0));
    expect(rewardCode(SALT, PROGRAM, 'e42', 3)).toBe(rewardCode(`${SALT}`, `${PROGRAM}`, ['e', '42'].join(''), 3));
    fc.assert(
      fc.property(saltArb, programIdArb, eventIdArb, unitArb, (salt, programId, eventId, unit) => {
        const code = rewardCode(salt, programId, eventId, unit);
        expect(code).toMatch(FORMAT);
        expect(rewardCode(salt, programId, eventId, unit)).toBe(code);
      }),
      { numRuns: runs(300) },
    );
  });

  it('changing the salt, the program id, the event id or the unit changes the code', () => {
    const base = rewardCode(SALT, PROGRAM, 'e0', 0);
    expect(rewardCode(`${SALT}x`, PROGRAM, 'e0', 0)).not.toBe(base);
    expect(rewardCode(SALT, `${PROGRAM}2`, 'e0', 0)).not.toBe(base);
    expect(rewardCode(SALT, PROGRAM, 'e1', 0)).not.toBe(base);
    expect(rewardCode(SALT, PROGRAM, 'e0', 1)).not.toBe(base);
    // the parts cannot be shifted into one another
    expect(rewardCode(SALT, 'ab', 'c', 0)).not.toBe(rewardCode(SALT, 'a', 'bc', 0));
    expect(rewardCode(SALT, PROGRAM, 'e1', 0)).not.toBe(rewardCode(SALT, PROGRAM, 'e', 10));
    // the units of one redemption
    const units = Array.from({ length: 1_000 }, (_, unit) => rewardCode(SALT, PROGRAM, 'e0', unit));
    expect(new Set(units).size).toBe(units.length);

    fc.assert(
      fc.property(saltArb, programIdArb, eventIdArb, unitArb, fc.nat(3), saltArb, programIdArb, eventIdArb, unitArb, (salt, programId, eventId, unit, which, salt2, programId2, eventId2, unit2) => {
        const changed =
          which === 0 ? { salt: salt2, programId, eventId, unit }
          : which === 1 ? { salt, programId: programId2, eventId, unit }
          : which === 2 ? { salt, programId, eventId: eventId2, unit }
          : { salt, programId, eventId, unit: unit2 };
        fc.pre(changed.salt !== salt || changed.programId !== programId || changed.eventId !== eventId || changed.unit !== unit);
        expect(rewardCode(changed.salt, changed.programId, changed.eventId, changed.unit)).not.toBe(rewardCode(salt, programId, eventId, unit));
      }),
      { numRuns: runs(1_000) },
    );
  });
});
