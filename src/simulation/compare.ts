import { exactMoney, pointsValue } from './money.js';
import type { Program } from '../program/define.js';
import { drive } from './drive.js';
import { checkProgram, resolveOptions } from './options.js';
import { Simulator, type MemberOutcome } from './simulator.js';
import { checkSource } from './source.js';
import type { ComparisonReport, EventSource, MemberDifference, SimulateOptions } from './types.js';

const NOBODY: MemberOutcome = { issued: 0, balance: 0, tier: null };
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The same history under two programs, in one pass (both in lockstep): both
 * reports, and the difference per member and in total (B − A): who changes
 * level, who gains or loses points, the budget difference, and the members
 * most affected (largest |balanceB − balanceA|, then member id).
 *
 * @example
 * const diff = await compare(current, draft, events, { pointValue: '0.01' });
 * console.log(diff.difference.liability, diff.tierChanges.length, diff.mostAffected[0]);
 */
export async function compare(programA: Program, programB: Program, events: EventSource, options: SimulateOptions = {}): Promise<ComparisonReport> {
  checkProgram('compare', programA, 'programA');
  checkProgram('compare', programB, 'programB');
  checkSource('compare', events);
  const resolved = resolveOptions('compare', options);
  const simA = new Simulator(programA, resolved, 'compare');
  const simB = new Simulator(programB, resolved, 'compare');
  await drive(events, [simA, simB], resolved);
  const a = simA.finish();
  const b = simB.finish();
  const ids = [...new Set([...a.members.keys(), ...b.members.keys()])].sort(byId);
  const tierChanges: { memberId: string; from: string | null; to: string | null }[] = [];
  const diffs: MemberDifference[] = [];
  let gained = 0;
  let lost = 0;
  for (const memberId of ids) {
    const x = a.members.get(memberId) ?? NOBODY;
    const y = b.members.get(memberId) ?? NOBODY;
    const delta = y.balance - x.balance;
    if (delta > 0) gained++;
    else if (delta < 0) lost++;
    if (x.tier !== y.tier) tierChanges.push({ memberId, from: x.tier, to: y.tier });
    diffs.push({ memberId, issuedA: x.issued, issuedB: y.issued, balanceA: x.balance, balanceB: y.balance, tierA: x.tier, tierB: y.tier, delta });
  }
  const mostAffected = diffs
    .filter((d) => d.delta !== 0)
    .sort((p, q) => Math.abs(q.delta) - Math.abs(p.delta) || byId(p.memberId, q.memberId))
    .slice(0, resolved.top);
  const pv = resolved.pointValue;
  return {
    a: a.report,
    b: b.report,
    members: ids.length,
    tierChanges,
    gained,
    lost,
    unchanged: ids.length - gained - lost,
    difference: {
      issued: b.report.totals.issued - a.report.totals.issued,
      outstanding: b.report.totals.outstanding - a.report.totals.outstanding,
      liability: pointsValue(b.report.totals.outstanding - a.report.totals.outstanding, pv, programB.currency),
      cost: a.cost === null || b.cost === null ? null : exactMoney(b.cost.minus(a.cost), programB.currency),
    },
    mostAffected,
  };
}
