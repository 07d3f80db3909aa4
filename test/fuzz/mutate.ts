/**
 * Structure-aware mutations of valid inputs: pick a node of the JSON tree (the root, an object property,
 * an array element) and replace it with a hostile value, delete it, give it an unknown key (prototype keys
 * included, as own properties), duplicate it, or change its type (number ↔ string, value → [value]).
 */
import fc from 'fast-check';
import { leaf } from './values.js';

type Key = string | number;
export type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'addKey'; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'duplicate'; readonly at: number }
  | { readonly kind: 'retype'; readonly at: number };

const unknownKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'id', 'type', 'toString', 'polluted'), fc.string({ maxLength: 8 }));

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: leaf }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('addKey' as const), at: fc.nat(), key: unknownKey, value: leaf }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat() }),
);

/** Plain objects (any prototype) and arrays: what the mutations walk into (not Maps, boxed values, typed arrays…). */
const isContainer = (v: unknown): v is Record<Key, unknown> =>
  typeof v === 'object' && v !== null && (Array.isArray(v) || Object.prototype.toString.call(v) === '[object Object]');

/** Every path of the tree, root first (own enumerable keys only; values are plain JSON). */
function paths(root: unknown): Key[][] {
  const out: Key[][] = [];
  const stack: [unknown, Key[]][] = [[root, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, Key[]];
    out.push(path);
    if (isContainer(value) && path.length < 64) {
      const keys: Key[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
      for (const k of keys.reverse()) stack.push([value[k], [...path, k]]);
    }
  }
  return out;
}

/** Defines an own data property, even for `__proto__` (which an assignment would turn into a prototype change). */
function setOwn(target: Record<Key, unknown>, key: Key, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function retyped(v: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : [v];
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  if (isContainer(v)) return Object.values(v);
  return v === null ? 'null' : null;
}

/** A copy of a generated value: fast-check may hand the same value to several runs, so it is never changed in place. */
function copy(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/** Applies one mutation to `root` (mutating it) and returns the new root. */
function mutateOnce(root: unknown, mutation: Mutation): unknown {
  const m = 'value' in mutation ? { ...mutation, value: copy(mutation.value) } : mutation;
  const all = paths(root);
  const path = all[m.at % all.length] ?? [];
  if (path.length === 0) {
    // the root itself
    if (m.kind === 'replace') return m.value;
    if (m.kind === 'delete') return undefined;
    if (m.kind === 'duplicate') return [root, root];
    if (m.kind === 'retype') return retyped(root);
    if (isContainer(root)) {
      if (Array.isArray(root)) root.push(m.value);
      else setOwn(root, m.key, m.value);
    }
    return root;
  }
  let parent: unknown = root;
  for (const k of path.slice(0, -1)) parent = (parent as Record<Key, unknown>)[k];
  if (!isContainer(parent)) return root;
  const key = path[path.length - 1] as Key;
  const current = parent[key];
  switch (m.kind) {
    case 'replace':
      setOwn(parent, key, m.value);
      break;
    case 'delete':
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete parent[key];
      break;
    case 'addKey':
      if (Array.isArray(current)) current.push(m.value);
      else if (isContainer(current)) setOwn(current, m.key, m.value);
      else setOwn(parent, m.key, m.value);
      break;
    case 'duplicate':
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 0, copy(current));
      else setOwn(parent, key, [current, current]);
      break;
    case 'retype':
      setOwn(parent, key, retyped(current));
      break;
  }
  return root;
}

/** {@link mutateOnce}, or the root unchanged when the mutation cannot be made (a non-writable property, …). */
function tryMutate(root: unknown, m: Mutation): unknown {
  try {
    return mutateOnce(root, m);
  } catch {
    return root;
  }
}

/** Valid inputs from `make` (a fresh copy each time), with 1 to `max` mutations applied. */
export function mutated(make: () => unknown, max = 4): fc.Arbitrary<unknown> {
  return fc.array(mutationArb, { minLength: 1, maxLength: max }).map((mutations) => mutations.reduce<unknown>(tryMutate, make()));
}
