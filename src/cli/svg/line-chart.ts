import { formatAxis } from '../format/number.js';
import { escapeXml, num } from './escape.js';
import { chartShell, legend, noData, PLOT, xAxis, yAxis, type ChartText, type Series } from './frame.js';
import { colorAt } from './palette.js';
import { linearScale } from './scale.js';

/** A line chart: one line per series over categories (periods). */
export interface LineChartInput extends ChartText {
  readonly labels: readonly string[];
  readonly series: readonly Series[];
  /** The message shown without data. */
  readonly empty?: string;
}

/**
 * Renders a line chart as an SVG string: a y axis from zero (or below, for negative values), one polyline
 * per series with a dot per point (a lone point is a dot), a tooltip (`<title>`) on each dot.
 *
 * @example
 * lineChart({ id: 'liability', title: 'Outstanding points', description: '…', xLabel: 'Month', yLabel: 'Points',
 *   labels: ['2011-01', '2011-02'], series: [{ name: 'outstanding', values: [120, 340] }] })
 */
export function lineChart(input: LineChartInput): string {
  const [open, close] = chartShell(input);
  const n = input.labels.length;
  if (n === 0 || input.series.length === 0) return open + noData(input.empty ?? 'No data') + close;
  const format = input.format ?? formatAxis;
  const all = input.series.flatMap((s) => s.values.slice(0, n));
  const y = linearScale(Math.min(...all), Math.max(...all), PLOT.bottom, PLOT.top);
  const band = (PLOT.right - PLOT.left) / n;
  const x = (i: number): number => PLOT.left + band * (i + 0.5);
  let body = yAxis(y, input.yLabel, format) + xAxis(input.labels, input.xLabel);
  const colors = input.series.map((s, i) => s.color ?? colorAt(i));
  if (input.series.length > 1) body += legend(input.series.map((s, i) => ({ name: s.name, color: colors[i] ?? '#000' })));
  input.series.forEach((s, si) => {
    const color = escapeXml(colors[si] ?? '#000');
    const points = s.values.slice(0, n).map((v, i) => `${num(x(i))},${num(y.map(v))}`);
    body += `<g class="series" data-series="${escapeXml(s.name)}">`;
    if (points.length > 1) body += `<polyline class="line" fill="none" stroke="${color}" stroke-width="2.5" stroke-linejoin="round" points="${points.join(' ')}"/>`;
    const r = n > 60 ? 1.8 : 3.2;
    s.values.slice(0, n).forEach((v, i) => {
      body += `<circle cx="${num(x(i))}" cy="${num(y.map(v))}" r="${r}" fill="${color}"><title>${escapeXml(`${input.labels[i] ?? ''} · ${s.name}: ${format(v)}`)}</title></circle>`;
    });
    body += '</g>';
  });
  return open + body + close;
}
