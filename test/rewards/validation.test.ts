// Program validation of `rewards` (src/program/rewards-schema.ts, static-checks.ts checkRewards).
// safeDefineProgram refuses a bad program with a ProgramError listing every issue with its code and
// its path from the root of the input; the static checks run once the schema passes.
import { describe, expect, it } from 'vitest';
import { defineProgram, safeDefineProgram } from '../../src/index.js';
import { issuesOf, sortPairs as sorted, where } from '../program/refusals.js';

const SALT = 'salt-for-tests-0123456789';
const base = {
  id: 'p',
  version: 1,
  currency: 'GBP',
  timezone: 'Europe/London',
  points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
  earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
  // wallet-credit rewards need a wallet (a requirement of the wallet feature); declared so that
  // only the reward issues under test show up
  wallet: { rounding: 'floor' },
};
const tiers = {
  window: { kind: 'rolling', months: 6 },
  levels: [
    { id: 'silver', criteria: { metric: 'spend', atLeast: '100' } },
    { id: 'gold', criteria: { metric: 'spend', atLeast: '500' } },
  ],
  downgrade: { kind: 'grace', days: 30 },
};

const withCatalog = (catalog: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...base,
  rewards: { codeSalt: SALT, catalog },
  ...extra,
});


describe('rewards: a valid catalog', () => {
  it('every kind with the fields it needs is accepted', () => {
    const result = safeDefineProgram(
      withCatalog(
        [
          { id: 'pct', kind: 'percent-discount', cost: 200, percent: '100' }, // 100% is still allowed
          { id: 'off', kind: 'fixed-discount', cost: 500, value: '10' },
          { id: 'mug', kind: 'free-product', cost: 300, sku: 'MUG' },
          { id: 'ship', kind: 'free-shipping', cost: 100 },
          { id: 'gc', kind: 'gift-card', cost: 2500, value: '25' },
          { id: 'coupon', kind: 'coupon', cost: 50 },
          { id: 'wallet', kind: 'wallet-credit', cost: 400, value: '5' },
          { id: 'give', kind: 'charity', cost: 500, value: '10', cause: 'Ocean Cleanup' },
          { id: 'tour', kind: 'experience', cost: 1000 },
          { id: 'miles', kind: 'partner', cost: 700, partner: 'SkyAir' },
          { id: 'pay', kind: 'points-payment', cost: 100, value: '1', perOrder: { min: 2, max: 2 } }, // min = max is fine
          { id: 'gold-only', kind: 'coupon', cost: 10, tiers: ['gold'], active: { from: '2024-06-01', until: '2024-06-01' } }, // a single day
        ],
        { tiers },
      ),
    );
    expect(result.success).toBe(true);
  });
});

describe('rewards: static checks', () => {
  it('duplicate reward ids: duplicate_id at the second one', () => {
    const issues = issuesOf(
      withCatalog([
        { id: 'coffee', kind: 'coupon', cost: 100 },
        { id: 'tea', kind: 'coupon', cost: 80 },
        { id: 'coffee', kind: 'free-shipping', cost: 50 },
      ]),
    );
    expect(where(issues)).toEqual([[['rewards', 'catalog', 2, 'id'], 'duplicate_id']]);
    expect(issues[0]?.message).toContain('catalog[0]');
  });

  it('each kind’s missing fields: missing_field at [rewards, catalog, i, field]', () => {
    const issues = issuesOf(
      withCatalog([
        { id: 'pct', kind: 'percent-discount', cost: 200 }, // percent
        { id: 'off', kind: 'fixed-discount', cost: 500 }, // value
        { id: 'mug', kind: 'free-product', cost: 300 }, // sku
        { id: 'ship', kind: 'free-shipping', cost: 100 }, // nothing needed
        { id: 'gc', kind: 'gift-card', cost: 2500 }, // value
        { id: 'coupon', kind: 'coupon', cost: 50 }, // nothing needed
        { id: 'wallet', kind: 'wallet-credit', cost: 400 }, // value
        { id: 'give', kind: 'charity', cost: 500 }, // value and cause
        { id: 'tour', kind: 'experience', cost: 1000 }, // nothing needed
        { id: 'miles', kind: 'partner', cost: 700 }, // partner
        { id: 'pay', kind: 'points-payment', cost: 100 }, // value
      ]),
    );
    expect(where(issues)).toEqual(
      sorted([
        [['rewards', 'catalog', 0, 'percent'], 'missing_field'],
        [['rewards', 'catalog', 1, 'value'], 'missing_field'],
        [['rewards', 'catalog', 2, 'sku'], 'missing_field'],
        [['rewards', 'catalog', 4, 'value'], 'missing_field'],
        [['rewards', 'catalog', 6, 'value'], 'missing_field'],
        [['rewards', 'catalog', 7, 'value'], 'missing_field'],
        [['rewards', 'catalog', 7, 'cause'], 'missing_field'],
        [['rewards', 'catalog', 9, 'partner'], 'missing_field'],
        [['rewards', 'catalog', 10, 'value'], 'missing_field'],
      ]),
    );
  });

  it('charity with a value but no cause: only the cause is missing', () => {
    expect(where(issuesOf(withCatalog([{ id: 'give', kind: 'charity', cost: 500, value: '10' }])))).toEqual([[['rewards', 'catalog', 0, 'cause'], 'missing_field']]);
  });

  it('a percent above 100: too_big', () => {
    const issues = issuesOf(
      withCatalog([
        { id: 'ok', kind: 'percent-discount', cost: 100, percent: '100' },
        { id: 'over', kind: 'percent-discount', cost: 100, percent: '100.5' },
        { id: 'way-over', kind: 'percent-discount', cost: 100, percent: 150 },
      ]),
    );
    expect(where(issues)).toEqual([
      [['rewards', 'catalog', 1, 'percent'], 'too_big'],
      [['rewards', 'catalog', 2, 'percent'], 'too_big'],
    ]);
  });

  it('perOrder on a reward that is not points as payment: invalid_field', () => {
    const issues = issuesOf(withCatalog([{ id: 'gc', kind: 'gift-card', cost: 100, value: '1', perOrder: { max: 3 } }]));
    expect(where(issues)).toEqual([[['rewards', 'catalog', 0, 'perOrder'], 'invalid_field']]);
  });

  it('perOrder.min above perOrder.max: unreachable', () => {
    const issues = issuesOf(withCatalog([{ id: 'pay', kind: 'points-payment', cost: 100, value: '1', perOrder: { min: 6, max: 5 } }]));
    expect(issues.map((i) => i.code)).toEqual(['unreachable']);
    expect(issues[0]?.path.slice(0, 4)).toEqual(['rewards', 'catalog', 0, 'perOrder']);
  });

  it('a tier that does not exist: unknown_reference at [rewards, catalog, i, tiers, j]', () => {
    const issues = issuesOf(withCatalog([{ id: 'lounge', kind: 'experience', cost: 100, tiers: ['gold', 'diamond'] }], { tiers }));
    expect(where(issues)).toEqual([[['rewards', 'catalog', 0, 'tiers', 1], 'unknown_reference']]);
    // a program without tiers: every level is unknown
    const none = issuesOf(withCatalog([{ id: 'lounge', kind: 'experience', cost: 100, tiers: ['gold'] }]));
    expect(where(none)).toEqual([[['rewards', 'catalog', 0, 'tiers', 0], 'unknown_reference']]);
  });

  it('active dates that are never active (from after until): unreachable', () => {
    const issues = issuesOf(withCatalog([{ id: 'x', kind: 'coupon', cost: 100, active: { from: '2024-07-01', until: '2024-06-30' } }]));
    expect(where(issues)).toEqual([[['rewards', 'catalog', 0, 'active'], 'unreachable']]);
  });

  it('every problem at once', () => {
    const issues = issuesOf(
      withCatalog(
        [
          { id: 'a', kind: 'percent-discount', cost: 1, percent: '101' },
          { id: 'a', kind: 'fixed-discount', cost: 1, perOrder: { min: 1 } },
        ],
        { tiers },
      ),
    );
    expect(where(issues)).toEqual(
      sorted([
        [['rewards', 'catalog', 0, 'percent'], 'too_big'],
        [['rewards', 'catalog', 1, 'id'], 'duplicate_id'],
        [['rewards', 'catalog', 1, 'value'], 'missing_field'],
        [['rewards', 'catalog', 1, 'perOrder'], 'invalid_field'],
      ]),
    );
  });
});

describe('rewards: the schema', () => {
  it('codeSalt shorter than 16 characters is refused; 16 is enough', () => {
    const short = issuesOf({ ...base, rewards: { codeSalt: '123456789012345', catalog: [] } }); // 15
    expect(short.map((i) => i.path)).toEqual([['rewards', 'codeSalt']]);
    expect(short[0]?.code).toBe('too_small');
    expect(safeDefineProgram({ ...base, rewards: { codeSalt: '1234567890123456', catalog: [] } }).success).toBe(true); // 16
  });

  it('a codeSalt is required', () => {
    expect(where(issuesOf({ ...base, rewards: { catalog: [] } })).map(([path]) => path)).toEqual([['rewards', 'codeSalt']]);
  });

  it('listed defaults to true', () => {
    const program = defineProgram(withCatalog([{ id: 'c', kind: 'coupon', cost: 10 }]));
    expect(program.rewards?.catalog[0]?.listed).toBe(true);
  });
});
