/**
 * Issue 17, part B, in real Chromium: step back and Home/End, Space on a focused button, the empty
 * race, scrubbing on the loss chart, preset thumbnails and note, offline reload through the service
 * worker, and the build served from a sub-path.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { OUT_DIR } from './global-setup';
import { snapshot, waitForContour, waitForRuns } from './helpers';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Service workers are blocked (the harness's default, so page.route sees every request) except
// in the two groups below where they are the subject.
const h = useBrowser();

describe('the keyboard', () => {
  it('← steps back, Home and End jump to the first and the last step', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page, 3);
    await h.page.locator('body').click({ position: { x: 2, y: 2 } });
    for (let i = 0; i < 3; i++) await h.page.keyboard.press('ArrowRight');
    expect((await snapshot(h.page)).step).toBe(3);
    await h.page.keyboard.press('ArrowLeft');
    expect((await snapshot(h.page)).step).toBe(2);
    await h.page.keyboard.press('End');
    expect((await snapshot(h.page)).step).toBe(300);
    await h.page.keyboard.press('ArrowLeft');
    expect((await snapshot(h.page)).step).toBe(299);
    await h.page.keyboard.press('Home');
    expect((await snapshot(h.page)).step).toBe(0);
    await h.page.keyboard.press('ArrowLeft');
    expect((await snapshot(h.page)).step).toBe(0);
    expect(h.errors).toEqual([]);
  });

  it('Space plays and pauses with a button focused, and never also presses that button', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page, 3);
    // The Play button itself: one toggle per press (a re-fired click would undo it).
    const play = h.page.getByRole('button', { name: 'Play' });
    await play.focus();
    await h.page.keyboard.press('Space');
    await h.page.waitForTimeout(200);
    expect((await snapshot(h.page)).playing).toBe(true);
    await h.page.keyboard.press('Space');
    await h.page.waitForTimeout(100);
    expect((await snapshot(h.page)).playing).toBe(false);
    // A Remove button: Space plays; the racer stays.
    const remove = h.page.getByRole('button', { name: /^Remove \(Racer 1: / });
    await remove.focus();
    await h.page.keyboard.press('Space');
    await h.page.waitForTimeout(200);
    let s = await snapshot(h.page);
    expect(s.playing).toBe(true);
    expect(s.racers).toHaveLength(3);
    await h.page.keyboard.press('Space');
    // "Step one": Space pauses/plays, never steps.
    await h.page.getByRole('button', { name: 'Reset', exact: true }).click();
    await h.page.getByRole('button', { name: 'Step one' }).focus();
    await h.page.keyboard.press('Space');
    await h.page.keyboard.press('Space');
    s = await snapshot(h.page);
    expect(s.playing).toBe(false);
    expect(await h.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Step one');
    // Enter still presses the focused button.
    await h.page.keyboard.press('Enter');
    expect((await snapshot(h.page)).step).toBe(s.step + 1);
    expect(h.errors).toEqual([]);
  });
});

describe('edge states', () => {
  it('removing every racer shows the empty race, with no error; adding one races again', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page, 3);
    const remove = h.page.getByRole('button', { name: /^Remove \(Racer 1: / });
    while ((await snapshot(h.page)).racers.length > 0) await remove.click();
    await expect.poll(() => h.page.getByText('No racers on the track').isVisible()).toBe(true);
    await h.page.waitForTimeout(300);
    expect(await h.page.locator('[role="alert"]').count()).toBe(0);
    expect(await h.page.getByText(/Invalid settings/).count()).toBe(0);
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.page.getByRole('button', { name: 'Add a racer (Adam)' }).click();
    const s = await waitForRuns(h.page, 1);
    expect(s.racers[0]).toMatchObject({ optimizer: 'adam', status: 'ok' });
    expect(h.errors).toEqual([]);
  });

  it('a link with no racers opens the default race with no notice', async () => {
    await h.page.goto(h.url('v=1&s=beale&o='));
    const s = await waitForRuns(h.page, 3);
    expect(s.surface).toBe('beale');
    expect(s.racers.map((r) => r.optimizer)).toEqual(['gd', 'momentum', 'adam']);
    expect(await h.page.locator('.notice').count()).toBe(0);
    expect(h.errors).toEqual([]);
  });
});

describe('the loss chart', () => {
  it('click and drag scrubs the race; the hover readout names every racer; log/linear toggles', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page, 3);
    const chart = h.page.locator('.loss-box');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    // The plot area's x range: from the y axis (56 px margin) to 14 px from the right.
    const xAt = (frac: number) => box.x + 56 + frac * (box.width - 70);
    const y = box.y + box.height * 0.45;
    await h.page.mouse.move(xAt(0.25), y);
    await h.page.mouse.down();
    expect((await snapshot(h.page)).step).toBeGreaterThan(60);
    await h.page.mouse.move(xAt(0.5), y, { steps: 6 });
    await h.page.mouse.move(xAt(0.75), y, { steps: 6 });
    const readout = h.page.locator('.loss-readout');
    await expect.poll(() => readout.isVisible()).toBe(true);
    await h.page.mouse.up();
    const s = await snapshot(h.page);
    expect(s.playing).toBe(false);
    expect(Math.abs(s.step - 225)).toBeLessThanOrEqual(6); // 75 % of 300 steps
    expect(await readout.locator('.loss-readout-row').count()).toBe(3);
    expect(await readout.textContent()).toMatch(/Adam · lr 0\.05/);
    // The lines are revealed up to the current step; "Whole race" draws them all.
    expect(await chart.getAttribute('data-reveal')).toBe('race');
    await h.page.getByRole('checkbox', { name: 'Whole race' }).check();
    await expect.poll(() => chart.getAttribute('data-reveal')).toBe('all');
    // Rosenbrock's losses span decades: log by default, linear on request.
    expect(await chart.getAttribute('data-scale')).toBe('log');
    await h.page.getByRole('button', { name: 'Linear' }).click();
    await expect.poll(() => chart.getAttribute('data-scale')).toBe('linear');
    expect(await h.page.getByRole('button', { name: 'Linear' }).getAttribute('aria-pressed')).toBe('true');
    expect(h.errors).toEqual([]);
  });
});

describe('presets', () => {
  it('thumbnails come from the real scene without long main-thread tasks; the note stays after opening', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page, 3);
    // Long tasks, and when the thumbnails get painted (the only main-thread work they cause).
    await h.page.evaluate(() => {
      const w = window as unknown as { __long: [number, number][]; __ready: number[] };
      w.__long = [];
      w.__ready = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push([e.startTime, e.duration]))).observe({ type: 'longtask' });
      new MutationObserver(() => {
        const n = document.querySelectorAll('.preset-thumb[data-ready="true"]').length;
        if (n > w.__ready.length) w.__ready.push(performance.now());
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
    });
    await h.page.getByRole('button', { name: 'Presets', exact: true }).click();
    await h.page.waitForFunction(() => document.querySelectorAll('.preset-thumb[data-ready="true"]').length >= 16, undefined, {
      timeout: 30_000,
    });
    await h.page.waitForTimeout(200);
    const { long, ready, paints } = await h.page.evaluate(() => {
      const w = window as unknown as { __long: [number, number][]; __ready: number[] };
      return { long: w.__long, ready: w.__ready, paints: performance.getEntriesByName('descent:thumb').map((e) => e.duration) };
    });
    const during = long.filter(([t]) => t >= ready[0] - 20 && t <= ready[ready.length - 1]);
    console.log(
      `preset thumbnails: ${paints.length} painted in ${(ready[ready.length - 1] - ready[0]).toFixed(0)} ms, each ${Math.min(...paints).toFixed(1)}–${Math.max(...paints).toFixed(1)} ms on the main thread; long tasks meanwhile (any cause): ${during.map((d) => d[1].toFixed(0)).join(', ') || 'none'}`,
    );
    // The engine runs in a worker; what a thumbnail costs the main thread is its paint.
    expect(paints.length).toBeGreaterThanOrEqual(16);
    expect(Math.max(...paints)).toBeLessThanOrEqual(50);
    // Real pixels: each thumbnail shows many colours (bands and paths).
    const colours = await h.page.evaluate(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('.preset-thumb')].map((c) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        const set = new Set<number>();
        for (let i = 0; i < d.length; i += 4 * 7) set.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        return set.size;
      }),
    );
    expect(colours.length).toBeGreaterThanOrEqual(16);
    for (const c of colours) expect(c).toBeGreaterThan(20);
    await h.page.locator('.preset-card[data-preset="ravine-momentum"]').click();
    const note = h.page.getByRole('region', { name: 'The ill-conditioned ravine and momentum' });
    await note.waitFor();
    expect(await note.textContent()).toMatch(/Try this next:/);
    await waitForContour(h.page);
    expect(await seriousViolations(h.page)).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});

describe('offline', () => {
  const sw = useBrowser({ serviceWorkers: 'allow' });

  it('after one visit the app reloads and runs with the network off', async () => {
    await sw.page.goto(sw.url('v=1&s=himmelblau&o=adam,lr=0.05;gd,lr=0.01'));
    await waitForRuns(sw.page, 2);
    await sw.page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active && !!navigator.serviceWorker.controller, undefined, {
      timeout: 20_000,
    });
    await sw.context.setOffline(true);
    try {
      await sw.page.reload();
      await waitForContour(sw.page);
      const s = await waitForRuns(sw.page, 2);
      expect(s.surface).toBe('himmelblau');
      expect(s.racers.map((r) => r.status)).toEqual(['ok', 'ok']);
      // Lazily loaded parts work offline too: the preset gallery and the explanation's formulas.
      await sw.page.getByRole('button', { name: 'Presets', exact: true }).click();
      await sw.page.locator('.preset-card').first().waitFor();
      expect(await sw.page.locator('.preset-card').count()).toBeGreaterThanOrEqual(16);
    } finally {
      await sw.context.setOffline(false);
    }
    expect(sw.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });
});

describe('served from a sub-path', () => {
  const sw = useBrowser({ serviceWorkers: 'allow' });
  let server: Server;
  let base = '';
  const TYPES: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.json': 'application/json',
  };
  beforeAll(async () => {
    const root = normalize(join(process.cwd(), OUT_DIR));
    const prefix = '/deep/sub/path/';
    server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      if (!path.startsWith(prefix)) {
        res.writeHead(404).end('not here');
        return;
      }
      let file = normalize(join(root, path.slice(prefix.length)));
      if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('loads, computes and plays at /deep/sub/path/, with its service worker scoped there', async () => {
    await sw.page.goto(`${base}?v=1&s=beale&o=adam,lr=0.2&n=100`);
    await waitForContour(sw.page);
    const s = await waitForRuns(sw.page, 1);
    expect(s.surface).toBe('beale');
    await sw.page.getByRole('button', { name: 'Play' }).click();
    await sw.page.waitForFunction(() => window.__descent!.snapshot().step > 10);
    const scope = await sw.page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(base);
    // Lazy chunks resolve under the sub-path too.
    await sw.page.getByRole('button', { name: 'Presets', exact: true }).click();
    await sw.page.locator('.preset-thumb[data-ready="true"]').first().waitFor({ timeout: 20_000 });
    expect(sw.errors).toEqual([]);
  });
});
