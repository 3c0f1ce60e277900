/**
 * The full objective of a comparison, and the contour-plot grid.
 *
 * `makeObjective` adds the `l2` term (λ/2)·(x² + y²) of CONTRACT.md §1 to a surface:
 *
 *   F(θ) = f(θ) + (λ/2)·|θ|²,   ∇F = ∇f + λ·θ,   ∇²F = ∇²f + λ·I
 *
 * On data surfaces each per-sample loss carries the whole term, ℓᵢ + (λ/2)|θ|², so mini-batch
 * gradients are ∇(batch mean) + λθ and F stays the mean of the per-sample losses.
 */

import type { Domain, SurfaceCore, SurfaceDef, SurfaceParams } from './types';

/**
 * The `SurfaceCore` of `def` with `params`, plus the l2 term (λ = `l2` ≥ 0). For λ = 0 this is the
 * surface's own core (no wrapper, no extra cost). All functions stay allocation-free.
 */
export function makeObjective(def: SurfaceDef, params: SurfaceParams, l2: number): SurfaceCore {
  const core = def.create(params);
  return l2 === 0 ? core : withL2(core, l2);
}

/** `core` plus (λ/2)·(x² + y²). */
export function withL2(core: SurfaceCore, l2: number): SurfaceCore {
  const half = 0.5 * l2;
  const f = core.value;
  const fg = core.valueGrad;
  const fh = core.hessian;
  const fb = core.batchGrad;
  const fs = core.sampleLoss;
  return {
    value(x, y) {
      return f(x, y) + half * (x * x + y * y);
    },
    valueGrad(x, y, out) {
      const v = fg(x, y, out);
      out[0] += l2 * x;
      out[1] += l2 * y;
      return v + half * (x * x + y * y);
    },
    hessian(x, y, out) {
      fh(x, y, out);
      out[0] += l2;
      out[2] += l2;
    },
    n: core.n,
    batchGrad(x, y, idx, from, to, out) {
      fb(x, y, idx, from, to, out);
      out[0] += l2 * x;
      out[1] += l2 * y;
    },
    sampleLoss(i, x, y) {
      return fs(i, x, y) + half * (x * x + y * y);
    },
    data: core.data,
  };
}

/**
 * Values of `core` on an nx × ny grid of the domain's *corners*, row-major (index j·nx + i):
 *
 *   x_i = x0 + i·(x1 − x0)/(nx − 1),  i = 0 … nx − 1   (column 0 at the left edge x0, last at x1)
 *   y_j = y1 − j·(y1 − y0)/(ny − 1),  j = 0 … ny − 1   (row 0 at the top edge y1, last at y0)
 *
 * With nx = 1 (ny = 1) the single column (row) is at x0 (y1). Writes into `out` when it is given
 * and has length nx·ny (else allocates) and returns it.
 */
export function surfaceGrid(core: SurfaceCore, domain: Domain, nx: number, ny: number, out?: Float64Array): Float64Array {
  const size = nx * ny;
  const res = out && out.length === size ? out : new Float64Array(size);
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const dx = nx > 1 ? (x1 - x0) / (nx - 1) : 0;
  const dy = ny > 1 ? (y1 - y0) / (ny - 1) : 0;
  for (let j = 0; j < ny; j++) {
    // The last row/column is placed exactly on the edge (no accumulated rounding).
    const y = j === ny - 1 && ny > 1 ? y0 : y1 - j * dy;
    for (let i = 0; i < nx; i++) {
      const x = i === nx - 1 && nx > 1 ? x1 : x0 + i * dx;
      res[j * nx + i] = core.value(x, y);
    }
  }
  return res;
}
