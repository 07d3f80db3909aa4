import { describe, expect, it } from 'vitest';
import { evaluate, newMemberState, tierStatus, type ProgramInput } from '../../src/index.js';
import { makeProgram, purchase } from '../helpers.js';

// Cases the property tests found (test/tiers/properties.test.ts), kept as plain examples.
type Tiers = NonNullable<ProgramInput['tiers']>;
const program = (tiers: Tiers) => makeProgram({ timezone: 'UTC', tiers });

describe('tier regressions', () => {
  it('a 0.00 order is an order: a second order the same day is not a second visit (lifetime window)', () => {
    const p = program({
      window: { kind: 'lifetime' },
      levels: [{ id: 'regular', criteria: { metric: 'visits', atLeast: '2' } }],
      downgrade: { kind: 'grace', days: 0 },
    });
    let state = newMemberState(p, 'm1');
    state = evaluate(p, state, purchase('2023-06-02T00:00:00Z', '0.00')).state;
    state = evaluate(p, state, purchase('2023-06-02T00:00:00Z', '0.01')).state;
    const status = tierStatus(p, state, '2023-06-02T12:00:00Z');
    expect(status.metrics[0]?.visits).toBe(1); // one calendar day
    expect(status.level).toBeNull();
  });

  it('scheduled reviews: the foreseen downgrade is found however many reviews away it is', () => {
    const p = program({
      window: { kind: 'rolling', months: 5 },
      levels: [{ id: 'silver', criteria: { metric: 'spend', atLeast: '100' } }],
      downgrade: { kind: 'scheduled', every: { kind: 'period', period: 'month' } },
    });
    const { state } = evaluate(p, newMemberState(p, 'm1'), purchase('2024-01-02T10:00:00Z', '100.00'));
    // 2 Jan stays in the 5-month window through 1 June (1 June − 5 months = 1 January < 2 January) and leaves on
    // 2 June; the reviews on 1 Feb … 1 Jun keep silver, the 1 July review drops it
    expect(tierStatus(p, state, '2024-01-10T00:00:00Z').downgrade).toEqual({ on: '2024-07-01T00:00:00.000Z', to: null });
  });

  it('grace 0 with one level at a time: the foreseen landing is where the cascade ends, as the engine applies it', () => {
    const p = program({
      window: { kind: 'calendar', period: 'month' },
      levels: [
        { id: 'bronze', criteria: { all: [{ metric: 'spend', atLeast: '0.01' }, { metric: 'orders', atLeast: '1' }] } },
        { id: 'silver', criteria: { metric: 'spend', atLeast: '0.02' } },
      ],
      downgrade: { kind: 'grace', days: 0, oneLevelAtATime: true },
    });
    const { state } = evaluate(p, newMemberState(p, 'm1'), purchase('2024-01-31T00:01:00Z', '0.02'));
    // on 1 February the month turns: nothing in the window, so silver → bronze → none at once
    expect(tierStatus(p, state, '2024-01-31T00:02:00Z').downgrade).toEqual({ on: '2024-02-01T00:00:00.000Z', to: null });
    const next = evaluate(p, state, { id: 't', type: 'tick', memberId: 'm1', at: '2024-02-01T00:00:00Z' });
    expect(next.effects.filter((e) => e.type === 'tier_downgraded').map((e) => (e.type === 'tier_downgraded' ? e.to : ''))).toEqual([null]);
  });
});
