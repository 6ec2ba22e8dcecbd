// The bytes a phone downloads for searches: Chromium at 390 px, a first
// query (page, CSS, script, index files, results), then following queries
// typed into the same page. Serve a built site, then:
// node bench/search_weight.js BASE_URL [first query] [following queries...]
const { chromium } = require(process.env.PLAYWRIGHT || '/root/.cache/site-verify/node/node_modules/playwright-core');
(async () => {
  const [base, first = 'lua dao', ...following] = process.argv.slice(2);
  const next = following.length ? following : ['dat do', 'cong an xa', 'can cuoc cong dan'];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
  // Bytes as sent by a host without compression, and gzipped (as most
  // static hosts send JSON, JS and HTML).
  let bytes = 0, gzipped = 0, files = 0;
  page.on('response', async (r) => {
    const body = await r.body().catch(() => Buffer.alloc(0));
    bytes += body.length;
    gzipped += require('zlib').gzipSync(body).length;
    files += 1;
  });
  const status = () => page.locator('[data-search-status]').textContent();
  await page.goto(`${base}search/?q=${encodeURIComponent(first)}`);
  await page.waitForFunction(() => document.querySelector('[data-search-status]').textContent !== '');
  await page.waitForLoadState('networkidle');
  const rows = [{ query: first, kind: 'first', bytes, gzipped, files, status: await status() }];
  for (const query of next) {
    bytes = 0; gzipped = 0; files = 0;
    await page.fill('#tim-kiem', query);
    await page.press('#tim-kiem', 'Enter');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    rows.push({ query, kind: 'following', bytes, gzipped, files, status: await status() });
  }
  console.log(JSON.stringify(rows, null, 1));
  await browser.close();
})();
