/**
 * CONTRACT §4, "Rules where torch leaves a choice or raises", for the optimizers of §5: SAM's
 * schedule drives its base and its clip acts on the second gradient; L-BFGS refuses clip;
 * schedule-free's EMA averages x, the drawn path, and its clip acts on the gradient at y. (Real
 * torch replays these scenes in tests/unit/export-recipe.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli';
import { ConfigError, normalizeConfig, runComparison } from '../../src/engine';
import { scheduleLrs } from '../../src/engine/schedule';
import type { Stepper } from '../../src/optim';

function fieldOf(config: unknown): string | null {
  try {
    normalizeConfig(config);
    return null;
  } catch (e) {
    if (e instanceof ConfigError) return e.field;
    throw e;
  }
}

function cli(config: unknown) {
  let stdout = '';
  const errors: string[] = [];
  const status = runCli(['run', '--config', '-'], { read: () => JSON.stringify(config), write: (c) => void (stdout += c), error: (l) => void errors.push(l) });
  return { status, stdout, errors };
}

const norm = (v: ArrayLike<number>) => Math.hypot(v[0], v[1]);

/** Every step's given gradient and the stepper's state after it. */
function traced(config: unknown): { g: number[][]; state: number[][]; clipped: Uint8Array | undefined; path: Float64Array; ema?: Float64Array; lr?: Float64Array } {
  const g: number[][] = [];
  const state: number[][] = [];
  const c = normalizeConfig(config);
  const r = runComparison(c, {
    onStep: (_k: number, _p: Float64Array, grad: Float64Array, s: Stepper) => {
      g.push(Array.from(grad));
      state.push(Array.from(s.state));
    },
  }).runs[0];
  return { g, state, clipped: r.clipped, path: r.path, ema: r.ema, lr: r.lr };
}

describe('L-BFGS and clip', () => {
  it('clip is refused, naming optimizers[i].clip (norm and value)', () => {
    for (const clip of [{ norm: 1 }, { value: 0.5 }]) {
      expect(fieldOf({ surface: { name: 'rosenbrock' }, optimizers: [{ name: 'gd' }, { name: 'lbfgs', clip }] })).toBe('optimizers[1].clip');
    }
    // Its other recipe fields stay allowed.
    expect(fieldOf({ surface: { name: 'linreg' }, optimizers: [{ name: 'lbfgs', batchSize: 8, ema: 0.9, schedule: { name: 'cosine', tMax: 50 } }] })).toBeNull();
  });

  it('the CLI exits 2 with one line naming the field', () => {
    const r = cli({ surface: { name: 'beale' }, optimizers: [{ name: 'lbfgs', clip: { norm: 1 } }] });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^descent: invalid config: optimizers\[0\]\.clip: lbfgs cannot be clipped/);
  });
});

describe('SAM with a recipe', () => {
  it('a schedule on the sam entry drives the base’s lr (it was refused as “a learning rate of NaN”)', () => {
    const schedule = { name: 'cosine', tMax: 30 };
    const t = traced({ surface: { name: 'sharpflat' }, optimizers: [{ name: 'sam', base: { name: 'momentum', lr: 0.02 }, schedule }], steps: 30 });
    expect(Array.from(t.lr!)).toEqual(Array.from(scheduleLrs(normalizeConfig({ surface: { name: 'sharpflat' }, optimizers: [{ name: 'gd', lr: 0.02, schedule }], steps: 30 }).recipes![0].schedule!, 0.02, 30)));
  });

  it('OneCycle cycles the base’s momentum or β₁, and is refused when the base has neither', () => {
    const onecycle = { name: 'onecycle', maxLr: 0.1, totalSteps: 50 };
    expect(fieldOf({ surface: { name: 'sharpflat' }, steps: 50, optimizers: [{ name: 'sam', base: { name: 'adam' }, schedule: onecycle }] })).toBeNull();
    expect(fieldOf({ surface: { name: 'sharpflat' }, steps: 50, optimizers: [{ name: 'sam', base: { name: 'gd' }, schedule: onecycle }] })).toBeNull();
    expect(fieldOf({ surface: { name: 'sharpflat' }, steps: 50, optimizers: [{ name: 'sam', base: { name: 'adagrad' }, schedule: onecycle }] })).toBe('optimizers[0].schedule.cycleMomentum');
  });

  it('clip acts on the second gradient, the one at θ + e that the base steps with, not on the first', () => {
    const clips: ({ norm: number } | { value: number })[] = [{ norm: 0.5 }, { value: 0.3 }];
    for (const clip of clips) {
      const t = traced({ surface: { name: 'sharpflat' }, optimizers: [{ name: 'sam', rho: 0.1, base: { name: 'gd', lr: 0.02 }, clip }], start: [1.3, -0.5], steps: 40 });
      let firstAbove = 0;
      t.g.forEach((g, k) => {
        const g2 = t.state[k].slice(2, 4); // slots e (2), g2 (2)
        if ('norm' in clip) {
          expect(norm(g2)).toBeLessThanOrEqual(clip.norm + 1e-12);
          if (norm(g) > clip.norm * 1.01) firstAbove++;
        } else {
          expect(Math.max(Math.abs(g2[0]), Math.abs(g2[1]))).toBeLessThanOrEqual(clip.value);
          if (Math.max(Math.abs(g[0]), Math.abs(g[1])) > clip.value * 1.01) firstAbove++;
        }
      });
      // The first gradient was left as it was (it only sets e), though larger than the clip.
      expect(firstAbove).toBeGreaterThan(10);
      expect(t.clipped!.reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    }
  });

  it('the step is the base’s with the clipped second gradient', () => {
    const t = traced({ surface: { name: 'sharpflat' }, optimizers: [{ name: 'sam', rho: 0.1, base: { name: 'gd', lr: 0.02 }, clip: { norm: 0.5 } }], start: [1.3, -0.5], steps: 10 });
    for (let k = 0; k < 10; k++) {
      const g2 = t.state[k].slice(2, 4);
      expect(t.path[2 * k + 2]).toBe(t.path[2 * k] - 0.02 * g2[0]);
      expect(t.path[2 * k + 3]).toBe(t.path[2 * k + 1] - 0.02 * g2[1]);
    }
  });
});

describe('schedule-free AdamW with a recipe', () => {
  it('its EMA averages x, the printed path (AveragedModel: the first update copies it)', () => {
    const d = 0.9;
    const t = traced({ surface: { name: 'quadratic', noise: 3 }, optimizers: [{ name: 'schedulefree', lr: 0.2, ema: d }], start: [-3, 2], seed: 4, steps: 60 });
    const ema = t.ema!;
    const path = t.path;
    expect([ema[0], ema[1]]).toEqual([path[0], path[1]]);
    expect([ema[2], ema[3]]).toEqual([path[2], path[3]]);
    let ax = path[2];
    let ay = path[3];
    for (let k = 2; k < path.length / 2; k++) {
      ax = d * ax + (1 - d) * path[2 * k];
      ay = d * ay + (1 - d) * path[2 * k + 1];
      expect([ema[2 * k], ema[2 * k + 1]]).toEqual([ax, ay]);
    }
    // … and not y or z, which the stepper keeps (slots z, y): their averages differ.
    const yLast = t.state.at(-1)!.slice(2, 4);
    expect(yLast).not.toEqual([path.at(-2), path.at(-1)]);
  });

  it('clip acts on the gradient at y (the one the step uses), not on the unused one at x', () => {
    const t = traced({ surface: { name: 'rosenbrock' }, optimizers: [{ name: 'schedulefree', lr: 0.05, clip: { norm: 1 } }], steps: 40 });
    t.state.forEach((s) => expect(norm(s.slice(6, 8))).toBeLessThanOrEqual(1 + 1e-12)); // slot gy after z, y, v
    expect(t.clipped!.reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    // Without the clip the race is another one (on main it was not: the clip fell on the unused gradient).
    const free = runComparison(normalizeConfig({ surface: { name: 'rosenbrock' }, optimizers: [{ name: 'schedulefree', lr: 0.05 }], steps: 40 })).runs[0];
    expect(Array.from(free.path)).not.toEqual(Array.from(t.path));
  });
});

describe('no objective evaluation wasted (the numbers unchanged)', () => {
  it('L-BFGS takes its first closure value from the runner: one evaluation a step fewer', async () => {
    const { LbfgsStepper } = await import('../../src/optim/lbfgs');
    const settings = { lr: 0.1, maxIter: 1, maxEval: 1, toleranceGrad: 1e-7, toleranceChange: 1e-9, historySize: 10, lineSearch: 'none' as const };
    const f = (t: Float64Array, g: Float64Array) => {
      g[0] = 2 * t[0];
      g[1] = 20 * t[1];
      return t[0] * t[0] + 10 * t[1] * t[1];
    };
    let evaluations = 0;
    const counting = { n: 2, evaluate: (t: Float64Array, g: Float64Array) => (evaluations++, f(t, g)), hessian: () => {} };
    const a = new LbfgsStepper(2, settings);
    const b = new LbfgsStepper(2, settings);
    const pa = new Float64Array([1, 1]);
    const pb = new Float64Array([1, 1]);
    const g = new Float64Array(2);
    for (let k = 0; k < 20; k++) {
      const loss = f(pa, g);
      a.step(pa, g, { ...counting, lossAtStart: () => loss });
      b.step(pb, new Float64Array(2), counting); // an env without lossAtStart: evaluates itself
    }
    expect(evaluations).toBe(20); // b's only
    expect(Array.from(pa)).toEqual(Array.from(pb));
  });

  it('schedule-free’s run skips the gradient at x and gives the same bits as a traced run (which computes it)', () => {
    const config = normalizeConfig({ surface: { name: 'linreg' }, optimizers: [{ name: 'schedulefree', lr: 0.05, clip: { norm: 1 }, ema: 0.9 }], batchSize: 8, steps: 80 });
    const plain = runComparison(config).runs[0];
    const withTrace = runComparison(config, { onStep: () => {} }).runs[0];
    expect(Array.from(plain.path)).toEqual(Array.from(withTrace.path));
    expect(Array.from(plain.loss)).toEqual(Array.from(withTrace.loss));
    expect(Array.from(plain.ema!)).toEqual(Array.from(withTrace.ema!));
  });
});
