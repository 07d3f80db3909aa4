// A purchase that arrives late (dated before the member's newest day) must not wipe the newer day's cap
// counters. Program: 1 point per £1.00 with points.caps.perDay 2000 (GBP, Europe/London).
import { describe, expect, it } from 'vitest';
import { makeProgram, purchase, run, sum } from '../helpers.js';

describe('caps with a late event', () => {
  it("keeps today's counter when an earlier day's purchase arrives late", () => {
    const program = makeProgram({ points: { caps: { perDay: 2000 } } });
    const { entries } = run(program, [
      purchase('2024-03-05T10:00:00Z', '3000.00'), // 3000 → capped at 2000 for 5 March
      purchase('2024-03-04T10:00:00Z', '100.00'), // late, 4 March: 100 (its own day)
      purchase('2024-03-05T11:00:00Z', '3000.00'), // 5 March is full: nothing
    ]);
    expect(entries.map((e) => e.points)).toEqual([2000, 100]);
    expect(sum(entries)).toBe(2100);
  });

  it('still drops the counters of days before the event', () => {
    const program = makeProgram({ points: { caps: { perDay: 2000 } } });
    const { state } = run(program, [purchase('2024-03-04T10:00:00Z', '10.00'), purchase('2024-03-05T10:00:00Z', '10.00')]);
    expect(Object.keys(state.counters).sort()).toEqual(['day:2024-03-05:*']);
  });
});
