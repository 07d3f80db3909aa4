import { compileCondition, type CompiledCondition } from '../conditions/compile.js';
import { isForbiddenKey, parsePath } from '../conditions/path.js';
import type { NestedCondition, TopLevelCondition } from '../conditions/types.js';
import { isFactReference } from '../conditions/validate.js';
import { LoyaltyError, type Issue } from '../errors/loyalty-error.js';
import { show } from '../errors/show.js';

/** The facts a segment's condition reads, and the keys of each (`tier` is a plain value). */
export const SEGMENT_FACT_KEYS: Readonly<Record<'rfm' | 'points' | 'tier' | 'member', readonly string[]>> = {
  rfm: ['memberId', 'recencyDays', 'frequency', 'monetary', 'r', 'f', 'm', 'score'],
  points: ['memberId', 'at', 'balance', 'available', 'pending', 'pendingLots', 'expiring', 'debt', 'lifetime', 'wallet'],
  tier: [],
  member: ['id', 'enrolledAt', 'lastEventAt', 'lastPurchaseAt', 'orders', 'spent', 'points', 'lifetimePoints', 'issued', 'daysSinceLastPurchase', 'tier'],
};

/** Keys whose values are objects or lists a path may go into. */
const OPEN = new Set(['pendingLots', 'expiring', 'lifetime']);

export interface CompiledSegment {
  readonly name: string;
  readonly test: CompiledCondition;
}

/**
 * Checks and compiles `options.segments`: each a condition in the program's
 * format over the facts `rfm`, `points`, `tier` and `member`. A segment may
 * refer to another by name (`{ "condition": "vip" }`).
 */
export function compileSegments(caller: string, segments: unknown): CompiledSegment[] {
  if (segments === undefined) return [];
  if (segments === null || typeof segments !== 'object' || Array.isArray(segments)) {
    throw new LoyaltyError('invalid_argument', `${caller}: options.segments must be an object of named conditions, not ${show(segments)}`);
  }
  const named = segments as Record<string, TopLevelCondition>;
  const out: CompiledSegment[] = [];
  for (const [name, condition] of Object.entries(named)) {
    const at = ['segments', name];
    if (isForbiddenKey(name)) throw new LoyaltyError('invalid_argument', `${caller}: options.segments may not have a segment named "${name}"`);
    let test: CompiledCondition;
    try {
      test = compileCondition(condition, { references: named, knownFacts: Object.keys(SEGMENT_FACT_KEYS) });
    } catch (error) {
      if (!(error instanceof LoyaltyError)) throw error;
      const issues = error.issues.length > 0 ? error.issues.map((i) => ({ ...i, path: [...at, ...i.path] })) : [{ code: error.code, path: at, message: error.message }];
      throw new LoyaltyError('invalid_condition', `${caller}: options.segments.${name} is not a valid condition: ${error.message}`, { issues });
    }
    const issues = factIssues(condition, at);
    if (issues.length > 0) {
      throw new LoyaltyError('invalid_condition', `${caller}: options.segments.${name}: ${issues.map((i) => i.message).join('; ')}`, { issues });
    }
    out.push({ name, test });
  }
  return out;
}

/** Facts and keys that never exist (a typo would otherwise be silently false, or fail at the end of a long run). */
function factIssues(condition: TopLevelCondition, at: readonly (string | number)[]): Issue[] {
  const issues: Issue[] = [];
  const check = (fact: string, path: string | undefined, where: readonly (string | number)[]): void => {
    if (!Object.prototype.hasOwnProperty.call(SEGMENT_FACT_KEYS, fact)) {
      issues.push({ code: 'unknown_fact', path: [...where, 'fact'], message: `unknown fact "${fact}": segments can read ${Object.keys(SEGMENT_FACT_KEYS).join(', ')}` });
      return;
    }
    if (path === undefined) return;
    const parsed = parsePath(path);
    const first = parsed.ok ? parsed.steps[0] : undefined;
    if (first === undefined || !parsed.ok) return;
    const keys = SEGMENT_FACT_KEYS[fact as keyof typeof SEGMENT_FACT_KEYS];
    if (!keys.includes(first)) {
      const has = keys.length === 0 ? 'it is a plain value (a level id or null)' : `it has ${keys.join(', ')}`;
      issues.push({ code: 'unknown_fact', path: [...where, 'path'], message: `the ${fact} fact has no "${first}": ${has}` });
    } else if (parsed.steps.length > 1 && !OPEN.has(first)) {
      issues.push({ code: 'unknown_fact', path: [...where, 'path'], message: `${fact}.${first} is a plain value; the path cannot go deeper` });
    }
  };
  const visit = (node: NestedCondition, where: readonly (string | number)[]): void => {
    if ('all' in node) return node.all.forEach((c, i) => visit(c, [...where, 'all', i]));
    if ('any' in node) return node.any.forEach((c, i) => visit(c, [...where, 'any', i]));
    if ('not' in node) return visit(node.not, [...where, 'not']);
    if ('condition' in node) return; // another segment: checked under its own name
    check(node.fact, node.path, where);
    if (isFactReference(node.value)) check(node.value.fact as string, node.value.path as string | undefined, [...where, 'value']);
  };
  visit(condition, at);
  return issues;
}

/** The ids of the members each segment holds, sorted. */
export function segmentMembers(
  segments: readonly CompiledSegment[],
  members: Iterable<{ readonly id: string; readonly facts: () => Record<string, unknown> }>,
): Record<string, { count: number; members: string[] }> {
  const out: Record<string, { count: number; members: string[] }> = {};
  for (const s of segments) out[s.name] = { count: 0, members: [] };
  if (segments.length === 0) return out;
  for (const member of members) {
    const facts = member.facts();
    for (const s of segments) {
      if (!s.test(facts)) continue;
      const entry = out[s.name] as { count: number; members: string[] };
      entry.count++;
      entry.members.push(member.id);
    }
  }
  for (const entry of Object.values(out)) entry.members.sort(byId);
  return out;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
