/**
 * Screenshots of the page layout (issue 17): 1280×720, 1920×1080 and 390×844, light and dark,
 * English and 中文, at step 0 (ghost paths) and mid-race, with the panels hidden, and presentation
 * mode; into /tmp/shots-layout (or SHOTS_DIR). `npx tsx scripts/screenshot.ts --layout`.
 */
import { mkdirSync } from 'node:fs';
import { openShotPage, SHOT_VIEWPORTS, THEMES_AND_LANGUAGES } from './screenshot-page';
import type { Browser } from 'playwright-core';

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots-layout';
/** The ravine preset (momentum on an ill-conditioned quadratic), as its link. */
const RAVINE = 'v=1&s=quadratic&kappa=100&angle=-30&o=gd,lr=0.019;momentum,lr=0.019,momentum=0.8&st=-3.5,-0.5&n=150';

export async function layoutShots(browser: Browser, base: string, errors: string[]): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const vp of SHOT_VIEWPORTS) {
    for (const [theme, lang] of THEMES_AND_LANGUAGES) {
      if (vp.mobile && theme === 'dark' && lang === 'zh') continue;
      const tag = `${vp.name}-${theme}-${lang}`;
      const { context, page, shot } = await openShotPage(browser, vp, { theme, lang, tag, errors, file: (name) => `${OUT}/${name}-${tag}.png` });
      await page.goto(`${base}?${RAVINE}&lang=${lang}`, { waitUntil: 'networkidle' });
      await page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 15000 });
      await page.waitForTimeout(400);
      await shot('layout-step0');
      if (vp.mobile) await shot('layout-step0-full', true);
      if (theme === 'light' && lang === 'en') {
        // Mid-race with the first racer explained (the formula column), then the panels hidden.
        await page.goto(`${base}?${RAVINE}&t=30&lang=${lang}`, { waitUntil: 'networkidle' });
        await page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 15000 });
        await page.locator('.legend-name').first().click();
        await page.waitForTimeout(600);
        await shot('layout-explained');
        if (!vp.mobile) {
          await page.getByRole('button', { name: /hide panels/i }).click();
          await page.waitForTimeout(400);
          await shot('layout-panels-hidden');
          await page.getByRole('button', { name: /show panels/i }).click();
        }
        // Rosenbrock at the last step, and linear regression (its data panel).
        await page.goto(`${base}?v=1&s=linreg&o=gd,lr=0.1;adam,lr=0.1&n=200&t=200`, { waitUntil: 'networkidle' });
        await page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 15000 });
        await page.waitForTimeout(400);
        await shot('layout-linreg');
      }
      // Presentation mode (key P), mid-race.
      await page.goto(`${base}?${RAVINE}&t=40&lang=${lang}`, { waitUntil: 'networkidle' });
      await page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 15000 });
      await page.locator('body').press('p');
      await page.waitForSelector('.app-present .plot-box[data-ready="true"]', { timeout: 15000 });
      await page.waitForTimeout(700);
      await shot('present');
      await context.close();
    }
  }
}
