import { expect } from 'vitest';
import { evaluate, newMemberState, type Effect, type EvaluateOptions, type MemberState, type Program, type TierChangedEffect } from '../../src/index.js';

/** One member fed event by event; `step` returns the effects of that event only. */
export function member(
  program: Program,
  id = 'm1',
): { step: (event: Record<string, unknown>, options?: EvaluateOptions) => readonly Effect[]; readonly state: MemberState } {
  let state = newMemberState(program, id);
  return {
    step(event, options = {}) {
      const result = evaluate(program, state, event, options);
      state = result.state;
      return result.effects;
    },
    get state() {
      return state;
    },
  };
}

/** Applies events in order from a given state; returns the final state and every effect. */
export function feed(program: Program, state: MemberState, events: readonly Record<string, unknown>[]): { state: MemberState; effects: Effect[] } {
  const effects: Effect[] = [];
  let s = state;
  for (const event of events) {
    const r = evaluate(program, s, event);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

/** Upgrades and downgrades without their envelope, for comparison. */
export const changes = (effects: readonly Effect[]): { type: string; from: string | null; to: string | null; reason: string; at: string }[] =>
  effects
    .filter((e): e is TierChangedEffect => e.type === 'tier_upgraded' || e.type === 'tier_downgraded')
    .map(({ type, from, to, reason, at }) => ({ type, from, to, reason, at }));

/** The one effect of a type among a step's effects (fails the test if there is not exactly one). */
export function only<T extends Effect['type']>(effects: readonly Effect[], type: T): Extract<Effect, { type: T }> {
  const found = effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  expect(found).toHaveLength(1);
  return found[0] as Extract<Effect, { type: T }>;
}
