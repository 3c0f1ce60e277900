// @vitest-environment jsdom
/**
 * The explanation panel shows the numbers the core computed: for every optimizer, at several
 * steps, each value in the panel equals the racer's trace taken independently from the engine
 * (state slots exactly, derived quantities to the last bit of the same formulas), and for
 * momentum and Adam also an independent recomputation from the path of `runComparison`.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runComparison, traceRacer } from '../../src/engine';
import type { RunConfig } from '../../src/engine/types';
import { fmtNum } from '../../src/explain/format';
import { explainStep, initialState, type Quantity } from '../../src/explain/quantities';
import { optimizerNames } from '../../src/optim';
import type { HyperValue, OptimizerName } from '../../src/optim/types';
import {
  currentRun,
  currentTrace,
  explainRacer,
  removeRacer,
  setOverlay,
  setRacerHyper,
  setRacerOptimizer,
  setStart,
  setStep,
  setSurface,
} from '../../src/state/store';
import { makeObjective, surfaces } from '../../src/surfaces';
import type { TraceData } from '../../src/worker/api';
import { renderApp, state, teardown } from './harness';

/** Generous: these tests also wait for lazy chunks and engine replies on a loaded machine. */
const LONG = { timeout: 8000 };
vi.setConfig({ testTimeout: 30_000 });

afterEach(teardown);

/** Hyperparameters that make every branch of each rule show (weight decay, AMSGrad, centered, …). */
const SETTINGS: Record<OptimizerName, Record<string, HyperValue>> = {
  gd: { lr: 0.01, weightDecay: 0.1 },
  momentum: { lr: 0.01, momentum: 0.8, dampening: 0.1, weightDecay: 0.05 },
  nesterov: { lr: 0.01, momentum: 0.9 },
  adagrad: { lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1, weightDecay: 0.05 },
  rmsprop: { lr: 0.01, momentum: 0.5, centered: true },
  adam: { lr: 0.05, amsgrad: true, weightDecay: 0.1 },
  adamw: { lr: 0.05, weightDecay: 0.1 },
  adamax: { lr: 0.05, weightDecay: 0.02 },
  nadam: { lr: 0.05, momentumDecay: 0.004 },
  radam: { lr: 0.05, betas: [0.9, 0.9] },
  adadelta: { lr: 1 },
  rprop: { lr: 0.01 },
  newton: { lr: 0.5, damping: 0.1, saddleFree: true },
  lion: { lr: 0.01, betas: [0.9, 0.99], weightDecay: 0.1 },
  lbfgs: { lr: 0.1, lineSearch: 'strong_wolfe' },
  sam: { rho: 0.1, adaptive: true, base: { name: 'gd', lr: 0.005 } },
  shampoo: { lr: 0.3 },
  schedulefree: { lr: 0.1, weightDecay: 0.01, warmupSteps: 5 },
};

/** One racer with `name` on Himmelblau, explained. */
async function explain(name: OptimizerName): Promise<{ config: RunConfig; trace: TraceData }> {
  renderApp();
  act(() => {
    setSurface('himmelblau');
    setStart(1, -1);
    removeRacer(3);
    removeRacer(2);
    setRacerOptimizer(1, name);
    for (const [k, v] of Object.entries(SETTINGS[name])) setRacerHyper(1, k, v);
    explainRacer(1);
  });
  await waitFor(() => expect(currentTrace(state())).not.toBeNull(), LONG);
  await bodyAndOverlayLoaded();
  const run = currentRun(state())!;
  expect(run.config.optimizers[0]).toMatchObject({ name, ...SETTINGS[name] });
  return { config: run.config, trace: currentTrace(state())! };
}

/** The panel's body and the overlay's drawing code load with the first explained racer. */
async function bodyAndOverlayLoaded(): Promise<void> {
  await waitFor(() => expect(document.querySelector('.explain-table')).not.toBeNull(), LONG);
  await waitFor(() => expect(document.querySelector('[data-testid="explain-overlay"] defs')).not.toBeNull(), LONG);
}

function row(id: string): HTMLTableRowElement;
function row(id: string, required: false): HTMLTableRowElement | null;
function row(id: string, required = true): HTMLTableRowElement | null {
  const el = document.querySelector<HTMLTableRowElement>(`.explain-table tr[data-q="${id}"]`);
  if (!el && required) throw new Error(`no row ${id}`);
  return el;
}

/** The full-precision values of a row's cells, and their text. */
function shown(id: string): { values: string[]; texts: string[] } {
  const cells = [...row(id).querySelectorAll<HTMLTableCellElement>('td')];
  return { values: cells.map((c) => c.dataset.value ?? ''), texts: cells.map((c) => c.textContent ?? '') };
}

function shownNumbers(id: string): number[] {
  return shown(id).values.map(Number);
}

function expectedCells(q: Quantity): { values: string[]; texts: string[] } {
  const v = q.value;
  if (!v) return q.kind === 'vec' || q.kind === 'sign' ? { values: ['', ''], texts: ['—', '—'] } : { values: [''], texts: ['—'] };
  switch (v.kind) {
    case 'vec':
      return { values: v.v.map(String), texts: v.v.map((x) => fmtNum(x)) };
    case 'sign':
      return { values: v.v.map(String), texts: v.v.map((x) => (x > 0 ? '+' : x < 0 ? '−' : '0')) };
    case 'num':
      return { values: [String(v.v)], texts: [fmtNum(v.v)] };
    case 'flag':
      return { values: [v.v ? '1' : '0'], texts: [v.v ? 'yes' : 'no'] };
  }
}

type Shown = (id: string) => number[];
const lrOf = (name: OptimizerName) => SETTINGS[name].lr as number;
const mul = (a: number[], b: number[]) => a.map((x, j) => x * b[j]);
const scale = (k: number, a: number[]) => a.map((x) => k * x);
/** The gradient the rule uses: g_t (with coupled weight decay) where the panel shows it. */
const gt = (v: Shown) => (row('gwd', false) ? v('gwd') : v('grad'));

/**
 * For each optimizer, the step the core took rebuilt from the derived numbers the panel shows
 * (effective step sizes, bias-corrected moments, Newton's direction …): they must add up.
 */
const ADDS_UP: Record<OptimizerName, (v: Shown, t: number) => number[]> = {
  gd: (v) => scale(-lrOf('gd'), gt(v)),
  momentum: (v) => scale(-lrOf('momentum'), v('b')),
  nesterov: (v) => scale(-lrOf('nesterov'), v('nesterovDir')),
  adagrad: (v) => scale(-1, mul(v('eff'), gt(v))),
  rmsprop: (v) => scale(-lrOf('rmsprop'), v('b')),
  adam: (v) => scale(-1, mul(v('eff'), v('mHat'))),
  adamw: (v) => scale(-1, mul(v('eff'), v('mHat'))).map((x, j) => x + v('decay')[j]),
  adamax: (v) => scale(-1, mul(v('eff'), v('mHat'))),
  nadam: (v) => v('gradPart').map((x, j) => x + v('momentumPart')[j]),
  radam: (v) => scale(-1, mul(v('eff'), v('mHat'))),
  adadelta: (v) => scale(-1, mul(v('eff'), gt(v))),
  rprop: (v) => v('grad').map((g, j) => (v('sign')[j] < 0 ? 0 : -Math.sign(g) * v('stepSize')[j])),
  newton: (v) => scale(-lrOf('newton'), v('newtonDir')),
  lion: (v) => scale(-lrOf('lion'), v('lionSign')).map((x, j) => x + v('decay')[j]),
  lbfgs: (v) => scale(v('eta')[0], v('d')),
  // SAM's base (gradient descent) steps with the gradient at θ + e.
  sam: (v) => scale(-0.005, v('g2')),
  shampoo: (v) => scale(-lrOf('shampoo'), v('precond')),
  // x = lerp(y, z, 1 − 1/β₁) is the point drawn: the step is x_t − x_{t−1}.
  schedulefree: (v) => v('y').map((y, j) => y + (1 - 1 / 0.9) * (v('z')[j] - y) - v('theta')[j]),
};

describe('the explanation panel shows the core’s numbers', () => {
  it.each(optimizerNames)('%s: every value at steps 1, 5 and 12 equals the engine’s trace', async (name) => {
    const { config, trace } = await explain(name);
    // The same racer traced here, independently of the worker protocol and the store.
    const ref = traceRacer(config, 0);
    expect(trace.steps).toBe(ref.steps);
    expect(ref.steps).toBeGreaterThanOrEqual(12);
    const S = ref.stateLabels.length;
    const init = initialState(config.optimizers[0]);
    const path = ref.run.path;
    for (const k of [1, 5, 12]) {
      act(() => setStep(k));
      expect(screen.getByText(`Step t = ${k}: from θ${'₀₁₂₃₄₅₆₇₈₉'[k - 1] ?? ''}`, { exact: false })).toBeInTheDocument();
      // The core's own numbers, shown exactly (full precision in data-value) and to 4 digits.
      expect(shownNumbers('grad')).toEqual([ref.grad[2 * k - 2], ref.grad[2 * k - 1]]);
      expect(shownNumbers('step')).toEqual([ref.delta[2 * k - 2], ref.delta[2 * k - 1]]);
      expect(shownNumbers('theta')).toEqual([path[2 * k - 2], path[2 * k - 1]]);
      expect(shown('step').texts).toEqual([fmtNum(ref.delta[2 * k - 2]), fmtNum(ref.delta[2 * k - 1])]);
      const ex = explainStep({ ...ref, optimizer: config.optimizers[0], path, hessian: trace.hessian }, k, init);
      const slotRows = ex.quantities.filter((q) => q.slots);
      if (S > 0) expect(slotRows.length).toBeGreaterThan(0);
      for (const q of slotRows) {
        const { index, when } = q.slots!;
        const base = (when === 'after' ? k - 1 : k - 2) * S;
        if (when === 'before' && k === 1) {
          // Before the first step: the stepper's initial state, or "—" where there is none yet.
          if (q.value) expect(shownNumbers(q.id)).toEqual(index.map((j) => init[j]));
          else expect(shown(q.id).texts.every((x) => x === '—')).toBe(true);
          continue;
        }
        expect(shownNumbers(q.id), `${q.id} at step ${k}`).toEqual(index.map((j) => ref.state[base + j]));
      }
      // Every row, derived ones included, as the explanation computes it from the trace.
      const rows = [...document.querySelectorAll<HTMLTableRowElement>('.explain-table tbody tr')].map((r) => r.dataset.q);
      expect(rows).toEqual(ex.quantities.map((q) => q.id));
      for (const q of ex.quantities) expect(shown(q.id), `${q.id} at step ${k}`).toEqual(expectedCells(q));
      // The derived numbers shown add up to the step the core took.
      const rebuilt = ADDS_UP[name](shownNumbers, k);
      const taken = [ref.delta[2 * k - 2], ref.delta[2 * k - 1]];
      rebuilt.forEach((x, j) => expect(x, `step ${k}, coordinate ${j}`).toBeCloseTo(taken[j], 13 - Math.max(0, Math.ceil(Math.log10(Math.abs(taken[j]) + 1e-300)))));
    }
  });

  it('momentum: the velocity is b = μ·b + (1 − τ)·g (starting from g₁) and the step is −γ·b, recomputed from the path', async () => {
    const { config } = await explain('momentum');
    const { lr, momentum: mu, dampening: tau, weightDecay: wd } = SETTINGS.momentum as Record<string, number>;
    const path = runComparison(config).runs[0].path;
    const obj = makeObjective(surfaces.himmelblau, {}, 0);
    const g = new Float64Array(2);
    let b = [0, 0];
    for (let k = 1; k <= 6; k++) {
      const th = [path[2 * k - 2], path[2 * k - 1]];
      obj.valueGrad(th[0], th[1], g);
      const gt = [g[0] + wd * th[0], g[1] + wd * th[1]];
      const prev = b;
      b = k === 1 ? gt : [mu * b[0] + (1 - tau) * gt[0], mu * b[1] + (1 - tau) * gt[1]];
      act(() => setStep(k));
      shownNumbers('b').forEach((v, j) => expect(v).toBeCloseTo(b[j], 12));
      if (k > 1) shownNumbers('bPrev').forEach((v, j) => expect(v).toBeCloseTo(prev[j], 12));
      shownNumbers('gwd').forEach((v, j) => expect(v).toBeCloseTo(gt[j], 12));
      // The step decays the velocity, not the previous parameters: Δθ = −γ·b exactly as the path moved.
      shownNumbers('step').forEach((v, j) => {
        expect(v).toBeCloseTo(-lr * b[j], 12);
        expect(v).toBe(path[2 * k + j] - th[j]);
      });
    }
  });

  it('adam: m, v, the bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ and the per-coordinate step, recomputed from the path', async () => {
    renderApp();
    act(() => {
      setSurface('himmelblau');
      setStart(1, -1);
      removeRacer(3);
      removeRacer(2);
      setRacerOptimizer(1, 'adam');
      setRacerHyper(1, 'lr', 0.05);
      setRacerHyper(1, 'betas', [0.8, 0.99]);
      explainRacer(1);
    });
    await waitFor(() => expect(currentTrace(state())).not.toBeNull(), LONG);
    await bodyAndOverlayLoaded();
    const config = currentRun(state())!.config;
    const [b1, b2] = [0.8, 0.99];
    const lr = 0.05;
    const eps = 1e-8;
    const path = runComparison(config).runs[0].path;
    const obj = makeObjective(surfaces.himmelblau, {}, 0);
    const g = new Float64Array(2);
    const m = [0, 0];
    const v = [0, 0];
    for (let k = 1; k <= 8; k++) {
      obj.valueGrad(path[2 * k - 2], path[2 * k - 1], g);
      for (let j = 0; j < 2; j++) {
        m[j] = b1 * m[j] + (1 - b1) * g[j];
        v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
      }
      const bc1 = 1 - b1 ** k;
      const bc2 = 1 - b2 ** k;
      act(() => setStep(k));
      shownNumbers('m').forEach((x, j) => expect(x).toBeCloseTo(m[j], 12));
      shownNumbers('v').forEach((x, j) => expect(x).toBeCloseTo(v[j], 10));
      expect(shownNumbers('bc1')[0]).toBeCloseTo(bc1, 14);
      expect(shownNumbers('bc2')[0]).toBeCloseTo(bc2, 14);
      expect(shown('bc1').texts[0]).toBe(fmtNum(bc1));
      const eff = v.map((x) => lr / (Math.sqrt(x / bc2) + eps));
      shownNumbers('eff').forEach((x, j) => expect(x / eff[j]).toBeCloseTo(1, 12));
      // θ moves by −η·m̂ per coordinate: what the path did.
      shownNumbers('step').forEach((x, j) => {
        expect(x).toBeCloseTo(-eff[j] * (m[j] / bc1), 12);
        expect(x).toBe(path[2 * k + j] - path[2 * k - 2 + j]);
      });
    }
  });
});

describe('the explanation panel', () => {
  it('before the first step says so; the numbers appear after a step and follow the timeline', async () => {
    await explain('adam');
    act(() => setStep(0));
    expect(screen.getByText(/^Before the first step/)).toBeVisible();
    expect(document.querySelector('.explain-table')).not.toBeVisible();
    // The timeline scrubber moves every racer to step k; the loss chart's cursor and the panel follow.
    const cursorX = () => Number(document.querySelector('.loss-cursor')?.getAttribute('x1'));
    const x0 = cursorX();
    const timeline = screen.getByLabelText('Current step');
    fireEvent.change(timeline, { target: { value: '7' } });
    expect(state().playback.step).toBe(7);
    expect(cursorX()).toBeGreaterThan(x0);
    expect(screen.getByText(/^Step t = 7: from θ₆ to θ₇$/)).toBeVisible();
    expect(document.querySelector('.explain-table')).toBeVisible();
    const trace = currentTrace(state())!;
    expect(shownNumbers('step')).toEqual([trace.delta[12], trace.delta[13]]);
  });

  it('typesets the rule with KaTeX (loaded on demand) and lists the hyperparameters with their help', async () => {
    await explain('momentum');
    const rule = document.querySelector('.explain-rule')!;
    expect(rule.getAttribute('data-optimizer')).toBe('momentum');
    await waitFor(() => expect(rule.querySelector('.katex')).not.toBeNull(), LONG);
    // The rule the code runs: the velocity b is what decays, μ·b_{t−1}.
    expect(rule.textContent).toContain('\\mu\\, b_{t-1} + (1-\\tau)\\, g_t');
    expect(screen.getByText('Update rule, as torch.optim.SGD runs it')).toBeInTheDocument();
    const hyper = document.querySelector('.explain-hyper')!;
    expect(within(hyper as HTMLElement).getByText('Fraction of the previous velocity kept at each step (μ).')).toBeInTheDocument();
    expect(hyper.querySelector('[data-hyper="momentum"] dt')?.textContent).toContain('= 0.8');
  });

  it('a racer is explained by clicking its legend entry, and again to stop', async () => {
    renderApp();
    const legend = screen.getByRole('region', { name: 'Legend' });
    const entry = within(legend).getByRole('button', { name: /^Momentum · lr / });
    expect(entry).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(entry);
    expect(state().ui.explained).toBe(2);
    expect(entry).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('combobox', { name: 'Explain' })).toHaveValue('2');
    await waitFor(() => expect(currentTrace(state())?.optimizer.name).toBe('momentum'), LONG);
    fireEvent.click(entry);
    expect(state().ui.explained).toBeNull();
    expect(screen.getByText(/^Choose a racer here or click its name in the legend/)).toBeInTheDocument();
  });

  it('the panel’s racer picker is keyboard-operable and removing the racer stops explaining it', async () => {
    renderApp();
    fireEvent.change(screen.getByRole('combobox', { name: 'Explain' }), { target: { value: '3' } });
    expect(state().ui.explained).toBe(3);
    await waitFor(() => expect(currentTrace(state())?.optimizer.name).toBe('adam'), LONG);
    act(() => removeRacer(3));
    expect(state().ui.explained).toBeNull();
    expect(currentTrace(state())).toBeNull();
  });

  it('a racer that diverged shows the numbers of its last step and why it stopped', async () => {
    renderApp();
    act(() => {
      setRacerHyper(1, 'lr', 1); // GD at lr 1 on Rosenbrock diverges within a few steps
      explainRacer(1);
    });
    await waitFor(() => expect(currentTrace(state())).not.toBeNull(), LONG);
    await bodyAndOverlayLoaded();
    const trace = currentTrace(state())!;
    expect(trace.status).toBe('diverged');
    act(() => setStep(100));
    expect(screen.getByText(new RegExp(`^This racer stopped after step ${trace.steps} \\(`))).toBeVisible();
    expect(shownNumbers('step')).toEqual([trace.delta[2 * trace.steps - 2], trace.delta[2 * trace.steps - 1]]);
  });
});

describe('the plot overlay', () => {
  const arrows = () => [...document.querySelectorAll<SVGGElement>('[data-testid="explain-overlay"] .ov-arrow')].map((g) => g.dataset.arrow);

  it('momentum: the gradient step, the momentum carried and the step taken, at the scrubbed step', async () => {
    await explain('momentum');
    act(() => setStep(4));
    const svg = screen.getByTestId('explain-overlay');
    expect(svg.dataset.step).toBe('4');
    // Drawn bottom to top: the step taken, then the dashed arrows over it.
    expect(arrows()).toEqual(['step', 'grad', 'velocity']);
    expect(svg.querySelector('.ov-legend')?.textContent).toContain('gradient step');
    expect(svg.querySelector('.ov-legend')?.textContent).toContain('momentum carried');
    // The step's label gives its true length.
    const trace = currentTrace(state())!;
    const len = Math.hypot(trace.delta[6], trace.delta[7]);
    expect([...svg.querySelectorAll('.ov-label')].map((l) => l.textContent)).toContain(`Δθ ${fmtNum(len, 3)}`);
    // Off with the switch, and before the first step.
    act(() => setOverlay(false));
    expect(arrows()).toEqual([]);
    act(() => {
      setOverlay(true);
      setStep(0);
    });
    expect(arrows()).toEqual([]);
  });

  it('adam: the first-moment step and the step split into its coordinates with their own step sizes', async () => {
    await explain('adam');
    act(() => setStep(5));
    expect(arrows()).toEqual(expect.arrayContaining(['grad', 'moment', 'step', 'components']));
    // Each coordinate's own step size, as the panel's "step size per coordinate" row shows it.
    const eff = shownNumbers('eff');
    const notes = [...document.querySelectorAll('[data-testid="explain-overlay"] .ov-legend-note')].map((l) => l.textContent ?? '');
    expect(notes).toContain(`η(x) ${fmtNum(eff[0], 3)} · η(y) ${fmtNum(eff[1], 3)}`);
  });

  it('newton: the Newton step beside the plain gradient step', async () => {
    await explain('newton');
    act(() => setStep(3));
    expect(arrows()).toEqual(['newton', 'grad']);
    expect(document.querySelector('[data-testid="explain-overlay"] .ov-legend')?.textContent).toContain('Newton step');
  });
});
