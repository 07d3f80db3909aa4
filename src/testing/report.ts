/** The readable report of a violation: the program, how to reproduce it, the events and what became of each. */
import type { EventInput } from '../events/schema.js';
import type { Program } from '../program/define.js';
import type { Delivery, Violation } from './run-stream.js';

export interface ReportInput {
  readonly program: Program;
  readonly violation: Violation;
  readonly events: readonly EventInput[];
  readonly deliveries: readonly Delivery[];
  readonly seed: number;
  readonly path: string;
  readonly runs: number;
}

function what(e: EventInput): string {
  switch (e.type) {
    case 'purchase':
      return `order ${e.orderId} ${String(e.amount)} ${e.currency}${e.items === undefined ? '' : ` (${e.items.map((i) => `${i.quantity}×${i.sku}${i.category === undefined ? '' : `/${i.category}`} @${String(i.unitPrice)}`).join(', ')})`}${e.channel === undefined ? '' : ` via ${e.channel}`}`;
    case 'refund':
      return `order ${e.orderId} ${String(e.amount)}${e.items === undefined ? '' : ` (${e.items.map((i) => `${i.quantity}×${i.sku}`).join(', ')})`}`;
    case 'redemption':
      return `reward ${e.rewardId} ×${e.quantity ?? 1}${e.orderId === undefined ? '' : ` on order ${e.orderId}`}`;
    case 'redemption_reversal':
      return `of ${e.redemptionId}`;
    case 'adjustment':
      return `${e.points > 0 ? '+' : ''}${e.points} points`;
    default:
      return '';
  }
}

function outcome(d: Delivery | undefined): string {
  if (d === undefined) return '';
  switch (d.status) {
    case 'applied':
      return d.entries === 0 ? 'applied' : `applied, ${d.points >= 0 ? '+' : ''}${d.points} points`;
    case 'duplicate':
      return 'redelivery, skipped';
    case 'refused':
      return `refused (${d.code})`;
    default:
      return 'not reached';
  }
}

/** Multi-line text: the violation, the seed and path that reproduce it, and the (shrunk) events with their outcomes. */
export function formatReport(r: ReportInput): string {
  const { program, violation: v } = r;
  const where = v.index === undefined ? 'over the whole stream' : `after event #${v.index} (${r.events[v.index]?.id ?? '?'}, member ${r.events[v.index]?.memberId ?? '?'})`;
  const width = Math.max(4, ...r.events.map((e) => e.id.length));
  const lines = [
    `checkProgram: invariant "${v.invariant}" violated ${where}`,
    `  ${v.message}`,
    `program: ${program.id} v${program.version} (${program.currency}, ${program.timezone})`,
    `seed: ${r.seed}, path: "${r.path}" (after ${r.runs} run${r.runs === 1 ? '' : 's'})`,
    `reproduce: checkProgram(program, { ...sameOptions, seed: ${r.seed}, path: ${JSON.stringify(r.path)} })`,
    `events (${r.events.length}, shrunk):`,
    ...r.events.map((e, i) => {
      const mark = i === v.index ? '  <-- violation' : '';
      return `  #${String(i).padEnd(3)} ${e.id.padEnd(width)} ${e.type.padEnd(19)} ${e.memberId.padEnd(4)} ${e.at.padEnd(29)} ${what(e)} → ${outcome(r.deliveries[i])}${mark}`;
    }),
  ];
  return lines.join('\n');
}
