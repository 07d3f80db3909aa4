import type { AdjustmentEvent } from '../events/schema.js';
import { credit, debit, spendingRank } from '../ledger/balance.js';
import { expiryFor } from '../ledger/expiry.js';
import { record, touch, type Draft } from './draft.js';

/**
 * A manual adjustment with a reason. Added points are available at once and
 * expire like earned ones; removed points come from available lots
 * first-to-expire first, then pending ones, then follow the negative balance policy.
 */
export function applyAdjustment(draft: Draft, event: AdjustmentEvent): void {
  if (event.points > 0) {
    const expiresAt = expiryFor(draft.program, draft.atMs);
    record(draft, {
      at: draft.at,
      kind: 'adjust',
      points: event.points,
      ruleId: 'adjustment',
      reason: event.reason,
      expiresAt,
    });
    credit(draft, { id: event.id, earnedAt: draft.at, availableAt: draft.at, expiresAt, points: event.points });
  } else {
    const requested = -event.points;
    const d = debit(draft, requested, spendingRank(draft.at));
    const allow = draft.program.points.negativeBalance === 'allow';
    record(draft, {
      at: draft.at,
      kind: 'adjust',
      points: -(d.fromLots + (allow ? d.beyond : 0)),
      ruleId: 'adjustment',
      reason: event.reason,
      detail: { requested, ...(!allow && d.beyond > 0 ? { debtIncurred: d.beyond } : {}) },
    });
  }
  touch(draft);
}
