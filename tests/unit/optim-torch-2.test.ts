/**
 * The optimizers of CONTRACT §5 from issue 13 (lbfgs, sam, shampoo, schedulefree) against
 * torch-reference-2.json (torch 1.13, float64; README-2), and their validation. Cases without a
 * sample order or noise run through the engine as a CLI config would; every case also runs with
 * its recorded batches and noise injected into the same registry stepper through a StepEnv, as
 * README-2 asks (the project's own seeded generator cannot draw torch's).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, normalizeConfig } from '../../src/engine';
import { createStepper, implementations } from '../../src/optim/impl';
import { hyperOf, normalizeOptimizerConfig, optimizers, type StepEnv } from '../../src/optim';
import { defaultSurfaceParams, getSurface, makeObjective } from '../../src/surfaces';
import { casesOf, describeCase, runPlainCase, TOL, worstDifference, type Reference2Case } from './reference2';

const MINE = ['lbfgs', 'sam', 'shampoo', 'schedulefree'] as const;
const cases = MINE.flatMap((n) => casesOf(n));
const injected = (c: Reference2Case) => c.batches !== undefined || c.noise !== undefined;

/** Replays a case with its recorded batches or noise: the engine's loop, with this step's env. */
function replay(c: Reference2Case): { path: Float64Array; loss: Float64Array } {
  const def = getSurface(c.surface.name);
  if (!def) throw new Error(c.surface.name);
  const obj = makeObjective(def, { ...defaultSurfaceParams(def), ...c.surface.params }, c.surface.l2 ?? 0);
  const opt = normalizeOptimizerConfig(c.optimizer);
  const stepper = implementations[opt.name].create(hyperOf(opt), 2);
  let k = 0;
  let idx = new Int32Array(0);
  const env: StepEnv = {
    n: 2,
    evaluate(theta, g) {
      let f: number;
      if (c.batches) {
        obj.batchGrad(theta[0], theta[1], idx, 0, idx.length, g);
        f = 0;
        for (let i = 0; i < idx.length; i++) f += obj.sampleLoss(idx[i], theta[0], theta[1]);
        f /= idx.length;
      } else {
        f = obj.valueGrad(theta[0], theta[1], g);
      }
      if (c.noise) {
        g[0] += c.noise[k][0];
        g[1] += c.noise[k][1];
      }
      return f;
    },
    hessian() {
      throw new Error('not needed');
    },
  };
  const p = Float64Array.from(c.start);
  const g = new Float64Array(2);
  const path = new Float64Array(2 * (c.steps + 1));
  const loss = new Float64Array(c.steps + 1);
  for (k = 0; ; k++) {
    path[2 * k] = p[0];
    path[2 * k + 1] = p[1];
    loss[k] = obj.value(p[0], p[1]);
    if (k === c.steps) break;
    if (c.batches) idx = Int32Array.from(c.batches[k]);
    env.evaluate(p, g);
    expect(stepper.step(p, g, env)).toBeNull();
  }
  return { path, loss };
}

describe('lbfgs, sam, shampoo and schedulefree reproduce torch-reference-2.json to 1e-9', () => {
  it('has cases for all four, two of them with injected batches or noise', () => {
    expect(new Set(cases.map((c) => c.optimizer.name))).toEqual(new Set(MINE));
    expect(cases.length).toBe(11);
    expect(cases.filter(injected).length).toBe(2);
  });

  it.each(cases.filter((c) => !injected(c)).map((c) => [describeCase(c), c] as const))('engine: %s', (_l, c) => {
    const run = runPlainCase(c);
    expect(run.status).toBe('ok');
    expect(run.loss.length).toBe(c.steps + 1);
    const { worst, at } = worstDifference(run.path, run.loss, c);
    expect(worst, `largest difference ${worst} at step ${at}`).toBeLessThanOrEqual(TOL);
  });

  it.each(cases.map((c) => [describeCase(c), c] as const))('injected batches and noise: %s', (_l, c) => {
    const { path, loss } = replay(c);
    const { worst, at } = worstDifference(path, loss, c);
    expect(worst, `largest difference ${worst} at step ${at}`).toBeLessThanOrEqual(TOL);
  });

  it('a hyperparameter off by 1e-8 relative is caught (the comparison can fail)', () => {
    const c = cases.find((x) => x.optimizer.name === 'shampoo' && x.optimizer.lr === 0.5);
    expect(c).toBeDefined();
    if (!c) return;
    const off = replay({ ...c, optimizer: { ...c.optimizer, lr: 0.5 * (1 + 1e-8) } });
    expect(worstDifference(off.path, off.loss, c).worst).toBeGreaterThan(TOL);
  });
});

describe('their defaults and validation, as torch and the references', () => {
  it('fills in torch’s defaults, maxEval = ⌊maxIter·5/4⌋ unless given', () => {
    expect(normalizeOptimizerConfig({ name: 'lbfgs' })).toEqual({
      name: 'lbfgs',
      lr: 1,
      maxIter: 1,
      maxEval: 1,
      toleranceGrad: 1e-7,
      toleranceChange: 1e-9,
      historySize: 100,
      lineSearch: 'none',
    });
    expect(normalizeOptimizerConfig({ name: 'lbfgs', maxIter: 20 }).maxEval).toBe(25);
    expect(normalizeOptimizerConfig({ name: 'lbfgs', maxIter: 7 }).maxEval).toBe(8);
    expect(normalizeOptimizerConfig({ name: 'lbfgs', maxIter: 20, maxEval: 3 }).maxEval).toBe(3);
    expect(normalizeOptimizerConfig({ name: 'sam' })).toEqual({ name: 'sam', rho: 0.05, adaptive: false, base: { name: 'gd', lr: 0.1, weightDecay: 0 } });
    expect(normalizeOptimizerConfig({ name: 'shampoo' })).toEqual({ name: 'shampoo', lr: 0.1, eps: 1e-4 });
    expect(normalizeOptimizerConfig({ name: 'schedulefree' })).toEqual({
      name: 'schedulefree',
      lr: 0.0025,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      warmupSteps: 0,
      r: 0,
      weightLrPower: 2,
    });
  });

  it('keys SAM does not have go to its base, as davda54’s SAM(…, **kwargs) passes them', () => {
    expect(normalizeOptimizerConfig({ name: 'sam', lr: 0.05 }).base).toEqual({ name: 'gd', lr: 0.05, weightDecay: 0 });
    expect(normalizeOptimizerConfig({ name: 'sam', rho: 0.1, base: { name: 'momentum' }, lr: 0.02, momentum: 0.5 })).toEqual({
      name: 'sam',
      rho: 0.1,
      adaptive: false,
      base: { name: 'momentum', lr: 0.02, momentum: 0.5, dampening: 0, weightDecay: 0 },
    });
    // An explicit base entry's own value wins over a forwarded one.
    expect(normalizeOptimizerConfig({ name: 'sam', base: { name: 'adam', lr: 0.3 }, lr: 0.05 }).base).toMatchObject({ lr: 0.3 });
  });

  it('SAM’s base is a whole optimizer entry, with its own defaults and checks', () => {
    expect(normalizeOptimizerConfig({ name: 'sam', base: { name: 'adam', lr: 0.05 } }).base).toEqual(normalizeOptimizerConfig({ name: 'adam', lr: 0.05 }));
    expect(normalizeOptimizerConfig({ name: 'sam', base: { name: 'nesterov', momentum: 0.5 } }).base).toEqual({ name: 'nesterov', lr: 0.01, momentum: 0.5, weightDecay: 0 });
  });

  const bad: [string, unknown, RegExp][] = [
    ['lbfgs lineSearch', { name: 'lbfgs', lineSearch: 'backtracking' }, /^optimizers\[0\]\.lineSearch: must be one of "none", "strong_wolfe"/],
    ['lbfgs maxIter 0', { name: 'lbfgs', maxIter: 0 }, /^optimizers\[0\]\.maxIter: must be ≥ 1/],
    ['lbfgs maxIter 1.5', { name: 'lbfgs', maxIter: 1.5 }, /^optimizers\[0\]\.maxIter: must be a whole number/],
    ['lbfgs historySize 0', { name: 'lbfgs', historySize: 0 }, /^optimizers\[0\]\.historySize/],
    ['lbfgs toleranceGrad −1', { name: 'lbfgs', toleranceGrad: -1 }, /^optimizers\[0\]\.toleranceGrad/],
    ['sam rho −0.1 (torch asserts rho ≥ 0)', { name: 'sam', rho: -0.1 }, /^optimizers\[0\]\.rho: must be ≥ 0/],
    ['sam over sam', { name: 'sam', base: { name: 'sam' } }, /^optimizers\[0\]\.base\.name: cannot be sam/],
    ['sam over lbfgs', { name: 'sam', base: { name: 'lbfgs' } }, /^optimizers\[0\]\.base\.name: cannot be lbfgs/],
    ['sam over newton', { name: 'sam', base: { name: 'newton' } }, /^optimizers\[0\]\.base\.name: cannot be newton/],
    ['sam over schedulefree', { name: 'sam', base: { name: 'schedulefree' } }, /^optimizers\[0\]\.base\.name: cannot be schedulefree/],
    ['sam base with a bad lr', { name: 'sam', base: { name: 'adam', lr: -1 } }, /^optimizers\[0\]\.base\.lr: must be > 0/],
    ['sam base not an entry', { name: 'sam', base: 'adam' }, /^optimizers\[0\]\.base: must be an object/],
    ['sam with a key neither it nor its base has', { name: 'sam', betas: [0.9, 0.99] }, /^optimizers\[0\]\.base\.betas: unknown hyperparameter for gd/],
    ['shampoo eps 0 (H must start positive definite)', { name: 'shampoo', eps: 0 }, /^optimizers\[0\]\.eps: must be > 0/],
    ['schedulefree β₁ = 0 (x = lerp(y, z, 1 − 1/β₁))', { name: 'schedulefree', betas: [0, 0.999] }, /^optimizers\[0\]\.betas\[0\]: must be > 0/],
    ['schedulefree warmupSteps 2.5', { name: 'schedulefree', warmupSteps: 2.5 }, /^optimizers\[0\]\.warmupSteps: must be a whole number/],
    ['schedulefree r −1', { name: 'schedulefree', r: -1 }, /^optimizers\[0\]\.r: must be ≥ 0/],
  ];
  it.each(bad)('rejects %s, naming the field', (_l, entry, message) => {
    let error: unknown = null;
    try {
      normalizeConfig({ surface: { name: 'rosenbrock' }, optimizers: [entry] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(message);
  });

  it('a schedule’s lr on SAM is its base’s, and SAM takes the gradient again at θ + e on the same env', () => {
    const s = createStepper({ name: 'sam', rho: 0.5, base: { name: 'gd', lr: 0.1 } });
    expect(s.lr).toBe(0.1);
    s.lr = 0.2;
    const seen: number[][] = [];
    const env: StepEnv = {
      n: 2,
      evaluate(theta, g) {
        seen.push([theta[0], theta[1]]);
        g[0] = 2 * theta[0];
        g[1] = 2 * theta[1];
        return theta[0] ** 2 + theta[1] ** 2;
      },
      hessian() {},
    };
    const p = new Float64Array([3, 4]);
    s.step(p, new Float64Array([6, 8]), env);
    // e = ρ·g/(‖g‖ + 1e−12) ≈ (0.3, 0.4); g' = 2(θ + e); θ ← θ − 0.2·g'
    const k = 0.5 / (10 + 1e-12);
    const q = [3 + 6 * k, 4 + 8 * k];
    expect(seen).toEqual([q]);
    expect([...p]).toEqual([3 - 0.2 * (2 * q[0]), 4 - 0.2 * (2 * q[1])]);
    expect(s.t).toBe(1);
  });

  it('schedule-free AdamW’s setMomentum changes β₁ from the next step on (OneCycle’s cycleMomentum)', () => {
    const env: StepEnv = {
      n: 2,
      evaluate(theta, g) {
        g[0] = theta[0];
        g[1] = 10 * theta[1];
        return 0;
      },
      hessian() {},
    };
    // x_t = (1 − c)·x_{t−1} + c·z_t does not involve β₁; y, where the next gradient is taken, does.
    const run = (b1: number | null) => {
      const s = createStepper({ name: 'schedulefree', lr: 0.1 });
      const p = new Float64Array([1, 1]);
      s.step(p, new Float64Array(2), env);
      if (b1 !== null) s.setMomentum?.(b1);
      s.step(p, new Float64Array(2), env);
      s.step(p, new Float64Array(2), env);
      return [...p];
    };
    expect(run(0.9)).toEqual(run(null));
    expect(run(0.5)).not.toEqual(run(null));
    expect(typeof createStepper({ name: 'schedulefree' }).setMomentum).toBe('function');
  });

  it('L-BFGS with strong Wolfe evaluates the closure several times in one step, and does not move at a stationary point', () => {
    const s = createStepper({ name: 'lbfgs', maxIter: 5, lineSearch: 'strong_wolfe' });
    let evals = 0;
    const env: StepEnv = {
      n: 2,
      evaluate(theta, g) {
        evals++;
        const [x, y] = theta;
        g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        g[1] = 200 * (y - x * x);
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
      },
      hessian() {},
    };
    const p = new Float64Array([-1.5, 2]);
    s.step(p, new Float64Array(2), env);
    expect(evals).toBeGreaterThan(5);
    const at = new Float64Array([1, 1]);
    const still = createStepper({ name: 'lbfgs' });
    still.step(at, new Float64Array(2), env);
    expect([...at]).toEqual([1, 1]);
  });
});
