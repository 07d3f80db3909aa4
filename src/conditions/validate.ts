import type { Issue } from '../errors/loyalty-error.js';
import { LIST_OPERATORS, NUMERIC_OPERATORS, OPERATOR_NAMES, isOperatorName } from './operators.js';
import { isForbiddenKey, parsePath } from './path.js';

type Path = readonly (string | number)[];
const MAX_DEPTH = 32;
const COMMON_KEYS = ['priority', 'name'];

/**
 * Checks the shape of a condition and returns every problem with its path
 * (relative to the condition). Facts and references are checked later, where
 * the program says which exist.
 */
export function validateCondition(input: unknown, topLevel = true): Issue[] {
  const issues: Issue[] = [];
  walk(input, [], topLevel, 0, issues);
  return issues;
}

function walk(node: unknown, path: Path, topLevel: boolean, depth: number, issues: Issue[]): void {
  const add = (code: string, message: string, at: Path = path): void => void issues.push({ code, path: at, message });
  if (depth > MAX_DEPTH) return add('too_deep', `conditions nest at most ${MAX_DEPTH} levels`);
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    return add('invalid_type', 'a condition must be an object with all, any, not, condition, or fact');
  }
  const obj = node as Record<string, unknown>;
  checkCommon(obj, path, add);
  if ('all' in obj || 'any' in obj) {
    const op = 'all' in obj ? 'all' : 'any';
    checkKeys(obj, [op], path, add);
    const list = obj[op];
    if (!Array.isArray(list)) return add('invalid_type', `"${op}" must be an array of conditions`, [...path, op]);
    // an index loop, not forEach: a hole in the array is a missing condition, not nothing
    for (let i = 0; i < list.length; i++) walk(list[i], [...path, op, i], false, depth + 1, issues);
    return;
  }
  if ('not' in obj) {
    checkKeys(obj, ['not'], path, add);
    if (Array.isArray(obj.not)) return add('invalid_type', '"not" takes one condition, not an array', [...path, 'not']);
    return walk(obj.not, [...path, 'not'], false, depth + 1, issues);
  }
  if ('condition' in obj) {
    checkKeys(obj, ['condition'], path, add);
    if (typeof obj.condition !== 'string' || obj.condition === '') {
      add('invalid_type', 'a condition reference names a condition of the program', [...path, 'condition']);
    }
    return;
  }
  if (topLevel) {
    return add('invalid_root', 'a rule condition must have all, any, not or condition at its root (as in json-rules-engine)');
  }
  checkLeaf(obj, path, add);
}

function checkLeaf(obj: Record<string, unknown>, path: Path, add: (c: string, m: string, at?: Path) => void): void {
  checkKeys(obj, ['fact', 'operator', 'value', 'path'], path, add);
  if ('params' in obj) add('unsupported', 'params are for dynamic facts; program facts take none', [...path, 'params']);
  if (typeof obj.fact !== 'string' || obj.fact === '') add('invalid_type', 'fact must be a non-empty string', [...path, 'fact']);
  if (!isOperatorName(obj.operator)) {
    add('unknown_operator', `operator must be one of ${OPERATOR_NAMES.join(', ')}`, [...path, 'operator']);
  }
  if (obj.path !== undefined) checkPath(obj.path, [...path, 'path'], add);
  if (!('value' in obj)) return add('missing', 'value is required', [...path, 'value']);
  const value = obj.value;
  if (isFactReference(value)) {
    checkKeys(value as Record<string, unknown>, ['fact', 'path'], [...path, 'value'], add, false);
    if (typeof value.fact !== 'string' || value.fact === '') add('invalid_type', 'fact must be a non-empty string', [...path, 'value', 'fact']);
    if (value.path !== undefined) checkPath(value.path, [...path, 'value', 'path'], add);
    return;
  }
  checkJson(value, [...path, 'value'], add);
  if (isOperatorName(obj.operator)) {
    if (NUMERIC_OPERATORS.has(obj.operator) && typeof value !== 'number') {
      add('invalid_value', `${obj.operator} compares numbers: value must be a number`, [...path, 'value']);
    }
    if (LIST_OPERATORS.has(obj.operator) && !Array.isArray(value)) {
      add('invalid_value', `${obj.operator} needs a list as its value`, [...path, 'value']);
    }
  }
}

/** `{ fact: ... }` as a value is read from that fact, as json-rules-engine does. */
export function isFactReference(value: unknown): value is { fact: unknown; path?: unknown } {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'fact');
}

function checkPath(path: unknown, at: Path, add: (c: string, m: string, at?: Path) => void): void {
  if (typeof path !== 'string') return add('invalid_type', 'path must be a string', at);
  const parsed = parsePath(path);
  if (!parsed.ok) add('unsupported_path', parsed.reason, at);
}

function checkCommon(obj: Record<string, unknown>, path: Path, add: (c: string, m: string, at?: Path) => void): void {
  const p = obj.priority;
  if (p !== undefined && !(typeof p === 'number' && Number.isInteger(p) && p >= 1)) {
    add('invalid_type', 'priority must be an integer of at least 1', [...path, 'priority']);
  }
  if (obj.name !== undefined && typeof obj.name !== 'string') add('invalid_type', 'name must be a string', [...path, 'name']);
}

function checkKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  path: Path,
  add: (c: string, m: string, at?: Path) => void,
  common = true,
): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key) || (common && COMMON_KEYS.includes(key)) || key === 'params') continue;
    add('unrecognized_keys', `unrecognized key "${key}"`, [...path, key]);
  }
}

function checkJson(value: unknown, at: Path, add: (c: string, m: string, at?: Path) => void): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) add('invalid_value', 'numbers must be finite', at);
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => checkJson(v, [...at, i], add));
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (isForbiddenKey(k)) add('forbidden_key', `the key "${k}" is not allowed`, [...at, k]);
      else checkJson(v, [...at, k], add);
    }
    return;
  }
  add('invalid_type', 'value must be JSON (string, number, boolean, null, array or object)', at);
}
