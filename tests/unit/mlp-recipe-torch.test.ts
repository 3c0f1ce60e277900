/**
 * The network surface's training recipe (CONTRACT §4), the optimizers torch lacks (§5) and one's
 * own data (issue 16), against real PyTorch (torch 1.13, float64): the exported script
 * (src/export/pytorch-mlp.ts: torch schedulers, clip_grad_norm_/value_ over model.parameters(),
 * AveragedModel, the reference classes) is run as `python3 script.py --json`, and every kept loss,
 * accuracy, parameter vector, lr, EMA and EMA loss must match the engine's to 1e-9 (relative above 1).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPyTorchMlp } from '../../src/export/pytorch-mlp';
import { optimizerExpression } from '../../src/export/pytorch';
import { schedulerExpression } from '../../src/export/pytorch-recipe';
import { normalizeMlpConfig, runMlp, type MlpResult } from '../../src/engine/mlp';

function findPython(): string | null {
  for (const c of [process.env.DESCENT_PYTHON, '/usr/bin/python3', 'python3']) {
    if (!c) continue;
    const r = spawnSync(c, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return c;
  }
  return null;
}

function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(b.length).toBe(a.length);
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return w;
}

/** Own data: 40 points of two noisy interleaved arcs (written out, as a CSV would give them). */
function ownData(): { x: [number, number][]; t: number[] } {
  const x: [number, number][] = [];
  const t: number[] = [];
  for (let i = 0; i < 40; i++) {
    const c = i % 2;
    const a = (i * 0.37) % 3.1;
    x.push([Math.round((Math.cos(a) + c * 0.9 - 0.45) * 1000) / 1000, Math.round((Math.sin(a) * (c ? -1 : 1) + c * 0.4) * 1000) / 1000]);
    t.push(c);
  }
  return { x, t };
}

/** Own data with unscaled features, as a CSV gives them (tens, not ones): gradients above 1, so clip 1.0 acts. */
function rawFeatures(): { x: [number, number][]; t: number[] } {
  const x: [number, number][] = [];
  const t: number[] = [];
  for (let i = 0; i < 60; i++) {
    const c = i % 3 === 0 ? 1 : 0;
    x.push([Math.round(((i * 7.3) % 50) + 20 * c), Math.round(((i * 13.1) % 40) + 10 * c)]);
    t.push(c);
  }
  return { x, t };
}

const small = { dataset: 'moons', hidden: [4], activation: 'tanh', samples: 48, dataNoise: 0.1 };

const CASES: Record<string, Record<string, unknown>> = {
  'warm-up + cosine AdamW, clip 1.0, EMA': {
    surface: { name: 'mlp', params: { hidden: [8, 8], activation: 'tanh' }, data: rawFeatures() },
    optimizers: [
      {
        name: 'adamw',
        lr: 0.03,
        weightDecay: 0.01,
        clip: { norm: 1.0 },
        ema: 0.9,
        schedule: {
          name: 'sequential',
          schedulers: [{ name: 'linear', startFactor: 0.1, endFactor: 1, totalIters: 15 }, { name: 'cosine', tMax: 85, etaMin: 0.001 }],
          milestones: [15],
        },
      },
      { name: 'momentum', lr: 0.01, momentum: 0.9, clip: { norm: 0.5 } },
    ],
    steps: 100,
    batchSize: 16,
    seed: 2,
  },
  'SGD at batch sizes 1, 8 and full, clip by value': {
    surface: { name: 'mlp', params: { dataset: 'blobs', hidden: [6], activation: 'relu', samples: 30, dataNoise: 0.2 }, l2: 0.001 },
    optimizers: [
      { name: 'gd', lr: 0.05, batchSize: 1 },
      { name: 'gd', lr: 0.2, batchSize: 8, clip: { value: 0.05 } },
      { name: 'gd', lr: 0.5, batchSize: 30, ema: 0.8 },
    ],
    steps: 90,
    batchSize: 10,
    seed: 4,
    stride: 3,
  },
  'onecycle SGD momentum (momentum cycled), step, exponential, cosine past tMax; L-BFGS scheduled': {
    surface: { name: 'mlp', params: { dataset: 'circles', hidden: [5, 5], activation: 'tanh', samples: 40 } },
    optimizers: [
      { name: 'momentum', lr: 0.1, momentum: 0.9, schedule: { name: 'onecycle', maxLr: 0.5, totalSteps: 80 } },
      { name: 'adam', lr: 0.05, schedule: { name: 'onecycle', maxLr: 0.05, totalSteps: 100, annealStrategy: 'linear', threePhase: true } },
      { name: 'rmsprop', lr: 0.01, schedule: { name: 'step', stepSize: 20, gamma: 0.5 } },
      { name: 'nesterov', lr: 0.1, momentum: 0.8, schedule: { name: 'exponential', gamma: 0.98 }, batchSize: 5 },
      { name: 'lbfgs', lr: 0.5, schedule: { name: 'exponential', gamma: 0.97 }, ema: 0.9, batchSize: 20 },
      { name: 'adagrad', lr: 0.1, schedule: { name: 'cosine', tMax: 30, etaMin: 0.01 }, clip: { norm: 0.2 } },
    ],
    steps: 80,
    batchSize: 8,
  },
  'Lion, SAM, Shampoo and schedule-free AdamW': {
    surface: { name: 'mlp', params: small },
    optimizers: [
      { name: 'lion', lr: 0.003, weightDecay: 0.1 },
      { name: 'sam', rho: 0.05, base: { name: 'momentum', lr: 0.1, momentum: 0.9 } },
      { name: 'sam', rho: 0.1, adaptive: true, base: { name: 'adam', lr: 0.02 } },
      { name: 'shampoo', lr: 0.05 },
      { name: 'schedulefree', lr: 0.02, warmupSteps: 10, weightDecay: 0.01 },
      { name: 'sam', rho: 0.05, base: { name: 'lion', lr: 0.002 } },
    ],
    steps: 60,
    batchSize: 12,
    seed: 5,
  },
  'the same with recipes: Lion onecycle (β₁ cycled), SAM cosine + EMA, Shampoo clip, schedule-free EMA, SAM and schedule-free clipped': {
    surface: { name: 'mlp', params: small },
    optimizers: [
      { name: 'lion', lr: 0.003, schedule: { name: 'onecycle', maxLr: 0.01, totalSteps: 60 }, clip: { norm: 0.05 } },
      { name: 'sam', rho: 0.05, base: { name: 'gd', lr: 0.3 }, schedule: { name: 'cosine', tMax: 60 }, ema: 0.9, batchSize: 6 },
      { name: 'shampoo', lr: 0.05, clip: { value: 0.1 }, schedule: { name: 'multistep', milestones: [20, 40], gamma: 0.5 } },
      { name: 'schedulefree', lr: 0.02, ema: 0.95, schedule: { name: 'linear', startFactor: 0.5, totalIters: 30 } },
      { name: 'sam', rho: 0.1, adaptive: true, base: { name: 'adam', lr: 0.02 }, clip: { norm: 0.05 } },
      { name: 'sam', rho: 0.05, base: { name: 'momentum', lr: 0.2 }, clip: { value: 0.02 }, ema: 0.8 },
      { name: 'schedulefree', lr: 0.05, clip: { norm: 0.05 } },
    ],
    steps: 60,
    batchSize: 12,
    seed: 6,
  },
  'own data at batch 1, 8 and full': {
    surface: { name: 'mlp', params: { hidden: [6, 6], activation: 'tanh', initSeed: 3 }, data: ownData() },
    optimizers: [
      { name: 'gd', lr: 0.05, batchSize: 1 },
      { name: 'adam', lr: 0.02, batchSize: 8 },
      { name: 'rmsprop', lr: 0.01 },
    ],
    steps: 90,
    seed: 7,
  },
};

const python = findPython();

describe('the mlp recipe, reference classes and own data against real torch', () => {
  if (python === null) {
    it('reports that PyTorch was not found (and fails under CI)', () => {
      const message = 'PyTorch not found: the mlp recipe replay was not run. Install python3-torch or set DESCENT_PYTHON.';
      if (process.env.CI) throw new Error(message);
      console.warn(`\n  ⚠ ${message}\n`);
    });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'descent-mlp-recipe-'));
  let file = 0;
  for (const [name, raw] of Object.entries(CASES)) {
    it(`${name}: the exported script reproduces every loss, θ, lr and EMA to 1e-9`, () => {
      const result: MlpResult = runMlp(normalizeMlpConfig(raw));
      const path = join(dir, `race${file++}.py`);
      writeFileSync(path, toPyTorchMlp(result));
      const r = spawnSync(python, [path, '--json'], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 240_000 });
      expect(r.status, r.stderr).toBe(0);
      type Got = { loss: number[]; accuracy: number[]; theta: number[][]; lr?: number[]; ema?: number[][]; emaLoss?: number[]; status: string };
      const got = (JSON.parse(r.stdout) as { runs: Got[] }).runs;
      expect(got.length).toBe(result.runs.length);
      let max = 0;
      got.forEach((g, j) => {
        const run = result.runs[j];
        const where = `racer ${j} (${run.optimizer.name})`;
        expect(run.status, where).toBe('ok');
        expect(g.status, where).toBe('ok');
        const w = [worst(run.loss, g.loss), worst(run.theta, g.theta.flat())];
        expect(Array.from(run.accuracy), `${where}: accuracy`).toEqual(g.accuracy);
        const recipe = result.config.recipes?.[j];
        expect(run.lr !== undefined, `${where}: lr`).toBe(recipe?.schedule !== undefined);
        expect(g.lr !== undefined, `${where}: lr`).toBe(recipe?.schedule !== undefined);
        if (run.lr && g.lr) w.push(worst(run.lr, g.lr));
        expect(run.ema !== undefined, `${where}: ema`).toBe(recipe?.ema !== undefined);
        if (run.ema && g.ema && run.emaLoss && g.emaLoss) {
          w.push(worst(run.ema, g.ema.flat()), worst(run.emaLoss, g.emaLoss));
          // The average is not the path: it lags behind.
          expect(run.emaLoss[run.emaLoss.length - 1]).not.toBe(run.loss[run.loss.length - 1]);
        }
        // The recipe acted: clipping changed some steps' gradients, the schedule moved the lr, the batches are the racer's own.
        if (recipe?.clip) expect(run.clipped?.some((c) => c === 1), `${where}: clipped`).toBe(true);
        if (run.lr) expect(new Set(run.lr).size, `${where}: lr moves`).toBeGreaterThan(2);
        if (recipe?.batchSize !== undefined) {
          const b = run.batches;
          if (recipe.batchSize >= result.data.n) expect(b, where).toBeNull();
          else expect(b?.size[0], where).toBe(recipe.batchSize);
        }
        for (const x of w) expect(x, where).toBeLessThanOrEqual(1e-9);
        max = Math.max(max, ...w);
        // Training did something.
        expect(Math.abs(run.loss[run.loss.length - 1] - run.loss[0]), where).toBeGreaterThan(1e-3);
      });
      console.info(`${name}: worst relative difference ${max.toExponential(2)}`);
    }, 240_000);
  }
});

describe("the CLI's printed recipe output, replayed from its own batches in real torch", () => {
  if (python === null) return;
  it('matches every loss, θ, lr, EMA and EMA loss the CLI prints, racer by racer on its printed batches', () => {
    const raw = {
      surface: { name: 'mlp', params: { dataset: 'moons', hidden: [6, 4], activation: 'tanh', samples: 50 }, l2: 0.002 },
      optimizers: [
        { name: 'adamw', lr: 0.02, clip: { norm: 0.3 }, ema: 0.9, schedule: { name: 'sequential', schedulers: [{ name: 'linear', startFactor: 0.2, totalIters: 10 }, { name: 'cosine', tMax: 50 }], milestones: [10] } },
        { name: 'momentum', lr: 0.1, batchSize: 3, clip: { value: 0.05 }, schedule: { name: 'onecycle', maxLr: 0.3, totalSteps: 60 } },
        { name: 'rmsprop', lr: 0.01, batchSize: 50, ema: 0.5 },
      ],
      steps: 60,
      batchSize: 8,
      stride: 4,
      seed: 9,
    };
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const cli = spawnSync(tsx, ['src/cli/main.ts', 'run', '--config', '-'], { input: JSON.stringify(raw), encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(cli.status, cli.stderr).toBe(0);
    type Run = { loss: number[]; theta: number[][]; accuracy: number[]; lr?: number[]; ema?: number[][]; emaLoss?: number[]; batches: number[][] };
    const out = JSON.parse(cli.stdout) as { runs: Run[] };
    const config = normalizeMlpConfig(raw);
    const request = {
      cases: [
        {
          out,
          ctors: config.optimizers.map((o) => optimizerExpression(o, 'params')),
          recipes: config.recipes?.map((r) => {
            const py: Record<string, unknown> = {};
            if (r.schedule) py.scheduler = schedulerExpression(r.schedule);
            if (r.clip) Object.assign(py, 'norm' in r.clip ? { clip_norm: r.clip.norm } : { clip_value: r.clip.value });
            if (r.ema !== undefined) py.ema = r.ema;
            return py;
          }),
        },
      ],
    };
    const r = spawnSync(python, ['tests/python/mlp_replay.py'], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const torch = (JSON.parse(r.stdout) as { cases: { runs: Run[] }[] }).cases[0].runs;
    expect(out.runs[1].batches[0].length).toBe(3);
    expect(out.runs[2].batches[0].length).toBe(50);
    out.runs.forEach((run, j) => {
      const t = torch[j];
      const w = [worst(run.loss, t.loss), worst(run.theta.flat(), t.theta.flat())];
      expect(run.accuracy).toEqual(t.accuracy);
      expect(run.lr !== undefined).toBe(j < 2);
      if (run.lr) w.push(worst(run.lr, t.lr ?? []));
      expect(run.ema !== undefined).toBe(j !== 1);
      if (run.ema) w.push(worst(run.ema.flat(), (t.ema ?? []).flat()), worst(run.emaLoss ?? [], t.emaLoss ?? []));
      for (const x of w) expect(x, `racer ${j}`).toBeLessThanOrEqual(1e-9);
    });
  }, 120_000);
});
