import { summarize } from '../engine/summarize.js';
import type { MemberState } from '../member/state.js';
import type { Program } from '../program/define.js';
import type { RfmScore } from './types.js';

const DAY_MS = 86_400_000;

/** A member at the end of the history, as segments see them. */
export interface SegmentMember {
  readonly id: string;
  readonly state: MemberState;
  /** Balance, points issued during the history, level in force. */
  readonly balance: number;
  readonly issued: number;
  readonly tier: string | null;
}

/**
 * The facts a segment's condition reads for one member (see
 * docs/simulation.md): `rfm` (`null` without a purchase), `points` (the
 * `summarize` view at the end), `tier`, and `member`. Built lazily, only when
 * there are segments.
 */
export function segmentFacts(
  program: Program,
  members: Iterable<SegmentMember>,
  rfm: ReadonlyMap<string, RfmScore>,
  to: string | null,
): Iterable<{ readonly id: string; readonly facts: () => Record<string, unknown> }> {
  return (function* () {
    for (const m of members) {
      const s = m.state;
      const at = to ?? s.lastEventAt ?? '1970-01-01T00:00:00.000Z';
      const last = s.stats.lastPurchaseAt;
      yield {
        id: m.id,
        facts: () => ({
          rfm: rfm.get(m.id) ?? null,
          points: summarize(program, s, at),
          tier: m.tier,
          member: {
            id: m.id,
            enrolledAt: s.enrolledAt,
            lastEventAt: s.lastEventAt,
            lastPurchaseAt: last,
            orders: s.stats.orders,
            spent: Number(s.stats.spent),
            points: m.balance,
            lifetimePoints: s.totals.earned,
            issued: m.issued,
            daysSinceLastPurchase: last === null ? null : Math.floor((Date.parse(at) - Date.parse(last)) / DAY_MS),
            tier: m.tier,
          },
        }),
      };
    }
  })();
}
