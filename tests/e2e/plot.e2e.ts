/**
 * The picture (issue 17): equal scale measured from the drawn axes at four viewports and four
 * surfaces, ghost paths that follow a dragged slider, the hover readout, presentation mode, and
 * canvas backing stores capped on huge screens.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { snapshot, waitForNewRun, waitForRuns } from './helpers';

const h = useBrowser();

/** Pixels per data unit on each axis, from the tick marks and labels the page drew. */
async function unitsFromAxes(page: Page): Promise<{ kx: number; ky: number; ticks: number[] }> {
  return page.evaluate(() => {
    const read = (axis: string, coord: 'x' | 'y') => {
      const ticks = [...document.querySelectorAll<SVGGElement>(`.plot-svg .axis-${axis} .tick`)];
      return ticks.map((t) => {
        const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(t.getAttribute('transform') ?? '')!;
        const px = Number(coord === 'x' ? m[1] : m[2]);
        const value = Number(t.textContent!.replace('\u2212', '-'));
        return { px, value };
      });
    };
    const fit = (pts: { px: number; value: number }[]) => {
      const a = pts[0];
      const b = pts[pts.length - 1];
      return Math.abs((b.px - a.px) / (b.value - a.value));
    };
    const xs = read('x', 'x');
    const ys = read('y', 'y');
    return { kx: fit(xs), ky: fit(ys), ticks: [xs.length, ys.length] };
  });
}

/** Waits until the contour grid covers the domain shown (the grid follows the plot's aspect). */
async function waitForCoveringGrid(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const box = document.querySelector<HTMLElement>('.plot-box');
      if (!box || box.dataset.ready !== 'true' || !box.dataset.grid) return false;
      const v = box.dataset.view!.split(',').map(Number);
      const g = box.dataset.grid.split(',').map(Number);
      const ex = (v[1] - v[0]) * 1e-4;
      const ey = (v[3] - v[2]) * 1e-4;
      return g[0] <= v[0] + ex && g[1] >= v[1] - ex && g[2] <= v[2] + ey && g[3] >= v[3] - ey;
    },
    undefined,
    { timeout: 15_000 },
  );
}

const SURFACES: Record<string, string> = {
  rosenbrock: 's=rosenbrock',
  camel: 's=camel',
  linreg: 's=linreg',
  'quadratic at 30°': 's=quadratic&angle=30',
};
const VIEWPORTS = [
  { name: '1280×720', width: 1280, height: 720, embed: false },
  { name: '1920×1080', width: 1920, height: 1080, embed: false },
  { name: '390×844', width: 390, height: 844, embed: false },
  { name: 'embed 960×540', width: 960, height: 540, embed: true },
];

describe('equal scale, measured from the drawn axes', () => {
  for (const vp of VIEWPORTS) {
    it(`one unit is as long on x as on y at ${vp.name} on every surface, and the contours fill the plot`, async () => {
      await h.page.setViewportSize({ width: vp.width, height: vp.height });
      for (const [name, q] of Object.entries(SURFACES)) {
        await h.page.goto(h.url(`v=1&${q}&o=adam,lr=0.05${vp.embed ? '&embed=1' : ''}`));
        await waitForCoveringGrid(h.page);
        const { kx, ky, ticks } = await unitsFromAxes(h.page);
        expect(ticks[0], `${name}: x ticks`).toBeGreaterThanOrEqual(3);
        expect(ticks[1], `${name}: y ticks`).toBeGreaterThanOrEqual(3);
        expect(Math.abs(kx - ky) / Math.max(kx, ky), `${name} at ${vp.name}: ${kx.toFixed(2)} px/unit on x, ${ky.toFixed(2)} on y`).toBeLessThan(0.01);
        // Every corner of the plot is coloured by the contours (the grid covers what is shown).
        const corners = await h.page.evaluate(() => {
          const c = document.querySelector<HTMLCanvasElement>('.plot-box canvas')!;
          const frame = document.querySelector('.plot-svg .plot-frame')!;
          const k = c.width / c.getBoundingClientRect().width;
          const x0 = Number(frame.getAttribute('x'));
          const y0 = Number(frame.getAttribute('y'));
          const w = Number(frame.getAttribute('width'));
          const hh = Number(frame.getAttribute('height'));
          const ctx = c.getContext('2d')!;
          return [
            [x0 + 3, y0 + 3],
            [x0 + w - 3, y0 + 3],
            [x0 + 3, y0 + hh - 3],
            [x0 + w - 3, y0 + hh - 3],
          ].map(([x, y]) => ctx.getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data[3]);
        });
        expect(corners, `${name} at ${vp.name}: alpha at the plot's corners`).toEqual([255, 255, 255, 255]);
      }
      expect(h.errors).toEqual([]);
    });
  }
});

/** A checksum of a canvas's pixels (and how many are painted). */
function canvasSum(page: Page, selector: string): Promise<{ painted: number; sum: number }> {
  return page.evaluate((sel) => {
    const c = document.querySelector<HTMLCanvasElement>(sel)!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    let sum = 0;
    for (let i = 3; i < d.length; i += 4) {
      if (d[i] > 0) {
        painted++;
        sum = (sum * 31 + d[i - 3] * 7 + d[i - 2] * 3 + d[i - 1] + i) % 1_000_000_007;
      }
    }
    return { painted, sum };
  }, selector);
}

describe('ghost paths', () => {
  it('at step 0 every racer’s whole path shows faintly, and follows a dragged slider live', async () => {
    await h.page.goto(h.url());
    const first = await waitForRuns(h.page, 3);
    expect(first.step).toBe(0);
    const ghost0 = await canvasSum(h.page, '[data-testid="ghost-paths"]');
    expect(ghost0.painted).toBeGreaterThan(300);
    // The step-0 race itself has nothing to draw but the markers: its line canvas is empty.
    expect((await canvasSum(h.page, '.plot-box canvas:nth-of-type(3)')).painted).toBe(0);

    // Drag the first learning-rate slider: each new result redraws the ghosts while the drag goes on.
    const slider = h.page.getByRole('slider', { name: /learning rate/i }).first();
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    let x = box.x + box.width * 0.3;
    await h.page.mouse.move(x, y);
    await h.page.mouse.down();
    let last = ghost0;
    let runId = first.runId;
    let changes = 0;
    for (let i = 0; i < 4; i++) {
      x += box.width * 0.1;
      await h.page.mouse.move(x, y, { steps: 2 });
      const snap = await waitForNewRun(h.page, runId);
      runId = snap.runId;
      await h.page.waitForFunction(() => window.__descent!.snapshot().racers.every((r) => r.final !== null));
      const now = await canvasSum(h.page, '[data-testid="ghost-paths"]');
      expect(now.painted).toBeGreaterThan(300);
      if (now.sum !== last.sum) changes++;
      last = now;
    }
    await h.page.mouse.up();
    expect(changes).toBeGreaterThanOrEqual(3);

    // Playing draws the solid path over the ghost.
    await h.page.getByRole('button', { name: 'Play' }).click();
    await h.page.waitForFunction(() => window.__descent!.snapshot().step > 30);
    await h.page.getByRole('button', { name: 'Pause' }).click();
    const solid = await canvasSum(h.page, '.plot-box canvas:nth-of-type(3)');
    expect(solid.painted).toBeGreaterThan(100);
    expect(h.errors).toEqual([]);
  });

  it('the hover readout gives x, y and f under the pointer', async () => {
    await h.page.goto(h.url('v=1&s=rosenbrock&o=adam,lr=0.05'));
    await waitForCoveringGrid(h.page);
    // Hover the global minimum (1, 1), found from the axes.
    const at = await h.page.evaluate(() => {
      const pos = (axis: string, coord: 0 | 1) =>
        [...document.querySelectorAll<SVGGElement>(`.plot-svg .axis-${axis} .tick`)].map((t) => {
          const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(t.getAttribute('transform')!)!;
          return { px: Number(m[coord + 1]), v: Number(t.textContent!.replace('\u2212', '-')) };
        });
      const lerp = (pts: { px: number; v: number }[], v: number) => {
        const a = pts[0];
        const b = pts[pts.length - 1];
        return a.px + ((v - a.v) * (b.px - a.px)) / (b.v - a.v);
      };
      const r = document.querySelector('.plot-box')!.getBoundingClientRect();
      return { x: r.left + lerp(pos('x', 0), 1), y: r.top + lerp(pos('y', 1), 1) };
    });
    await h.page.mouse.move(at.x, at.y);
    const readout = h.page.getByTestId('plot-readout');
    await readout.waitFor({ state: 'visible' });
    const text = (await readout.textContent())!;
    const m = /x = ([-\d.e]+), y = ([-\d.e]+), f = ([-\d.e]+)/.exec(text.replace(/\u2212/g, '-'));
    expect(m, text).not.toBeNull();
    expect(Math.abs(Number(m![1]) - 1)).toBeLessThan(0.03);
    expect(Math.abs(Number(m![2]) - 1)).toBeLessThan(0.03);
    expect(Number(m![3])).toBeLessThan(0.5);
    await h.page.mouse.move(2, 2);
    await readout.waitFor({ state: 'hidden' });
  });
});

describe('presentation mode', () => {
  it('key P: the plot full screen with large type, the preset’s caption and formula, controls on hover; Esc leaves', async () => {
    await h.page.setViewportSize({ width: 1920, height: 1080 });
    const ravine = 'v=1&s=quadratic&kappa=100&angle=-30&o=gd,lr=0.019;momentum,lr=0.019,momentum=0.8&st=-3.5,-0.5&n=150';
    await h.page.goto(h.url(ravine));
    await waitForRuns(h.page, 2);
    await h.page.locator('body').press('p');
    const present = h.page.locator('.app-present');
    await present.waitFor();
    await expect.poll(() => h.page.locator('.present-title').textContent()).toBe('The ill-conditioned ravine and momentum');
    expect(await h.page.locator('.present-point').textContent()).toMatch(/condition number/);
    await h.page.locator('.present-formula .katex').first().waitFor();
    await h.page.waitForSelector('.app-present .plot-box[data-ready="true"]');
    await waitForCoveringGrid(h.page);
    const sizes = await h.page.evaluate(() => {
      const px = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
      return { tick: px('.app-present .axis-x .tick text'), point: px('.present-point'), legend: px('.present-legend .legend-name'), title: px('.present-title') };
    });
    expect(sizes.tick).toBeGreaterThanOrEqual(24);
    expect(sizes.point).toBeGreaterThanOrEqual(24);
    expect(sizes.legend).toBeGreaterThanOrEqual(24);
    expect(sizes.title).toBeGreaterThanOrEqual(24);
    // The plot takes most of the screen.
    const plot = (await h.page.locator('.app-present .plot-box').boundingBox())!;
    expect(plot.width * plot.height).toBeGreaterThan(0.5 * 1920 * 1080);
    // Equal scale here too.
    const { kx, ky } = await unitsFromAxes(h.page);
    expect(Math.abs(kx - ky) / kx).toBeLessThan(0.01);
    // The legend is there; the controls fade when the pointer rests and come back on hover or focus.
    expect(await h.page.locator('.present-legend .legend-item').count()).toBe(2);
    const controls = h.page.locator('.present-controls');
    const opacity = () => controls.evaluate((el) => Number(getComputedStyle(el).opacity));
    await h.page.mouse.move(900, 500);
    await expect.poll(opacity, { timeout: 6000 }).toBeLessThan(0.05);
    await h.page.mouse.move(960, 1040);
    await expect.poll(opacity).toBeGreaterThan(0.95);
    await h.page.mouse.move(600, 400);
    await expect.poll(opacity, { timeout: 6000 }).toBeLessThan(0.05);
    await h.page.getByRole('button', { name: 'Play' }).focus();
    await expect.poll(opacity).toBeGreaterThan(0.95);
    // Esc leaves.
    await h.page.keyboard.press('Escape');
    await h.page.locator('.app-main').waitFor();
    expect(await present.count()).toBe(0);
    // The header's button enters it too.
    await h.page.getByRole('button', { name: 'Present' }).click();
    await present.waitFor();
    await h.page.getByRole('button', { name: 'Exit presentation' }).click();
    await h.page.locator('.app-main').waitFor();
    expect(h.errors).toEqual([]);
  });
});

describe('presentation mode from a link', () => {
  it('present=1 opens in presentation mode; Esc leaves it and the address bar follows', async () => {
    await h.page.goto(h.url('v=1&s=rosenbrock&o=adam,lr=0.05&present=1'));
    await h.page.locator('.app-present').waitFor();
    // Not a preset: the caption names the surface and its racers, with the formula.
    expect(await h.page.locator('.present-title').textContent()).toBe('Rosenbrock');
    expect(await h.page.locator('.present-point').textContent()).toBe('Adam');
    await h.page.locator('.present-formula .katex').first().waitFor();
    await h.page.keyboard.press('Escape');
    await h.page.locator('.app-main').waitFor();
    await expect.poll(() => h.page.url(), { timeout: 5000 }).not.toMatch(/present=/);
    expect(h.errors).toEqual([]);
  });
});

describe('the explanation column', () => {
  for (const vp of [
    { width: 1280, height: 720, lang: 'en' },
    { width: 1280, height: 720, lang: 'zh' },
    { width: 1920, height: 1080, lang: 'en' },
  ]) {
    it(`at ${vp.width}×${vp.height} (${vp.lang}) fits every equation of RMSProp’s, NAdam’s and Newton’s update rules unbroken`, async () => {
      await h.page.setViewportSize({ width: vp.width, height: vp.height });
      await h.page.goto(h.url(`v=1&s=rosenbrock&o=rmsprop,lr=0.01,centered=1;nadam,lr=0.05;newton&n=50&t=5&lang=${vp.lang}`));
      await waitForRuns(h.page, 3);
      for (let i = 0; i < 3; i++) {
        await h.page.locator('.legend-name').nth(i).click();
        await h.page.locator('.rule-line .katex').first().waitFor();
        const lines = await h.page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.rule-line .formula-part')].map((l) => {
            const k = l.querySelector<HTMLElement>('.katex-html') ?? l;
            // A wrap puts a piece of the formula left of the one before it.
            const lefts = [...k.querySelectorAll<HTMLElement>('.katex-base, .base')].map((b) => b.getBoundingClientRect().left);
            const rows = 1 + lefts.filter((x, j) => j > 0 && x < lefts[j - 1]).length;
            return { fits: l.scrollWidth <= l.closest('.rule-line')!.clientWidth, rows: lefts.length ? rows : 0, text: l.textContent!.slice(0, 40) };
          }),
        );
        expect(lines.length).toBeGreaterThan(0);
        for (const l of lines) {
          expect(l.rows, `racer ${i + 1}: "${l.text}" wraps`).toBe(1);
          expect(l.fits, `racer ${i + 1}: "${l.text}" is wider than the column`).toBe(true);
        }
      }
      expect(h.errors).toEqual([]);
    });
  }
});

describe('exports', () => {
  it('Plot as PNG is twice the plot’s size, with a title bar naming the surface, the racers and the step', async () => {
    const context = await h.context.browser()!.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(h.url('v=1&s=rosenbrock&o=gd,lr=0.001;adam,lr=0.05&n=100&t=60'));
      await page.waitForSelector('.plot-box[data-ready="true"]');
      await page.waitForFunction(() => window.__descent?.snapshot().racers.every((r) => r.final !== null) === true);
      const box = (await page.locator('.plot-box').boundingBox())!;
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Export' });
      const download = page.waitForEvent('download', { timeout: 30_000 });
      await dialog.getByRole('button', { name: 'Plot as PNG', exact: true }).click();
      const d = await download;
      const bytes = await (await import('node:fs/promises')).readFile((await d.path())!);
      // PNG: the IHDR chunk holds the width and height (big-endian) at bytes 16–23.
      const width = bytes.readUInt32BE(16);
      const height = bytes.readUInt32BE(20);
      expect(width).toBe(2 * Math.round(box.width));
      expect(height).toBeGreaterThan(2 * (Math.round(box.height) + 34));
      // The title bar: decode the PNG in the page and look for dark text pixels in its top 68 rows.
      const inked = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = 68;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, c.width, 68).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 200) dark++;
        return dark;
      }, bytes.toString('base64'));
      expect(inked).toBeGreaterThan(500);
    } finally {
      await context.close();
    }
  });
});

describe('huge screens', () => {
  it('canvas backing stores stay at most 4K-sized at 3840×2160 with pixel ratio 2, and the contour still comes quickly', async () => {
    const context = await h.context.browser()!.newContext({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 2 });
    try {
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(h.url());
      await page.waitForSelector('.plot-box[data-ready="true"]', { timeout: 20_000 });
      const ms = Date.now() - t0;
      const areas = await page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => c.width * c.height));
      expect(Math.max(...areas)).toBeLessThanOrEqual(3840 * 2160);
      // The plot's canvases hold 4K-equivalent backing stores, not 8K (4 × the pixels).
      expect(ms).toBeLessThan(15_000);
      expect((await snapshot(page)).racers.length).toBe(3);
    } finally {
      await context.close();
    }
  });
});
