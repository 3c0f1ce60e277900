/**
 * Your own data in the Network view (issue 16): a bad CSV named by row and column, a pasted one
 * trained on (the same losses as the CLI for the same data) and drawn in the boundary plot, and
 * back to the built-in data.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { normalizeMlpConfig, runMlp } from '../../src/engine/mlp';
import { networkConfigFromLink } from '../../src/engine/mlp/link';
import { useBrowser } from './browser';

const h = useBrowser();
const QUERY = 'view=network&ds=moons&h=8,6&act=tanh&ns=120&o=adam,lr=0.02;momentum,lr=0.05;rmsprop,lr=0.01&b=16&n=150&k=100';

async function trained(page: Page): Promise<void> {
  await page.waitForFunction(() => /150/.test(document.querySelector('[data-testid="net-status"]')?.textContent ?? ''), null, { timeout: 30_000 });
}

/** Two rings as CSV (a, b, t): the inner ring class 0, the outer class 1. */
function ringsCsv(n: number): string {
  const rows = ['a,b,t'];
  for (let i = 0; i < n; i++) {
    const th = (2 * Math.PI * i) / n;
    const r = i % 2 === 0 ? 0.5 : 1.2;
    rows.push(`${(r * Math.cos(th)).toFixed(4)},${(r * Math.sin(th)).toFixed(4)},${i % 2}`);
  }
  return rows.join('\n');
}

describe('the Network view: your own data', () => {
  it('names a bad CSV by row and column, then trains on a pasted one and draws it with its boundary; the CLI agrees', async () => {
    await h.page.goto(h.url(QUERY));
    await trained(h.page);
    await h.page.getByText('Your own data', { exact: true }).click();
    const box = h.page.getByLabel('Paste CSV');
    const use = h.page.getByRole('button', { name: 'Race this data' });
    // A label that is not 0 or 1, a cell that is not a number, one class only: each named.
    await box.fill('a,b,t\n0.1,0.2,0\n0.3,0.4,2\n');
    expect(await h.page.getByRole('alert').textContent()).toMatch(/row 3, column "t": a label must be 0 or 1/);
    expect(await use.isDisabled()).toBe(true);
    await box.fill('a,b,t\n0.1,0.2,0\n0.3,x,1\n');
    expect(await h.page.getByRole('alert').textContent()).toMatch(/row 3, column "b": "x" is not a number/);
    await box.fill('a,b,t\n0.1,0.2,1\n0.3,0.4,1\n0.5,0.6,1\n');
    expect(await h.page.getByRole('alert').textContent()).toMatch(/column "t".*both classes/);
    // A good one: 80 points on two rings.
    const csv = ringsCsv(80);
    await box.fill(csv);
    expect(await h.page.getByRole('status').filter({ hasText: 'rows ready' }).textContent()).toMatch(/80 rows ready/);
    await use.click();
    await h.page.waitForFunction(() => (document.querySelector('select') as HTMLSelectElement | null)?.value === 'own');
    await trained(h.page);
    await h.page.waitForFunction(() => !/Training/.test(document.querySelector('[data-testid="net-status"]')?.textContent ?? 'Training'));
    // What the CLI computes for the same data and link.
    const lines = csv.split('\n').slice(1).map((l) => l.split(',').map(Number));
    const raw = networkConfigFromLink(QUERY) as { surface: Record<string, unknown> };
    raw.surface.data = { x: lines.map((r) => [r[0], r[1]]), t: lines.map((r) => r[2]) };
    const cli = runMlp(normalizeMlpConfig(raw));
    const shown = await h.page.$$eval('[data-testid="net-gap"] tbody tr', (rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
    expect(shown).toEqual(cli.runs.map((r) => r.loss[100].toPrecision(4)));
    // The boundary plot draws these 80 points: at each one's place, a dot of its class's colour.
    const onPlot = await h.page.$eval(
      '[data-testid="net-boundary"]',
      (c, pts) => {
        const canvas = c as HTMLCanvasElement;
        const ctx = canvas.getContext('2d')!;
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const m = 0.1 * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
        const [x0, x1, y0, y1] = [Math.min(...xs) - m, Math.max(...xs) + m, Math.min(...ys) - m, Math.max(...ys) + m];
        let right = 0;
        for (const [a, b, t] of pts) {
          const px = Math.round(((a - x0) / (x1 - x0)) * canvas.width);
          const py = Math.round(((y1 - b) / (y1 - y0)) * canvas.height);
          const [r, g, bl] = ctx.getImageData(px, py, 1, 1).data;
          const want = t === 1 ? [230, 159, 0] : [0, 114, 178];
          if (Math.abs(r - want[0]) + Math.abs(g - want[1]) + Math.abs(bl - want[2]) < 60) right++;
        }
        return right;
      },
      lines,
    );
    expect(onPlot).toBeGreaterThanOrEqual(76);
    expect(await h.page.textContent('.data-import-current')).toMatch(/Racing your data: 80 rows/);
    // Back to the built-in data.
    await h.page.getByRole('button', { name: 'Back to the built-in data' }).click();
    await h.page.waitForFunction(() => (document.querySelector('select') as HTMLSelectElement | null)?.value === 'moons');
    expect(h.errors).toEqual([]);
  });
});
