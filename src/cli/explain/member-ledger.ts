import { isLoyaltyError } from '../../errors/loyalty-error.js';
import { evaluate } from '../../engine/evaluate.js';
import type { LedgerEntry } from '../../ledger/entry.js';
import { balanceOf, newMemberState, type MemberState } from '../../member/state.js';
import type { Program } from '../../program/define.js';
import { tierStatus } from '../../tiers/status.js';

/** The event behind a ledger entry, as the explanation shows it. */
export interface EventBrief {
  readonly id: string;
  readonly type: string;
  readonly at: string;
  readonly orderId?: string;
  readonly amount?: string;
  /** `file:line` it was read from. */
  readonly where?: string;
}

/** One ledger entry, its event, and the balance after it. */
export interface ExplainedEntry {
  readonly entry: LedgerEntry;
  readonly event: EventBrief;
  readonly balance: number;
}

/** A change of the level in force. */
export interface TierChange {
  readonly at: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly reason: string;
  readonly event: EventBrief;
}

/** One member's history under a program, entry by entry. */
export interface MemberExplanation {
  readonly memberId: string;
  /** Events of the member applied. */
  readonly applied: number;
  readonly duplicates: number;
  readonly entries: readonly ExplainedEntry[];
  readonly tiers: readonly TierChange[];
  readonly refused: readonly { readonly event: EventBrief; readonly code: string; readonly message: string }[];
  /** At the last event: balance, level in force, lifetime totals. */
  readonly final: { readonly at: string | null; readonly balance: number; readonly level: string | null; readonly totals: MemberState['totals'] };
}

/**
 * Replays one member's events (already filtered to them, in time order) with `evaluate`, keeping every
 * ledger entry with the event and rule behind it, the running balance, and the tier changes.
 * Refused events are listed, not fatal; an event id seen before is skipped as a duplicate.
 *
 * @example
 * const explained = await explainMember(program, events, '17850');
 */
export async function explainMember(
  program: Program,
  events: AsyncIterable<unknown> | Iterable<unknown>,
  memberId: string,
  whereOf: (event: unknown) => string | undefined = () => undefined,
): Promise<MemberExplanation> {
  let state = newMemberState(program, memberId);
  let balance = 0;
  let applied = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  const entries: ExplainedEntry[] = [];
  const tiers: TierChange[] = [];
  const refused: { event: EventBrief; code: string; message: string }[] = [];
  for await (const event of events) {
    const brief = briefOf(event, whereOf(event));
    if (seen.has(brief.id)) {
      duplicates++;
      continue;
    }
    try {
      const result = evaluate(program, state, event);
      state = result.state;
      seen.add(brief.id);
      applied++;
      for (const effect of result.effects) {
        if (effect.type === 'ledger') {
          balance += effect.entry.points;
          entries.push({ entry: effect.entry, event: brief, balance });
        } else if (effect.type === 'tier_upgraded' || effect.type === 'tier_downgraded') {
          tiers.push({ at: effect.at, from: effect.from, to: effect.to, reason: effect.reason, event: brief });
        }
      }
    } catch (error) {
      if (!isLoyaltyError(error)) throw error;
      refused.push({ event: brief, code: error.code, message: error.message.split('\n').join(' ') });
    }
  }
  const at = state.lastEventAt;
  return {
    memberId,
    applied,
    duplicates,
    entries,
    tiers,
    refused,
    final: { at, balance: balanceOf(state), level: at === null || program.tiers === undefined ? null : tierStatus(program, state, at).level, totals: state.totals },
  };
}

function briefOf(event: unknown, where: string | undefined): EventBrief {
  const e = (event !== null && typeof event === 'object' ? event : {}) as Record<string, unknown>;
  const s = (k: string): string | undefined => (typeof e[k] === 'string' ? (e[k] as string) : undefined);
  const orderId = s('orderId');
  const amount = s('amount') ?? (typeof e.points === 'number' ? `${e.points} points` : undefined);
  return {
    id: s('id') ?? '',
    type: s('type') ?? '?',
    at: s('at') ?? '',
    ...(orderId === undefined ? {} : { orderId }),
    ...(amount === undefined ? {} : { amount }),
    ...(where === undefined ? {} : { where }),
  };
}
