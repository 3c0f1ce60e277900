/**
 * Your own data in the real page (issue 16): paste a CSV, see a bad cell named, race it, get the
 * engine's very numbers, reload the link that carries the data and see the same race.
 * With DESCENT_SHOTS=dir, screenshots of the import at 1280×720 and 390×844 are saved there.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    await expect.poll(() => h.page.getByText(/Racing your data: 30 rows/).count()).toBe(1); // its box loads lazily

    if (shots) {
      await h.page.setViewportSize({ width: 390, height: 844 });
      await h.page.getByLabel('Paste CSV').fill('x,y\n1,2\n2\n');
      await h.page.getByLabel('Paste CSV').scrollIntoViewIfNeeded();
      await h.page.screenshot({ path: join(shots, 'import-390x844.png') });
    }
    expect((await snapshot(h.page)).surface).toBe('linreg');
    expect(h.errors).toEqual([]);
  });

  it('a data set too large for a link: the Share dialog says so; Save scene, then Open scene, brings it all back', async () => {
    const shots = process.env.DESCENT_SHOTS;
    await h.page.setViewportSize({ width: 1280, height: 720 });
    await h.page.goto(h.url('v=1&s=logreg&o=adam,lr=0.1;rmsprop,lr=0.02'));
    const first = await waitForRuns(h.page, 2);
    await h.page.getByText('Your own data').click();
    const rows = Array.from({ length: 1500 }, (_, i) => `${(Math.sin(i) * 2).toFixed(4)},${(Math.cos(i * 1.3) * 2).toFixed(4)},${Math.sin(i) + Math.cos(i * 1.3) + Math.sin(7 * i) > 0 ? 1 : 0}`);
    await h.page.getByLabel('Paste CSV').fill(['a,b,t', ...rows].join('\n'));
    await h.page.getByRole('button', { name: 'Race this data' }).click();
    const raced = await waitForNewRun(h.page, first.runId);
    expect(await h.page.getByText(/Too large for a share link/).count()).toBe(1);
    await expect.poll(() => h.page.url()).toMatch(/d=file(:|%3A)1500/);

    await h.page.getByRole('button', { name: 'Share' }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Share this race' });
    await expect.poll(() => dialog.getByText(/This scene races your own data \(1,500 rows\), too large for a link/).count()).toBe(1);
    if (shots) await h.page.screenshot({ path: join(shots, 'share-too-large-1280x720.png') });
    const [download] = await Promise.all([h.page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save scene' }).click()]);
    expect(download.suggestedFilename()).toBe('descent-scene-logreg.json');
    const path = join(mkdtempSync(join(tmpdir(), 'descent-scene-')), download.suggestedFilename());
    await download.saveAs(path);
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved.config.surface.data.t).toHaveLength(1500);

    // A fresh page on the default scene opens the file: the same race.
    await h.page.goto(h.url());
    await waitForRuns(h.page, 3);
    await h.page.getByRole('button', { name: 'Share' }).click();
    await h.page.getByRole('dialog', { name: 'Share this race' }).getByLabel('Open scene').setInputFiles(path);
    await expect.poll(() => h.page.getByText('Opened descent-scene-logreg.json.').count()).toBe(1);
    const back = await waitForRuns(h.page, 2);
    expect(back.surface).toBe('logreg');
    expect(back.racers.map((r) => r.final)).toEqual(raced.racers.map((r) => r.final));
    expect(h.errors).toEqual([]);
  });
});
