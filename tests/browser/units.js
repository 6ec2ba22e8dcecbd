// The reader's unit in a real browser (headless Chromium at 390 px, as on
// a phone): the filter box of /districts/ with and without diacritics and
// with former names, the URL that keeps a filter, the unit picker and the
// home page that shows the picked unit's news first, the page without
// scripts, and axe on the pages the script changes.
//
// node tests/browser/units.js BASE_URL [SCREENSHOT_DIR]
// (tests/browser/run.sh builds the 168-unit fixture and serves it.)
const { PHONE, check, axe, run, path } = require('./common');

async function visibleUnits(page) {
  return page.$$eval('li[data-search]', (items) =>
    items.filter((li) => li.offsetParent !== null).map((li) => li.querySelector('a').textContent));
}

run('browser units', async (browser, page) => {
  const [base, shots] = process.argv.slice(2);

  await page.goto(`${base}districts/`);
  const all = (await visibleUnits(page)).length;
  check(all > 168, `every unit is listed (${all})`);
  const box = page.getByLabel('Tìm địa bàn');
  check(await box.isVisible(), 'the filter box shows where scripts run');

  await box.fill('dat do');
  let shown = await visibleUnits(page);
  check(shown.includes('Huyện Đất Đỏ') && shown.includes('Xã Đất Đỏ'), `"dat do" finds Đất Đỏ: ${shown}`);
  check(shown.length < 10, `"dat do" leaves few units (${shown.length})`);
  const status = await page.locator('#loc-dia-ban-ket-qua').textContent();
  check(/Có \d+ địa bàn phù hợp/.test(status), `the count is said: ${status}`);
  check(page.url().includes('q=dat+do') || page.url().includes('q=dat%20do'), `the URL keeps it: ${page.url()}`);

  await box.fill('Bông Trang');
  shown = await visibleUnits(page);
  check(shown.includes('Xã Bông Trang') && shown.includes('Xã Hồ Tràm'),
    `a former name finds its successor: ${shown}`);
  await box.fill('BONG TRANG');
  check((await visibleUnits(page)).includes('Xã Hồ Tràm'), 'capitals and no diacritics find it too');
  await box.fill('đặc khu');
  check((await visibleUnits(page)).includes('Đặc khu Côn Đảo'), 'a level finds its units');
  await box.fill('không có xã này');
  check((await visibleUnits(page)).length === 0, 'nothing matches a made-up name');
  check((await page.locator('#loc-dia-ban-ket-qua').textContent()).includes('Không có'), 'and it says so');
  await box.fill('');
  check((await visibleUnits(page)).length === all, 'an empty box shows every unit again');

  await page.goto(`${base}districts/?q=ho+tram`);
  check(await box.inputValue() === 'ho tram', 'a linked filter fills the box');
  shown = await visibleUnits(page);
  check(shown.includes('Xã Hồ Tràm') && shown.length < 10, `and filters: ${shown}`);
  if (shots) await page.screenshot({ path: path.join(shots, 'issue-14-districts-filter-390.png') });
  await axe(page, '/districts/ filtered');

  await page.goto(`${base}districts/xa-ho-tram/`);
  const pick = page.getByRole('button', { name: 'Chọn làm địa bàn của tôi' });
  check(await pick.isVisible(), 'a unit page offers to pick it');
  await pick.click();
  check(await page.getByText('Đây là địa bàn của bạn').isVisible(), 'the pick is confirmed');
  await axe(page, 'a unit page after picking');
  await page.goto(base);
  const mine = page.locator('[data-my-news]');
  await mine.locator('li').first().waitFor({ timeout: 5000 }).catch(() => {});
  check(await mine.isVisible(), 'the home page shows the picked unit first');
  const items = await mine.locator('li a').allTextContents();
  check(items.includes('Xã Hồ Tràm tuần tra bãi biển dịp hè'), `with its news: ${items}`);
  check((await mine.locator('h2 a').textContent()) === 'Xã Hồ Tràm', 'and its name');
  const first = await page.$eval('main section', (s) => s.getAttribute('data-my-news') !== null);
  check(first, 'before the newest articles of the whole site');
  if (shots) await page.screenshot({ path: path.join(shots, 'issue-14-home-my-unit-390.png') });
  await axe(page, 'the home page with a picked unit');

  await page.goto(`${base}districts/xa-ho-tram/`);
  await page.getByRole('button', { name: 'Bỏ chọn' }).click();
  await page.goto(base);
  await page.waitForTimeout(300);
  check(!(await mine.isVisible()), 'undoing the pick clears the home page');

  const noScript = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(`${base}districts/`);
  check(!(await plain.getByLabel('Tìm địa bàn').isVisible()), 'without scripts there is no dead filter box');
  check((await visibleUnits(plain)).length === all, 'and every unit is listed');
  await plain.goto(`${base}districts/xa-ho-tram/`);
  check(!(await plain.getByRole('button', { name: 'Chọn làm địa bàn của tôi' }).isVisible()),
    'nor a button that cannot work');

});
