/**
 * `saddle`: a saddle point between two minima.
 *
 *   f(x, y) = x² − y² + y⁴/4
 *
 *   ∂f/∂x = 2x      ∂f/∂y = −2y + y³
 *   ∂²f/∂x² = 2     ∂²f/∂x∂y = 0     ∂²f/∂y² = −2 + 3y²
 *
 * Minima: (0, ±√2), f = −1. Saddle point: (0, 0), f = 0, Hessian diag(2, −2). Started on the
 * x-axis, gradient methods slide into the saddle and stall there; plain Newton is attracted to it.
 */

import type { SurfaceCore, SurfaceDef } from './types';
import { analyticCore } from './util';

function value(x: number, y: number): number {
  const y2 = y * y;
  return x * x - y2 + 0.25 * y2 * y2;
}

const core: SurfaceCore = analyticCore(
  value,
  (x, y, out) => {
    const y2 = y * y;
    out[0] = 2 * x;
    out[1] = y * (y2 - 2);
    return x * x - y2 + 0.25 * y2 * y2;
  },
  (_x, y, out) => {
    out[0] = 2;
    out[1] = 0;
    out[2] = 3 * y * y - 2;
  },
);

export const saddle: SurfaceDef = {
  name: 'saddle',
  label: 'Saddle',
  kind: 'analytic',
  latex: String.raw`f(x,y)=x^2-y^2+\tfrac14 y^4`,
  axes: ['x', 'y'],
  params: [],
  domain: { x: [-2, 2], y: [-2, 2] },
  criticalPoints() {
    return [
      { point: [0, Math.SQRT2], value: -1, kind: 'min', global: true },
      { point: [0, -Math.SQRT2], value: -1, kind: 'min', global: true },
      { point: [0, 0], value: 0, kind: 'saddle' },
    ];
  },
  defaultStart: [1.5, 0.01],
  create() {
    return core;
  },
};
