/**
 * loyalty-engine/testing as users install it: the built subpath, through
 * import and require, with fast-check from outside the bundle and programs
 * defined by the main entry (another copy of the engine in the CJS build).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type Testing = typeof import('../../src/testing/index.js');
type Api = typeof import('../../src/index.js');

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/testing.js`) && existsSync(`${root}dist/testing.cjs`);

const definition = {
  id: 'built-testing', version: 1, currency: 'GBP', timezone: 'Europe/London',
  points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt', caps: { perEvent: 100, perDay: 250 } },
  earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
};

function exercise(api: Api, testing: Testing): unknown {
  const program = api.defineProgram(definition);
  return {
    check: testing.checkProgram(program, { numRuns: 5, seed: 1 }),
    perOrder: testing.maxPointsPerOrder(program, { seed: 1 }).max,
    perDay: testing.maxPointsPerDay(program, { seed: 1 }).max,
  };
}

describe('the built loyalty-engine/testing', () => {
  it.runIf(built)('works through import (ESM) and require (CJS) alike', async () => {
    const esm = { api: (await import(`${root}dist/index.js`)) as Api, testing: (await import(`${root}dist/testing.js`)) as Testing };
    const require = createRequire(import.meta.url);
    const cjs = { api: require(`${root}dist/index.cjs`) as Api, testing: require(`${root}dist/testing.cjs`) as Testing };
    const expected = { check: { ok: true, runs: 5, seed: 1 }, perOrder: 100, perDay: 250 };
    expect(exercise(esm.api, esm.testing)).toEqual(expected);
    expect(exercise(cjs.api, cjs.testing)).toEqual(expected);
    // a program from the ESM entry, checked by the CJS testing build (and the other way round)
    expect(exercise(esm.api, cjs.testing)).toEqual(expected);
    expect(exercise(cjs.api, esm.testing)).toEqual(expected);
    expect(Object.keys(esm.testing).sort()).toEqual(Object.keys(cjs.testing).sort());
  });
});
