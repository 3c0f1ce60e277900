/**
 * The one typed protocol between the main thread and the engine worker.
 *
 * The main thread imports only types from this file (plus `session.ts`); the worker
 * (`engine.worker.ts`) exposes an object implementing `EngineApi` with comlink, and the store talks
 * to it through an `EngineSession` over an `EngineClient` (the real one wraps the worker; tests use
 * an in-process one).
 *
 * Two requests: the contour grid of a surface, and a run — the race of a config, with the
 * step-by-step trace of one racer when the explanation panel shows one, in the same reply (so the
 * path and its explanation always come from the same computation). Staleness is handled in one
 * place, `session.ts`: a reply that a newer request superseded resolves to null there.
 */
import type { ComparisonResult, RunStatus, SurfaceConfig } from '../engine/types';
import type { RunFault } from '../engine/faults';
import type { Recipe } from '../engine/recipe';
import type { OptimizerConfig } from '../optim/types';
import type { Dataset, Domain } from '../surfaces/types';

/** The contour grid of a surface: values of the full objective (l2 included) and its levels. */
export interface GridRequest {
  id: number;
  surface: SurfaceConfig;
  /** Grid size (values per row, rows). */
  nx: number;
  ny: number;
  /**
   * The domain to cover (the plot's view, at equal scale); the surface's own domain when absent.
   * The levels are chosen from the values inside the surface's domain either way.
   */
  domain?: Domain;
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
  /** The racer (index into the config's optimizers) whose trace the reply carries; none when absent or null. */
  trace?: number | null;
}

export type RunReply =
  | {
      id: number;
      ok: true;
      result: ComparisonResult;
      /** The trace of racer `trace` of the request, or null (none asked, or it failed: see traceError). */
      trace: TraceData | null;
      traceError: string | null;
      ms: number;
    }
  /** A bad setting (a ConfigError: `field` names it), or with `internal` a computation that threw (a bug in Descent). */
  | { id: number; ok: false; field: string | null; message: string; internal?: boolean };

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
  /** With a schedule (CONTRACT §4): the lr of the step leaving each point θ₀ … θ_steps. */
  lr?: Float64Array;
  /** With OneCycle's cycleMomentum: the momentum (or β₁) step k used, momentum[k−1] (see engine/trace.ts). */
  momentum?: Float64Array;
  /** The racer's recipe (CONTRACT §4), when it has one. */
  recipe?: Recipe;
  /** With clipping: the gradient clipping acted on at step k, before and after it, rawGrad[2(k−1)…] (see engine/trace.ts). */
  rawGrad?: Float64Array;
  clippedGrad?: Float64Array;
  /** SAM, schedule-free: clipping acted on the stepper's own gradient (at θ + e, at y), not on `grad`. */
  clipsOwn?: boolean;
  /** With clipping: 1 where clipping changed step k's gradient, clipped[k−1]. */
  clipped?: Uint8Array;
  /** With an EMA: the averaged parameters after step k, ema[2(k−1)…]. */
  ema?: Float64Array;
  status: RunStatus;
  divergedAt: number | null;
  /** Why the traced run stopped, as a code with values (the interface words it), or null. */
  fault: RunFault | null;
  reason: string | null;
}

/** What the worker exposes. */
export interface EngineApi {
  grid(req: GridRequest): GridResult | Promise<GridResult>;
  run(req: RunRequest): RunReply | Promise<RunReply>;
}

/** What a session talks to: the worker behind comlink, or an in-process engine in tests. */
export interface EngineClient {
  grid(req: GridRequest): Promise<GridResult>;
  run(req: RunRequest): Promise<RunReply>;
  /** True once the engine can no longer answer (its worker failed): the store then starts a new one. */
  isDead?(): boolean;
  dispose(): void;
}
