import { Dec } from '../../money/decimal.js';
import { inputError } from '../errors.js';
import type { CsvMapping } from './csv-mapping.js';
import { toEpochMs } from './local-time.js';

/** One CSV line, typed: a sale (`quantity` > 0 or `amount` > 0) or a return (negative). */
export interface CsvLine {
  readonly line: number;
  readonly memberId: string;
  readonly orderId: string;
  readonly ms: number;
  readonly sku: string | null;
  readonly category: string | null;
  /** Quantity mode: the quantity (negative for a return) and the unit price. */
  readonly quantity: number | null;
  readonly unitPrice: string | null;
  /** The signed line total, exact. */
  readonly total: Dec;
}

/** Column positions of the mapping in one file's header. */
export interface BoundColumns {
  readonly file: string;
  readonly mapping: CsvMapping;
  readonly index: Readonly<Record<string, number>>;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Finds the mapped columns in a file's header.
 *
 * @throws CliError (exit 2) `file:1: no column "X" (columns: …)`.
 * @example
 * bindColumns(mapping, ['InvoiceNo', 'Quantity', ...], 'retail.csv')
 */
export function bindColumns(mapping: CsvMapping, header: readonly string[], file: string): BoundColumns {
  const names = [mapping.member, mapping.order, mapping.time, mapping.amount, mapping.quantity, mapping.price, mapping.sku, mapping.category, mapping.derivedCategory?.column ?? null];
  const index: Record<string, number> = {};
  for (const name of names) {
    if (name === null) continue;
    const i = header.indexOf(name);
    if (i < 0) throw inputError(file, 1, `no column "${name}" (columns: ${header.join(', ')})`);
    index[name] = i;
  }
  return { file, mapping, index };
}

/**
 * Types one record under the mapping; `null` for a line without a member (a guest checkout).
 *
 * @throws CliError (exit 2) `file:line: Column: "value" is not …`.
 * @example
 * parseLine(bound, { line: 2, fields: ['536365', '85123A', …] })
 */
export function parseLine(bound: BoundColumns, line: number, fields: readonly string[]): CsvLine | null {
  const { mapping: m, file } = bound;
  const get = (column: string | null): string | null => (column === null ? null : (fields[bound.index[column] ?? -1] ?? '').trim());
  const fail = (column: string, message: string): never => {
    throw inputError(file, line, `${column}: ${message}`);
  };
  let memberId = get(m.member) ?? '';
  if (memberId === '') return null;
  if (m.trimFloatIds) memberId = memberId.replace(/\.0$/, '');
  const orderId = get(m.order) ?? '';
  if (orderId === '') fail(m.order, 'empty order id');
  const timeText = get(m.time) ?? '';
  const ms = toEpochMs(timeText, m.timezone);
  if (ms === null) fail(m.time, `${JSON.stringify(timeText)} is not a date-time (YYYY-MM-DD HH:MM[:SS], optionally with Z or an offset)`);
  let quantity: number | null = null;
  let unitPrice: string | null = null;
  let total: Dec;
  if (m.amount !== null) {
    const text = get(m.amount) ?? '';
    if (!DECIMAL.test(text)) fail(m.amount, `${JSON.stringify(text)} is not a decimal number`);
    total = new Dec(text);
  } else {
    const qText = get(m.quantity) ?? '';
    const pText = get(m.price) ?? '';
    if (!/^[+-]?\d+$/.test(qText)) fail(m.quantity ?? '', `${JSON.stringify(qText)} is not a whole number`);
    if (!DECIMAL.test(pText)) fail(m.price ?? '', `${JSON.stringify(pText)} is not a decimal number`);
    quantity = Number(qText);
    unitPrice = new Dec(pText).toFixed();
    total = new Dec(pText).times(quantity);
  }
  const sku = get(m.sku);
  let category = get(m.category);
  if (m.derivedCategory !== null) {
    const text = get(m.derivedCategory.column) ?? '';
    category = text.toUpperCase().includes(m.derivedCategory.contains.toUpperCase()) ? m.derivedCategory.category : null;
  }
  return { line, memberId, orderId, ms: ms as number, sku: sku === '' ? null : sku, category: category === '' ? null : category, quantity, unitPrice, total };
}
