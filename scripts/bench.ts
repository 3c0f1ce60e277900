/**
 * npm run bench [-- --json] [--steps N] [--only adam,gd]
 *
 * Steps per second of the engine's hot loop for every optimizer on `rosenbrock` (full gradient)
 * and on `linreg` with batch size 8 (mini-batches): the same runOne the app and the CLI use.
 * Then Adam on θ ∈ ℝ³⁰⁰ (a separable 300-dimensional quadratic), in parameter updates per second:
 * the same stepper, for a network-sized θ. Each figure is the best of several timed repetitions
 * after a warm-up.
 */
import { normalizeConfig, runComparison } from '../src/engine';
import { createStepper, optimizerNames, type OptimizerConfig, type OptimizerName, type StepEnv } from '../src/optim';

const args = process.argv.slice(2);
const json = args.includes('--json');
const stepsArg = args.indexOf('--steps');
const STEPS = stepsArg >= 0 ? Number(args[stepsArg + 1]) : 2_000_000;
const onlyArg = args.indexOf('--only');
const ONLY = onlyArg >= 0 ? args[onlyArg + 1].split(',') : null;
const REPEATS = 5;

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

const rows: Row[] = [];
const names = optimizerNames.filter((n) => !ONLY || ONLY.includes(n));
for (const surface of ['rosenbrock', 'linreg'] as const) {
  for (const name of names) rows.push(bench(name, surface));
}

const N_VEC = 300;
const vecSteps = Math.max(1, Math.round(STEPS / 20));
const vector = !ONLY || ONLY.includes('adam') ? { optimizer: 'adam', n: N_VEC, steps: vecSteps, ...benchVector(N_VEC, vecSteps) } : null;

if (json) {
  process.stdout.write(JSON.stringify({ node: process.version, steps: STEPS, rows, vector }, null, 2) + '\n');
} else {
  const fmt = (n: number) => (n / 1e6).toFixed(1).padStart(8);
  console.log(`Descent engine benchmark — ${STEPS.toLocaleString('en')} steps per run, best of ${REPEATS}, node ${process.version}`);
  console.log('');
  console.log('optimizer    rosenbrock (M steps/s)   linreg B=8 (M steps/s)');
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
}
