import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { snapshot, waitForContour, waitForNewRun, waitForRuns } from './helpers';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every interactive element with no accessible name, described. */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const els = document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [role="button"], [role="slider"], [tabindex]:not([tabindex="-1"])');
    for (const el of els) {
      if (el.closest('[hidden], [aria-hidden="true"]') || el.offsetParent === null) continue;
      const byLabelledBy = (el.getAttribute('aria-labelledby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
      const labels = 'labels' in el ? Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent ?? '').join(' ') : '';
      const name = [el.getAttribute('aria-label'), byLabelledBy, labels, el.tagName === 'BUTTON' || el.tagName === 'A' ? el.textContent : '', el.getAttribute('title')]
        .join(' ')
        .trim();
      if (!name) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
}

describe('accessibility', () => {
  const h = useBrowser();

  it('axe finds no serious or critical violation, in the light and the dark theme', async () => {
    await h.page.goto(h.url());
    await waitForContour(h.page);
    await waitForRuns(h.page);
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.page.getByRole('button', { name: /dark theme/i }).click();
    await h.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await seriousViolations(h.page)).toEqual([]);
  });

  it('the formula box (custom surface): no serious violation, every control named, also while it shows an error', async () => {
    await h.page.goto(h.url('v=1&s=custom&f=x^2%20+%20y^2&o=adam'));
    await waitForContour(h.page);
    await waitForRuns(h.page);
    expect(await seriousViolations(h.page)).toEqual([]);
    expect(await unnamedControls(h.page)).toEqual([]);
    await h.page.getByRole('textbox', { name: 'f(x, y) =' }).fill('x^2 + (y');
    await expect.poll(() => h.page.locator('.formula-error').count()).toBe(1);
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.page.getByRole('button', { name: /dark theme/i }).click();
    await h.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await seriousViolations(h.page)).toEqual([]);
  });

  it('axe finds no serious or critical violation in presentation mode, nor with the panels hidden', async () => {
    await h.page.goto(h.url('v=1&s=quadratic&kappa=100&angle=-30&o=gd,lr=0.019;momentum,lr=0.019,momentum=0.8&n=150&t=40'));
    await waitForRuns(h.page);
    await h.page.getByRole('button', { name: 'Hide panels' }).click();
    expect(await seriousViolations(h.page)).toEqual([]);
    expect(await unnamedControls(h.page)).toEqual([]);
    await h.page.getByRole('button', { name: 'Show panels' }).click();
    await h.page.getByRole('button', { name: 'Present' }).click();
    await h.page.locator('.present-formula .katex').first().waitFor();
    expect(await seriousViolations(h.page)).toEqual([]);
    expect(await unnamedControls(h.page)).toEqual([]);
  });

  it('every control has an accessible name', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page);
    expect(await unnamedControls(h.page)).toEqual([]);
  });

  it('focus is visible on every control reached with Tab', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page);
    const invisible: string[] = [];
    let reached = 0;
    for (let i = 0; i < 60; i++) {
      await h.page.keyboard.press('Tab');
      const info = await h.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        const visible = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow !== 'none' && cs.boxShadow !== '');
        return { visible, what: el.outerHTML.slice(0, 100) };
      });
      if (!info) continue;
      reached++;
      if (!info.visible) invisible.push(info.what);
    }
    expect(reached).toBeGreaterThan(20);
    expect(invisible).toEqual([]);
  });

  it('the whole flow works from the keyboard alone', async () => {
    await h.page.goto(h.url());
    const first = await waitForRuns(h.page, 3);
    // Tab to Play, start and stop the race.
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await h.page.keyboard.press('Tab');
      found = await h.page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Play');
    }
    expect(found).toBe(true);
    await h.page.keyboard.press('Enter');
    await h.page.waitForFunction(() => window.__descent!.snapshot().step > 5);
    await h.page.keyboard.press('Enter');
    expect((await snapshot(h.page)).playing).toBe(false);
    // Global shortcuts: R resets, → steps one, Space plays (focus on the page, not in a field).
    await h.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await h.page.keyboard.press('r');
    expect((await snapshot(h.page)).step).toBe(0);
    await h.page.keyboard.press('ArrowRight');
    expect((await snapshot(h.page)).step).toBe(1);
    await h.page.keyboard.press('Space');
    await h.page.waitForFunction(() => window.__descent!.snapshot().playing);
    await h.page.keyboard.press('Space');
    // Tab to the first learning-rate slider and change it with the arrow keys.
    found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await h.page.keyboard.press('Tab');
      found = await h.page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return !!el && el.type === 'range' && !!Array.from(el.labels ?? []).some((l) => /learning rate/i.test(l.textContent ?? ''));
      });
    }
    expect(found).toBe(true);
    await h.page.keyboard.press('ArrowRight');
    const next = await waitForNewRun(h.page, first.runId);
    expect(next.racers[0].final).not.toEqual(first.racers[0].final);
    // Add a racer from the keyboard.
    await h.page.getByRole('button', { name: /add racer/i }).focus();
    await h.page.keyboard.press('Enter');
    await waitForRuns(h.page, 4);
    expect(h.errors).toEqual([]);
  });
});

describe('a phone-sized viewport', () => {
  const h = useBrowser({ viewport: { width: 390, height: 844 } });

  it('draws the plot without horizontal scrolling, and plays', async () => {
    await h.page.goto(h.url());
    await waitForContour(h.page);
    await waitForRuns(h.page);
    const overflow = await h.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await h.page.locator('canvas').first().boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await h.page.getByRole('button', { name: 'Play' }).click();
    await h.page.waitForFunction(() => window.__descent!.snapshot().step > 10);
    expect(h.errors).toEqual([]);
  });
});

describe('prefers-reduced-motion', () => {
  const h = useBrowser({ reducedMotion: 'reduce' });

  it('advances the race in a few discrete jumps instead of every frame', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page);
    await h.page.getByRole('button', { name: 'Play' }).click();
    const distinct = await h.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const seen = new Set<number>();
          const t0 = performance.now();
          const frame = () => {
            seen.add(window.__descent!.snapshot().step);
            if (performance.now() - t0 < 2000) requestAnimationFrame(frame);
            else resolve(seen.size);
          };
          requestAnimationFrame(frame);
        }),
    );
    // 2 s at 4 updates a second is about 8 distinct steps; a smooth animation shows ~100.
    expect(distinct).toBeGreaterThan(2);
    expect(distinct).toBeLessThanOrEqual(12);
  });
});
