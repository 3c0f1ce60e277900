/**
 * The runner of the `mlp` surface (CONTRACT.md §6): every optimizer of a config trains the same
 * network from the same θ₀ on the same mini-batches (DataLoader(shuffle=True, drop_last=False)
 * order from `seed`, as on the other data surfaces), then the shared plane is fitted to all kept
 * points and each path is projected onto it.
 *
 * The step loop allocates nothing: θ, the gradient and the network's workspace are allocated once
 * per racer; a kept point writes into arrays sized for the whole run.
 */
import { implementations } from '../../optim/impl';
import { hyperOf, optimizers, type OptimizerConfig, type StepEnv, type Stepper } from '../../optim';
import { makeBatches, type Batches } from '../run';
import { makeDataset, type Points } from './datasets';
import { MlpRecipeRun } from './recipe';
import { mlpDataPoints } from './userdata';
import type { Recipe } from '../recipe';
import { Network, l2Term } from './net';
import { computePlane, project, type Plane } from './plane';
import type { MlpRunConfig } from './config';

/**
 * Optimizers that evaluate the gradient they step with themselves (SAM at θ + e, schedule-free at
 * y): `clip` acts on every gradient evaluated in their step (for SAM the first only sets the
 * direction of e, which clipping does not change).
 */
const CLIPS_IN_STEP = ['sam', 'schedulefree'];

/** |θᵢ| above this ends a run as diverged (CONTRACT §2's bound, on every coordinate). */
export const MAX_COORDINATE = 1e6;

export type MlpFault =
  | { code: 'loss-non-finite'; value: number }
  | { code: 'params-non-finite'; index: number; value: number }
  | { code: 'out-of-bounds'; index: number; value: number; bound: number }
  | { code: 'singular-system'; det: number };

export function mlpFaultText(f: MlpFault): string {
  switch (f.code) {
    case 'loss-non-finite':
      return `the loss became non-finite (${f.value})`;
    case 'params-non-finite':
      return `the parameters became non-finite (θ[${f.index}] = ${f.value})`;
    case 'out-of-bounds':
      return `the parameters left the bounds |θᵢ| ≤ ${f.bound.toExponential().replace('e+', 'e')} (θ[${f.index}] = ${f.value.toExponential(3)})`;
    case 'singular-system':
      return `singular Newton system (${f.det.toPrecision(3)})`;
  }
}

export interface MlpRun {
  optimizer: OptimizerConfig;
  /** Kept points × P, flat. */
  theta: Float64Array;
  /** Full objective (l2 included) and accuracy on all the data at each kept point. */
  loss: Float64Array;
  accuracy: Float64Array;
  /** Step index of each kept point. */
  index: Int32Array;
  /** Coordinates on the plane, flat [a₀, b₀, a₁, b₁, …]. */
  path: Float64Array;
  status: 'ok' | 'diverged';
  divergedAt: number | null;
  fault: MlpFault | null;
  reason: string | null;
  /** CONTRACT §4, with a schedule: the lr of the step leaving each kept point. */
  lr?: Float64Array;
  /** With an EMA: the averaged parameters at each kept point (kept × P, flat; ema[0] is θ₀), and their full objective. */
  ema?: Float64Array;
  emaLoss?: Float64Array;
  /** With clipping: 1 for each step whose gradient clipping changed. */
  clipped?: Uint8Array;
  /** With a batch size of its own: this racer's batches (null: full batch). */
  batches?: Batches | null;
}

export interface MlpGrid {
  n: number;
  a: [number, number];
  b: [number, number];
  /** Row-major: loss[j·n + i] at a = a₀ + i·(a₁ − a₀)/(n − 1), b = b₀ + j·(b₁ − b₀)/(n − 1). */
  loss: Float64Array;
}

export interface MlpResult {
  config: MlpRunConfig;
  data: Points;
  theta0: Float64Array;
  runs: MlpRun[];
  batches: Batches | null;
  plane: Plane;
  grid: MlpGrid | null;
}

export interface MlpShared {
  config: MlpRunConfig;
  data: Points;
  net: Network;
  theta0: Float64Array;
  batches: Batches | null;
  /** Batches by batch size, for racers with their own (null: full batch). */
  byBatchSize: Map<number, Batches | null>;
}

export function prepareMlp(config: MlpRunConfig): MlpShared {
  const p = config.surface.params;
  const own = config.surface.data;
  const data = own ? mlpDataPoints(own) : makeDataset(p.dataset, p.samples, p.dataNoise, p.dataSeed);
  const net = new Network(p.hidden, p.activation, data.x, data.t);
  const theta0 = net.init(p.initSeed);
  const batches = config.batchSize >= data.n ? null : makeBatches(data.n, config.batchSize, config.steps, config.seed);
  return { config, data, net, theta0, batches, byBatchSize: new Map([[config.batchSize, batches]]) };
}

/**
 * The batches of a racer of its own batch size B: the same epoch permutations (the seed's e-th
 * draw, whatever B) cut into batches of B, as on the 2-D data surfaces (CONTRACT §4).
 */
export function racerBatches(shared: MlpShared, B: number | undefined): Batches | null {
  if (B === undefined) return shared.batches;
  let b = shared.byBatchSize.get(B);
  if (b === undefined) {
    const { config, data } = shared;
    b = B >= data.n ? null : makeBatches(data.n, B, config.steps, config.seed);
    shared.byBatchSize.set(B, b);
  }
  return b;
}

/** The objective of step k: the batch's mean BCE plus (λ/2)‖θ‖², and its gradient. */
class MlpEnv implements StepEnv {
  readonly n: number;
  k = 0;
  /** With a recipe that clips inside the step (SAM, schedule-free): every gradient evaluated is clipped. */
  clipper: MlpRecipeRun | null = null;
  constructor(
    private readonly net: Network,
    private readonly batches: Batches | null,
    private readonly l2: number,
  ) {
    this.n = net.size;
  }

  evaluate(theta: Float64Array, g: Float64Array): number {
    const { net, batches, l2 } = this;
    let f: number;
    if (batches === null) {
      f = net.lossGrad(theta, null, 0, net.samples, g);
    } else {
      const from = batches.start[this.k];
      f = net.lossGrad(theta, batches.order, from, from + batches.size[this.k], g);
    }
    if (l2 !== 0) {
      for (let i = 0; i < theta.length; i++) g[i] += l2 * theta[i];
      f += l2Term(theta, l2);
    }
    if (this.clipper !== null) this.clipper.clip(this.k, g);
    return f;
  }

  hessian(): void {
    // Refused at config time (config.ts): no optimizer that needs a Hessian reaches here.
    throw new Error('the mlp surface has no Hessian');
  }
}

export interface MlpRunOptions {
  /** After each step: k (1-based), θ, the gradient it stepped with, the stepper. */
  onStep?: (k: number, theta: Float64Array, g: Float64Array, stepper: Stepper) => void;
}

export function runMlpOne(shared: MlpShared, opt: OptimizerConfig, options: MlpRunOptions = {}, recipe?: Recipe): MlpRun {
  const { config, net, theta0 } = shared;
  const batches = racerBatches(shared, recipe?.batchSize);
  const { steps, stride } = config;
  const l2 = config.surface.l2;
  const P = net.size;
  const stepper = implementations[opt.name].create(hyperOf(opt), P);
  const env = new MlpEnv(net, batches, l2);
  const cap = Math.floor(steps / stride) + 2;
  const thetas = new Float64Array(cap * P);
  const loss = new Float64Array(cap);
  const accuracy = new Float64Array(cap);
  const index = new Int32Array(cap);
  const theta = Float64Array.from(theta0);
  const g = new Float64Array(P);
  const la = new Float64Array(2);
  // θ at the last point reached (a diverging step overwrites θ; with stride > 1 that point may not be kept yet).
  const prev = new Float64Array(P);
  const onStep = options.onStep;
  const rec =
    recipe !== undefined && (recipe.schedule !== undefined || recipe.clip !== undefined || recipe.ema !== undefined)
      ? new MlpRecipeRun(recipe, stepper.lr, theta0, steps, cap)
      : null;
  if (rec !== null && recipe?.clip !== undefined && CLIPS_IN_STEP.includes(opt.name)) {
    rec.clipInEnv = true;
    env.clipper = rec;
  }
  let kept = 0;
  let untilKept = 0;
  let fault: MlpFault | null = null;
  let divergedAt = -1;
  let last = -1;
  let lastF = NaN;
  let lastA = NaN;
  for (let k = 0; ; k++) {
    let bad = -1;
    for (let i = 0; i < P; i++) {
      if (!(Math.abs(theta[i]) <= MAX_COORDINATE)) {
        bad = i;
        break;
      }
    }
    if (bad >= 0) {
      const v = theta[bad];
      fault = Number.isFinite(v)
        ? { code: 'out-of-bounds', index: bad, value: v, bound: MAX_COORDINATE }
        : { code: 'params-non-finite', index: bad, value: v };
      divergedAt = k;
      break;
    }
    const keep = untilKept === 0;
    if (keep || k === steps) {
      net.lossAccuracy(theta, la);
      const f = la[0] + l2Term(theta, l2);
      if (!Number.isFinite(f)) {
        fault = { code: 'loss-non-finite', value: f };
        divergedAt = k;
        break;
      }
      lastF = f;
      lastA = la[1];
    } else {
      lastF = NaN;
    }
    last = k;
    if (rec !== null) rec.mark();
    if (keep) {
      thetas.set(theta, kept * P);
      loss[kept] = lastF;
      accuracy[kept] = lastA;
      index[kept] = k;
      if (rec !== null) rec.keep(kept);
      kept++;
      untilKept = stride;
    }
    untilKept--;
    if (k === steps) break;
    if (stride > 1) prev.set(theta);
    env.k = k;
    env.evaluate(theta, g);
    if (rec !== null) rec.before(k, g, stepper);
    const why = stepper.step(theta, g, env);
    if (onStep !== undefined) onStep(k + 1, theta, g, stepper);
    if (why !== null) {
      fault = { code: 'singular-system', det: why.det };
      divergedAt = k + 1;
      break;
    }
    if (rec !== null) rec.after(theta);
  }
  // Whatever the stride, the last good point is kept (the loop stops before a bad point).
  if (last >= 0 && (kept === 0 || index[kept - 1] !== last)) {
    const at = fault === null ? theta : prev;
    thetas.set(at, kept * P);
    if (Number.isNaN(lastF)) {
      net.lossAccuracy(at, la);
      lastF = la[0] + l2Term(at, l2);
      lastA = la[1];
    }
    loss[kept] = lastF;
    accuracy[kept] = lastA;
    index[kept] = last;
    if (rec !== null) rec.keep(kept);
    kept++;
  }
  const run: MlpRun = {
    optimizer: opt,
    theta: thetas.slice(0, kept * P),
    loss: loss.slice(0, kept),
    accuracy: accuracy.slice(0, kept),
    index: index.slice(0, kept),
    path: new Float64Array(2 * kept),
    status: fault === null ? 'ok' : 'diverged',
    divergedAt: fault === null ? null : divergedAt,
    fault,
    reason: fault === null ? null : mlpFaultText(fault),
  };
  if (rec !== null) {
    if (rec.lr !== null) run.lr = rec.lr.slice(0, kept);
    if (rec.ema !== null) {
      const ema = rec.ema.slice(0, kept * P);
      run.ema = ema;
      // The average's full objective at each kept point (what an EMA is for: a smoother model to evaluate).
      const el = new Float64Array(kept);
      for (let j = 0; j < kept; j++) {
        const at = ema.subarray(j * P, (j + 1) * P);
        el[j] = net.loss(at) + l2Term(at, l2);
      }
      run.emaLoss = el;
    }
    if (rec.clipped !== null) run.clipped = rec.clipped;
  }
  if (recipe?.batchSize !== undefined) run.batches = batches;
  return run;
}

/** The n × n loss grid over the plane, covering every projected point with a 20 % margin. */
export function planeGrid(shared: MlpShared, plane: Plane, runs: readonly MlpRun[], n: number): MlpGrid {
  let a0 = 0;
  let a1 = 0;
  let b0 = 0;
  let b1 = 0;
  for (const r of runs) {
    for (let i = 0; i < r.path.length; i += 2) {
      a0 = Math.min(a0, r.path[i]);
      a1 = Math.max(a1, r.path[i]);
      b0 = Math.min(b0, r.path[i + 1]);
      b1 = Math.max(b1, r.path[i + 1]);
    }
  }
  const span = Math.max(a1 - a0, b1 - b0) || 1;
  const sa = Math.max(a1 - a0, 0.1 * span);
  const sb = Math.max(b1 - b0, 0.1 * span);
  const ca = (a0 + a1) / 2;
  const cb = (b0 + b1) / 2;
  const ra: [number, number] = [ca - 0.7 * sa, ca + 0.7 * sa];
  const rb: [number, number] = [cb - 0.7 * sb, cb + 0.7 * sb];
  return { n, a: ra, b: rb, loss: gridLoss(shared, plane, ra, rb, n) };
}

/** Full objective at θ₀ + a·u + b·v over an n × n grid of the ranges (row-major in b). */
export function gridLoss(shared: MlpShared, plane: Plane, ra: [number, number], rb: [number, number], n: number): Float64Array {
  const { net, theta0 } = shared;
  const l2 = shared.config.surface.l2;
  const { u, v } = plane;
  const P = net.size;
  const out = new Float64Array(n * n);
  const th = new Float64Array(P);
  for (let j = 0; j < n; j++) {
    const b = n === 1 ? rb[0] : rb[0] + ((rb[1] - rb[0]) * j) / (n - 1);
    for (let i = 0; i < n; i++) {
      const a = n === 1 ? ra[0] : ra[0] + ((ra[1] - ra[0]) * i) / (n - 1);
      for (let q = 0; q < P; q++) th[q] = theta0[q] + a * u[q] + b * v[q];
      out[j * n + i] = net.loss(th) + l2Term(th, l2);
    }
  }
  return out;
}

/** Fits the plane to every run's kept points and projects each path onto it. */
export function finishMlp(shared: MlpShared, runs: MlpRun[]): { plane: Plane; grid: MlpGrid | null } {
  const P = shared.net.size;
  const plane = computePlane({ blocks: runs.map((r) => r.theta), theta0: shared.theta0 });
  for (const r of runs) {
    const m = r.theta.length / P;
    for (let i = 0; i < m; i++) project(r.theta, i * P, shared.theta0, plane, r.path, 2 * i);
  }
  const grid = shared.config.plane ? planeGrid(shared, plane, runs, shared.config.plane.n) : null;
  return { plane, grid };
}

export function runMlp(config: MlpRunConfig, options: MlpRunOptions = {}): MlpResult {
  const shared = prepareMlp(config);
  const runs = config.optimizers.map((o, i) => runMlpOne(shared, o, options, config.recipes?.[i]));
  const { plane, grid } = finishMlp(shared, runs);
  return { config, data: shared.data, theta0: shared.theta0, runs, batches: shared.batches, plane, grid };
}
