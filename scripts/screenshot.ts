/**
 * Screenshots of every surface at 1280×720 and 390×844 (plus a dark-theme pair), into /tmp/shots
 * (or SHOTS_DIR). Builds the app, serves it with `vite preview`, drives headless Chromium.
 *
 *   npx tsx scripts/screenshot.ts [surface ...]
 *
 * CHROME_PATH overrides the browser (default /usr/bin/chromium); BASE_URL skips build and serve.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { surfaceNames } from '../src/surfaces';
import { startPreview } from './screenshot-serve';

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots';
const VIEWPORTS = [
  { name: '1280x720', width: 1280, height: 720, scale: 1, mobile: false },
  { name: '390x844', width: 390, height: 844, scale: 2, mobile: true },
];

async function showSurface(page: Page, surface: string): Promise<void> {
  const picker = page.getByLabel('Loss surface', { exact: true });
  if ((await picker.inputValue()) !== surface) await picker.selectOption(surface);
  await page.waitForSelector(`.plot-box[data-surface="${surface}"][data-ready="true"]`, { timeout: 15000 });
  // Jump to the last step: the whole race is drawn.
  const timeline = page.getByLabel('Current step', { exact: true });
  await timeline.focus();
  await page.keyboard.press('End');
  await page.locator('body').click({ position: { x: 2, y: 2 } }).catch(() => {});
  await page.waitForTimeout(250);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const only = process.argv.slice(2);
  const surfaces = only.length ? only : surfaceNames;
  const server = await startPreview();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors: string[] = [];
  try {
    for (const vp of VIEWPORTS) {
      for (const theme of ['light', 'dark'] as const) {
        const context = await browser.newContext({
          viewport: { width: vp.width, height: vp.height },
          deviceScaleFactor: vp.scale,
          isMobile: vp.mobile,
          hasTouch: vp.mobile,
          colorScheme: theme,
        });
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(`${vp.name} ${theme}: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(`${vp.name} ${theme} console: ${m.text()}`);
        });
        await page.goto(server.url, { waitUntil: 'networkidle' });
        const list = theme === 'light' ? surfaces : surfaces.filter((s) => s === 'rosenbrock' || s === 'logreg');
        for (const s of list) {
          await showSurface(page, s);
          const file = `${OUT}/${s}-${vp.name}${theme === 'dark' ? '-dark' : ''}.png`;
          await page.screenshot({ path: file });
          if (vp.mobile && theme === 'light') await page.screenshot({ path: file.replace('.png', '-full.png'), fullPage: true });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          console.log(`${file}${overflow > 0 ? `  (horizontal overflow ${overflow}px!)` : ''}`);
        }
        if (theme === 'light') {
          // Six racers on Rosenbrock, the first one diverging (lr 0.01 is far too large for GD here).
          await showSurface(page, 'rosenbrock');
          for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Add racer' }).click();
          const first = page.getByRole('region', { name: /^Racer 1: / });
          await first.getByLabel('learning rate (value)').fill('0.01');
          await page.waitForTimeout(300);
          await showSurface(page, 'rosenbrock');
          const file = `${OUT}/six-racers-${vp.name}.png`;
          await page.screenshot({ path: file });
          if (vp.mobile) await page.screenshot({ path: file.replace('.png', '-full.png'), fullPage: true });
          console.log(file);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.stop();
  }
  if (errors.length) {
    console.error(errors.join('\n'));
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
