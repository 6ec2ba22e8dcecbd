// Search on a site of 10,000 generated articles (../shared/bench/gen_corpus.py):
// what a phone downloads (measured by bench/search_weight.js in the same
// Chromium: a first query under 300 KB, each following one under 100 KB),
// and "Xem thêm" reading the older parts of words split in parts, never
// showing a result twice.
//
// node tests/browser/large.js BASE_URL
const { execFileSync } = require('child_process');
const { check, run, path } = require('./common');

const FIRST_LIMIT = 300 * 1000;
const FOLLOWING_LIMIT = 100 * 1000;

run('browser search at 10,000 articles', async (browser, page) => {
  const [base] = process.argv.slice(2);
  const weigh = path.join(__dirname, '..', '..', 'bench', 'search_weight.js');
  const rows = JSON.parse(execFileSync('node', [weigh, base, 'lua dao', 'dat do', 'cong an xa',
    'can cuoc cong dan', 'so ve', 'trong cua va cac'], { encoding: 'utf8' }));
  for (const row of rows) {
    const limit = row.kind === 'first' ? FIRST_LIMIT : FOLLOWING_LIMIT;
    check(row.bytes < limit && /\d/.test(row.status),
      `${row.kind} query "${row.query}": ${row.bytes} bytes (limit ${limit}), ${row.status}`);
  }

  // Words in nearly every article: their files hold the newest 2,500.
  for (const query of ['dat do', 'so ve']) {
    await page.goto(`${base}search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => document.querySelector('[data-search-results] li'));
    for (let click = 0; click < 3; click += 1) {
      const shown = await page.locator('[data-search-results] li').count();
      await page.click('[data-search-more]');
      await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] li').length > n, shown);
    }
    const urls = await page.$$eval('[data-search-results] li h2 a', (as) => as.map((a) => a.getAttribute('href')));
    check(urls.length === 40 && new Set(urls).size === 40,
      `"${query}": four pages after "Xem thêm", ${urls.length} results, ${new Set(urls).size} distinct`);
  }
  const dates = await page.$$eval('[data-search-results] li time', (ts) => ts.map((t) => t.getAttribute('datetime')));
  check(dates.every((d, i) => i === 0 || dates[i - 1] >= d), `"so ve" (in every title): newest first ${dates[0]} … ${dates[dates.length - 1]}`);
});
