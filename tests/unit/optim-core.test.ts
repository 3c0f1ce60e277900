/**
 * The optimizer core on θ ∈ ℝⁿ: one stepper serves any n, the state is laid out by named slots,
 * lr can change between steps and setMomentum follows torch (Adam's bias correction 1 − β₁ᵗ with
 * the current β₁).
 */
import { describe, expect, it } from 'vitest';
import { createStepper, implementations } from '../../src/optim/impl';
import { hyperOf, normalizeOptimizerConfig, optimizerNames, optimizers, stateLayout, type StepEnv } from '../../src/optim';
import { makeObjective, surfaces } from '../../src/surfaces';

/** f(θ) = Σ over pairs (θ₂ᵢ, θ₂ᵢ₊₁) of Himmelblau: each pair is an independent 2-D problem. */
function pairedEnv(n: number): StepEnv & { grad(theta: Float64Array, g: Float64Array): void } {
  const obj = makeObjective(surfaces.himmelblau, {}, 0);
  const g2 = new Float64Array(2);
  const h3 = new Float64Array(3);
  const grad = (theta: Float64Array, g: Float64Array) => {
    for (let i = 0; i < n; i += 2) {
      obj.valueGrad(theta[i], theta[i + 1], g2);
      g[i] = g2[0];
      g[i + 1] = g2[1];
    }
  };
  return {
    n,
    grad,
    evaluate(theta, g) {
      grad(theta, g);
      return 0;
    },
    hessian(theta, h) {
      h.fill(0);
      for (let i = 0; i < n; i += 2) {
        obj.hessian(theta[i], theta[i + 1], h3);
        h[i * n + i] = h3[0];
        h[i * n + i + 1] = h[(i + 1) * n + i] = h3[1];
        h[(i + 1) * n + i + 1] = h3[2];
      }
    },
  };
}

/** An optimizer entry with learning rate lr (SAM's is its base's). */
const withLr = (name: string, lr: number) => (name === 'sam' ? { name, base: { name: 'gd', lr } } : { name, lr });

/**
 * Optimizers whose update couples all coordinates, as torch's: L-BFGS (dot products, ‖g‖₁, the
 * line search), SAM (‖g‖ over all parameters), Shampoo (the full matrix H). On independent pairs
 * they do not take the 2-D steps of each pair, but with the other pairs at a stationary point
 * (gradient exactly 0: Himmelblau's (3, 2)) they take exactly the first pair's 2-D steps.
 */
const COUPLED = new Set(['lbfgs', 'sam', 'shampoo']);

describe('one stepper for θ ∈ ℝⁿ', () => {
  it.each(optimizerNames)('%s on three independent pairs takes, in each pair, the 2-D steps', (name) => {
    const config = normalizeOptimizerConfig(withLr(name, name === 'newton' ? 0.5 : 0.01));
    const starts = COUPLED.has(name)
      ? [
          [1, -1],
          [3, 2],
          [3, 2],
        ]
      : [
          [1, -1],
          [-2, 2.5],
          [0.5, 3],
        ];
    const n = 6;
    const big = createStepper(config, n);
    const env6 = pairedEnv(n);
    const p6 = new Float64Array(starts.flat());
    const g6 = new Float64Array(n);
    const small = starts.map(() => createStepper(config, 2));
    const env2 = pairedEnv(2);
    const p2 = starts.map((s) => new Float64Array(s));
    const g2 = new Float64Array(2);
    for (let k = 0; k < 40; k++) {
      env6.grad(p6, g6);
      const f6 = big.step(p6, g6, env6);
      for (let j = 0; j < 3; j++) {
        env2.grad(p2[j], g2);
        const f2 = small[j].step(p2[j], g2, env2);
        expect(f6 === null).toBe(f2 === null);
      }
      for (let j = 0; j < 3; j++) {
        expect(p6[2 * j]).toBeCloseTo(p2[j][0], 12);
        expect(p6[2 * j + 1]).toBeCloseTo(p2[j][1], 12);
      }
    }
    // The state is laid out slot by slot, each n-slot n long, scalars once.
    const def = optimizers[name];
    expect(big.state.length).toBe(stateLayout(def, n).length);
    expect(small[0].state.length).toBe(stateLayout(def, 2).length);
    expect(big.t).toBe(40);
  });

  it('saddle-free Newton on θ ∈ ℝ⁶ (Jacobi |H|, Gaussian elimination) takes the 2-D closed-form steps', () => {
    const config = normalizeOptimizerConfig({ name: 'newton', lr: 0.5, saddleFree: true, damping: 0.1 });
    const env6 = pairedEnv(6);
    const env2 = pairedEnv(2);
    const big = createStepper(config, 6);
    const p6 = new Float64Array([0.2, -0.9, -0.3, 0.1, 3.5, -1.5]);
    const g6 = new Float64Array(6);
    const small = [0, 1, 2].map(() => createStepper(config, 2));
    const p2 = [0, 1, 2].map((j) => new Float64Array([p6[2 * j], p6[2 * j + 1]]));
    const g2 = new Float64Array(2);
    for (let k = 0; k < 25; k++) {
      env6.grad(p6, g6);
      expect(big.step(p6, g6, env6)).toBeNull();
      for (let j = 0; j < 3; j++) {
        env2.grad(p2[j], g2);
        small[j].step(p2[j], g2, env2);
        expect(p6[2 * j]).toBeCloseTo(p2[j][0], 10);
        expect(p6[2 * j + 1]).toBeCloseTo(p2[j][1], 10);
      }
    }
  });

  it('Newton reports a singular system as a fault with its determinant, in any dimension', () => {
    const zero: StepEnv = { n: 3, evaluate: () => 0, hessian: (_t, h) => h.fill(0) };
    const s = createStepper({ name: 'newton' }, 3);
    expect(s.step(new Float64Array(3), new Float64Array([1, 2, 3]), zero)).toEqual({ code: 'singular-system', det: 0 });
  });

  it('lr is read at every step (a schedule sets it before each step)', () => {
    for (const name of optimizerNames) {
      if (name === 'rprop') continue; // torch's Rprop reads lr only to start its step sizes
      const env = pairedEnv(2);
      const a = createStepper(normalizeOptimizerConfig(withLr(name, 0.01)), 2);
      const b = createStepper(normalizeOptimizerConfig(withLr(name, 0.02)), 2);
      const pa = new Float64Array([1, -1]);
      const pb = new Float64Array([1, -1]);
      const g = new Float64Array(2);
      for (let k = 0; k < 5; k++) {
        a.lr = 0.02;
        env.grad(pa, g);
        a.step(pa, g, env);
        env.grad(pb, g);
        b.step(pb, g, env);
      }
      expect(a.lr).toBe(0.02);
      expect([...pa], name).toEqual([...pb]);
    }
  });

  it('Adam with β₁ changed every step (OneCycle) uses 1 − β₁ᵗ of the current β₁, as torch does', () => {
    const h = hyperOf(normalizeOptimizerConfig({ name: 'adam', lr: 0.05 }));
    const stepper = implementations.adam.create(h, 2);
    const env = pairedEnv(2);
    const p = new Float64Array([1, -1]);
    const g = new Float64Array(2);
    // torch.optim.Adam written out with pow(), β₁ of the step.
    const q = [1, -1];
    const m = [0, 0];
    const v = [0, 0];
    const b2 = 0.999;
    for (let t = 1; t <= 30; t++) {
      const b1 = 0.85 + 0.1 * Math.sin(t);
      stepper.setMomentum?.(b1);
      env.grad(p, g);
      const gr = [g[0], g[1]];
      stepper.step(p, g, env);
      for (let i = 0; i < 2; i++) {
        m[i] = b1 * m[i] + (1 - b1) * gr[i];
        v[i] = b2 * v[i] + (1 - b2) * gr[i] * gr[i];
        const denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + 1e-8;
        q[i] -= (0.05 / (1 - Math.pow(b1, t))) * (m[i] / denom);
      }
      expect(p[0]).toBeCloseTo(q[0], 12);
      expect(p[1]).toBeCloseTo(q[1], 12);
    }
  });
});
