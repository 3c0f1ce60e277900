/**
 * The one typed protocol between the main thread and the engine worker.
 *
 * The main thread imports only types from this file (plus the tiny `latest` helper); the worker
 * (`engine.worker.ts`) exposes an object implementing `EngineApi` with comlink, and the store talks
 * to it through an `EngineClient` (the real one wraps the worker; tests use an in-process one).
 *
 * Every request carries an `id` from a monotonically increasing counter; a reply is applied only
 * when its id is the latest one requested, so a superseded result is never drawn.
 */
import type { ComparisonResult, RunStatus, SurfaceConfig } from '../engine/types';
import type { OptimizerConfig } from '../optim/types';
import type { Dataset, Domain } from '../surfaces/types';

/** The contour grid of a surface: values of the full objective (l2 included) and its levels. */
export interface GridRequest {
  id: number;
  surface: SurfaceConfig;
  /** Grid size (values per row, rows). */
  nx: number;
  ny: number;
}

/**
 * Filled-contour geometry, flattened into typed arrays (transferable). Level k is the region
 * f ≥ thresholds[k]: rings levelStart[k] … levelStart[k+1]−1; ring r has the points
 * ringStart[r] … ringStart[r+1]−1, whose domain coordinates are coords[2p], coords[2p+1].
 */
export interface ContourSet {
  thresholds: Float64Array;
  levelStart: Int32Array;
  ringStart: Int32Array;
  coords: Float32Array;
}

export interface GridResult {
  id: number;
  surface: SurfaceConfig;
  domain: Domain;
  nx: number;
  ny: number;
  /** Row-major, row 0 at the top (y = domain.y[1]). */
  values: Float64Array;
  min: number;
  max: number;
  /** Are the levels log-spaced (min + geometric spacing)? */
  logLevels: boolean;
  contours: ContourSet;
  /** Data surfaces: the number of samples and the dataset; 0 and null otherwise. */
  n: number;
  data: Dataset | null;
}

export interface RunRequest {
  id: number;
  /** A config as the contract describes it (normalised by the worker). */
  config: unknown;
}

export type RunReply =
  | { id: number; ok: true; result: ComparisonResult; ms: number }
  | { id: number; ok: false; field: string | null; message: string };

/** The step-by-step internals of one racer (`traceRacer`), for the explanation panel and overlay. */
export interface TraceRequest {
  id: number;
  /** The config of the run being shown (normalised again by the worker). */
  config: unknown;
  /** Which racer of the config. */
  index: number;
}

/**
 * A racer's trace (see src/engine/trace.ts): for step k = 1 … steps, `grad[2(k−1)…]` is the gradient
 * the optimizer was given, `state[(k−1)·S…]` its state after the step, `delta[2(k−1)…]` the step
 * taken; `path[2k…]` is θₖ (every step, path[0…1] the start). `hessian[3(k−1)…]` = [hxx, hxy, hyy]
 * of the full objective at θₖ₋₁, for optimizers that use it (Newton), else null.
 */
export interface TraceData {
  index: number;
  optimizer: OptimizerConfig;
  steps: number;
  stateLabels: string[];
  grad: Float64Array;
  state: Float64Array;
  delta: Float64Array;
  path: Float64Array;
  hessian: Float64Array | null;
  status: RunStatus;
  divergedAt: number | null;
  reason: string | null;
}

export type TraceReply =
  | { id: number; ok: true; trace: TraceData; ms: number }
  | { id: number; ok: false; message: string };

/** What the worker exposes. */
export interface EngineApi {
  grid(req: GridRequest): GridResult | Promise<GridResult>;
  run(req: RunRequest): RunReply | Promise<RunReply>;
  trace(req: TraceRequest): TraceReply | Promise<TraceReply>;
}

/** What the store uses: the worker behind comlink, or an in-process engine in tests. */
export interface EngineClient {
  grid(req: GridRequest): Promise<GridResult>;
  run(req: RunRequest): Promise<RunReply>;
  /** Optional: an engine without it (a test double) simply has no explanations. */
  trace?(req: TraceRequest): Promise<TraceReply>;
  dispose(): void;
}
