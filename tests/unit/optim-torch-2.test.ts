/**
 * The optimizers of CONTRACT §5 (issue 13: lbfgs, sam, shampoo, schedulefree) against
 * torch-reference-2.json (torch 1.13, float64; see its README). Cases without a sample order or
 * noise run through the engine as a CLI config would; the others get their recorded batches and
 * noise injected into the same registry steppers through a StepEnv, as README-2 asks.
 */
import { describe, expect, it } from 'vitest';
import reference from '../fixtures/torch-reference-2.json';
import { normalizeConfig, runComparison } from '../../src/engine';
import { hyperOf, normalizeOptimizerConfig, optimizers, type StepEnv } from '../../src/optim';
import { defaultSurfaceParams, getSurface, makeObjective } from '../../src/surfaces';

interface Case {
  surface: { name: string; params?: Record<string, number>; l2?: number; noise?: number };
  optimizer: Record<string, unknown> & { name: string };
  start: [number, number];
  steps: number;
  path: [number, number][];
  loss: number[];
  batches?: number[][];
  noise?: [number, number][];
}

const MINE = ['lbfgs', 'sam', 'shampoo', 'schedulefree'];
const cases = (reference.trajectories as unknown as Case[]).filter((c) => MINE.includes(c.optimizer.name));
const injected = (c: Case) => c.batches !== undefined || c.noise !== undefined;

/** Largest difference over the path: coordinates absolute, losses relative above 1 (README-2). */
function worstDifference(c: Case, path: ArrayLike<number>, loss: ArrayLike<number>): { worst: number; at: number } {
  let worst = 0;
  let at = -1;
  for (let k = 0; k <= c.steps; k++) {
    const d = Math.max(
      Math.abs(path[2 * k] - c.path[k][0]),
      Math.abs(path[2 * k + 1] - c.path[k][1]),
      Math.abs(loss[k] - c.loss[k]) / Math.max(1, Math.abs(c.loss[k])),
    );
    if (!(d <= worst)) {
      worst = d;
      at = k;
    }
  }
  return { worst, at };
}

/** Replays a case with its recorded batches or noise: the engine's loop, with this step's env. */
function replay(c: Case): { path: Float64Array; loss: Float64Array } {
  const def = getSurface(c.surface.name);
  if (!def) throw new Error(c.surface.name);
  const obj = makeObjective(def, { ...defaultSurfaceParams(def), ...c.surface.params }, c.surface.l2 ?? 0);
  const opt = normalizeOptimizerConfig(c.optimizer);
  const stepper = optimizers[opt.name].create(hyperOf(opt), 2);
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
    expect(cases.filter(injected).length).toBe(2);
  });

  it.each(cases.filter((c) => !injected(c)).map((c) => [`${JSON.stringify(c.optimizer)} on ${JSON.stringify(c.surface)}`, c] as const))(
    'engine: %s',
    (_l, c) => {
      const config = normalizeConfig({ surface: c.surface, optimizers: [c.optimizer], start: c.start, steps: c.steps });
      const [run] = runComparison(config).runs;
      expect(run.status).toBe('ok');
      expect(run.loss.length).toBe(c.steps + 1);
      const { worst, at } = worstDifference(c, run.path, run.loss);
      expect(worst, `largest difference ${worst} at step ${at}`).toBeLessThanOrEqual(1e-9);
    },
  );

  it.each(cases.map((c) => [`${JSON.stringify(c.optimizer)} on ${JSON.stringify(c.surface)}`, c] as const))('injected env: %s', (_l, c) => {
    const { path, loss } = replay(c);
    const { worst, at } = worstDifference(c, path, loss);
    expect(worst, `largest difference ${worst} at step ${at}`).toBeLessThanOrEqual(1e-9);
  });

  it('a perturbed hyperparameter is caught (the comparison can fail)', () => {
    const c = cases.find((x) => x.optimizer.name === 'shampoo' && x.optimizer.lr === 0.5);
    expect(c).toBeDefined();
    const off = { ...c!, optimizer: { ...c!.optimizer, lr: 0.5 * (1 + 1e-8) } };
    expect(worstDifference(c!, replay(off).path, replay(off).loss).worst).toBeGreaterThan(1e-9);
  });
});
