/**
 * The page's layout (issue 17, second pass): the plot fills its box on every surface at every
 * viewport and in embeds, nothing of the plot's card overflows on a phone, the side panels are
 * resized with a separator (pointer and keys) and the plot keeps at least half the width, and
 * presentation mode shows the loss chart (key L and a button hide and show it).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { surfaceNames } from '../../src/surfaces';
import { useBrowser } from './browser';
import { waitForRuns } from './helpers';

const h = useBrowser();

/** Waits until the contour grid covers the domain shown (the grid follows the plot's aspect). */
async function waitForCoveringGrid(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const box = document.querySelector<HTMLElement>('.plot-box');
      if (!box || box.dataset.ready !== 'true' || !box.dataset.grid) return false;
      // Settled: the caption's formula is typeset and the layers have the box's size.
      if (!document.querySelector('.plot-formula .katex')) return false;
      const b = box.getBoundingClientRect();
      const l = box.querySelector('svg.plot-svg')!.getBoundingClientRect();
      if (Math.abs(b.width - l.width) > 1.5 || Math.abs(b.height - l.height) > 1.5) return false;
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

interface Fill {
  box: { w: number; h: number };
  layers: { w: number; h: number }[];
  frame: { w: number; h: number };
  /** The painted contour's extent in CSS px. */
  painted: { w: number; h: number };
  /** The surface's own domain, drawn at equal scale, in CSS px. */
  domainPx: { w: number; h: number };
  /** Does the view hold the domain? */
  holds: boolean;
  font: number;
  page: { scrollH: number; innerH: number; scrollW: number; innerW: number };
}

/** The plot's box, its layers, its plot rectangle, the painted contour and the domain in px. */
async function measureFill(page: Page): Promise<Fill> {
  // The canvas is painted in the frame after the grid arrives.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('.plot-box')!;
    const b = box.getBoundingClientRect();
    const layers = [...box.querySelectorAll<HTMLElement | SVGElement>(':scope > canvas, :scope > svg.plot-svg')].map((el) => {
      const r = el.getBoundingClientRect();
      return { w: r.width, h: r.height };
    });
    const fr = document.querySelector('.plot-svg .plot-frame')!;
    const frame = { w: Number(fr.getAttribute('width')), h: Number(fr.getAttribute('height')) };
    const c = box.querySelector('canvas')!;
    const k = c.width / c.getBoundingClientRect().width;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let y = 0; y < c.height; y += 2) {
      for (let x = 0; x < c.width; x += 2) {
        if (d[(y * c.width + x) * 4 + 3] > 0) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
      }
    }
    const v = box.dataset.view!.split(',').map(Number);
    const dm = box.dataset.domain!.split(',').map(Number);
    const unit = frame.w / (v[1] - v[0]);
    const e = 1e-4 * Math.max(v[1] - v[0], v[3] - v[2]);
    return {
      box: { w: b.width, h: b.height },
      layers,
      frame,
      painted: { w: (x1 - x0 + 2) / k, h: (y1 - y0 + 2) / k },
      domainPx: { w: unit * (dm[1] - dm[0]), h: unit * (dm[3] - dm[2]) },
      holds: v[0] <= dm[0] + e && v[1] >= dm[1] - e && v[2] <= dm[2] + e && v[3] >= dm[3] - e,
      font: parseFloat(getComputedStyle(document.querySelector('.plot-svg')!).getPropertyValue('--plot-font')) || 13,
      page: {
        scrollH: document.documentElement.scrollHeight,
        innerH: window.innerHeight,
        scrollW: document.documentElement.scrollWidth,
        innerW: window.innerWidth,
      },
    };
  });
}

const VIEWPORTS = [
  { name: '1280×720', width: 1280, height: 720, embed: false },
  { name: '1920×1080', width: 1920, height: 1080, embed: false },
  { name: '390×844', width: 390, height: 844, embed: false },
  { name: 'embed 960×540', width: 960, height: 540, embed: true },
  { name: 'embed 560×315', width: 560, height: 315, embed: true },
];

describe('the plot fills its box', () => {
  for (const vp of VIEWPORTS) {
    it(`at ${vp.name}, on every surface`, async () => {
      await h.page.setViewportSize({ width: vp.width, height: vp.height });
      for (const s of surfaceNames) {
        await h.page.goto(h.url(`v=1&s=${s}&o=adam,lr=0.05${vp.embed ? '&embed=1' : ''}`));
        await waitForCoveringGrid(h.page);
        const m = await measureFill(h.page);
        const at = `${s} at ${vp.name}: ${JSON.stringify(m)}`;
        // The canvases and the SVG cover the whole box.
        for (const l of m.layers) {
          expect(l.w / m.box.w, at).toBeGreaterThanOrEqual(0.99);
          expect(l.h / m.box.h, at).toBeGreaterThanOrEqual(0.99);
        }
        // The plot rectangle takes all the box but the axes' and colour bar's margins.
        const f = m.font / 13;
        expect(m.box.w - m.frame.w, at).toBeLessThanOrEqual(170 * f);
        expect(m.box.h - m.frame.h, at).toBeLessThanOrEqual(125 * f);
        // The shown domain grows on the short side only: it holds the surface's domain, and in
        // the limiting dimension the domain spans (≥ 95 % of) the whole plot rectangle.
        expect(m.holds, at).toBe(true);
        expect(Math.max(m.domainPx.w / m.frame.w, m.domainPx.h / m.frame.h), at).toBeGreaterThanOrEqual(0.95);
        // The contours are painted over the whole plot rectangle (a grid for another view is not).
        expect(m.painted.w, at).toBeGreaterThanOrEqual(m.frame.w - 3);
        expect(m.painted.h, at).toBeGreaterThanOrEqual(m.frame.h - 3);
        // An embed shows all of the plot without scrolling.
        if (vp.embed) expect(m.page.scrollH, at).toBeLessThanOrEqual(m.page.innerH);
        expect(m.page.scrollW, at).toBeLessThanOrEqual(m.page.innerW);
      }
      expect(h.errors).toEqual([]);
    });
  }
});

describe('a phone: nothing of the plot card overflows sideways', () => {
  for (const width of [390, 360]) {
    it(`at ${width} px wide, on every surface (its formula wraps between terms)`, async () => {
      await h.page.setViewportSize({ width, height: 800 });
      for (const s of surfaceNames) {
        await h.page.goto(h.url(`v=1&s=${s}&o=adam,lr=0.05`));
        await waitForCoveringGrid(h.page);
        await h.page.locator('.plot-formula .katex').first().waitFor();
        const out = await h.page.evaluate(() => {
          const card = document.querySelector<HTMLElement>('.plot')!;
          const r = card.getBoundingClientRect();
          const over: string[] = [];
          // Everything drawn (MathML is KaTeX's hidden copy for screen readers).
          for (const el of card.querySelectorAll<Element>('*')) {
            if (el.closest('.katex-mathml')) continue;
            const b = el.getBoundingClientRect();
            if (b.width > 0 && (b.right > r.right + 0.5 || b.left < r.left - 0.5)) over.push(`${el.tagName}.${el.getAttribute('class') ?? ''} ${Math.round(b.left)}–${Math.round(b.right)}`);
          }
          // Nothing scrolls sideways inside the card either (a clipped formula would).
          for (const el of card.querySelectorAll<HTMLElement>('*')) {
            if (el.closest('.katex-mathml')) continue;
            if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') over.push(`${el.tagName}.${el.className} scrolls ${el.scrollWidth} > ${el.clientWidth}`);
          }
          return { right: r.right, inner: window.innerWidth, over: over.slice(0, 6) };
        });
        expect(out.over, `${s} at ${width}px`).toEqual([]);
        expect(out.right, s).toBeLessThanOrEqual(out.inner);
      }
      expect(h.errors).toEqual([]);
    });
  }
});

/** The separator's value, the side column's width, the plot area's and the main area's inner width. */
function panelWidths(page: Page) {
  return page.evaluate(() => {
    const sep = document.querySelector<HTMLElement>('[role="separator"]')!;
    const main = document.querySelector<HTMLElement>('.app-main')!;
    const cs = getComputedStyle(main);
    return {
      now: Number(sep.getAttribute('aria-valuenow')),
      min: Number(sep.getAttribute('aria-valuemin')),
      max: Number(sep.getAttribute('aria-valuemax')),
      side: Math.round(document.querySelector('.area-side')!.getBoundingClientRect().width),
      plot: document.querySelector('.area-plot')!.getBoundingClientRect().width,
      inner: main.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - parseFloat(cs.columnGap),
      plotBox: document.querySelector('.plot-box')!.getBoundingClientRect().width,
    };
  });
}

describe('the side panels can be resized', () => {
  for (const vp of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    it(`at ${vp.width}×${vp.height}: a separator moved by keys and by dragging, the plot keeps half the width, the link has no width`, async () => {
      await h.page.setViewportSize(vp);
      await h.page.goto(h.url('v=1&s=rosenbrock&o=adam,lr=0.05'));
      await waitForCoveringGrid(h.page);
      const sep = h.page.getByRole('separator', { name: 'Width of the side panels' });
      await sep.focus();
      const w0 = await panelWidths(h.page);
      expect(w0.now).toBe(w0.side);
      expect(w0.min).toBe(280);
      const link = new URL(h.page.url()).search;

      // Left widens the panels by 16 px (Shift: 64); the race does not step.
      await h.page.keyboard.press('ArrowLeft');
      await h.page.keyboard.press('ArrowLeft');
      await expect.poll(async () => (await panelWidths(h.page)).side).toBe(w0.side + 32);
      await h.page.keyboard.press('Shift+ArrowRight');
      await expect.poll(async () => (await panelWidths(h.page)).side).toBe(w0.side + 32 - 64);
      expect((await h.page.evaluate(() => window.__descent!.snapshot())).step).toBe(0);
      const w1 = await panelWidths(h.page);
      expect(w1.now).toBe(w1.side);

      // End: as wide as allowed, and the plot keeps half; Home: the narrowest.
      await h.page.keyboard.press('End');
      await expect.poll(async () => (await panelWidths(h.page)).now).toBe((await panelWidths(h.page)).max);
      const wide = await panelWidths(h.page);
      expect(wide.side).toBeGreaterThan(w0.side);
      expect(wide.plot).toBeGreaterThanOrEqual(wide.inner / 2 - 1);
      await h.page.keyboard.press('Home');
      await expect.poll(async () => (await panelWidths(h.page)).side).toBe(280);

      // Dragging the handle 150 px to the left widens the panels by 150 px; far left stops at half.
      const box = (await sep.boundingBox())!;
      const y = box.y + box.height / 2;
      await h.page.mouse.move(box.x + box.width / 2, y);
      await h.page.mouse.down();
      await h.page.mouse.move(box.x + box.width / 2 - 150, y, { steps: 5 });
      await h.page.mouse.up();
      await expect.poll(async () => (await panelWidths(h.page)).side).toBe(430);
      const b2 = (await sep.boundingBox())!;
      await h.page.mouse.move(b2.x + b2.width / 2, y);
      await h.page.mouse.down();
      await h.page.mouse.move(20, y, { steps: 5 });
      await h.page.mouse.up();
      const far = await panelWidths(h.page);
      expect(far.now).toBe(far.max);
      expect(far.plot).toBeGreaterThanOrEqual(far.inner / 2 - 1);
      // The plot follows, equal scale and filled, on the new width.
      await waitForCoveringGrid(h.page);
      const m = await measureFill(h.page);
      expect(m.painted.w).toBeGreaterThanOrEqual(m.frame.w - 3);
      expect(Math.abs(m.box.w - far.plotBox)).toBeLessThan(1);

      // A narrower window clamps a width that no longer fits.
      await h.page.setViewportSize({ width: vp.width - 100, height: vp.height });
      await expect.poll(async () => {
        const w = await panelWidths(h.page);
        return w.plot >= w.inner / 2 - 1 && w.now === w.side;
      }).toBe(true);
      // The width is the page's, not the scene's: the link is unchanged.
      await h.page.waitForTimeout(400);
      expect(new URL(h.page.url()).search).toBe(link);
      expect(h.errors).toEqual([]);
    });
  }
});

describe('presentation mode’s loss chart', () => {
  it('shows the loss chart in large type beside the plot; L and the button hide and show it', async () => {
    await h.page.setViewportSize({ width: 1920, height: 1080 });
    await h.page.goto(h.url('v=1&s=rosenbrock&o=adagrad,lr=0.1;rmsprop,lr=0.1;adam,lr=0.1&n=1000&t=400&present=1'));
    await h.page.locator('.app-present').waitFor();
    await waitForRuns(h.page, 3);
    const chart = h.page.locator('.present-loss .loss-box');
    await chart.waitFor();
    await h.page.waitForFunction(() => document.querySelectorAll('.present-loss .loss-line').length === 3);
    const size = (await chart.boundingBox())!;
    expect(size.width).toBeGreaterThanOrEqual(400);
    expect(size.height).toBeGreaterThanOrEqual(300);
    const tick = await h.page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.present-loss .axis-x .tick text')!).fontSize));
    expect(tick).toBeGreaterThanOrEqual(18);
    // The plot still dominates, and nothing overlaps: the chart sits beside the plot.
    const plot = (await h.page.locator('.app-present .plot-box').boundingBox())!;
    expect(plot.width * plot.height).toBeGreaterThan(0.45 * 1920 * 1080);
    expect(size.x).toBeGreaterThanOrEqual(plot.x + plot.width);
    // Key L hides it and brings it back; so does the controls' button.
    await h.page.locator('body').press('l');
    await expect.poll(() => h.page.locator('.present-loss').count()).toBe(0);
    await h.page.locator('body').press('L');
    await chart.waitFor();
    const toggle = h.page.getByRole('button', { name: 'Hide the loss chart' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    await expect.poll(() => h.page.locator('.present-loss').count()).toBe(0);
    await h.page.getByRole('button', { name: 'Show the loss chart' }).click();
    await chart.waitFor();
    expect(h.errors).toEqual([]);
  });
});
