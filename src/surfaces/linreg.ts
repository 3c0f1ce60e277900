/**
 * `linreg`: least-squares linear regression, θ = (w, b), on the shipped dataset (xᵢ, yᵢ), n = 64.
 *
 *   ℓᵢ(w, b) = ½(w·xᵢ + b − yᵢ)²,   f = (1/n)·Σᵢ ℓᵢ
 *
 * With the residual rᵢ = w·xᵢ + b − yᵢ:
 *   ∂ℓᵢ/∂w = rᵢ·xᵢ        ∂ℓᵢ/∂b = rᵢ
 *   ∂²f/∂w² = mean(xᵢ²)   ∂²f/∂w∂b = mean(xᵢ)   ∂²f/∂b² = 1       (constant)
 *
 * The x values are not centred (x ∈ [1, 5]), so w and b are strongly coupled: the bowl is a
 * tilted ravine along b ≈ −mean(x)·w + const, with condition number ≈ 100. The unique minimum is the
 * least-squares fit, found in closed form from the normal equations.
 */

import raw from './data/linreg.json';
import type { CriticalPoint, SurfaceCore, SurfaceDef } from './types';
import { criticalPoint } from './util';

/** A linear-regression core over (xᵢ, yᵢ) (the shipped data, or a user's: src/engine/userdata.ts), with its least-squares minimum. */
export function makeLinregCore(X: Float64Array, Y: Float64Array): { core: SurfaceCore; leastSquares: () => [number, number] } {
  const N = X.length;
  const INV_N = 1 / N;

  let sx = 0;
  let sxx = 0;
  let sy = 0;
  let sxy = 0;
  for (let i = 0; i < N; i++) {
    sx += X[i];
    sxx += X[i] * X[i];
    sy += Y[i];
    sxy += X[i] * Y[i];
  }
  /** Hessian entries (constant): mean(x²), mean(x), 1. */
  const HWW = sxx * INV_N;
  const HWB = sx * INV_N;

  function value(w: number, b: number): number {
    let s = 0;
    for (let i = 0; i < N; i++) {
      const r = w * X[i] + b - Y[i];
      s += r * r;
    }
    return 0.5 * s * INV_N;
  }

  const core: SurfaceCore = {
    value,
    valueGrad(w, b, out) {
      let s = 0;
      let gw = 0;
      let gb = 0;
      for (let i = 0; i < N; i++) {
        const xi = X[i];
        const r = w * xi + b - Y[i];
        s += r * r;
        gw += r * xi;
        gb += r;
      }
      out[0] = gw * INV_N;
      out[1] = gb * INV_N;
      return 0.5 * s * INV_N;
    },
    hessian(_w, _b, out) {
      out[0] = HWW;
      out[1] = HWB;
      out[2] = 1;
    },
    n: N,
    batchGrad(w, b, idx, from, to, out) {
      let gw = 0;
      let gb = 0;
      for (let k = from; k < to; k++) {
        const i = idx[k];
        const xi = X[i];
        const r = w * xi + b - Y[i];
        gw += r * xi;
        gb += r;
      }
      const m = to - from;
      out[0] = m > 0 ? gw / m : 0;
      out[1] = m > 0 ? gb / m : 0;
    },
    sampleLoss(i, w, b) {
      const r = w * X[i] + b - Y[i];
      return 0.5 * r * r;
    },
    data: { kind: 'xy', x: X, y: Y },
  };

  /** The least-squares solution of the normal equations [[Σx², Σx], [Σx, n]]·(w, b) = (Σxy, Σy). */
  function leastSquares(): [number, number] {
    const det = N * sxx - sx * sx;
    return [(N * sxy - sx * sy) / det, (sxx * sy - sx * sxy) / det];
  }
  return { core, leastSquares };
}

const { core, leastSquares } = makeLinregCore(Float64Array.from(raw.x), Float64Array.from(raw.y));

let cached: CriticalPoint[] | null = null;

export const linreg: SurfaceDef = {
  name: 'linreg',
  label: 'Linear regression',
  kind: 'data',
  latex: String.raw`f(w,b)=\frac1n\sum_{i=1}^{n}\tfrac12\left(w\,x_i+b-y_i\right)^2`,
  axes: ['w', 'b'],
  params: [],
  domain: { x: [-1.5, 3], y: [-3, 6] },
  criticalPoints() {
    cached ??= [criticalPoint(core, leastSquares(), 'min', true)];
    return cached.map((c) => ({ ...c, point: [c.point[0], c.point[1]] }));
  },
  defaultStart: [-1, -2],
  create() {
    return core;
  },
};
