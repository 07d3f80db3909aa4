import { formatAxis } from '../format/number.js';
import { escapeXml, num } from './escape.js';
import { labelEvery, type LinearScale } from './scale.js';

/** What every chart says about itself: an id (unique in the page), a title, a description for screen readers, axis titles. */
export interface ChartText {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Formats y values (ticks and tooltips); default: grouped numbers, compact from a million. */
  readonly format?: (value: number) => string;
}

/** One named series of values, one per category. */
export interface Series {
  readonly name: string;
  readonly values: readonly number[];
  readonly color?: string;
}

/** The drawing area: a 640 × 330 view box, and the plot inside its margins. */
const WIDTH = 640;
const HEIGHT = 330;
const MARGIN = { top: 66, right: 18, bottom: 58, left: 80 } as const;
/**
 * The plot area inside the margins, in view-box units.
 *
 * @example
 * const band = (PLOT.right - PLOT.left) / labels.length;
 */
export const PLOT = { left: MARGIN.left, right: WIDTH - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom } as const;

/**
 * Opens an accessible chart: `role="img"`, a `<title>` and `<desc>`, the visible title, and returns the
 * closing tag with it.
 *
 * @example
 * const [open, close] = chartShell(text); return open + body + close;
 */
export function chartShell(text: ChartText): [string, string] {
  const id = escapeXml(text.id);
  const open =
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(text.title)}</title><desc id="${id}-desc">${escapeXml(text.description)}</desc>` +
    `<text class="chart-title" x="${MARGIN.left}" y="22" font-size="17" font-weight="600" fill="#1a1a1a">${escapeXml(text.title)}</text>`;
  return [open, '</svg>'];
}

/**
 * The y axis: grid lines, tick labels and the axis title.
 *
 * @example
 * yAxis(scale, 'Points', formatAxis)
 */
export function yAxis(scale: LinearScale, label: string, format: (value: number) => string = formatAxis): string {
  let out = '<g class="y-axis" font-size="12" fill="#444">';
  for (const t of scale.ticks) {
    const y = num(scale.map(t));
    out += `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y}" y2="${y}" stroke="${t === 0 ? '#888' : '#e2e2e2'}" stroke-width="1"/>`;
    out += `<text x="${PLOT.left - 8}" y="${y}" dy="0.32em" text-anchor="end">${escapeXml(format(t))}</text>`;
  }
  const mid = (PLOT.top + PLOT.bottom) / 2;
  out += `<text class="axis-label" x="14" y="${num(mid)}" transform="rotate(-90 14 ${num(mid)})" text-anchor="middle" font-size="13" fill="#222">${escapeXml(label)}</text>`;
  return `${out}</g>`;
}

/**
 * The x axis of categories (periods, bins): the baseline, every k-th label, the axis title.
 *
 * @example
 * xAxis(['2011-01', '2011-02'], 'Month')
 */
export function xAxis(labels: readonly string[], title: string): string {
  const band = (PLOT.right - PLOT.left) / Math.max(1, labels.length);
  const longest = Math.max(1, ...labels.map((l) => l.length));
  const every = labelEvery(labels.length, Math.floor((PLOT.right - PLOT.left) / (longest * 7.5 + 14)));
  let out = `<g class="x-axis" font-size="12" fill="#444"><line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="#888"/>`;
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    const x = num(PLOT.left + band * (i + 0.5));
    out += `<line x1="${x}" x2="${x}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 4}" stroke="#888"/><text x="${x}" y="${PLOT.bottom + 17}" text-anchor="middle">${escapeXml(label)}</text>`;
  });
  out += `<text class="axis-label" x="${num((PLOT.left + PLOT.right) / 2)}" y="${HEIGHT - 12}" text-anchor="middle" font-size="13" fill="#222">${escapeXml(title)}</text>`;
  return `${out}</g>`;
}

/**
 * A one-line legend under the title: a swatch and the name of each series.
 *
 * @example
 * legend([{ name: 'issued', color: '#0072B2' }])
 */
export function legend(items: readonly { readonly name: string; readonly color: string }[]): string {
  let x = MARGIN.left;
  let out = '<g class="legend" font-size="13" fill="#222">';
  for (const item of items) {
    out += `<rect x="${x}" y="34" width="12" height="12" fill="${escapeXml(item.color)}"/><text x="${x + 17}" y="44">${escapeXml(item.name)}</text>`;
    x += 17 + item.name.length * 7.5 + 18;
  }
  return `${out}</g>`;
}

/**
 * The message a chart shows when it has nothing to draw.
 *
 * @example
 * noData('No member reached a reward')
 */
export function noData(message: string): string {
  return (
    `<rect class="no-data" x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="#f6f6f6" stroke="#ddd"/>` +
    `<text x="${num((PLOT.left + PLOT.right) / 2)}" y="${num((PLOT.top + PLOT.bottom) / 2)}" text-anchor="middle" font-size="14" fill="#555">${escapeXml(message)}</text>`
  );
}
