import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stackedBars } from '../../src/cli/svg/bar-chart.js';
import { escapeXml } from '../../src/cli/svg/escape.js';
import { binCounts, dayBinWidth, histogram } from '../../src/cli/svg/histogram.js';
import { lineChart } from '../../src/cli/svg/line-chart.js';
import { labelEvery, linearScale, niceStep } from '../../src/cli/svg/scale.js';
import { parseRecord } from '../../src/cli/input/csv-record.js';

// The drawing area (src/cli/svg/frame.ts): 640 × 330, margins top 66, right 18, bottom 58, left 80,
// so the plot runs x 80 … 622 (542 wide) and y 66 … 272 (206 high).
const text = { id: 'c', title: 'T', description: 'D', xLabel: 'Month', yLabel: 'Points' };
const attr = (svg: string, tag: string, name: string): string[] => [...svg.matchAll(new RegExp(`<${tag} [^>]*?\\b${name}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');

describe('scales', () => {
  it('rounds steps up to 1, 2 or 5 times a power of ten', () => {
    expect([niceStep(37), niceStep(17.4), niceStep(0.3), niceStep(1), niceStep(1001), niceStep(0)]).toEqual([50, 20, 0.5, 1, 2000, 1]);
  });
  it('widens the domain to nice ticks, from zero', () => {
    // 87 / 5 = 17.4 → step 20 → 0 … 100
    const y = linearScale(0, 87, 300, 0);
    expect(y.ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect([y.map(0), y.map(50), y.map(100)]).toEqual([300, 150, 0]);
    // −30 … 70: 100 / 5 = 20 → −40 … 80
    expect(linearScale(-30, 70, 0, 1).ticks).toEqual([-40, -20, 0, 20, 40, 60, 80]);
  });
  it('gives an all-zero or one-value domain a usable range', () => {
    expect(linearScale(0, 0, 0, 1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearScale(5, 5, 0, 1).ticks).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('labels every k-th category so that at most max show', () => {
    expect([labelEvery(53, 12), labelEvery(12, 12), labelEvery(0, 12), labelEvery(5, 0)]).toEqual([5, 1, 1, 5]);
  });
  it('property: the ticks cover the data and zero, at most 12 of them, and the map is increasing', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: -1e9, max: 1e9, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        // spans below 10⁻⁹ are drawn as 0 … 1 (documented): the property is about the others
        fc.pre(Math.max(0, hi) - Math.min(0, lo) >= 1e-9);
        const s = linearScale(lo, hi, 0, 100);
        const first = s.ticks[0] ?? NaN;
        const last = s.ticks[s.ticks.length - 1] ?? NaN;
        const slack = (last - first) * 1e-9; // floating point at the edges
        expect(first).toBeLessThanOrEqual(Math.min(0, lo) + slack);
        expect(last).toBeGreaterThanOrEqual(Math.max(0, hi) - slack);
        expect(s.ticks.length).toBeGreaterThanOrEqual(2);
        expect(s.ticks.length).toBeLessThanOrEqual(12);
        expect(s.map(first)).toBeCloseTo(0, 6);
        expect(s.map(last)).toBeCloseTo(100, 6);
        if (hi > lo) expect(s.map(hi)).toBeGreaterThan(s.map(lo));
      }),
    );
  });
});

describe('binCounts', () => {
  it('counts values into bins of a width, the maximum included, values outside ignored', () => {
    expect(binCounts([0, 3, 7, 14, 15, -1], 7, 0, 14)).toEqual([
      { from: 0, to: 7, count: 2 },
      { from: 7, to: 14, count: 1 },
      { from: 14, to: 21, count: 1 },
    ]);
    expect(binCounts([1, 2], 0, 0, 10)).toEqual([]);
  });
  it('property: every value in range is counted once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10, max: 400 })), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 365 }), (values, width, max) => {
        const total = binCounts(values, width, 0, max).reduce((s, b) => s + b.count, 0);
        expect(total).toBe(values.filter((v) => v >= 0 && v <= max).length);
      }),
    );
  });
});

describe('lineChart', () => {
  it('is an accessible image: role, title, description, axis titles, escaped text', () => {
    const svg = lineChart({ ...text, title: 'Points < 5 & more', labels: ['2011-01'], series: [{ name: 'outstanding', values: [3] }] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('role="img" aria-labelledby="c-title c-desc"');
    expect(svg).toContain('<title id="c-title">Points &lt; 5 &amp; more</title><desc id="c-desc">D</desc>');
    expect(svg).toContain('>Month</text>');
    expect(svg).toContain('>Points</text>');
  });
  it('draws "No data" and no line for empty data', () => {
    const svg = lineChart({ ...text, labels: [], series: [], empty: 'Nothing yet' });
    expect(svg).toContain('Nothing yet');
    expect(svg).not.toContain('<polyline');
    expect(svg).not.toContain('<circle');
  });
  it('draws a lone point as a dot in the middle of the plot', () => {
    const svg = lineChart({ ...text, labels: ['2011-01'], series: [{ name: 's', values: [50] }] });
    expect(svg).not.toContain('<polyline');
    // one band 542 wide: x = 80 + 271 = 351; 50 is the top tick (step 10 → 0 … 50): y = 66
    expect(attr(svg, 'circle', 'cx')).toEqual(['351']);
    expect(attr(svg, 'circle', 'cy')).toEqual(['66']);
    expect(svg).toContain('<title>2011-01 · s: 50</title>');
  });
  it('places points at band centres on the y scale, one line and legend entry per series', () => {
    const svg = lineChart({ ...text, labels: ['a', 'b', 'c'], series: [{ name: 'A', values: [0, 10, 20] }, { name: 'B', values: [20, 20, 20] }] });
    // bands of 542 / 3 = 180.67: centres 170.33, 351, 531.67; 0 … 20 (step 5) over 272 … 66: y(10) = 169
    expect(attr(svg, 'polyline', 'points')).toEqual(['170.33,272 351,169 531.67,66', '170.33,66 351,66 531.67,66']);
    expect(svg).toContain('<g class="legend"');
    expect(svg).toContain('>A</text>');
    expect([...svg.matchAll(/<text [^>]*>(\d+)<\/text>/g)].map((m) => m[1])).toEqual(['0', '5', '10', '15', '20']);
  });
});

describe('stackedBars', () => {
  it('stacks positive values up and negative values down from the zero line', () => {
    const svg = stackedBars({ ...text, labels: ['2011-01'], series: [{ name: 'issued', values: [100] }, { name: 'expired', values: [-40] }, { name: 'redeemed', values: [0] }] });
    // −40 … 100: 140 / 5 = 28 → step 50 → −50 … 100, 206 px for 150 points: 1.3733 px per point.
    // issued: from y(100) = 66 down to y(0) = 272 − 50 × 1.3733 = 203.33 → height 137.33;
    // expired: from y(0) = 203.33 to y(−40) = 272 − 10 × 1.3733 = 258.27 → height 54.93.
    // One band 542 wide, 20% gap: bar 433.6 wide at 80 + 54.2 = 134.2.
    expect(attr(svg, 'rect', 'y').slice(-2)).toEqual(['66', '203.33']);
    expect(attr(svg, 'rect', 'height').slice(-2)).toEqual(['137.33', '54.93']);
    expect(attr(svg, 'rect', 'x').slice(-2)).toEqual(['134.2', '134.2']);
    expect(attr(svg, 'rect', 'width').slice(-2)).toEqual(['433.6', '433.6']);
    // the zero "redeemed" value draws nothing, though it is in the legend
    expect(svg).not.toContain('redeemed: 0');
    expect(svg).toContain('>redeemed</text>');
    expect(svg).toContain('<title>2011-01 · expired: -40</title>');
  });
  it('draws "No data" without categories', () => {
    expect(stackedBars({ ...text, labels: [], series: [{ name: 'x', values: [] }] })).toContain('No data');
  });
});

describe('histogram', () => {
  it('labels bins by whole-number ranges and draws one touching bar per non-empty bin', () => {
    const svg = histogram({ ...text, values: [1, 2, 8, 20], binWidth: 7, min: 0, max: 20 });
    // bins 0–6 (2), 7–13 (1), 14–20 (1)
    expect(svg).toContain('>0–6</text>');
    expect(svg).toContain('>14–20</text>');
    expect([...svg.matchAll(/<title>([^<]*)<\/title><\/rect>/g)].map((m) => m[1])).toEqual(['0–6 · Points: 2', '7–13 · Points: 1', '14–20 · Points: 1']);
  });
  it('marks a value with a dashed line at its bin edge', () => {
    const svg = histogram({ ...text, values: [1, 2, 8, 20], binWidth: 7, min: 0, max: 20, marker: { value: 14, label: '14 days' } });
    // three bins over 542 px: 14 is the start of the third, 80 + 2 × 180.67 = 441.33
    expect(svg).toContain('<line x1="441.33" x2="441.33"');
    expect(svg).toContain('>14 days</text>');
  });
  it('picks day bins that keep the window on an edge, at most 16 of them', () => {
    // 0 … 399 days: 30-day bins (14 of them; 7, 10 and 15 would make 58, 40 and 27); 90 = 3 × 30
    expect(dayBinWidth(399, 90)).toBe(30);
    // 0 … 90: 10-day bins (10 of them), 7 would not divide 90
    expect(dayBinWidth(90, 90)).toBe(10);
    expect(dayBinWidth(60, 28)).toBe(7);
  });
  it('says so when there is nothing to count', () => {
    expect(histogram({ ...text, values: [], empty: 'No member reached a reward' })).toContain('No member reached a reward');
  });
});

describe('escapeXml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('CSV quoting round trip', () => {
  it('property: fields written with RFC 4180 quoting parse back to the same fields', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' ', 'é') }), { minLength: 1, maxLength: 6 }), (fields) => {
        const line = fields.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
        expect(parseRecord(line)).toEqual(fields);
      }),
    );
  });
});
