import type { MessageKind } from '../program/messages-schema.js';

/** What a member was sent and what was held back, per message kind; part of `MemberState`. */
export interface MessageState {
  /** Messages sent in the current cap period, per kind. */
  readonly sent: Readonly<Partial<Record<MessageKind, {
        /** The cap period the count is for. */
        readonly period: string;
        /** Messages sent in it. */
        readonly count: number;
      }>>>;
  /** Messages held back by a cap, per kind: how many, and the latest. */
  readonly suppressed: Readonly<Partial<Record<MessageKind, {
        /** Messages held back. */
        readonly count: number;
        /** When the latest was held back (UTC ISO). */
        readonly last: string;
      }>>>;
  /** Lots already announced as expiring. */
  readonly expiringWarned: readonly string[];
  /** The last activity a win-back message was sent for. */
  readonly winBackFor: string | null;
}

export function newMessageState(): MessageState {
  return { sent: {}, suppressed: {}, expiringWarned: [], winBackFor: null };
}
