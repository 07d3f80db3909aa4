import type { Issue } from './loyalty-error.js';

/**
 * Every own `__proto__` key in raw input (as `JSON.parse` creates them), with
 * its path. Schema parsing drops such keys silently, so they are looked for
 * before it and refused, like `constructor` and `prototype` elsewhere.
 */
export function protoKeyIssues(input: unknown, path: (string | number)[] = [], depth = 0): Issue[] {
  if (input === null || typeof input !== 'object' || depth > 64) return [];
  const out: Issue[] = [];
  if (Array.isArray(input)) {
    input.forEach((v, i) => out.push(...protoKeyIssues(v, [...path, i], depth + 1)));
    return out;
  }
  if (Object.prototype.hasOwnProperty.call(input, '__proto__')) {
    out.push({ code: 'forbidden_key', path: [...path, '__proto__'], message: 'the key "__proto__" is not allowed' });
  }
  for (const [k, v] of Object.entries(input)) out.push(...protoKeyIssues(v, [...path, k], depth + 1));
  return out;
}

/** `protoKeyIssues` first, then the other issues, leaving out any other issue about the same `__proto__` path. */
export function withProtoKeyIssues(proto: readonly Issue[], others: readonly Issue[]): Issue[] {
  const seen = new Set(proto.map((i) => JSON.stringify(i.path)));
  return [...proto, ...others.filter((i) => !seen.has(JSON.stringify(i.path)))];
}
