import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';

const h = useBrowser();

describe('the page', () => {
  it('loads with no console error and draws the contour in pixels', async () => {
    await h.page.goto(h.url());
    await h.page.waitForFunction(() => {
      for (const c of document.querySelectorAll('canvas')) {
        const ctx = c.getContext('2d');
        if (!ctx || c.width < 50 || c.height < 50) continue;
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        const colours = new Set<number>();
        for (let i = 0; i < d.length; i += 4 * 97) if (d[i + 3] > 0) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        if (colours.size > 12) return true;
      }
      return false;
    }, undefined, { timeout: 10_000 });
    expect(h.errors).toEqual([]);
  });
});
