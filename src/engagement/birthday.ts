import type { Draft } from '../engine/draft.js';
import { isActive } from '../earning/active.js';
import { memberFact } from '../member/facts.js';
import type { CompiledProgram } from '../program/compiled.js';
import type { BirthdayRule } from '../program/schema.js';
import { addDaysToDate, dateIn } from '../time/dates.js';
import { localTime } from '../time/local-time.js';
import { envelopeFact } from './facts.js';
import { giveGrant, type GrantOptions } from './grant.js';

/** Whether `year` is a leap year (Gregorian). */
function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The birthday in `year`: 29 February falls on 28 February or 1 March in common years. */
export function birthdayIn(birthday: string, year: number, leapDay: BirthdayRule['leapDay']): string {
  const md = birthday.slice(5);
  const y = String(year).padStart(4, '0');
  if (md === '02-29' && !isLeap(year)) return leapDay === 'mar-1' ? `${y}-03-01` : `${y}-02-28`;
  return `${y}-${md}`;
}

/** The days a birthday rule pays on around the birthday `date`: [first, last], inclusive. */
function windowOf(date: string, within: BirthdayRule['within']): [string, string] {
  switch (within) {
    case 'day':
      return [date, date];
    case 'week':
      return [date, addDaysToDate(date, 6)];
    case 'month': {
      const first = `${date.slice(0, 7)}-01`;
      const next = addDaysToDate(`${date.slice(0, 7)}-28`, 4);
      return [first, addDaysToDate(`${next.slice(0, 7)}-01`, -1)];
    }
  }
}

/**
 * The birthday rules on any event: a rule pays once per birthday year when
 * "now" (the member's own calendar) falls within its window. The first event
 * inside the window pays; a `tick` on the day is enough.
 */
export function birthdayStep(draft: Draft, compiled: CompiledProgram): void {
  const e = draft.engagement;
  const birthday = e.birthday;
  const wantsMessage = draft.program.messages?.birthday !== undefined;
  if (birthday === undefined || (compiled.birthdays.length === 0 && !wantsMessage)) return;
  const zone = e.timezone ?? draft.zone;
  const today = dateIn(draft.nowMs, zone);
  const year = Number(today.slice(0, 4));
  let points = 0;
  let reward: { rewardId: string; code: string } | undefined;
  let reached: string | undefined;
  const time = localTime(draft.atMs, draft.zone);
  // built only when a birthday window is open (most events are not on a birthday)
  let facts: { event: Record<string, unknown>; member: Record<string, unknown>; time: typeof time } | undefined;
  for (const { rule, when } of compiled.birthdays) {
    const occasion = [year, year - 1]
      .map((y) => ({ y, date: birthdayIn(birthday, y, rule.leapDay) }))
      .find(({ date }) => {
        const [first, last] = windowOf(date, rule.within);
        return first <= today && today <= last;
      });
    if (occasion === undefined || (e.birthdays?.[rule.id] ?? 0) >= occasion.y) continue;
    facts ??= { event: envelopeFact(draft.event), member: memberFact(draft), time };
    if (!isActive(rule, time.date) || (when !== undefined && !when(facts))) continue;
    e.birthdays = { ...e.birthdays, [rule.id]: occasion.y };
    const options: GrantOptions = { source: 'birthday', tag: `birthday:${rule.id}`, detail: { birthday: occasion.date } };
    const { granted } = giveGrant(draft, rule, rule.id, options);
    points += granted.points ?? 0;
    if (granted.rewardId !== undefined && granted.code !== undefined) reward ??= { rewardId: granted.rewardId, code: granted.code };
    reached ??= occasion.date;
  }
  if (wantsMessage && compiled.birthdays.length === 0) {
    // no rule: the message alone, on the day itself (":message" cannot be a rule id)
    const date = birthdayIn(birthday, year, 'feb-28');
    if (date === today && (e.birthdays?.[':message'] ?? 0) < year) {
      e.birthdays = { ...e.birthdays, ':message': year };
      reached = date;
    }
  }
  if (reached !== undefined && wantsMessage) {
    draft.birthday = { date: reached, points, rewardId: reward?.rewardId ?? null, code: reward?.code ?? null };
  }
}
