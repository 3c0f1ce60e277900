/**
 * Screenshots of every surface at 1280×720 and 390×844 (plus a dark-theme pair), into /tmp/shots
 * (or SHOTS_DIR). Builds the app, serves it with `vite preview`, drives headless Chromium.
 *
 *   npx tsx scripts/screenshot.ts [surface ...]
 *   npx tsx scripts/screenshot.ts --share      only the share/preset/export/embed/notice shots
 *   npx tsx scripts/screenshot.ts --layout     the page layout and presentation mode at 1280×720,
 *                                              1920×1080 and 390×844, both themes, EN and 中文
 *                                              (scripts/screenshot-layout.ts, into /tmp/shots-layout)
 *   npx tsx scripts/screenshot.ts --network    the Network view at 1280×720, 1920×1080 (EN and 中文, light and
 *                                              dark) and 390×844, its Export dialog and own data
 *                                              (scripts/screenshot-network.ts, into /tmp/shots-network)
 *   npx tsx scripts/screenshot.ts --explain    only the explanation/overlay/Learn shots, EN and 中文
 *                                              (scripts/screenshot-explain.ts, into /tmp/shots-explain)
 *
 * CHROME_PATH overrides the browser (default /usr/bin/chromium); BASE_URL skips build and serve.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChrome } from '../tests/e2e/chrome';
import { surfaceNames } from '../src/surfaces';
import { explainShots } from './screenshot-explain';
import { layoutShots } from './screenshot-layout';
import { networkShots } from './screenshot-network';
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

type Viewport = (typeof VIEWPORTS)[number];

/**
 * Share links, presets and exports (issues 4 and 7): the Share dialog, the preset gallery, the
 * Export menu (and what it saves: PNG, SVG, GIF, into OUT/export), an embedded link (alone and in
 * an iframe), a classroom link and a bad link's notice.
 */
async function shareShots(browser: Browser, base: string, vp: Viewport, errors: string[]): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: vp.width, height: vp.height },
    deviceScaleFactor: vp.scale,
    isMobile: vp.mobile,
    hasTouch: vp.mobile,
    colorScheme: 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${vp.name} share: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${vp.name} share console: ${m.text()} ${m.location().url}`);
  });
  const shot = async (name: string, full = false) => {
    const file = `${OUT}/${name}-${vp.name}.png`;
    await page.screenshot({ path: file, fullPage: full });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    console.log(`${file}${overflow > 0 ? `  (horizontal overflow ${overflow}px!)` : ''}`);
  };
  const ready = () => page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 15000 });
  const link = 'v=1&s=beale&o=gd,lr=0.05;gd,lr=0.001;adam,lr=0.2&n=400&t=400';

  await page.goto(`${base}?${link}`, { waitUntil: 'networkidle' });
  await ready();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByRole('dialog', { name: 'Share this race' }).waitFor();
  await page.getByRole('checkbox', { name: 'hyperparameters' }).check();
  await page.waitForTimeout(150);
  await shot('share-dialog');
  await page.getByRole('checkbox', { name: /^Embed/ }).check();
  await page.waitForTimeout(150);
  await shot('share-dialog-embed');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  await page.getByRole('dialog', { name: 'Presets' }).getByRole('button').nth(2).waitFor();
  await page.waitForTimeout(150);
  await shot('presets');
  await page.getByRole('button', { name: /^Adam on Beale/ }).click();
  await ready();
  // The whole race drawn, as the exports then show it.
  await page.getByLabel('Current step', { exact: true }).focus();
  await page.keyboard.press('End');

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.waitFor();
  await page.waitForTimeout(150);
  await shot('export-menu');
  mkdirSync(`${OUT}/export`, { recursive: true });
  for (const [button, ext] of [
    ['Plot as PNG', 'png'],
    ['Plot as SVG', 'svg'],
    ['Race as animated GIF', 'gif'],
    ['CSV', 'csv'],
  ] as const) {
    const download = page.waitForEvent('download', { timeout: 60000 });
    await dialog.getByRole('button', { name: button, exact: true }).click();
    if (ext === 'gif') {
      await page.waitForSelector('.export-progress', { timeout: 10000 });
      await shot('export-gif-progress');
    }
    const d = await download;
    const file = `${OUT}/export/${vp.name}-${d.suggestedFilename()}`;
    await d.saveAs(file);
    console.log(file);
  }
  await page.keyboard.press('Escape');

  // What the exports look like, opened in the browser (the GIF on its last frame).
  const viewer = await context.newPage();
  for (const ext of ['svg', 'gif', 'png']) {
    await viewer.goto(`file://${OUT}/export/${vp.name}-descent-beale.${ext}`);
    await viewer.waitForTimeout(ext === 'gif' ? 9000 : 300);
    const file = `${OUT}/exported-${ext}-${vp.name}.png`;
    await viewer.screenshot({ path: file });
    console.log(file);
  }
  await viewer.close();

  await page.goto(`${base}?${link}&embed=1`, { waitUntil: 'networkidle' });
  await ready();
  await shot('embed');
  await page.setContent(
    `<link rel="icon" href="data:,"><body style="margin:0;padding:16px;background:#ddd;font-family:sans-serif"><p>A slide with the race:</p><iframe src="${base}?${link}&amp;embed=1" width="${Math.min(800, vp.width - 32)}" height="${Math.min(560, vp.height - 80)}" style="border:0;background:#fff" title="Descent"></iframe></body>`,
  );
  await page.frameLocator('iframe').locator('.plot-box[data-ready="true"]').waitFor({ timeout: 15000 });
  await page.waitForTimeout(300);
  await shot('embed-iframe');

  await page.goto(`${base}?${link}&hide=surface,racers,data`, { waitUntil: 'networkidle' });
  await ready();
  await shot('classroom', vp.mobile);

  await page.goto(`${base}?v=9&s=nope&o=adam,lr=-3;warp,lr=1;gd,c=123456&n=abc&zoom=%3Cb%3E2%3C%2Fb%3E`, { waitUntil: 'networkidle' });
  await ready();
  await shot('bad-link');
  await context.close();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const args = process.argv.slice(2);
  const shareOnly = args.includes('--share');
  const explainOnly = args.includes('--explain');
  const layoutOnly = args.includes('--layout');
  const networkOnly = args.includes('--network');
  const only = args.filter((a) => !a.startsWith('--'));
  const surfaces = only.length ? only : surfaceNames;
  const server = await startPreview();
  const browser = await launchChrome();
  const errors: string[] = [];
  try {
    if (layoutOnly) {
      await layoutShots(browser, server.url, errors);
      return;
    }
    if (networkOnly) {
      await networkShots(browser, server.url, errors);
      return;
    }
    for (const vp of VIEWPORTS) {
      if (explainOnly) {
        await explainShots(browser, server.url, vp, errors);
        continue;
      }
      await shareShots(browser, server.url, vp, errors);
      if (shareOnly) continue;
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
