// The bytes of pictures a phone downloads for one page: Chromium at 390 px
// wide and 2× pixel density, scrolled to the end so that every lazy
// picture loads. node bench/page_weight.js URL [SCREENSHOT.png]
const { chromium } = require(process.env.PLAYWRIGHT || '/root/.cache/site-verify/node/node_modules/playwright-core');
(async () => {
  const [url, screenshot] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
  const pictures = [];
  page.on('response', async (response) => {
    const type = response.headers()['content-type'] || '';
    if (type.startsWith('image/')) {
      const body = await response.body().catch(() => Buffer.alloc(0));
      pictures.push({ url: response.url(), type, bytes: body.length });
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  if (screenshot) await page.screenshot({ path: screenshot });
  for (let y = 0; y < 40; y++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(100);
  }
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const total = pictures.reduce((sum, p) => sum + p.bytes, 0);
  console.log(JSON.stringify({ url, pictures, total_bytes: total }, null, 1));
  await browser.close();
})();
