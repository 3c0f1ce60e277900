/** The Network view (a real network, CONTRACT §6): trains, draws the boundary, the curves and the landscape; a link reproduces it; screenshots. */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeMlpConfig, runMlp } from '../../src/engine/mlp';
import { networkConfigFromLink } from '../../src/engine/mlp/link';
import { useBrowser } from './browser';

const h = useBrowser();
const QUERY = 'view=network&ds=moons&h=8,6&act=tanh&ns=120&o=adam,lr=0.02;momentum,lr=0.05;rmsprop,lr=0.01&b=16&n=150&k=100';

async function trained(): Promise<void> {
  await h.page.waitForFunction(() => /150/.test(document.querySelector('[data-testid="net-status"]')?.textContent ?? ''), null, { timeout: 30_000 });
}

/** The gap table: per racer [real loss, plane loss] as shown. */
async function table(): Promise<string[][]> {
  return h.page.$$eval('[data-testid="net-gap"] tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')));
}

describe('the Network view', () => {
  it('trains and draws the decision boundary, the curves and the landscape', async () => {
    await h.page.goto(h.url(QUERY));
    await trained();
    // The boundary: both class colours are painted.
    const colours = await h.page.$eval('[data-testid="net-boundary"]', (c) => {
      const ctx = (c as HTMLCanvasElement).getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height);
      let blue = 0;
      let orange = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 2] > data[i] + 20) blue++;
        if (data[i] > data[i + 2] + 20) orange++;
      }
      return { blue, orange };
    });
    expect(colours.blue).toBeGreaterThan(1000);
    expect(colours.orange).toBeGreaterThan(1000);
    // Curves: a loss and an accuracy line per racer, 151 points each.
    const lines = await h.page.$$eval('[data-testid="net-curves"] polyline', (ps) => ps.map((p) => p.getAttribute('points')!.split(' ').length));
    expect(lines).toEqual([151, 151, 151, 151, 151, 151]);
    // Landscape: contour lines, and each path drawn up to step 100.
    const contours = await h.page.$$eval('[data-testid="net-landscape"] path', (ps) => ps.filter((p) => (p.getAttribute('d') ?? '').length > 10).length);
    expect(contours).toBeGreaterThan(5);
    const paths = await h.page.$$eval('[data-testid="net-landscape"] polyline', (ps) => ps.map((p) => p.getAttribute('points')!.split(' ').length));
    expect(paths).toEqual([101, 101, 101]);
    expect(await h.page.textContent('[data-testid="net-explained"]')).toMatch(/\d+\.\d %.*\d+\.\d %/);
    expect(h.errors).toEqual([]);
  });

  it('shows the losses the CLI computes for its link, and a reloaded link shows the same', async () => {
    await h.page.goto(h.url(QUERY));
    await trained();
    const shown = await table();
    const cli = runMlp(normalizeMlpConfig(networkConfigFromLink(QUERY)));
    expect(shown.map((r) => r[0])).toEqual(cli.runs.map((r) => r.loss[100].toPrecision(4)));
    // Scrub, then reload the address bar's link.
    const slider = h.page.getByRole('slider', { name: /step/i });
    await slider.focus();
    await h.page.keyboard.press('ArrowLeft');
    await h.page.waitForFunction(() => document.querySelector('[data-testid="net-step"]')?.textContent === '99');
    const scrubbed = await table();
    await h.page.waitForFunction(() => location.search.includes('k=99'));
    await h.page.goto(h.page.url());
    await trained();
    expect(await h.page.textContent('[data-testid="net-step"]')).toBe('99');
    expect(await table()).toEqual(scrubbed);
    expect(scrubbed.map((r) => r[0])).toEqual(cli.runs.map((r) => r.loss[99].toPrecision(4)));
    expect(h.errors).toEqual([]);
  });

  it('retrains when the architecture changes', async () => {
    await h.page.goto(h.url(QUERY));
    await trained();
    await h.page.getByLabel(/hidden layers/i).selectOption('1');
    await h.page.waitForFunction(() => location.search.includes('h=8&'));
    await h.page.waitForFunction(() => /1 ?\D*\s*33|33 /.test(document.querySelector('[data-testid="net-status"]')?.textContent ?? ''), null, { timeout: 30_000 });
    expect(h.errors).toEqual([]);
  });

  it('screenshots at 1280×720 and 1920×1080, in English and Chinese', async () => {
    mkdirSync('test-results', { recursive: true });
    for (const [w, hh] of [
      [1280, 720],
      [1920, 1080],
    ]) {
      for (const lang of ['en', 'zh']) {
        await h.page.setViewportSize({ width: w, height: hh });
        await h.page.goto(h.url(`${QUERY}&lang=${lang}`));
        await trained();
        await h.page.screenshot({ path: `test-results/network-${w}x${hh}-${lang}.png` });
      }
    }
    expect(h.errors).toEqual([]);
  });
});
