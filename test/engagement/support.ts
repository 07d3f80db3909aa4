import { evaluate, ledgerEntries, newMemberState, type Effect, type LedgerEntry, type MemberState, type Program } from '../../src/index.js';

let counter = 0;
const nextId = (prefix: string): string => `${prefix}-${++counter}`;

export function enrollment(at: string, memberId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: nextId('enrol'), type: 'enrollment', memberId, at, ...extra };
}

export function activity(at: string, name: string, memberId = 'm1', attributes?: Record<string, unknown>, id?: string): Record<string, unknown> {
  return { id: id ?? nextId('act'), type: 'activity', memberId, at, name, ...(attributes === undefined ? {} : { attributes }) };
}

/**
 * Several members under one program, with outgoing events routed to their
 * addressees' streams at once (what a host does through its queue).
 */
export class World {
  readonly states = new Map<string, MemberState>();
  readonly effects: Effect[] = [];

  constructor(readonly program: Program) {}

  state(memberId: string): MemberState {
    return this.states.get(memberId) ?? newMemberState(this.program, memberId);
  }

  /** Applies an event and, in turn, every outgoing event it causes. Returns the effects of the first step. */
  apply(event: Record<string, unknown>): Effect[] {
    const memberId = event.memberId as string;
    const { state, effects } = evaluate(this.program, this.state(memberId), event);
    this.states.set(memberId, state);
    this.effects.push(...effects);
    for (const e of effects) if (e.type === 'outgoing_event') this.apply(e.event as unknown as Record<string, unknown>);
    return [...effects];
  }

  entries(memberId: string): LedgerEntry[] {
    return ledgerEntries(this.effects).filter((e) => e.memberId === memberId);
  }

  balance(memberId: string): number {
    return this.entries(memberId).reduce((s, e) => s + e.points, 0);
  }
}
