import type { SimulationReport } from '../../simulation/types.js';
import { formatInt, formatMoney, formatPercent } from './number.js';
import { orderedLevels, type ReportContext } from './context.js';
import { renderPairs, renderTable } from './table.js';

/**
 * The terminal summary of a simulation: totals, liability, breakage, first-reward share, tiers, top earners,
 * redemptions, refused events, and what the CSV reader skipped.
 *
 * @example
 * process.stdout.write(simulationSummary(report, context));
 */
export function simulationSummary(r: SimulationReport, ctx: ReportContext): string {
  const out: string[] = [];
  const money = (v: string | null): string => formatMoney(v, ctx.currency);
  out.push(`${ctx.programName} (${r.programId} v${r.programVersion})`);
  out.push(`${r.from === null ? 'no events' : `${r.from.slice(0, 10)} to ${(r.to ?? r.from).slice(0, 10)}`} · ${formatInt(r.members)} members · ${r.periods.length} ${r.periods.length === 1 ? 'period' : 'periods'}`);
  out.push('');
  out.push(
    renderPairs('Events', [
      ['read', formatInt(r.events.read)],
      ['applied', formatInt(r.events.applied)],
      ['duplicates skipped', formatInt(r.events.duplicates)],
      ['refused', formatInt(r.events.rejected)],
      ...(r.events.routed > 0 ? [['referral credits routed', formatInt(r.events.routed)] as const] : []),
    ]),
  );
  if (ctx.csv !== null) {
    const s = ctx.csv;
    out.push('');
    out.push(
      renderPairs('CSV input', [
        ['lines read', formatInt(s.lines)],
        ['guest lines (no member) skipped', formatInt(s.guestLines)],
        ['sale lines with price <= 0 skipped', formatInt(s.droppedLines)],
        ['purchases made', formatInt(s.purchases)],
        ['refunds made', formatInt(s.refunds)],
        ['return lines unmatched (skipped)', `${formatInt(s.unmatchedLines)} of ${formatInt(s.returnLines)}`],
        ['return lines matched only in part', formatInt(s.partialLines)],
      ]),
    );
  }
  out.push('');
  const t = r.totals;
  out.push(
    renderPairs('Points', [
      ['issued', formatInt(t.issued)],
      ['redeemed', formatInt(t.redeemed)],
      ['expired', formatInt(t.expired)],
      ['clawed back', formatInt(t.clawedBack)],
      ['adjusted', formatInt(t.adjusted)],
      ['outstanding at the end', formatInt(t.outstanding)],
      ['  of which pending', formatInt(t.pending)],
      [`liability${ctx.pointValue === null ? ' (give --point-value)' : ` at ${ctx.pointValue} ${ctx.currency}/point`}`, money(r.liability)],
      ['breakage (expired / issued)', formatPercent(r.breakage)],
      ['cost per member', money(r.costPerMember)],
    ]),
  );
  out.push('');
  const fr = r.firstReward;
  out.push(
    renderPairs(`First reward within ${fr.withinDays} days`, [
      ['cheapest reward', fr.rewardPoints === null ? 'no catalog reward' : `${formatInt(fr.rewardPoints)} points`],
      ['eligible members', formatInt(fr.eligible)],
      ['reached it', formatInt(fr.reached)],
      ['share (healthy: 50% or more)', formatPercent(fr.share)],
    ]),
  );
  const levels = orderedLevels(ctx.levels, r.tiers);
  if (levels.length > 0 && !(levels.length === 1 && levels[0] === 'none')) {
    out.push('');
    out.push('Tiers at the end');
    const total = Object.values(r.tiers).reduce((a, b) => a + b, 0);
    out.push(
      renderTable(
        [{ header: 'level' }, { header: 'members', align: 'right' }, { header: 'share', align: 'right' }],
        levels.map((l) => [l, formatInt(r.tiers[l] ?? 0), formatPercent(total === 0 ? null : (r.tiers[l] ?? 0) / total)]),
        '  ',
      ),
    );
  }
  if (r.topEarners.length > 0) {
    out.push('');
    out.push(`Top ${r.topEarners.length} earners`);
    out.push(
      renderTable(
        [{ header: 'member' }, { header: 'issued', align: 'right' }, { header: 'balance', align: 'right' }, { header: 'tier' }],
        r.topEarners.map((e) => [e.memberId, formatInt(e.issued), formatInt(e.outstanding), e.tier ?? '-']),
        '  ',
      ),
    );
  }
  out.push('');
  if (r.redemptions.length === 0) out.push('Redemptions: none');
  else {
    out.push('Redemptions');
    out.push(
      renderTable(
        [{ header: 'reward' }, { header: 'count', align: 'right' }, { header: 'points', align: 'right' }, { header: 'members', align: 'right' }, { header: 'rate', align: 'right' }],
        r.redemptions.map((x) => [x.rewardId, formatInt(x.count), formatInt(x.points), formatInt(x.members), formatPercent(x.rate)]),
        '  ',
      ),
    );
  }
  const segments = Object.entries(r.segments);
  if (segments.length > 0) {
    out.push('');
    out.push(renderPairs('Segments', segments.map(([name, s]) => [name, formatInt(s.count)])));
  }
  if (r.rejected.length > 0) {
    out.push('');
    const byCode = new Map<string, number>();
    for (const x of r.rejected) byCode.set(x.error.code, (byCode.get(x.error.code) ?? 0) + 1);
    const shown = r.rejected.length < r.events.rejected ? ` (first ${r.rejected.length} of ${formatInt(r.events.rejected)})` : '';
    out.push(renderPairs(`Refused events by reason${shown}`, [...byCode].sort((a, b) => b[1] - a[1]).map(([code, n]) => [code, formatInt(n)])));
    const first = r.rejected[0];
    if (first !== undefined) out.push(`  first: ${ctx.whereOf?.(first.event) ?? 'event'}: ${first.error.message}`);
  }
  return `${out.join('\n')}\n`;
}
