/**
 * `invalidProgramArb`: program definitions that are invalid for one known
 * reason each, for tests of the error paths where a host loads programs.
 */
import fc from 'fast-check';
import { programArb, type ProgramArbOptions } from './program.js';
import type { InvalidCase } from './invalid-event.js';

/** Why a generated program definition is invalid. */
export type InvalidProgramReason =
  | 'missing-field' | 'unknown-field' | 'wrong-type' | 'prototype-key' | 'bad-currency' | 'bad-timezone' | 'bad-decimal'
  | 'duplicate-id' | 'unreachable-caps' | 'bonus-over-cap' | 'undeclared-multipliers' | 'expires-before-available'
  | 'unknown-reference' | 'unknown-fact' | 'missing-criteria' | 'reward-missing-field' | 'no-wallet';

type Json = Record<string, unknown>;

function withKey(o: Json, key: string, value: unknown): Json {
  const out: Json = { ...o };
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

const spend = (id: string, per: unknown = '1'): Json => ({ id, kind: 'spend', rate: { points: 1, per } });

function mutate(p: Json, which: number, pick: number): InvalidCase<InvalidProgramReason> {
  const one = <T>(list: readonly T[]): T => list[pick % list.length] as T;
  const earn = (p.earn as Json[] | undefined) ?? [];
  const n = earn.length;
  const points = p.points as Json;
  const bad = (reason: InvalidProgramReason, input: Json, path: readonly (string | number)[]): InvalidCase<InvalidProgramReason> => ({ input, reason, path });
  switch (which) {
    case 0: {
      const key = one(['id', 'version', 'currency', 'timezone', 'points']);
      const input = { ...p };
      delete input[key];
      return bad('missing-field', input, [key]);
    }
    case 1:
      return one([
        bad('unknown-field', { ...p, $schema: './program.schema.json' }, ['$schema']),
        bad('unknown-field', { ...p, points: { ...points, colour: 'red' } }, ['points', 'colour']),
        bad('unknown-field', { ...p, earn: [...earn, { ...spend(`extra-${n}`), colour: 'red' }] }, ['earn', n, 'colour']),
      ]);
    case 2:
      return one([
        bad('wrong-type', { ...p, version: '1' }, ['version']),
        bad('wrong-type', { ...p, id: 42 }, ['id']),
        bad('wrong-type', { ...p, points: { ...points, pendingDays: '7' } }, ['points', 'pendingDays']),
      ]);
    case 3:
      return one([
        bad('prototype-key', withKey(p, '__proto__', { polluted: true }), ['__proto__']),
        bad('prototype-key', { ...p, id: one(['constructor', 'prototype']) }, ['id']),
        bad('prototype-key', { ...p, earn: [...earn, spend(one(['constructor', 'prototype', '__proto__']))] }, ['earn', n, 'id']),
        bad('prototype-key', { ...p, earn: [...earn, { ...spend(`cond-${n}`), condition: { all: [{ fact: 'event', path: '$.constructor', operator: 'equal', value: 1 }] } }] }, ['earn', n, 'condition', 'all', 0, 'path']),
      ]);
    case 4:
      return bad('bad-currency', { ...p, currency: one(['gbp', 'XYZ', 'POUND', '']) }, ['currency']);
    case 5:
      return bad('bad-timezone', { ...p, timezone: one(['europe/london', 'Mars/Base', 'GMT+25', '']) }, ['timezone']);
    case 6:
      return bad('bad-decimal', { ...p, earn: [...earn, spend(`bad-${n}`, one(['1,00', '0', -1, '1e3', Number.NaN]))] }, ['earn', n, 'rate', 'per']);
    case 7:
      return bad('duplicate-id', { ...p, earn: [...earn, spend('twin'), spend('twin')] }, ['earn', n + 1, 'id']);
    case 8:
      return bad('unreachable-caps', { ...p, points: { ...points, caps: { perEvent: 10, perDay: 5 } } }, ['points', 'caps', 'perEvent']);
    case 9:
      return bad('bonus-over-cap', { ...p, earn: [...earn, { id: `big-${n}`, kind: 'bonus', points: 500, caps: { perEvent: 100 } }] }, ['earn', n, 'points']);
    case 10: {
      const { multipliers: _multipliers, ...rest } = points;
      return bad('undeclared-multipliers', { ...p, points: rest, earn: [...earn, { id: `double-${n}`, kind: 'multiplier', factor: 2 }] }, ['points', 'multipliers']);
    }
    case 11:
      return bad('expires-before-available', { ...p, points: { ...points, pendingDays: 30, expiry: { kind: 'days-after-earning', days: 10 } } }, ['points', 'pendingDays']);
    case 12:
      return bad('unknown-reference', { ...p, earn: [...earn, { ...spend(`ref-${n}`), condition: { condition: 'no-such-condition' } }] }, ['earn', n, 'condition', 'condition']);
    case 13:
      return bad('unknown-fact', { ...p, earn: [...earn, { ...spend(`fact-${n}`), condition: { all: [{ fact: 'weather', operator: 'equal', value: 'sunny' }] } }] }, ['earn', n, 'condition', 'all', 0, 'fact']);
    case 14:
      return bad('missing-criteria', { ...p, tiers: { window: { kind: 'lifetime' }, levels: [{ id: 'base' }, { id: 'gold' }], downgrade: { kind: 'grace', days: 0 } } }, ['tiers', 'levels', 1, 'criteria']);
    case 15: {
      const rewards = (p.rewards as { catalog: Json[] } | undefined) ?? { codeSalt: 'invalid-program-salt', catalog: [] };
      const i = rewards.catalog.length;
      return bad('reward-missing-field', { ...p, rewards: { ...rewards, catalog: [...rewards.catalog, { id: `card-${i}`, kind: 'gift-card', cost: 100 }] } }, ['rewards', 'catalog', i, 'value']);
    }
    default: {
      const { wallet: _wallet, rewards: _rewards, ...rest } = p;
      const kept = earn.filter((r) => r.kind !== 'cashback');
      return bad('no-wallet', { ...rest, earn: [...kept, { id: 'back', kind: 'cashback', percent: '5' }] }, ['wallet']);
    }
  }
}

/**
 * Program definitions that are each invalid for one known reason: a missing
 * or unknown field, a wrong type, a prototype key, a bad currency or time
 * zone, a bad decimal, duplicate rule ids, caps that cannot be reached, a
 * bonus over its cap, multipliers without `points.multipliers`, points that
 * expire before they are available, unknown references and facts, a level
 * without criteria, a reward without the field its kind needs, cashback
 * without a wallet. Each starts from a valid program of {@link programArb}
 * (as JSON); `defineProgram` refuses it with an issue at `path`.
 *
 * @example
 * fc.assert(fc.property(invalidProgramArb(), ({ input }) => !safeDefineProgram(input).success));
 */
export function invalidProgramArb(options: ProgramArbOptions = {}): fc.Arbitrary<InvalidCase<InvalidProgramReason>> {
  return fc
    .tuple(programArb(options), fc.nat(16), fc.nat())
    .map(([program, which, pick]) => mutate(JSON.parse(JSON.stringify(program)) as Json, which, pick));
}
