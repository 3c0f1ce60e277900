/**
 * Surface types. A surface is a loss f(θ), θ = (x, y), with an exact gradient and Hessian.
 *
 * `SurfaceDef` is the declarative description (looked up by name in the registry);
 * `create(params)` returns a `SurfaceCore` with allocation-free evaluation functions.
 * l2 is added by `makeObjective` (objective.ts); noise is applied by the engine (src/engine).
 */

export type AnalyticSurfaceName =
  | 'quadratic'
  | 'rosenbrock'
  | 'beale'
  | 'himmelblau'
  | 'saddle'
  | 'rastrigin'
  | 'camel'
  | 'sharpflat';
export type DataSurfaceName = 'linreg' | 'logreg' | 'tinynet';
/** The surfaces of CONTRACT.md §1, in the registry. */
export type BuiltinSurfaceName = AnalyticSurfaceName | DataSurfaceName;
/** `custom` (CONTRACT.md §8) is the user's own function f(x, y), built from its params. */
export type SurfaceName = BuiltinSurfaceName | 'custom';

/** The plotting domain as `custom` takes it: [[x0, x1], [y0, y1]]. */
export type DomainPair = [[number, number], [number, number]];
/** A surface parameter: a number, or for `custom` the expression `f` and its `domain`. */
export type SurfaceParamValue = number | string | DomainPair;
/** Surface parameters, e.g. { kappa: 10, angle: 0 }, or { f: 'x^2 + y^2', domain: [[-2, 2], [-2, 2]] }. */
export type SurfaceParams = Record<string, SurfaceParamValue>;

export interface SurfaceParamSpec {
  key: string;
  label: string;
  help: string;
  default: number;
  min: number;
  max: number;
  scale: 'log' | 'linear';
  step?: number;
}

export interface CriticalPoint {
  point: [number, number];
  value: number;
  kind: 'min' | 'saddle';
  /** Global minimum (vs a local one)? */
  global?: boolean;
  /** Found by a numerical search (the `custom` surface), not known in closed form. */
  numerical?: boolean;
}

export interface Domain {
  x: [number, number];
  y: [number, number];
}

/** For data surfaces: the dataset shipped with the project. */
export type Dataset =
  | { kind: 'xy'; x: Float64Array; y: Float64Array }
  | { kind: 'abt'; a: Float64Array; b: Float64Array; t: Float64Array };

export interface SurfaceCore {
  /** f(x, y) (without l2). */
  value(x: number, y: number): number;
  /** Writes ∇f into out[0], out[1]; returns f. No allocation. */
  valueGrad(x: number, y: number, out: Float64Array): number;
  /** Writes the Hessian [fxx, fxy, fyy] into out[0..2]. No allocation. */
  hessian(x: number, y: number, out: Float64Array): void;
  /** Data surfaces: number of samples; 0 for analytic surfaces. */
  n: number;
  /**
   * Data surfaces only: writes the mean of the per-sample gradients over the samples
   * idx[from], ..., idx[to - 1] into out[0], out[1]. No allocation.
   */
  batchGrad(x: number, y: number, idx: Int32Array, from: number, to: number, out: Float64Array): void;
  /** Data surfaces only: the per-sample loss ℓᵢ(x, y). */
  sampleLoss(i: number, x: number, y: number): number;
  /** Data surfaces only: the dataset. */
  data: Dataset | null;
}

export interface SurfaceDef {
  name: SurfaceName;
  label: string;
  kind: 'analytic' | 'data';
  /** f as a formula in LaTeX (KaTeX-compatible). */
  latex: string;
  /** Names of θ's coordinates, e.g. ['x', 'y'] or ['w', 'b']. */
  axes: [string, string];
  params: SurfaceParamSpec[];
  domain: Domain;
  /** Known minima and saddle points, for the given params. */
  criticalPoints(params: SurfaceParams): CriticalPoint[];
  defaultStart: [number, number];
  create(params: SurfaceParams): SurfaceCore;
}
