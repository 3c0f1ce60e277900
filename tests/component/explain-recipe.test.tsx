// @vitest-environment jsdom
/**
 * The explanation panel for a racer with a recipe (CONTRACT §4): the rules of its schedule,
 * clipping and EMA typeset with its numbers, and rows for this step — the lr, the gradient before
 * and after clipping with their norms, the EMA update — equal to an independent trace of the
 * engine; the overlay's arrows before and after clipping where clipping bit; in English and 中文.
 */
import { act, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { traceRacer } from '../../src/engine';
import type { Recipe } from '../../src/engine/recipe';
import { setLocale } from '../../src/i18n';
import { currentRun, currentTrace, explainRacer, removeRacer, setRacerHyper, setRacerOptimizer, setRacerRecipe, setStart, setStep, setSurface, setSteps } from '../../src/state/store';
import { renderApp, state, teardown } from './harness';

const LONG = { timeout: 8000 };
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  teardown();
  setLocale('en');
});

const C = 5;
const RECIPE: Recipe = { schedule: { name: 'cosine', tMax: 120, etaMin: 0.001 }, clip: { norm: C }, ema: 0.9 };

async function explainRecipe() {
  renderApp();
  act(() => {
    setSurface('rosenbrock');
    setStart(-1.2, 1);
    setSteps(120);
    removeRacer(3);
    removeRacer(2);
    setRacerOptimizer(1, 'adam');
    setRacerHyper(1, 'lr', 0.05);
    setRacerRecipe(1, RECIPE);
    explainRacer(1);
  });
  await waitFor(() => expect(currentTrace(state())?.clipped).toBeDefined(), LONG);
  await waitFor(() => expect(document.querySelector('.explain-table tr[data-q="gradRaw"]')).not.toBeNull(), LONG);
  await waitFor(() => expect(document.querySelector('[data-testid="explain-overlay"] defs')).not.toBeNull(), LONG);
  const config = currentRun(state())!.config;
  expect(config.recipes![0]).toEqual(RECIPE);
  return traceRacer(config, 0);
}

const row = (id: string) => {
  const el = document.querySelector<HTMLTableRowElement>(`.explain-table tr[data-q="${id}"]`);
  if (!el) throw new Error(`no row ${id}`);
  return el;
};
const values = (id: string) => [...row(id).querySelectorAll('td')].map((c) => Number(c.dataset.value));
const texts = (id: string) => [...row(id).querySelectorAll('td')].map((c) => c.textContent);
const arrows = () => [...document.querySelectorAll<SVGGElement>('[data-testid="explain-overlay"] g.ov-arrow')].map((g) => g.dataset.arrow);

describe('the explanation of a racer with a recipe', () => {
  it('shows the lr of the step, the gradient before and after clipping with their norms, and the EMA update: the engine’s numbers', async () => {
    const ref = await explainRecipe();
    const clippedAt = [...ref.clipped!].findIndex((b, i) => b === 1 && i > 0) + 1;
    const freeAt = [...ref.clipped!].findIndex((b, i) => b === 0 && i > 0) + 1;
    expect(clippedAt).toBeGreaterThan(1);
    expect(freeAt).toBeGreaterThan(1);
    for (const k of [clippedAt, freeAt]) {
      act(() => setStep(k));
      const i = k - 1;
      const raw = [ref.rawGrad![2 * i], ref.rawGrad![2 * i + 1]];
      const n = Math.hypot(raw[0], raw[1]);
      const bit = ref.clipped![i] === 1;
      expect(values('lrNow')).toEqual([ref.lr![i]]);
      expect(values('gradRaw')).toEqual(raw);
      expect(values('gradRawNorm')[0]).toBeCloseTo(n, 12);
      expect(values('gradClipped')).toEqual([ref.grad[2 * i], ref.grad[2 * i + 1]]);
      expect(texts('clipBit')).toEqual([bit ? 'yes' : 'no']);
      if (bit) {
        expect(n).toBeGreaterThan(C);
        expect(values('clipFactor')).toEqual([C / (n + 1e-6)]);
        expect(values('gradClippedNorm')[0]).toBeCloseTo((C * n) / (n + 1e-6), 12);
        expect(arrows()).toEqual(expect.arrayContaining(['gradRaw', 'gradClipped']));
      } else {
        expect(n).toBeLessThanOrEqual(C);
        expect(values('clipFactor')).toEqual([1]);
        expect(values('gradClipped')).toEqual(raw);
        expect(arrows()).not.toContain('gradRaw');
      }
      // The EMA update: θ̄ₜ = d·θ̄ₜ₋₁ + (1 − d)·θₜ.
      const prev = values('emaPrev');
      const theta = values('thetaNext');
      expect(theta).toEqual([ref.run.path[2 * k], ref.run.path[2 * k + 1]]);
      expect(values('ema')).toEqual([0.9 * prev[0] + (1 - 0.9) * theta[0], 0.9 * prev[1] + (1 - 0.9) * theta[1]]);
    }
    // Step 1: the first update copies θ₁ (no average before it).
    act(() => setStep(1));
    expect(texts('emaPrev')).toEqual(['—', '—']);
    expect(values('ema')).toEqual(values('thetaNext'));
  });

  it('typesets the schedule, the clip rule and the EMA rule with the racer’s numbers, in English and in Chinese', async () => {
    await explainRecipe();
    const rules = () => [...document.querySelectorAll<HTMLElement>('.explain-recipe-rule')];
    await waitFor(() => expect(rules().map((r) => r.dataset.rule)).toEqual(['schedule', 'clip', 'ema']), LONG);
    const text = (id: string) => document.querySelector<HTMLElement>(`.explain-recipe-rule[data-rule="${id}"]`)!.textContent ?? '';
    expect(text('schedule')).toContain('Learning rate of step t: cosine (CosineAnnealingLR)');
    // The cosine rule with η_min = 0.001, η₀ = 0.05, T = 120 written in (KaTeX or its plain stand-in).
    await waitFor(() => expect(document.querySelector('.explain-recipe .katex')).not.toBeNull(), LONG);
    const mathml = (id: string) => [...document.querySelectorAll(`.explain-recipe-rule[data-rule="${id}"] annotation`)].map((a) => a.textContent).join('\n');
    expect(mathml('schedule')).toMatch(/0\.001 \+ \\tfrac12 \(0\.05 - 0\.001\).*\\cos \\tfrac\{\\pi \(t-1\)\}\{120\}/);
    expect(text('clip')).toContain('Gradient clipping by norm (clip_grad_norm_)');
    expect(mathml('clip')).toMatch(/g \\leftarrow g \\cdot \\min\\Bigl\(1, \\frac\{c\}\{\\\|g\\\| \+ 10\^\{-6\}\}\\Bigr\)/);
    expect(mathml('clip')).toMatch(/c = 5$/);
    expect(mathml('ema')).toMatch(/d\\, \\bar\\theta_\{t-1\} \+ \(1-d\)\\, \\theta_t/);
    expect(mathml('ema')).toMatch(/d = 0\.9/);
    expect(row('gradRaw').textContent).toContain('gradient before clipping');
    expect(row('gradClipped').textContent).toContain('gradient after clipping');

    act(() => setLocale('zh'));
    await waitFor(() => expect(text('clip')).toContain('按范数裁剪梯度'));
    expect(text('schedule')).toContain('第 t 步的学习率');
    expect(text('ema')).toContain('第一次更新直接复制 θ');
    expect(row('gradRaw').textContent).toContain('裁剪前的梯度');
    expect(row('gradClipped').textContent).toContain('裁剪后的梯度');
    expect(row('ema').textContent).toContain('本次更新后的平均');
    const k = [...currentTrace(state())!.clipped!].findIndex((b) => b === 1) + 1;
    act(() => setStep(k));
    expect(texts('clipBit')).toEqual(['是']);
  });

  it('a racer without a recipe keeps the plain gradient row and no recipe section', async () => {
    renderApp();
    act(() => {
      setSurface('rosenbrock');
      removeRacer(3);
      removeRacer(2);
      explainRacer(1);
    });
    await waitFor(() => expect(document.querySelector('.explain-table tr[data-q="grad"]')).not.toBeNull(), LONG);
    expect(document.querySelector('.explain-recipe')).toBeNull();
    expect(document.querySelector('.explain-table tr[data-q="gradRaw"]')).toBeNull();
  });
});
