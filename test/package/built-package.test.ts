import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `npm test` builds first (pretest), so this checks what users install, not src/.
const root = fileURLToPath(new URL('../../', import.meta.url));
const esmPath = `${root}dist/index.js`;
const cjsPath = `${root}dist/index.cjs`;
const built = existsSync(esmPath) && existsSync(cjsPath);

type Api = typeof import('../../src/index.js');

const definition = {
  id: 'built',
  version: 1,
  currency: 'EUR',
  timezone: 'Europe/Warsaw',
  points: { rounding: 'floor', pendingDays: 0, expiry: { kind: 'end-of-period', period: 'year' }, negativeBalance: 'debt' },
  earn: [
    { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
    { id: 'big', kind: 'bonus', points: 25, minAmount: '100' },
  ],
};
const events = [
  { id: 'e1', type: 'purchase', memberId: 'm1', at: '2024-05-01T12:00:00+02:00', orderId: 'o1', amount: '120.40', currency: 'EUR' },
  { id: 'e2', type: 'refund', memberId: 'm1', at: '2024-05-02T12:00:00+02:00', orderId: 'o1', amount: '40.40' },
];

function exercise(api: Api): unknown {
  const program = api.defineProgram(definition);
  const { states, effects } = api.replay(program, events);
  const state = states.get('m1');
  if (state === undefined) throw new Error('no state');
  return { balance: api.balanceOf(state), entries: api.ledgerEntries(effects).map((e) => [e.kind, e.ruleId, e.points]) };
}

describe('the built package', () => {
  it('works through import (ESM) and require (CJS) alike', async () => {
    expect(built, `dist/ not found at ${esmPath}: run npm run build (npm test does it first)`).toBe(true);
    const esm = (await import(esmPath)) as Api;
    const cjs = createRequire(import.meta.url)(cjsPath) as Api;
    // 120.40 → 120 + 25 bonus; refunding 40.40 leaves 80.00: 120 × 40.40/120.40 = 40.26 → 40 back, and the bonus goes
    const expected = { balance: 80, entries: [['earn', 'base', 120], ['earn', 'big', 25], ['clawback', 'base', -40], ['clawback', 'big', -25]] };
    expect(exercise(esm)).toEqual(expected);
    expect(exercise(cjs)).toEqual(expected);
  });

  it('recognises errors across the two copies (Symbol.for marker, not instanceof)', async () => {
    const esm = (await import(esmPath)) as Api;
    const cjs = createRequire(import.meta.url)(cjsPath) as Api;
    const result = cjs.safeDefineProgram({ id: 'x' });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(esm.isLoyaltyError(result.error)).toBe(true);
      expect(result.error.code).toBe('invalid_program');
    }
  });
});
