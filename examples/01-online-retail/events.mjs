// Turns the UCI "Online Retail" invoice lines (gzipped RFC 4180 CSV) into
// loyalty-engine events: one `purchase` per invoice of a known customer, and
// one `refund` per (cancellation invoice, original order) it can be matched to.
// Streams the file with Node's own zlib + readline; money is summed exactly
// with decimal.js. Returns the events sorted by time, plus counters for a report.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { TZDate } from '@date-fns/tz';
import Decimal from 'decimal.js';

const Dec = Decimal.clone({ precision: 40 });
const COLUMNS = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];

/** Splits one CSV record (RFC 4180); returns null while a quoted field is still open. */
function parseRecord(text) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** `2010-12-01 08:26:00` on the UK wall clock → epoch ms (cached: lines of an invoice share it). */
const msCache = new Map();
function londonMs(s) {
  let ms = msCache.get(s);
  if (ms === undefined) {
    const [y, mo, d, h, mi, se] = s.split(/[- :]/).map(Number);
    msCache.set(s, (ms = new TZDate(y, mo - 1, d, h, mi, se, 'Europe/London').getTime()));
  }
  return ms;
}
const londonIso = (ms) => new TZDate(ms, 'Europe/London').toISOString();

/** Reads the CSV and groups the lines of known customers by invoice. */
async function readInvoices(path, stats) {
  const invoices = new Map();
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let header = true;
  let pending = '';
  for await (const line of lines) {
    const record = parseRecord(pending + line);
    if (record === null) { pending += line + '\n'; continue; }
    pending = '';
    if (header) {
      if (record.join(',') !== COLUMNS.join(',')) throw new Error(`unexpected CSV header: ${record.join(',')}`);
      header = false;
      continue;
    }
    stats.lines++;
    const [no, sku, description, quantity, date, unitPrice, customer] = record;
    if (customer === '') { stats.guestLines++; continue; }
    let invoice = invoices.get(no);
    if (invoice === undefined) {
      invoice = { no, memberId: `c${customer.replace(/\.0$/, '')}`, ms: Infinity, lines: [], order: invoices.size };
      invoices.set(no, invoice);
    }
    invoice.ms = Math.min(invoice.ms, londonMs(date));
    invoice.lines.push({ sku, description, quantity: Number(quantity), unitPrice });
  }
  return [...invoices.values()].sort((a, b) => a.ms - b.ms || a.order - b.order);
}

/** The demo's item category: `christmas` when the description says so. */
const christmasOnly = (description) => (description.toUpperCase().includes('CHRISTMAS') ? 'christmas' : undefined);

/** A purchase event, and the order's lines kept for matching later cancellations. */
function purchaseOf(invoice, stats, categorize) {
  const items = new Map();
  for (const l of invoice.lines) {
    if (l.quantity <= 0 || !new Dec(l.unitPrice).gt(0)) { stats.droppedLines++; continue; }
    const key = `${l.sku}\u0000${l.unitPrice}`;
    const item = items.get(key);
    if (item !== undefined) { item.quantity += l.quantity; continue; }
    const category = categorize(l.description, l.sku);
    items.set(key, { sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, ...(category === undefined ? {} : { category }) });
  }
  const list = [...items.values()];
  const amount = list.reduce((s, i) => s.plus(new Dec(i.unitPrice).times(i.quantity)), new Dec(0));
  if (amount.isZero()) { stats.zeroInvoices++; return undefined; }
  const event = {
    id: `p${invoice.no}`, type: 'purchase', memberId: invoice.memberId, at: londonIso(invoice.ms),
    orderId: invoice.no, amount: amount.toFixed(), currency: 'GBP', items: list,
  };
  return { event, order: { orderId: invoice.no, ms: invoice.ms, lines: list.map((i) => ({ ...i, left: i.quantity })) } };
}

/** Matches a cancellation's lines to the member's most recent earlier orders; one refund per order. */
function refundsOf(invoice, orders, stats) {
  const byOrder = new Map();
  for (const l of invoice.lines) {
    stats.cancelLines++;
    let need = -l.quantity;
    for (let k = orders.length - 1; k >= 0 && need > 0; k--) {
      const order = orders[k];
      for (const line of order.lines) {
        if (need === 0 || line.sku !== l.sku || line.left === 0) continue;
        const n = Math.min(need, line.left);
        line.left -= n;
        need -= n;
        let refund = byOrder.get(order.orderId);
        if (refund === undefined) byOrder.set(order.orderId, (refund = { amount: new Dec(0), items: new Map() }));
        refund.amount = refund.amount.plus(new Dec(line.unitPrice).times(n));
        refund.items.set(line.sku, (refund.items.get(line.sku) ?? 0) + n);
      }
    }
    if (need === -l.quantity) stats.unmatchedLines++;
    else if (need > 0) stats.partialLines++;
  }
  const at = londonIso(invoice.ms);
  return [...byOrder].map(([orderId, r]) => ({
    id: `r${invoice.no}:${orderId}`, type: 'refund', memberId: invoice.memberId, at, orderId,
    amount: r.amount.toFixed(), items: [...r.items].map(([sku, quantity]) => ({ sku, quantity })),
  }));
}

/**
 * Reads the data set and returns `{ events, members, stats }`: events sorted by
 * `at` (stable; a refund always follows the purchase it refunds).
 * `options.categorize(description, sku)` gives an item's `category` (or
 * undefined for none); by default items whose description says CHRISTMAS are
 * `christmas` and others have none.
 */
export async function readRetailEvents(path, { categorize = christmasOnly } = {}) {
  const stats = {
    lines: 0, guestLines: 0, droppedLines: 0, zeroInvoices: 0, purchases: 0, refunds: 0,
    cancelInvoices: 0, cancelLines: 0, unmatchedLines: 0, partialLines: 0,
  };
  const invoices = await readInvoices(path, stats);
  const ordersByMember = new Map();
  const members = new Set();
  const events = [];
  for (const invoice of invoices) {
    members.add(invoice.memberId);
    const orders = ordersByMember.get(invoice.memberId) ?? [];
    ordersByMember.set(invoice.memberId, orders);
    if (invoice.no.startsWith('C')) {
      stats.cancelInvoices++;
      const refunds = refundsOf(invoice, orders, stats);
      stats.refunds += refunds.length;
      for (const e of refunds) events.push({ ms: invoice.ms, e });
    } else {
      const made = purchaseOf(invoice, stats, categorize);
      if (made === undefined) continue;
      stats.purchases++;
      orders.push(made.order);
      events.push({ ms: invoice.ms, e: made.event });
    }
  }
  events.sort((a, b) => a.ms - b.ms); // stable: equal times keep invoice order
  return { events: events.map((x) => x.e), members, stats };
}
