import type { OptimizerConfig } from '../optim/types';
import type { RunFault } from './faults';
import type { SurfaceName, SurfaceParams } from '../surfaces/types';
import type { UserData } from './userdata';
import type { Recipe } from './recipe';

/** The surface part of a config (what a share link encodes), normalised: every field present. */
export interface SurfaceConfig {
  name: SurfaceName;
  /** Surface parameters, e.g. { kappa: 10, angle: 0 } for `quadratic`; {} for most; { f, domain } for `custom`. */
  params: SurfaceParams;
  /** λ ≥ 0: adds (λ/2)(x² + y²) to f. */
  l2: number;
  /** σ ≥ 0, analytic surfaces only: simulated mini-batch noise g + σξ/√B. */
  noise: number;
  /** linreg, logreg: a data set of one's own (issue 16), in place of the shipped one; absent for the shipped one. */
  data?: UserData;
}

/** A normalised run config: the CLI's input and the worker's input. See CONTRACT.md §3. */
export interface RunConfig {
  surface: SurfaceConfig;
  /** Normalised: every hyperparameter of each optimizer present, defaults filled in. */
  optimizers: OptimizerConfig[];
  start: [number, number];
  steps: number;
  /** Mini-batch size B, 1 … n on data surfaces (n = full batch); on analytic surfaces B only scales the simulated noise. */
  batchSize: number;
  seed: number;
  /** Keep every k-th point of each path plus the last. */
  stride: number;
  /**
   * CONTRACT §4: each racer's recipe (batchSize, schedule, clip, ema), parallel to `optimizers`;
   * present only when some racer has one.
   */
  recipes?: Recipe[];
}

export type RunStatus = 'ok' | 'diverged';

export interface RunResult {
  optimizer: OptimizerConfig;
  /** Kept points, flat: [x0, y0, x1, y1, ...]. path[0] is the start. */
  path: Float64Array;
  /** Full-objective loss (l2 included) at each kept point. */
  loss: Float64Array;
  /** Step index of each kept point (0, stride, 2·stride, ..., last). */
  index: Int32Array;
  status: RunStatus;
  /** Index of the first step whose point was non-finite or out of bounds (that point is not in `path`). */
  divergedAt: number | null;
  /** Why it diverged, as a code with values (the interface words it), or null. */
  fault: RunFault | null;
  /** The same in English (CONTRACT §3's `reason`), or null. */
  reason: string | null;
  /** With a schedule: the lr of the step leaving each kept point (the last: after the last scheduler step). */
  lr?: Float64Array;
  /** With an EMA: the averaged parameters at each kept point, flat like `path` (ema[0] is the start). */
  ema?: Float64Array;
  /** With clipping: 1 for each step k (leaving point k) whose gradient clipping changed. */
  clipped?: Uint8Array;
  /** With its own batch size: this racer's batches (data surfaces; null when it is full-batch). */
  batches?: { order: Int32Array; start: Int32Array; size: Int32Array } | null;
}

export interface ComparisonResult {
  config: RunConfig;
  runs: RunResult[];
  /**
   * Data surfaces only: the batches, shared by every run. Step s (1-based: the step that moves
   * from point s-1 to point s) used samples `batchOrder[batchStart[s-1] .. batchStart[s-1] + batchSize[s-1])`.
   */
  batches: { order: Int32Array; start: Int32Array; size: Int32Array } | null;
}
