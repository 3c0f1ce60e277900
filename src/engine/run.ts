/**
 * The runner shared by the worker and the CLI: a normalised config → one trajectory per optimizer.
 *
 * Deterministic: the seed fixes the mini-batch order (a fresh permutation every epoch, the last
 * batch smaller, as PyTorch's DataLoader(shuffle=True, drop_last=False)) and the simulated noise;
 * every optimizer in a comparison sees the same batches and the same noise. The step loop
 * allocates nothing: the point, gradient and Hessian live in three small Float64Arrays.
 */
import { implementations } from '../optim/impl';
import { hyperOf, optimizers, type OptimizerConfig, type StepEnv, type Stepper } from '../optim';
import { makeObjective } from '../surfaces';
import { resolveSurface } from './userdata';
import type { SurfaceCore } from '../surfaces/types';
import { LIMITS } from './config';
import { Rng } from './rng';
import { faultText, type RunFault } from './faults';
import type { ComparisonResult, RunConfig, RunResult } from './types';
import type { Recipe } from './recipe';
import { RecipeRun } from './recipeRun';

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
  /**
   * Called after each step with the stepper, for tracing internal state (explanations, tests);
   * `rec` is the racer's recipe at work (its pre-clip gradient), or null without one.
   */
  onStep?: (k: number, p: Float64Array, g: Float64Array, stepper: Stepper, rec: RecipeRun | null) => void;
  /**
   * Tests: the batches every run uses instead of its own (torch's DataLoader order, injected),
   * and the noise added to every gradient (σ·ξ/√B already scaled), flat [x₁, y₁, x₂, …].
   */
  inject?: { batches?: Batches | null; noise?: Float64Array | null };
}

/** Context shared by the runs of one comparison. */
interface Shared {
  obj: SurfaceCore;
  batches: Batches | null;
  /** σ/√B · ξ per step, or null without noise. */
  noise: Float64Array | null;
  /** ξ per step, unscaled (a racer with its own batch size scales it by σ/√B itself). */
  xi: Float64Array | null;
  /** Batches by batch size, for racers with their own (null: full batch). */
  byBatchSize: Map<number, Batches | null>;
}

function prepare(config: RunConfig): Shared {
  const def = resolveSurface(config.surface);
  const obj = makeObjective(def, config.surface.params, config.surface.l2);
  const fullBatch = obj.n === 0 || config.batchSize >= obj.n;
  const batches = obj.n > 0 && !fullBatch ? makeBatches(obj.n, config.batchSize, config.steps, config.seed) : null;
  let noise: Float64Array | null = null;
  let xi: Float64Array | null = null;
  if (obj.n === 0 && config.surface.noise > 0) {
    xi = makeNoise(config.steps, config.seed);
    noise = scaledNoise(xi, config.surface.noise, config.batchSize);
  }
  const byBatchSize = new Map<number, Batches | null>([[config.batchSize, batches]]);
  return { obj, batches, noise, xi, byBatchSize };
}

/** σ·ξ/√B for every step. */
function scaledNoise(xi: Float64Array, sigma: number, B: number): Float64Array {
  const k = sigma / Math.sqrt(B);
  const out = new Float64Array(xi.length);
  for (let i = 0; i < xi.length; i++) out[i] = xi[i] * k;
  return out;
}

/**
 * The batches and noise of one racer: its own batch size cuts the same epoch permutations
 * (each epoch's permutation is the seed's e-th draw, whatever the batch size) and scales the same ξ.
 */
function racerInputs(config: RunConfig, shared: Shared, recipe: Recipe | undefined): { batches: Batches | null; noise: Float64Array | null } {
  const B = recipe?.batchSize;
  if (B === undefined || B === config.batchSize) return { batches: shared.batches, noise: shared.noise };
  const { obj } = shared;
  if (obj.n > 0) {
    let batches = shared.byBatchSize.get(B);
    if (batches === undefined) {
      batches = B >= obj.n ? null : makeBatches(obj.n, B, config.steps, config.seed);
      shared.byBatchSize.set(B, batches);
    }
    return { batches, noise: null };
  }
  return { batches: null, noise: shared.xi === null ? null : scaledNoise(shared.xi, config.surface.noise, B) };
}

/** Where a run ended: filled in by the step loop. */
interface Outcome {
  kept: number;
  divergedAt: number;
  fault: RunFault | null;
}

/** The mean sample loss over a batch (the loss of a mini-batch step, as torch's training loss). */
function batchLoss(obj: SurfaceCore, x: number, y: number, idx: Int32Array, from: number, to: number): number {
  let sum = 0;
  for (let j = from; j < to; j++) sum += obj.sampleLoss(idx[j], x, y);
  return sum / (to - from);
}

/**
 * What a stepper may ask of a 2-D surface within step k: the loss and gradient at any θ on this
 * step's batch with this step's noise (SAM, L-BFGS), and the exact Hessian (Newton). A fresh class
 * per step loop, like the loop itself, so that `obj.hessian` and `obj.valueGrad` inside it see one
 * surface class each.
 */
function makeEnvClass() {
  return class SurfaceEnv implements StepEnv {
    readonly n = 2;
    /** The step being taken (0-based), set by the loop before each step. */
    k = 0;
    /**
     * The step's θ and, full batch, the loss there: [x, y, f] (set by the loop with k). A typed
     * array, not three number fields: V8 boxes double fields, and writing them every step halved
     * Adam's speed (46 → 26 M steps/s).
     */
    readonly at = new Float64Array([0, 0, NaN]);
    private readonly h3 = new Float64Array(3);
    constructor(
      private readonly obj: SurfaceCore,
      private readonly batches: Batches | null,
      private readonly noise: Float64Array | null,
    ) {}

    evaluate(theta: Float64Array, g: Float64Array): number {
      const { obj, batches, noise, k } = this;
      const x = theta[0];
      const y = theta[1];
      let f: number;
      if (batches === null) {
        f = obj.valueGrad(x, y, g);
      } else {
        const from = batches.start[k];
        obj.batchGrad(x, y, batches.order, from, from + batches.size[k], g);
        f = batchLoss(obj, x, y, batches.order, from, from + batches.size[k]);
      }
      if (noise !== null) {
        g[0] += noise[2 * k];
        g[1] += noise[2 * k + 1];
      }
      return f;
    }

    lossAtStart(): number {
      const { batches, k } = this;
      const at = this.at;
      if (batches === null) return at[2];
      const from = batches.start[k];
      return batchLoss(this.obj, at[0], at[1], batches.order, from, from + batches.size[k]);
    }

    hessian(theta: Float64Array, h: Float64Array): void {
      const h3 = this.h3;
      this.obj.hessian(theta[0], theta[1], h3);
      h[0] = h3[0];
      h[1] = h3[1];
      h[2] = h3[1];
      h[3] = h3[2];
    }
  };
}

/** A StepEnv of one step loop (see makeStepLoop: its own class, so its call sites stay monomorphic). */
type SurfaceEnv = InstanceType<ReturnType<typeof makeEnvClass>>;

type StepLoop = (
  obj: SurfaceCore,
  stepper: Stepper,
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
  rec: RecipeRun | null,
) => void;

/**
 * The hot loop of the whole app. It is built by a factory and cached per (surface, optimizer)
 * pair so that each copy's call sites (`obj.valueGrad`, `stepper.step`) only ever see one class:
 * V8 then inlines both, instead of going through a megamorphic lookup on every step.
 */
function makeStepLoop(): StepLoop {
  const Env = makeEnvClass();
  return (obj, stepper, batches, noise, steps, stride, p, path, loss, index, onStep, out, rec) => {
    const g = new Float64Array(2);
    const env: SurfaceEnv = new Env(obj, batches, noise);
    // A stepper that never reads g (schedule-free: its gradient is at y) is spared computing it,
    // unless a trace asks for it.
    const needsGrad = stepper.usesGivenGradient !== false || onStep !== undefined;
    const recordStart = stepper.readsLossAtStart === true;
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
        out.fault = boundsFault(x, y);
        break;
      }
      const keep = untilKept === 0;
      // Gradient for the step from point k, and the loss at point k (free with the full gradient).
      let f: number;
      if (batches === null) {
        f = needsGrad ? obj.valueGrad(x, y, g) : obj.value(x, y);
        if (!Number.isFinite(f)) {
          out.divergedAt = k;
          out.fault = { code: 'loss-non-finite', value: f, point: [x, y] };
          break;
        }
      } else {
        f = keep || k === steps ? obj.value(x, y) : NaN;
        if (k < steps && needsGrad) {
          const from = batches.start[k];
          obj.batchGrad(x, y, batches.order, from, from + batches.size[k], g);
        }
      }
      last = k;
      lastX = x;
      lastY = y;
      lastF = f;
      if (rec !== null) rec.mark();
      if (keep) {
        path[2 * kept] = x;
        path[2 * kept + 1] = y;
        loss[kept] = f;
        index[kept] = k;
        if (rec !== null) rec.keep(kept);
        kept++;
        untilKept = stride;
      }
      untilKept--;
      if (k === steps) break;
      if (noise !== null) {
        g[0] += noise[2 * k];
        g[1] += noise[2 * k + 1];
      }
      env.k = k;
      if (recordStart) {
        const at = env.at;
        at[0] = x;
        at[1] = y;
        at[2] = f;
      }
      if (rec !== null) rec.before(k, g, stepper);
      const why = stepper.step(p, g, env);
      if (onStep !== undefined) onStep(k + 1, p, g, stepper, rec);
      if (why !== null) {
        out.divergedAt = k + 1;
        out.fault = { code: why.code, det: why.det, point: [x, y] };
        break;
      }
      if (rec !== null) rec.after(p);
    }
    // Whatever the stride, the last good point is kept.
    if (kept === 0 || index[kept - 1] !== last) {
      path[2 * kept] = lastX;
      path[2 * kept + 1] = lastY;
      loss[kept] = Number.isNaN(lastF) ? obj.value(lastX, lastY) : lastF;
      index[kept] = last;
      if (rec !== null) rec.keep(kept);
      kept++;
    }
    out.kept = kept;
  };
}

function boundsFault(x: number, y: number): RunFault {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return { code: 'params-non-finite', point: [x, y] };
  return { code: 'out-of-bounds', bound: LIMITS.maxCoordinate, point: [x, y] };
}

const loops = new Map<string, StepLoop>();

function loopFor(surface: string, optimizer: string): StepLoop {
  const key = `${surface}/${optimizer}`;
  let loop = loops.get(key);
  if (!loop) loops.set(key, (loop = makeStepLoop()));
  return loop;
}

/** Runs one optimizer of a comparison. */
export function runOne(config: RunConfig, opt: OptimizerConfig, shared: Shared, options: RunOptions = {}, recipe?: Recipe): RunResult {
  const { obj } = shared;
  const own = racerInputs(config, shared, recipe);
  const inject = options.inject;
  const batches = inject?.batches !== undefined ? inject.batches : own.batches;
  const noise = inject?.noise !== undefined ? inject.noise : own.noise;
  const { steps, stride } = config;
  const def = optimizers[opt.name];
  const stepper = implementations[opt.name].create(hyperOf(opt), 2);

  const cap = Math.floor(steps / stride) + 2;
  const path = new Float64Array(2 * cap);
  const loss = new Float64Array(cap);
  const index = new Int32Array(cap);
  const p = new Float64Array([config.start[0], config.start[1]]);
  const out: Outcome = { kept: 0, divergedAt: -1, fault: null };
  const hasRecipe = recipe !== undefined && (recipe.schedule !== undefined || recipe.clip !== undefined || recipe.ema !== undefined);
  const rec = hasRecipe ? new RecipeRun(recipe, stepper.lr, config.start, steps, cap) : null;

  // A data set of one's own is another surface class for the loop's call sites.
  const loop = loopFor(config.surface.data ? `${config.surface.name}+data` : config.surface.name, opt.name);
  loop(obj, stepper, batches, noise, steps, stride, p, path, loss, index, options.onStep, out, rec);

  const kept = out.kept;
  const result: RunResult = {
    optimizer: opt,
    path: path.slice(0, 2 * kept),
    loss: loss.slice(0, kept),
    index: index.slice(0, kept),
    status: out.fault === null ? 'ok' : 'diverged',
    divergedAt: out.fault === null ? null : out.divergedAt,
    fault: out.fault,
    reason: out.fault === null ? null : faultText(out.fault),
  };
  if (rec !== null) {
    if (rec.lr !== null) result.lr = rec.lr.slice(0, kept);
    if (rec.ema !== null) result.ema = rec.ema.slice(0, 2 * kept);
    if (rec.clipped !== null) result.clipped = rec.clipped;
  }
  if (recipe?.batchSize !== undefined && obj.n > 0) result.batches = batches;
  return result;
}

/** Runs every optimizer of a normalised config on the same batches and noise. */
export function runComparison(config: RunConfig, options: RunOptions = {}): ComparisonResult {
  const shared = prepare(config);
  const runs = config.optimizers.map((o, i) => runOne(config, o, shared, options, config.recipes?.[i]));
  return { config, runs, batches: shared.batches };
}

export { prepare as prepareShared };
