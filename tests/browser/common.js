// What the browser tests share: Chromium and playwright-core from
// ../shared/verify/install.sh, a phone's screen, checks that are counted,
// and axe.
const path = require('path');
const MODULES = process.env.NODE_MODULES || '/root/.cache/site-verify/node/node_modules';
const { chromium } = require(path.join(MODULES, 'playwright-core'));
const AXE = path.join(MODULES, 'axe-core', 'axe.min.js');

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const failures = [];

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

async function axe(page, what) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const ids = result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  check(ids.length === 0, `axe: no violations on ${what} ${ids.join(', ')}`);
}

// Runs `body(browser, page, errors)` and exits 1 when a check failed.
function run(name, body) {
  (async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'],
    });
    const page = await (await browser.newContext(PHONE)).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await body(browser, page);
    check(errors.length === 0, `no script errors ${errors.join('; ')}`);
    await browser.close();
    if (failures.length) {
      console.log(`${name}: ${failures.length} failed`);
      process.exit(1);
    }
    console.log(`${name}: all passed`);
  })().catch((e) => { console.error(e); process.exit(1); });
}

module.exports = { PHONE, check, axe, run, path };
