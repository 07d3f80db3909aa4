/**
 * The commands of the model-based test: Purchase, Refund, Adjust, Tick and
 * Redeem, each run against the real engine and the naive model, with what the
 * model expects of that kind of event.
 */
import type fc from 'fast-check';
import type { EventInput } from '../../events/schema.js';
import { formatMinor, moneyScale } from '../support/money.js';
import { DAY_MS, MINUTE_MS } from '../support/time.js';
import type { LoyaltyModel, LoyaltyReal, ModelOrder } from './model.js';
import { applyToModel, expect, type StepResult } from './step.js';

type Command = fc.Command<LoyaltyModel, LoyaltyReal>;

const base = (m: LoyaltyModel, gap: number, kind: string): { id: string; memberId: string; at: string } => {
  m.now += gap * MINUTE_MS;
  return { id: `${kind}-${m.steps}`, memberId: m.memberId, at: new Date(m.now).toISOString() };
};

/** Entries a step may hold besides its own: expiry, entry rewards of levels reached as time passed, and the debt they repay. */
/** Entries time alone can cause on any event: expiry, debt recovery, tier entry rewards, birthday and win-back grants. */
const timeAlone = (e: StepResult['entries'][number]): boolean =>
  e.kind === 'expire' ||
  e.kind === 'debt_recovery' ||
  (e.kind === 'earn' && (e.ruleId.startsWith('tiers.') || e.detail?.source === 'birthday' || e.detail?.source === 'win_back'));

/** Orders the model can still refund: something left, inside the return window (a day's margin for clock changes). */
export function openOrders(m: Readonly<LoyaltyModel>, at: number): ModelOrder[] {
  const window = m.program.refunds?.windowDays;
  return [...m.orders.values()].filter((o) => o.left > 0 && (window === undefined || at - o.at < (window - 1) * DAY_MS));
}

export class PurchaseCommand implements Command {
  constructor(readonly gap: number, readonly amount: number) {}
  check(): boolean {
    return true;
  }
  run(m: LoyaltyModel, r: LoyaltyReal): void {
    const money = moneyScale(m.program.currency);
    const paid = this.amount * money.factor;
    const event = { ...base(m, this.gap, 'purchase'), type: 'purchase', orderId: `order-${m.steps}`, amount: formatMinor(paid, money.digits), currency: m.program.currency } as const;
    m.orders.set(event.orderId, { orderId: event.orderId, at: m.now, paid, left: paid, earned: 0, clawed: 0 });
    applyToModel(m, r, event, ({ entries }) => {
      for (const e of entries) {
        const own = e.orderId === event.orderId && (e.kind === 'earn' || e.kind === 'debt_recovery');
        expect(own || timeAlone(e), () => `purchase ${event.id} recorded ${e.kind} ${e.points} (${e.ruleId})`);
        if (e.kind === 'earn') expect(e.points > 0, () => `purchase ${event.id} earned ${e.points} points on rule ${e.ruleId}`);
      }
    });
  }
  toString(): string {
    return `Purchase(+${this.gap}min, ${this.amount})`;
  }
}

export class RefundCommand implements Command {
  constructor(readonly gap: number, readonly pick: number, readonly percent: number) {}
  check(m: Readonly<LoyaltyModel>): boolean {
    return openOrders(m, m.now + this.gap * MINUTE_MS).length > 0;
  }
  run(m: LoyaltyModel, r: LoyaltyReal): void {
    const head = base(m, this.gap, 'refund');
    const open = openOrders(m, m.now);
    const order = open[this.pick % open.length];
    if (order === undefined) return;
    const full = this.percent >= 100;
    const amount = full ? order.left : Math.max(1, Math.floor((order.left * this.percent) / 100));
    const clawedBefore = order.clawed;
    order.left -= amount;
    const event: EventInput = { ...head, type: 'refund', orderId: order.orderId, amount: formatMinor(amount, moneyScale(m.program.currency).digits) };
    applyToModel(m, r, event, ({ entries }) => {
      // a refund that breaks a completed stamp card may complete it again at once (a new card's grant)
      for (const e of entries) expect((e.kind === 'clawback' && e.orderId === order.orderId) || (e.kind === 'earn' && e.detail?.source === 'stamp_card') || timeAlone(e), () => `refund ${event.id} recorded ${e.kind} ${e.points} (${e.ruleId}, order ${e.orderId ?? '-'})`);
      expect(order.clawed <= order.earned, () => `refunds of ${order.orderId} clawed back ${order.clawed} points; it earned ${order.earned}`);
      expect(order.clawed >= clawedBefore, () => `a refund of ${order.orderId} gave points back`);
      if (order.left === 0) expect(order.clawed === order.earned, () => `${order.orderId} is refunded in full, but ${order.clawed} of its ${order.earned} points were clawed back`);
    });
  }
  toString(): string {
    return `Refund(+${this.gap}min, #${this.pick}, ${this.percent >= 100 ? 'full' : `${this.percent}%`})`;
  }
}

export class AdjustCommand implements Command {
  constructor(readonly gap: number, readonly points: number) {}
  check(): boolean {
    return true;
  }
  run(m: LoyaltyModel, r: LoyaltyReal): void {
    const event: EventInput = { ...base(m, this.gap, 'adjust'), type: 'adjustment', points: this.points, reason: 'model adjustment' };
    applyToModel(m, r, event, ({ entries, balanceAt }) => {
      const at = entries.findIndex((e) => e.kind === 'adjust');
      expect(at >= 0 && entries.filter((e) => e.kind === 'adjust').length === 1, () => `adjustment ${event.id} recorded ${entries.filter((e) => e.kind === 'adjust').length} adjust entries`);
      const got = entries[at]?.points ?? 0;
      const balance = balanceAt(at);
      const want = this.points > 0 || m.program.points.negativeBalance === 'allow' ? this.points : -Math.min(-this.points, Math.max(0, balance));
      expect(got === want, () => `adjustment ${event.id} of ${this.points} moved ${got} points; the model expected ${want} (balance ${balance}, ${m.program.points.negativeBalance})`);
    });
  }
  toString(): string {
    return `Adjust(+${this.gap}min, ${this.points})`;
  }
}

export class TickCommand implements Command {
  constructor(readonly gap: number) {}
  check(): boolean {
    return true;
  }
  run(m: LoyaltyModel, r: LoyaltyReal): void {
    const event: EventInput = { ...base(m, this.gap, 'tick'), type: 'tick' };
    applyToModel(m, r, event, ({ entries }) => {
      for (const e of entries) expect(timeAlone(e), () => `tick ${event.id} recorded ${e.kind} ${e.points} (${e.ruleId})`);
    });
  }
  toString(): string {
    return `Tick(+${this.gap}min)`;
  }
}

export class RedeemCommand implements Command {
  constructor(readonly gap: number, readonly pick: number, readonly quantity: number) {}
  check(m: Readonly<LoyaltyModel>): boolean {
    return (m.program.rewards?.catalog.length ?? 0) > 0;
  }
  run(m: LoyaltyModel, r: LoyaltyReal): void {
    const catalog = m.program.rewards?.catalog ?? [];
    const reward = catalog[this.pick % catalog.length];
    if (reward === undefined) return;
    const head = base(m, this.gap, 'redeem');
    const orders = [...m.orders.keys()];
    const orderId = reward.kind === 'points-payment' ? (orders[orders.length - 1] ?? `order-none-${m.steps}`) : undefined;
    const event: EventInput = { ...head, type: 'redemption', rewardId: reward.id, quantity: this.quantity, ...(orderId === undefined ? {} : { orderId }) };
    const price = reward.cost * this.quantity;
    applyToModel(m, r, event, ({ entries, effects, balanceAt }) => {
      const redeemed = effects.some((e) => e.type === 'reward_redeemed');
      const spent = entries.filter((e) => e.kind === 'redeem').reduce((s, e) => s - e.points, 0);
      expect(spent === (redeemed ? price : 0), () => `redemption ${event.id} of ${this.quantity} × ${reward.id} (cost ${reward.cost}) spent ${spent} points (${redeemed ? 'redeemed' : 'refused'})`);
      if (redeemed) {
        const balance = balanceAt(entries.findIndex((e) => e.kind === 'redeem'));
        expect(balance >= price + (reward.minBalanceAfter ?? 0), () => `redemption ${event.id} spent ${price} points of a balance of ${balance}`);
        m.redemptions.set(event.id, price);
      }
    });
  }
  toString(): string {
    return `Redeem(+${this.gap}min, reward #${this.pick}, ×${this.quantity})`;
  }
}
