/**
 * Screenshots of issue 17's controls work (loss chart, presets, empty state) at 1280×720,
 * 1920×1080 and 390×844, in English and Chinese, light and dark, into /tmp/shots-controls (or
 * SHOTS_DIR). Builds and serves the app like scripts/screenshot.ts (PORT, BASE_URL, SKIP_BUILD).
 *
 *   npx tsx scripts/screenshot-controls.ts
 */
import { mkdirSync } from 'node:fs';
import { launchChrome } from '../tests/e2e/chrome';
import { startPreview } from './screenshot-serve';

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots-controls';
const VIEWPORTS = [
  { name: '1280x720', width: 1280, height: 720, scale: 1, mobile: false },
  { name: '1920x1080', width: 1920, height: 1080, scale: 1, mobile: false },
  { name: '390x844', width: 390, height: 844, scale: 2, mobile: true },
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const only = process.argv.slice(2);
  const server = await startPreview();
  const browser = await launchChrome();
  const errors: string[] = [];
  try {
    for (const vp of VIEWPORTS) {
      if (only.length && !only.includes(vp.name)) continue;
      for (const lang of ['en', 'zh'] as const) {
        for (const theme of ['light', 'dark'] as const) {
          const context = await browser.newContext({
            viewport: { width: vp.width, height: vp.height },
            deviceScaleFactor: vp.scale,
            isMobile: vp.mobile,
            hasTouch: vp.mobile,
            colorScheme: theme,
            locale: lang === 'zh' ? 'zh-CN' : 'en-US',
          });
          const page = await context.newPage();
          page.on('pageerror', (e) => errors.push(`${vp.name} ${lang} ${theme}: ${e.message}`));
          page.on('console', (m) => {
            if (m.type() === 'error') errors.push(`${vp.name} ${lang} ${theme} console: ${m.text()}`);
          });
          const tag = `${vp.name}-${lang}-${theme}`;
          await page.goto(`${server.url}?v=1&s=rosenbrock&o=gd,lr=0.001;momentum,lr=0.001;adam,lr=0.05&n=300&t=120&lang=${lang}`, { waitUntil: 'networkidle' });
          await page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 15000 });
          await page.waitForTimeout(300);
          // Hover the loss chart's middle: the readout.
          const box = await page.locator('.loss-box').boundingBox();
          if (box) {
            await page.locator('.loss-box').scrollIntoViewIfNeeded();
            const b2 = (await page.locator('.loss-box').boundingBox())!;
            await page.mouse.move(b2.x + b2.width * 0.3, b2.y + b2.height * 0.4);
            await page.waitForTimeout(150);
          }
          await page.screenshot({ path: `${OUT}/main-${tag}.png` });
          if (vp.mobile) await page.screenshot({ path: `${OUT}/main-${tag}-full.png`, fullPage: true });
          const dataBox = await page.locator('.data-panel').boundingBox().catch(() => null);
          console.log(`${OUT}/main-${tag}.png`, dataBox ? `data panel bottom ${Math.round(dataBox.y + dataBox.height)} of ${vp.height}` : 'no data panel');
          if (lang === 'en' && theme === 'light') {
            await page.goto(`${server.url}?v=1&s=linreg&o=momentum,lr=0.02&n=300&b=8`, { waitUntil: 'networkidle' });
            await page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 15000 });
            await page.waitForTimeout(300);
            const d = await page.locator('.data-panel').boundingBox().catch(() => null);
            await page.screenshot({ path: `${OUT}/data-${tag}.png` });
            console.log(`${OUT}/data-${tag}.png`, d ? `data panel top ${Math.round(d.y)} bottom ${Math.round(d.y + d.height)} of ${vp.height}` : 'no data panel');
          }
          await page.getByRole('button', { name: lang === 'zh' ? /预设|Presets/ : 'Presets', exact: lang !== 'zh' }).first().click();
          await page.locator('.preset-list').waitFor();
          await page.waitForTimeout(1500);
          await page.screenshot({ path: `${OUT}/presets-${tag}.png` });
          await page.locator('.preset-card[data-preset="ravine-momentum"]').click();
          await page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 15000 });
          await page.waitForTimeout(400);
          await page.screenshot({ path: `${OUT}/preset-open-${tag}.png` });
          // Remove every racer: the empty state.
          if (!vp.mobile) {
            const remove = page.locator('.racer-card button', { hasText: lang === 'zh' ? '移除' : 'Remove' });
            while ((await remove.count()) > 0) await remove.first().click();
            await page.waitForTimeout(300);
            await page.screenshot({ path: `${OUT}/empty-${tag}.png` });
          }
          await context.close();
        }
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
