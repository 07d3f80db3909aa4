import { emit, touch, type Draft } from '../engine/draft.js';
import type { ActivityEvent } from '../events/schema.js';
import { isActive } from '../earning/active.js';
import { memberFact } from '../member/facts.js';
import type { CompiledProgram } from '../program/compiled.js';
import { localTime } from '../time/local-time.js';
import { activityFact } from './facts.js';
import { keepMarks, usedIn, type ActivityMark } from './frequency.js';
import { giveGrant } from './grant.js';

/**
 * An activity: every activity rule for its name whose dates and condition
 * match pays, unless its frequency limit is reached (then a `not_earned`
 * effect says so). The member counts as active.
 */
export function applyActivity(draft: Draft, compiled: CompiledProgram, event: ActivityEvent): void {
  const time = localTime(draft.atMs, draft.zone);
  const day = time.date;
  // built only when a rule names this activity (the member fact sums the lots)
  let facts: { event: Record<string, unknown>; member: Record<string, unknown>; time: typeof time } | undefined;
  for (const { rule, when } of compiled.activities) {
    if (rule.activity !== event.name || !isActive(rule, day)) continue;
    facts ??= { event: activityFact(event), member: memberFact(draft), time };
    if (when !== undefined && !when(facts)) continue;
    const frequency = rule.frequency;
    let key = '';
    if (frequency?.distinct !== undefined) {
      const value = event.attributes?.[frequency.distinct];
      if (typeof value !== 'string' && typeof value !== 'number') {
        emit(draft, { type: 'not_earned', at: draft.at, ruleId: rule.id, reason: 'missing_attribute', details: { attribute: frequency.distinct } });
        continue;
      }
      key = String(value);
    }
    const marks: readonly ActivityMark[] = draft.engagement.activity?.[rule.id] ?? [];
    if (frequency !== undefined) {
      const used = usedIn(marks, frequency, day, key);
      if (used >= frequency.count) {
        emit(draft, {
          type: 'not_earned',
          at: draft.at,
          ruleId: rule.id,
          reason: 'frequency_limit',
          details: { count: frequency.count, per: frequency.per ?? (frequency.rollingDays === undefined ? 'lifetime' : `${frequency.rollingDays} days`), ...(key === '' ? {} : { [frequency.distinct ?? 'key']: key }) },
        });
        continue;
      }
    }
    const { granted, capped } = giveGrant(draft, rule, rule.id, { source: 'activity', tag: `activity:${rule.id}`, caps: rule.caps, detail: { activity: event.name } });
    if (capped > 0 && granted.points === undefined && granted.rewardId === undefined && granted.walletCredit === undefined) {
      emit(draft, { type: 'not_earned', at: draft.at, ruleId: rule.id, reason: 'capped', details: { points: rule.points ?? 0 } });
      continue;
    }
    if (frequency !== undefined) {
      const all = [...marks, [day, key] as const].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      // trimmed from the latest earning's day: a late event does not bring back what a newer day dropped
      const kept = keepMarks(all, frequency, all[all.length - 1]?.[0] ?? day);
      draft.engagement.activity = { ...draft.engagement.activity, [rule.id]: kept };
    }
  }
  touch(draft);
}
