import { describe, expect, it } from 'vitest';
import { rfmScores } from '../../src/simulation/index.js';
import { asAsync, buy, refund } from './support.js';

describe('rfmScores', () => {
  // At 1 March 00:00 UTC:
  //   A: 1 purchase on 29 Feb, 10.00            → recency 1,  frequency 1, monetary 10
  //   B: 2 purchases, last 20 Feb, 20 + 30      → recency 10, frequency 2, monetary 50
  //   C: 3 purchases, last 20 Feb, 100 in all   → recency 10, frequency 3, monetary 100
  //   D: 1 purchase on 1 Jan, 500, 100 refunded → recency 60, frequency 1, monetary 400
  //   E: 5 purchases, last 1 Feb, 10 each       → recency 29, frequency 5, monetary 50
  // Score = 1 + ⌊5 (worse + tied/2) / 5⌋, worse = members with a worse value, tied = members with the same:
  //   recency (fewer days is better): D 1+⌊0.5⌋=1, E 1+⌊1.5⌋=2, B and C (2 worse, 2 tied) 1+⌊3⌋=4, A 1+⌊4.5⌋=5
  //   frequency: A and D (0 worse, 2 tied) 1+⌊1⌋=2, B 1+⌊2.5⌋=3, C 1+⌊3.5⌋=4, E 5
  //   monetary: A 1, B and E (1 worse, 2 tied) 1+⌊2⌋=3, C 4, D 5
  const events = [
    buy('D', '2024-01-01T00:00:00Z', '500.00', 'd1'),
    refund('D', '2024-01-05T12:00:00Z', 'd1', '100.00'),
    ...[1, 2, 3, 4, 5].map((k) => buy('E', `2024-0${k === 5 ? 2 : 1}-${k === 5 ? '01' : `1${k}`}T00:00:00Z`, '10.00')),
    buy('B', '2024-02-10T00:00:00Z', '20.00'),
    buy('C', '2024-02-12T00:00:00Z', '30.00'),
    buy('C', '2024-02-15T00:00:00Z', '30.00'),
    buy('B', '2024-02-20T00:00:00Z', '30.00'),
    buy('C', '2024-02-20T00:00:00Z', '40.00'),
    buy('A', '2024-02-29T00:00:00Z', '10.00'),
  ];

  it('scores by quintile, equal values scoring the same', async () => {
    const scores = await rfmScores(events, { at: '2024-03-01T00:00:00Z' });
    expect(scores.map((s) => [s.memberId, s.recencyDays, s.frequency, s.monetary, s.score])).toEqual([
      ['A', 1, 1, '10', '521'],
      ['B', 10, 2, '50', '433'],
      ['C', 10, 3, '100', '444'],
      ['D', 60, 1, '400', '125'],
      ['E', 29, 5, '50', '253'],
    ]);
    expect(scores[0]).toMatchObject({ r: 5, f: 2, m: 1 });
  });

  it('`at` defaults to the last event, async sources and repeated ids count once', async () => {
    const doubled = [...events, events[events.length - 1]];
    const scores = await rfmScores(asAsync(doubled));
    // the last event is A's purchase on 29 Feb: A 0 days, B and C 9, E 28, D 59
    expect(scores.map((s) => [s.memberId, s.recencyDays, s.frequency])).toEqual([
      ['A', 0, 1],
      ['B', 9, 2],
      ['C', 9, 3],
      ['D', 59, 1],
      ['E', 28, 5],
    ]);
  });

  it('ten distinct values split into fifths; all equal values, or a lone member, score 3', async () => {
    // member k buys k times (k = 1 … 10): ⌊5 (k − 1 + ½) / 10⌋ + 1 → 1 1 2 2 3 3 4 4 5 5
    const many = [];
    for (let k = 1; k <= 10; k++) for (let i = 0; i < k; i++) many.push(buy(`m${String(k).padStart(2, '0')}`, `2024-01-01T${String(i).padStart(2, '0')}:00:00Z`, '1.00'));
    const scores = await rfmScores(many, { at: '2024-01-02T00:00:00Z' });
    expect(scores.map((s) => s.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // everyone spent 1.00 per purchase, so monetary is k too
    expect(scores.map((s) => s.m)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    const same = await rfmScores([buy('x', '2024-01-01T10:00:00Z', '5.00'), buy('y', '2024-01-01T10:00:00Z', '5.00')]);
    expect(same.map((s) => s.score)).toEqual(['333', '333']);
    const lone = await rfmScores([buy('x', '2024-01-01T10:00:00Z', '5.00')]);
    expect(lone.map((s) => s.score)).toEqual(['333']);
  });

  it('members without a purchase have no score; an empty history has none', async () => {
    expect(await rfmScores([{ id: 't', type: 'tick', memberId: 'z', at: '2024-01-01T00:00:00Z' }])).toEqual([]);
    expect(await rfmScores([])).toEqual([]);
  });

  it('refuses bad input', async () => {
    await expect(rfmScores(42 as never)).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(rfmScores(events, { at: 'yesterday' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(rfmScores(events, { at: '2024-01-01T00:00:00Z' })).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('before') });
    await expect(rfmScores([{ id: 'x', type: 'purchase' }])).rejects.toMatchObject({ code: 'invalid_event' });
    await expect(rfmScores([buy('a', '2024-01-01T00:00:00Z', '1.00'), buy('b', '2024-01-01T00:00:00Z', '1.00', 'o', 'EUR')])).rejects.toMatchObject({ code: 'currency_mismatch' });
  });
});
