/**
 * npm run bench [-- --json] [--steps N] [--only adam,gd] [--sweep | --no-sweep]
 *
 * Steps per second of the engine's hot loop for every optimizer on `rosenbrock` (full gradient)
 * and on `linreg` with batch size 8 (mini-batches): the same runOne the app and the CLI use.
 * Then Adam on θ ∈ ℝ³⁰⁰ (a separable 300-dimensional quadratic), in parameter updates per second:
 * the same stepper, for a network-sized θ. Each figure is the best of several timed repetitions
 * after a warm-up.
 *
 * Then the sweep rate (CONTRACT.md §7): a 128 × 128 grid of Adam on Rosenbrock (lr × β₁), 300 steps
 * a cell (4.9 M steps), on this thread and on a pool of worker threads, one per core, started and
 * warmed up before the clock starts (as the page's pool is). `--sweep` runs only that part.
 */
import { availableParallelism, loadavg } from 'node:os';
import { nodeSweepPool } from '../src/cli/sweep-pool';
import { normalizeSweep, sweep } from '../src/engine/sweep';
import { normalizeConfig, runComparison } from '../src/engine';
import { createStepper } from '../src/optim/impl';
import { optimizerNames, type OptimizerConfig, type OptimizerName, type StepEnv } from '../src/optim';

const args = process.argv.slice(2);
const json = args.includes('--json');
const stepsArg = args.indexOf('--steps');
const STEPS = stepsArg >= 0 ? Number(args[stepsArg + 1]) : 2_000_000;
const onlyArg = args.indexOf('--only');
const ONLY = onlyArg >= 0 ? args[onlyArg + 1].split(',') : null;
const REPEATS = 5;
const SWEEP_ONLY = args.includes('--sweep');
const NO_SWEEP = args.includes('--no-sweep');

/** Hyperparameters that keep each optimizer finite for millions of steps on both surfaces (default lr 1e-3). */
const SETTINGS: Partial<Record<OptimizerName, Partial<OptimizerConfig>>> = {
  gd: { lr: 1e-4 },
  momentum: { lr: 1e-4 },
  nesterov: { lr: 1e-4 },
  adagrad: { lr: 0.05 },
  rmsprop: { lr: 1e-3 },
  adam: { lr: 1e-3 },
  adamw: { lr: 1e-3 },
  adamax: { lr: 1e-3 },
  nadam: { lr: 1e-3 },
  radam: { lr: 1e-3 },
  adadelta: { lr: 1 },
  rprop: { lr: 1e-3 },
  newton: { lr: 0.5, damping: 1 },
  lbfgs: { lr: 1e-3 },
  sam: { base: { name: 'gd', lr: 1e-4 } },
  shampoo: { lr: 1e-3 },
  schedulefree: { lr: 1e-3 },
};

interface Row {
  optimizer: OptimizerName;
  surface: string;
  batchSize: number | null;
  steps: number;
  stepsPerSecond: number;
  status: string;
}

function bench(name: OptimizerName, surface: 'rosenbrock' | 'linreg'): Row {
  const batchSize = surface === 'linreg' ? 8 : undefined;
  // Validated like any config, then given more steps than a config may ask for.
  const config = {
    ...normalizeConfig({
      surface: { name: surface },
      optimizers: [{ name, ...(SETTINGS[name] ?? { lr: 1e-3 }) }],
      start: surface === 'rosenbrock' ? [-1.5, 2] : undefined,
      ...(batchSize ? { batchSize } : {}),
    }),
    steps: STEPS,
    stride: STEPS,
  };
  runComparison({ ...config, steps: Math.min(STEPS, 200_000), stride: STEPS }); // warm-up
  let best = Infinity;
  let status = '';
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    const res = runComparison(config);
    const dt = performance.now() - t0;
    status = res.runs[0].status;
    best = Math.min(best, dt);
  }
  return {
    optimizer: name,
    surface,
    batchSize: batchSize ?? null,
    steps: STEPS,
    stepsPerSecond: Math.round((STEPS / best) * 1000),
    status,
  };
}

/**
 * Adam on f(θ) = ½ Σᵢ aᵢθᵢ² with aᵢ from 0.5 to 5, θ ∈ ℝᴺ: the gradient loop and the stepper, as
 * a network surface will drive them. Returns parameter updates (steps × N) per second.
 */
function benchVector(N: number, steps: number): { updatesPerSecond: number; loss: number } {
  const a = new Float64Array(N);
  for (let i = 0; i < N; i++) a[i] = 0.5 + (4.5 * i) / (N - 1);
  const evaluate = (theta: Float64Array, g: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < N; i++) {
      const gi = a[i] * theta[i];
      g[i] = gi;
      f += 0.5 * gi * theta[i];
    }
    return f;
  };
  const env: StepEnv = { n: N, evaluate, hessian: () => {} };
  const run = (k: number) => {
    const stepper = createStepper({ name: 'adam', lr: 1e-3 }, N);
    const p = new Float64Array(N).fill(1);
    const g = new Float64Array(N);
    for (let s = 0; s < k; s++) {
      evaluate(p, g);
      stepper.step(p, g, env);
    }
    return evaluate(p, g);
  };
  run(Math.min(steps, 20_000)); // warm-up
  let best = Infinity;
  let loss = NaN;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    loss = run(steps);
    best = Math.min(best, performance.now() - t0);
  }
  return { updatesPerSecond: Math.round(((steps * N) / best) * 1000), loss };
}

interface SweepRow {
  grid: string;
  threads: number;
  steps: number;
  bestMs: number;
  medianMs: number;
  stepsPerSecond: number;
  diverged: number;
}

const SWEEP = normalizeSweep({
  surface: { name: 'rosenbrock' },
  optimizer: { name: 'adam' },
  start: [-1.5, 2],
  steps: 300,
  x: { key: 'lr', from: 1e-4, to: 1, n: 128, scale: 'log' },
  y: { key: 'betas.0', from: 0, to: 0.99, n: 128, scale: 'linear' },
});

function sweepRow(threads: number, times: number[], divergedAt: Int32Array): SweepRow {
  let steps = 0;
  let diverged = 0;
  for (const d of divergedAt) {
    steps += d >= 0 ? d : SWEEP.base.steps;
    if (d >= 0) diverged++;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const best = sorted[0];
  return {
    grid: '128 × 128 adam on rosenbrock (lr × betas.0), 300 steps a cell',
    threads,
    steps,
    bestMs: Math.round(best * 10) / 10,
    medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10,
    stepsPerSecond: Math.round((steps / best) * 1000),
    diverged,
  };
}

async function benchSweep(): Promise<SweepRow[]> {
  const out: SweepRow[] = [];
  sweep(SWEEP); // warm-up
  const times: number[] = [];
  let last = sweep(SWEEP);
  for (let r = 0; r < REPEATS; r++) {
    last = sweep(SWEEP);
    times.push(last.elapsedMs);
  }
  out.push(sweepRow(0, times, last.divergedAt));
  const threads = availableParallelism();
  const pool = nodeSweepPool(threads);
  try {
    await pool.ready;
    await pool.run(SWEEP).done; // warm-up: every worker compiles its hot loop
    const ptimes: number[] = [];
    let res = last;
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      res = await pool.run(SWEEP).done;
      ptimes.push(performance.now() - t0);
    }
    out.push(sweepRow(threads, ptimes, res.divergedAt));
  } finally {
    await pool.dispose();
  }
  return out;
}

const rows: Row[] = [];
const names = SWEEP_ONLY ? [] : optimizerNames.filter((n) => !ONLY || ONLY.includes(n));
for (const surface of ['rosenbrock', 'linreg'] as const) {
  for (const name of names) rows.push(bench(name, surface));
}
const sweeps = NO_SWEEP ? [] : await benchSweep();
const load = loadavg().map((l) => Math.round(l * 100) / 100);

const N_VEC = 300;
const vecSteps = Math.max(1, Math.round(STEPS / 20));
const vector = !SWEEP_ONLY && (!ONLY || ONLY.includes('adam')) ? { optimizer: 'adam', n: N_VEC, steps: vecSteps, ...benchVector(N_VEC, vecSteps) } : null;

if (json) {
  process.stdout.write(JSON.stringify({ node: process.version, steps: STEPS, rows, vector, sweeps, loadAverage: load }, null, 2) + '\n');
} else {
  const fmt = (n: number) => (n / 1e6).toFixed(1).padStart(8);
  console.log(`Descent engine benchmark — ${STEPS.toLocaleString('en')} steps per run, best of ${REPEATS}, node ${process.version}`);
  if (names.length) console.log('\noptimizer    rosenbrock (M steps/s)   linreg B=8 (M steps/s)');
  for (const name of names) {
    const a = rows.find((r) => r.optimizer === name && r.surface === 'rosenbrock')!;
    const b = rows.find((r) => r.optimizer === name && r.surface === 'linreg')!;
    const flag = (r: Row) => (r.status === 'ok' ? ' ' : '*');
    console.log(`${name.padEnd(12)} ${fmt(a.stepsPerSecond)}${flag(a)}               ${fmt(b.stepsPerSecond)}${flag(b)}`);
  }
  if (vector) {
    console.log('');
    console.log(`Adam on θ ∈ ℝ³⁰⁰ (separable quadratic, ${vector.steps.toLocaleString('en')} steps): ${(vector.updatesPerSecond / 1e6).toFixed(1)} M parameter updates/s`);
  }
  if (rows.some((r) => r.status !== 'ok')) console.log('\n* the run diverged before the last step (it stopped early, so its figure is not a full run)');
  for (const r of sweeps) {
    const where = r.threads === 0 ? 'main thread' : `${r.threads} worker threads`;
    console.log(
      `\nsweep: ${r.grid}, ${where}: ${r.bestMs} ms best, ${r.medianMs} ms median of ${REPEATS} ` +
        `(${(r.steps / 1e6).toFixed(2)} M steps, ${(r.stepsPerSecond / 1e6).toFixed(1)} M steps/s, ${r.diverged} cells diverged)`,
    );
  }
  if (sweeps.length) console.log(`load average: ${load.join(' ')} (${availableParallelism()} cores)`);
}
