/**
 * The training recipe (CONTRACT §4) in real torch (torch 1.13 at /usr/bin/python3 or
 * $DESCENT_PYTHON):
 * - "Copy as PyTorch" for recipe scenes: the script builds torch.optim.lr_scheduler's schedulers,
 *   clip_grad_norm_ / clip_grad_value_ and AveragedModel, and reproduces every point, loss, lr and
 *   EMA of the engine to 1e-9;
 * - the CLI's printed batches of racers with their own batch sizes, replayed by plain torch.optim
 *   code (no Descent code in the loop), give the CLI's paths to 1e-9.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeConfig, runComparison } from '../../src/engine';
import type { ComparisonResult } from '../../src/engine/types';
import { resultToObject } from '../../src/export/result';
import { toPyTorch } from '../../src/export/pytorch';

const TOL = 1e-9;

const warmCosine = (warm: number, total: number, start = 0.01) => ({
  name: 'sequential',
  schedulers: [
    { name: 'linear', startFactor: start, totalIters: warm },
    { name: 'cosine', tMax: total - warm },
  ],
  milestones: [warm],
});

export const RECIPE_SCENES: { name: string; config: Record<string, unknown> }[] = [
  {
    name: 'StepLR on SGD and MultiStepLR on momentum, quadratic',
    config: {
      surface: { name: 'quadratic', params: { kappa: 15, angle: 20 } },
      optimizers: [
        { name: 'gd', lr: 0.1, schedule: { name: 'step', stepSize: 15, gamma: 0.5 } },
        { name: 'momentum', lr: 0.03, schedule: { name: 'multistep', milestones: [20, 45], gamma: 0.3 } },
        { name: 'gd', lr: 0.05 },
      ],
      start: [-3, 2.5],
      steps: 80,
    },
  },
  {
    name: 'ExponentialLR on Adam and cosine past tMax on RMSprop, Beale',
    config: {
      surface: { name: 'beale' },
      optimizers: [
        { name: 'adam', lr: 0.05, schedule: { name: 'exponential', gamma: 0.98 } },
        { name: 'rmsprop', lr: 0.01, schedule: { name: 'cosine', tMax: 40, etaMin: 0.001 } },
      ],
      start: [1, 1.5],
      steps: 120,
    },
  },
  {
    name: 'LinearLR warm-up on Nesterov and Adagrad, camel',
    config: {
      surface: { name: 'camel' },
      optimizers: [
        { name: 'nesterov', lr: 0.02, schedule: { name: 'linear', startFactor: 0.1, totalIters: 30 } },
        { name: 'adagrad', lr: 0.2, lrDecay: 0.01, schedule: { name: 'linear' } },
      ],
      steps: 100,
    },
  },
  {
    name: 'OneCycleLR cycling SGD momentum, plain SGD (turned into momentum) and RMSprop, Rosenbrock',
    config: {
      surface: { name: 'rosenbrock' },
      optimizers: [
        { name: 'momentum', lr: 0.001, schedule: { name: 'onecycle', maxLr: 0.002, totalSteps: 150 } },
        { name: 'gd', lr: 0.001, schedule: { name: 'onecycle', maxLr: 0.001, totalSteps: 150 } },
        { name: 'rmsprop', schedule: { name: 'onecycle', maxLr: 0.01, totalSteps: 200, annealStrategy: 'linear' } },
      ],
      steps: 150,
    },
  },
  {
    name: 'OneCycleLR cycling β₁ of Adam (three phases), NAdam, RAdam and Adamax, Himmelblau',
    config: {
      surface: { name: 'himmelblau' },
      optimizers: [
        { name: 'adam', schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 100, pctStart: 0.25, threePhase: true, baseMomentum: 0.8, maxMomentum: 0.9 } },
        { name: 'nadam', schedule: { name: 'onecycle', maxLr: 0.1, totalSteps: 100 } },
        { name: 'radam', schedule: { name: 'onecycle', maxLr: 0.2, totalSteps: 120 } },
        { name: 'adamax', schedule: { name: 'onecycle', maxLr: 0.2, totalSteps: 100, divFactor: 10, finalDivFactor: 100 } },
        { name: 'adadelta', schedule: { name: 'onecycle', maxLr: 1, totalSteps: 100, cycleMomentum: false } },
      ],
      start: [0, 0],
      steps: 100,
    },
  },
  {
    name: 'the large-model recipe: AdamW, warm-up, cosine, clip 1.0, EMA, against plain Adam, Rosenbrock',
    config: {
      surface: { name: 'rosenbrock' },
      optimizers: [
        { name: 'adamw', lr: 0.05, weightDecay: 0.01, schedule: warmCosine(20, 200), clip: { norm: 1 }, ema: 0.95 },
        { name: 'adam', lr: 0.05 },
      ],
      steps: 200,
    },
  },
  {
    name: 'norm clipping against value clipping, and a sequential step → exponential, saddle with l2',
    config: {
      surface: { name: 'saddle', l2: 0.05 },
      optimizers: [
        { name: 'gd', lr: 0.05, clip: { norm: 0.5 } },
        { name: 'gd', lr: 0.05, clip: { value: 0.2 } },
        {
          name: 'momentum',
          lr: 0.02,
          clip: { norm: 2 },
          schedule: { name: 'sequential', schedulers: [{ name: 'step', stepSize: 10, gamma: 0.7 }, { name: 'exponential', gamma: 0.97 }], milestones: [40] },
        },
      ],
      start: [1.5, 0.01],
      steps: 90,
    },
  },
  {
    name: 'EMA of momentum and of Adam on Rastrigin, clipped Adam',
    config: {
      surface: { name: 'rastrigin' },
      optimizers: [
        { name: 'momentum', lr: 0.002, ema: 0.9 },
        { name: 'adam', lr: 0.02, ema: 0.99, clip: { value: 1 } },
      ],
      start: [2.2, -1.7],
      steps: 120,
    },
  },
  {
    name: 'linear regression: B = 1, 8 and full batch on the same sample order, cosine decay',
    config: {
      surface: { name: 'linreg' },
      optimizers: [
        { name: 'gd', lr: 0.02, batchSize: 1, schedule: { name: 'cosine', tMax: 150 } },
        { name: 'gd', lr: 0.02, batchSize: 8, schedule: { name: 'cosine', tMax: 150 } },
        { name: 'gd', lr: 0.02, batchSize: 64 },
        { name: 'adamw', lr: 0.05, batchSize: 10, schedule: warmCosine(15, 150), clip: { norm: 1 }, ema: 0.9 },
      ],
      batchSize: 64,
      seed: 3,
      steps: 150,
    },
  },
  {
    name: 'simulated noise scaled by each racer’s own batch size, with EMA, quadratic',
    config: {
      surface: { name: 'quadratic', noise: 2 },
      optimizers: [
        { name: 'gd', lr: 0.05, batchSize: 1, ema: 0.95 },
        { name: 'gd', lr: 0.05, batchSize: 16, ema: 0.95 },
        { name: 'adam', lr: 0.1, schedule: { name: 'cosine', tMax: 60 } },
      ],
      batchSize: 4,
      seed: 9,
      steps: 60,
    },
  },
  {
    name: 'logistic regression: per-racer batch sizes with schedules, clipping and EMA, stride 4',
    config: {
      surface: { name: 'logreg' },
      optimizers: [
        { name: 'momentum', lr: 0.1, batchSize: 10, ema: 0.9, schedule: { name: 'onecycle', maxLr: 0.5, totalSteps: 90 } },
        { name: 'adam', lr: 0.1, batchSize: 100, clip: { norm: 0.5 } },
        { name: 'rprop', lr: 0.01, batchSize: 25, schedule: { name: 'step', stepSize: 20, gamma: 0.5 } },
      ],
      batchSize: 1,
      seed: 5,
      stride: 4,
      steps: 90,
    },
  },
  {
    name: 'tiny network: OneCycle on SGD, warm-up on NAdam, EMA, batch sizes 4 and 16',
    config: {
      surface: { name: 'tinynet', l2: 0.01 },
      optimizers: [
        { name: 'gd', lr: 0.1, batchSize: 4, schedule: { name: 'onecycle', maxLr: 0.3, totalSteps: 100, threePhase: true } },
        { name: 'nadam', lr: 0.05, batchSize: 16, schedule: { name: 'linear', startFactor: 0.2, endFactor: 0.9, totalIters: 25 }, ema: 0.8 },
      ],
      start: [0.3, -0.4],
      seed: 2,
      steps: 100,
    },
  },
  // CONTRACT §4's rules for the optimizers of §5, and schedules on the reference classes written
  // out in the script (Lion, Newton, Shampoo, SAM, schedule-free AdamW), which must be
  // torch.optim.Optimizer subclasses for torch's schedulers to drive them.
  {
    name: 'SAM: clip (norm, value) acts on the second gradient; schedules drive the base’s lr and β₁, sharpflat',
    config: {
      surface: { name: 'sharpflat' },
      optimizers: [
        { name: 'sam', rho: 0.1, base: { name: 'gd', lr: 0.02 }, clip: { norm: 0.5 } },
        { name: 'sam', rho: 0.05, adaptive: true, base: { name: 'momentum', lr: 0.01 }, clip: { value: 0.3 }, schedule: warmCosine(10, 80) },
        { name: 'sam', rho: 0.05, base: { name: 'adam', lr: 0.05 }, clip: { norm: 2 }, ema: 0.9, schedule: { name: 'onecycle', maxLr: 0.05, totalSteps: 80 } },
        { name: 'gd', lr: 0.02, clip: { norm: 0.5 } },
      ],
      start: [1.3, -0.5],
      steps: 80,
    },
  },
  {
    name: 'SAM on mini-batches with noise-free data: clip on the second batch gradient, B = 8 and full, linreg',
    config: {
      surface: { name: 'linreg' },
      optimizers: [
        { name: 'sam', rho: 0.2, base: { name: 'gd', lr: 0.02 }, batchSize: 8, clip: { norm: 1 }, schedule: { name: 'cosine', tMax: 60 } },
        { name: 'sam', rho: 0.2, base: { name: 'adamw', lr: 0.1 }, clip: { value: 0.5 } },
      ],
      batchSize: 64,
      seed: 6,
      steps: 60,
    },
  },
  {
    name: 'schedule-free AdamW: EMA of x, clip on the gradient at y, cosine and warm-up + cosine, noisy quadratic',
    config: {
      surface: { name: 'quadratic', noise: 3 },
      optimizers: [
        { name: 'schedulefree', lr: 0.2, ema: 0.9 },
        { name: 'schedulefree', lr: 0.3, warmupSteps: 5, clip: { norm: 1 }, ema: 0.95, schedule: { name: 'cosine', tMax: 70 } },
        { name: 'schedulefree', lr: 0.2, clip: { value: 0.5 }, schedule: warmCosine(10, 70) },
        // OneCycle cycles β₁: x is the average each step made (with that step's β₁).
        { name: 'schedulefree', lr: 0.1, ema: 0.9, schedule: { name: 'onecycle', maxLr: 0.3, totalSteps: 70 } },
      ],
      start: [-3, 2],
      seed: 4,
      steps: 70,
    },
  },
  {
    name: 'schedule-free AdamW on logistic regression at B = 10 with an EMA and StepLR',
    config: {
      surface: { name: 'logreg' },
      optimizers: [{ name: 'schedulefree', lr: 0.1, batchSize: 10, ema: 0.8, schedule: { name: 'step', stepSize: 20, gamma: 0.5 } }],
      seed: 2,
      steps: 60,
    },
  },
  {
    name: 'Lion with OneCycle cycling β₁ and with warm-up + cosine; Shampoo with StepLR and OneCycle, rotated quadratic',
    config: {
      surface: { name: 'quadratic', params: { kappa: 20, angle: 30 } },
      optimizers: [
        { name: 'lion', lr: 0.02, schedule: { name: 'onecycle', maxLr: 0.05, totalSteps: 90, baseMomentum: 0.8, maxMomentum: 0.95 } },
        { name: 'lion', lr: 0.05, weightDecay: 0.1, schedule: warmCosine(15, 90), ema: 0.9 },
        // (A tighter clip at this lr makes Shampoo bounce chaotically: rounding grows tenfold a step.)
        { name: 'shampoo', lr: 0.3, schedule: { name: 'step', stepSize: 20, gamma: 0.5 }, clip: { norm: 2 } },
        { name: 'shampoo', lr: 0.5, schedule: { name: 'step', stepSize: 15, gamma: 0.5 }, clip: { value: 3 } },
        { name: 'shampoo', schedule: { name: 'onecycle', maxLr: 1, totalSteps: 90, cycleMomentum: false } },
        { name: 'shampoo', lr: 0.5, schedule: warmCosine(10, 90), ema: 0.9 },
      ],
      start: [-3, 2.5],
      steps: 90,
    },
  },
  {
    name: 'Newton with warm-up + cosine and with OneCycle (no momentum to cycle), damped and saddle-free, saddle',
    config: {
      surface: { name: 'saddle' },
      optimizers: [
        { name: 'newton', lr: 0.5, damping: 0.5, saddleFree: true, schedule: warmCosine(5, 40) },
        { name: 'newton', lr: 0.5, saddleFree: true, schedule: { name: 'onecycle', maxLr: 0.8, totalSteps: 40, cycleMomentum: false }, clip: { value: 1 } },
      ],
      start: [1.2, 0.3],
      steps: 40,
    },
  },
  {
    name: 'L-BFGS with a schedule: every closure evaluation on step k’s batch (B = 8, strong Wolfe) and noise',
    config: {
      surface: { name: 'linreg' },
      optimizers: [
        { name: 'lbfgs', lr: 0.5, maxIter: 3, lineSearch: 'strong_wolfe', batchSize: 8, schedule: { name: 'exponential', gamma: 0.97 } },
        { name: 'lbfgs', lr: 0.2, maxIter: 2, batchSize: 5, schedule: warmCosine(5, 40), ema: 0.9 },
      ],
      batchSize: 64,
      seed: 11,
      steps: 40,
    },
  },
  {
    name: 'L-BFGS on a noisy Rosenbrock: the line search sees step k’s ξ, with a cosine schedule',
    config: {
      surface: { name: 'rosenbrock', noise: 0.5 },
      // (Not every setting: here rounding of the lr, math.cos against ours, can flip a line-search branch.)
      optimizers: [
        { name: 'lbfgs', lr: 0.5, maxIter: 2, lineSearch: 'strong_wolfe', schedule: { name: 'cosine', tMax: 30 } },
        { name: 'lbfgs', lr: 0.5, maxIter: 3, schedule: { name: 'cosine', tMax: 30 }, ema: 0.8 },
      ],
      seed: 3,
      steps: 30,
    },
  },
];

function findPython(): string | null {
  for (const c of [process.env.DESCENT_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c)) {
    if (spawnSync(c, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 }).status === 0) return c;
  }
  return null;
}

interface PyRun {
  status: string;
  divergedAt: number | null;
  path: [number, number][];
  loss: number[];
  lr?: number[];
  ema?: [number, number][];
}

function run(python: string, args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(python, args, { maxBuffer: 64 << 20, timeout: 180_000 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? (typeof error.code === 'number' ? error.code : 1) : 0 });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

const DRIVER = `
import contextlib, io, json, runpy, sys, traceback
results = []
for path in sys.argv[1:]:
    sys.argv = [path, "--json"]
    out = io.StringIO()
    error = None
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(path, run_name="__main__")
    except BaseException:
        error = traceback.format_exc()
    results.append({"stdout": out.getvalue(), "error": error})
print(json.dumps(results))
`;

const close = (a: number, b: number) => Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b));

/** Every kept point, loss, lr and EMA of the engine against torch's of the same step: the mismatches. */
function compare(result: ComparisonResult, runs: PyRun[]): string[] {
  const problems: string[] = [];
  result.runs.forEach((r, i) => {
    const py = runs[i];
    const who = `racer ${i} (${r.optimizer.name})`;
    if (py.status !== r.status || py.divergedAt !== r.divergedAt) return void problems.push(`${who}: torch ${py.status}@${py.divergedAt}, engine ${r.status}@${r.divergedAt}`);
    if ((py.lr === undefined) !== (r.lr === undefined)) problems.push(`${who}: lr present in one only`);
    if ((py.ema === undefined) !== (r.ema === undefined)) problems.push(`${who}: ema present in one only`);
    for (let j = 0; j < r.index.length; j++) {
      const k = r.index[j];
      const pairs: [number, number, string][] = [
        [py.path[k][0], r.path[2 * j], 'x'],
        [py.path[k][1], r.path[2 * j + 1], 'y'],
        [py.loss[k], r.loss[j], 'loss'],
      ];
      if (py.lr && r.lr) pairs.push([py.lr[k], r.lr[j], 'lr']);
      if (py.ema && r.ema) pairs.push([py.ema[k][0], r.ema[2 * j], 'ema x'], [py.ema[k][1], r.ema[2 * j + 1], 'ema y']);
      const bad = pairs.find(([a, b]) => !close(a, b));
      if (bad) return void problems.push(`${who} step ${k}: ${bad[2]} torch ${bad[0]}, engine ${bad[1]}`);
    }
  });
  return problems;
}

const python = findPython();

describe('Copy as PyTorch with the training recipe: real torch reproduces it', () => {
  if (python === null) {
    it('reports that PyTorch was not found (and fails under CI)', () => {
      if (process.env.CI) throw new Error('PyTorch not found: the recipe scripts were not run');
    });
    return;
  }
  const prepared = RECIPE_SCENES.map((s) => ({ scene: s, result: runComparison(normalizeConfig(s.config)) }));
  let dir = '';
  let outputs: { stdout: string; error: string | null }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'descent-recipe-'));
    const files = prepared.map(({ result }, i) => {
      const f = join(dir, `recipe${i}.py`);
      writeFileSync(f, toPyTorch(result));
      return f;
    });
    const half = Math.ceil(files.length / 2);
    const parts = await Promise.all([files.slice(0, half), files.slice(half)].map((share) => run(python, ['-c', DRIVER, ...share])));
    for (const p of parts) if (p.code !== 0) throw new Error(`the driver failed: ${p.stderr}`);
    outputs = parts.flatMap((p) => JSON.parse(p.stdout) as { stdout: string; error: string | null }[]);
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has at least ten scenes covering every schedule, both clips, EMA and per-racer batch sizes', () => {
    expect(prepared.length).toBeGreaterThanOrEqual(10);
    const recipes = prepared.flatMap((p) => p.result.config.recipes ?? []);
    const names = new Set<string>();
    for (const r of recipes) {
      if (r.schedule) {
        names.add(r.schedule.name);
        if (r.schedule.name === 'sequential') r.schedule.schedulers.forEach((s) => names.add(s.name));
      }
    }
    expect([...names].sort()).toEqual(['cosine', 'exponential', 'linear', 'multistep', 'onecycle', 'sequential', 'step']);
    expect(recipes.some((r) => r.clip && 'norm' in r.clip)).toBe(true);
    expect(recipes.some((r) => r.clip && 'value' in r.clip)).toBe(true);
    expect(recipes.some((r) => r.ema !== undefined)).toBe(true);
    expect(recipes.filter((r) => r.batchSize !== undefined).length).toBeGreaterThanOrEqual(6);
    // Clipping bites somewhere (else the test of it would be empty).
    expect(prepared.some((p) => p.result.runs.some((r) => r.clipped?.some((c) => c === 1)))).toBe(true);
  });

  it.each(prepared.map((p, i) => [p.scene.name, i] as const))('%s', (_name, i) => {
    const out = outputs[i];
    expect(out.error).toBeNull();
    const parsed = JSON.parse(out.stdout) as { runs: PyRun[] };
    expect(compare(prepared[i].result, parsed.runs)).toEqual([]);
  });
});

/**
 * Plain torch.optim code, fed only the CLI's JSON: the dataset, each run's optimizer entry and its
 * printed batches. It rebuilds each racer with torch.optim and steps it on exactly those batches.
 */
const REPLAY = String.raw`
import json, sys, torch
torch.set_default_dtype(torch.float64)
out = json.load(sys.stdin)
surface = out["surface"]["name"]
l2 = out["surface"]["l2"]
data = {k: torch.tensor(v, dtype=torch.float64) for k, v in out["data"].items()}

def loss(theta, idx):
    if surface == "linreg":
        r = theta[0] * data["x"][idx] + theta[1] - data["y"][idx]
        per = 0.5 * r**2
    elif surface == "tinynet":
        r = theta[1] * torch.tanh(theta[0] * data["x"][idx]) - data["y"][idx]
        per = 0.5 * r**2
    else:
        z = theta[0] * data["a"][idx] + theta[1] * data["b"][idx]
        per = torch.nn.functional.softplus(z, threshold=50) - data["t"][idx] * z
    return per.mean() + 0.5 * l2 * (theta**2).sum()

def make(o, theta):
    n = o["name"]
    if n == "gd": return torch.optim.SGD([theta], lr=o["lr"], weight_decay=o["weightDecay"])
    if n == "momentum": return torch.optim.SGD([theta], lr=o["lr"], momentum=o["momentum"], dampening=o["dampening"], weight_decay=o["weightDecay"])
    if n == "nesterov": return torch.optim.SGD([theta], lr=o["lr"], momentum=o["momentum"], nesterov=True, weight_decay=o["weightDecay"])
    if n == "adam": return torch.optim.Adam([theta], lr=o["lr"], betas=o["betas"], eps=o["eps"], amsgrad=o["amsgrad"], weight_decay=o["weightDecay"])
    if n == "adamw": return torch.optim.AdamW([theta], lr=o["lr"], betas=o["betas"], eps=o["eps"], amsgrad=o["amsgrad"], weight_decay=o["weightDecay"])
    if n == "rmsprop": return torch.optim.RMSprop([theta], lr=o["lr"], alpha=o["alpha"], eps=o["eps"], momentum=o["momentum"], centered=o["centered"], weight_decay=o["weightDecay"])
    raise ValueError(n)

runs = []
for r in out["runs"]:
    o = r["optimizer"]
    theta = torch.tensor(out["start"], dtype=torch.float64, requires_grad=True)
    opt = make(o, theta)
    path = [theta.tolist()]
    for idx in r["batches"]:
        opt.zero_grad()
        loss(theta, torch.tensor(idx)).backward()
        if "clip" in o:
            if "norm" in o["clip"]: torch.nn.utils.clip_grad_norm_([theta], o["clip"]["norm"])
            else: torch.nn.utils.clip_grad_value_([theta], o["clip"]["value"])
        opt.step()
        path.append(theta.tolist())
    runs.append({"path": path, "sizes": sorted(set(len(b) for b in r["batches"]))})
print(json.dumps(runs))
`;

describe('per-racer batch sizes replayed in real torch from the printed batches', () => {
  if (python === null) return;
  const configs = [
    {
      surface: { name: 'linreg' },
      optimizers: [
        { name: 'gd', lr: 0.02, batchSize: 1 },
        { name: 'momentum', lr: 0.01, batchSize: 8, clip: { norm: 1 } },
        { name: 'adam', lr: 0.05, batchSize: 10 },
        { name: 'gd', lr: 0.02 },
      ],
      batchSize: 64,
      seed: 12,
      steps: 140,
    },
    {
      surface: { name: 'logreg', l2: 0.01 },
      optimizers: [
        { name: 'adamw', lr: 0.05, batchSize: 7 },
        { name: 'rmsprop', lr: 0.01, batchSize: 30, clip: { value: 0.1 } },
        { name: 'nesterov', lr: 0.1, batchSize: 100 },
      ],
      batchSize: 1,
      seed: 4,
      steps: 120,
    },
    {
      surface: { name: 'tinynet' },
      optimizers: [
        { name: 'gd', lr: 0.1, batchSize: 3 },
        { name: 'adam', lr: 0.05, batchSize: 32 },
      ],
      start: [0.5, 0.5],
      seed: 8,
      steps: 100,
    },
  ];
  const results = configs.map((c) => resultToObject(runComparison(normalizeConfig(c))) as { runs: { path: [number, number][]; batches: number[][] }[] });
  let replays: { path: [number, number][]; sizes: number[] }[][] = [];

  beforeAll(async () => {
    replays = await Promise.all(
      results.map(async (r) => {
        const p = await run(python, ['-c', REPLAY], JSON.stringify(r));
        if (p.code !== 0) throw new Error(p.stderr);
        return JSON.parse(p.stdout) as { path: [number, number][]; sizes: number[] }[];
      }),
    );
  }, 120_000);

  it.each(configs.map((c, i) => [c.surface.name, i] as const))('%s: every racer to 1e-9 on its own batches', (_n, i) => {
    const cli = results[i].runs;
    expect(replays[i]).toHaveLength(cli.length);
    cli.forEach((r, j) => {
      const py = replays[i][j];
      expect(py.path).toHaveLength(r.path.length);
      let worst = 0;
      py.path.forEach(([x, y], k) => (worst = Math.max(worst, Math.abs(x - r.path[k][0]), Math.abs(y - r.path[k][1]))));
      expect(worst, `racer ${j}`).toBeLessThanOrEqual(TOL);
    });
    // Each racer's printed batches have its own size (the last of an epoch possibly smaller).
    const top = (configs[i] as { batchSize?: number }).batchSize;
    const want = configs[i].optimizers.map((o) => (o as { batchSize?: number }).batchSize ?? top);
    replays[i].forEach((py, j) => expect(Math.max(...py.sizes)).toBe(want[j]));
  });
});
