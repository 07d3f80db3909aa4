import { LoyaltyError } from '../errors/loyalty-error.js';
import { Instant } from '../events/schema.js';
import type { Program } from '../program/define.js';
import { show } from '../errors/show.js';

/** A program version and the instant it comes into force (the first version may omit it: in force since always). */
export interface ProgramVersion {
  /** The program (same `id` for every version). */
  readonly program: Program;
  /** ISO 8601 with an offset: events at or after it use this version. */
  readonly from?: string;
}

/** Picks the version in force at an event's time: the latest whose `from` is not after it. */
export function versionPicker(program: Program | undefined, programs: readonly ProgramVersion[] | undefined): (at: string) => Program {
  const list = programs ?? (program === undefined ? [] : [{ program }]);
  if (list.length === 0 || (program !== undefined && programs !== undefined)) {
    throw new LoyaltyError('invalid_argument', 'createEngine: give either `program` or a non-empty `programs` list');
  }
  const ids = new Set(list.map((v) => v.program.id));
  if (ids.size > 1) throw new LoyaltyError('invalid_argument', `createEngine: the versions belong to different programs (${[...ids].join(', ')})`);
  for (const v of list) {
    if (v.from !== undefined && !Instant.safeParse(v.from).success) {
      throw new LoyaltyError('invalid_argument', `createEngine: from ${show(v.from)} must be an ISO 8601 date-time with an offset`);
    }
  }
  if (list.filter((v) => v.from === undefined).length > 1) {
    throw new LoyaltyError('invalid_argument', 'createEngine: only one program version may be in force since always (without `from`)');
  }
  const sorted = list
    .map((v) => ({ program: v.program, fromMs: v.from === undefined ? -Infinity : Date.parse(v.from) }))
    .sort((a, b) => a.fromMs - b.fromMs);
  return (at) => {
    const ms = Date.parse(at);
    let found: Program | undefined;
    for (const v of sorted) if (v.fromMs <= ms) found = v.program;
    if (found === undefined) {
      throw new LoyaltyError('no_program_version', `no program version is in force at ${at}`, { details: { at } });
    }
    return found;
  };
}
