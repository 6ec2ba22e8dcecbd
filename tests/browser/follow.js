// A feed's own page (`/subscribe/<kind>/<key>/`) in a real browser
// (headless Chromium at 390 px), and its poster as Chromium prints it:
// one A4 page per feed, on its own page and on /subscribe/.
//
// node tests/browser/follow.js BASE_URL [SCREENSHOT_DIR]
const { PHONE, check, axe, run, path } = require('./common');

// Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`).
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) || []).length;

run('browser follow', async (browser, page) => {
  const [base, shots] = process.argv.slice(2);
  const unit = `${base}subscribe/districts/xa-ho-tram/`;
  const context = await browser.newContext(PHONE);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  const phone = await context.newPage();
  await phone.goto(unit);
  check((await phone.textContent('h1')) === 'Xã Hồ Tràm', 'the page is named after its unit');
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 390, `nothing wider than the phone (${wide} px)`);
  const qr = await phone.locator('.poster svg.qr-code').boundingBox();
  check(qr && qr.width >= 160, `the QR code is on the screen, ${qr && qr.width} px`);
  const address = (await phone.textContent('.poster-address')).trim();
  const canonical = await phone.getAttribute('link[rel=canonical]', 'href');
  check(`https://${address}` === canonical, `the address under the code is the page's: ${address}`);
  const items = await phone.locator('.latest-list li').count();
  check(items >= 1, `its latest articles are listed (${items})`);
  const rss = await phone.getAttribute('.feed-rss a.feed-url', 'href');
  await phone.click('.feed-rss button.copy');
  await phone.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
  const copied = await phone.evaluate(() => navigator.clipboard.readText());
  check(copied === rss && rss.endsWith('/districts/xa-ho-tram/rss.xml'), `"Sao chép" copies the RSS address ${copied}`);
  await axe(phone, 'a feed page');
  if (shots) {
    await phone.screenshot({ path: path.join(shots, 'issue-15-feed-page.png'), fullPage: true });
  }

  // Printed: one A4 poster with the code at least 9 cm wide.
  await phone.emulateMedia({ media: 'print' });
  const printed = await phone.locator('.poster svg.qr-code').boundingBox();
  check(printed && printed.width >= 9 / 2.54 * 96, `the printed code is ${printed && Math.round(printed.width / 96 * 2.54)} cm wide`);
  const hidden = await phone.evaluate(() => ['.site-header', '.follow-how', '.follow-latest']
    .filter((s) => getComputedStyle(document.querySelector(s)).display !== 'none'));
  check(hidden.length === 0, `only the poster is printed (${hidden.join(', ')})`);
  const poster = await phone.pdf({ format: 'A4' });
  check(pdfPages(poster) === 1, `a unit's page prints on one A4 page (${pdfPages(poster)})`);
  const site = await browser.newPage();
  await site.goto(`${base}subscribe/site/`);
  const sitePoster = await site.pdf({ format: 'A4' });
  check(pdfPages(sitePoster) === 1, `the whole site's feed page prints on one page (${pdfPages(sitePoster)})`);
  if (shots) {
    await site.setViewportSize({ width: 794, height: 1123 });
    await site.emulateMedia({ media: 'print' });
    await site.screenshot({ path: path.join(shots, 'issue-15-poster.png') });
  }

  // /subscribe/ prints every poster, one per page.
  await page.goto(`${base}subscribe/`);
  const posters = await page.locator('.feed-card svg.qr-code').count();
  const all = await page.pdf({ format: 'A4' });
  check(posters > 150 && pdfPages(all) === posters, `/subscribe/ prints ${posters} posters on ${pdfPages(all)} pages`);
});
