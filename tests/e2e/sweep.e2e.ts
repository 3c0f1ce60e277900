/**
 * The Sweep panel in a real browser: the map fills in pixels from the worker pool, a cell click
 * sets the racer to that cell and races it, cancel stops a sweep. Screenshots go to
 * test-results/sweep-*.png.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { snapshot, waitForRuns } from './helpers';

const h = useBrowser({ viewport: { width: 1400, height: 1000 } });
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const QUADRATIC = 'v=1&s=quadratic&kappa=100&o=momentum,lr=0.01,momentum=0.5&n=150';

async function openSweep() {
  const panel = h.page.locator('.sweep-panel');
  await panel.getByRole('button', { name: 'Open the sweep' }).click();
  await panel.getByRole('button', { name: 'Run sweep' }).waitFor();
  return panel;
}

/** Distinct colours of the sweep canvas (sampled). */
function mapColours(): Promise<number> {
  return h.page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.sweep-map canvas')!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const set = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 13) if (d[i + 3] > 0) set.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return set.size;
  });
}

describe('the sweep view', () => {
  it('renders the map of momentum on the quadratic, with the analytic edges, and a cell click races that setting', async () => {
    await h.page.goto(h.url(QUADRATIC));
    await waitForRuns(h.page, 1);
    const panel = await openSweep();
    await panel.getByLabel('Cells per axis').selectOption('32');
    await panel.getByRole('button', { name: 'Run sweep' }).click();
    await h.page.locator('[data-sweep-status="done"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => panel.locator('.sweep-progress [role="status"]').textContent()).toMatch(/1024 cells/);
    expect(await mapColours()).toBeGreaterThan(30);
    await expect.poll(() => panel.getByText(/lr·λ = 2 \+ 2β/).count()).toBe(1);
    mkdirSync('test-results', { recursive: true });
    await panel.screenshot({ path: 'test-results/sweep-map.png' });
    await h.page.screenshot({ path: 'test-results/sweep-page.png', fullPage: true });

    // Click a cell in the converging region: the racer takes its lr and momentum and plays.
    const canvas = panel.locator('.sweep-map canvas');
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: 58 + (box.width - 68) * 0.3, y: 10 + (box.height - 50) * 0.4 } });
    const text = (await panel.locator('.sweep-cell').textContent()) ?? '';
    const m = /learning rate = ([\d.e−-]+), momentum = ([\d.e−-]+)/.exec(text);
    expect(m, text).not.toBeNull();
    await expect.poll(async () => (await snapshot(h.page)).playing).toBe(true);
    const lr = h.page.getByRole('spinbutton', { name: /learning rate/i }).first();
    expect(Number(await lr.inputValue())).toBeCloseTo(Number(m![1].replace('−', '-')), 3);
    const mom = h.page.getByRole('spinbutton', { name: /^momentum/i }).first();
    expect(Number(await mom.inputValue())).toBeCloseTo(Number(m![2].replace('−', '-')), 3);
    await expect.poll(() => new URL(h.page.url()).search).toContain(`lr=`);
    expect(h.errors).toEqual([]);
  });

  it('is keyboard-operable: arrows pick a cell and Enter races it', async () => {
    await h.page.goto(h.url(QUADRATIC));
    await waitForRuns(h.page, 1);
    const panel = await openSweep();
    await panel.getByLabel('Cells per axis').selectOption('16');
    await panel.getByRole('button', { name: 'Run sweep' }).click();
    await h.page.locator('[data-sweep-status="done"]').waitFor({ timeout: 20_000 });
    const canvas = panel.getByRole('img', { name: /Sweep map/ });
    await canvas.focus();
    await h.page.keyboard.press('ArrowRight');
    for (let k = 0; k < 6; k++) await h.page.keyboard.press('ArrowRight');
    await h.page.keyboard.press('ArrowUp');
    await expect.poll(() => panel.locator('.sweep-cell').textContent()).toMatch(/final loss|diverged/);
    await h.page.keyboard.press('Enter');
    await expect.poll(async () => (await snapshot(h.page)).playing).toBe(true);
    expect(h.errors).toEqual([]);
  });

  it('cancel stops a running sweep', async () => {
    await h.page.goto(h.url('v=1&s=rosenbrock&o=adam,lr=0.01&n=10000'));
    await waitForRuns(h.page, 1);
    const panel = await openSweep();
    await panel.getByLabel('Cells per axis').selectOption('128');
    await panel.getByRole('button', { name: 'Run sweep' }).click();
    await h.page.locator('[data-sweep-status="running"]').waitFor();
    await h.page.waitForFunction(() => Number(document.querySelector<HTMLProgressElement>('.sweep-progress progress')?.value) > 0, undefined, { timeout: 20_000 });
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await h.page.locator('[data-sweep-status="cancelled"]').waitFor();
    const done = await h.page.evaluate(() => document.querySelector<HTMLProgressElement>('.sweep-progress progress')!.value);
    expect(done).toBeLessThan(128 * 128);
    await h.page.waitForTimeout(500);
    expect(await h.page.evaluate(() => document.querySelector<HTMLProgressElement>('.sweep-progress progress')!.value)).toBe(done);
    await expect.poll(() => panel.locator('.sweep-progress [role="status"]').textContent()).toMatch(/Cancelled after/);
    await panel.screenshot({ path: 'test-results/sweep-cancelled.png' });
    expect(h.errors).toEqual([]);
  });

  it('the explanation panel draws the sharpness along the path against 2/lr', async () => {
    await h.page.goto(h.url('v=1&s=rosenbrock&o=gd,lr=0.0015&n=400'));
    await waitForRuns(h.page, 1);
    await h.page.getByLabel('Explain').selectOption({ index: 1 });
    const chart = h.page.locator('.stability-chart');
    await chart.waitFor({ timeout: 15_000 });
    await expect.poll(() => chart.locator('path.stability-sharpness').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(await chart.locator('line.stability-threshold').count()).toBe(1);
    await expect.poll(() => chart.locator('figcaption').textContent()).toMatch(/2\/lr/);
    await chart.screenshot({ path: 'test-results/sweep-stability.png' });
    expect(h.errors).toEqual([]);
  });

  it('draws sensitivity curves of every racer over five seeds on mini-batches', async () => {
    await h.page.goto(h.url('v=1&s=linreg&b=8&o=gd,lr=0.01;momentum,lr=0.01;adam,lr=0.05&n=100'));
    await waitForRuns(h.page, 3);
    const panel = await openSweep();
    await panel.getByRole('button', { name: 'Sensitivity curves' }).click();
    await expect.poll(() => panel.locator('.racer-studies [role="status"]').textContent(), { timeout: 30_000 }).toMatch(/Curves of 3 racers over 5 seeds/);
    const medians = panel.locator('path.studies-median');
    expect(await medians.count()).toBe(3);
    for (let k = 0; k < 3; k++) expect(await medians.nth(k).getAttribute('d')).toMatch(/^M/);
    expect(await panel.locator('path.studies-band').count()).toBe(3);
    await panel.locator('.racer-studies').screenshot({ path: 'test-results/sweep-curves.png' });
    expect(h.errors).toEqual([]);
  });

  it('fair tuning shows each racer its tuned lr, applies it, and the race ends at the loss it promised', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page, 3);
    const panel = await openSweep();
    await panel.getByRole('button', { name: 'Tune learning rates fairly' }).click();
    await expect.poll(() => panel.locator('.racer-studies [role="status"]').textContent(), { timeout: 30_000 }).toMatch(/Tuned and applied/);
    const rows = panel.locator('.studies-table tbody tr');
    expect(await rows.count()).toBe(3);
    await expect.poll(async () => (await snapshot(h.page)).playing).toBe(true);
    await h.page.waitForFunction(() => window.__descent!.snapshot().racers.every((r) => r.final));
    const snap = await snapshot(h.page);
    for (let k = 0; k < 3; k++) {
      const lr = Number(await rows.nth(k).locator('[data-lr]').getAttribute('data-lr'));
      const loss = Number(await rows.nth(k).locator('[data-loss]').getAttribute('data-loss'));
      expect(lr).toBeGreaterThan(0);
      // The race the page runs with the tuned lr ends exactly where the sweep said.
      await expect.poll(async () => (await snapshot(h.page)).racers[k].loss).toBe(loss);
    }
    expect(snap.racers.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    await panel.locator('.racer-studies').screenshot({ path: 'test-results/sweep-tuning.png' });
    await panel.getByRole('button', { name: 'Undo the tuning' }).click();
    await expect.poll(() => panel.locator('.racer-studies [role="status"]').textContent()).toMatch(/back as they were/);
    expect(h.errors).toEqual([]);
  });

  it('axe finds no serious violation in the open panel with a map, curves and a tuning table, light and dark', async () => {
    await h.page.goto(h.url(QUADRATIC));
    await waitForRuns(h.page, 1);
    const panel = await openSweep();
    await panel.getByLabel('Cells per axis').selectOption('16');
    await panel.getByRole('button', { name: 'Run sweep' }).click();
    await h.page.locator('[data-sweep-status="done"]').waitFor({ timeout: 20_000 });
    await panel.getByRole('button', { name: 'Tune learning rates fairly' }).click();
    await expect.poll(() => panel.locator('.racer-studies [role="status"]').textContent(), { timeout: 30_000 }).toMatch(/Tuned and applied/);
    await h.page.addScriptTag({ path: axePath });
    const serious = () =>
      h.page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
        const r = await axe.run(document.querySelector('.sweep-panel')!, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
    expect(await serious()).toEqual([]);
    await h.page.getByRole('button', { name: /dark theme/i }).click();
    await h.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await serious()).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('the LR range test draws one curve per racer on a data surface and marks the suggested rate', async () => {
    await h.page.goto(h.url('v=1&s=linreg&b=8&o=gd,lr=0.01;adam,lr=0.05&n=200'));
    await waitForRuns(h.page, 2);
    const panel = await openSweep();
    await panel.getByRole('button', { name: 'LR range test' }).click();
    await expect.poll(() => panel.locator('path.range-curve').count()).toBe(2);
    expect(await panel.locator('line.range-suggested').count()).toBe(2);
    const suggested = await panel.locator('.range-list li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-suggested'))));
    expect(suggested.every((v) => v > 1e-6 && v < 10)).toBe(true);
    await panel.locator('.racer-studies').screenshot({ path: 'test-results/sweep-range.png' });
    // Not on an analytic surface.
    await h.page.goto(h.url(QUADRATIC));
    await waitForRuns(h.page, 1);
    const p2 = await openSweep();
    expect(await p2.getByRole('button', { name: 'LR range test' }).isDisabled()).toBe(true);
    expect(h.errors).toEqual([]);
  });
});
