/**
 * `sharpflat`: two minima of equal depth, one sharp and one flat (for SAM).
 *
 *   f(x, y) = P·q,   P = (x² − 1)² + y²,   q = e^(βx) + γ,   β = 2, γ = 0.1
 *
 * f ≥ 0 and f = 0 exactly where P = 0, at (1, 0) and (−1, 0): equal depth by construction. The
 * factor q scales the curvature: the Hessian at (±1, 0) is diag(8·q(±1), 2·q(±1)), i.e.
 * diag(59.9, 15.0) at the sharp minimum (1, 0) and diag(1.88, 0.47) at the flat one (−1, 0), a
 * ratio of e^(2β)-ish ≈ 32. γ > 0 keeps f growing like x⁴ for x → −∞ (no third, infinitely far
 * minimum). One saddle at (≈0.404, 0) separates them; there are no other critical points.
 *
 *   P_x = 4x(x² − 1)   P_y = 2y   P_xx = 12x² − 4   P_yy = 2   P_xy = 0
 *   q_x = βe^(βx)      q_xx = β²e^(βx)
 *   ∂f/∂x = P_x·q + P·q_x                 ∂f/∂y = 2y·q
 *   ∂²f/∂x² = P_xx·q + 2·P_x·q_x + P·q_xx   ∂²f/∂x∂y = 2y·q_x   ∂²f/∂y² = 2q
 *
 * e^(βx) is the project's engine-independent exp (../math/exp), so a link gives the same bits
 * in every browser and the CLI.
 */

import { exp } from '../math/exp';
import type { CriticalPoint, SurfaceCore, SurfaceDef } from './types';
import { analyticCore, criticalPoint, newtonCritical } from './util';

export const SHARPFLAT_BETA = 2;
export const SHARPFLAT_GAMMA = 0.1;
const B = SHARPFLAT_BETA;
const G = SHARPFLAT_GAMMA;

function value(x: number, y: number): number {
  const u = x * x - 1;
  return (u * u + y * y) * (exp(B * x) + G);
}

const core: SurfaceCore = analyticCore(
  value,
  (x, y, out) => {
    const u = x * x - 1;
    const P = u * u + y * y;
    const E = exp(B * x);
    const q = E + G;
    out[0] = 4 * x * u * q + P * B * E;
    out[1] = 2 * y * q;
    return P * q;
  },
  (x, y, out) => {
    const u = x * x - 1;
    const P = u * u + y * y;
    const E = exp(B * x);
    const q = E + G;
    const px = 4 * x * u;
    out[0] = (12 * x * x - 4) * q + 2 * px * B * E + P * B * B * E;
    out[1] = 2 * y * B * E;
    out[2] = 2 * q;
  },
);

let cached: CriticalPoint[] | null = null;

export const sharpflat: SurfaceDef = {
  name: 'sharpflat',
  label: 'Sharp and flat minima',
  kind: 'analytic',
  latex: String.raw`f(x,y)=\left((x^2-1)^2+y^2\right)\left(e^{2x}+0.1\right)`,
  axes: ['x', 'y'],
  params: [],
  domain: { x: [-2, 2], y: [-1.5, 1.5] },
  criticalPoints() {
    cached ??= [
      { point: [1, 0], value: 0, kind: 'min', global: true },
      { point: [-1, 0], value: 0, kind: 'min', global: true },
      criticalPoint(core, newtonCritical(core, 0.4, 0), 'saddle'),
    ];
    return cached.map((c) => ({ ...c, point: [c.point[0], c.point[1]] }));
  },
  defaultStart: [1.2, -0.4],
  create() {
    return core;
  },
};
