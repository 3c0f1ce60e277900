/**
 * CONTRACT §4 against real torch: every trajectory of tests/fixtures/torch-reference-2.json whose
 * racer carries a schedule, clip, ema or its own batchSize is reproduced to 1e-9 in path, loss,
 * lr and ema. Cases with a sample order or simulated noise get torch's (injected, as the
 * fixtures' README says: the project's own seeded generator cannot draw torch's).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, normalizeConfig, runComparison } from '../../src/engine';
import type { Batches } from '../../src/engine/run';
import { recipeKeys } from '../../src/engine/recipe';
import { runCli } from '../../src/cli/cli';
import { traceRacer } from '../../src/engine/trace';
import { explainStep } from '../../src/explain/quantities';
import { resultToJson } from '../../src/export/result';
import { reference2Cases, describeCase, worstDifference, TOL, type Reference2Case } from './reference2';

const recipeCases = reference2Cases.filter((c) => recipeKeys.some((k) => c.optimizer[k] !== undefined));

function injectedBatches(lists: number[][]): Batches {
  const total = lists.reduce((s, b) => s + b.length, 0);
  const order = new Int32Array(total);
  const start = new Int32Array(lists.length);
  const size = new Int32Array(lists.length);
  let at = 0;
  lists.forEach((b, k) => {
    start[k] = at;
    size[k] = b.length;
    order.set(b, at);
    at += b.length;
  });
  return { order, start, size };
}

function runCase(c: Reference2Case) {
  const config = normalizeConfig({ surface: c.surface, optimizers: [c.optimizer], start: c.start, steps: c.steps });
  const inject: { batches?: Batches; noise?: Float64Array } = {};
  if (c.batches) inject.batches = injectedBatches(c.batches);
  if (c.noise) inject.noise = Float64Array.from(c.noise.flat());
  return runComparison(config, { inject }).runs[0];
}

function worstOf(got: ArrayLike<number>, want: number[]): number {
  let w = 0;
  for (let i = 0; i < want.length; i++) w = Math.max(w, Math.abs(got[i] - want[i]) || (got[i] === want[i] ? 0 : Infinity));
  return w;
}

describe('torch-reference-2: the training recipe (§4)', () => {
  it('has the cases of every piece of §4', () => {
    const names = new Set(recipeCases.flatMap((c) => recipeKeys.filter((k) => c.optimizer[k] !== undefined)));
    expect([...names].sort()).toEqual(['batchSize', 'clip', 'ema', 'schedule']);
    const schedules = new Set(recipeCases.map((c) => (c.optimizer.schedule as { name?: string } | undefined)?.name).filter(Boolean));
    expect([...schedules].sort()).toEqual(['cosine', 'exponential', 'linear', 'multistep', 'onecycle', 'sequential', 'step']);
    expect(recipeCases.length).toBeGreaterThanOrEqual(17);
  });

  for (const c of recipeCases) {
    it(describeCase(c), () => {
      const run = runCase(c);
      expect(run.status).toBe('ok');
      expect(run.path.length).toBe(2 * (c.steps + 1));
      const { worst, at } = worstDifference(run.path, run.loss, c);
      expect(worst, `worst at point ${at}`).toBeLessThanOrEqual(TOL);
      if (c.lr) {
        expect(run.lr).toBeDefined();
        expect(run.lr!.length).toBe(c.steps + 1);
        expect(worstOf(run.lr!, c.lr)).toBeLessThanOrEqual(TOL);
      } else {
        expect(run.lr).toBeUndefined();
      }
      if (c.ema) {
        expect(run.ema).toBeDefined();
        expect(run.ema!.length).toBe(2 * (c.steps + 1));
        expect(worstOf(run.ema!, c.ema.flat())).toBeLessThanOrEqual(TOL);
      } else {
        expect(run.ema).toBeUndefined();
      }
    });
  }
});

describe('recipe validation names the field', () => {
  const base = { surface: { name: 'rosenbrock' }, steps: 100 };
  const bad: [string, Record<string, unknown>, string][] = [
    ['cosine without tMax', { name: 'adam', schedule: { name: 'cosine' } }, 'optimizers[0].schedule.tMax'],
    ['cosine tMax 0', { name: 'adam', schedule: { name: 'cosine', tMax: 0 } }, 'optimizers[0].schedule.tMax'],
    ['unknown schedule', { name: 'adam', schedule: { name: 'warmup' } }, 'optimizers[0].schedule.name'],
    ['unknown schedule field', { name: 'adam', schedule: { name: 'step', stepSize: 3, gama: 0.5 } }, 'optimizers[0].schedule.gama'],
    ['step without stepSize', { name: 'gd', schedule: { name: 'step' } }, 'optimizers[0].schedule.stepSize'],
    ['multistep not increasing', { name: 'gd', schedule: { name: 'multistep', milestones: [50, 20] } }, 'optimizers[0].schedule.milestones[1]'],
    ['exponential gamma 0', { name: 'gd', schedule: { name: 'exponential', gamma: 0 } }, 'optimizers[0].schedule.gamma'],
    ['linear startFactor 0 (torch divides by zero)', { name: 'gd', schedule: { name: 'linear', startFactor: 0 } }, 'optimizers[0].schedule.startFactor'],
    ['linear endFactor > 1', { name: 'gd', schedule: { name: 'linear', endFactor: 2 } }, 'optimizers[0].schedule.endFactor'],
    ['onecycle without maxLr', { name: 'adam', schedule: { name: 'onecycle', totalSteps: 100 } }, 'optimizers[0].schedule.maxLr'],
    ['onecycle without totalSteps', { name: 'adam', schedule: { name: 'onecycle', maxLr: 0.1 } }, 'optimizers[0].schedule.totalSteps'],
    ['onecycle totalSteps < steps', { name: 'adam', schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 99 } }, 'optimizers[0].schedule.totalSteps'],
    ['onecycle bad annealStrategy', { name: 'adam', schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 100, annealStrategy: 'cosine' } }, 'optimizers[0].schedule.annealStrategy'],
    ['onecycle cycleMomentum on adagrad', { name: 'adagrad', schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 100 } }, 'optimizers[0].schedule.cycleMomentum'],
    ['onecycle cycleMomentum on rprop', { name: 'rprop', schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 100 } }, 'optimizers[0].schedule.cycleMomentum'],
    ['onecycle cycleMomentum on newton', { name: 'newton', schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 100 } }, 'optimizers[0].schedule.cycleMomentum'],
    ['onecycle empty first phase (torch divides by zero)', { name: 'gd', schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 100, pctStart: 0.01 } }, 'optimizers[0].schedule'],
    ['sequential wrong milestones', { name: 'adamw', schedule: { name: 'sequential', schedulers: [{ name: 'linear' }, { name: 'cosine', tMax: 10 }], milestones: [] } }, 'optimizers[0].schedule.milestones'],
    ['sequential inner error', { name: 'adamw', schedule: { name: 'sequential', schedulers: [{ name: 'linear' }, { name: 'cosine', tMax: -1 }], milestones: [5] } }, 'optimizers[0].schedule.schedulers[1].tMax'],
    ['sequential inside sequential', { name: 'adamw', schedule: { name: 'sequential', schedulers: [{ name: 'sequential', schedulers: [{ name: 'linear' }] }] } }, 'optimizers[0].schedule.schedulers[0].name'],
    ['clip with both', { name: 'gd', clip: { norm: 1, value: 1 } }, 'optimizers[0].clip'],
    ['clip norm 0', { name: 'gd', clip: { norm: 0 } }, 'optimizers[0].clip.norm'],
    ['clip value negative', { name: 'gd', clip: { value: -1 } }, 'optimizers[0].clip.value'],
    ['ema 1', { name: 'gd', ema: 1 }, 'optimizers[0].ema'],
    ['ema 0', { name: 'gd', ema: 0 }, 'optimizers[0].ema'],
    ['batchSize 0', { name: 'gd', batchSize: 0 }, 'optimizers[0].batchSize'],
  ];
  for (const [what, opt, field] of bad) {
    it(what, () => {
      let err: unknown;
      try {
        normalizeConfig({ ...base, optimizers: [{ name: 'gd' }, opt] as unknown[] });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).field).toBe(field.replace('optimizers[0]', 'optimizers[1]'));
    });
  }

  it('batchSize is bounded by the dataset on a data surface', () => {
    expect(() => normalizeConfig({ surface: { name: 'linreg' }, optimizers: [{ name: 'gd', batchSize: 65 }] })).toThrow(/optimizers\[0\]\.batchSize/);
  });

  it('fills in torch defaults and leaves a config without a recipe as it was', () => {
    const c = normalizeConfig({ ...base, optimizers: [{ name: 'gd' }, { name: 'adam', schedule: { name: 'linear' }, clip: { norm: 1 } }] });
    expect(c.recipes).toEqual([{}, { schedule: { name: 'linear', startFactor: 1 / 3, endFactor: 1, totalIters: 5 }, clip: { norm: 1 } }]);
    const o = normalizeConfig({ ...base, steps: 50, optimizers: [{ name: 'momentum', schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 50 } }] });
    expect(o.recipes?.[0].schedule).toEqual({
      name: 'onecycle', maxLr: 0.1, totalSteps: 50, pctStart: 0.3, annealStrategy: 'cos', divFactor: 25, finalDivFactor: 1e4,
      threePhase: false, cycleMomentum: true, baseMomentum: 0.85, maxMomentum: 0.95,
    });
    expect(normalizeConfig({ ...base, optimizers: [{ name: 'gd' }] }).recipes).toBeUndefined();
  });

  it('onecycle without cycleMomentum is allowed on adagrad', () => {
    expect(() => normalizeConfig({ ...base, optimizers: [{ name: 'adagrad', schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 100, cycleMomentum: false } }] })).not.toThrow();
  });
});

describe('per-racer batch size', () => {
  it('B = 1, 8 and n cut the same epoch permutations', () => {
    const config = normalizeConfig({
      surface: { name: 'linreg' },
      optimizers: [{ name: 'gd', lr: 0.01, batchSize: 1 }, { name: 'gd', lr: 0.01, batchSize: 8 }, { name: 'gd', lr: 0.01, batchSize: 64 }],
      steps: 200,
      seed: 7,
    });
    const [b1, b8, bn] = runComparison(config).runs.map((r) => r.batches);
    expect(bn).toBeNull();
    const sample = (b: Batches, s: number) => Array.from(b.order.subarray(b.start[s], b.start[s] + b.size[s]));
    // Epoch 0 and epoch 1 of B = 1 (64 steps each) are epochs 0 and 1 of B = 8 (8 steps each).
    const n = 64;
    for (const e of [0, 1, 2]) {
      const one = Array.from({ length: n }, (_, j) => sample(b1!, e * n + j)[0]);
      const eight = Array.from({ length: 8 }, (_, j) => sample(b8!, e * 8 + j)).flat();
      expect(eight).toEqual(one);
      expect([...one].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('a racer with the top-level batch size is the plain run', () => {
    const raw = { surface: { name: 'logreg' }, optimizers: [{ name: 'adam', lr: 0.05 }], batchSize: 10, steps: 80, seed: 3 };
    const plain = runComparison(normalizeConfig(raw)).runs[0];
    const own = runComparison(normalizeConfig({ ...raw, batchSize: 100, optimizers: [{ name: 'adam', lr: 0.05, batchSize: 10 }] })).runs[0];
    expect(Array.from(own.path)).toEqual(Array.from(plain.path));
  });

  it('simulated noise is the same ξ scaled by the racer’s own σ/√B', () => {
    const raw = { surface: { name: 'quadratic', noise: 1 }, steps: 30, seed: 5, batchSize: 4 };
    const four = runComparison(normalizeConfig({ ...raw, optimizers: [{ name: 'gd', lr: 0.1 }] })).runs[0];
    const mixed = runComparison(normalizeConfig({ ...raw, batchSize: 1, optimizers: [{ name: 'gd', lr: 0.1, batchSize: 4 }, { name: 'gd', lr: 0.1 }] })).runs;
    expect(Array.from(mixed[0].path)).toEqual(Array.from(four.path));
    expect(Array.from(mixed[1].path)).not.toEqual(Array.from(four.path));
  });
});

describe('recipe outputs with a stride and on divergence', () => {
  it('lr and ema follow the kept points', () => {
    const raw = { surface: { name: 'beale' }, steps: 50, optimizers: [{ name: 'adam', lr: 0.05, schedule: { name: 'cosine', tMax: 50 }, ema: 0.9 }] };
    const full = runComparison(normalizeConfig(raw)).runs[0];
    const strided = runComparison(normalizeConfig({ ...raw, stride: 7 })).runs[0];
    expect(Array.from(strided.index)).toEqual([0, 7, 14, 21, 28, 35, 42, 49, 50]);
    strided.index.forEach((k, j) => {
      expect(strided.lr![j]).toBe(full.lr![k]);
      expect(strided.ema![2 * j]).toBe(full.ema![2 * k]);
      expect(strided.ema![2 * j + 1]).toBe(full.ema![2 * k + 1]);
    });
  });

  it('a diverged run has lr and ema as long as its path', () => {
    const r = runComparison(normalizeConfig({ surface: { name: 'rosenbrock' }, steps: 100, optimizers: [{ name: 'gd', lr: 0.01, schedule: { name: 'exponential', gamma: 1.01 }, ema: 0.5 }] })).runs[0];
    expect(r.status).toBe('diverged');
    expect(r.lr!.length).toBe(r.loss.length);
    expect(r.ema!.length).toBe(r.path.length);
  });

  it('marks the steps where clipping changed the gradient', () => {
    const r = runComparison(normalizeConfig({ surface: { name: 'rosenbrock' }, steps: 40, optimizers: [{ name: 'gd', lr: 0.001, clip: { norm: 1 } }] })).runs[0];
    expect(r.clipped!.length).toBe(40);
    expect(r.clipped![0]).toBe(1); // ‖∇f(−1.5, 2)‖ ≫ 1
    const unclipped = runComparison(normalizeConfig({ surface: { name: 'quadratic' }, start: [0.1, 0.1], steps: 10, optimizers: [{ name: 'gd', lr: 0.1, clip: { norm: 100 } }] })).runs[0];
    expect(Array.from(unclipped.clipped!)).toEqual(new Array(10).fill(0));
  });
});

describe('the CLI with a recipe', () => {
  function cli(config: unknown) {
    let stdout = '';
    const errors: string[] = [];
    const status = runCli(['run', '--config', '-'], { read: () => JSON.stringify(config), write: (c) => void (stdout += c), error: (l) => void errors.push(l) });
    return { status, stdout, errors };
  }

  it('prints lr and ema per run, the racer entry with its recipe, and each racer’s own batches', () => {
    const r = cli({
      surface: { name: 'linreg' },
      optimizers: [
        { name: 'gd', lr: 0.01, batchSize: 8, schedule: { name: 'cosine', tMax: 20 }, ema: 0.9 },
        { name: 'adam', lr: 0.01, clip: { norm: 1 } },
      ],
      batchSize: 32,
      steps: 20,
    });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const [a, b] = out.runs;
    expect(a.optimizer).toEqual({ name: 'gd', lr: 0.01, weightDecay: 0, batchSize: 8, schedule: { name: 'cosine', tMax: 20, etaMin: 0 }, ema: 0.9 });
    expect(a.lr).toHaveLength(21);
    expect(a.lr[0]).toBe(0.01);
    expect(a.ema).toHaveLength(21);
    expect(a.ema[0]).toEqual(a.path[0]);
    expect(a.ema[1]).toEqual(a.path[1]);
    expect(a.batches.map((x: number[]) => x.length)).toEqual(new Array(20).fill(8));
    expect(b.batches.map((x: number[]) => x.length)).toEqual(new Array(20).fill(32));
    expect(b.optimizer.clip).toEqual({ norm: 1 });
    expect(b.lr).toBeUndefined();
    expect(b.ema).toBeUndefined();
    // Streaming and the page's JSON export write the same text.
    // Its racer entries are configs again: fed back, they give the same text.
    const again = { surface: out.surface, start: out.start, steps: out.steps, batchSize: out.batchSize, seed: out.seed, stride: out.stride, optimizers: out.runs.map((x: { optimizer: unknown }) => x.optimizer) };
    expect(r.stdout.trimEnd()).toBe(resultToJson(runComparison(normalizeConfig(again))));
  });

  it('exits 2 with one line naming the field', () => {
    const r = cli({ surface: { name: 'beale' }, optimizers: [{ name: 'adam', schedule: { name: 'sequential', schedulers: [{ name: 'linear' }, { name: 'cosine' }], milestones: [10] } }] });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/optimizers\[0\]\.schedule\.schedulers\[1\]\.tMax/);
  });
});

describe('a normalised config with recipes', () => {
  it('normalises to itself', () => {
    const c = normalizeConfig({
      surface: { name: 'linreg' },
      optimizers: [{ name: 'adamw', schedule: { name: 'sequential', schedulers: [{ name: 'linear' }, { name: 'cosine', tMax: 10 }], milestones: [5] }, clip: { value: 2 }, ema: 0.9, batchSize: 4 }, { name: 'gd' }],
      steps: 30,
    });
    expect(normalizeConfig(c)).toEqual(c);
    expect(() => normalizeConfig({ ...c, recipes: [{}] })).toThrow(/^recipes/);
  });
});

describe('the explanation of a scheduled, clipped racer', () => {
  it('shows this step’s lr and explains the step with it and with the clipped gradient', () => {
    const config = normalizeConfig({ surface: { name: 'rosenbrock' }, steps: 30, optimizers: [{ name: 'gd', lr: 0.001, schedule: { name: 'linear', startFactor: 0.1, totalIters: 10 }, clip: { norm: 1 } }] });
    const tr = traceRacer(config, 0);
    const trace = { ...tr, optimizer: config.optimizers[0], path: tr.run.path, hessian: null, lr: tr.run.lr };
    for (const t of [1, 5, 20]) {
      const ex = explainStep(trace, t);
      const lrRow = ex.quantities.find((q) => q.id === 'lrNow');
      expect(lrRow?.value).toEqual({ kind: 'num', v: tr.run.lr![t - 1] });
      const g = ex.quantities.find((q) => q.id === 'gradClipped')!.value as { v: [number, number] };
      expect(Math.hypot(...g.v)).toBeLessThanOrEqual(1); // the clipped gradient, which the step used
      const step = ex.quantities.find((q) => q.id === 'step')!.value as { v: [number, number] };
      expect(step.v[0]).toBeCloseTo(-tr.run.lr![t - 1] * g.v[0], 15);
      expect(step.v[1]).toBeCloseTo(-tr.run.lr![t - 1] * g.v[1], 15);
    }
  });
});
