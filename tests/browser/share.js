// The share row of an article in a real browser (headless Chromium at
// 390 px): the share sheet and "copy link" where the browser has them,
// hidden where it has not, and the plain Facebook link.
//
// node tests/browser/share.js BASE_URL [SCREENSHOT_DIR]
const { PHONE, check, axe, run, path } = require('./common');

run('browser share', async (browser, page) => {
  const [base, shots] = process.argv.slice(2);
  const article = `${base}tin/ho-tram-ra-mat/`;
  const permalink = await (async () => {
    await page.goto(article);
    return page.getAttribute('link[rel=canonical]', 'href');
  })();

  // A phone: the share sheet (stubbed, as headless Chromium has none) and
  // the clipboard.
  const phone = await browser.newContext(PHONE);
  await phone.addInitScript(() => {
    navigator.share = (data) => { window.sharedData = data; return Promise.resolve(); };
  });
  await phone.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  const shared = await phone.newPage();
  await shared.goto(article);
  await shared.click('[data-share-native] button');
  const data = await shared.evaluate(() => window.sharedData);
  const title = await shared.textContent('h1');
  check(data && data.url === permalink && data.title === title, `"Chia sẻ" opens the share sheet with ${JSON.stringify(data)}`);
  await shared.click('[data-share-copy] button');
  await shared.waitForFunction(() => document.querySelector('[data-share-status]').textContent !== '');
  const copied = await shared.evaluate(() => navigator.clipboard.readText());
  check(copied === permalink, `"Sao chép liên kết" copies ${copied}`);
  check((await shared.textContent('[data-share-status]')) === 'Đã sao chép liên kết', 'and says so to screen readers');
  const facebook = new URL(await shared.getAttribute('.share a', 'href'));
  check(facebook.origin === 'https://www.facebook.com' && facebook.searchParams.get('u') === permalink,
    `Facebook is a plain link to its sharer: ${facebook}`);
  await axe(shared, 'an article with its share row');
  if (shots) {
    await shared.locator('.share').scrollIntoViewIfNeeded();
    await shared.screenshot({ path: path.join(shots, 'issue-15-share-row.png') });
  }

  // A browser without either: only the Facebook link shows.
  const bare = await browser.newContext(PHONE);
  await bare.addInitScript(() => {
    delete Navigator.prototype.share;
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  });
  const plain = await bare.newPage();
  await plain.goto(article);
  const shown = await plain.locator('.share li:visible').count();
  check(shown === 1, `without the share sheet and clipboard, one button shows (${shown})`);

  // Nothing of the page comes from another host.
  const sources = await page.$$eval('script[src], link[href][rel=stylesheet], img[src]',
    (els) => els.map((e) => e.src || e.href));
  check(sources.every((s) => new URL(s).origin === new URL(base).origin), `every script, style and picture is the site's own`);
});
