import { LoyaltyError } from '../errors/loyalty-error.js';
import { show } from '../errors/show.js';
import type { MemberState } from '../member/state.js';
import { Dec, DECIMAL_PATTERN } from '../money/decimal.js';
import { compiledOf, type Program } from '../program/define.js';
import { compileSegments, type CompiledSegment } from './segments.js';
import type { ReportPeriod, SimulateOptions } from './types.js';

/** `SimulateOptions` checked, with their defaults. */
export interface ResolvedOptions {
  readonly pointValue: InstanceType<typeof Dec> | null;
  readonly period: ReportPeriod;
  readonly withinDays: number;
  readonly top: number;
  readonly segments: readonly CompiledSegment[];
  readonly states: ReadonlyMap<string, MemberState>;
  readonly collect: boolean;
  readonly onProgress: ((eventsRead: number) => void) | undefined;
  readonly progressEvery: number;
}

/** Refuses anything but a program from `defineProgram`. */
export function checkProgram(caller: string, program: unknown, name = 'program'): asserts program is Program {
  if (program === null || typeof program !== 'object') throw new LoyaltyError('invalid_argument', `${caller}: ${name} must be a program from defineProgram, not ${show(program)}`);
  try {
    compiledOf(program as Program);
  } catch (error) {
    if (error instanceof LoyaltyError) throw new LoyaltyError(error.code, `${caller}: ${name}: ${error.message}`);
    throw error;
  }
}

function wholeNumber(caller: string, key: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new LoyaltyError('invalid_argument', `${caller}: options.${key} must be a whole number from ${min} to ${max}, not ${show(value)}`, {
      issues: [{ code: 'invalid_argument', path: [key], message: `must be a whole number from ${min} to ${max}` }],
    });
  }
  return value;
}

/** Checks every option, naming the one at fault. */
export function resolveOptions(caller: string, options: unknown): ResolvedOptions {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new LoyaltyError('invalid_argument', `${caller}: options must be an object, not ${show(options)}`);
  }
  const o = options as SimulateOptions;
  const bad = (key: string, must: string, value: unknown): LoyaltyError =>
    new LoyaltyError('invalid_argument', `${caller}: options.${key} must be ${must}, not ${show(value)}`, { issues: [{ code: 'invalid_argument', path: [key], message: `must be ${must}` }] });
  if (o.pointValue !== undefined && (typeof o.pointValue !== 'string' || !DECIMAL_PATTERN.test(o.pointValue))) {
    throw bad('pointValue', 'a decimal string such as "0.01"', o.pointValue);
  }
  if (o.period !== undefined && o.period !== 'week' && o.period !== 'month') throw bad('period', '"week" or "month"', o.period);
  if (o.onRejected !== undefined && o.onRejected !== 'throw' && o.onRejected !== 'collect') throw bad('onRejected', '"throw" or "collect"', o.onRejected);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw bad('onProgress', 'a function', o.onProgress);
  const states = new Map<string, MemberState>();
  if (o.states !== undefined) {
    const iterable = o.states !== null && typeof o.states === 'object' && typeof (o.states as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
    if (!iterable) throw bad('states', 'a Map of member id to state', o.states);
    for (const entry of o.states as Iterable<unknown>) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw bad('states', 'a Map of member id to state', entry);
      states.set(entry[0], entry[1] as MemberState);
    }
  }
  return {
    pointValue: o.pointValue === undefined ? null : new Dec(o.pointValue),
    period: o.period ?? 'month',
    withinDays: wholeNumber(caller, 'firstRewardWithinDays', o.firstRewardWithinDays, 90, 0, 3660),
    top: wholeNumber(caller, 'top', o.top, 10, 0, 100_000),
    segments: compileSegments(caller, o.segments),
    states,
    collect: o.onRejected === 'collect',
    onProgress: o.onProgress,
    progressEvery: wholeNumber(caller, 'progressEvery', o.progressEvery, 1000, 1, Number.MAX_SAFE_INTEGER),
  };
}
