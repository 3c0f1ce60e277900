/**
 * `rastrigin`: Rastrigin's function, a bowl covered in a regular grid of local minima.
 *
 *   f(x, y) = 20 + x² − 10·cos(2πx) + y² − 10·cos(2πy)
 *
 *   ∂f/∂x = 2x + 20π·sin(2πx)         ∂f/∂y = 2y + 20π·sin(2πy)
 *   ∂²f/∂x² = 2 + 40π²·cos(2πx)       ∂²f/∂x∂y = 0       ∂²f/∂y² = 2 + 40π²·cos(2πy)
 *
 * Global minimum: (0, 0), f = 0. There is a local minimum near every integer point of the domain
 * (121 of them); only the global one and its eight neighbours (the first traps around it, refined
 * by Newton's method) are listed.
 */

import { cos, sin } from '../math/trig';
import type { CriticalPoint, SurfaceCore, SurfaceDef } from './types';
import { analyticCore, criticalPoint, newtonCritical } from './util';

const TWO_PI = 2 * Math.PI;
const A = 20 * Math.PI; // 10 · 2π
const B = 40 * Math.PI * Math.PI; // 10 · (2π)²

function value(x: number, y: number): number {
  return 20 + x * x - 10 * cos(TWO_PI * x) + y * y - 10 * cos(TWO_PI * y);
}

const core: SurfaceCore = analyticCore(
  value,
  (x, y, out) => {
    const ax = TWO_PI * x;
    const ay = TWO_PI * y;
    out[0] = 2 * x + A * sin(ax);
    out[1] = 2 * y + A * sin(ay);
    return 20 + x * x - 10 * cos(ax) + y * y - 10 * cos(ay);
  },
  (x, y, out) => {
    out[0] = 2 + B * cos(TWO_PI * x);
    out[1] = 0;
    out[2] = 2 + B * cos(TWO_PI * y);
  },
);

let cached: CriticalPoint[] | null = null;

export const rastrigin: SurfaceDef = {
  name: 'rastrigin',
  label: 'Rastrigin',
  kind: 'analytic',
  latex: String.raw`f(x,y)=20+x^2-10\cos(2\pi x)+y^2-10\cos(2\pi y)`,
  axes: ['x', 'y'],
  params: [],
  domain: { x: [-5.12, 5.12], y: [-5.12, 5.12] },
  criticalPoints() {
    if (!cached) {
      cached = [{ point: [0, 0], value: 0, kind: 'min', global: true }];
      for (let i = -1; i <= 1; i++) {
        for (let j = -1; j <= 1; j++) {
          if (i !== 0 || j !== 0) cached.push(criticalPoint(core, newtonCritical(core, i, j), 'min', false));
        }
      }
    }
    return cached.map((c) => ({ ...c, point: [c.point[0], c.point[1]] }));
  },
  defaultStart: [2.2, -1.7],
  create() {
    return core;
  },
};
