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
});
