import { launchChrome } from './tests/e2e/chrome.ts';
import { startPreview } from './scripts/screenshot-serve.ts';
import { openShotPage } from './scripts/screenshot-page.ts';
const served = await startPreview();
const browser = await launchChrome();
const errors: string[] = [];
const vps = [
  { name: '1280', width: 1280, height: 720, scale: 1, mobile: false },
  { name: '1920', width: 1920, height: 1080, scale: 1, mobile: false },
  { name: 'phone', width: 390, height: 844, scale: 2, mobile: true },
];
for (const vp of vps) for (const [theme, lang] of [['light', 'en'], ['dark', 'zh']] as const) {
  const p = await openShotPage(browser, vp, { theme, lang, tag: `${vp.name}-${lang}`, file: (n) => `/tmp/shots/recipe-${vp.name}-${lang}-${n}.png`, errors });
  await p.page.goto(`${served.url}/?lang=${lang}`);
  await p.page.waitForSelector('details.recipe');
  const card = p.page.locator('details.recipe').first();
  await card.locator('summary').click();
  await p.page.locator('select.recipe-schedule').first().selectOption('warmcos');
  await p.page.locator('.lr-sparkline').first().waitFor();
  await card.scrollIntoViewIfNeeded();
  await p.shot('open');
  // Add a racer: it arrives with a suggested lr.
  const before = await p.page.locator('details.recipe').count();
  await p.page.locator('.section-head .btn-primary').first().click();
  await p.page.waitForFunction((n) => document.querySelectorAll('details.recipe').length === n + 1, before);
  await p.page.locator('details.recipe').last().scrollIntoViewIfNeeded();
  await p.shot('added');
  await p.context.close();
}
await browser.close();
served.stop();
console.log('errors', errors);
