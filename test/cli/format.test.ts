import { describe, expect, it } from 'vitest';
import { LoyaltyError } from '../../src/errors/loyalty-error.js';
import { comparisonText, tierMoves, totalsRows } from '../../src/cli/format/compare-text.js';
import { formatAxis, formatDecimal, formatInt, formatMoney, formatPercent, formatSigned, formatSignedMoney } from '../../src/cli/format/number.js';
import { simulationSummary } from '../../src/cli/format/summary.js';
import { renderPairs, renderTable } from '../../src/cli/format/table.js';
import { progressLine } from '../../src/cli/progress.js';
import { alignPeriods } from '../../src/cli/html/compare-report.js';
import type { ReportContext } from '../../src/cli/format/context.js';
import { handMadeComparison, handMadeReport } from './reports.js';

const context: ReportContext = { programName: 'Cafe club', currency: 'GBP', pointValue: '0.01', levels: ['member', 'gold'], files: ['h.ndjson'], csv: null };

describe('numbers', () => {
  it('groups thousands, signs, and never prints -0', () => {
    expect([formatInt(1234567), formatInt(-0), formatSigned(1500), formatSigned(-56), formatSigned(0)]).toEqual(['1,234,567', '0', '+1,500', '-56', '0']);
    expect([formatAxis(2_500_000), formatAxis(12_000), formatAxis(0.25)]).toEqual(['2.5M', '12,000', '0.25']);
  });
  it('formats decimal strings exactly, half to even, in the currency minor unit', () => {
    expect(formatDecimal('1234567.125', 2)).toBe('1,234,567.12');
    expect(formatDecimal('1234567.135', 2)).toBe('1,234,567.14');
    expect(formatDecimal('-0.001', 2)).toBe('0.00');
    expect(formatDecimal('-1234.5', 1)).toBe('-1,234.5');
    // 0.1 + 0.2 in decimal is exactly 0.3
    expect(formatMoney('0.30000000000000000001', 'GBP')).toBe('0.30 GBP');
    expect(formatMoney('1500', 'JPY')).toBe('1,500 JPY');
    expect(formatMoney(null, 'GBP')).toBe('n/a');
    expect([formatSignedMoney('3.1', 'EUR'), formatSignedMoney('-3.1', 'EUR'), formatSignedMoney('0', 'EUR')]).toEqual(['+3.10 EUR', '-3.10 EUR', '0.00 EUR']);
    expect([formatPercent(0.4567), formatPercent(null), formatPercent(1)]).toEqual(['45.7%', 'n/a', '100.0%']);
  });
});

describe('terminal tables', () => {
  it('aligns columns two spaces apart, numbers right, under a rule', () => {
    const table = renderTable([{ header: 'tier' }, { header: 'members', align: 'right' }], [['gold', '12'], ['platinum', '1,204']]);
    expect(table).toBe(['tier      members', '--------  -------', 'gold           12', 'platinum    1,204'].join('\n'));
  });
  it('indents, pads short rows, and counts characters not bytes', () => {
    expect(renderTable([{ header: 'a' }, { header: 'b', align: 'right' }], [['é'], ['xx', '1']], '  ')).toBe(['  a   b', '  --  -', '  é', '  xx  1'].join('\n'));
  });
  it('lists label–value pairs with values right-aligned', () => {
    expect(renderPairs('Points', [['issued', '1,200'], ['expired', '30']])).toBe(['Points', '  issued   1,200', '  expired     30'].join('\n'));
  });
});

describe('progressLine', () => {
  it('shows events, rate, share of bytes read and the time left at that pace', () => {
    // 50,000 events in 2 s = 25,000/s; a quarter of the bytes in 2 s leaves 6 s
    expect(progressLine({ events: 50_000, elapsedMs: 2000, bytesRead: 25, bytesTotal: 100 })).toBe('50,000 events · 25,000/s · 25% · ETA 0:06');
    // 10% in 400 s leaves 3,600 s
    expect(progressLine({ events: 1, elapsedMs: 400_000, bytesRead: 10, bytesTotal: 100 })).toBe('1 events · 0/s · 10% · ETA 1:00:00');
    expect(progressLine({ events: 7, elapsedMs: 1000, bytesRead: 100, bytesTotal: 100 })).toBe('7 events · 7/s · 100%');
  });
});

describe('simulationSummary', () => {
  it('prints the totals, liability, breakage, first-reward share, tiers, top earners and redemptions', () => {
    const text = simulationSummary(handMadeReport(), context);
    expect(text.split('\n').slice(0, 2)).toEqual(['Cafe club (cafe v3)', '2024-01-03 to 2024-02-20 · 4 members · 2 periods']);
    for (const line of [
      /\n {2}issued +1,000\n/,
      /\n {2}redeemed +200\n/,
      /\n {2}expired +150\n/,
      /\n {2}clawed back +50\n/,
      /\n {2}outstanding at the end +600\n/,
      /\n {4}of which pending +40\n/,
      /\n {2}liability at 0\.01 GBP\/point +6\.00 GBP\n/,
      /\n {2}breakage \(expired \/ issued\) +15\.0%\n/,
      /\n {2}cost per member +2\.50 GBP\n/,
      /\n {2}cheapest reward +100 points\n/,
      /\n {2}share \(healthy: 50% or more\) +75\.0%\n/,
      /\n {2}member +2 +50\.0%\n/,
      /\n {2}gold +2 +50\.0%\n/,
      /\n {2}ann +600 +400 +gold\n/,
      /\n {2}coffee +2 +200 +1 +25\.0%\n/,
    ]) {
      expect(text).toMatch(line);
    }
    // "none" is always 0 here: not listed
    expect(text).not.toMatch(/\n {2}none /);
  });
  it('says what is missing without a point value, tiers, rewards; lists refused events by reason with their line', () => {
    const event = { id: 'e9', type: 'refund' };
    const report = handMadeReport({
      liability: null,
      costPerMember: null,
      tiers: {},
      redemptions: [],
      firstReward: { withinDays: 90, rewardPoints: null, eligible: 0, reached: 0, share: null, days: [] },
      rejected: [{ event, error: new LoyaltyError('unknown_order', 'member m1 has no order o9') }],
    });
    const text = simulationSummary(report, { ...context, pointValue: null, levels: [], csv: { lines: 10, guestLines: 2, droppedLines: 1, zeroOrders: 0, purchases: 5, refunds: 1, returnLines: 3, unmatchedLines: 2, partialLines: 0 }, whereOf: (e) => (e === event ? 'h.ndjson:9' : undefined) });
    expect(text).toMatch(/liability \(give --point-value\) +n\/a\n/);
    expect(text).toMatch(/cheapest reward +no catalog reward\n/);
    expect(text).not.toContain('Tiers at the end');
    expect(text).toContain('Redemptions: none');
    expect(text).toMatch(/return lines unmatched \(skipped\) +2 of 3\n/);
    expect(text).toMatch(/Refused events by reason\n {2}unknown_order +1\n {2}first: h\.ndjson:9: member m1 has no order o9\n/);
  });
});

describe('comparisonText', () => {
  it('puts A, B and B − A side by side, counts tier moves, lists the most affected members', () => {
    const c = handMadeComparison();
    const ctx = { nameA: 'Cafe club', nameB: 'Cafe club, richer', currency: 'GBP', pointValue: '0.01', levels: ['member', 'gold'] };
    const rows = totalsRows(c, ctx);
    expect(rows[0]).toEqual(['points issued', '1,000', '1,300', '+300']);
    expect(rows[4]).toEqual(['outstanding at the end', '600', '900', '+300']);
    // 9.00 − 6.00 and 3.25 − 2.50
    expect(rows[5]).toEqual(['liability', '6.00 GBP', '9.00 GBP', '+3.00 GBP']);
    expect(rows[6]).toEqual(['cost per member', '2.50 GBP', '3.25 GBP', '+0.75 GBP']);
    expect(rows.slice(-2)).toEqual([
      ['members at member', '2', '1', '-1'],
      ['members at gold', '2', '3', '+1'],
    ]);
    expect(tierMoves(c)).toEqual([['member', 'gold', 1]]);
    const text = comparisonText(c, ctx);
    expect(text).toContain('A: Cafe club (cafe v3)\nB: Cafe club, richer (cafe v4)\n');
    expect(text).toMatch(/\n {2}gain points +3\n {2}lose points +0\n {2}unchanged +1\n {2}change tier +1\n/);
    expect(text).toMatch(/\n {2}ann +400 +600 +\+200 +600 +800 +gold +gold\n/);
  });
  it('aligns periods of A and B on their union, carrying balances forward', () => {
    const rows = [
      { period: '2024-01', v: 1 },
      { period: '2024-03', v: 3 },
    ];
    expect(alignPeriods(rows, [{ period: '2024-02', v: 5 }], (p) => p.v)).toEqual({ labels: ['2024-01', '2024-02', '2024-03'], a: [1, 1, 3], b: [0, 5, 5] });
    expect(alignPeriods(rows, [{ period: '2024-02', v: 5 }], (p) => p.v, false)).toEqual({ labels: ['2024-01', '2024-02', '2024-03'], a: [1, 0, 3], b: [0, 5, 0] });
  });
});
