/**
 * The Network view's controls (issues 15 and 16): axe finds nothing serious and every control is
 * named, in both themes; every control is reached with Tab and works from the keyboard; the view
 * owns its keys (Space, ←/→, Home/End) and the 2-D view's (R, P) do nothing there; the Export
 * dialog saves the PNG (2×, title and step), the curves as CSV (with a BOM), the JSON and the
 * PyTorch script of the race shown.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { normalizeMlpConfig } from '../../src/engine/mlp';
import { networkConfigFromLink } from '../../src/engine/mlp/link';
import { exportNetwork } from '../../src/components/network/session';
import { PICTURE, pictureHeight } from '../../src/components/network/picture';
import { useBrowser } from './browser';

const h = useBrowser();
const QUERY = 'view=network&ds=moons&h=8,6&act=tanh&ns=120&o=adam,lr=0.02;momentum,lr=0.05;rmsprop,lr=0.01&b=16&n=150&k=100';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function trained(page: Page): Promise<void> {
  await page.waitForFunction(() => /150/.test(document.querySelector('[data-testid="net-status"]')?.textContent ?? ''), null, { timeout: 30_000 });
}

const stepShown = (page: Page) => page.textContent('[data-testid="net-step"]');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** The view's interactive elements (visible, enabled), each tagged with data-k, and those with no accessible name. */
async function controls(page: Page): Promise<{ all: string[]; unnamed: string[] }> {
  return page.evaluate(() => {
    const all: string[] = [];
    const unnamed: string[] = [];
    const els = document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], summary, [role="button"], [role="slider"], [tabindex]:not([tabindex="-1"])');
    let k = 0;
    for (const el of els) {
      if (el.closest('[hidden], [aria-hidden="true"]') || (el.offsetParent === null && el.tagName !== 'SUMMARY')) continue;
      if ((el as HTMLButtonElement).disabled) continue;
      if (el.closest('details:not([open])') && el.tagName !== 'SUMMARY') continue;
      el.dataset.k = String(k++);
      const labelledBy = (el.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
      const labels = 'labels' in el ? Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent ?? '').join(' ') : '';
      const name = [el.getAttribute('aria-label'), labelledBy, labels, ['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) ? el.textContent : '', el.getAttribute('title')].join(' ').trim();
      const what = `${el.tagName.toLowerCase()} "${name.slice(0, 40)}"`;
      all.push(what);
      if (!name) unnamed.push(el.outerHTML.slice(0, 120));
    }
    return { all, unnamed };
  });
}

/** Presses Tab until `pred` holds for the focused element (at most `max` presses). */
async function tabTo(page: Page, pred: (el: { tag: string; name: string; type: string }) => boolean, max = 60): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      if (!a) return { tag: '', name: '', type: '' };
      const labels = Array.from(a.labels ?? []).map((l) => l.textContent ?? '').join(' ');
      return { tag: a.tagName, name: `${a.getAttribute('aria-label') ?? ''} ${labels} ${a.tagName === 'BUTTON' || a.tagName === 'SUMMARY' ? a.textContent : ''}`.trim(), type: a.type ?? '' };
    });
    if (pred(el)) return true;
  }
  return false;
}

describe('the Network view: accessibility', () => {
  it('axe finds no serious or critical violation and every control is named, light and dark, also with the Export dialog open', async () => {
    await h.page.goto(h.url(QUERY));
    await trained(h.page);
    expect(await seriousViolations(h.page)).toEqual([]);
    expect((await controls(h.page)).unnamed).toEqual([]);
    await h.page.getByText('Your own data', { exact: true }).click(); // the import box, open
    expect(await seriousViolations(h.page)).toEqual([]);
    expect((await controls(h.page)).unnamed).toEqual([]);
    await h.page.getByRole('button', { name: /dark theme/i }).click();
    await h.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.page.getByRole('button', { name: 'Export', exact: true }).click();
    await h.page.getByRole('dialog', { name: 'Export' }).waitFor();
    expect(await seriousViolations(h.page)).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('reaches every control with Tab (the own-data box open too), with a visible focus', async () => {
    await h.page.goto(h.url(QUERY));
    await trained(h.page);
    await h.page.evaluate(() => document.querySelector('.net-controls details')?.setAttribute('open', ''));
    const { all } = await controls(h.page);
    expect(all.some((c) => /Paste CSV/.test(c))).toBe(true);
    expect(all.length).toBeGreaterThan(25);
    const reached = new Set<string>();
    const invisible: string[] = [];
    for (let i = 0; i < all.length + 10; i++) {
      await h.page.keyboard.press('Tab');
      const info = await h.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        const visible = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow !== 'none' && cs.boxShadow !== '');
        return { k: el.dataset.k ?? null, visible, what: el.outerHTML.slice(0, 100) };
      });
      if (!info?.k) continue;
      reached.add(info.k);
      if (!info.visible) invisible.push(info.what);
    }
    const missed = all.filter((_, k) => !reached.has(String(k)));
    expect(missed).toEqual([]);
    expect(invisible).toEqual([]);
  });

  it('works from the keyboard alone: pickers, play/pause, scrub, racer selection, export', async () => {
    await h.page.goto(h.url(QUERY));
    await trained(h.page);
    // The dataset picker: the arrow key picks the next dataset and the view retrains.
    expect(await tabTo(h.page, (e) => e.tag === 'SELECT' && /Dataset/.test(e.name))).toBe(true);
    await h.page.keyboard.press('ArrowDown');
    await h.page.waitForFunction(() => location.search.includes('ds=circles'));
    // The architecture: three hidden layers, then 9 units in the first.
    expect(await tabTo(h.page, (e) => e.tag === 'SELECT' && /Hidden layers/.test(e.name))).toBe(true);
    await h.page.keyboard.press('ArrowDown');
    await h.page.waitForFunction(() => location.search.includes('h=8,6,6'));
    expect(await tabTo(h.page, (e) => e.tag === 'INPUT' && /Units in layer 1/.test(e.name))).toBe(true);
    await h.page.keyboard.press('ArrowUp');
    await h.page.waitForFunction(() => location.search.includes('h=9,6,6'));
    await h.page.waitForFunction(() => /\b(\d+) parameters/.exec(document.querySelector('[data-testid="net-status"]')?.textContent ?? '')?.[1] === String(2 * 9 + 9 + 9 * 6 + 6 + 6 * 6 + 6 + 6 + 1), null, {
      timeout: 30_000,
    });
    // Play and pause with the Play button (Enter), then Space anywhere.
    expect(await tabTo(h.page, (e) => e.tag === 'BUTTON' && /^Play$/.test(e.name))).toBe(true);
    const before = Number(await stepShown(h.page));
    await h.page.keyboard.press('Enter');
    await h.page.waitForFunction((b) => Number(document.querySelector('[data-testid="net-step"]')?.textContent) !== b, before);
    await h.page.keyboard.press('Enter');
    const paused = await stepShown(h.page);
    await h.page.waitForTimeout(200);
    expect(await stepShown(h.page)).toBe(paused);
    // Scrub with the slider's keys.
    expect(await tabTo(h.page, (e) => e.type === 'range' && /Step/.test(e.name))).toBe(true);
    await h.page.keyboard.press('Home');
    expect(await stepShown(h.page)).toBe('0');
    await h.page.keyboard.press('ArrowRight');
    await h.page.keyboard.press('ArrowRight');
    expect(await stepShown(h.page)).toBe('2');
    await h.page.keyboard.press('End');
    expect(await stepShown(h.page)).toBe('150');
    // Select the second racer: its boundary is shown.
    expect(await tabTo(h.page, (e) => e.tag === 'BUTTON' && /Show 2\./.test(e.name))).toBe(true);
    await h.page.keyboard.press('Enter');
    await h.page.waitForFunction(() => document.querySelector('.net-pick button[aria-pressed="true"]')?.textContent?.includes('2.'));
    expect(await h.page.textContent('.net-left figcaption')).toMatch(/2\. Momentum at step 150/);
    await h.page.waitForFunction(() => location.search.includes('sel=1'));
    // Open the Export dialog from the keyboard, close it with Escape: the focus comes back.
    await h.page.getByRole('button', { name: 'Export', exact: true }).focus();
    await h.page.keyboard.press('Enter');
    await h.page.getByRole('dialog', { name: 'Export' }).waitFor();
    await h.page.keyboard.press('Escape');
    await h.page.waitForFunction(() => !document.querySelector('[role="dialog"]'));
    expect(await h.page.evaluate(() => document.activeElement?.textContent)).toBe('Export');
    expect(h.errors).toEqual([]);
  });
});

describe('the Network view: its own keys', () => {
  it('Space plays and pauses, ←/→ step, Home/End jump; R and P (the 2-D view’s) do nothing here', async () => {
    await h.page.goto(h.url(QUERY));
    await trained(h.page);
    const twoD = () => h.page.evaluate(() => window.__descent?.snapshot().step ?? null);
    const twoDBefore = await twoD();
    await h.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await stepShown(h.page)).toBe('100');
    await h.page.keyboard.press('ArrowRight');
    expect(await stepShown(h.page)).toBe('101');
    await h.page.keyboard.press('ArrowLeft');
    await h.page.keyboard.press('ArrowLeft');
    expect(await stepShown(h.page)).toBe('99');
    await h.page.keyboard.press('Home');
    expect(await stepShown(h.page)).toBe('0');
    await h.page.keyboard.press('ArrowLeft');
    expect(await stepShown(h.page)).toBe('0');
    await h.page.keyboard.press('End');
    expect(await stepShown(h.page)).toBe('150');
    await h.page.keyboard.press('ArrowRight');
    expect(await stepShown(h.page)).toBe('150');
    // R (reset in the 2-D view) and P (presentation) change nothing here.
    await h.page.keyboard.press('Home');
    await h.page.keyboard.press('ArrowRight');
    await h.page.keyboard.press('r');
    await h.page.keyboard.press('p');
    await h.page.waitForTimeout(200);
    expect(await stepShown(h.page)).toBe('1');
    expect(await h.page.locator('.app-present').count()).toBe(0);
    expect(await h.page.locator('.net').count()).toBe(1);
    expect(await twoD()).toBe(twoDBefore);
    // Space plays from here, Space pauses.
    await h.page.keyboard.press('Space');
    await h.page.waitForFunction(() => Number(document.querySelector('[data-testid="net-step"]')?.textContent) > 5);
    await h.page.keyboard.press('Space');
    const at = await stepShown(h.page);
    await h.page.waitForTimeout(200);
    expect(await stepShown(h.page)).toBe(at);
    expect(await h.page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    // Space on a focused button plays, and does not also press it (the keyup is cancelled).
    await h.page.getByRole('button', { name: 'Add racer' }).focus();
    await h.page.keyboard.press('Space');
    await h.page.keyboard.press('Space');
    await h.page.waitForTimeout(300);
    expect(await h.page.locator('.net-racer').count()).toBe(3);
    // In a field, the keys are the field's.
    const units = h.page.getByLabel('Units in layer 1');
    await units.focus();
    const shown = await stepShown(h.page);
    await h.page.keyboard.press('Home');
    await h.page.keyboard.press('ArrowLeft');
    expect(await stepShown(h.page)).toBe(shown);
    expect(h.errors).toEqual([]);
  });
});

/** Clicks a button of the Export dialog and returns the saved file's name and bytes. */
async function saved(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: button, exact: true }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path!) };
}

describe('the Network view: exports', () => {
  it('saves the view as a PNG at 2× with its title and step, the curves as CSV with a BOM, the JSON and the PyTorch script of the race shown', async () => {
    await h.page.goto(h.url(QUERY));
    await trained(h.page);
    await h.page.getByRole('button', { name: 'Export', exact: true }).click();
    await h.page.getByRole('dialog', { name: 'Export' }).waitFor();
    expect(await h.page.getByRole('dialog').textContent()).toMatch(/Moons, 2-8-6-1 tanh, 3 racers, 150 steps; the picture at step 100/);

    const png = await saved(h.page, 'View as PNG');
    expect(png.name).toBe('descent-network-moons-8x6.png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/network-export.png', png.bytes); // to look at
    const width = png.bytes.readUInt32BE(16);
    const height = png.bytes.readUInt32BE(20);
    expect([width, height]).toEqual([2 * PICTURE.width, 2 * pictureHeight(3)]);
    // What it shows: text in the title bar, both classes' colours in the boundary, the landscape's viridis.
    const look = await h.page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const count = (x0: number, y0: number, w: number, hh: number, test: (r: number, g: number, b: number) => boolean) => {
        const d = ctx.getImageData(x0, y0, w, hh).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (test(d[i], d[i + 1], d[i + 2])) n++;
        return n;
      };
      const bg = ctx.getImageData(2, 2, 1, 1).data;
      return {
        title: count(0, 0, 1200, 72, (r, g, b) => Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 200),
        blue: count(28, 144, 640, 640, (r, _g, b) => b > r + 40),
        orange: count(28, 144, 640, 640, (r, _g, b) => r > b + 40),
        viridis: count(716, 144, 640, 640, (r, g, b) => g > r && g > 60 && b > 40),
      };
    }, png.bytes.toString('base64'));
    expect(look.title).toBeGreaterThan(500);
    expect(look.blue).toBeGreaterThan(20_000);
    expect(look.orange).toBeGreaterThan(20_000);
    expect(look.viridis).toBeGreaterThan(50_000);

    const csv = await saved(h.page, 'CSV');
    expect(csv.name).toBe('descent-network-moons-8x6.csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('racer,optimizer,step,loss,accuracy,plane_loss,status,reason');
    expect(lines.length).toBe(1 + 3 * 151);
    expect(lines[1]).toMatch(/^1\. Adam,adam,0,/);

    // The script and the JSON of the race shown: exactly the CLI's for its link (same bits).
    const config = normalizeMlpConfig(networkConfigFromLink(QUERY));
    const cli = JSON.parse(exportNetwork(config, 'json')) as { surface: unknown; steps: number; batchSize: number; seed: number; runs: { loss: number[] }[] };
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    const py = await saved(h.page, 'Download .py');
    expect(py.name).toBe('descent-network-moons-8x6.py');
    const script = py.bytes.toString('utf8');
    for (const layer of ['torch.nn.Linear(2, 8)', 'torch.nn.Linear(8, 6)', 'torch.nn.Linear(6, 1)', 'torch.nn.Tanh()']) expect(script).toContain(layer);
    expect(script).toMatch(/torch\.optim\.Adam\(params, lr=0\.02,/);
    expect(script).toMatch(/torch\.optim\.SGD\(params, lr=0\.05, momentum=0\.9,/);
    expect(script).toMatch(/torch\.optim\.RMSprop\(params, lr=0\.01,/);
    const finals = [...script.matchAll(/^\s+"(\w+)": ([-\d.e]+),$/gm)].map((m) => [m[1], Number(m[2])] as const);
    expect(finals.map((f) => f[0])).toEqual(['adam', 'momentum', 'rmsprop']);
    finals.forEach(([, v], i) => expect(close(v, cli.runs[i].loss[150]), `${v} vs ${cli.runs[i].loss[150]}`).toBe(true));
    expect(script).toBe(exportNetwork(config, 'pytorch'));
    const json = await saved(h.page, 'JSON');
    expect(json.name).toBe('descent-network-moons-8x6.json');
    const page = JSON.parse(json.bytes.toString('utf8')) as typeof cli;
    expect([page.surface, page.steps, page.batchSize, page.seed]).toEqual([cli.surface, cli.steps, cli.batchSize, cli.seed]);
    page.runs.forEach((r, i) => r.loss.forEach((v, k) => expect(close(v, cli.runs[i].loss[k])).toBe(true)));
    expect(page).toEqual(cli);
    expect(await h.page.getByRole('dialog').getByRole('status').textContent()).toBe('Saved descent-network-moons-8x6.json');
    expect(h.errors).toEqual([]);
  });
});


describe('the Network view in Chinese', () => {
  it('names the optimizers in its pickers as the 2-D view does (动量法, not Momentum)', async () => {
    await h.page.goto(h.url(`${QUERY}&lang=zh`));
    const picker = h.page.locator('.net-racer select').nth(1);
    await picker.waitFor();
    expect(await picker.evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe('动量法');
    expect(await picker.locator('option').allTextContents()).not.toContain('Momentum');
    expect(h.errors).toEqual([]);
  });
});
