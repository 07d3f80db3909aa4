import type { ComparisonReport } from '../../simulation/types.js';
import { tierMoves, totalsRows, type CompareContext } from '../format/compare-text.js';
import { formatInt, formatSigned } from '../format/number.js';
import { escapeXml } from '../svg/escape.js';
import { lineChart } from '../svg/line-chart.js';
import { page } from './page.js';
import { card, figure, htmlTable, numCell } from './parts.js';


/**
 * Aligns two period series on the union of their labels (a period missing in one counts as its last value,
 * or 0 before its first).
 *
 * @example
 * alignPeriods([{ period: '2011-01', v: 1 }], [{ period: '2011-02', v: 2 }], (p) => p.v) // { labels: ['2011-01','2011-02'], a: [1, 1], b: [0, 2] }
 */
export function alignPeriods<P extends { readonly period: string }>(a: readonly P[], b: readonly P[], value: (p: P) => number, carry = true): { labels: string[]; a: number[]; b: number[] } {
  const labels = [...new Set([...a.map((p) => p.period), ...b.map((p) => p.period)])].sort();
  const pick = (rows: readonly P[]): number[] => {
    const by = new Map(rows.map((p) => [p.period, value(p)]));
    let last = 0;
    return labels.map((l) => {
      const v = by.get(l);
      if (v !== undefined) last = v;
      return v ?? (carry ? last : 0);
    });
  };
  return { labels, a: pick(a), b: pick(b) };
}

/**
 * The comparison as one self-contained HTML page: key differences, outstanding points and points issued
 * over time under A and B, totals, tier changes, the most affected members.
 *
 * @example
 * await writeFile('diff.html', comparisonHtml(report, context));
 */
export function comparisonHtml(c: ComparisonReport, ctx: CompareContext): string {
  const unit = c.a.periods[0]?.period.includes('-W') === true ? 'Week' : 'Month';
  const outstanding = alignPeriods(c.a.periods, c.b.periods, (p) => p.outstanding);
  const issued = alignPeriods(c.a.periods, c.b.periods, (p) => p.issued, false);
  const colors = { a: '#0072B2', b: '#D55E00' };
  const parts: string[] = [];
  parts.push(`<h1>Comparison: ${escapeXml(ctx.nameA)} vs ${escapeXml(ctx.nameB)}</h1>`);
  parts.push(
    `<p class="meta">A: ${escapeXml(c.a.programId)} v${c.a.programVersion} · B: ${escapeXml(c.b.programId)} v${c.b.programVersion} · ${formatInt(c.members)} members · ${formatInt(c.a.events.read)} events</p>`,
  );
  parts.push('<div class="cards">');
  parts.push(card('Points issued, B − A', formatSigned(c.difference.issued)));
  parts.push(card('Outstanding, B − A', formatSigned(c.difference.outstanding)));
  const rows = totalsRows(c, ctx);
  parts.push(card('Liability, B − A', rows[5]?.[3] ?? 'n/a'));
  parts.push(card('Cost per member, B − A', rows[6]?.[3] ?? 'n/a'));
  parts.push(card('Members who gain', formatInt(c.gained)));
  parts.push(card('Members who lose', formatInt(c.lost)));
  parts.push(card('Members who change tier', formatInt(c.tierChanges.length)));
  parts.push('</div>');
  parts.push('<h2>Over time</h2><div class="charts">');
  parts.push(
    figure(
      lineChart({
        id: 'chart-outstanding',
        title: 'Outstanding points, A and B',
        description: `Points outstanding at the end of each ${unit.toLowerCase()} under program A and program B.`,
        xLabel: unit,
        yLabel: 'Points',
        labels: outstanding.labels,
        series: [
          { name: `A: ${c.a.programId} v${c.a.programVersion}`, values: outstanding.a, color: colors.a },
          { name: `B: ${c.b.programId} v${c.b.programVersion}`, values: outstanding.b, color: colors.b },
        ],
      }),
      `At the end: A ${formatInt(c.a.totals.outstanding)}, B ${formatInt(c.b.totals.outstanding)} (${formatSigned(c.difference.outstanding)}).`,
    ),
  );
  parts.push(
    figure(
      lineChart({
        id: 'chart-issued',
        title: 'Points issued, A and B',
        description: `Points issued in each ${unit.toLowerCase()} under program A and program B.`,
        xLabel: unit,
        yLabel: 'Points',
        labels: issued.labels,
        series: [
          { name: 'A', values: issued.a, color: colors.a },
          { name: 'B', values: issued.b, color: colors.b },
        ],
      }),
      `In total: A ${formatInt(c.a.totals.issued)}, B ${formatInt(c.b.totals.issued)} (${formatSigned(c.difference.issued)}).`,
    ),
  );
  parts.push('</div>');
  parts.push('<h2>Tables</h2>');
  parts.push(htmlTable('Totals', ['', numCell('A'), numCell('B'), numCell('B − A')], rows.map(([label, a, b, d]) => [label, numCell(a), numCell(b), numCell(d)])));
  const moves = tierMoves(c);
  parts.push(moves.length === 0 ? '<p>No member ends on a different tier.</p>' : htmlTable('Tier changes at the end (A → B)', ['from (A)', 'to (B)', numCell('members')], moves.map(([f, t, n]) => [f, t, numCell(formatInt(n))])));
  parts.push(
    htmlTable(
      `Most affected members (top ${c.mostAffected.length} by |balance B − A|)`,
      ['member', numCell('balance A'), numCell('balance B'), numCell('B − A'), numCell('issued A'), numCell('issued B'), 'tier A', 'tier B'],
      c.mostAffected.map((m) => [m.memberId, numCell(formatInt(m.balanceA)), numCell(formatInt(m.balanceB)), numCell(formatSigned(m.delta)), numCell(formatInt(m.issuedA)), numCell(formatInt(m.issuedB)), m.tierA ?? '–', m.tierB ?? '–']),
    ),
  );
  return page(`Comparison: ${ctx.nameA} vs ${ctx.nameB}`, parts.join('\n'));
}
