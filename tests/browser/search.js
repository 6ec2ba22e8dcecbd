// The search page in a real browser (headless Chromium at 390 px):
// queries with and without diacritics, filters, the URL that keeps them,
// the page without scripts, axe, and the bytes a phone downloads.
//
// node tests/browser/search.js BASE_URL [SCREENSHOT_DIR]
const { PHONE, check, axe, run, path } = require('./common');

run('browser search', async (browser, page) => {
  const [base, shots] = process.argv.slice(2);
  let bytes = 0;
  page.on('response', async (r) => { bytes += (await r.body().catch(() => Buffer.alloc(0))).length; });

  async function results(url) {
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('[data-search-status]').textContent !== '');
    return page.locator('.search-results h2').allTextContents();
  }

  bytes = 0;
  let titles = await results(`${base}search/?q=dat+do`);
  check(titles[0] === 'Huyện Đất Đỏ tổng kết công tác năm 2024', `"dat do" finds Đất Đỏ first: ${titles}`);
  console.log(`     first query downloaded ${bytes} bytes`);
  titles = await results(`${base}search/?q=lua+dao`);
  check(titles.includes('Cảnh báo lừa đảo đặt phòng ở Hồ Tràm'), `"lua dao" finds lừa đảo: ${titles}`);
  titles = await results(`${base}search/?q=can+cuoc`);
  check(titles[0] === 'Hướng dẫn cấp thẻ căn cước tại Phường Bà Rịa', `"can cuoc" finds căn cước: ${titles}`);
  titles = await results(`${base}search/?q=${encodeURIComponent('căn cước')}`);
  check(titles[0] === 'Hướng dẫn cấp thẻ căn cước tại Phường Bà Rịa', `with diacritics too: ${titles}`);
  const marks = await page.locator('.search-results mark').allTextContents();
  check(marks.includes('căn') && marks.includes('cước'), `the match is highlighted: ${marks}`);
  const meta = await page.locator('.search-results .meta').first().textContent();
  check(meta.includes('10/09/2025') && meta.includes('Phường Bà Rịa') && meta.includes('Hoạt động'),
    `a result shows its date, unit and category: ${meta}`);

  titles = await results(`${base}search/?q=ho+tram`);
  const all = titles.length;
  titles = await results(`${base}search/?q=ho+tram&category=canh-bao`);
  check(titles.length >= 1 && titles.length < all && titles.every((t) => /Cảnh báo/.test(t)),
    `a category narrows the results: ${titles}`);
  check(await page.locator('#loc-chuyen-muc').inputValue() === 'canh-bao', 'the filter is read from the URL');
  bytes = 0;
  await page.locator('#loc-chuyen-muc').selectOption('');
  await page.waitForTimeout(300);
  console.log(`     a following query downloaded ${bytes} bytes`);
  check(!page.url().includes('category='), `changing a filter updates the URL: ${page.url()}`);
  titles = await results(`${base}search/?q=ra+mat&district=dac-khu-con-dao`);
  check(titles.length === 0, `a unit narrows too: ${titles}`);
  titles = await results(`${base}search/?q=${encodeURIComponent('không có bài này xyzw')}`);
  check((await page.locator('[data-search-status]').textContent()).startsWith('Không tìm thấy'),
    'no result is said');

  await page.goto(base);
  await page.getByRole('searchbox').first().fill('lừa đảo');
  await page.getByRole('button', { name: 'Tìm' }).first().click();
  await page.waitForURL(/search\/\?q=/);
  await page.waitForFunction(() => document.querySelector('[data-search-status]').textContent !== '');
  check((await page.locator('.search-results h2').count()) > 0, 'the header form searches from any page');
  await page.keyboard.press('Tab');
  await results(`${base}search/?q=ho+tram`);
  if (shots) await page.screenshot({ path: path.join(shots, 'issue-14-search-390.png') });
  await axe(page, 'the search page with results');

  const plain = await (await browser.newContext({ ...PHONE, javaScriptEnabled: false })).newPage();
  await plain.goto(`${base}search/?q=dat+do`);
  const notice = plain.locator('p.notice');
  check(await notice.isVisible() && (await notice.textContent()).includes('cần bật JavaScript'),
    'without scripts the page says so');
  check(await plain.locator('noscript a[href="/archive/"]').count() === 1, 'and links to the listings');

});
