import { basename } from 'node:path';
import type { SimulationReport } from '../../simulation/types.js';
import { orderedLevels, type ReportContext } from '../format/context.js';
import { formatInt, formatMoney, formatPercent } from '../format/number.js';
import { stackedBars } from '../svg/bar-chart.js';
import { escapeXml } from '../svg/escape.js';
import { dayBinWidth, histogram } from '../svg/histogram.js';
import { lineChart } from '../svg/line-chart.js';
import { colorAt, NONE_COLOR } from '../svg/palette.js';
import { page } from './page.js';
import { card, figure, htmlTable, numCell, type Cell } from './parts.js';

const FLOW_COLORS = { issued: '#009E73', redeemed: '#0072B2', expired: '#E69F00', clawedBack: '#D55E00', adjusted: '#CC79A7' } as const;

/**
 * The four charts of a simulation (liability or outstanding points, tier populations, points flow, time to
 * first reward) as SVG strings, with their captions.
 *
 * @example
 * const charts = simulationCharts(report, context); charts.map((c) => c.svg)
 */
export function simulationCharts(r: SimulationReport, ctx: ReportContext): { id: string; svg: string; caption: string }[] {
  const labels = r.periods.map((p) => p.period);
  const unit = r.periods[0]?.period.includes('-W') === true ? 'Week' : 'Month';
  const withValue = ctx.pointValue !== null;
  const liability = lineChart({
    id: 'chart-liability',
    title: withValue ? `Outstanding liability (${ctx.currency})` : 'Outstanding points',
    description: withValue
      ? `Points outstanding at the end of each ${unit.toLowerCase()} times the point value ${ctx.pointValue ?? ''} ${ctx.currency}.`
      : `Points outstanding (sum of balances) at the end of each ${unit.toLowerCase()}.`,
    xLabel: unit,
    yLabel: withValue ? `Liability (${ctx.currency})` : 'Points',
    labels,
    series: [{ name: withValue ? 'liability' : 'outstanding', values: r.periods.map((p) => (withValue ? Number(p.liability ?? 0) : p.outstanding)), color: '#0072B2' }],
  });
  const levels = orderedLevels(ctx.levels, ...r.periods.map((p) => p.tiers));
  const hasTiers = levels.some((l) => l !== 'none');
  const tiers = stackedBars({
    id: 'chart-tiers',
    title: 'Tier populations',
    description: `Members at each level at the end of each ${unit.toLowerCase()}, stacked (none: no level).`,
    xLabel: unit,
    yLabel: 'Members',
    labels: hasTiers ? labels : [],
    empty: 'This program has no tiers',
    series: levels.map((l, i) => ({ name: l, values: r.periods.map((p) => p.tiers[l] ?? 0), color: l === 'none' ? NONE_COLOR : colorAt(levels[0] === 'none' ? i - 1 : i) })),
  });
  const flow = stackedBars({
    id: 'chart-flow',
    title: 'Points flow',
    description: `Points issued (up) and redeemed, expired and clawed back (down) in each ${unit.toLowerCase()}; adjustments signed.`,
    xLabel: unit,
    yLabel: 'Points',
    labels,
    series: [
      { name: 'issued', values: r.periods.map((p) => p.issued), color: FLOW_COLORS.issued },
      { name: 'redeemed', values: r.periods.map((p) => -p.redeemed), color: FLOW_COLORS.redeemed },
      { name: 'expired', values: r.periods.map((p) => -p.expired), color: FLOW_COLORS.expired },
      { name: 'clawed back', values: r.periods.map((p) => -p.clawedBack), color: FLOW_COLORS.clawedBack },
      ...(r.periods.some((p) => p.adjusted !== 0) ? [{ name: 'adjusted', values: r.periods.map((p) => p.adjusted), color: FLOW_COLORS.adjusted }] : []),
    ],
  });
  const fr = r.firstReward;
  const maxDays = Math.max(fr.withinDays, ...fr.days);
  const firstReward = histogram({
    id: 'chart-first-reward',
    title: 'Days to first reward',
    description: `Members by the days from their first event to the day their balance first covered the cheapest reward${fr.rewardPoints === null ? '' : ` (${fr.rewardPoints} points)`}.`,
    xLabel: 'Days from the first event',
    yLabel: 'Members',
    values: fr.days,
    binWidth: dayBinWidth(maxDays, fr.withinDays),
    marker: { value: fr.withinDays, label: `${fr.withinDays} days` },
    min: 0,
    max: maxDays,
    color: '#009E73',
    empty: fr.rewardPoints === null ? 'The program has no catalog reward' : 'No member reached a reward',
  });
  const share = fr.share === null ? 'no member was eligible' : `${formatPercent(fr.share)} of eligible members (${formatInt(fr.reached)} of ${formatInt(fr.eligible)}) reached it within ${fr.withinDays} days`;
  return [
    { id: 'liability', svg: liability, caption: withValue ? `Liability at ${ctx.pointValue ?? ''} ${ctx.currency} per point; at the end: ${formatMoney(r.liability, ctx.currency)}.` : `Outstanding at the end: ${formatInt(r.totals.outstanding)} points. Give --point-value to see it in money.` },
    { id: 'tiers', svg: tiers, caption: hasTiers ? `At the end: ${levels.map((l) => `${l} ${formatInt(r.tiers[l] ?? 0)}`).join(', ')}.` : 'The program declares no tier levels.' },
    { id: 'flow', svg: flow, caption: `In total: ${formatInt(r.totals.issued)} issued, ${formatInt(r.totals.redeemed)} redeemed, ${formatInt(r.totals.expired)} expired, ${formatInt(r.totals.clawedBack)} clawed back.` },
    { id: 'first-reward', svg: firstReward, caption: fr.rewardPoints === null ? 'Time to first reward needs a rewards catalog.' : `Cheapest reward: ${formatInt(fr.rewardPoints)} points; ${share} (a healthy program gets at least half there).` },
  ];
}

/**
 * The simulation report as one self-contained HTML page: key figures, four inline SVG charts, tables.
 *
 * @example
 * await writeFile('report.html', simulationHtml(report, context));
 */
export function simulationHtml(r: SimulationReport, ctx: ReportContext): string {
  const money = (v: string | null): string => formatMoney(v, ctx.currency);
  const withValue = ctx.pointValue !== null;
  const fr = r.firstReward;
  const parts: string[] = [];
  parts.push(`<h1>${escapeXml(ctx.programName)}</h1>`);
  parts.push(
    `<p class="meta">Program ${escapeXml(r.programId)} v${r.programVersion} · ${r.from === null ? 'no events' : `${escapeXml(r.from.slice(0, 10))} to ${escapeXml((r.to ?? r.from).slice(0, 10))}`} · ` +
      `${formatInt(r.events.read)} events read, ${formatInt(r.events.applied)} applied, ${formatInt(r.events.rejected)} refused · ${formatInt(r.members)} members · ` +
      `from ${escapeXml(ctx.files.map((f) => basename(f)).join(', '))}</p>`,
  );
  parts.push('<div class="cards">');
  parts.push(card('Points issued', formatInt(r.totals.issued)));
  parts.push(card('Redeemed', formatInt(r.totals.redeemed)));
  parts.push(card('Expired', formatInt(r.totals.expired), `breakage ${formatPercent(r.breakage)}`));
  parts.push(card('Clawed back', formatInt(r.totals.clawedBack), 'by refunds'));
  parts.push(card('Outstanding', formatInt(r.totals.outstanding), `${formatInt(r.totals.pending)} pending`));
  parts.push(card('Liability', money(r.liability), withValue ? `at ${ctx.pointValue ?? ''} ${ctx.currency} per point` : 'give --point-value'));
  parts.push(card(`First reward within ${fr.withinDays} days`, formatPercent(fr.share), `${formatInt(fr.reached)} of ${formatInt(fr.eligible)} eligible members`));
  parts.push(card('Cost per member', money(r.costPerMember), `${formatInt(r.members)} members`));
  parts.push('</div>');
  parts.push('<h2>Over time</h2><div class="charts">');
  const periodTable = htmlTable(
    'Per period',
    ['period', numCell('issued'), numCell('redeemed'), numCell('expired'), numCell('clawed back'), numCell('adjusted'), numCell('outstanding'), numCell('liability'), numCell('active members')],
    r.periods.map((p) => [p.period, numCell(formatInt(p.issued)), numCell(formatInt(p.redeemed)), numCell(formatInt(p.expired)), numCell(formatInt(p.clawedBack)), numCell(formatInt(p.adjusted)), numCell(formatInt(p.outstanding)), numCell(money(p.liability)), numCell(formatInt(p.activeMembers))]),
  );
  for (const c of simulationCharts(r, ctx)) parts.push(figure(c.svg, c.caption));
  parts.push('</div>');
  parts.push('<h2>Tables</h2>');
  parts.push(periodTable);
  const levels = orderedLevels(ctx.levels, r.tiers);
  const total = Object.values(r.tiers).reduce((a, b) => a + b, 0);
  if (levels.some((l) => l !== 'none')) {
    parts.push(htmlTable('Tiers at the end', ['level', numCell('members'), numCell('share')], levels.map((l) => [l, numCell(formatInt(r.tiers[l] ?? 0)), numCell(formatPercent(total === 0 ? null : (r.tiers[l] ?? 0) / total))])));
  }
  parts.push(htmlTable(`Top ${r.topEarners.length} earners`, ['member', numCell('points issued'), numCell('balance'), 'tier'], r.topEarners.map((e) => [e.memberId, numCell(formatInt(e.issued)), numCell(formatInt(e.outstanding)), e.tier ?? '–'])));
  parts.push(
    r.redemptions.length === 0
      ? '<p>No rewards were redeemed in this history.</p>'
      : htmlTable('Redemptions per reward', ['reward', numCell('redemptions'), numCell('points'), numCell('members'), numCell('rate')], r.redemptions.map((x) => [x.rewardId, numCell(formatInt(x.count)), numCell(formatInt(x.points)), numCell(formatInt(x.members)), numCell(formatPercent(x.rate))])),
  );
  const segments = Object.entries(r.segments);
  if (segments.length > 0) parts.push(htmlTable('Segments', ['segment', numCell('members')], segments.map(([name, s]) => [name, numCell(formatInt(s.count))])));
  if (ctx.csv !== null) {
    const s = ctx.csv;
    const rows: [string, number][] = [
      ['CSV lines read', s.lines],
      ['guest lines (no member) skipped', s.guestLines],
      ['sale lines with a price of 0 or less skipped', s.droppedLines],
      ['purchases made', s.purchases],
      ['refunds made', s.refunds],
      ['return lines', s.returnLines],
      ['return lines matching no earlier order (skipped)', s.unmatchedLines],
      ['return lines matched only in part', s.partialLines],
    ];
    parts.push(htmlTable('Input', ['', numCell('lines')], rows.map(([k, v]) => [k, numCell(formatInt(v))])));
  }
  if (r.rejected.length > 0) {
    const rows: Cell[][] = r.rejected.map((x) => [ctx.whereOf?.(x.event) ?? '', eventId(x.event), x.error.code, x.error.message]);
    const byCode = new Map<string, number>();
    for (const x of r.rejected) byCode.set(x.error.code, (byCode.get(x.error.code) ?? 0) + 1);
    const shown = r.rejected.length < r.events.rejected ? `the first ${r.rejected.length} of ${formatInt(r.events.rejected)}` : formatInt(r.events.rejected);
    parts.push(`<h2>Refused events</h2><p>${formatInt(r.events.rejected)} events were refused by the engine and not applied; by reason, among ${escapeXml(shown)}: ${escapeXml([...byCode].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${formatInt(n)}`).join(', '))}.</p>`);
    parts.push(`<details><summary>List (${escapeXml(shown)})</summary>${htmlTable('Refused events', ['where', 'event', 'code', 'message'], rows)}</details>`);
  }
  return page(`Simulation: ${ctx.programName}`, parts.join('\n'));
}

function eventId(event: unknown): string {
  const id = event !== null && typeof event === 'object' ? (event as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id : '';
}
