/**
 * Helpers shared by the surface modules: parameter lookup, the boilerplate of an analytic
 * `SurfaceCore`, and a Newton solver on exact derivatives (used to refine critical points and to
 * find the minima of the data surfaces).
 */

import type { CriticalPoint, SurfaceCore, SurfaceParamSpec, SurfaceParams } from './types';

/**
 * The value of parameter `spec.key` in `params`, or the spec's default when it is missing or not
 * a finite number. (Range checks are the caller's business: the engine validates configs.)
 */
export function paramValue(params: SurfaceParams | undefined, spec: SurfaceParamSpec): number {
  const v = params?.[spec.key];
  return typeof v === 'number' && Number.isFinite(v) ? v : spec.default;
}

/**
 * Builds the `SurfaceCore` of an analytic surface (no dataset) from its three evaluation functions:
 * `n = 0`, `data = null`, `batchGrad` writes the full gradient (the index range is ignored) and
 * `sampleLoss` returns f.
 */
export function analyticCore(
  value: (x: number, y: number) => number,
  valueGrad: (x: number, y: number, out: Float64Array) => number,
  hessian: (x: number, y: number, out: Float64Array) => void,
): SurfaceCore {
  return {
    value,
    valueGrad,
    hessian,
    n: 0,
    batchGrad(x: number, y: number, _idx: Int32Array, _from: number, _to: number, out: Float64Array): void {
      valueGrad(x, y, out);
    },
    sampleLoss(_i: number, x: number, y: number): number {
      return value(x, y);
    },
    data: null,
  };
}

/** Largest |gradient component| accepted as "converged" by `newtonCritical` (absolute). */
const GRAD_TOL = 1e-13;

/**
 * Newton's method for ∇f = 0 from (x0, y0), on the exact gradient and Hessian: converges to the
 * nearby critical point of any kind (min or saddle). Plain full steps, so the start must already be
 * close (e.g. a point quoted to 6 digits). Returns the refined point; throws if it does not converge
 * or the Hessian is singular, so a wrong literal cannot pass silently.
 */
export function newtonCritical(core: SurfaceCore, x0: number, y0: number, maxIter = 50): [number, number] {
  const g = new Float64Array(2);
  const h = new Float64Array(3);
  let x = x0;
  let y = y0;
  for (let it = 0; it < maxIter; it++) {
    core.valueGrad(x, y, g);
    const scale = Math.max(1, Math.abs(x), Math.abs(y));
    // Always take at least one step, so that a start quoted to a few digits gets polished.
    if (it > 0 && Math.abs(g[0]) <= GRAD_TOL * scale && Math.abs(g[1]) <= GRAD_TOL * scale) return [x, y];
    core.hessian(x, y, h);
    const det = h[0] * h[2] - h[1] * h[1];
    if (det === 0 || !Number.isFinite(det)) throw new Error(`newtonCritical: singular Hessian at (${x}, ${y})`);
    const dx = (h[2] * g[0] - h[1] * g[1]) / det;
    const dy = (h[0] * g[1] - h[1] * g[0]) / det;
    x -= dx;
    y -= dy;
    if (dx === 0 && dy === 0) return [x, y];
  }
  core.valueGrad(x, y, g);
  // Floating-point noise may keep |g| just above GRAD_TOL on steep surfaces; accept a tiny residual.
  if (Math.abs(g[0]) + Math.abs(g[1]) < 1e-9) return [x, y];
  throw new Error(`newtonCritical: no convergence from (${x0}, ${y0})`);
}

/**
 * A minimum of f from (x0, y0): Newton steps where the Hessian is positive definite, gradient steps
 * elsewhere, each with a backtracking (Armijo) line search on f, then plain Newton to polish.
 * Robust enough for the small, smooth data surfaces; throws if it fails.
 */
export function minimize(core: SurfaceCore, x0: number, y0: number, maxIter = 500): [number, number] {
  const g = new Float64Array(2);
  const h = new Float64Array(3);
  let x = x0;
  let y = y0;
  let f = core.valueGrad(x, y, g);
  for (let it = 0; it < maxIter; it++) {
    const gn = Math.hypot(g[0], g[1]);
    if (gn < 1e-12) break;
    core.hessian(x, y, h);
    const det = h[0] * h[2] - h[1] * h[1];
    let dx: number;
    let dy: number;
    if (h[0] > 0 && det > 0) {
      dx = -(h[2] * g[0] - h[1] * g[1]) / det;
      dy = -(h[0] * g[1] - h[1] * g[0]) / det;
    } else {
      dx = -g[0];
      dy = -g[1];
    }
    const slope = dx * g[0] + dy * g[1]; // < 0: a descent direction
    let t = 1;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      const fNew = core.value(x + t * dx, y + t * dy);
      if (fNew <= f + 1e-4 * t * slope) {
        x += t * dx;
        y += t * dy;
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break; // no more decrease representable: polish below
    f = core.valueGrad(x, y, g);
  }
  const p = newtonCritical(core, x, y);
  core.hessian(p[0], p[1], h);
  if (!(h[0] > 0 && h[0] * h[2] - h[1] * h[1] > 0)) throw new Error(`minimize: (${p[0]}, ${p[1]}) is not a minimum`);
  return p;
}

/** A critical point record with f evaluated by `core`. */
export function criticalPoint(
  core: SurfaceCore,
  point: [number, number],
  kind: 'min' | 'saddle',
  global?: boolean,
): CriticalPoint {
  const cp: CriticalPoint = { point, value: core.value(point[0], point[1]), kind };
  if (global !== undefined) cp.global = global;
  return cp;
}
