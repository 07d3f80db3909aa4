import fc from 'fast-check';

/**
 * Whether a generated program has a feature: `true` always, `false` never,
 * `undefined` (the default) sometimes.
 */
export type Feature = boolean | undefined;

/**
 * A value when the feature is on, `undefined` when it is off; for an
 * unspecified feature, absent one time in `freq` (fast-check's `option`
 * frequency; the default 2 is half the time).
 */
export function optional<T>(feature: Feature, arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> {
  if (feature === false) return fc.constant(undefined);
  if (feature === true) return arb;
  return fc.option(arb, { nil: undefined, freq });
}

/** Absent three times out of four. */
export function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/** Drops the keys whose value is `undefined` (for exact optional properties). */
export function defined<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}
