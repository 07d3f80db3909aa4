import { escapeXml } from '../svg/escape.js';

/** A cell: text, right-aligned when `num`. */
export type Cell = string | { readonly text: string; readonly num?: boolean; readonly className?: string };

/**
 * An HTML table with a caption and a header row; cells are escaped.
 *
 * @example
 * htmlTable('Tiers at the end', ['level', { text: 'members', num: true }], [['gold', { text: '12', num: true }]])
 */
export function htmlTable(caption: string, header: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const cell = (tag: 'th' | 'td', c: Cell): string => {
    const text = typeof c === 'string' ? c : c.text;
    const classes = typeof c === 'string' ? [] : [c.num === true ? 'num' : '', c.className ?? ''].filter((x) => x !== '');
    return `<${tag}${tag === 'th' ? ' scope="col"' : ''}${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>${escapeXml(text)}</${tag}>`;
  };
  return (
    `<div class="scroll"><table><caption>${escapeXml(caption)}</caption><thead><tr>${header.map((c) => cell('th', c)).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => cell('td', c)).join('')}</tr>`).join('')}</tbody></table></div>`
  );
}

/**
 * A key figure: a label, a value, an optional note.
 *
 * @example
 * card('Breakage', '12.5%', 'expired ÷ issued')
 */
export function card(label: string, value: string, note?: string): string {
  return `<div class="card"><div class="label">${escapeXml(label)}</div><div class="value">${escapeXml(value)}</div>${note === undefined ? '' : `<div class="note">${escapeXml(note)}</div>`}</div>`;
}

/**
 * A chart in a figure with a caption, its data in a table under a disclosure.
 *
 * @example
 * figure(svg, 'Points outstanding at the end of each month.', tableHtml)
 */
export function figure(svg: string, caption: string, dataTable?: string): string {
  return `<figure>${svg}<figcaption>${escapeXml(caption)}</figcaption>${dataTable === undefined ? '' : `<details><summary>Data</summary>${dataTable}</details>`}</figure>`;
}

/**
 * Text as a right-aligned (numeric) cell.
 *
 * @example
 * numCell('1,204')
 */
export const numCell = (text: string): Cell => ({ text, num: true });
