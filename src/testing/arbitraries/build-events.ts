/**
 * Turns a plan of steps into events for a program: purchases in its
 * currency with realistic lines, refunds only of earlier orders and never
 * beyond them (unless bogus refunds are asked for), redemptions of its
 * catalog, reversals of earlier redemptions, adjustments and ticks, for a
 * population of members, in time order.
 */
import type { EventInput } from '../../events/schema.js';
import type { Program } from '../../program/define.js';
import type { ProgramVocabulary } from '../support/harvest.js';
import { formatMinor, type MoneyScale } from '../support/money.js';
import { DAY_MS, MINUTE_MS, isoAt } from '../support/time.js';
import { CATEGORIES, CHANNELS } from './earn-rules.js';
import { HORIZON_MS, OFFSETS, type Step } from './steps.js';

export interface BuildContext {
  readonly program: Program;
  readonly money: MoneyScale;
  readonly vocabulary: ProgramVocabulary;
  readonly bogusRefunds: boolean;
  readonly unknownRewards: boolean;
}

/** The events, in time order, each with the index of the event it depends on (a refund's purchase, …) and its lateness. */
export interface BuiltEvents {
  readonly events: readonly EventInput[];
  readonly times: readonly number[];
  readonly deps: readonly (number | undefined)[];
  readonly late: readonly number[];
}

interface OpenOrder {
  readonly orderId: string;
  readonly index: number;
  readonly ms: number;
  readonly paid: number;
  left: number;
  readonly lines: { readonly sku: string; units: number; readonly share: number }[];
}

interface MemberBook {
  readonly orders: OpenOrder[];
  readonly redemptions: { readonly id: string; readonly index: number }[];
  enrolled: boolean;
  /** The membership running, if any: its plan, and bounds on when it ends (ms; a month is 28 to 31 days). */
  plan: { readonly id: string; readonly endsAfter: number; readonly endsBefore: number; readonly cancelled?: boolean } | undefined;
}

type PlanPeriod = 'lifetime' | { readonly days?: number | undefined; readonly months?: number | undefined; readonly years?: number | undefined };

/** How long a plan period lasts, at least and at most (ms), with an hour's margin for clock changes. */
function periodBounds(period: PlanPeriod): [number, number] {
  if (period === 'lifetime') return [Infinity, Infinity];
  const hour = 3_600_000;
  if (period.days !== undefined) return [period.days * DAY_MS - hour, period.days * DAY_MS + hour];
  if (period.months !== undefined) return [period.months * 28 * DAY_MS - hour, period.months * 31 * DAY_MS + hour];
  const years = period.years ?? 1;
  return [years * 365 * DAY_MS - hour, years * 366 * DAY_MS + hour];
}

/** Time zones generated members live in (for birthdays). */
const MEMBER_ZONES = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Europe/Warsaw', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Sao_Paulo', 'Asia/Tehran'] as const;

/** Day `n` (0–366) of the leap year 2000 as a birthday `YYYY-MM-DD` (29 February included). */
function birthdayOf(n: number): string {
  const d = new Date(Date.UTC(2000, 0, 1 + (n % 366)));
  return d.toISOString().slice(0, 10);
}

const pick = <T>(list: readonly T[], n: number): T | undefined => list[n % Math.max(1, list.length)];

export function buildEvents(ctx: BuildContext, steps: readonly Step[], start: number): BuiltEvents {
  const { program, money, vocabulary } = ctx;
  const skus = [...vocabulary.skus, 'sku-0', 'sku-1', 'sku-2', 'sku-3'];
  const categories = [...vocabulary.categories, ...CATEGORIES];
  const channels = [...vocabulary.channels, ...CHANNELS];
  const catalog = program.rewards?.catalog ?? [];
  // the activity names the program's rules match, and one no rule names
  const names = new Set<string>();
  for (const rule of program.earn) if (rule.kind === 'activity') names.add(rule.activity);
  const activities = [...names, 'unknown_activity'];
  const windowDays = program.refunds?.windowDays;
  const books = new Map<string, MemberBook>();
  const out: { events: EventInput[]; times: number[]; deps: (number | undefined)[]; late: number[] } = { events: [], times: [], deps: [], late: [] };
  let t = start;

  steps.forEach((step, i) => {
    t += step.gap * MINUTE_MS;
    if (t > start + HORIZON_MS) return;
    const memberId = `m${step.member}`;
    const book = books.get(memberId) ?? { orders: [], redemptions: [], enrolled: false, plan: undefined };
    books.set(memberId, book);
    const base = { id: `${memberId}-e${i}`, memberId, at: isoAt(t, OFFSETS[step.style % OFFSETS.length] ?? 0) };
    const index = out.events.length;
    const push = (event: EventInput, dep?: number): void => {
      out.events.push(event);
      out.times.push(t);
      out.deps.push(dep);
      out.late.push(step.late);
    };
    const tick = (): void => push({ ...base, type: 'tick' });

    switch (step.kind) {
      case 'purchase': {
        const orderId = `${memberId}-o${i}`;
        const merged = new Map<string, { sku: string; category: string; quantity: number; price: number }>();
        for (const l of step.lines) {
          const sku = pick(skus, l.sku) ?? 'sku-0';
          const prev = merged.get(sku);
          merged.set(sku, prev === undefined ? { sku, category: pick(categories, l.category) ?? 'shoes', quantity: l.quantity, price: l.price * money.factor } : { ...prev, quantity: prev.quantity + l.quantity });
        }
        const lines = [...merged.values()];
        const listed = lines.reduce((s, l) => s + l.price * l.quantity, 0);
        const paid = step.items ? Math.round((listed * (100 - step.discount)) / 100) : step.amount * money.factor;
        const channel = step.channel < channels.length ? channels[step.channel] : undefined;
        book.orders.push({
          orderId, index, ms: t, paid, left: paid,
          lines: step.items ? lines.map((l) => ({ sku: l.sku, units: l.quantity, share: listed === 0 ? 0 : Math.floor((paid * l.price) / listed) })) : [],
        });
        push({
          ...base, type: 'purchase', orderId, amount: formatMinor(paid, money.digits), currency: program.currency,
          ...(step.items ? { items: lines.map((l) => ({ sku: l.sku, category: l.category, quantity: l.quantity, unitPrice: formatMinor(l.price, money.digits) })) } : {}),
          ...(channel === undefined ? {} : { channel }),
        });
        return;
      }
      case 'refund': {
        const open = book.orders.filter((o) => o.left > 0 && (windowDays === undefined || t - o.ms < (windowDays - 1) * DAY_MS));
        const order = pick(open, step.pick);
        if (step.bogus > 0 && ctx.bogusRefunds) {
          if (step.bogus === 1 || order === undefined) return push({ ...base, type: 'refund', orderId: `${memberId}-no-order-${step.pick % 3}`, amount: formatMinor(100 * money.factor, money.digits) });
          if (step.bogus === 2) return push({ ...base, type: 'refund', orderId: order.orderId, amount: formatMinor(order.left + 1 + (step.pick % 500), money.digits) }, order.index);
          return push({ ...base, type: 'refund', orderId: order.orderId, amount: formatMinor(Math.min(order.left, 1), money.digits), items: [{ sku: 'no-such-sku', quantity: 1 }] }, order.index);
        }
        if (order === undefined) return tick();
        const line = order.lines.find((l) => l.units > 0 && l.share > 0);
        if (step.mode === 'item' && line !== undefined) {
          const amount = Math.min(order.left, Math.max(1, line.share));
          line.units -= 1;
          order.left -= amount;
          return push({ ...base, type: 'refund', orderId: order.orderId, amount: formatMinor(amount, money.digits), items: [{ sku: line.sku, quantity: 1 }] }, order.index);
        }
        const amount = step.mode === 'full' ? order.left : Math.max(1, Math.floor((order.left * step.percent) / 100));
        order.left -= amount;
        return push({ ...base, type: 'refund', orderId: order.orderId, amount: formatMinor(amount, money.digits) }, order.index);
      }
      case 'redeem': {
        const reward = step.unknown || catalog.length === 0 ? undefined : pick(catalog, step.pick);
        if (reward === undefined && !ctx.unknownRewards) return tick();
        const order = reward?.kind === 'points-payment' ? pick(book.orders, step.orderPick) : undefined;
        const orderId = reward?.kind !== 'points-payment' ? undefined : (order?.orderId ?? `${memberId}-fresh-${step.orderPick % 3}`);
        book.redemptions.push({ id: base.id, index });
        return push({ ...base, type: 'redemption', rewardId: reward?.id ?? `no-such-reward-${step.pick % 3}`, quantity: step.quantity, ...(orderId === undefined ? {} : { orderId }) }, order?.index);
      }
      case 'reverse': {
        const target = pick(book.redemptions, step.pick);
        if (target === undefined) return tick();
        return push({ ...base, type: 'redemption_reversal', redemptionId: target.id, reason: 'generated reversal' }, target.index);
      }
      case 'adjust':
        return push({ ...base, type: 'adjustment', points: step.points, reason: 'generated adjustment' });
      case 'tick':
        return tick();
      case 'enroll': {
        if (book.enrolled) return tick();
        book.enrolled = true;
        return push({ ...base, type: 'enrollment', birthday: birthdayOf(step.birthday), timezone: MEMBER_ZONES[step.zone % MEMBER_ZONES.length] ?? 'UTC' });
      }
      case 'membership': {
        const plans = program.memberships ?? [];
        const running = book.plan;
        // between the earliest and latest end the plan may or may not be running: wait
        if (running !== undefined && t <= running.endsBefore && (t >= running.endsAfter || running.cancelled === true)) return tick();
        if (running === undefined || t > running.endsBefore) {
          const plan = pick(plans, step.plan);
          if (plan === undefined) return tick();
          const [least, most] = periodBounds(plan.period);
          book.plan = { id: plan.id, endsAfter: t + least, endsBefore: t + most };
          return push({ ...base, type: 'membership', action: 'purchased', plan: plan.id });
        }
        const action = (['renewed', 'cancelled', 'refunded'] as const)[step.action % 3] ?? 'renewed';
        const plan = plans.find((p) => p.id === running.id);
        const [least, most] = plan === undefined ? [0, 0] : periodBounds(plan.period);
        // a renewal extends from the end; a cancelled plan runs to its end but cannot be renewed; a refunded one ends now
        book.plan =
          action === 'renewed' ? { ...running, endsAfter: running.endsAfter + least, endsBefore: running.endsBefore + most }
          : action === 'cancelled' ? { ...running, cancelled: true }
          : undefined;
        return push({ ...base, type: 'membership', action, plan: running.id });
      }
      case 'grant': {
        const level = pick(program.tiers?.levels ?? [], step.level);
        if (level === undefined) return tick();
        return push({ ...base, type: 'tier_grant', level: level.id, until: isoAt(t + step.days * DAY_MS, 0), reason: 'generated grant' });
      }
      case 'debit':
        if (program.wallet === undefined) return tick();
        return push({ ...base, type: 'wallet_debit', amount: formatMinor(step.amount * money.factor, money.digits), reason: 'generated debit' });
      case 'activity': {
        const name = pick(activities, step.pick) ?? 'unknown_activity';
        return push({ ...base, type: 'activity', name, ...(step.attr === 0 ? {} : { attributes: { locationId: `loc-${step.attr % 3}`, network: step.attr % 2 === 0 ? 'instagram' : 'tiktok' } }) });
      }
    }
  });
  return out;
}
