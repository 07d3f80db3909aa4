// Makes docs/report-screenshot.png: the top of a simulation report (key figures and the four charts).
//   npx tsup --silent
//   node dist/cli.js simulate test/cli/fixtures/gift-shop.program.json ../shared/data/online-retail.csv.gz \
//     --csv-preset online-retail --point-value 0.01 --report /tmp/report.html
//   node test/cli/screenshot.mjs /tmp/report.html docs/report-screenshot.png
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [html, png] = process.argv.slice(2);
if (html === undefined || png === undefined) {
  console.error('usage: node test/cli/screenshot.mjs report.html out.png');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(html).href);
  const charts = await page.locator('.charts').boundingBox();
  if (charts === null) throw new Error('no charts in the page');
  await page.screenshot({ path: png, fullPage: true, clip: { x: 0, y: 0, width: 1200, height: Math.ceil(charts.y + charts.height + 24) } });
} finally {
  await browser.close();
}
