/**
 * Lion against real PyTorch running lucidrains/lion-pytorch 0.2.3 (the `lion` cases of
 * tests/fixtures/torch-reference-2.json), and its rule's details: weight decay with the current lr,
 * sign(0) = 0, a step of exactly lr per coordinate.
 */
import { describe, expect, it } from 'vitest';
import { createStepper, implementations } from '../../src/optim/impl';
import { normalizeOptimizerConfig, optimizers, type StepEnv } from '../../src/optim';
import { casesOf, describeCase, runPlainCase, TOL, worstDifference } from './reference2';

const env: StepEnv = { n: 3, evaluate: () => 0, hessian: () => {} };

describe('lion reproduces the torch reference trajectories', () => {
  const cases = casesOf('lion');
  it('has its cases in the reference file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
  });

  it.each(cases.map((c) => [describeCase(c), c] as const))('%s', (_label, c) => {
    const run = runPlainCase(c);
    expect(run.status).toBe('ok');
    expect(run.loss.length).toBe(c.steps + 1);
    const { worst, at } = worstDifference(run.path, run.loss, c);
    expect(worst, `largest difference ${worst} at step ${at}`).toBeLessThanOrEqual(TOL);
  });
});

describe('lion’s rule', () => {
  it('defaults as lion-pytorch: lr 1e-4, betas (0.9, 0.99), no weight decay', () => {
    expect(normalizeOptimizerConfig({ name: 'lion' })).toEqual({ name: 'lion', lr: 1e-4, betas: [0.9, 0.99], weightDecay: 0 });
    expect(optimizers.lion.state.map((s) => s.name)).toEqual(['m']);
  });

  it('moves each coordinate by exactly lr·sign(c), not at all where c = 0, and decays with the current lr', () => {
    const s = createStepper({ name: 'lion', lr: 0.1, betas: [0.5, 0.9], weightDecay: 0.2 }, 3);
    const p = new Float64Array([1, 2, -3]);
    const g = new Float64Array([0.3, 0, -5]);
    s.step(p, g, env);
    // c = 0.5·0 + 0.5·g, so sign(c) = sign(g); θ ← θ(1 − 0.1·0.2) − 0.1·sign(c); m ← 0.9·0 + (1 − 0.9)·g
    expect([...p]).toEqual([1 * (1 - 0.1 * 0.2) - 0.1, 2 * (1 - 0.1 * 0.2), -3 * (1 - 0.1 * 0.2) + 0.1]);
    expect([...s.state]).toEqual([...g].map((x) => (1 - 0.9) * x));
    // A schedule sets lr: the step and the decay both use the new one.
    s.lr = 0.01;
    const q = [...p];
    const m = [...s.state];
    g.fill(0);
    s.step(p, g, env);
    for (let i = 0; i < 3; i++) expect(p[i]).toBe(q[i] * (1 - 0.01 * 0.2) - 0.01 * Math.sign(0.5 * m[i]));
    expect(p[1]).toBe(q[1] * (1 - 0.01 * 0.2)); // c = 0 there: no step, only the decay
  });
});
