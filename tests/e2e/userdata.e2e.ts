/**
 * Your own data in the real page (issue 16): paste a CSV, see a bad cell named, race it, get the
 * engine's very numbers, reload the link that carries the data and see the same race.
 * With DESCENT_SHOTS=dir, screenshots of the import at 1280×720 and 390×844 are saved there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeConfig, runComparison } from '../../src/engine';
import { useBrowser } from './browser';
import { snapshot, waitForContour, waitForNewRun, waitForRuns } from './helpers';

const h = useBrowser();

const CSV = ['hours,score', ...Array.from({ length: 30 }, (_, i) => `${(1 + i * 0.2).toFixed(1)},${(40 + 9 * (1 + i * 0.2) + ((i * 37) % 11) - 5).toFixed(1)}`)].join('\n');

function expected(): [number, number][] {
  const rows = CSV.split('\n').slice(1).map((l) => l.split(',').map(Number));
  const config = normalizeConfig({ surface: { name: 'linreg', data: { x: rows.map((r) => r[0]), y: rows.map((r) => r[1]) } }, optimizers: [{ name: 'adam', lr: 0.5 }, { name: 'gd', lr: 0.01 }], batchSize: 30 });
  return runComparison(config).runs.map((r) => [r.path[r.path.length - 2], r.path[r.path.length - 1]]);
}

describe('your own data in the page', () => {
  it('paste a CSV, race it, reload its link: the same race as the engine runs', async () => {
    const shots = process.env.DESCENT_SHOTS;
    if (shots) mkdirSync(shots, { recursive: true });
    await h.page.setViewportSize({ width: 1280, height: 720 });
    await h.page.goto(h.url('v=1&s=linreg&o=adam,lr=0.5;gd,lr=0.01'));
    const first = await waitForRuns(h.page, 2);
    await h.page.getByText('Your own data').click();
    const box = h.page.getByLabel('Paste CSV');
    await box.fill('x,y\n1,2\n2,abc\n');
    await expect.poll(() => h.page.getByRole('alert').textContent()).toBe('row 3, column "y": "abc" is not a number');
    if (shots) {
      await box.scrollIntoViewIfNeeded();
      await h.page.screenshot({ path: join(shots, 'import-error-1280x720.png') });
    }
    await box.fill(CSV);
    await expect.poll(() => h.page.getByText('30 rows ready.').count()).toBe(1);
    expect(await h.page.getByLabel('Column for x').inputValue()).toBe('0');
    await h.page.getByRole('button', { name: 'Race this data' }).click();
    const next = await waitForNewRun(h.page, first.runId);
    const want = expected();
    expect(next.racers.map((r) => r.final)).toEqual(want);
    await waitForContour(h.page);
    if (shots) await h.page.screenshot({ path: join(shots, 'import-racing-1280x720.png') });

    // The address bar carries the data: a reload races it again, to the bit.
    await expect.poll(() => h.page.url()).toContain('d=');
    const url = h.page.url();
    await h.page.goto(url);
    const again = await waitForRuns(h.page, 2);
    expect(again.racers.map((r) => r.final)).toEqual(want);
    expect(await h.page.getByText(/Racing your data: 30 rows/).count()).toBe(1);

    if (shots) {
      await h.page.setViewportSize({ width: 390, height: 844 });
      await h.page.getByLabel('Paste CSV').fill('x,y\n1,2\n2\n');
      await h.page.getByLabel('Paste CSV').scrollIntoViewIfNeeded();
      await h.page.screenshot({ path: join(shots, 'import-390x844.png') });
    }
    expect((await snapshot(h.page)).surface).toBe('linreg');
    expect(h.errors).toEqual([]);
  });
});
