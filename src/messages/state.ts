import type { MessageKind } from '../program/messages-schema.js';

/** What a member was sent and what was held back, per message kind; part of `MemberState`. */
export interface MessageState {
  /** Messages sent in the current cap period, per kind. */
  readonly sent: Readonly<Partial<Record<MessageKind, { readonly period: string; readonly count: number }>>>;
  /** Messages held back by a cap, per kind: how many, and the latest. */
  readonly suppressed: Readonly<Partial<Record<MessageKind, { readonly count: number; readonly last: string }>>>;
  /** Lots already announced as expiring. */
  readonly expiringWarned: readonly string[];
  /** The last activity a win-back message was sent for. */
  readonly winBackFor: string | null;
}

export function newMessageState(): MessageState {
  return { sent: {}, suppressed: {}, expiringWarned: [], winBackFor: null };
}
