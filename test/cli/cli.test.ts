import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { programJsonSchema } from '../../src/program/json-schema.js';
import { tempDir } from './helpers.js';

// These tests run the built command (`npm test` builds first; by hand: npx tsup).
const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(root, 'dist/cli.js');
const fixture = (name: string): string => join(root, 'test/cli/fixtures', name);
const CAFE = fixture('cafe.program.json');
const CAFE_DOUBLE = fixture('cafe-double.program.json');
const HISTORY = fixture('cafe-history.ndjson');

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  expect(existsSync(CLI), `${CLI} not found: build first (npx tsup; npm test does it)`).toBe(true);
});

// The cafe history (fixtures/cafe-history.ndjson), 1 point per £1 rounded down, a coffee for 50 points:
//   m1 buys £60.00 (60 points) and £45.99 (45) → spent 105.99 ≥ 100: silver; redeems a coffee (−50) → 55
//   m2 buys £20.50 (20), gets £10.25 back: half the order, 10 points clawed back → 10
// issued 60 + 20 + 45 = 125, redeemed 50, clawed back 10, outstanding 55 + 10 = 65; at 0.01: 0.65 GBP.

describe('the command line', () => {
  it('prints usage, and refuses unknown commands and flags (exit 2)', () => {
    expect(cli('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: loyalty-engine <command>') });
    expect(cli()).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: loyalty-engine <command>') });
    expect(cli('simulat')).toMatchObject({ code: 2, stderr: 'loyalty-engine: unknown command "simulat" (commands: validate, schema, simulate, compare, explain; see loyalty-engine --help)\n' });
    const unknownFlag = cli('simulate', CAFE, HISTORY, '--pointvalue', '1');
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/^loyalty-engine: simulate: Unknown option '--pointvalue'.*\(see loyalty-engine simulate --help\)\n$/);
    expect(cli('simulate', CAFE, HISTORY, '--period', 'day')).toMatchObject({ code: 2, stderr: 'loyalty-engine: --period: must be week or month, not "day"\n' });
    expect(cli('simulate', CAFE, HISTORY, '--point-value', '1,5')).toMatchObject({ code: 2, stderr: 'loyalty-engine: --point-value: must be a decimal number such as 0.01, not "1,5"\n' });
    expect(cli('simulate', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('--csv-preset NAME') });
  });
});

describe('validate', () => {
  it('says a valid program is valid (exit 0)', () => {
    expect(cli('validate', CAFE)).toEqual({ code: 0, stdout: `${CAFE}: valid (cafe v1: 1 earn rule, 2 tier levels, 1 reward)\n`, stderr: '' });
  });
  it('prints every problem with its path (exit 1)', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ id: 'x', version: 0, currency: 'GBP', timezone: 'Europe/London', points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'debt' }, earn: [{ id: 'b', kind: 'spend', rate: { points: 1 } }, { id: 'b', kind: 'spend', rate: { points: 1, per: '1' } }] }));
    const r = cli('validate', bad);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${bad}: version: .*\\(too_small\\)$`));
    expect(lines[1]).toMatch(new RegExp(`^${bad}: earn\\[0\\]\\.rate\\.per: `));
    expect(lines.at(-1)).toBe(`${bad}: ${lines.length - 1} problems`);
    expect(r.stderr).toBe('');
  });
  it('reports a missing file and a file that is not JSON on one line, with the place (exit 2)', () => {
    const dir = tempDir();
    expect(cli('validate', join(dir, 'none.json'))).toEqual({ code: 2, stdout: '', stderr: `loyalty-engine: ${join(dir, 'none.json')}: cannot read (ENOENT)\n` });
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "id": "x",\n  "version": 1,,\n}');
    const r = cli('validate', broken);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^loyalty-engine: ${broken}:3:\\d+: not JSON \\(.*\\)\\n$`));
    expect(cli('validate')).toMatchObject({ code: 2, stderr: 'loyalty-engine: validate: give one program file: loyalty-engine validate program.json\n' });
  });
});

describe('schema', () => {
  it('prints the JSON Schema of the program format', () => {
    const r = cli('schema');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(programJsonSchema());
  });
});

describe('simulate', () => {
  it('prints the summary of a small NDJSON history and writes the JSON and HTML reports', () => {
    const dir = tempDir();
    const json = join(dir, 'report.json');
    const html = join(dir, 'report.html');
    const r = cli('simulate', CAFE, HISTORY, '--point-value', '0.01', '--json', json, '--report', html);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const line of [/\n {2}read +5\n {2}applied +5\n/, /\n {2}issued +125\n/, /\n {2}redeemed +50\n/, /\n {2}clawed back +10\n/, /\n {2}outstanding at the end +65\n/, /liability at 0\.01 GBP\/point +0\.65 GBP\n/, /\n {2}silver +1 +50\.0%\n/, /\n {2}m1 +105 +55 +silver\n/, /\n {2}coffee +1 +50 +1 +50\.0%\n/]) {
      expect(r.stdout).toMatch(line);
    }
    const report = JSON.parse(readFileSync(json, 'utf8')) as { totals: Record<string, number>; liability: string; periods: { period: string }[] };
    expect(report.totals).toMatchObject({ issued: 125, redeemed: 50, clawedBack: 10, outstanding: 65 });
    expect(report.liability).toBe('0.65');
    expect(report.periods.map((p) => p.period)).toEqual(['2024-01', '2024-02']);
    const page = readFileSync(html, 'utf8');
    for (const id of ['chart-liability', 'chart-tiers', 'chart-flow', 'chart-first-reward']) expect(page).toContain(`id="${id}"`);
    expect(page).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });
  it('reads gzipped NDJSON by weeks, and stays quiet with -q', () => {
    const dir = tempDir();
    const gz = join(dir, 'history.ndjson.gz');
    writeFileSync(gz, gzipSync(readFileSync(HISTORY)));
    const json = join(dir, 'r.json');
    expect(cli('simulate', CAFE, gz, '--period', 'week', '-q', '--json', json)).toEqual({ code: 0, stdout: '', stderr: '' });
    const report = JSON.parse(readFileSync(json, 'utf8')) as { periods: { period: string }[]; totals: { issued: number } };
    // 10 January 2024 is in ISO week 2, 12 February in week 7
    expect(report.periods[0]?.period).toBe('2024-W02');
    expect(report.periods.at(-1)?.period).toBe('2024-W07');
    expect(report.totals.issued).toBe(125);
  });
  it('reports a bad event line with its file, line and field (exit 2), and an invalid program (exit 1)', () => {
    const dir = tempDir();
    const events = join(dir, 'e.ndjson');
    writeFileSync(events, `${readFileSync(HISTORY, 'utf8').split('\n')[0]}\n{"id":"e2","type":"purchase","memberId":"m1","at":"2024-01-11T10:00:00Z","orderId":"o2","amount":"ten","currency":"GBP"}\n`);
    const r = cli('simulate', CAFE, events);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^loyalty-engine: ${events}:2: amount: .*\\n$`));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"id":"x"}');
    const invalid = cli('simulate', bad, HISTORY);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`loyalty-engine: ${bad}: version: `);
    expect(invalid.stderr.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^loyalty-engine: ${bad}: \\d+ problems; the program is invalid$`));
    expect(cli('simulate', CAFE, join(dir, 'missing.ndjson'))).toMatchObject({ code: 2, stderr: `loyalty-engine: ${join(dir, 'missing.ndjson')}: cannot read (ENOENT)\n` });
  });
  it('reads CSV with a column mapping', () => {
    const dir = tempDir();
    const csv = join(dir, 'orders.csv');
    // local London times; a return of one of the two mugs of A1 (2.50 of 5.00)
    writeFileSync(csv, 'Invoice,Item,Qty,Date,Price,Customer\nA1,MUG,2,2024-01-10 10:00,2.50,m1\nA1,TEA,1,2024-01-10 10:00,100.00,m1\nC1,MUG,-1,2024-01-20 10:00,2.50,m1\n');
    const json = join(dir, 'r.json');
    const r = cli('simulate', CAFE, csv, '--csv-member', 'Customer', '--csv-order', 'Invoice', '--csv-time', 'Date', '--csv-quantity', 'Qty', '--csv-price', 'Price', '--csv-sku', 'Item', '--json', json);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n {2}purchases made +1\n {2}refunds made +1\n/);
    // 105.00 → 105 points; 2.50 of 105.00 returned: 105 × 2.50 / 105 = 2.5 → the net order (102.50) keeps 102 → 3 back
    const report = JSON.parse(readFileSync(json, 'utf8')) as { totals: { issued: number; clawedBack: number } };
    expect(report.totals.issued).toBe(105);
    expect(report.totals.clawedBack).toBe(3);
    expect(cli('simulate', CAFE, csv)).toMatchObject({ code: 2, stderr: 'loyalty-engine: CSV input needs --csv-member, --csv-order, --csv-time (the column names), or --csv-preset NAME (known: online-retail)\n' });
    expect(cli('simulate', CAFE, csv, '--csv-member', 'Customer', '--csv-order', 'Invoice', '--csv-time', 'Date', '--csv-amount', 'Total')).toMatchObject({
      code: 2,
      stderr: `loyalty-engine: ${csv}:1: no column "Total" (columns: Invoice, Item, Qty, Date, Price, Customer)\n`,
    });
  });
});

describe('explain', () => {
  it("prints a member's ledger with the event and rule behind each entry, the running balance, and the tier history", () => {
    const r = cli('explain', CAFE, HISTORY, '--member', 'm1');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Member m1 under cafe (times in Europe/London)');
    expect(lines[1]).toBe('3 events applied · 3 ledger entries · balance 55 · tier silver');
    const ledger = lines.filter((l) => /^ {2}2024-/.test(l));
    expect(ledger[0]).toMatch(/^ {2}2024-01-10 10:00 +earn +\+60 +60 +base +o1 +purchase e1 +2024-01-10 10:00 +60\.00$/);
    expect(ledger[1]).toMatch(/^ {2}2024-02-03 10:00 +earn +\+45 +105 +base +o3 +purchase e3 +2024-02-03 10:00 +45\.99$/);
    expect(ledger[2]).toMatch(/^ {2}2024-02-10 10:00 +redeem +-50 +55 +rewards\.coffee +redemption e4 +2024-02-10 10:00$/);
    expect(ledger[3]).toMatch(/^ {2}2024-01-10 10:00 +- +member +qualified +purchase e1$/);
    expect(ledger[4]).toMatch(/^ {2}2024-02-03 10:00 +member +silver +qualified +purchase e3$/);
    expect(r.stdout).toContain('Lifetime: earned 105, redeemed 50, expired 0, clawed back 0, adjusted 0, debt recovered 0 → balance 55');
  });
  it('needs --member, and says when the member has no events', () => {
    expect(cli('explain', CAFE, HISTORY)).toMatchObject({ code: 2, stderr: 'loyalty-engine: explain: give the member: --member ID\n' });
    const r = cli('explain', CAFE, HISTORY, '--member', 'nobody');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`loyalty-engine: no events for member nobody in ${HISTORY}\n`);
  });
});

describe('compare', () => {
  it('prints the difference of two programs over one history and writes the HTML page', () => {
    const dir = tempDir();
    const html = join(dir, 'diff.html');
    const r = cli('compare', CAFE, CAFE_DOUBLE, HISTORY, '--point-value', '0.01', '--report', html);
    expect(r.code).toBe(0);
    // B pays 2 points per £1: 120 + 41 + 91 (2 × 45.99 = 91.98, rounded down) = 252 issued, 127 more than A's 125.
    expect(r.stdout).toMatch(/\n {2}points issued +125 +252 +\+127\n/);
    // m1 under B: 120 + 91 − 50 = 161, under A 55: +106, the most affected
    expect(r.stdout).toMatch(/\n {2}m1 +55 +161 +\+106 +105 +211 +silver +silver\n/);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('id="chart-outstanding"');
    expect(page).toContain('<caption>Most affected members');
  });
});
