import type { MemberExplanation } from '../explain/member-ledger.js';
import { isoInZone } from '../input/local-time.js';
import { minorUnits } from '../../money/currency.js';
import { formatDecimal, formatInt, formatSigned } from './number.js';
import { renderTable } from './table.js';

/**
 * A member's ledger as text: one row per entry (when, kind, points, running balance, rule, the order it is
 * about, and the event that caused it: type, id, time, amount), then the tier history and refused events. Times on the program's clock.
 *
 * @example
 * process.stdout.write(explanationText(explained, { id: 'shop', timezone: 'Europe/London', currency: 'GBP' }));
 */
export function explanationText(x: MemberExplanation, program: { readonly id: string; readonly timezone: string; readonly currency: string }): string {
  const amount = (text: string | undefined): string => (text === undefined ? '' : /^\d+(\.\d+)?$/.test(text) ? formatDecimal(text, minorUnits(program.currency)) : text);
  const when = (iso: string): string => (iso === '' ? '' : isoInZone(Date.parse(iso), program.timezone).slice(0, 16).replace('T', ' '));
  const out: string[] = [];
  out.push(`Member ${x.memberId} under ${program.id} (times in ${program.timezone})`);
  out.push(
    `${formatInt(x.applied)} events applied${x.duplicates > 0 ? `, ${formatInt(x.duplicates)} duplicates skipped` : ''}${x.refused.length > 0 ? `, ${formatInt(x.refused.length)} refused` : ''} · ` +
      `${formatInt(x.entries.length)} ledger entries · balance ${formatInt(x.final.balance)}${x.final.level === null ? '' : ` · tier ${x.final.level}`}`,
  );
  out.push('');
  if (x.entries.length === 0) out.push('No ledger entries.');
  else {
    out.push('Ledger');
    out.push(
      renderTable(
        [
          { header: 'when' },
          { header: 'kind' },
          { header: 'points', align: 'right' },
          { header: 'balance', align: 'right' },
          { header: 'rule' },
          { header: 'order' },
          { header: 'event' },
          { header: 'event time' },
          { header: 'event amount', align: 'right' },
        ],
        x.entries.map(({ entry, event, balance }) => [
          when(entry.at),
          entry.kind,
          formatSigned(entry.points),
          formatInt(balance),
          entry.ruleId,
          entry.orderId ?? '',
          `${event.type} ${event.id}`,
          when(event.at),
          amount(event.amount),
        ]),
        '  ',
      ),
    );
  }
  out.push('');
  if (x.tiers.length === 0) out.push('Tier history: no change');
  else {
    out.push('Tier history');
    out.push(
      renderTable(
        [{ header: 'when' }, { header: 'from' }, { header: 'to' }, { header: 'reason' }, { header: 'event' }],
        x.tiers.map((t) => [when(t.at), t.from ?? '-', t.to ?? '-', t.reason, `${t.event.type} ${t.event.id}`]),
        '  ',
      ),
    );
  }
  if (x.refused.length > 0) {
    out.push('');
    out.push('Refused events');
    out.push(renderTable([{ header: 'event' }, { header: 'where' }, { header: 'code' }, { header: 'message' }], x.refused.map((r) => [`${r.event.type} ${r.event.id}`, r.event.where ?? '', r.code, r.message]), '  '));
  }
  const t = x.final.totals;
  out.push('');
  out.push(
    `Lifetime: earned ${formatInt(t.earned)}, redeemed ${formatInt(t.redeemed)}, expired ${formatInt(t.expired)}, clawed back ${formatInt(t.clawedBack)}, ` +
      `adjusted ${formatSigned(t.adjusted)}, debt recovered ${formatInt(t.debtRecovered)} → balance ${formatInt(x.final.balance)}`,
  );
  return `${out.join('\n')}\n`;
}
