import type { z } from 'zod';
import type { Issue } from './loyalty-error.js';

/** Converts zod's issues to ours, keeping code, path and message. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly (string | number)[] = []): Issue[] {
  return issues.map((issue) => ({
    code: issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : issue.code,
    path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }));
}
