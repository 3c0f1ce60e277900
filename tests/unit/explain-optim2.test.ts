/**
 * The explanations of L-BFGS, SAM, Shampoo and schedule-free AdamW say what their overlays draw:
 * L-BFGS's trial points (the step taken is one of them), SAM's θ + e (‖e‖ = ρ) and the gradient
 * step from there, Shampoo's preconditioner ellipse (the step ends on it), schedule-free's z and y
 * (x, the point drawn, lies on the line through them).
 */
import { describe, expect, it } from 'vitest';
import { normalizeConfig, traceRacer } from '../../src/engine';
import { explainStep, initialState } from '../../src/explain/quantities';

function explained(surface: string, optimizer: Record<string, unknown>, steps: number, start?: [number, number]) {
  const config = normalizeConfig({ surface: { name: surface }, optimizers: [optimizer], steps, ...(start ? { start } : {}) });
  const tr = traceRacer(config, 0);
  const init = initialState(config.optimizers[0]);
  return (t: number) => explainStep({ ...tr, optimizer: config.optimizers[0], path: tr.run.path, hessian: null }, t, init);
}

describe('the explanations of issue 13’s optimizers', () => {
  it('L-BFGS with strong Wolfe: the evaluated points are markers, and the step taken ends on one of them', () => {
    const ex = explained('rosenbrock', { name: 'lbfgs', lineSearch: 'strong_wolfe' }, 20);
    let withTrials = 0;
    for (let t = 1; t <= 20; t++) {
      const e = ex(t);
      const trials = e.arrows.filter((a) => a.id === 'trial');
      const step = e.arrows.find((a) => a.id === 'step');
      expect(step).toBeDefined();
      expect(e.arrows.some((a) => a.id === 'direction')).toBe(true);
      if (!trials.length || !step) continue;
      withTrials++;
      for (const a of trials) expect(a.marker).toBe(true);
      const hit = trials.some((a) => Math.hypot(a.v[0] - step.v[0], a.v[1] - step.v[1]) <= 1e-12 * (1 + Math.hypot(...step.v)));
      expect(hit, `step ${t}`).toBe(true);
    }
    expect(withTrials).toBeGreaterThan(10);
  });

  it('SAM: the perturbation has length ρ, and the gradient step is drawn from θ + e', () => {
    const ex = explained('sharpflat', { name: 'sam', rho: 0.05, base: { name: 'gd', lr: 0.02 } }, 10);
    for (let t = 1; t <= 10; t++) {
      const e = ex(t);
      const perturb = e.arrows.find((a) => a.id === 'perturb');
      const at = e.arrows.find((a) => a.id === 'perturbedGrad');
      const step = e.arrows.find((a) => a.id === 'step');
      expect(perturb && at && step).toBeTruthy();
      if (!perturb || !at || !step) return;
      expect(Math.hypot(...perturb.v)).toBeCloseTo(0.05, 10);
      expect(at.from).toEqual(perturb.v);
      // Over a gradient-descent base, the step from θ is the gradient step taken at θ + e.
      expect(step.v[0]).toBeCloseTo(at.v[0], 14);
      expect(step.v[1]).toBeCloseTo(at.v[1], 14);
    }
  });

  it('Shampoo: the step ends on the preconditioner’s ellipse', () => {
    const ex = explained('beale', { name: 'shampoo', lr: 0.5, eps: 0.001 }, 30, [1, 1.5]);
    for (const t of [1, 2, 5, 15, 30]) {
      const e = ex(t);
      expect(e.ellipse).not.toBeNull();
      if (!e.ellipse) return;
      const [A, B] = e.ellipse;
      // Orthogonal semi-axes: the step is α·A + β·B with α² + β² = 1.
      expect(Math.abs(A[0] * B[0] + A[1] * B[1])).toBeLessThan(1e-12 * Math.hypot(...A) * Math.hypot(...B) + 1e-300);
      const step = e.arrows.find((a) => a.id === 'step');
      if (!step) throw new Error('no step');
      const alpha = (step.v[0] * A[0] + step.v[1] * A[1]) / (A[0] ** 2 + A[1] ** 2);
      const beta = (step.v[0] * B[0] + step.v[1] * B[1]) / (B[0] ** 2 + B[1] ** 2);
      expect(alpha * alpha + beta * beta, `step ${t}`).toBeCloseTo(1, 9);
    }
  });

  it('schedule-free AdamW: z and y are markers, and x (the point drawn) is lerp(y, z, 1 − 1/β₁)', () => {
    const ex = explained('quadratic', { name: 'schedulefree', lr: 0.1 }, 12);
    for (let t = 1; t <= 12; t++) {
      const e = ex(t);
      const z = e.arrows.find((a) => a.id === 'zPoint');
      const y = e.arrows.find((a) => a.id === 'yPoint');
      const step = e.arrows.find((a) => a.id === 'step');
      expect(z?.marker && y?.marker).toBe(true);
      if (!z || !y || !step) return;
      const w = 1 - 1 / 0.9;
      for (const i of [0, 1]) expect(y.v[i] + w * (z.v[i] - y.v[i])).toBeCloseTo(step.v[i], 12);
      expect(e.quantities.some((q) => q.id === 'gy')).toBe(true);
    }
  });
});
