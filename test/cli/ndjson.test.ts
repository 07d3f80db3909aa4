import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resolveCsvMapping } from '../../src/cli/input/csv-mapping.js';
import { mergeByTime } from '../../src/cli/input/merge.js';
import { ndjsonEvents } from '../../src/cli/input/ndjson-events.js';
import { openEventFiles } from '../../src/cli/input/source.js';
import { formatOf } from '../../src/cli/input/files.js';
import { collect, linesOf, tempDir } from './helpers.js';

const purchase = (id: string, at: string, memberId = 'm1'): string =>
  JSON.stringify({ id, type: 'purchase', memberId, at, orderId: `o-${id}`, amount: '10.00', currency: 'GBP' });

describe('ndjsonEvents', () => {
  it('yields each event with its line, skipping blank lines', async () => {
    const made = await collect(ndjsonEvents(linesOf(purchase('e1', '2024-01-01T10:00:00Z'), '', '   ', purchase('e2', '2024-01-02T10:00:00+01:00')), 'h.ndjson'));
    expect(made.map((m) => [m.event.id, m.line, m.ms])).toEqual([
      ['e1', 1, Date.parse('2024-01-01T10:00:00Z')],
      ['e2', 4, Date.parse('2024-01-02T09:00:00Z')],
    ]);
  });
  it('names the file and line of a line that is not JSON, not an object, or not a valid event (with the field)', async () => {
    const run = (...lines: string[]): Promise<unknown> => collect(ndjsonEvents(linesOf(...lines), 'h.ndjson'));
    await expect(run(purchase('e1', '2024-01-01T10:00:00Z'), '{"id": ')).rejects.toThrow(/^h\.ndjson:2: not JSON \(/);
    await expect(run('[1, 2]')).rejects.toThrow('h.ndjson:1: each line must be one event object');
    const noCurrency = JSON.stringify({ id: 'e1', type: 'purchase', memberId: 'm1', at: '2024-01-01T10:00:00Z', orderId: 'o1', amount: '10.00' });
    await expect(run(noCurrency)).rejects.toThrow(/^h\.ndjson:1: currency: /);
    const localTime = JSON.stringify({ id: 'e1', type: 'tick', memberId: 'm1', at: '2024-01-01 10:00' });
    await expect(run(localTime)).rejects.toThrow(/^h\.ndjson:1: at: must be an ISO 8601 date-time with an offset/);
  });
  it('refuses a file out of time order, naming both lines', async () => {
    await expect(collect(ndjsonEvents(linesOf(purchase('e1', '2024-01-02T10:00:00Z'), purchase('e2', '2024-01-01T10:00:00Z')), 'h.ndjson'))).rejects.toThrow(
      "h.ndjson:2: at 2024-01-01T10:00:00Z is earlier than line 1's: events must be in time order",
    );
  });
});

describe('mergeByTime', () => {
  it('merges streams in time order, the earlier stream first on a tie', async () => {
    async function* of(name: string, ...times: number[]): AsyncGenerator<{ ms: number; name: string }> {
      for (const ms of times) yield { ms, name };
    }
    const merged = await collect(mergeByTime([of('a', 1, 3, 3, 9), of('b', 2, 3), of('c')]));
    expect(merged.map((x) => `${x.name}${x.ms}`)).toEqual(['a1', 'b2', 'a3', 'a3', 'b3', 'a9']);
  });
});

describe('openEventFiles', () => {
  it('reads NDJSON and gzipped NDJSON, merges them, filters one member, and tells where each event came from', async () => {
    const dir = tempDir();
    const a = join(dir, 'purchases.ndjson');
    const b = join(dir, 'more.jsonl.gz');
    writeFileSync(a, `${purchase('e1', '2024-01-01T10:00:00Z')}\n${purchase('e3', '2024-01-03T10:00:00Z', 'm2')}\n`);
    writeFileSync(b, gzipSync(`${purchase('e2', '2024-01-02T10:00:00Z')}\n`));
    const all = openEventFiles([a, b], { csv: null });
    const events = await collect(all.events);
    expect(events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(events.map((e) => all.whereOf(e))).toEqual([`${a}:1`, `${b}:1`, `${a}:2`]);
    expect(all.count.value).toBe(3);
    expect(all.bytes.read).toBe(all.bytes.total);
    const m1 = openEventFiles([a, b], { csv: null, memberId: 'm1' });
    expect((await collect(m1.events)).map((e) => e.id)).toEqual(['e1', 'e2']);
  });
  it('reads CSV with a mapping and keeps its counters', async () => {
    const dir = tempDir();
    const file = join(dir, 'orders.csv');
    writeFileSync(file, 'order,at,member,total\nO1,2024-03-01T10:00:00Z,m,30.00\nO2,2024-03-02T10:00:00Z,,5.00\n');
    const input = openEventFiles([file], { csv: resolveCsvMapping({ member: 'member', order: 'order', time: 'at', amount: 'total' }, { timezone: 'UTC', currency: 'EUR' }) });
    expect((await collect(input.events)).map((e) => [e.id, e.amount, e.currency])).toEqual([['pO1', '30', 'EUR']]);
    expect(input.csvStats.get(file)).toMatchObject({ lines: 2, guestLines: 1, purchases: 1 });
  });
  it('refuses a missing file, an unknown format, CSV without a mapping, before reading anything', () => {
    const dir = tempDir();
    expect(() => openEventFiles([join(dir, 'none.ndjson')], { csv: null })).toThrow('none.ndjson: cannot read (ENOENT)');
    const txt = join(dir, 'events.txt');
    writeFileSync(txt, '');
    expect(() => openEventFiles([txt], { csv: null })).toThrow('events.txt: unknown events format: name the file .ndjson, .jsonl or .csv (optionally .gz)');
    const csv = join(dir, 'x.csv');
    writeFileSync(csv, 'a\n');
    expect(() => openEventFiles([csv], { csv: null })).toThrow('x.csv: CSV input needs a column mapping');
    expect(() => openEventFiles([], { csv: null })).toThrow('give at least one events file');
  });
  it('knows formats by name', () => {
    expect(['a.ndjson', 'a.NDJSON.gz', 'a.jsonl', 'a.csv', 'a.csv.gz'].map(formatOf)).toEqual(['ndjson', 'ndjson', 'ndjson', 'csv', 'csv']);
  });
});
