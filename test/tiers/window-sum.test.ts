// Tier window metrics sum each day's spend exactly as whole units and units of 10^-12 (decimal.js past 2^53); the sum must be decimal.js's.
import fc from 'fast-check';
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { metricsOver } from '../../src/tiers/window.js';
import type { DayBucket } from '../../src/tiers/state.js';
import { runs } from '../support/runs.js';

// the engine's precision (40 significant digits): the default 20 would round the sums
const Decimal = DecimalJs.clone({ precision: 40 });

const amount = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 12 })).map(([neg, units, places]) => {
  const text = new Decimal(units.toString()).div(new Decimal(10).pow(places)).toFixed();
  return neg && text !== '0' ? `-${text}` : text;
});

describe('metricsOver', () => {
  it("sums spend exactly as decimal.js does, with days outside the span left out", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 28 }), amount), { maxLength: 60 }), ([...days]) => {
        const buckets: DayBucket[] = days.map(([d, s]) => [`2024-01-${String(d).padStart(2, '0')}`, s, 1, 0]);
        const span = { from: '2024-01-05', to: '2024-01-20' };
        const expected = buckets.filter(([d]) => d >= span.from && d <= span.to).reduce((sum, [, s]) => sum.plus(s), new Decimal(0));
        expect(metricsOver(buckets, span).spend.toFixed()).toBe(expected.toFixed());
      }),
      { numRuns: runs(500) },
    );
  });

  it('falls back to decimal.js for a day written with more than 12 decimals', () => {
    const buckets: DayBucket[] = [['2024-01-05', '0.0000000000001', 1, 0], ['2024-01-06', '1.5', 1, 0]];
    expect(metricsOver(buckets, { from: '2024-01-01', to: '2024-01-31' }).spend.toFixed()).toBe('1.5000000000001');
  });
});
