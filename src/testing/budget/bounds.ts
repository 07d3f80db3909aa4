/**
 * Sound upper bounds for the static budget checks: how many calendar dates
 * and months a span of time touches, and how many points earn rules can pay
 * over them under their caps.
 */
import type { Program } from '../../program/define.js';
import type { Caps } from '../../program/schema.js';

/** Months a run of `dates` consecutive calendar dates can touch (February is the shortest month). */
export const monthsTouched = (dates: number): number => (dates <= 0 ? 0 : Math.ceil(dates / 28) + 1);

/** Calendar dates a span of `days` × 24 hours can touch, daylight saving changes included. */
export const datesTouched = (days: number): number => Math.max(0, days) + 2;

function capBound(caps: Caps | undefined, dates: number): number {
  if (caps === undefined) return Infinity;
  const times = (cap: number | undefined, periods: number): number => (cap === undefined ? Infinity : cap * periods);
  return Math.min(
    times(caps.perDay, dates),
    times(caps.perWeek, Math.ceil(dates / 7) + 1),
    times(caps.perMonth, monthsTouched(dates)),
    times(caps.perYear, Math.ceil(dates / 365) + 1),
    times(caps.lifetime, 1),
  );
}

/** Calendar periods of a kind a run of `dates` dates can touch. */
function periodsTouched(per: 'month' | 'quarter' | 'year' | 'lifetime', dates: number): number {
  if (per === 'lifetime') return 1;
  return per === 'month' ? monthsTouched(dates) : per === 'quarter' ? Math.ceil(dates / 90) + 1 : Math.ceil(dates / 365) + 1;
}

/** What the engagement grants outside earn rules can pay on `dates` dates, before the program's caps. */
function engagementBound(program: Program, dates: number): number {
  let total = 0;
  for (const card of program.stampCards ?? []) {
    const points = card.reward.points ?? 0;
    if (points === 0) continue;
    // without a daily limit every purchase stamps: cards are not limited
    if (card.perDay === undefined) return Infinity;
    // stamps already on the card, plus those of these dates; a refund that revokes a card can complete it again
    total += points * (Math.ceil((card.stamps - 1 + card.perDay * dates) / card.stamps) + 1);
  }
  const win = program.winBack;
  if (win?.reward?.points !== undefined) total += win.reward.points * periodsTouched(win.oncePer, dates);
  const referrals = program.referrals;
  if (referrals !== undefined) {
    const paid = (referrals.onSignUp?.points ?? 0) + (referrals.onFirstPurchase?.points ?? 0);
    if (paid > 0 && referrals.cap === undefined) return Infinity;
    if (referrals.cap !== undefined) total += paid * referrals.cap.count * periodsTouched(referrals.cap.per, dates);
    total += referrals.referee?.points ?? 0;
  }
  return total;
}

/**
 * The most points the program's earn rules and engagement grants can pay one
 * member on `dates` consecutive calendar dates: the program's caps, or the
 * sum of each rule's own bound, whichever is lower. `Infinity` when a rule is
 * bounded by nothing (a per-event cap alone does not bound a day: orders are
 * not limited).
 */
export function earnBound(program: Program, dates: number): number {
  if (dates <= 0) return 0;
  let rules = engagementBound(program, dates);
  for (const rule of program.earn) {
    switch (rule.kind) {
      case 'spend':
      case 'bonus':
      case 'first_purchase':
      case 'activity':
        rules += capBound(rule.caps, dates);
        break;
      case 'welcome':
        rules += rule.points ?? 0;
        break;
      case 'birthday':
        rules += (rule.points ?? 0) * (Math.ceil(dates / 365) + 1);
        break;
      default:
        break;
    }
  }
  return Math.min(capBound(program.points.caps, dates), rules);
}

/** The longest a point can stay in a member's balance, in days (`Infinity`: no expiry by age). */
export function pointLifetimeDays(program: Program): number {
  const e = program.points.expiry;
  switch (e.kind) {
    case 'days-after-earning':
      return e.days;
    case 'end-of-period':
      return (e.periodsAfter + 1) * (e.period === 'month' ? 31 : e.period === 'quarter' ? 92 : 366);
    default:
      return Infinity;
  }
}

/** Points no rule caps: every level's entry reward once, and what spins can win beyond their cost over `dates`. */
export function uncappedBound(program: Program, dates: number): number {
  let total = 0;
  for (const level of program.tiers?.levels ?? []) total += level.entryReward?.points ?? 0;
  for (const reward of program.rewards?.catalog ?? []) {
    if (reward.kind !== 'spin') continue;
    const top = Math.max(0, ...(reward.outcomes ?? []).map((o) => o.points ?? 0));
    if (top <= reward.cost) continue;
    const limit = reward.limit;
    if (limit === undefined) return Infinity;
    const periods = limit.per === 'lifetime' ? 1 : limit.per === 'day' ? dates : limit.per === 'month' ? monthsTouched(dates) : Math.ceil(dates / 365) + 1;
    total += (top - reward.cost) * limit.count * periods;
  }
  return total;
}
