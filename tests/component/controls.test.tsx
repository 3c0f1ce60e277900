// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { racerSummary } from '../../src/components/plot/Legend';
import { renderApp, state, teardown, type Harness } from './harness';

afterEach(teardown);

async function ready(h: Harness): Promise<void> {
  await waitFor(() => expect(state().results.run).not.toBeNull());
  expect(h.runs.length).toBeGreaterThan(0);
}

const card = (name: RegExp) => screen.getByRole('region', { name });

describe('racer controls', () => {
  it('moving the learning-rate log slider changes the store and the config sent to the engine', async () => {
    const h = renderApp();
    await ready(h);
    const gd = card(/^Racer 1: /);
    const slider = within(gd).getByLabelText('learning rate');
    expect(slider).toHaveAttribute('type', 'range');
    // Log scale on round stops, 1–2–5 a decade, over the slider's range 1e-5 … 10: 19 stops.
    expect(slider).toHaveAttribute('max', '18');
    fireEvent.change(slider, { target: { value: '9' } });
    const lr = state().racers[0].optimizer.lr as number;
    expect(lr).toBe(0.01);
    fireEvent.change(slider, { target: { value: '10' } });
    expect(state().racers[0].optimizer.lr).toBe(0.02);
    fireEvent.change(slider, { target: { value: '11' } });
    expect(state().racers[0].optimizer.lr).toBe(0.05);
    fireEvent.change(slider, { target: { value: '9' } });
    await waitFor(() => expect(h.lastConfig().optimizers[0].lr).toBe(lr));
    // The number beside the slider shows the new value.
    expect(within(gd).getByLabelText('learning rate (value)')).toHaveValue(lr);
  });

  it('typing a learning rate commits valid numbers and flags invalid ones without sending them', async () => {
    const h = renderApp();
    await ready(h);
    const box = within(card(/^Racer 3: /)).getByLabelText('learning rate (value)');
    fireEvent.change(box, { target: { value: '0.02' } });
    expect(state().racers[2].optimizer.lr).toBe(0.02);
    await waitFor(() => expect(h.lastConfig().optimizers[2].lr).toBe(0.02));
    const sent = h.runs.length;
    fireEvent.change(box, { target: { value: '-1' } });
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(state().racers[2].optimizer.lr).toBe(0.02);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.runs.length).toBe(sent);
  });

  it('momentum and betas are sliders with number inputs', async () => {
    const h = renderApp();
    await ready(h);
    const mom = within(card(/^Racer 2: /)).getByLabelText('momentum');
    // A 1 − β scale: stops 0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999.
    expect(mom).toHaveAttribute('max', '9');
    expect(mom).toHaveValue('3'); // the default 0.9
    fireEvent.change(mom, { target: { value: '6' } });
    expect(state().racers[1].optimizer.momentum).toBe(0.99);
    fireEvent.change(mom, { target: { value: '1' } });
    expect(state().racers[1].optimizer.momentum).toBe(0.5);
    const adam = card(/^Racer 3: /);
    fireEvent.change(within(adam).getByLabelText('β₂ (value)'), { target: { value: '0.99' } });
    expect(state().racers[2].optimizer.betas).toEqual([0.9, 0.99]);
    await waitFor(() => expect(h.lastConfig().optimizers[2].betas).toEqual([0.9, 0.99]));
  });

  it('changing the optimizer of a racer keeps its learning rate and fills the new defaults', async () => {
    const h = renderApp();
    await ready(h);
    const select = within(card(/^Racer 1: /)).getByRole('combobox', { name: /^Optimizer/ });
    fireEvent.change(select, { target: { value: 'rmsprop' } });
    expect(state().racers[0].optimizer).toMatchObject({ name: 'rmsprop', lr: 0.001, alpha: 0.99, centered: false });
    await waitFor(() => expect(h.lastConfig().optimizers[0].name).toBe('rmsprop'));
    expect(within(card(/^Racer 1: /)).getByLabelText('α (smoothing)')).toBeInTheDocument();
  });
});

describe('the controls of issue 13’s optimizers', () => {
  it('SAM’s base optimizer has a picker without sam, lbfgs, newton or schedulefree, and its own controls', async () => {
    const h = renderApp();
    await ready(h);
    fireEvent.change(within(card(/^Racer 1: /)).getByRole('combobox', { name: /^Optimizer/ }), { target: { value: 'sam' } });
    expect(state().racers[0].optimizer).toMatchObject({ name: 'sam', rho: 0.05, base: { name: 'gd', lr: 0.1 } });
    const sam = card(/^Racer 1: /);
    const base = within(sam).getByRole('combobox', { name: 'base optimizer' });
    const names = [...base.querySelectorAll('option')].map((o) => o.value);
    for (const no of ['sam', 'lbfgs', 'newton', 'schedulefree']) expect(names).not.toContain(no);
    expect(names).toContain('adam');
    fireEvent.change(base, { target: { value: 'adam' } });
    expect(state().racers[0].optimizer.base).toMatchObject({ name: 'adam', lr: 0.001, betas: [0.9, 0.999] });
    // The base's own sliders, labelled as everywhere else.
    fireEvent.change(within(sam).getByLabelText('learning rate (value)'), { target: { value: '0.05' } });
    expect(state().racers[0].optimizer.base).toMatchObject({ name: 'adam', lr: 0.05 });
    await waitFor(() => expect(h.lastConfig().optimizers[0]).toMatchObject({ name: 'sam', base: { name: 'adam', lr: 0.05 } }));
    // The legend names the base and its learning rate (two SAM racers over different bases differ).
    expect(racerSummary(state().racers[0])).toBe('SAM (Adam) · lr 0.05');
  });

  it('L-BFGS’s line search is a labelled choice between torch’s "none" and "strong_wolfe"', async () => {
    const h = renderApp();
    await ready(h);
    fireEvent.change(within(card(/^Racer 2: /)).getByRole('combobox', { name: /^Optimizer/ }), { target: { value: 'lbfgs' } });
    const ls = within(card(/^Racer 2: /)).getByRole('combobox', { name: /line search/ });
    expect([...ls.querySelectorAll('option')].map((o) => o.value)).toEqual(['none', 'strong_wolfe']);
    fireEvent.change(ls, { target: { value: 'strong_wolfe' } });
    expect(state().racers[1].optimizer.lineSearch).toBe('strong_wolfe');
    await waitFor(() => expect(h.lastConfig().optimizers[1]).toMatchObject({ name: 'lbfgs', lineSearch: 'strong_wolfe' }));
  });
});

describe('surface controls', () => {
  it('the surface picker changes the surface, its start, the grid and the run', async () => {
    const h = renderApp();
    await ready(h);
    fireEvent.change(screen.getByLabelText('Loss surface'), { target: { value: 'himmelblau' } });
    expect(state().scene.surface).toBe('himmelblau');
    await waitFor(() => expect(h.lastConfig().surface.name).toBe('himmelblau'));
    expect(h.grids[h.grids.length - 1].surface.name).toBe('himmelblau');
    await waitFor(() => expect(state().results.grid?.surface.name).toBe('himmelblau'));
    // Himmelblau spans more than two decades: log-spaced levels.
    expect(state().results.grid?.logLevels).toBe(true);
  });

  it('the quadratic shows κ and angle; the l2 slider reaches the config', async () => {
    const h = renderApp();
    await ready(h);
    fireEvent.change(screen.getByLabelText('Loss surface'), { target: { value: 'quadratic' } });
    fireEvent.change(screen.getByLabelText('condition number κ (value)'), { target: { value: '100' } });
    fireEvent.change(screen.getByLabelText('angle (°) (value)'), { target: { value: '30' } });
    fireEvent.change(screen.getByLabelText('L2 regularisation λ'), { target: { value: '0.5' } });
    await waitFor(() => expect(h.lastConfig().surface).toEqual({ name: 'quadratic', params: { kappa: 100, angle: 30 }, l2: 0.5, noise: 0 }));
  });

  it('noise is labelled simulated on analytic surfaces; data surfaces have a batch size slider with full batch marked', async () => {
    const h = renderApp();
    await ready(h);
    const noise = screen.getByLabelText('Gradient noise σ (simulated)');
    fireEvent.change(noise, { target: { value: '2' } });
    await waitFor(() => expect(h.lastConfig().surface.noise).toBe(2));
    // With noise on, an analytic surface gets a simulated batch size B (noise σ/√B).
    fireEvent.change(screen.getByLabelText(/^Batch size B/, { selector: 'input[type=range]' }), { target: { value: '1000' } });
    await waitFor(() => expect(h.lastConfig().batchSize).toBe(256));

    fireEvent.change(screen.getByLabelText('Loss surface'), { target: { value: 'linreg' } });
    expect(screen.queryAllByLabelText(/simulated/)).toHaveLength(0);
    const batch = screen.getByLabelText(/^Batch size/, { selector: 'input[type=range]' });
    const n = Number(batch.getAttribute('max'));
    expect(n).toBeGreaterThan(10);
    expect(batch).toHaveValue(String(n));
    expect(screen.getByText(/full batch/)).toBeInTheDocument();
    await waitFor(() => expect(h.lastConfig()).toMatchObject({ batchSize: n, surface: { name: 'linreg', noise: 0 } }));
    fireEvent.change(batch, { target: { value: '8' } });
    expect(state().scene.batchSize).toBe(8);
    await waitFor(() => expect(h.lastConfig().batchSize).toBe(8));
  });

  it('seed, steps and the start point reach the config', async () => {
    const h = renderApp();
    await ready(h);
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '7' } });
    fireEvent.change(screen.getByLabelText('Steps (value)'), { target: { value: '120' } });
    fireEvent.change(screen.getByLabelText('Start x'), { target: { value: '0.5' } });
    await waitFor(() => expect(h.lastConfig()).toMatchObject({ seed: 7, steps: 120, start: [0.5, 2] }));
  });
});

describe('the contour plot', () => {
  it('a click on the plot moves the common start point and reruns', async () => {
    const h = renderApp();
    await ready(h);
    const overlay = screen.getByRole('img', { name: /Click or drag/ });
    // jsdom has no layout: the plot uses its fallback size (640 × 480) with the plot rectangle centred.
    const box = overlay.getBoundingClientRect();
    fireEvent.pointerDown(overlay, { clientX: box.left + 320, clientY: box.top + 220, pointerId: 1 });
    await waitFor(() => expect(state().scene.start).not.toEqual([-1.5, 2]));
    const [x, y] = state().scene.start;
    // Rosenbrock's domain is [−2, 2] × [−1, 3]: the middle of the plot is near (0, 1).
    expect(Math.abs(x)).toBeLessThan(0.5);
    expect(Math.abs(y - 1)).toBeLessThan(0.6);
    await waitFor(() => expect(h.lastConfig().start).toEqual([x, y]));
    fireEvent.pointerUp(overlay, { pointerId: 1 });
  });

  it('marks the known minima and saddle points of the surface', async () => {
    const h = renderApp();
    await ready(h);
    fireEvent.change(screen.getByLabelText('Loss surface'), { target: { value: 'himmelblau' } });
    await waitFor(() => expect(document.querySelectorAll('.crit-min')).toHaveLength(4));
    expect(document.querySelectorAll('.crit-saddle').length).toBeGreaterThan(0);
  });
});

describe('playback', () => {
  it('Space, → and R drive the clock; the step counter follows', async () => {
    const h = renderApp();
    await ready(h);
    const counter = document.querySelector('.step-counter-value')!;
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(state().playback.step).toBe(2);
    expect(counter.textContent).toBe(`2 / ${state().scene.steps}`);
    fireEvent.keyDown(window, { key: ' ' });
    expect(state().playback.playing).toBe(true);
    fireEvent.keyDown(window, { key: ' ' });
    expect(state().playback.playing).toBe(false);
    fireEvent.keyDown(window, { key: 'r' });
    expect(state().playback.step).toBe(0);
    // Typing in a field does not trigger shortcuts.
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(screen.getByLabelText('Seed'), { key: 'r' });
    fireEvent.keyDown(screen.getByLabelText('Seed'), { key: 'ArrowRight' });
    expect(state().playback.step).toBe(1);
    // On a slider, the arrows move the slider, but Space still plays.
    const speed = screen.getByLabelText('Speed (steps/s)');
    fireEvent.keyDown(speed, { key: 'ArrowRight' });
    expect(state().playback.step).toBe(1);
    fireEvent.keyDown(speed, { key: ' ' });
    expect(state().playback.playing).toBe(true);
  });

  it('the buttons play, step and reset', async () => {
    const h = renderApp();
    await ready(h);
    fireEvent.click(screen.getByRole('button', { name: /Step one/ }));
    expect(state().playback.step).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: /Play/ }));
    expect(state().playback.playing).toBe(true);
    expect(screen.getByRole('button', { name: /Pause/ })).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(screen.getByRole('button', { name: /Reset/ }));
    expect(state().playback).toMatchObject({ playing: false, step: 0 });
  });
});
