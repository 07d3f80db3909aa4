import type { MemberState } from './state.js';

/** Marks a state the engine made and froze: its shape is known, so it is not checked again. */
const SEALED: unique symbol = Symbol.for('loyalty-engine.sealed-state') as never;

/** Freezes what is not frozen yet (parts shared with the previous state already are). */
function freezeNew(value: unknown): void {
  // not extensible = frozen here: the engine's objects are either new (extensible) or frozen by an
  // earlier step, and a state from elsewhere is copied before a step. `Object.isExtensible` reads one
  // bit; `Object.isFrozen` checks every property, and a step on a long-lived member asks it of a
  // thousand shared lots, orders and days (18% of a tick on the three-year member)
  if (value === null || typeof value !== 'object' || !Object.isExtensible(value)) return;
  Object.freeze(value);
  // an index loop for arrays and for…in for records: no array of values per object (Object.values),
  // and no string keys per array element (for…in over an array). A new lots array of a long-lived
  // member has hundreds of elements, all frozen already.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) freezeNew(value[i]);
  } else {
    for (const key in value) freezeNew((value as Record<string, unknown>)[key]);
  }
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
