import { defineProgram, type Program, type ProgramInput } from '../../src/index.js';

export const SALT = 'simulation tests salt, 16+ chars';

/** 1 point per 1.00 (floor), no expiry, debt policy, GBP in London; override what a test needs. */
export function program(overrides: Partial<ProgramInput> = {}): Program {
  return defineProgram({
    id: 'sim',
    version: 1,
    currency: 'GBP',
    timezone: 'Europe/London',
    points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' },
    earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
    ...overrides,
  } as ProgramInput);
}

let n = 0;
const id = (prefix: string): string => `${prefix}${++n}`;

export function buy(memberId: string, at: string, amount: string, orderId = id('o'), currency = 'GBP'): Record<string, unknown> {
  return { id: id('p'), type: 'purchase', memberId, at, orderId, amount, currency };
}
export function refund(memberId: string, at: string, orderId: string, amount: string): Record<string, unknown> {
  return { id: id('r'), type: 'refund', memberId, at, orderId, amount };
}
export function redeem(memberId: string, at: string, rewardId: string, eventId = id('x')): Record<string, unknown> {
  return { id: eventId, type: 'redemption', memberId, at, rewardId };
}
export function adjust(memberId: string, at: string, points: number): Record<string, unknown> {
  return { id: id('a'), type: 'adjustment', memberId, at, points, reason: 'goodwill' };
}

export async function* asAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}
