import { describe, expect, it } from 'vitest';
import { configFromUrl } from '../../src/cli/url';
import { runComparison } from '../../src/engine';
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

describe('your own function (the custom surface) in the page', () => {
  it('type a function: the error shows at its character, then contours and racers follow; the link reloads to the same points', async () => {
    await h.page.goto(h.url());
    await waitForRuns(h.page, 3);
    await h.page.getByRole('combobox', { name: /loss surface/i }).selectOption('custom');
    await h.page.waitForFunction(() => window.__descent!.snapshot().surface === 'custom');
    const box = h.page.getByRole('textbox', { name: 'f(x, y) =' });
    expect(await box.inputValue()).toBe('x^4 - 3*x*y + y^2');
    const first = await waitForRuns(h.page, 3);

    // A hostile name: flagged at its character, nothing runs, the page is unharmed.
    await box.fill('x^2 + constructor');
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
    expect(await h.page.locator('.formula-error').textContent()).toMatch(/Position 7: unknown name 'constructor'/);
    expect(await h.page.locator('.formula-error mark').textContent()).toBe('c');

    // A good one, typed key by key: one new race after the pause.
    await box.fill('');
    await box.pressSequentially('(x - 1)^2 + 3*(y + x/2)^2', { delay: 10 });
    await expect.poll(() => box.getAttribute('aria-invalid')).toBeNull();
    const raced = await waitForNewRun(h.page, first.runId);
    await h.page.waitForFunction(() => /[?&]f=/.test(location.search) && /\(x%20-%201\)/.test(location.search));
    await waitForContour(h.page);
    const snap = await waitForRuns(h.page, 3);
    expect(snap.surface).toBe('custom');
    expect(snap.racers.map((r) => r.final)).not.toEqual(first.racers.map((r) => r.final));
    expect(raced.runId).toBeGreaterThan(first.runId);
    // The minimum is marked on the plot, and said to be numerical.
    await expect.poll(() => h.page.evaluate(() => [...document.querySelectorAll('.crit title')].map((t) => t.textContent).join('|'))).toMatch(/global minimum \(1, -0\.5\).*\(found numerically\)/);
    // The typeset formula is beside the box.
    expect(await h.page.locator('.formula-tex .katex, .formula-tex .tex').count()).toBeGreaterThan(0);

    await h.page.waitForTimeout(400); // the URL is written debounced
    const link = h.page.url();
    const query = link.slice(link.indexOf('?') + 1);
    expect(query.length).toBeLessThan(300);
    await h.page.goto(link);
    await waitForContour(h.page);
    const restored = await waitForRuns(h.page, 3);
    expect(await h.page.getByRole('textbox', { name: 'f(x, y) =' }).inputValue()).toBe('(x - 1)^2 + 3*(y + x/2)^2');
    expect(restored.racers.map((r) => r.final)).toEqual(snap.racers.map((r) => r.final));
    // ... and the CLI reads the same link to the same bits.
    expect(restored.racers.map((r) => r.final)).toEqual(cliFinals(query));
    expect(h.errors).toEqual([]);
  });

  it('a link with a bad f shows a notice and races the default function', async () => {
    await h.page.goto(h.url('v=1&s=custom&f=__proto__.x&o=adam,lr=0.05'));
    await waitForContour(h.page);
    await waitForRuns(h.page, 1);
    const notice = h.page.getByRole('status').filter({ hasText: /could not be used/i });
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(/unknown name '__proto__'/);
    expect(await h.page.getByRole('textbox', { name: 'f(x, y) =' }).inputValue()).toBe('x^4 - 3*x*y + y^2');
    expect((await snapshot(h.page)).surface).toBe('custom');
    expect(h.errors).toEqual([]);
  });
});
