// The register of legal documents in a real browser (headless Chromium at
// 390 px, as on a phone), on the example site and its laws.toml: the
// filter box of /laws/ with and without diacritics and by number, the
// notice above an article citing a law no longer in force and the card of
// that law's page (no horizontal scroll, links that lead to the
// replacement), and axe on all three.
//
// node tests/browser/laws.js BASE_URL [SCREENSHOT_DIR]
// (tests/browser/run.sh builds the example site and serves it.)
const { check, axe, run, path } = require('./common');

async function visibleLaws(page) {
  return page.$$eval('li[data-search]', (items) =>
    items.filter((li) => li.offsetParent !== null).map((li) => li.querySelector('a').textContent));
}

async function noSideScroll(page, what) {
  const [scroll, client] = await page.evaluate(() =>
    [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  check(scroll <= client, `${what}: no horizontal scroll (${scroll} <= ${client})`);
}

run('browser laws', async (browser, page) => {
  const [base, shots] = process.argv.slice(2);

  await page.goto(`${base}laws/`);
  const all = (await visibleLaws(page)).length;
  check(all >= 6, `every document is listed (${all})`);
  const box = page.getByLabel('Tìm văn bản');
  check(await box.isVisible(), 'the filter box shows where scripts run');
  await box.fill('can cuoc');
  let shown = await visibleLaws(page);
  check(shown.includes('Luật Căn cước') && shown.includes('Luật Căn cước công dân'),
    `"can cuoc" finds both identity laws: ${shown}`);
  check(shown.length < all, `"can cuoc" hides the others (${shown.length} of ${all})`);
  await box.fill('168/2024');
  shown = await visibleLaws(page);
  check(shown.length === 1 && shown[0] === 'Nghị định 168/2024/NĐ-CP', `a number finds its decree: ${shown}`);
  await box.fill('NGHỊ ĐỊNH 100');
  shown = await visibleLaws(page);
  check(shown.includes('Nghị định 100/2019/NĐ-CP'), `capitals and diacritics find it too: ${shown}`);
  const hiddenGroups = await page.$$eval('section.law-group', (groups) => groups.filter((g) => g.hidden).length);
  check(hiddenGroups > 0, `groups without a match are hidden (${hiddenGroups})`);
  await box.fill('khong co van ban nay');
  const status = await page.locator('#loc-van-ban-ket-qua').textContent();
  check(/Không có văn bản nào/.test(status), `no match is said: ${status}`);
  await box.fill('');
  await noSideScroll(page, '/laws/');
  await axe(page, '/laws/');
  if (shots) await page.screenshot({ path: path.join(shots, 'laws.png'), fullPage: true });

  await page.goto(`${base}huong-dan/lam-the-can-cuoc-cong-dan-gan-chip-chau-duc/`);
  const notice = page.locator('aside.law-notice');
  check(await notice.isVisible(), 'the notice shows above the article');
  const text = await notice.textContent();
  check(text.includes('hết hiệu lực từ ngày 01/07/2024'), `it says since when: ${text}`);
  const [noticeTop, bodyTop] = await page.evaluate(() => [
    document.querySelector('aside.law-notice').getBoundingClientRect().top,
    document.querySelector('.content').getBoundingClientRect().top,
  ]);
  check(noticeTop < bodyTop, 'it comes before the body');
  check(noticeTop < 844, `it is on the first screen (${Math.round(noticeTop)} px)`);
  await noSideScroll(page, 'the article');
  await axe(page, 'an article with the notice');
  await notice.getByRole('link', { name: /Luật Căn cước \(26\/2023\/QH15\)/ }).click();
  await page.waitForLoadState();
  check(page.url().endsWith('/laws/luat-can-cuoc-2023/'), `the replacement's link leads to its page: ${page.url()}`);
  const status2023 = await page.locator('.law-card .law-status').textContent();
  check(status2023 === 'Còn hiệu lực', `the new law is in force: ${status2023}`);

  await page.goto(`${base}laws/luat-can-cuoc-cong-dan-2014/`);
  const card = await page.locator('.law-card .law-status').textContent();
  check(card.startsWith('Hết hiệu lực'), `the old law's card says so: ${card}`);
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  check(ld['@type'] === 'Legislation' && ld.legislationLegalForce === 'https://schema.org/NotInForce',
    `its JSON-LD parses and is not in force: ${ld['@type']} ${ld.legislationLegalForce}`);
  await noSideScroll(page, 'a law page');
  await axe(page, 'a law page');
});
