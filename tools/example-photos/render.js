// Renders an HTML scene to a PNG at its own size in headless Chromium:
// node render.js scene.html out.png WIDTH HEIGHT
const { chromium } = require(process.env.PLAYWRIGHT || '/root/.cache/site-verify/node/node_modules/playwright-core');
(async () => {
  const [html, out, width, height] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  await page.goto('file://' + require('path').resolve(html));
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  await browser.close();
})();
