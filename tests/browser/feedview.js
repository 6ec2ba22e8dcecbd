// An RSS and an Atom file opened in a real browser (headless Chromium, a
// 390 px phone): the feeds' CSS stylesheet (feed.css) shows what the file
// is and how to follow it, the items' titles and dates, hides the items'
// HTML bodies, and fits the screen. No XSLT.
//
// node tests/browser/feedview.js BASE_URL [SCREENSHOT_DIR]
const { PHONE, check, run, path } = require('./common');

// What the page shows: the text of every displayed element, the generated
// text of its ::before and ::after, and the sizes that matter on a phone.
function shown() {
  const lines = [];
  const visible = (el) => getComputedStyle(el).display !== 'none';
  const generated = (el, pseudo) => {
    const content = getComputedStyle(el, pseudo).content;
    if (!content || content === 'none' || content === 'normal') return '';
    return content.startsWith('attr(') ? el.getAttribute('href') || '' : content.replace(/^"|"$/g, '');
  };
  const walk = (el) => {
    if (!visible(el)) return;
    lines.push(generated(el, '::before'));
    for (const child of el.childNodes) {
      if (child.nodeType === Node.ELEMENT_NODE) walk(child);
      else if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
        if (parseFloat(getComputedStyle(el).fontSize) > 0) lines.push(child.data);
      }
    }
    lines.push(generated(el, '::after'));
  };
  walk(document.documentElement);
  const items = [...document.getElementsByTagNameNS('*', 'item'), ...document.getElementsByTagNameNS('*', 'entry')];
  const child = (item, name) => [...item.children].find((c) => c.localName === name);
  const scale = screen.width / window.innerWidth;
  const px = (el) => el ? parseFloat(getComputedStyle(el).fontSize) * scale : 0;
  const date = items.length ? child(items[0], 'pubDate') || child(items[0], 'published') : null;
  return {
    text: lines.join('\n'),
    titles: items.map((i) => child(i, 'title').textContent),
    titlesShown: items.every((i) => child(i, 'title').getBoundingClientRect().height > 0),
    bodiesHidden: items.every((i) => [...i.children]
      .filter((c) => ['description', 'encoded', 'content', 'summary'].includes(c.localName))
      .every((c) => c.getBoundingClientRect().height === 0)),
    smallest: Math.min(px(date), px(items[0] && child(items[0], 'title'))),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    self: [...document.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'link')]
      .filter((l) => l.getAttribute('rel') === 'self').map((l) => l.getAttribute('href'))[0] || '',
    stylesheet: [...document.childNodes].filter((n) => n.nodeType === Node.PROCESSING_INSTRUCTION_NODE)
      .map((n) => n.data).join(' '),
  };
}

run('browser feed view', async (browser, page) => {
  const [base, shots] = process.argv.slice(2);
  // The district with the most news in the district list.
  await page.goto(`${base}districts/`);
  const district = await page.getAttribute('.units a[href*="/districts/"], main a[href*="/districts/"]', 'href');
  const feeds = [
    ['the site\'s RSS', `${base}rss.xml`, 'RSS'],
    ['a district\'s Atom', new URL(`${district}atom.xml`, base).href, 'Atom'],
    ['a district\'s RSS', new URL(`${district}rss.xml`, base).href, 'RSS'],
  ];
  const pictures = [];
  for (const [what, url, format] of feeds) {
    const response = await page.goto(url);
    check(response.ok(), `${what} opens: ${url}`);
    const view = await page.evaluate(shown);
    check(/type="text\/css" href="[^"]*feed\.css"/.test(view.stylesheet) && !/xsl/i.test(view.stylesheet),
      `${what} names the CSS stylesheet, not XSLT: ${view.stylesheet}`);
    check(view.text.includes(`Đây là nguồn tin (${format}) của`), `${what} says what it is`);
    check(view.text.includes('Dán địa chỉ này vào ứng dụng đọc tin để nhận bài mới:')
      && view.self.endsWith(new URL(url).pathname) && view.text.includes(view.self),
    `${what} shows its own address to paste: ${view.self}`);
    check(view.text.includes('Feeder') && view.text.includes('NetNewsWire'), `${what} names reader apps`);
    check(view.titles.length > 0 && view.titlesShown && view.titles.every((t) => view.text.includes(t)),
      `${what} shows its ${view.titles.length} items' titles`);
    check(view.bodiesHidden && !view.text.includes('<p>') && !view.text.includes('&lt;p'),
      `${what} hides the items' HTML bodies`);
    check(!view.text.includes('loa\n') && !/\nloa$/m.test(view.text), `${what} hides the generator's name`);
    check(view.overflow <= 0, `${what} has no horizontal scroll (${view.overflow} px over)`);
    check(view.smallest >= 16, `${what}: the items' text is ${view.smallest.toFixed(1)} px on the phone's screen`);
    if (shots && what !== 'a district\'s Atom') {
      pictures.push((await page.screenshot()).toString('base64'));
    }
  }
  if (shots) {
    // The two feeds side by side in one picture.
    const pair = await (await browser.newContext({ viewport: { width: 1560 + 24, height: 1688 } })).newPage();
    await pair.setContent(`<body style="margin:0;background:#888;display:flex;gap:24px">${
      pictures.map((p) => `<img src="data:image/png;base64,${p}" width="780" height="1688">`).join('')}</body>`);
    await pair.screenshot({ path: path.join(shots, 'issue-15-feed-in-browser.png') });
  }
});
