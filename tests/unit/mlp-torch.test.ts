/**
 * The `mlp` surface against real PyTorch (torch 1.13, float64): the CLI's printed init, data and
 * batches are replayed by tests/python/mlp_replay.py for several networks, datasets and
 * optimizers, and every kept loss, accuracy and parameter must match to 1e-9 (relative above 1);
 * the plane's axes and explained variance must match numpy's SVD. The exported script
 * (src/export/pytorch-mlp.ts) is run as `python3 script.py --json` and must reproduce the race.
 * Python is $DESCENT_PYTHON, /usr/bin/python3 or python3, whichever imports torch; without one
 * the suite says so, and fails under CI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { optimizerExpression } from '../../src/export/pytorch';
import { toPyTorchMlp } from '../../src/export/pytorch-mlp';
import { normalizeMlpConfig, runMlp } from '../../src/engine/mlp';
import { normalizeOptimizerConfig } from '../../src/optim';

function findPython(): string | null {
  for (const c of [process.env.DESCENT_PYTHON, '/usr/bin/python3', 'python3']) {
    if (!c) continue;
    const r = spawnSync(c, ['-c', 'import torch, numpy'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return c;
  }
  return null;
}

const CASES: Record<string, unknown>[] = [
  {
    surface: { name: 'mlp', params: { dataset: 'spiral', hidden: [8, 8], activation: 'tanh' } },
    optimizers: [{ name: 'adam', lr: 0.01 }, { name: 'momentum', lr: 0.05 }, { name: 'rmsprop', lr: 0.01 }],
    steps: 150,
    batchSize: 32,
    seed: 3,
  },
  {
    surface: { name: 'mlp', params: { dataset: 'moons', hidden: [16], activation: 'relu', samples: 90, initSeed: 7 }, l2: 0.001 },
    optimizers: [{ name: 'nadam', lr: 0.01 }, { name: 'adagrad', lr: 0.1 }, { name: 'nesterov', lr: 0.05, momentum: 0.8 }],
    steps: 120,
    batchSize: 10,
    stride: 5,
  },
  {
    surface: { name: 'mlp', params: { dataset: 'circles', hidden: [4, 4, 4], activation: 'tanh', samples: 60, dataNoise: 0.05 } },
    optimizers: [
      { name: 'gd', lr: 0.5 },
      { name: 'adamw', lr: 0.02, amsgrad: true },
      { name: 'radam', lr: 0.02 },
      { name: 'adamax', lr: 0.02, weightDecay: 0.01 },
    ],
    steps: 80,
  },
  {
    surface: { name: 'mlp', params: { dataset: 'xor', hidden: [16, 16], activation: 'relu', samples: 120, dataSeed: 5 } },
    optimizers: [
      { name: 'adadelta' },
      { name: 'rmsprop', lr: 0.005, centered: true, momentum: 0.5 },
      { name: 'rprop', lr: 0.001 },
    ],
    steps: 100,
    batchSize: 7,
    seed: 11,
  },
  {
    surface: { name: 'mlp', params: { dataset: 'blobs', hidden: [3], activation: 'tanh', samples: 37, dataNoise: 0.3 }, l2: 0.05 },
    optimizers: [{ name: 'gd', lr: 0.3, weightDecay: 0.01 }, { name: 'adam', lr: 0.05, betas: [0.8, 0.99] }, { name: 'lbfgs', lr: 0.5 }],
    steps: 60,
    batchSize: 37,
  },
];

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

function worst(a: readonly number[], b: readonly number[]): number {
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return w;
}

interface Replay {
  runs: { loss: number[]; accuracy: number[]; theta: number[][]; index: number[] }[];
  plane: { axes: number[][]; explained: number[]; sigma: number[] };
}

interface CliRun {
  loss: number[];
  accuracy: number[];
  theta: number[][];
  path: number[][];
  status: string;
  batches: number[][];
}

interface CliOut {
  init: number[];
  runs: CliRun[];
  plane: { axes: number[][]; explained: number[] };
}

const python = findPython();

describe('the mlp surface against real torch', () => {
  if (python === null) {
    it('reports that PyTorch was not found (and fails under CI)', () => {
      const message = 'PyTorch not found: the mlp replay was not run. Install python3-torch or set DESCENT_PYTHON.';
      if (process.env.CI) throw new Error(message);
      console.warn(`\n  ⚠ ${message}\n`);
    });
    return;
  }
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const outs: CliOut[] = [];
  let replays: Replay[] = [];

  beforeAll(() => {
    for (const c of CASES) {
      const cli = spawnSync(tsx, ['src/cli/main.ts', 'run', '--config', '-'], { input: JSON.stringify(c), encoding: 'utf8', maxBuffer: 256 << 20 });
      if (cli.status !== 0) throw new Error(`the CLI failed: ${cli.stderr}`);
      outs.push(JSON.parse(cli.stdout) as CliOut);
    }
    const request = {
      cases: CASES.map((c, i) => ({
        out: outs[i],
        ctors: (c.optimizers as unknown[]).map((o, j) => optimizerExpression(normalizeOptimizerConfig(o, `optimizers[${j}]`), 'params')),
      })),
    };
    const r = spawnSync(python, ['tests/python/mlp_replay.py'], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 256 << 20, timeout: 300_000 });
    if (r.status !== 0) throw new Error(`the replay failed: ${r.stderr}`);
    replays = (JSON.parse(r.stdout) as { cases: Replay[] }).cases;
  }, 300_000);

  it('matches every kept loss, accuracy and parameter of every racer to 1e-9', () => {
    let checked = 0;
    let max = 0;
    CASES.forEach((c, i) => {
      outs[i].runs.forEach((run, j) => {
        const torch = replays[i].runs[j];
        const where = `case ${i} (${JSON.stringify((c.surface as { params: unknown }).params)}), racer ${j}`;
        expect(run.status, where).toBe('ok');
        expect(torch.loss.length, where).toBe(run.loss.length);
        const wl = worst(run.loss, torch.loss);
        const wt = worst(run.theta.flat(), torch.theta.flat());
        max = Math.max(max, wl, wt);
        expect(wl, `${where}: loss`).toBeLessThanOrEqual(1e-9);
        expect(wt, `${where}: theta`).toBeLessThanOrEqual(1e-9);
        expect(run.accuracy, `${where}: accuracy`).toEqual(torch.accuracy);
        // Training did something: the loss moved.
        expect(Math.abs(run.loss[run.loss.length - 1] - run.loss[0]), where).toBeGreaterThan(1e-3);
        checked += run.loss.length;
      });
    });
    expect(checked).toBeGreaterThan(1000);
    console.info(`mlp vs torch: ${checked} kept points, worst relative difference ${max.toExponential(2)}`);
  });

  it("gives the plane numpy's SVD gives: the same axes (sign rule) and explained variance", () => {
    CASES.forEach((_, i) => {
      const ours = outs[i].plane;
      const np = replays[i].plane;
      expect(worst(ours.explained, np.explained), `case ${i}: explained`).toBeLessThanOrEqual(1e-9);
      expect(worst(ours.axes[0], np.axes[0]), `case ${i}: u`).toBeLessThanOrEqual(1e-9);
      // v is determined only up to the gap σ₂ − σ₃: compare where that gap is not tiny.
      const [, s2, s3] = np.sigma;
      if (s2 - s3 > 1e-3 * s2) expect(worst(ours.axes[1], np.axes[1]), `case ${i}: v`).toBeLessThanOrEqual(1e-9);
      // And the path is θ − θ₀ projected on the axes.
      const run = outs[i].runs[0];
      const k = run.theta.length - 1;
      const d = run.theta[k].map((t, q) => t - outs[i].init[q]);
      const a = d.reduce((s, x, q) => s + x * ours.axes[0][q], 0);
      expect(close(run.path[k][0], a)).toBe(true);
    });
  });

  it('the exported PyTorch script builds the same nn.Sequential and reproduces the race', () => {
    const dir = mkdtempSync(join(tmpdir(), 'descent-mlp-'));
    for (const i of [1, 3, 4]) {
      const result = runMlp(normalizeMlpConfig(CASES[i]));
      const file = join(dir, `race${i}.py`);
      writeFileSync(file, toPyTorchMlp(result));
      const r = spawnSync(python, [file, '--json'], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      const got = (JSON.parse(r.stdout) as { runs: { loss: number[]; theta: number[][] }[] }).runs;
      expect(got.length).toBe(result.runs.length);
      got.forEach((g, j) => {
        expect(worst(Array.from(result.runs[j].loss), g.loss)).toBeLessThanOrEqual(1e-9);
        expect(worst(Array.from(result.runs[j].theta), g.theta.flat())).toBeLessThanOrEqual(1e-9);
      });
      const table = spawnSync(python, [file], { encoding: 'utf8', timeout: 120_000 });
      expect(table.status, table.stderr).toBe(0);
      expect(table.stdout).toContain(String(result.config.optimizers[0].name));
    }
  }, 240_000);
});
