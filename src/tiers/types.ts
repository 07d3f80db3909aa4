import type { Program } from '../program/define.js';

/** A program's tiers as the engine reads them (validated, frozen). */
export type Tiers = NonNullable<Program['tiers']>;
export type Level = Tiers['levels'][number];
