// Amounts sent as strings are written in canonical form without decimal.js; it must be exactly what
// decimal.js writes, and the zero test of PositiveDecimal must agree with it.
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal } from '../../src/program/fields.js';
import { parseEvent } from '../../src/index.js';
import { runs } from '../support/runs.js';

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant('0') }, { weight: 7, arbitrary: fc.constantFrom(...'0123456789') }), { minLength: min, maxLength: max }).map((d) => d.join(''));
const decimalString = fc.tuple(digits(1, 15), fc.option(digits(1, 12), { nil: undefined })).map(([i, f]) => (f === undefined ? i : `${i}.${f}`));

describe('canonicalDecimal', () => {
  it('writes what decimal.js writes for every plain decimal string', () => {
    fc.assert(fc.property(decimalString, (s) => {
      expect(canonicalDecimal(s)).toBe(new Decimal(s).toFixed());
    }), { numRuns: runs(5000) });
  });

  it('examples', () => {
    expect(['007.50', '0.000', '0', '10', '10.0', '0.012000', '000000000000001'].map(canonicalDecimal)).toEqual(['7.5', '0', '0', '10', '10', '0.012', '1']);
  });

  it('a refund amount is refused as zero exactly when decimal.js says it is zero', () => {
    fc.assert(
      fc.property(decimalString, (amount) => {
        const parsed = (): unknown => parseEvent({ id: 'r', type: 'refund', memberId: 'm', at: '2024-01-01T00:00:00Z', orderId: 'o', amount });
        if (new Decimal(amount).isZero()) expect(parsed).toThrow();
        else expect(parsed()).toMatchObject({ amount: new Decimal(amount).toFixed() });
      }),
      { numRuns: runs(2000) },
    );
  });
});
