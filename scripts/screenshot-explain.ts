/**
 * Screenshots of the teaching layer (issue 6), in English and Chinese at 1280×720 and 390×844:
 * the explanation panel with the plot overlay (momentum, Adam, Newton), the Learn dialog, and
 * the Chinese interface as a whole. Also checks that the arrow keys move the timeline. Then the
 * optimizers of issue 13: L-BFGS's trial points, SAM's θ + e, Shampoo's ellipse, schedule-free's
 * z and y (SHOTS=optimizers takes only those).
 *
 *   npx tsx scripts/screenshot-explain.ts          (or through scripts/screenshot.ts --explain)
 *
 * Into /tmp/shots (SHOTS_DIR); BASE_URL skips build and serve; CHROME_PATH as screenshot.ts.
 */
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChrome } from '../tests/e2e/chrome';
import { startPreview } from './screenshot-serve';

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots-explain';
const VIEWPORTS = [
  { name: '1280x720', width: 1280, height: 720, scale: 1, mobile: false },
  { name: '390x844', width: 390, height: 844, scale: 2, mobile: true },
];
type Viewport = (typeof VIEWPORTS)[number];

async function toStep(page: Page, step: number): Promise<void> {
  const timeline = page.locator('.timeline input[type="range"]');
  await timeline.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < step; i++) await page.keyboard.press('ArrowRight');
  const v = await timeline.inputValue();
  if (v !== String(step)) throw new Error(`the arrow keys moved the timeline to ${v}, not ${step}`);
  await timeline.blur();
}

async function explain(page: Page, racer: number, step: number): Promise<void> {
  await page.locator('.explain-panel select').selectOption(String(racer));
  await page.waitForSelector('.explain-table', { timeout: 15000, state: 'attached' });
  await toStep(page, step);
  await page.waitForSelector('.explain-rule .katex', { timeout: 15000 });
  await page.waitForSelector(`[data-testid="explain-overlay"][data-step="${step}"]`, { timeout: 15000 });
  await page.evaluate(() => {
    const d = document.querySelector<HTMLDetailsElement>('.explain-hyper');
    if (d) d.open = true;
    // Wide layout: the side column scrolls to the panel; phones: the page starts at the plot.
    if (window.innerWidth > 1000) document.querySelector('.explain-panel')?.scrollIntoView({ block: 'start' });
    else window.scrollTo(0, 0);
  });
  await page.waitForTimeout(200);
}

export async function explainShots(browser: Browser, base: string, vp: Viewport, errors: string[]): Promise<void> {
  for (const lang of ['en', 'zh'] as const) {
    const context = await browser.newContext({
      viewport: { width: vp.width, height: vp.height },
      deviceScaleFactor: vp.scale,
      isMobile: vp.mobile,
      hasTouch: vp.mobile,
      colorScheme: 'light',
      locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${vp.name} ${lang}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${vp.name} ${lang} console: ${m.text()}`);
    });
    const shot = async (name: string, full = vp.mobile) => {
      const file = `${OUT}/${name}-${lang}-${vp.name}.png`;
      await page.screenshot({ path: file, fullPage: full });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      console.log(`${file}${overflow > 0 ? `  (horizontal overflow ${overflow}px!)` : ''}`);
    };
    const open = async (query: string) => {
      await page.goto(`${base}${query}`, { waitUntil: 'networkidle' });
      await page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 15000 });
      const htmlLang = await page.evaluate(() => document.documentElement.lang);
      if (!htmlLang.startsWith(lang)) throw new Error(`the page is in ${htmlLang}, the browser in ${lang}`);
    };
    const scroll = async (selector: string) => {
      if (vp.mobile) await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'start' }), selector);
    };

    // The default scene (GD, Momentum, Adam on Rosenbrock): momentum at step 12, Adam at step 30.
    await open('');
    await shot('app');
    await explain(page, 2, 12);
    await shot('explain-momentum', false);
    if (vp.mobile) {
      await scroll('.explain-panel');
      await shot('explain-momentum-panel', false);
      await shot('explain-momentum-full', true);
    }
    await explain(page, 3, 30);
    if (vp.mobile) await page.evaluate(() => window.scrollTo(0, 0));
    await shot('explain-adam', false);
    if (vp.mobile) {
      await scroll('.explain-panel');
      await shot('explain-adam-panel', false);
    }

    if (!vp.mobile) {
      // The overlay and the panel in the dark theme.
      await page.locator('.theme-toggle').click();
      await page.waitForTimeout(300);
      await shot('explain-adam-dark', false);
      await page.locator('.theme-toggle').click();
    }

    // Newton beside gradient descent on the saddle (saddle-free: the saddle repels).
    await open('?v=1&s=saddle&o=newton,lr=0.5,saddleFree=1;gd,lr=0.05&n=40');
    await explain(page, 1, 3);
    await shot('explain-newton', !vp.mobile ? false : true);

    // Learn
    await open('');
    await page.locator('.learn-open').click();
    await page.waitForSelector('.learn-concept', { timeout: 15000 });
    await page.waitForTimeout(200);
    await shot('learn', false);
    await page.locator('.learn-faq').first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(100);
    await shot('learn-faq', false);
    await page.keyboard.press('Escape');
    await context.close();
  }
}

/** The explanation and overlay of each optimizer of issue 13, in both languages. */
export async function optimizerShots(browser: Browser, base: string, vp: Viewport, errors: string[]): Promise<void> {
  const scenes: [string, string, number, number][] = [
    ['explain-lbfgs', '?v=1&s=rosenbrock&o=lbfgs,lineSearch=strong_wolfe;gd,lr=0.001&n=60', 1, 3],
    ['explain-sam', '?v=1&s=sharpflat&o=sam,base=gd,base.lr=0.02;gd,lr=0.02&n=300', 1, 4],
    ['explain-shampoo', '?v=1&s=quadratic&angle=30&o=shampoo,lr=0.5;adam,lr=0.1&n=150', 1, 6],
    ['explain-schedulefree', '?v=1&s=quadratic&o=schedulefree,lr=0.3&n=100', 1, 12],
  ];
  for (const lang of ['en', 'zh'] as const) {
    const context = await browser.newContext({
      viewport: { width: vp.width, height: vp.height },
      deviceScaleFactor: vp.scale,
      isMobile: vp.mobile,
      hasTouch: vp.mobile,
      colorScheme: 'light',
      locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${vp.name} ${lang}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${vp.name} ${lang} console: ${m.text()}`);
    });
    for (const [name, query, racer, step] of scenes) {
      await page.goto(`${base}${query}`, { waitUntil: 'networkidle' });
      await page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 15000 });
      await explain(page, racer, step);
      const file = `${OUT}/${name}-${lang}-${vp.name}.png`;
      await page.screenshot({ path: file, fullPage: vp.mobile });
      console.log(file);
    }
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await startPreview();
  const browser = await launchChrome();
  const errors: string[] = [];
  const only = process.env.SHOTS === 'optimizers';
  try {
    for (const vp of VIEWPORTS) {
      if (!only) await explainShots(browser, server.url, vp, errors);
      await optimizerShots(browser, server.url, vp, errors);
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
