/**
 * The fuzz harness: runs one call of an entry point and checks what every call must respect, whatever it
 * was given:
 *
 * - it returns, or throws a LoyaltyError (`isLoyaltyError`); any other throw fails with the error's name,
 *   message and first stack frames;
 * - it does not change its inputs: each input is deep-compared with a structuredClone taken before (where
 *   the input can be cloned), and no object of an input is frozen by the call;
 * - it does not pollute prototypes: `({}).polluted` stays undefined and Object.prototype, Array.prototype
 *   and Function.prototype keep exactly their own properties (same keys, same values).
 */
import { isDeepStrictEqual } from 'node:util';
import { Script, createContext } from 'node:vm';
import { isLoyaltyError, type LoyaltyError } from '../../src/index.js';

/**
 * How long one synchronous call may run. A call that does not return in time is stopped (node:vm's
 * watchdog interrupts any JavaScript running under `runInContext`) and reported as a hang, so an endless
 * loop fails its property instead of freezing the test run.
 */
export const CALL_TIMEOUT_MS = 2_000;
const sandbox = createContext({ call: (): unknown => undefined });
const invoke = new Script('call()');

/** Runs `call` and returns its result, or throws ERR_SCRIPT_EXECUTION_TIMEOUT after {@link CALL_TIMEOUT_MS}. */
export function withTimeout<T>(call: () => T): T {
  sandbox['call'] = call;
  try {
    return invoke.runInContext(sandbox, { timeout: CALL_TIMEOUT_MS }) as T;
  } finally {
    sandbox['call'] = (): unknown => undefined;
  }
}

const isTimeout = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LoyaltyError };

const PROTOTYPES: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
];

type Snapshot = Map<PropertyKey, unknown>;
const snapshot = (o: object): Snapshot => {
  const out: Snapshot = new Map();
  for (const key of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    out.set(key, d === undefined ? undefined : 'value' in d ? d.value : [d.get, d.set]);
  }
  return out;
};
const PRISTINE: readonly Snapshot[] = PROTOTYPES.map(([, o]) => snapshot(o));

/** What changed on the built-in prototypes since the suite started; restores them so one failure does not leak into the next runs. */
export function prototypeChanges(): string[] {
  const changes: string[] = [];
  if (({} as Record<string, unknown>)['polluted'] !== undefined) changes.push('({}).polluted is defined');
  PROTOTYPES.forEach(([name, proto], i) => {
    const before = PRISTINE[i] as Snapshot;
    const now = snapshot(proto);
    for (const [key, value] of now) {
      if (!before.has(key)) {
        changes.push(`${name}[${String(key)}] added`);
        delete (proto as Record<PropertyKey, unknown>)[key];
      } else if (!isDeepStrictEqual(before.get(key), value)) changes.push(`${name}[${String(key)}] changed`);
    }
    for (const key of before.keys()) if (!now.has(key)) changes.push(`${name}[${String(key)}] removed`);
  });
  return changes;
}

/** The objects reachable from `value` that are not frozen (walked without recursion, at most `limit` of them). */
function unfrozen(value: unknown, limit = 50_000): object[] {
  const out: object[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0 && seen.size < limit) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (!Object.isFrozen(v)) out.push(v);
    if (ArrayBuffer.isView(v)) continue;
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d !== undefined && 'value' in d) stack.push(d.value);
    }
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    if (v instanceof Set) for (const x of v) stack.push(x);
  }
  return out;
}

/**
 * Where `a` (the input after the call) differs from `b` (its structuredClone from before), or null. Walked
 * without recursion (inputs nest thousands deep). structuredClone gives null-prototype objects the
 * Object prototype, so prototypes are compared by their tag only; Maps and Sets entry by entry; Dates,
 * boxed values and typed-array elements with Object.is (NaN equals NaN, -0 differs from 0).
 */
function difference(a: unknown, b: unknown): string | null {
  const stack: [unknown, unknown, string][] = [[a, b, '(root)']];
  while (stack.length > 0) {
    const [x, y, where] = stack.pop() as [unknown, unknown, string];
    if (Object.is(x, y)) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return where;
    const tag = Object.prototype.toString.call(x);
    if (tag !== Object.prototype.toString.call(y) || Array.isArray(x) !== Array.isArray(y)) return where;
    if (x instanceof Map || x instanceof Set) {
      // a clone keeps the insertion order: compare entry by entry (keys may be null-prototype objects too)
      const xs = [...x.entries()];
      const ys = [...(y as Map<unknown, unknown> | Set<unknown>).entries()];
      if (xs.length !== ys.length) return `${where} (size)`;
      xs.forEach(([k, v], i) => {
        const [yk, yv] = ys[i] as [unknown, unknown];
        stack.push([k, yk, `${where}<key ${i}>`], [v, yv, `${where}<value ${i}>`]);
      });
      continue;
    }
    if (x instanceof Date || x instanceof Number || x instanceof String || x instanceof Boolean || x instanceof BigInt) {
      // structuredClone keeps only the primitive of a boxed value or a Date, not its own properties
      if (!Object.is(x.valueOf(), (y as typeof x).valueOf())) return where;
      continue;
    } else if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
      const xs = Array.from(x as unknown as ArrayLike<unknown>);
      const ys = Array.from(y as unknown as ArrayLike<unknown>);
      if (xs.length !== ys.length || xs.some((v, i) => !Object.is(v, ys[i]))) return where;
      continue;
    } else if (tag !== '[object Object]' && tag !== '[object Array]') {
      if (!isDeepStrictEqual(x, y)) return where;
      continue;
    }
    const xKeys = Reflect.ownKeys(x).filter((k) => typeof k === 'string');
    const yKeys = Reflect.ownKeys(y).filter((k) => typeof k === 'string');
    if (xKeys.length !== yKeys.length) return `${where} (keys)`;
    for (const key of xKeys) {
      const dx = Object.getOwnPropertyDescriptor(x, key);
      const dy = Object.getOwnPropertyDescriptor(y, key);
      if (dx === undefined || dy === undefined || !('value' in dx) || !('value' in dy)) return `${where}.${String(key)}`;
      stack.push([dx.value, dy.value, `${where}.${String(key)}`]);
    }
  }
  return null;
}

interface Before {
  readonly clone: { readonly ok: true; readonly value: unknown } | { readonly ok: false };
  readonly open: readonly object[];
}

function before(input: unknown): Before {
  let clone: Before['clone'];
  try {
    clone = { ok: true, value: structuredClone(input) };
  } catch {
    clone = { ok: false };
  }
  return { clone, open: unfrozen(input) };
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const frames = (error.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 4).map((l) => l.trim());
    return `${error.name}: ${error.message.slice(0, 300)}\n    ${frames.join('\n    ')}`;
  }
  return `a thrown ${typeof error}: ${String(error).slice(0, 300)}`;
}

function after(inputs: readonly unknown[], snapshots: readonly Before[], thrown: unknown, threw: boolean): void {
  const problems: string[] = [];
  if (threw && isTimeout(thrown)) problems.push(`did not return within ${CALL_TIMEOUT_MS} ms (an endless loop?)`);
  else if (threw && !isLoyaltyError(thrown)) problems.push(`threw something other than a LoyaltyError: ${describeError(thrown)}`);
  problems.push(...prototypeChanges().map((c) => `prototype pollution: ${c}`));
  inputs.forEach((input, i) => {
    const b = snapshots[i] as Before;
    if (b.clone.ok) {
      const diff = difference(input, b.clone.value);
      if (diff !== null) problems.push(`input #${i} was changed by the call, at ${diff}`);
    }
    const frozen = b.open.filter((o) => Object.isFrozen(o));
    if (frozen.length > 0) problems.push(`input #${i}: the call froze ${frozen.length} of its objects`);
  });
  if (problems.length > 0) throw new Error(problems.join('\n'), threw ? { cause: thrown } : undefined);
}

/**
 * Calls `call()`, which uses `inputs`, under {@link withTimeout}, and checks the harness rules; returns
 * what the call returned or the LoyaltyError it threw.
 */
export function check<T>(inputs: readonly unknown[], call: () => T): Outcome<T> {
  const snapshots = inputs.map(before);
  let value: T | undefined;
  let thrown: unknown;
  let threw = false;
  try {
    value = withTimeout(call);
  } catch (error) {
    thrown = error;
    threw = true;
  }
  after(inputs, snapshots, thrown, threw);
  return threw ? { ok: false, error: thrown as LoyaltyError } : { ok: true, value: value as T };
}

/** {@link check} for an async call (no time limit: only synchronous work can be interrupted). */
export async function checkAsync<T>(inputs: readonly unknown[], call: () => Promise<T>): Promise<Outcome<T>> {
  const snapshots = inputs.map(before);
  let value: T | undefined;
  let thrown: unknown;
  let threw = false;
  try {
    value = await call();
  } catch (error) {
    thrown = error;
    threw = true;
  }
  after(inputs, snapshots, thrown, threw);
  return threw ? { ok: false, error: thrown as LoyaltyError } : { ok: true, value: value as T };
}
