import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

// End to end: the built command on a slice of the real "Online Retail" data set, its HTML report opened
// in headless Chromium. The slice is every line of the customers whose id ends in 17 (12417.0, 17017.0, …):
// about 2,600 lines over the whole year. It is cut from ../shared/data/online-retail.csv.gz when that file is
// there, and must then equal test/cli/fixtures/online-retail-sample.csv.gz, the same slice committed for
// machines without the data set. The screenshot and the page are left in test-output/ for people to look at.
const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(root, 'dist/cli.js');
const DATA = join(root, '../shared/data/online-retail.csv.gz');
const SAMPLE = join(root, 'test/cli/fixtures/online-retail-sample.csv.gz');
const PROGRAM = join(root, 'test/cli/fixtures/gift-shop.program.json');
const OUTPUT = join(root, 'test-output');
const CHROMIUM = '/usr/bin/chromium';
const CHARTS = ['chart-liability', 'chart-tiers', 'chart-flow', 'chart-first-reward'];

async function sliceOfTheDataSet(): Promise<string> {
  const lines = createInterface({ input: createReadStream(DATA).pipe(createGunzip()), crlfDelay: Infinity });
  const kept: string[] = [];
  for await (const line of lines) if (kept.length === 0 || /,1\d\d17\.0,[^,]*$/.test(line)) kept.push(line);
  return `${kept.join('\n')}\n`;
}

// CI (.ci/run) installs Chromium and sets LOYALTY_REQUIRE_CHROMIUM=1: there a missing browser is a failure, not a skip
if (process.env.LOYALTY_REQUIRE_CHROMIUM === '1' && !existsSync(CHROMIUM)) {
  throw new Error(`LOYALTY_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
}

describe.skipIf(!existsSync(CHROMIUM))(`the HTML report in a browser (skipped only when ${CHROMIUM} is absent; CI installs it)`, () => {
  it('renders every chart from a simulation of real data, without touching the network', async () => {
    expect(existsSync(CLI), `${CLI} not found: build first (npx tsup; npm test does it)`).toBe(true);
    const sample = gunzipSync(readFileSync(SAMPLE)).toString('utf8');
    let text = sample;
    if (existsSync(DATA)) {
      text = await sliceOfTheDataSet();
      expect(text, 'the committed sample is the slice of the data set').toBe(sample);
    }
    const dir = tempDir();
    const input = join(dir, 'online-retail-slice.csv.gz');
    writeFileSync(input, gzipSync(text));
    const lines = text.split('\n').filter((l) => l !== '').length - 1; // without the header
    mkdirSync(OUTPUT, { recursive: true });
    const html = join(OUTPUT, 'report.html');

    const run = spawnSync(process.execPath, [CLI, 'simulate', PROGRAM, input, '--csv-preset', 'online-retail', '--point-value', '0.01', '--report', html], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`\\n {2}lines read +${lines.toLocaleString('en-US')}\\n`));
    expect(run.stdout).toContain(`Report written to ${html}`);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const url = pathToFileURL(html).href;
      await page.goto(url, { waitUntil: 'load' });
      // the page itself, nothing else: no script, style, font or image from anywhere
      expect(requests).toEqual([url]);
      // and it refers to none (its Content-Security-Policy would block them, so check the markup too)
      expect(await page.locator('script, link, iframe, img, object, embed, [src], [href]').count()).toBe(0);
      expect(await page.title()).toBe('Simulation: UK gift shop rewards, with a catalog (example)');
      for (const id of CHARTS) {
        const chart = page.locator(`svg#${id}`);
        expect(await chart.count(), id).toBe(1);
        const box = await chart.evaluate((svg) => {
          const r = svg.getBoundingClientRect();
          return { width: r.width, height: r.height };
        });
        expect(box.width, id).toBeGreaterThan(0);
        expect(box.height, id).toBeGreaterThan(0);
        expect(await chart.getAttribute('role')).toBe('img');
        expect((await chart.locator('title').first().textContent())?.length ?? 0, id).toBeGreaterThan(0);
        // marks drawn inside the plot, each with a size (not the "No data" panel)
        expect(await chart.locator('.no-data').count(), `${id} has data`).toBe(0);
        const marks = await chart.locator('.series rect, .series circle, .series polyline').evaluateAll((els) =>
          els.map((el) => {
            const r = el.getBoundingClientRect();
            return r.width * r.height;
          }),
        );
        expect(marks.length, `${id} draws marks`).toBeGreaterThan(0);
        expect(marks.filter((area) => area > 0).length, `${id} draws marks with a size`).toBeGreaterThan(0);
      }
      // the slice covers the whole year: one point per month on the liability line
      expect(await page.locator('svg#chart-liability circle').count()).toBe(13);
      await page.screenshot({ path: join(OUTPUT, 'report.png'), fullPage: true });
      expect(readFileSync(join(OUTPUT, 'report.png')).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await browser.close();
    }
  });
});
