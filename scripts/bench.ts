/**
 * npm run bench [-- --json] [--steps N] [--only adam,gd]
 *
 * Steps per second of the engine's hot loop for every optimizer on `rosenbrock` (full gradient)
 * and on `linreg` with batch size 8 (mini-batches): the same runOne the app and the CLI use.
 * Each figure is the best of several timed repetitions after a warm-up.
 */
import { normalizeConfig, runComparison } from '../src/engine';
import { optimizerNames, type OptimizerConfig, type OptimizerName } from '../src/optim';

const args = process.argv.slice(2);
const json = args.includes('--json');
const stepsArg = args.indexOf('--steps');
const STEPS = stepsArg >= 0 ? Number(args[stepsArg + 1]) : 2_000_000;
const onlyArg = args.indexOf('--only');
const ONLY = onlyArg >= 0 ? args[onlyArg + 1].split(',') : null;
const REPEATS = 5;

/** Hyperparameters that keep each optimizer finite for millions of steps on both surfaces. */
const SETTINGS: Record<OptimizerName, Partial<OptimizerConfig>> = {
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
      optimizers: [{ name, ...SETTINGS[name] }],
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

const rows: Row[] = [];
const names = optimizerNames.filter((n) => !ONLY || ONLY.includes(n));
for (const surface of ['rosenbrock', 'linreg'] as const) {
  for (const name of names) rows.push(bench(name, surface));
}

if (json) {
  process.stdout.write(JSON.stringify({ node: process.version, steps: STEPS, rows }, null, 2) + '\n');
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
  if (rows.some((r) => r.status !== 'ok')) console.log('\n* the run diverged before the last step (it stopped early, so its figure is not a full run)');
}
