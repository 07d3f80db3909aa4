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
    code: issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : issue.code,
    path: pathOf(issue, prefix),
    message: issue.message,
  };
}

function pathOf(issue: z.core.$ZodIssue, prefix: readonly (string | number)[]): (string | number)[] {
  return [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
}
