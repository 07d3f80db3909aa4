import {
  defineProgram,
  newMemberState,
  evaluate,
  ledgerEntries,
  type Effect,
  type LedgerEntry,
  type MemberState,
  type Program,
  type ProgramInput,
} from '../src/index.js';

type Overrides = Partial<Omit<ProgramInput, 'points'>> & { points?: Partial<ProgramInput['points']> };

/** A program with 1 point per 1.00, floor rounding, no pending, no expiry, debt policy; override what a test needs. */
export function makeProgram(overrides: Overrides = {}): Program {
  const { points, ...rest } = overrides;
  return defineProgram({
    id: 'test',
    version: 1,
    currency: 'GBP',
    timezone: 'Europe/London',
    earn: [{ id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } }],
    ...rest,
    points: {
      rounding: 'floor',
      expiry: { kind: 'never' },
      negativeBalance: 'debt',
      ...points,
    },
  });
}

let counter = 0;
const nextId = (prefix: string): string => `${prefix}-${++counter}`;

export interface Item {
  sku: string;
  quantity: number;
  unitPrice: string;
  category?: string;
}

export function purchase(
  at: string,
  amount: string,
  extra: { orderId?: string; items?: Item[]; memberId?: string; id?: string; channel?: string; currency?: string } = {},
): Record<string, unknown> {
  return {
    id: extra.id ?? nextId('p'),
    type: 'purchase',
    memberId: extra.memberId ?? 'm1',
    at,
    orderId: extra.orderId ?? nextId('o'),
    amount,
    currency: extra.currency ?? 'GBP',
    ...(extra.items === undefined ? {} : { items: extra.items }),
    ...(extra.channel === undefined ? {} : { channel: extra.channel }),
  };
}

export function refund(
  at: string,
  orderId: string,
  amount: string,
  extra: { items?: { sku: string; quantity: number }[]; memberId?: string; id?: string } = {},
): Record<string, unknown> {
  return {
    id: extra.id ?? nextId('r'),
    type: 'refund',
    memberId: extra.memberId ?? 'm1',
    at,
    orderId,
    amount,
    ...(extra.items === undefined ? {} : { items: extra.items }),
  };
}

export function adjustment(at: string, points: number, reason = 'goodwill', memberId = 'm1'): Record<string, unknown> {
  return { id: nextId('a'), type: 'adjustment', memberId, at, points, reason };
}

export function tick(at: string, memberId = 'm1'): Record<string, unknown> {
  return { id: nextId('t'), type: 'tick', memberId, at };
}

/** Applies events in order to one member; returns the final state and every ledger entry. */
export function run(program: Program, events: readonly unknown[], memberId = 'm1'): { state: MemberState; entries: LedgerEntry[]; effects: Effect[] } {
  let state = newMemberState(program, memberId);
  const effects: Effect[] = [];
  for (const event of events) {
    const result = evaluate(program, state, event);
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects, entries: ledgerEntries(effects) };
}

export const sum = (entries: readonly LedgerEntry[]): number => entries.reduce((s, e) => s + e.points, 0);
export const byKind = (entries: readonly LedgerEntry[], kind: LedgerEntry['kind']): LedgerEntry[] => entries.filter((e) => e.kind === kind);
