import { describe, expect, it } from 'vitest';
import { defineProgram, replay, tierStatus, type Effect, type ProgramInput } from '../../src/index.js';

// Version 1: silver at 500 spent in 90 days, gold at 1000. Version 2 lowers gold to 800 and adds platinum at 1500.
const v1: ProgramInput = {
  id: 'shop',
  version: 1,
  currency: 'EUR',
  timezone: 'Europe/Warsaw',
  points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'allow' },
  earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1' } }],
  tiers: {
    window: { kind: 'rolling', days: 90 },
    levels: [
      { id: 'silver', criteria: { metric: 'spend', atLeast: '500' } },
      { id: 'gold', criteria: { metric: 'spend', atLeast: '1000' } },
    ],
    downgrade: { kind: 'grace', days: 0 },
  },
};
const v2: ProgramInput = {
  ...v1,
  version: 2,
  tiers: {
    window: { kind: 'rolling', days: 90 },
    levels: [
      { id: 'silver', criteria: { metric: 'spend', atLeast: '500' } },
      { id: 'gold', criteria: { metric: 'spend', atLeast: '800' } },
      { id: 'platinum', criteria: { metric: 'spend', atLeast: '1500' } },
    ],
    downgrade: { kind: 'grace', days: 0 },
  },
};

const buy = (member: string, n: number, at: string, amount: string): Record<string, unknown> => ({
  id: `${member}-${n}`, type: 'purchase', memberId: member, at, orderId: `${member}-o${n}`, amount, currency: 'EUR',
});
const history = [
  buy('a', 1, '2024-03-01T10:00:00+01:00', '450'),
  buy('a', 2, '2024-03-15T10:00:00+01:00', '400'), // a: 850
  buy('b', 1, '2024-03-02T10:00:00+01:00', '900'),
  buy('b', 2, '2024-04-02T10:00:00+02:00', '700'), // b: 1600
  buy('c', 1, '2024-03-03T10:00:00+01:00', '300'), // c: 300
  { id: 'a-r', type: 'refund', memberId: 'a', at: '2024-03-20T10:00:00+01:00', orderId: 'a-o2', amount: '100' }, // a: 750
];
const AT = '2024-04-10T12:00:00+02:00';
const levels = (program: ReturnType<typeof defineProgram>, states: ReadonlyMap<string, Parameters<typeof tierStatus>[1]>) =>
  Object.fromEntries(['a', 'b', 'c'].map((m) => [m, tierStatus(program, states.get(m)!, AT).level]));
const changes = (effects: readonly Effect[]) =>
  effects.flatMap((e) => (e.type === 'tier_upgraded' || e.type === 'tier_downgraded' ? [`${e.memberId} ${e.from ?? 'none'}→${e.to ?? 'none'}`] : []));

describe('changing tier definitions and replaying history', () => {
  it('recomputes every member under the new version, from the events alone', () => {
    const p1 = defineProgram(v1);
    const p2 = defineProgram(v2);
    const one = replay(p1, history);
    // v1: a 450 none, 850 silver (refund to 750: still silver); b 900 silver then 1600 gold; c 300 none
    expect(levels(p1, one.states)).toEqual({ a: 'silver', b: 'gold', c: null });
    const two = replay(p2, history);
    // v2: a 450 is below silver, 850 ≥ 800 jumps to gold, the refund to 750 drops it to silver (grace 0);
    // b 900 gold, 1600 platinum; c none. Effects in the order of the history.
    expect(levels(p2, two.states)).toEqual({ a: 'silver', b: 'platinum', c: null });
    expect(changes(two.effects)).toEqual(['a none→gold', 'b none→gold', 'b gold→platinum', 'a gold→silver']);
    // every ledger entry of the replay names the version that produced it
    expect(two.effects.every((e) => e.type !== 'ledger' || e.entry.programVersion === 2)).toBe(true);
  });

  it('the standing is a function of the events: the same history replayed twice gives the same states', () => {
    const p2 = defineProgram(v2);
    expect(replay(p2, history).states).toEqual(replay(p2, history).states);
  });
});
