/**
 * The runner shared by the worker and the CLI: a normalised config → one trajectory per optimizer.
 *
 * Deterministic: the seed fixes the mini-batch order (a fresh permutation every epoch, the last
 * batch smaller, as PyTorch's DataLoader(shuffle=True, drop_last=False)) and the simulated noise;
 * every optimizer in a comparison sees the same batches and the same noise. The step loop
 * allocates nothing: the point, gradient and Hessian live in three small Float64Arrays.
 */
import { optimizers, type Hyper, type OptimizerConfig, type Stepper } from '../optim';
import { getSurface, makeObjective } from '../surfaces';
import type { SurfaceCore } from '../surfaces/types';
import { LIMITS } from './config';
import { Rng } from './rng';
import type { ComparisonResult, RunConfig, RunResult } from './types';

const STREAM_BATCHES = 1;
const STREAM_NOISE = 2;

export interface Batches {
  order: Int32Array;
  start: Int32Array;
  size: Int32Array;
}

/** The batch of every step: step s (1-based) uses order[start[s-1] .. start[s-1] + size[s-1]). */
export function makeBatches(n: number, batchSize: number, steps: number, seed: number): Batches {
  const B = Math.min(Math.max(1, batchSize), n);
  const perEpoch = Math.ceil(n / B);
  const epochs = Math.max(1, Math.ceil(steps / perEpoch));
  const order = new Int32Array(epochs * n);
  const rng = new Rng(seed, STREAM_BATCHES);
  for (let e = 0; e < epochs; e++) rng.permutation(n, order, e * n);
  const start = new Int32Array(steps);
  const size = new Int32Array(steps);
  for (let s = 0; s < steps; s++) {
    const e = Math.floor(s / perEpoch);
    const j = s - e * perEpoch;
    start[s] = e * n + j * B;
    size[s] = Math.min(B, n - j * B);
  }
  return { order, start, size };
}

/** Simulated noise ξ for every step, flat [ξx₁, ξy₁, ξx₂, ...], shared by every optimizer. */
export function makeNoise(steps: number, seed: number): Float64Array {
  const rng = new Rng(seed, STREAM_NOISE);
  const out = new Float64Array(2 * steps);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return out;
}

export interface RunOptions {
  /** Called after each step with the stepper, for tracing internal state (explanations, tests). */
  onStep?: (k: number, p: Float64Array, g: Float64Array, stepper: Stepper) => void;
}

/** Context shared by the runs of one comparison. */
interface Shared {
  obj: SurfaceCore;
  batches: Batches | null;
  /** σ/√B · ξ per step, or null without noise. */
  noise: Float64Array | null;
}

function prepare(config: RunConfig): Shared {
  const def = getSurface(config.surface.name);
  if (!def) throw new Error(`unknown surface ${config.surface.name}`);
  const obj = makeObjective(def, config.surface.params, config.surface.l2);
  const fullBatch = obj.n === 0 || config.batchSize >= obj.n;
  const batches = obj.n > 0 && !fullBatch ? makeBatches(obj.n, config.batchSize, config.steps, config.seed) : null;
  let noise: Float64Array | null = null;
  if (obj.n === 0 && config.surface.noise > 0) {
    noise = makeNoise(config.steps, config.seed);
    const k = config.surface.noise / Math.sqrt(config.batchSize);
    for (let i = 0; i < noise.length; i++) noise[i] *= k;
  }
  return { obj, batches, noise };
}

/** Where a run ended: filled in by the step loop. */
interface Outcome {
  kept: number;
  divergedAt: number;
  reason: string | null;
}

type StepLoop = (
  obj: SurfaceCore,
  stepper: Stepper,
  needsHessian: boolean,
  batches: Batches | null,
  noise: Float64Array | null,
  steps: number,
  stride: number,
  p: Float64Array,
  path: Float64Array,
  loss: Float64Array,
  index: Int32Array,
  onStep: RunOptions['onStep'],
  out: Outcome,
) => void;

/**
 * The hot loop of the whole app. It is built by a factory and cached per (surface, optimizer)
 * pair so that each copy's call sites (`obj.valueGrad`, `stepper.step`) only ever see one class:
 * V8 then inlines both, instead of going through a megamorphic lookup on every step.
 */
function makeStepLoop(): StepLoop {
  return (obj, stepper, needsHessian, batches, noise, steps, stride, p, path, loss, index, onStep, out) => {
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    const max = LIMITS.maxCoordinate;
    let kept = 0;
    let untilKept = 0; // steps until the next kept point (k % stride === 0 without a division)
    let last = 0;
    let lastX = p[0];
    let lastY = p[1];
    let lastF = NaN;
    for (let k = 0; ; k++) {
      const x = p[0];
      const y = p[1];
      // Also false for NaN and ±Infinity.
      if (!(Math.abs(x) <= max && Math.abs(y) <= max)) {
        out.divergedAt = k;
        out.reason = boundsReason(x, y);
        break;
      }
      const keep = untilKept === 0;
      // Gradient for the step from point k, and the loss at point k (free with the full gradient).
      let f: number;
      if (batches === null) {
        f = obj.valueGrad(x, y, g);
        if (!Number.isFinite(f)) {
          out.divergedAt = k;
          out.reason = `the loss became non-finite (${f})`;
          break;
        }
      } else {
        f = keep || k === steps ? obj.value(x, y) : NaN;
        if (k < steps) {
          const from = batches.start[k];
          obj.batchGrad(x, y, batches.order, from, from + batches.size[k], g);
        }
      }
      last = k;
      lastX = x;
      lastY = y;
      lastF = f;
      if (keep) {
        path[2 * kept] = x;
        path[2 * kept + 1] = y;
        loss[kept] = f;
        index[kept] = k;
        kept++;
        untilKept = stride;
      }
      untilKept--;
      if (k === steps) break;
      if (noise !== null) {
        g[0] += noise[2 * k];
        g[1] += noise[2 * k + 1];
      }
      if (needsHessian) obj.hessian(x, y, h);
      const why = stepper.step(p, g, h);
      if (onStep !== undefined) onStep(k + 1, p, g, stepper);
      if (why !== null) {
        out.divergedAt = k + 1;
        out.reason = why;
        break;
      }
    }
    // Whatever the stride, the last good point is kept.
    if (kept === 0 || index[kept - 1] !== last) {
      path[2 * kept] = lastX;
      path[2 * kept + 1] = lastY;
      loss[kept] = Number.isNaN(lastF) ? obj.value(lastX, lastY) : lastF;
      index[kept] = last;
      kept++;
    }
    out.kept = kept;
  };
}

function boundsReason(x: number, y: number): string {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return `the parameters became non-finite (${x}, ${y})`;
  return `the parameters left the bounds |x|, |y| ≤ 1e6 at (${x.toExponential(3)}, ${y.toExponential(3)})`;
}

const loops = new Map<string, StepLoop>();

function loopFor(surface: string, optimizer: string): StepLoop {
  const key = `${surface}/${optimizer}`;
  let loop = loops.get(key);
  if (!loop) loops.set(key, (loop = makeStepLoop()));
  return loop;
}

/** Runs one optimizer of a comparison. */
export function runOne(config: RunConfig, opt: OptimizerConfig, shared: Shared, options: RunOptions = {}): RunResult {
  const { obj, batches, noise } = shared;
  const { steps, stride } = config;
  const def = optimizers[opt.name];
  const stepper = def.create(opt as unknown as Hyper);

  const cap = Math.floor(steps / stride) + 2;
  const path = new Float64Array(2 * cap);
  const loss = new Float64Array(cap);
  const index = new Int32Array(cap);
  const p = new Float64Array([config.start[0], config.start[1]]);
  const out: Outcome = { kept: 0, divergedAt: -1, reason: null };

  const loop = loopFor(config.surface.name, opt.name);
  loop(obj, stepper, def.needsHessian, batches, noise, steps, stride, p, path, loss, index, options.onStep, out);

  const kept = out.kept;
  return {
    optimizer: opt,
    path: path.slice(0, 2 * kept),
    loss: loss.slice(0, kept),
    index: index.slice(0, kept),
    status: out.reason === null ? 'ok' : 'diverged',
    divergedAt: out.reason === null ? null : out.divergedAt,
    reason: out.reason,
  };
}

/** Runs every optimizer of a normalised config on the same batches and noise. */
export function runComparison(config: RunConfig, options: RunOptions = {}): ComparisonResult {
  const shared = prepare(config);
  const runs = config.optimizers.map((o) => runOne(config, o, shared, options));
  return { config, runs, batches: shared.batches };
}

export { prepare as prepareShared };
