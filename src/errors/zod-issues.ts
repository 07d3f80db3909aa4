import type { z } from 'zod';
import type { Issue } from './loyalty-error.js';

/** Converts zod's issues to ours, keeping code, path and message. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly (string | number)[] = []): Issue[] {
  return issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? perKey(issue, prefix) : [convert(issue, prefix)]));
}

/** zod reports unknown keys once per object; we report each key at its own path. */
function perKey(issue: z.core.$ZodIssueUnrecognizedKeys, prefix: readonly (string | number)[]): Issue[] {
  const at = pathOf(issue, prefix);
  return issue.keys.map((key) => ({ code: 'unrecognized_keys', path: [...at, key], message: `unrecognized key "${key}"` }));
}

function convert(issue: z.core.$ZodIssue, prefix: readonly (string | number)[]): Issue {
  return {
    code: issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : wrongType(issue) ? 'invalid_type' : issue.code,
    path: pathOf(issue, prefix),
    message: issue.message,
  };
}

/** A union none of whose options takes a value of this type (`true` for a decimal): reported as the wrong type it is. */
function wrongType(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_union' && issue.errors.length > 0 && issue.errors.every((branch) => branch.length > 0 && branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
}

function pathOf(issue: z.core.$ZodIssue, prefix: readonly (string | number)[]): (string | number)[] {
  return [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
}
