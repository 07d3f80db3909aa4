import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { csvEvents } from '../../src/cli/input/csv-events.js';
import { resolveCsvMapping, type CsvMapping } from '../../src/cli/input/csv-mapping.js';
import { csvRecords, parseRecord } from '../../src/cli/input/csv-record.js';
import { emptyCsvStats } from '../../src/cli/input/csv-stats.js';
import { readLines } from '../../src/cli/input/files.js';
import { toEpochMs } from '../../src/cli/input/local-time.js';
import { collect, linesOf, tempDir } from './helpers.js';

const london = { timezone: 'Europe/London', currency: 'GBP' };

describe('parseRecord (RFC 4180)', () => {
  it('splits fields, with delimiters and doubled quotes inside quotes', () => {
    expect(parseRecord('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
    expect(parseRecord('x;"1;2";y', ';')).toEqual(['x', '1;2', 'y']);
  });
  it('returns null while a quoted field is open', () => {
    expect(parseRecord('a,"b')).toBeNull();
    expect(parseRecord('a,"b\nc"')).toEqual(['a', 'b\nc']);
  });
});

describe('csvRecords', () => {
  it('joins a quoted field over lines, numbers records by their first line, skips blank lines and a BOM', async () => {
    const records = await collect(csvRecords(linesOf('\uFEFFid,text', '1,"two', 'lines"', '', '2,plain'), 'f.csv'));
    expect(records).toEqual([
      { line: 1, fields: ['id', 'text'] },
      { line: 2, fields: ['1', 'two\nlines'] },
      { line: 5, fields: ['2', 'plain'] },
    ]);
  });
  it('names the line of a quote never closed', async () => {
    await expect(collect(csvRecords(linesOf('id,text', '1,ok', '2,"open'), 'f.csv'))).rejects.toThrow('f.csv:3: a quoted field is never closed');
  });
});

describe('toEpochMs', () => {
  it('reads naive times on the wall clock of the zone (GMT in winter, BST in summer)', () => {
    expect(toEpochMs('2011-01-10 09:30:00', 'Europe/London')).toBe(Date.parse('2011-01-10T09:30:00Z'));
    // 1 June is in British Summer Time (UTC+1): 09:30 local is 08:30 UTC
    expect(toEpochMs('2011-06-01 09:30', 'Europe/London')).toBe(Date.parse('2011-06-01T08:30:00Z'));
    expect(toEpochMs('2011-06-01T09:30:00', 'Europe/Warsaw')).toBe(Date.parse('2011-06-01T07:30:00Z'));
    expect(toEpochMs('2011-06-01', 'Europe/London')).toBe(Date.parse('2011-05-31T23:00:00Z'));
  });
  it('takes times with an offset as written, whatever the zone', () => {
    expect(toEpochMs('2011-06-01T09:30:00Z', 'Europe/London')).toBe(Date.parse('2011-06-01T09:30:00Z'));
    expect(toEpochMs('2011-06-01 09:30:00+02:00', 'Europe/London')).toBe(Date.parse('2011-06-01T07:30:00Z'));
  });
  it('refuses what is not a date-time, and days that do not exist', () => {
    expect(toEpochMs('12/1/2010 8:26', 'Europe/London')).toBeNull();
    expect(toEpochMs('2011-02-30 10:00', 'Europe/London')).toBeNull();
    expect(toEpochMs('2011-13-01 10:00', 'Europe/London')).toBeNull();
    expect(toEpochMs('', 'Europe/London')).toBeNull();
  });
});

describe('resolveCsvMapping', () => {
  it('fills the online-retail preset: columns, SKUs, UK time, Christmas category, float ids trimmed', () => {
    const m = resolveCsvMapping({ preset: 'online-retail' }, { timezone: 'UTC', currency: 'GBP' });
    expect(m).toMatchObject({
      member: 'CustomerID',
      order: 'InvoiceNo',
      time: 'InvoiceDate',
      quantity: 'Quantity',
      price: 'UnitPrice',
      amount: null,
      sku: 'StockCode',
      timezone: 'Europe/London',
      trimFloatIds: true,
      derivedCategory: { column: 'Description', contains: 'CHRISTMAS', category: 'christmas' },
      currency: 'GBP',
      groupWindowMs: 3_600_000,
    });
  });
  it('lets flags override the preset, and --csv-amount replace quantity and price', () => {
    const m = resolveCsvMapping({ preset: 'online-retail', amount: 'Total', timezone: 'UTC', groupMinutes: '5' }, london);
    expect(m).toMatchObject({ amount: 'Total', quantity: null, price: null, timezone: 'UTC', groupWindowMs: 300_000 });
  });
  it("uses the program's time zone for naive times when nothing else says", () => {
    const m = resolveCsvMapping({ member: 'm', order: 'o', time: 't', amount: 'a' }, { timezone: 'Europe/Warsaw', currency: 'PLN' });
    expect(m).toMatchObject({ timezone: 'Europe/Warsaw', currency: 'PLN', sku: null, derivedCategory: null, trimFloatIds: false });
  });
  it('names what is missing or wrong', () => {
    expect(() => resolveCsvMapping({ member: 'm' }, london)).toThrow('CSV input needs --csv-order, --csv-time');
    expect(() => resolveCsvMapping({ member: 'm', order: 'o', time: 't' }, london)).toThrow('--csv-amount COLUMN');
    expect(() => resolveCsvMapping({ member: 'm', order: 'o', time: 't', quantity: 'q' }, london)).toThrow('--csv-quantity COLUMN and --csv-price COLUMN');
    expect(() => resolveCsvMapping({ member: 'm', order: 'o', time: 't', amount: 'a', quantity: 'q' }, london)).toThrow('not both');
    expect(() => resolveCsvMapping({ preset: 'nope' }, london)).toThrow('unknown preset "nope" (known: online-retail)');
    expect(() => resolveCsvMapping({ preset: 'online-retail', timezone: 'Mars/Base' }, london)).toThrow('unknown time zone "Mars/Base"');
    expect(() => resolveCsvMapping({ preset: 'online-retail', groupMinutes: 'x' }, london)).toThrow('--csv-group-minutes');
  });
});

const HEADER = 'Order,Sku,Qty,When,Price,Customer,Description';
const retail: CsvMapping = resolveCsvMapping(
  { member: 'Customer', order: 'Order', time: 'When', quantity: 'Qty', price: 'Price', sku: 'Sku', timezone: 'Europe/London' },
  london,
);
const withChristmas: CsvMapping = { ...retail, derivedCategory: { column: 'Description', contains: 'christmas', category: 'christmas' } };

describe('csvEvents: lines grouped into orders, returns into refunds', () => {
  const lines = [
    HEADER,
    'A1,S1,2,2024-01-05 10:00:00,1.50,c1,Mug',
    'A1,S2,1,2024-01-05 10:00:00,10.00,c1,"Tree, Christmas"',
    'G1,S1,1,2024-01-05 10:10:00,1.50,,guest',
    'A1,S1,1,2024-01-05 10:01:00,1.50,c1,Mug',
    'B1,S3,5,2024-01-06 12:00:00,0.00,c2,Free sample',
    'C1,S1,-2,2024-02-01 09:00:00,1.50,c1,Mug',
    'C2,S9,-1,2024-02-02 09:00:00,4.00,c1,Never bought',
  ];

  it('makes one purchase per order (lines merged by SKU and price) and one refund per order returned to', async () => {
    const stats = emptyCsvStats();
    const made = await collect(csvEvents(linesOf(...lines), 'shop.csv', withChristmas, stats));
    expect(made.map((m) => m.event)).toEqual([
      {
        id: 'pA1',
        type: 'purchase',
        memberId: 'c1',
        // 5 January: GMT, the first line's time
        at: '2024-01-05T10:00:00.000+00:00',
        orderId: 'A1',
        // 2 × 1.50 + 1 × 10.00 + 1 × 1.50 = 14.50
        amount: '14.5',
        currency: 'GBP',
        items: [
          { sku: 'S1', quantity: 3, unitPrice: '1.5' },
          { sku: 'S2', quantity: 1, unitPrice: '10', category: 'christmas' },
        ],
      },
      // C1 returns 2 × S1 of A1: 2 × 1.50 = 3.00
      { id: 'rC1:A1', type: 'refund', memberId: 'c1', at: '2024-02-01T09:00:00.000+00:00', orderId: 'A1', amount: '3', items: [{ sku: 'S1', quantity: 2 }] },
    ]);
    expect(made.map((m) => m.line)).toEqual([2, 7]);
    expect(stats).toEqual({
      lines: 7,
      guestLines: 1,
      droppedLines: 1, // B1's line at price 0
      zeroOrders: 1, // B1, left with nothing
      purchases: 1,
      refunds: 1,
      returnLines: 2,
      unmatchedLines: 1, // C2: S9 was never bought
      partialLines: 0,
    });
  });

  it('returns more than was bought: the refund covers what was left, the line counts as partly matched', async () => {
    const stats = emptyCsvStats();
    const made = await collect(
      csvEvents(linesOf(HEADER, 'A1,S1,2,2024-01-05 10:00,1.50,c1,x', 'A2,S1,1,2024-01-07 10:00,2.00,c1,x', 'C1,S1,-4,2024-01-09 10:00,1.50,c1,x'), 'f.csv', retail, stats),
    );
    // most recent order first: 1 × 2.00 from A2, then 2 × 1.50 = 3.00 from A1; 1 unit of the 4 matched nothing
    expect(made.slice(2).map((m) => m.event)).toEqual([
      { id: 'rC1:A2', type: 'refund', memberId: 'c1', at: '2024-01-09T10:00:00.000+00:00', orderId: 'A2', amount: '2', items: [{ sku: 'S1', quantity: 1 }] },
      { id: 'rC1:A1', type: 'refund', memberId: 'c1', at: '2024-01-09T10:00:00.000+00:00', orderId: 'A1', amount: '3', items: [{ sku: 'S1', quantity: 2 }] },
    ]);
    expect(stats).toMatchObject({ returnLines: 1, partialLines: 1, unmatchedLines: 0, refunds: 2 });
  });

  it('with --csv-amount: negative totals are refunds matched by money, most recent order first', async () => {
    const m = resolveCsvMapping({ member: 'who', order: 'ref', time: 'at', amount: 'total' }, london);
    const stats = emptyCsvStats();
    const made = await collect(
      csvEvents(
        linesOf('ref,at,who,total', 'O1,2024-03-01T10:00:00Z,m,30.00', 'O2,2024-03-02T10:00:00Z,m,12.50', 'O2,2024-03-02T10:00:00Z,m,7.50', 'R1,2024-03-05T10:00:00Z,m,-25.00'),
        'money.csv',
        m,
        stats,
      ),
    );
    // O2 = 12.50 + 7.50 = 20.00; the 25.00 returned takes all 20.00 of O2, then 5.00 of O1
    expect(made.map((x) => [x.event.id, x.event.type, x.event.orderId, x.event.amount])).toEqual([
      ['pO1', 'purchase', 'O1', '30'],
      ['pO2', 'purchase', 'O2', '20'],
      ['rR1:O2', 'refund', 'O2', '20'],
      ['rR1:O1', 'refund', 'O1', '5'],
    ]);
    expect(made[0]?.event.items).toBeUndefined();
  });

  it('groups lines of an order that are not next to each other, within the window', async () => {
    const made = await collect(
      csvEvents(linesOf(HEADER, 'A1,S1,1,2024-01-05 10:00,1.00,c1,x', 'B1,S1,1,2024-01-05 10:00,1.00,c2,x', 'A1,S2,1,2024-01-05 10:01,2.00,c1,x'), 'f.csv', retail, emptyCsvStats()),
    );
    expect(made.map((x) => [x.event.id, x.event.amount])).toEqual([
      ['pA1', '3'],
      ['pB1', '1'],
    ]);
  });

  it('trims float member ids under the preset (17850.0 → 17850)', async () => {
    const m = resolveCsvMapping({ preset: 'online-retail' }, london);
    const made = await collect(
      csvEvents(
        linesOf('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country', '536365,85123A,"WHITE HANGING HEART T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom'),
        'retail.csv',
        m,
        emptyCsvStats(),
      ),
    );
    // 6 × 2.55 = 15.30
    expect(made[0]?.event).toMatchObject({ memberId: '17850', orderId: '536365', amount: '15.3', at: '2010-12-01T08:26:00.000+00:00' });
  });

  it('names the file, line and column of a bad value', async () => {
    const run = (...rows: string[]): Promise<unknown> => collect(csvEvents(linesOf(HEADER, ...rows), 'shop.csv', retail, emptyCsvStats()));
    await expect(run('A1,S1,two,2024-01-05 10:00,1.50,c1,x')).rejects.toThrow('shop.csv:2: Qty: "two" is not a whole number');
    await expect(run('A1,S1,1,2024-01-05 10:00,1.50,c1,x', 'A2,S1,1,5 Jan 2024,1.50,c1,x')).rejects.toThrow('shop.csv:3: When: "5 Jan 2024" is not a date-time');
    await expect(run('A1,S1,1,2024-01-05 10:00,£1,c1,x')).rejects.toThrow('shop.csv:2: Price: "£1" is not a decimal number');
    await expect(run('A1,S1,1,2024-01-05 10:00,1,c1,x', 'A2,S1,1,2024-01-04 10:00,1,c1,x')).rejects.toThrow("shop.csv:3: its time is earlier than line 2's: the file must be sorted by time");
    await expect(run('A1,S1,1,2024-01-05 10:00,1,c1,x', 'A1,S1,1,2024-01-05 10:00,1,c2,x')).rejects.toThrow('shop.csv:3: order A1 belongs to member c1 (line 2), not c2');
    await expect(run('A1,S1,1,2024-01-05 10:00,1,c1,x', 'A1,S1,1,2024-01-05 12:00,1,c1,x')).rejects.toThrow('shop.csv:3: order A1 started at line 2, more than 60 minutes earlier');
    await expect(collect(csvEvents(linesOf('Order,Qty'), 'shop.csv', retail, emptyCsvStats()))).rejects.toThrow('shop.csv:1: no column "Customer" (columns: Order, Qty)');
    await expect(collect(csvEvents(linesOf(), 'empty.csv', retail, emptyCsvStats()))).rejects.toThrow('empty.csv: empty file');
  });
});

describe('readLines', () => {
  it('reads a gzipped CSV on the fly, like the plain one, and counts the bytes read from disk', async () => {
    const dir = tempDir();
    const text = `${HEADER}\nA1,S1,2,2024-01-05 10:00:00,1.50,c1,Mug\nA2,S1,1,2024-01-06 10:00:00,1.50,c1,Mug\n`;
    const plain = join(dir, 'shop.csv');
    const gz = join(dir, 'shop.csv.gz');
    const zipped = gzipSync(text);
    writeFileSync(plain, text);
    writeFileSync(gz, zipped);
    const counter = { read: 0, total: zipped.length };
    const fromGz = await collect(csvEvents(readLines(gz, counter), gz, retail, emptyCsvStats()));
    const fromPlain = await collect(csvEvents(readLines(plain, { read: 0, total: 0 }), plain, retail, emptyCsvStats()));
    expect(fromGz.map((m) => m.event)).toEqual(fromPlain.map((m) => m.event));
    expect(fromGz.map((m) => m.event.amount)).toEqual(['3', '1.5']);
    expect(counter.read).toBe(zipped.length);
  });
  it('reports a file that is not gzip, and a missing file, by name', async () => {
    const dir = tempDir();
    const fake = join(dir, 'fake.csv.gz');
    writeFileSync(fake, 'not gzip at all');
    await expect(collect(readLines(fake, { read: 0, total: 0 }))).rejects.toThrow(`${fake}: cannot read as gzip`);
    await expect(collect(readLines(join(dir, 'none.csv'), { read: 0, total: 0 }))).rejects.toThrow('none.csv: cannot read (ENOENT)');
  });
});
