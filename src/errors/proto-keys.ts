import type { Issue } from './loyalty-error.js';

/**
 * Every own `__proto__` key in raw input (as `JSON.parse` creates them), with
 * its path. Schema parsing drops such keys silently, so they are looked for
 * before it and refused, like `constructor` and `prototype` elsewhere.
 */
export function protoKeyIssues(input: unknown): Issue[] {
  const out: Issue[] = [];
  // one path array, pushed and popped on the way down, copied only for a finding: every event is
  // walked, and a path and result array per node was 15% of the bytes a replay allocated
  collect(input, [], 0, out);
  return out;
}

function collect(value: unknown, path: (string | number)[], depth: number, out: Issue[]): void {
  if (value === null || typeof value !== 'object' || depth > 64) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      collect(value[i], path, depth + 1, out);
      path.pop();
    }
    return;
  }
  const record = value as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(record, '__proto__')) {
    out.push({ code: 'forbidden_key', path: [...path, '__proto__'], message: 'the key "__proto__" is not allowed' });
  }
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    path.push(key);
    collect(record[key], path, depth + 1, out);
    path.pop();
  }
}

/** `protoKeyIssues` first, then the other issues, leaving out any other issue about the same `__proto__` path. */
export function withProtoKeyIssues(proto: readonly Issue[], others: readonly Issue[]): Issue[] {
  const seen = new Set(proto.map((i) => JSON.stringify(i.path)));
  return [...proto, ...others.filter((i) => !seen.has(JSON.stringify(i.path)))];
}
