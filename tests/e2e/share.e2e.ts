import { describe, expect, it } from 'vitest';
import { runComparison } from '../../src/engine';
import { configFromUrl } from '../../src/cli/url';
import { presets } from '../../src/share/presets';
import { useBrowser } from './browser';
import { snapshot, waitForContour, waitForNewRun, waitForRuns } from './helpers';

const h = useBrowser();

/** Final point of every racer as the CLI prints it for a link. */
function cliFinals(query: string): [number, number][] {
  const result = runComparison(configFromUrl(query));
  return result.runs.map((r) => {
    const k = r.loss.length - 1;
    return [r.path[2 * k], r.path[2 * k + 1]];
  });
}

describe('share links in the page', () => {
  it('a slider change reaches the URL, and reloading that URL restores the same final points', async () => {
    await h.page.goto(h.url());
    const first = await waitForRuns(h.page, 3);
    const before = h.page.url();
    const slider = h.page.getByRole('slider', { name: /learning rate/i }).first();
    await slider.focus();
    await h.page.keyboard.press('ArrowRight');
    const changed = await waitForNewRun(h.page, first.runId);
    await h.page.waitForFunction((u) => location.href !== u, before);
    await h.page.waitForTimeout(400); // the URL is written debounced
    const link = h.page.url();
    expect(link).toMatch(/[?&]o=/);
    await h.page.goto(link);
    const restored = await waitForRuns(h.page, 3);
    expect(restored.racers.map((r) => r.final)).toEqual(changed.racers.map((r) => r.final));
    expect(h.errors).toEqual([]);
  });

  it('every preset, and links on every kind of surface, give the page the same final points as the CLI, bit for bit', async () => {
    const links = [
      ...presets.map((p) => [p.id, p.query] as const),
      ['logreg, mini-batches', 'v=1&s=logreg&o=adam,lr=0.1;momentum,lr=0.3&b=7&seed=3&n=200'],
      ['tinynet, l2', 'v=1&s=tinynet&l2=0.05&o=rmsprop,lr=0.02;nadam,lr=0.05&b=5&n=200'],
      ['simulated noise', 'v=1&s=himmelblau&noise=2&o=gd,lr=0.01;adamw,lr=0.05&b=4&seed=9&n=200'],
      ['rotated quadratic', 'v=1&s=quadratic&kappa=20&angle=33&o=newton;adagrad,lr=0.5&n=100'],
      // The host's pow differs between Node and Chromium on ~8 % of arguments: links whose numbers go through it.
      ['NAdam, 3000 steps (0.96^ψ)', 'v=1&s=rosenbrock&o=nadam,lr=0.01;nadam,lr=0.02,momentumDecay=0.01&n=3000'],
      ['OneCycle on the Adam family (β₁ᵗ; Adamax’s final point differed before the port)', 'v=1&s=beale&o=adam,sch=1cyc:0.05:400:0.3:cos:25:10000:0:1:0.99:0.999;adamax,sch=1cyc:0.02:400:0.3:cos:25:10000:0:1:0.99:0.999;radam,sch=1cyc:0.05:400;nadam,sch=1cyc:0.05:400&n=400'],
      ['schedule-free, r = 0.75, weightLrPower = 1.5, warm-up', 'v=1&s=rosenbrock&o=schedulefree,lr=0.05,r=0.75,weightLrPower=1.5,warmupSteps=50&n=500'],
      ['own-data linreg (domain and start from 10^⌊log10⌋)', 'v=1&s=linreg&o=adam,lr=0.05;gd,lr=0.01&n=300&d=0.13,0.71,1.9,2.4,3.3,4.05,5.2~0.9,1.6,2.8,3.1,4.4,4.9,6.3'],
    ];
    const mismatches: string[] = [];
    for (const [name, query] of links) {
      await h.page.goto(h.url(query));
      const snap = await waitForRuns(h.page);
      const page = snap.racers.map((r) => r.final);
      const cli = cliFinals(query);
      if (JSON.stringify(page) !== JSON.stringify(cli)) mismatches.push(`${name}: page ${JSON.stringify(page)} vs CLI ${JSON.stringify(cli)}`);
    }
    expect(mismatches).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('a preset opens from the gallery and the address bar follows', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page);
    await h.page.getByRole('button', { name: 'Presets' }).click();
    const dialog = h.page.getByRole('dialog');
    await expect.poll(() => dialog.count()).toBe(1);
    const preset = presets.find((p) => p.id === 'newton-saddle')!;
    await dialog.getByRole('button', { name: new RegExp(preset.title.en, 'i') }).first().click();
    await h.page.waitForFunction(() => window.__descent!.snapshot().surface === 'saddle');
    const snap = await waitForRuns(h.page, 2);
    expect(snap.racers.map((r) => r.final)).toEqual(cliFinals(preset.query));
    await h.page.waitForFunction(() => /s=saddle/.test(location.search));
  });

  it('a bad link shows a notice naming the ignored fields, keeps the page working, and can be dismissed', async () => {
    await h.page.goto(h.url('v=1&s=rosenbrock&o=adam,lr=-3;gd,lr=0.001&n=abc&seed=<script>alert(1)</script>'));
    await waitForContour(h.page);
    await waitForRuns(h.page, 2);
    const notice = h.page.getByRole('status').filter({ hasText: /could not be used/i });
    await expect.poll(() => notice.count()).toBe(1);
    const text = await notice.textContent();
    expect(text).toMatch(/o\[0\]\.lr/);
    expect(text).toMatch(/\bn\b/);
    expect(text).toMatch(/seed/);
    expect(await h.page.evaluate(() => document.querySelectorAll('script:not([src]):not([type])').length)).toBe(0);
    await notice.getByRole('button', { name: /dismiss/i }).click();
    await expect.poll(() => notice.count()).toBe(0);
    expect(h.errors).toEqual([]);
  });

  it('a garbled link never leaves a blank page', async () => {
    await h.page.goto(h.url('%E0%A4%A&v=99&s=%00&o=;;;,,,&st=NaN,Infinity&' + 'x'.repeat(5000)));
    await waitForContour(h.page);
    const snap = await waitForRuns(h.page);
    expect(snap.racers.length).toBeGreaterThan(0);
  });

  it('embed=1 shows the plot and the play controls only', async () => {
    await h.page.goto(h.url('v=1&s=beale&o=adam,lr=0.1&embed=1'));
    await waitForContour(h.page);
    await waitForRuns(h.page, 1);
    expect(await h.page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    expect(await h.page.getByRole('slider', { name: /learning rate/i }).count()).toBe(0);
    expect(await h.page.getByRole('combobox', { name: /loss surface/i }).count()).toBe(0);
    await h.page.getByRole('button', { name: 'Play' }).click();
    await h.page.waitForFunction(() => window.__descent!.snapshot().step > 5);
    expect((await snapshot(h.page)).surface).toBe('beale');
  });
});
