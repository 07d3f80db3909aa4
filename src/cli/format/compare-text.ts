import type { ComparisonReport, SimulationReport } from '../../simulation/types.js';
import { Dec } from '../../money/decimal.js';
import { orderedLevels } from './context.js';
import { formatInt, formatMoney, formatPercent, formatSigned, formatSignedMoney } from './number.js';
import { renderPairs, renderTable } from './table.js';

/** Names and money for a comparison. */
export interface CompareContext {
  readonly nameA: string;
  readonly nameB: string;
  readonly currency: string;
  readonly pointValue: string | null;
  readonly levels: readonly string[];
}

/** One row of the totals: label, A, B, B − A (all formatted). */
export type TotalsRow = readonly [string, string, string, string];

const pp = (a: number | null, b: number | null): string => (a === null || b === null ? 'n/a' : `${b - a >= 0 ? '+' : ''}${((b - a) * 100).toFixed(1)} pts`);

/**
 * The totals of A and B side by side with the difference B − A.
 *
 * @example
 * totalsRows(report, context)[0] // ['points issued', '1,000', '1,250', '+250']
 */
export function totalsRows(c: ComparisonReport, ctx: CompareContext): TotalsRow[] {
  const money = (v: string | null): string => formatMoney(v, ctx.currency);
  const moneyDiff = (a: string | null, b: string | null): string => (a === null || b === null ? 'n/a' : formatSignedMoney(new Dec(b).minus(a).toFixed(), ctx.currency));
  const int = (label: string, f: (r: SimulationReport) => number): TotalsRow => [label, formatInt(f(c.a)), formatInt(f(c.b)), formatSigned(f(c.b) - f(c.a))];
  return [
    int('points issued', (r) => r.totals.issued),
    int('redeemed', (r) => r.totals.redeemed),
    int('expired', (r) => r.totals.expired),
    int('clawed back', (r) => r.totals.clawedBack),
    int('outstanding at the end', (r) => r.totals.outstanding),
    ['liability', money(c.a.liability), money(c.b.liability), moneyDiff(c.a.liability, c.b.liability)],
    ['cost per member', money(c.a.costPerMember), money(c.b.costPerMember), moneyDiff(c.a.costPerMember, c.b.costPerMember)],
    ['breakage', formatPercent(c.a.breakage), formatPercent(c.b.breakage), pp(c.a.breakage, c.b.breakage)],
    [`first reward within ${c.b.firstReward.withinDays} days`, formatPercent(c.a.firstReward.share), formatPercent(c.b.firstReward.share), pp(c.a.firstReward.share, c.b.firstReward.share)],
    ...orderedLevels(ctx.levels, c.a.tiers, c.b.tiers).map((l): TotalsRow => [`members at ${l}`, formatInt(c.a.tiers[l] ?? 0), formatInt(c.b.tiers[l] ?? 0), formatSigned((c.b.tiers[l] ?? 0) - (c.a.tiers[l] ?? 0))]),
  ];
}

/**
 * Tier changes counted by move (`silver → gold`), most frequent first.
 *
 * @example
 * tierMoves(report) // [['silver', 'gold', 12], ['none', 'silver', 3]]
 */
export function tierMoves(c: ComparisonReport): [string, string, number][] {
  const moves = new Map<string, [string, string, number]>();
  for (const t of c.tierChanges) {
    const from = t.from ?? 'none';
    const to = t.to ?? 'none';
    const key = `${from}\u0000${to}`;
    const m = moves.get(key) ?? [from, to, 0];
    m[2]++;
    moves.set(key, m);
  }
  return [...moves.values()].sort((x, y) => y[2] - x[2] || (x[0] + x[1] < y[0] + y[1] ? -1 : 1));
}

/**
 * The comparison in the terminal: totals A, B and B − A; members who gain, lose or keep their balance;
 * tier changes by move; the most affected members.
 *
 * @example
 * process.stdout.write(comparisonText(report, context));
 */
export function comparisonText(c: ComparisonReport, ctx: CompareContext): string {
  const out: string[] = [];
  out.push(`A: ${ctx.nameA} (${c.a.programId} v${c.a.programVersion})`);
  out.push(`B: ${ctx.nameB} (${c.b.programId} v${c.b.programVersion})`);
  out.push(`${formatInt(c.members)} members · ${formatInt(c.a.events.read)} events${c.a.from === null ? '' : ` · ${c.a.from.slice(0, 10)} to ${(c.a.to ?? c.a.from).slice(0, 10)}`}`);
  out.push('');
  out.push(renderTable([{ header: 'totals' }, { header: 'A', align: 'right' }, { header: 'B', align: 'right' }, { header: 'B - A', align: 'right' }], totalsRows(c, ctx), '  '));
  out.push('');
  out.push(
    renderPairs('Members (balance at the end under B vs A)', [
      ['gain points', formatInt(c.gained)],
      ['lose points', formatInt(c.lost)],
      ['unchanged', formatInt(c.unchanged)],
      ['change tier', formatInt(c.tierChanges.length)],
    ]),
  );
  const moves = tierMoves(c);
  if (moves.length > 0) {
    out.push('');
    out.push('Tier changes at the end (A → B)');
    out.push(renderTable([{ header: 'from (A)' }, { header: 'to (B)' }, { header: 'members', align: 'right' }], moves.map(([f, t, n]) => [f, t, formatInt(n)]), '  '));
  }
  if (c.mostAffected.length > 0) {
    out.push('');
    out.push(`Most affected members (top ${c.mostAffected.length} by |balance B - A|)`);
    out.push(
      renderTable(
        [
          { header: 'member' },
          { header: 'balance A', align: 'right' },
          { header: 'balance B', align: 'right' },
          { header: 'B - A', align: 'right' },
          { header: 'issued A', align: 'right' },
          { header: 'issued B', align: 'right' },
          { header: 'tier A' },
          { header: 'tier B' },
        ],
        c.mostAffected.map((m) => [m.memberId, formatInt(m.balanceA), formatInt(m.balanceB), formatSigned(m.delta), formatInt(m.issuedA), formatInt(m.issuedB), m.tierA ?? '-', m.tierB ?? '-']),
        '  ',
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
