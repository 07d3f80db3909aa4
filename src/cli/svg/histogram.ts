import { stackedBars } from './bar-chart.js';
import { escapeXml, num } from './escape.js';
import { PLOT, type ChartText } from './frame.js';

/** One bin of a histogram: values `from` ≤ v < `to`. */
export interface Bin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/**
 * Counts values into bins of `width` from `min` up to and including `max` (the last bin is closed, so a
 * value equal to `max` counts); values outside are ignored.
 *
 * @example
 * binCounts([0, 3, 7, 14], 7, 0, 14) // [{from:0,to:7,count:2}, {from:7,to:14,count:1}, {from:14,to:21,count:1}]
 */
export function binCounts(values: readonly number[], width: number, min: number, max: number): Bin[] {
  if (!(width > 0) || max < min) return [];
  const count = Math.floor((max - min) / width) + 1;
  const bins = Array.from({ length: count }, (_, i) => ({ from: min + i * width, to: min + (i + 1) * width, count: 0 }));
  for (const v of values) {
    if (v < min || v > max) continue;
    const bin = bins[Math.min(count - 1, Math.floor((v - min) / width))];
    if (bin !== undefined) bin.count++;
  }
  return bins;
}

/** A histogram of whole numbers (days, points). */
export interface HistogramInput extends ChartText {
  readonly values: readonly number[];
  /** Bin width (default 7). */
  readonly binWidth?: number;
  /** The range shown (default 0 to the largest value). */
  readonly min?: number;
  readonly max?: number;
  readonly color?: string;
  readonly empty?: string;
  /** A dashed vertical line at a value, labelled (e.g. the 90-day window); it must be a bin edge. */
  readonly marker?: { readonly value: number; readonly label: string };
}

/**
 * Renders a histogram of whole numbers as touching bars labelled by range (`0–6`, `7–13`, …).
 *
 * @example
 * histogram({ id: 'first-reward', title: 'Days to first reward', description: '…', xLabel: 'Days', yLabel: 'Members',
 *   values: [3, 10, 12, 40], binWidth: 7, min: 0, max: 90 })
 */
export function histogram(input: HistogramInput): string {
  const width = input.binWidth ?? 7;
  const min = input.min ?? 0;
  const max = input.max ?? Math.max(min, ...input.values);
  const bins = input.values.length === 0 ? [] : binCounts(input.values, width, min, max);
  const labels = bins.map((b) => (width === 1 ? String(b.from) : `${b.from}–${b.to - 1}`));
  const svg = stackedBars({
    ...input,
    labels,
    gap: 0.04,
    series: bins.length === 0 ? [] : [{ name: input.yLabel, values: bins.map((b) => b.count), ...(input.color === undefined ? {} : { color: input.color }) }],
  });
  const m = input.marker;
  if (m === undefined || bins.length === 0 || m.value < min || m.value > min + bins.length * width) return svg;
  const x = num(PLOT.left + ((PLOT.right - PLOT.left) / bins.length) * ((m.value - min) / width));
  const line =
    `<g class="marker"><line x1="${x}" x2="${x}" y1="${PLOT.top - 4}" y2="${PLOT.bottom}" stroke="#333" stroke-width="1.5" stroke-dasharray="5 4"/>` +
    `<text x="${x}" dx="5" y="${PLOT.top + 8}" font-size="12" fill="#333">${escapeXml(m.label)}</text></g>`;
  return svg.replace(/<\/svg>$/, `${line}</svg>`);
}

/**
 * A bin width for days: the smallest of 7, 10, 15, 30, 45, 60, 90, 180, 365 giving at most 16 bins up to
 * `maxDays`, preferring one that divides `window` (so the window is a bin edge).
 *
 * @example
 * dayBinWidth(399, 90) // 30
 */
export function dayBinWidth(maxDays: number, window: number): number {
  const candidates = [7, 10, 15, 30, 45, 60, 90, 180, 365];
  const fits = candidates.filter((c) => Math.floor(maxDays / c) + 1 <= 16);
  return fits.find((c) => window % c === 0) ?? fits[0] ?? Math.ceil((maxDays + 1) / 16);
}
