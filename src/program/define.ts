import { ProgramError, LoyaltyError, type Issue } from '../errors/loyalty-error.js';
import { fromZodIssues } from '../errors/zod-issues.js';
import { protoKeyIssues, withProtoKeyIssues } from '../errors/proto-keys.js';
import { compileProgram, type CompiledProgram } from './compiled.js';
import { ProgramSchema, type ProgramDefinition } from './schema.js';
import { staticChecks } from './static-checks.js';
import type { Zone } from '../time/zone.js';

const COMPILED: unique symbol = Symbol.for('loyalty-engine.compiled-program') as never;

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A validated, frozen program, ready for `evaluate`. It serialises (`JSON.stringify`) to its definition. */
export type Program = DeepReadonly<ProgramDefinition> & {
  /** @internal the compiled conditions and rules, not enumerable */
  readonly [COMPILED]: CompiledProgram;
};

/** The outcome of {@link safeDefineProgram}. */
export type DefineProgramResult =
  | {
      /** The definition is valid. */
      success: true;
      /** The program, frozen. */
      program: Program;
    }
  | {
      /** The definition is invalid. */
      success: false;
      /** Every problem (`error.issues`). */
      error: ProgramError;
    };

/**
 * Validates a program definition and returns it frozen, with defaults filled
 * and its conditions compiled. Reports every problem at once, each with its path.
 *
 * @throws ProgramError listing every issue (`error.issues`).
 * @example
 * const program = defineProgram({
 *   id: 'coffee', version: 1, currency: 'EUR', timezone: 'Europe/Warsaw',
 *   points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
 *   earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
 * });
 */
export function defineProgram(input: unknown): Program {
  const result = safeDefineProgram(input);
  if (!result.success) throw result.error;
  return result.program;
}

/**
 * Like {@link defineProgram}, but returns `{ success: false, error }` instead of throwing.
 *
 * @example
 * const result = safeDefineProgram(JSON.parse(fs.readFileSync('program.json', 'utf8')));
 * if (!result.success) {
 *   for (const issue of result.error.issues) console.error(`${formatPath(issue.path)}: ${issue.message}`);
 * }
 */
export function safeDefineProgram(input: unknown): DefineProgramResult {
  const parsed = ProgramSchema.safeParse(input);
  const proto = protoKeyIssues(input);
  if (!parsed.success || proto.length > 0) {
    return { success: false, error: new ProgramError(withProtoKeyIssues(proto, parsed.success ? [] : fromZodIssues(parsed.error.issues))) };
  }
  const issues: Issue[] = staticChecks(parsed.data);
  if (issues.length > 0) return { success: false, error: new ProgramError(issues) };
  // a copy: conditions pass through the schema by reference; the caller's objects are neither frozen nor
  // read again (a later change to them cannot change the program)
  const program = deepFreeze(structuredClone(parsed.data)) as ProgramDefinition;
  const compiled = compileProgram(program);
  const withCompiled = Object.defineProperty({ ...program }, COMPILED, { value: compiled, enumerable: false });
  return { success: true, program: Object.freeze(withCompiled) as unknown as Program };
}

/** The compiled form of a program; refuses objects that did not come from `defineProgram`. */
export function compiledOf(program: Program): CompiledProgram {
  const compiled = (program as Partial<Program>)[COMPILED];
  if (compiled === undefined) {
    throw new LoyaltyError('program_not_defined', 'pass the result of defineProgram(...), not a plain program object');
  }
  return compiled;
}

/** The program's time zone as the engine's calendar functions take it (offsets remembered by day). */
export function zoneOf(program: Program): Zone {
  return compiledOf(program).zone;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
