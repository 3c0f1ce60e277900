/**
 * `himmelblau`: Himmelblau's function, four equal minima.
 *
 *   f(x, y) = a² + b²,  a = x² + y − 11,  b = x + y² − 7
 *
 *   ∂f/∂x = 4x·a + 2b                 ∂f/∂y = 2a + 4y·b
 *   ∂²f/∂x² = 12x² + 4y − 42          ∂²f/∂x∂y = 4(x + y)          ∂²f/∂y² = 12y² + 4x − 26
 *
 * Minima (all f = 0): (3, 2) exactly, and three irrational ones, refined here to full double
 * precision by Newton's method from the usual 6-digit values. Four saddle points separate them;
 * the local maximum near (−0.2708, −0.9230) is not listed (CriticalPoint has no 'max' kind).
 */

import type { CriticalPoint, SurfaceCore, SurfaceDef } from './types';
import { analyticCore, criticalPoint, newtonCritical } from './util';

function value(x: number, y: number): number {
  const a = x * x + y - 11;
  const b = x + y * y - 7;
  return a * a + b * b;
}

const core: SurfaceCore = analyticCore(
  value,
  (x, y, out) => {
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    out[0] = 4 * x * a + 2 * b;
    out[1] = 2 * a + 4 * y * b;
    return a * a + b * b;
  },
  (x, y, out) => {
    out[0] = 12 * x * x + 4 * y - 42;
    out[1] = 4 * (x + y);
    out[2] = 12 * y * y + 4 * x - 26;
  },
);

/** Starting guesses (rounded literature values), refined once by Newton's method. */
const MINIMA: [number, number][] = [
  [3, 2],
  [-2.805118, 3.131312],
  [-3.77931, -3.283186],
  [3.584428, -1.848126],
];
const SADDLES: [number, number][] = [
  [0.086677, 2.884255],
  [-3.073026, -0.081353],
  [-0.127961, -1.953715],
  [3.385154, 0.073852],
];

let cached: CriticalPoint[] | null = null;

export const himmelblau: SurfaceDef = {
  name: 'himmelblau',
  label: 'Himmelblau',
  kind: 'analytic',
  latex: String.raw`f(x,y)=(x^2+y-11)^2+(x+y^2-7)^2`,
  axes: ['x', 'y'],
  params: [],
  domain: { x: [-5, 5], y: [-5, 5] },
  criticalPoints() {
    cached ??= [
      ...MINIMA.map(([x, y]) => {
        const cp = criticalPoint(core, newtonCritical(core, x, y), 'min', true);
        cp.value = 0; // exact; the refined point evaluates to ~1e-28
        return cp;
      }),
      ...SADDLES.map(([x, y]) => criticalPoint(core, newtonCritical(core, x, y), 'saddle')),
    ];
    return cached.map((c) => ({ ...c, point: [c.point[0], c.point[1]] }));
  },
  defaultStart: [0, 0],
  create() {
    return core;
  },
};
