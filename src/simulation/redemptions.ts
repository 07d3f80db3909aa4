import type { Program } from '../program/define.js';
import type { SimulationReport } from './types.js';

interface Tally {
  count: number;
  points: number;
  /** Redemptions not reversed, per member. */
  readonly members: Map<string, number>;
}

/** Redemptions per reward, net of reversals. */
export class RedemptionTally {
  readonly #rewards = new Map<string, Tally>();

  #of(rewardId: string): Tally {
    let t = this.#rewards.get(rewardId);
    if (t === undefined) this.#rewards.set(rewardId, (t = { count: 0, points: 0, members: new Map() }));
    return t;
  }

  redeemed(memberId: string, rewardId: string, points: number): void {
    const t = this.#of(rewardId);
    t.count++;
    t.points += points;
    t.members.set(memberId, (t.members.get(memberId) ?? 0) + 1);
  }

  /** A reversal: the redemption no longer counts; `returned` points came back to the member. */
  reversed(memberId: string, rewardId: string, returned: number, lost: number): void {
    const t = this.#of(rewardId);
    t.count--;
    t.points -= returned + lost;
    const left = (t.members.get(memberId) ?? 0) - 1;
    if (left > 0) t.members.set(memberId, left);
    else t.members.delete(memberId);
  }

  /** Every catalog reward in catalog order (zeros included), then any other reward redeemed. */
  report(program: Program, membersSeen: number): SimulationReport['redemptions'] {
    const ids = (program.rewards?.catalog ?? []).map((r) => r.id);
    for (const id of [...this.#rewards.keys()].sort()) if (!ids.includes(id)) ids.push(id);
    return ids.map((rewardId) => {
      const t = this.#rewards.get(rewardId);
      const members = t?.members.size ?? 0;
      return { rewardId, count: t?.count ?? 0, points: t?.points ?? 0, members, rate: membersSeen === 0 ? 0 : members / membersSeen };
    });
  }
}
