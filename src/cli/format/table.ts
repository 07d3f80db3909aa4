/** A column of a terminal table. */
export interface Column {
  readonly header: string;
  /** `right` for numbers. */
  readonly align?: 'left' | 'right';
}

const width = (s: string): number => [...s].length;
const pad = (s: string, w: number, align: 'left' | 'right'): string =>
  align === 'right' ? ' '.repeat(w - width(s)) + s : s + ' '.repeat(w - width(s));

/**
 * A plain-text table: a header, a rule, one line per row, columns two spaces apart, numbers right-aligned.
 * Rows shorter than the columns are padded with empty cells.
 *
 * @example
 * renderTable([{ header: 'tier' }, { header: 'members', align: 'right' }], [['gold', '12']])
 * // 'tier  members\n----  -------\ngold       12'
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = ''): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    indent + columns.map((c, i) => pad(cells[i] ?? '', widths[i] ?? 0, c.align ?? 'left')).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Label–value pairs under a title, values right-aligned in one column.
 *
 * @example
 * renderPairs('Points', [['issued', '1,200'], ['expired', '30']])
 * // 'Points\n  issued   1,200\n  expired     30'
 */
export function renderPairs(title: string, pairs: readonly (readonly [string, string])[]): string {
  const left = Math.max(0, ...pairs.map(([k]) => width(k)));
  const right = Math.max(0, ...pairs.map(([, v]) => width(v)));
  return [title, ...pairs.map(([k, v]) => `  ${pad(k, left, 'left')}  ${pad(v, right, 'right')}`)].join('\n');
}
