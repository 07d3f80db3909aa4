import { formatAxis } from '../format/number.js';
import { escapeXml, num } from './escape.js';
import { chartShell, legend, noData, PLOT, xAxis, yAxis, type ChartText, type Series } from './frame.js';
import { colorAt } from './palette.js';
import { linearScale } from './scale.js';

/** Stacked bars over categories: positive values stack up from zero, negative ones down. */
export interface BarChartInput extends ChartText {
  readonly labels: readonly string[];
  readonly series: readonly Series[];
  /** Share of each category's width left empty between bars (default 0.2; 0 for a histogram). */
  readonly gap?: number;
  readonly empty?: string;
}

/**
 * Renders stacked bars as an SVG string: one bar per category, one segment per series (positive up,
 * negative down from the zero line), a legend when there is more than one series, a tooltip on each
 * segment. Zero segments are not drawn.
 *
 * @example
 * stackedBars({ id: 'flow', title: 'Points flow', description: '…', xLabel: 'Month', yLabel: 'Points',
 *   labels: ['2011-01'], series: [{ name: 'issued', values: [500] }, { name: 'expired', values: [-40] }] })
 */
export function stackedBars(input: BarChartInput): string {
  const [open, close] = chartShell(input);
  const n = input.labels.length;
  if (n === 0 || input.series.length === 0) return open + noData(input.empty ?? 'No data') + close;
  const format = input.format ?? formatAxis;
  let top = 0;
  let bottom = 0;
  for (let i = 0; i < n; i++) {
    let up = 0;
    let down = 0;
    for (const s of input.series) {
      const v = s.values[i] ?? 0;
      if (v > 0) up += v;
      else down += v;
    }
    top = Math.max(top, up);
    bottom = Math.min(bottom, down);
  }
  const y = linearScale(bottom, top, PLOT.bottom, PLOT.top);
  const band = (PLOT.right - PLOT.left) / n;
  const gap = input.gap ?? 0.2;
  const width = Math.max(1, band * (1 - gap));
  const colors = input.series.map((s, i) => s.color ?? colorAt(i));
  let body = yAxis(y, input.yLabel, format) + xAxis(input.labels, input.xLabel);
  if (input.series.length > 1) body += legend(input.series.map((s, i) => ({ name: s.name, color: colors[i] ?? '#000' })));
  const up = new Array<number>(n).fill(0);
  const down = new Array<number>(n).fill(0);
  input.series.forEach((s, si) => {
    body += `<g class="series" data-series="${escapeXml(s.name)}" fill="${escapeXml(colors[si] ?? '#000')}">`;
    for (let i = 0; i < n; i++) {
      const v = s.values[i] ?? 0;
      if (v === 0) continue;
      const from = v > 0 ? (up[i] ?? 0) : (down[i] ?? 0);
      const to = from + v;
      if (v > 0) up[i] = to;
      else down[i] = to;
      const y0 = y.map(Math.max(from, to));
      const h = Math.max(0.5, Math.abs(y.map(to) - y.map(from)));
      const x0 = PLOT.left + band * i + (band - width) / 2;
      body += `<rect x="${num(x0)}" y="${num(y0)}" width="${num(width)}" height="${num(h)}"><title>${escapeXml(`${input.labels[i] ?? ''} · ${s.name}: ${format(v)}`)}</title></rect>`;
    }
    body += '</g>';
  });
  return open + body + close;
}
