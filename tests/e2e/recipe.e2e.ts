import { describe, expect, it } from 'vitest';
import { runComparison } from '../../src/engine';
import { configFromUrl } from '../../src/cli/url';
import { useBrowser } from './browser';
import { waitForNewRun, waitForRuns } from './helpers';

const h = useBrowser();

describe('the training recipe in the page', () => {
  it('a warm-up + cosine schedule draws its sparkline, changes the path, and the link restores the same points', async () => {
    await h.page.goto(h.url('v=1&s=rosenbrock&o=adam,lr=0.05;gd,lr=0.001&n=200'));
    const first = await waitForRuns(h.page, 2);
    const card = h.page.getByRole('region', { name: /Racer 1/ });
    await card.getByText(/^Recipe/).click();
    expect(await card.locator('.lr-sparkline').count()).toBe(0);
    const before = h.page.url();
    await card.getByRole('combobox', { name: /Learning-rate schedule/ }).selectOption('warmcos');
    const changed = await waitForNewRun(h.page, first.runId);
    const spark = card.getByRole('img', { name: /Learning rate per step/ });
    await expect.poll(() => spark.count()).toBe(1);
    // Warm-up starts at 1 % of the lr: the marked step 0 shows it.
    expect(await spark.getAttribute('aria-label')).toMatch(/at step 0: 0\.0005\b/);
    expect(changed.racers[0].final).not.toEqual(first.racers[0].final);
    expect(changed.racers[1].final).toEqual(first.racers[1].final);

    // Stepping moves the sparkline's marker.
    await h.page.getByRole('button', { name: 'Step one' }).click();
    await expect.poll(() => spark.getAttribute('data-step')).toBe('1');

    await h.page.waitForFunction((u) => location.href !== u, before);
    await h.page.waitForTimeout(400); // the URL is written debounced
    const link = h.page.url();
    expect(link).toMatch(/sch=lin:0\.01:1:20~20~cos:180/);
    await h.page.goto(link);
    const restored = await waitForRuns(h.page, 2);
    expect(restored.racers.map((r) => r.final)).toEqual(changed.racers.map((r) => r.final));
    // And the CLI agrees with the page, bit for bit.
    const cli = runComparison(configFromUrl(new URL(link).search)).runs.map((r) => {
      const k = r.loss.length - 1;
      return [r.path[2 * k], r.path[2 * k + 1]];
    });
    expect(restored.racers.map((r) => r.final)).toEqual(cli);
    expect(h.errors).toEqual([]);
  });

  it('clipping by norm: its steps are marked on the plot, the explanation shows the gradient before and after it, and the loss chart shows the lr', async () => {
    await h.page.goto(h.url('v=1&s=rosenbrock&o=adam,lr=0.05;gd,lr=0.001&n=200&st=-1.2,1'));
    const first = await waitForRuns(h.page, 2);
    const marks = h.page.locator('canvas[data-clip-marks]');
    expect(await h.page.getByTestId('clip-note').count()).toBe(0);
    const card = h.page.getByRole('region', { name: /Racer 1/ });
    await card.getByText(/^Recipe/).click();
    await card.getByRole('combobox', { name: /Gradient clipping/ }).selectOption('norm');
    const once = await waitForNewRun(h.page, first.runId);
    const threshold = card.getByRole('textbox', { name: 'threshold c' });
    await threshold.fill('5');
    await threshold.press('Enter');
    await waitForNewRun(h.page, once.runId);
    await expect.poll(() => h.page.url()).toMatch(/adam,lr=0\.05,cn=5/);

    // The whole race: the bars of the clipped steps are on the plot, and the key says what they are.
    await h.page.keyboard.press('End');
    await expect.poll(async () => Number((await marks.getAttribute('data-clip-marks')) ?? 0)).toBeGreaterThan(3);
    await expect.poll(() => h.page.getByTestId('clip-note').textContent()).toMatch(/clipping changed the gradient/);
    // Back to the start: none yet.
    await h.page.keyboard.press('Home');
    await expect.poll(() => marks.getAttribute('data-clip-marks')).toBe('0');

    // The explanation of step 1 (clipped: the gradient at (−1.2, 1) has a norm of about 230).
    await h.page.locator('.legend-name').first().click();
    await h.page.getByRole('button', { name: 'Step one' }).click();
    const row = (id: string) => h.page.locator(`.explain-table tr[data-q="${id}"]`);
    const value = async (id: string) => Number(await row(id).locator('td').first().getAttribute('data-value'));
    await expect.poll(() => row('clipBit').locator('td').textContent()).toBe('yes');
    const n = await value('gradRawNorm');
    expect(n).toBeGreaterThan(200);
    expect(await value('clipFactor')).toBe(5 / (n + 1e-6));
    expect(await value('gradClippedNorm')).toBeCloseTo((5 * n) / (n + 1e-6), 10);
    expect(await row('gradRaw').textContent()).toContain('gradient before clipping');
    expect(await row('gradClipped').textContent()).toContain('gradient after clipping');
    await expect.poll(() => h.page.locator('.explain-recipe-rule[data-rule="clip"]').textContent()).toMatch(/Gradient clipping by norm/);
    // And the two arrows on the plot.
    const arrows = h.page.locator('[data-testid="explain-overlay"] g.ov-arrow');
    await expect.poll(async () => arrows.evaluateAll((gs) => gs.map((g) => (g as SVGGElement).dataset.arrow))).toEqual(expect.arrayContaining(['gradRaw', 'gradClipped']));

    // A schedule: the loss chart's lr toggle appears and draws racer 1's lr on a right axis.
    const lrToggle = h.page.getByRole('button', { name: 'Learning rate', exact: true });
    expect(await lrToggle.count()).toBe(0);
    await card.getByRole('combobox', { name: /Learning-rate schedule/ }).selectOption('cosine');
    await expect.poll(() => lrToggle.count()).toBe(1);
    expect(await lrToggle.getAttribute('aria-pressed')).toBe('false');
    await lrToggle.focus();
    await h.page.keyboard.press('Enter');
    expect(await lrToggle.getAttribute('aria-pressed')).toBe('true');
    const box = h.page.locator('.loss-box');
    await expect.poll(() => box.getAttribute('data-lr')).toBe('linear');
    await expect.poll(() => h.page.locator('.loss-lr-line').count()).toBe(1);
    expect(await h.page.locator('.axis-lr .tick').count()).toBeGreaterThan(1);
    await h.page.keyboard.press('Enter');
    await expect.poll(() => box.getAttribute('data-lr')).toBe('off');
    expect(h.errors).toEqual([]);
  });
});
