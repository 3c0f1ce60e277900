/**
 * Screenshots of the Network view (issues 15 and 16): 1280×720 and 1920×1080 in English and 中文,
 * light and dark, and 390×844 (light, both languages, also full page); the Export dialog and the
 * view with your own data (a pasted CSV). Into /tmp/shots-network (or SHOTS_DIR).
 * `npx tsx scripts/screenshot.ts --network`.
 */
import { mkdirSync } from 'node:fs';
import { openShotPage, SHOT_VIEWPORTS, THEMES_AND_LANGUAGES } from './screenshot-page';
import type { Browser, Page } from 'playwright-core';

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots-network';
/** Three racers on the moons, a 2-8-6-1 tanh network, shown at step 100 of 150. */
export const NETWORK_SHOT = 'view=network&ds=moons&h=8,6&act=tanh&ns=120&o=adam,lr=0.02;momentum,lr=0.05;rmsprop,lr=0.01&b=16&n=150&k=100';

/** A small two-class set as a CSV (a, b, t): two rings. */
export function ringsCsv(n = 80): string {
  const rows = ['a,b,t'];
  for (let i = 0; i < n; i++) {
    const th = (2 * Math.PI * i) / n;
    const r = i % 2 === 0 ? 0.5 : 1.2;
    rows.push(`${(r * Math.cos(th)).toFixed(4)},${(r * Math.sin(th)).toFixed(4)},${i % 2}`);
  }
  return rows.join('\n');
}

async function trained(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="net-boundary"]', { timeout: 30_000 });
  await page.waitForFunction(() => !/…/.test(document.querySelector('[data-testid="net-status"]')?.textContent ?? '…'), null, { timeout: 30_000 });
  await page.waitForTimeout(300);
}

export async function networkShots(browser: Browser, base: string, errors: string[]): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const vp of SHOT_VIEWPORTS) {
    for (const [theme, lang] of THEMES_AND_LANGUAGES) {
      if (vp.mobile && theme === 'dark') continue;
      const tag = `${vp.name}-${theme}-${lang}`;
      const { context, page, shot } = await openShotPage(browser, vp, { theme, lang, tag, errors, file: (name) => `${OUT}/${name}-${tag}.png` });
      await page.goto(`${base}?${NETWORK_SHOT}&lang=${lang}`, { waitUntil: 'load' });
      await trained(page);
      await shot('network');
      if (vp.mobile || vp.width === 1280) await shot('network-full', true);
      if (theme === 'light') {
        await page.getByRole('button', { name: lang === 'zh' ? '导出' : 'Export', exact: true }).click();
        await page.waitForSelector('[role="dialog"]');
        await page.waitForTimeout(200);
        await shot('network-export');
        await page.keyboard.press('Escape');
        // Your own data: paste a CSV, use it.
        await page.locator('.net-controls summary').click();
        const paste = page.getByRole('textbox', { name: lang === 'zh' ? /粘贴/ : /paste/i });
        if ((await paste.count()) > 0) {
          await paste.fill(ringsCsv());
          await page.getByRole('button', { name: lang === 'zh' ? '用这些数据比赛' : 'Race this data' }).click();
          const used = await page
            .waitForFunction(() => document.querySelector<HTMLSelectElement>('.net-controls select')?.value === 'own', null, { timeout: 10_000 })
            .then(() => true)
            .catch(() => false);
          if (used) await trained(page);
          else console.log(`${tag}: the engine did not take the data (${await page.locator('.error-banner').textContent().catch(() => '?')})`);
          await shot('network-own-data', vp.mobile);
        }
      }
      await context.close();
    }
  }
}
