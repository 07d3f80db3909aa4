/**
 * The plain JSONPath subset that programs use: `$`, then `.name`, `[0]` or
 * `['quoted name']` steps. Wildcards, filters, slices, recursive descent and
 * scripts are refused at definition time. Resolution follows json-rules-engine
 * (jsonpath-plus with `wrap: false`): each step reads an own property, a
 * missing step gives `undefined`, and a path on a fact that is not an object
 * returns the fact itself.
 */

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** jsonpath-plus reads a step like `1:2` or `:` as an array slice, even quoted. */
const SLICE = /^(-?\d*):(-?\d*):?(\d*)$/;
const STEP = /^(?:\.([A-Za-z0-9_]+)|\[(\d+)\]|\['([A-Za-z0-9_ \-:]+)'\]|\["([A-Za-z0-9_ \-:]+)"\])/;

/** True for keys that could reach an object's prototype. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/** The steps of a path, or a reason it is refused. */
export function parsePath(path: string): { ok: true; steps: readonly string[] } | { ok: false; reason: string } {
  if (!path.startsWith('$')) return { ok: false, reason: `path "${path}" must start with "$"` };
  const steps: string[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) {
      return {
        ok: false,
        reason: `path "${path}" is not a plain JSONPath: use $.name, [0] or ['name'] steps (unsupported at "${rest}")`,
      };
    }
    const key = (m[1] ?? m[2] ?? m[3] ?? m[4]) as string;
    if (SLICE.test(key)) {
      return { ok: false, reason: `path "${path}" has the key "${key}", which json-rules-engine's JSONPath reads as a slice` };
    }
    if (isForbiddenKey(key)) return { ok: false, reason: `path "${path}" uses the forbidden key "${key}"` };
    steps.push(key);
    rest = rest.slice(m[0].length);
  }
  return { ok: true, steps };
}

/** Reads a parsed path from a fact value, exactly as json-rules-engine does. */
export function resolvePath(factValue: unknown, steps: readonly string[]): unknown {
  if (factValue === null || typeof factValue !== 'object') return factValue;
  let value: unknown = factValue;
  for (const key of steps) {
    // jsonpath-plus follows a step only from a truthy value (`val && Object.hasOwn(val, loc)`):
    // an empty string has an own `length`, yet `$.s.length` on `{ s: "" }` is undefined.
    if (!value || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
