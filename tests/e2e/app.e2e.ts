import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { snapshot, waitForContour, waitForNewRun, waitForRuns } from './helpers';

const h = useBrowser();

describe('the playground in a real browser', () => {
  it('loads with no console error and draws the contour in pixels', async () => {
    await h.page.goto(h.url());
    expect(await waitForContour(h.page)).toBeGreaterThan(12);
    const snap = await waitForRuns(h.page, 3);
    expect(snap.racers.map((r) => r.optimizer)).toEqual(['gd', 'momentum', 'adam']);
    expect(h.errors).toEqual([]);
  });

  it('play advances the racers and the step counter; pause stops them', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page);
    const counter = h.page.locator('.step-counter-value');
    const before = await counter.textContent();
    await h.page.getByRole('button', { name: 'Play' }).click();
    await h.page.waitForFunction(() => window.__descent!.snapshot().step > 20);
    expect(await counter.textContent()).not.toBe(before);
    await h.page.getByRole('button', { name: 'Pause' }).click();
    const paused = (await snapshot(h.page)).step;
    await h.page.waitForTimeout(300);
    expect((await snapshot(h.page)).step).toBe(paused);
    expect(h.errors).toEqual([]);
  });

  it('a learning-rate slider changes the path', async () => {
    await h.page.goto(h.url());
    const first = await waitForRuns(h.page, 3);
    const slider = h.page.getByRole('slider', { name: /learning rate/i }).first();
    await slider.focus();
    await h.page.keyboard.press('ArrowRight');
    const next = await waitForNewRun(h.page, first.runId);
    expect(next.racers[0].final).not.toEqual(first.racers[0].final);
    expect(next.racers[2].final).toEqual(first.racers[2].final);
  });

  it('step one and reset work from their buttons', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page);
    const playback = h.page.getByRole('group', { name: 'Playback' });
    await playback.getByRole('button', { name: 'Step one' }).click();
    await playback.getByRole('button', { name: 'Step one' }).click();
    expect((await snapshot(h.page)).step).toBe(2);
    await playback.getByRole('button', { name: 'Reset', exact: true }).click();
    expect((await snapshot(h.page)).step).toBe(0);
  });

  it('shows a diverged racer as diverged, and the others go on', async () => {
    await h.page.goto(h.url());
    const first = await waitForRuns(h.page, 3);
    const lr = h.page.getByRole('spinbutton', { name: /learning rate/i }).first();
    await lr.fill('1');
    await lr.press('Enter');
    const next = await waitForNewRun(h.page, first.runId);
    expect(next.racers[0].status).toBe('diverged');
    expect(next.racers[2].status).toBe('ok');
    await expect.poll(() => h.page.getByText(/diverged/i).count()).toBeGreaterThan(0);
    expect(h.errors).toEqual([]);
  });
});
