import { emit, type Draft } from '../engine/draft.js';
import { addDaysInZone, isoUtc } from '../time/calendar.js';
import { dateIn, daysBetween } from '../time/dates.js';
import { giveGrant } from './grant.js';
import { periodKey } from '../time/periods.js';

/**
 * On a `tick`: a member inactive for `winBack.afterDays` gets a `win_back`
 * effect and the declared reward, once per lapse of activity and at most once
 * per `oncePer` period (a lapse held back by the period is tried again on a
 * later tick).
 */
export function winBackStep(draft: Draft): void {
  const spec = draft.program.winBack;
  const last = draft.lastActivityAt;
  if (spec === undefined || last === null || draft.event.type !== 'tick') return;
  const tz = draft.zone;
  const now = draft.now;
  if (isoUtc(addDaysInZone(Date.parse(last), spec.afterDays, tz)) > now) return;
  const previous = draft.engagement.winBack;
  const period = periodKey(dateIn(draft.nowMs, tz), spec.oncePer);
  if (previous !== undefined && (previous.for === last || previous.period === period)) return;
  draft.engagement.winBack = { for: last, period };
  emit(draft, { type: 'win_back', at: now, daysInactive: daysBetween(dateIn(Date.parse(last), tz), dateIn(draft.nowMs, tz)), lastActivityAt: last });
  if (spec.reward !== undefined) giveGrant(draft, spec.reward, 'winBack', { source: 'win_back', tag: 'win-back' });
}
