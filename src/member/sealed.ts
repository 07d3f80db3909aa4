import type { MemberState } from './state.js';

/** Marks a state the engine made and froze: its shape is known, so it is not checked again. */
const SEALED: unique symbol = Symbol.for('loyalty-engine.sealed-state') as never;

/** Freezes what is not frozen yet (parts shared with the previous state already are). */
function freezeNew(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  // for…in rather than Object.values: no array per object (states are plain objects and arrays)
  for (const key in value) freezeNew((value as Record<string, unknown>)[key]);
}

/**
 * Freezes a state the engine returns and marks it (a non-enumerable symbol, gone
 * in JSON or `structuredClone`). A marked state passed back is not checked again:
 * checking a member with three years of history costs most of a step.
 */
export function seal(state: MemberState): MemberState {
  Object.defineProperty(state, SEALED, { value: true, enumerable: false });
  freezeNew(state);
  return state;
}

/** Whether the engine made and froze this state (it cannot have been changed since). */
export function isSealed(state: unknown): boolean {
  return state !== null && typeof state === 'object' && Object.isFrozen(state) && (state as { [SEALED]?: unknown })[SEALED] === true;
}
