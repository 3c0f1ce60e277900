import { describe, expect, it } from 'vitest';
import reference from '../fixtures/torch-reference-2.json';
import { createStepper, normalizeOptimizerConfig, type StepEnv } from '../../src/optim';
import type { Evaluator } from '../../src/optim/env';
import { LbfgsStepper } from '../../src/optim/lbfgs';
import { SamKernel } from '../../src/optim/sam';
import { ScheduleFreeKernel } from '../../src/optim/schedulefree';
import { ShampooKernel } from '../../src/optim/shampoo';
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

const cases = (reference.trajectories as unknown as Case[]).filter((c) =>
  ['lbfgs', 'sam', 'shampoo', 'schedulefree'].includes(c.optimizer.name),
);

function objectiveOf(c: Case) {
  const def = getSurface(c.surface.name);
  if (!def) throw new Error(c.surface.name);
  return makeObjective(def, { ...defaultSurfaceParams(def), ...c.surface.params }, c.surface.l2 ?? 0);
}

/** The env of step k: this step's batch (mean of the per-sample losses) and noise. */
function envFor(c: Case, obj: ReturnType<typeof objectiveOf>) {
  let k = 0;
  let idx = new Int32Array(0);
  const env: Evaluator & { at(step: number): void } = {
    at(step) {
      k = step;
      if (c.batches) idx = Int32Array.from(c.batches[k]);
    },
    evaluate(theta, g) {
      if (c.batches) {
        obj.batchGrad(theta[0], theta[1], idx, 0, idx.length, g);
        let s = 0;
        for (let i = 0; i < idx.length; i++) s += obj.sampleLoss(idx[i], theta[0], theta[1]);
        return s / idx.length;
      }
      const f = obj.valueGrad(theta[0], theta[1], g);
      if (c.noise) {
        g[0] += c.noise[k][0];
        g[1] += c.noise[k][1];
      }
      return f;
    },
  };
  return env;
}

type Step = (p: Float64Array, g: Float64Array, env: Evaluator) => unknown;

function stepperFor(c: Case): Step {
  const o = c.optimizer as Record<string, any>;
  switch (o.name) {
    case 'lbfgs': {
      const maxIter = o.maxIter ?? 1;
      const s = new LbfgsStepper(2, {
        lr: o.lr ?? 1,
        maxIter,
        maxEval: o.maxEval ?? Math.floor((maxIter * 5) / 4),
        toleranceGrad: o.toleranceGrad ?? 1e-7,
        toleranceChange: o.toleranceChange ?? 1e-9,
        historySize: o.historySize ?? 100,
        lineSearch: o.lineSearch ?? 'none',
      });
      return (p, g, env) => s.step(p, g, env);
    }
    case 'shampoo': {
      const s = new ShampooKernel(2, o.lr ?? 0.1, o.eps ?? 1e-4);
      return (p, g) => s.step(p, g);
    }
    case 'schedulefree': {
      const s = new ScheduleFreeKernel(2, {
        lr: o.lr ?? 0.0025,
        betas: o.betas ?? [0.9, 0.999],
        eps: o.eps ?? 1e-8,
        weightDecay: o.weightDecay ?? 0,
        warmupSteps: o.warmupSteps ?? 0,
        r: o.r ?? 0,
        weightLrPower: o.weightLrPower ?? 2,
      });
      return (p, g, env) => s.step(p, g, env);
    }
    case 'sam': {
      const base = createStepper(normalizeOptimizerConfig(o.base ?? { name: 'gd', lr: 0.1 }));
      const env: StepEnv = { n: 2, evaluate: () => NaN, hessian: () => {} };
      const s = new SamKernel(2, { step: (p: Float64Array, g: Float64Array) => base.step(p, g, env) }, o.rho ?? 0.05, o.adaptive ?? false);
      return (p, g, env) => s.step(p, g, env);
    }
  }
  throw new Error(o.name);
}

describe('the optimizers of issue 13 reproduce torch-reference-2.json (kernels)', () => {
  it.each(cases.map((c) => [`${c.optimizer.name} ${JSON.stringify(c.optimizer)} on ${JSON.stringify(c.surface)}`, c] as const))(
    '%s',
    (_l, c) => {
      const obj = objectiveOf(c);
      const env = envFor(c, obj);
      const step = stepperFor(c);
      const p = Float64Array.from(c.start);
      const g = new Float64Array(2);
      let worst = 0;
      let worstAt = 0;
      for (let k = 0; k <= c.steps; k++) {
        const f = obj.value(p[0], p[1]);
        const ref = c.path[k];
        const d = Math.max(Math.abs(p[0] - ref[0]), Math.abs(p[1] - ref[1]), Math.abs(f - c.loss[k]) / Math.max(1, Math.abs(c.loss[k])));
        if (!(d <= worst)) {
          worst = d;
          worstAt = k;
        }
        if (k === c.steps) break;
        env.at(k);
        env.evaluate(p, g);
        step(p, g, env);
      }
      expect(worst, `largest difference ${worst} at step ${worstAt}`).toBeLessThanOrEqual(1e-9);
    },
  );
});
