import { describe, expect, it } from 'vitest';
import { compare, simulate } from '../../src/simulation/index.js';
import { buy, program, refund } from './support.js';

const p = program();
const ok = [buy('m1', '2024-01-01T10:00:00Z', '10.00')];

describe('simulate and compare refuse bad arguments, naming what is wrong', () => {
  it.each([
    ['a negative window', { firstRewardWithinDays: -1 }, 'firstRewardWithinDays'],
    ['a fractional window', { firstRewardWithinDays: 1.5 }, 'firstRewardWithinDays'],
    ['a window given as a string', { firstRewardWithinDays: '90' }, 'firstRewardWithinDays'],
    ['a negative top', { top: -2 }, 'top'],
    ['a point value as a number', { pointValue: 0.01 }, 'pointValue'],
    ['a negative point value', { pointValue: '-0.01' }, 'pointValue'],
    ['a point value in exponent form', { pointValue: '1e-2' }, 'pointValue'],
    ['an unknown period', { period: 'day' }, 'period'],
    ['an unknown rejection mode', { onRejected: 'ignore' }, 'onRejected'],
    ['a progress callback that is not a function', { onProgress: 'yes' }, 'onProgress'],
    ['a zero progress step', { progressEvery: 0 }, 'progressEvery'],
    ['states that are not a map', { states: 'm1' }, 'states'],
    ['segments that are a list', { segments: [] }, 'segments'],
  ])('%s', async (_, options, key) => {
    await expect(simulate(p, ok, options as never)).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringContaining(`options.${key}`) });
    await expect(compare(p, p, ok, options as never)).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringContaining(`options.${key}`) });
  });

  it('segments must be valid conditions over the segment facts, with the path of the problem', async () => {
    await expect(simulate(p, ok, { segments: { bad: { all: [{ fact: 'rfm', operator: 'nearly', value: 1 }] } } as never })).rejects.toMatchObject({
      code: 'invalid_condition',
      message: expect.stringContaining('options.segments.bad'),
    });
    const unknownFact = simulate(p, ok, { segments: { typo: { all: [{ fact: 'event', path: '$.amount', operator: 'equal', value: 1 }] } } });
    await expect(unknownFact).rejects.toMatchObject({ code: 'invalid_condition', issues: [expect.objectContaining({ code: 'unknown_fact', path: ['segments', 'typo', 'all', 0, 'fact'] })] });
    const unknownKey = simulate(p, ok, { segments: { typo: { all: [{ fact: 'rfm', path: '$.recency', operator: 'equal', value: 1 }] } } });
    await expect(unknownKey).rejects.toMatchObject({ code: 'invalid_condition', issues: [expect.objectContaining({ path: ['segments', 'typo', 'all', 0, 'path'] })] });
    const missingRef = simulate(p, ok, { segments: { a: { all: [{ condition: 'nope' }] } } });
    await expect(missingRef).rejects.toMatchObject({ code: 'invalid_condition' });
  });

  it('a program must come from defineProgram; events must be iterable', async () => {
    await expect(simulate({ id: 'x' } as never, ok)).rejects.toMatchObject({ code: 'program_not_defined' });
    await expect(simulate(null as never, ok)).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('program') });
    await expect(compare(p, 'b' as never, ok)).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('programB') });
    for (const events of [42, null, 'events', { length: 1 }]) {
      await expect(simulate(p, events as never)).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('events') });
    }
    await expect(simulate(p, ok, null as never)).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});

describe('refused events', () => {
  const events = [
    buy('m1', '2024-01-01T10:00:00Z', '10.00', 'o1'),
    { id: 'broken', type: 'purchase', memberId: 'm1' }, // malformed
    refund('m1', '2024-01-02T10:00:00Z', 'nope', '5.00'), // unknown order
    buy('m2', '2024-01-03T10:00:00Z', '20.00'),
  ];

  it('stop the run by default, with the engine\'s own error', async () => {
    await expect(simulate(p, events)).rejects.toMatchObject({ code: 'invalid_event' });
    await expect(simulate(p, [events[0], events[2]])).rejects.toMatchObject({ code: 'unknown_order' });
  });

  it('are counted and kept with onRejected: collect (the first 100)', async () => {
    const r = await simulate(p, events, { onRejected: 'collect' });
    expect(r.events).toEqual({ read: 4, applied: 2, duplicates: 0, rejected: 2, routed: 0 });
    expect(r.rejected.map((x) => [(x.event as { id: string }).id, x.error.code])).toEqual([
      ['broken', 'invalid_event'],
      [(events[2] as { id: string }).id, 'unknown_order'],
    ]);
    expect(r.totals.issued).toBe(30);
    const many = Array.from({ length: 130 }, (_, i) => refund('m1', '2024-01-02T10:00:00Z', `none-${i}`, '1.00'));
    const r2 = await simulate(p, many, { onRejected: 'collect' });
    expect([r2.events.rejected, r2.rejected.length]).toEqual([130, 100]);
  });

  it('report progress every progressEvery events, and once at the end', async () => {
    const seen: number[] = [];
    const many = Array.from({ length: 25 }, (_, i) => buy('m1', `2024-01-01T10:${String(i).padStart(2, '0')}:00Z`, '1.00'));
    await simulate(p, many, { onProgress: (n) => seen.push(n), progressEvery: 10 });
    expect(seen).toEqual([10, 20, 25]);
  });
});

describe('starting states', () => {
  it('count in outstanding and members; the flow counts only what happened', async () => {
    const start = await import('../../src/index.js').then(({ replay }) => replay(p, [buy('old', '2023-12-01T10:00:00Z', '70.00')]).states);
    const r = await simulate(p, [buy('new', '2024-01-05T10:00:00Z', '30.00')], { states: start });
    // 70 carried in + 30 issued
    expect(r.totals).toMatchObject({ issued: 30, outstanding: 100 });
    expect(r.periods.map((row) => [row.period, row.issued, row.outstanding, row.tiers.none])).toEqual([['2024-01', 30, 100, 2]]);
    expect(r.members).toBe(2);
  });

  it('a state that is not a member state is refused', async () => {
    await expect(simulate(p, ok, { states: new Map([['m1', { memberId: 'm1' } as never]]) })).rejects.toMatchObject({ code: 'invalid_state' });
  });
});
