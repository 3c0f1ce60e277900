/**
 * Issue 11 in real Chromium: a failing engine worker shows a message in the plot with a Retry
 * that works (item 4); the header never runs off the screen, from 240 px to 1280 px, in English
 * and Chinese (item 5); a clipboard write that never settles gets an answer (item 6).
 */
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { waitForContour, waitForNewRun, waitForRuns } from './helpers';

const WORKER = '**/engine.worker-*.js';

async function plotAlert(page: Page) {
  const alert = page.locator('.plot-box [role="alert"]');
  await alert.waitFor({ timeout: 10_000 });
  return alert;
}

describe('a failing engine worker', () => {
  const h = useBrowser();

  const broken: [string, (route: Route) => Promise<void>, RegExp][] = [
    ['its script 404s', (r) => r.fulfill({ status: 404, body: 'not found' }), /could not start/],
    ['it throws while loading', (r) => r.fulfill({ contentType: 'text/javascript', body: 'throw new Error("boom at load");' }), /boom at load/],
    [
      'it throws on every message',
      (r) => r.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => { throw new Error("boom on message"); };' }),
      /boom on message/,
    ],
  ];

  for (const [what, fulfill, detail] of broken) {
    it(`when ${what}: a message in the plot, then Retry brings the race back`, async () => {
      let failing = true;
      let loads = 0;
      await h.page.route(WORKER, async (route) => {
        loads++;
        if (failing) await fulfill(route);
        else await route.continue();
      });
      await h.page.goto(h.url());
      const alert = await plotAlert(h.page);
      await expect.poll(() => alert.textContent()).toMatch(/This is a fault in Descent, not in your settings/);
      expect(await alert.textContent()).toMatch(detail);
      expect(await h.page.getByText(/Invalid setting/).count()).toBe(0);
      expect(loads).toBe(2); // the first worker, and one automatic restart
      expect(h.errors.some((e) => e.includes('internal engine fault'))).toBe(true);

      failing = false;
      await alert.getByRole('button', { name: 'Retry' }).click();
      expect(await waitForContour(h.page)).toBeGreaterThan(12);
      await waitForRuns(h.page, 3);
      expect(await h.page.locator('.plot-box [role="alert"]').count()).toBe(0);
      expect(loads).toBe(3);
    });
  }
});

describe('a worker that dies mid-session', () => {
  const h = useBrowser();

  it('is replaced on its own: every edit still gets its race, and no fault is left on screen', async () => {
    let loads = 0;
    await h.page.route(WORKER, async (route) => {
      const url = route.request().url();
      if (url.includes('real=1')) return route.continue();
      loads++;
      // The real worker, plus a listener that kills it (an uncaught error) on its 4th message.
      const body = `import ${JSON.stringify(url + '?real=1')};\nlet n = 0;\nself.addEventListener('message', () => { if (++n === 4) throw new Error('died mid-session'); });`;
      await route.fulfill({ contentType: 'text/javascript', body });
    });
    await h.page.goto(h.url());
    let snap = await waitForRuns(h.page, 3);
    const slider = h.page.getByRole('slider', { name: /learning rate/i }).first();
    await slider.focus();
    for (let i = 0; i < 5; i++) {
      await h.page.keyboard.press('ArrowRight');
      snap = await waitForNewRun(h.page, snap.runId);
      expect(snap.racers.every((r) => r.final !== null)).toBe(true);
    }
    expect(loads).toBeGreaterThanOrEqual(2);
    expect(h.errors.some((e) => e.includes('internal engine fault') && e.includes('crash'))).toBe(true);
    expect(await h.page.locator('.plot-box [role="alert"]').count()).toBe(0);
  });
});

describe('the header at every width', () => {
  const h = useBrowser();

  // 701–799 px (an iPad in portrait is 768) and below 288 px used to scroll sideways.
  const widths = [240, 260, 280, 287, 320, 390, 600, 700, 701, 720, 768, 799, 800, 899, 900, 1023, 1024, 1199, 1280];

  for (const lang of ['en', 'zh']) {
    it(`never runs off the screen (${lang}): no sideways scroll, every header control inside the viewport`, async () => {
      await h.page.goto(h.url(lang === 'zh' ? 'lang=zh' : ''));
      await h.page.locator('.theme-toggle').waitFor();
      const bad: string[] = [];
      for (const width of widths) {
        await h.page.setViewportSize({ width, height: 900 });
        const r = await h.page.evaluate(() => {
          const doc = document.documentElement;
          const vw = doc.clientWidth;
          const outside = [...document.querySelectorAll('.app-header button, .app-header h1, .app-header a')]
            .map((el) => ({ el, b: el.getBoundingClientRect() }))
            .filter(({ b }) => b.left < -0.5 || b.right > vw + 0.5)
            .map(({ el, b }) => `${el.className || el.tagName} ${Math.round(b.left)}–${Math.round(b.right)}`);
          return { scroll: doc.scrollWidth - vw, outside, header: Math.round(document.querySelector('.app-header')!.getBoundingClientRect().height) };
        });
        if (r.scroll > 0 || r.outside.length > 0) bad.push(`${width} px: scrolls ${r.scroll} px sideways; outside: ${r.outside.join(', ')}`);
        // An iPad in portrait keeps a one-row header.
        if (width === 768 && r.header !== 52) bad.push(`768 px: header ${r.header} px tall`);
      }
      expect(bad).toEqual([]);
    });
  }
});

describe('a clipboard write that never settles', () => {
  const h = useBrowser();

  it('Export: the other buttons stay usable and the copy reports failure after 3 s', async () => {
    await h.page.addInitScript(() => {
      Object.defineProperty(navigator.clipboard, 'writeText', { value: () => new Promise(() => {}), configurable: true });
    });
    await h.page.goto(h.url());
    await waitForRuns(h.page, 3);
    await h.page.getByRole('button', { name: 'Export' }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('button', { name: 'Copy as PyTorch' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Copying…');
    for (const name of ['Download .py', 'Plot as PNG', 'Plot as SVG', 'CSV', 'JSON']) {
      expect(await dialog.getByRole('button', { name, exact: true }).isEnabled()).toBe(true);
    }
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 6000 }).toMatch(/clipboard is not available/);
    expect(await dialog.getByRole('button', { name: 'Copy as PyTorch' }).isEnabled()).toBe(true);
  });
});
