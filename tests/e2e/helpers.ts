/** Page-side helpers shared by the e2e files. */
import type { Page } from 'playwright-core';
import type { Snapshot } from '../../src/state/probe';

/** Waits until a canvas shows a contour: many distinct colours (real pixels, not just elements). */
export async function waitForContour(page: Page, timeout = 10_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      let best = 0;
      for (const c of document.querySelectorAll('canvas')) {
        const ctx = c.getContext('2d');
        if (!ctx || c.width < 50 || c.height < 50) continue;
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        const colours = new Set<number>();
        for (let i = 0; i < d.length; i += 4 * 97) if (d[i + 3] > 0) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        best = Math.max(best, colours.size);
      }
      return best > 12 ? best : false;
    },
    undefined,
    { timeout },
  );
  return (await handle.jsonValue()) as number;
}

export function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => window.__descent!.snapshot());
}

/** Waits until every racer has a result (the worker replied). */
export async function waitForRuns(page: Page, racers?: number): Promise<Snapshot> {
  await page.waitForFunction(
    (n) => {
      const s = window.__descent?.snapshot();
      return !!s && s.racers.length > 0 && (n === undefined || s.racers.length === n) && s.racers.every((r) => r.final !== null);
    },
    racers,
    { timeout: 10_000 },
  );
  return snapshot(page);
}

/** Waits for a new run (runId above `after`) to arrive. */
export async function waitForNewRun(page: Page, after: number): Promise<Snapshot> {
  await page.waitForFunction((id) => (window.__descent?.snapshot().runId ?? 0) > id, after, { timeout: 10_000 });
  return snapshot(page);
}
