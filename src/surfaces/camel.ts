/**
 * `camel`: the six-hump camel function.
 *
 *   f(x, y) = (4 − 2.1x² + x⁴/3)·x² + xy + (−4 + 4y²)·y²
 *           = 4x² − 2.1x⁴ + x⁶/3 + xy − 4y² + 4y⁴
 *
 *   ∂f/∂x = 8x − 8.4x³ + 2x⁵ + y               ∂f/∂y = x − 8y + 16y³
 *   ∂²f/∂x² = 8 − 25.2x² + 10x⁴    ∂²f/∂x∂y = 1    ∂²f/∂y² = −8 + 48y²
 *
 * Six minima: two global ones at ≈ ±(0.0898, −0.7126), f ≈ −1.0316, and four local ones at
 * ≈ ±(−1.7036, 0.7961), f ≈ −0.2155, and ≈ ±(1.6071, 0.5687), f ≈ 2.1043; seven saddle points, one
 * of them at the origin (and two local maxima, not listed). All are refined to full precision by
 * Newton's method. f is even: f(−x, −y) = f(x, y).
 */

import type { CriticalPoint, SurfaceCore, SurfaceDef } from './types';
import { analyticCore, criticalPoint, newtonCritical } from './util';

function value(x: number, y: number): number {
  const x2 = x * x;
  const y2 = y * y;
  return ((4 - 2.1 * x2 + (x2 * x2) / 3) * x2 + x * y + (-4 + 4 * y2) * y2);
}

const core: SurfaceCore = analyticCore(
  value,
  (x, y, out) => {
    const x2 = x * x;
    const y2 = y * y;
    out[0] = x * (8 - 8.4 * x2 + 2 * x2 * x2) + y;
    out[1] = x + y * (16 * y2 - 8);
    return (4 - 2.1 * x2 + (x2 * x2) / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
  },
  (x, y, out) => {
    const x2 = x * x;
    out[0] = 8 - 25.2 * x2 + 10 * x2 * x2;
    out[1] = 1;
    out[2] = 48 * y * y - 8;
  },
);

/** Starting guesses (4-digit values), refined by Newton's method; `global` marks the two global minima. */
const POINTS: { p: [number, number]; kind: 'min' | 'saddle'; global?: boolean }[] = [
  { p: [0.0898, -0.7126], kind: 'min', global: true },
  { p: [-0.0898, 0.7126], kind: 'min', global: true },
  { p: [-1.7036, 0.7961], kind: 'min', global: false },
  { p: [1.7036, -0.7961], kind: 'min', global: false },
  { p: [-1.6071, -0.5687], kind: 'min', global: false },
  { p: [1.6071, 0.5687], kind: 'min', global: false },
  { p: [0, 0], kind: 'saddle' },
  { p: [-1.1092, 0.7683], kind: 'saddle' },
  { p: [1.1092, -0.7683], kind: 'saddle' },
  { p: [-1.6381, -0.2287], kind: 'saddle' },
  { p: [1.6381, 0.2287], kind: 'saddle' },
  { p: [-1.2961, -0.6051], kind: 'saddle' },
  { p: [1.2961, 0.6051], kind: 'saddle' },
];

let cached: CriticalPoint[] | null = null;

export const camel: SurfaceDef = {
  name: 'camel',
  label: 'Six-hump camel',
  kind: 'analytic',
  latex: String.raw`f(x,y)=\left(4-2.1x^2+\tfrac{x^4}{3}\right)x^2+xy+\left(-4+4y^2\right)y^2`,
  axes: ['x', 'y'],
  params: [],
  domain: { x: [-3, 3], y: [-2, 2] },
  criticalPoints() {
    cached ??= POINTS.map(({ p, kind, global }) => criticalPoint(core, newtonCritical(core, p[0], p[1]), kind, global));
    return cached.map((c) => ({ ...c, point: [c.point[0], c.point[1]] }));
  },
  defaultStart: [-1.5, 1],
  create() {
    return core;
  },
};
