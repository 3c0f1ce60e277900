/**
 * `rosenbrock`: Rosenbrock's banana valley.
 *
 *   f(x, y) = (1 − x)² + 100·(y − x²)²
 *
 *   ∂f/∂x = −2(1 − x) − 400·x·(y − x²)      ∂f/∂y = 200·(y − x²)
 *   ∂²f/∂x² = 2 − 400·y + 1200·x²   ∂²f/∂x∂y = −400·x   ∂²f/∂y² = 200
 *
 * Minimum: (1, 1), f = 0, at the end of a long, curved, flat-bottomed valley along y = x².
 */

import type { SurfaceCore, SurfaceDef } from './types';
import { analyticCore } from './util';

function value(x: number, y: number): number {
  const a = 1 - x;
  const b = y - x * x;
  return a * a + 100 * b * b;
}

const core: SurfaceCore = analyticCore(
  value,
  (x, y, out) => {
    const a = 1 - x;
    const b = y - x * x;
    out[0] = -2 * a - 400 * x * b;
    out[1] = 200 * b;
    return a * a + 100 * b * b;
  },
  (x, y, out) => {
    out[0] = 2 - 400 * y + 1200 * x * x;
    out[1] = -400 * x;
    out[2] = 200;
  },
);

export const rosenbrock: SurfaceDef = {
  name: 'rosenbrock',
  label: 'Rosenbrock',
  kind: 'analytic',
  latex: String.raw`f(x,y)=(1-x)^2+100\,(y-x^2)^2`,
  axes: ['x', 'y'],
  params: [],
  domain: { x: [-2, 2], y: [-1, 3] },
  criticalPoints() {
    return [{ point: [1, 1], value: 0, kind: 'min', global: true }];
  },
  defaultStart: [-1.5, 2],
  create() {
    return core;
  },
};
