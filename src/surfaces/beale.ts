/**
 * `beale`: Beale's function, flat plateaus and sharp ridges.
 *
 *   f(x, y) = r₁² + r₂² + r₃²,  r₁ = 1.5 − x + xy,  r₂ = 2.25 − x + xy²,  r₃ = 2.625 − x + xy³
 *
 * With the residual derivatives
 *   ∂r₁/∂x = y − 1,   ∂r₂/∂x = y² − 1,   ∂r₃/∂x = y³ − 1     (∂²rᵢ/∂x² = 0)
 *   ∂r₁/∂y = x,       ∂r₂/∂y = 2xy,      ∂r₃/∂y = 3xy²
 *   ∂²r₁/∂x∂y = 1,    ∂²r₂/∂x∂y = 2y,    ∂²r₃/∂x∂y = 3y²
 *   ∂²r₁/∂y² = 0,     ∂²r₂/∂y² = 2x,     ∂²r₃/∂y² = 6xy
 * the derivatives of f are
 *   ∂f/∂x = 2Σ rᵢ·∂rᵢ/∂x                     ∂f/∂y = 2Σ rᵢ·∂rᵢ/∂y
 *   ∂²f/∂x² = 2Σ (∂rᵢ/∂x)²
 *   ∂²f/∂x∂y = 2Σ (∂rᵢ/∂x·∂rᵢ/∂y + rᵢ·∂²rᵢ/∂x∂y)
 *   ∂²f/∂y² = 2Σ ((∂rᵢ/∂y)² + rᵢ·∂²rᵢ/∂y²)
 *
 * Global minimum: (3, 0.5), f = 0. Saddle points: (0, 1), f = 14.203125 (on the line x = 0 the
 * residuals are constant and ∂f/∂x vanishes only at y = 1), and ≈ (0.10054, −2.64451), f ≈ 9.8645
 * (refined by Newton's method).
 */

import type { SurfaceCore, SurfaceDef } from './types';
import { analyticCore, criticalPoint, newtonCritical } from './util';

function value(x: number, y: number): number {
  const y2 = y * y;
  const y3 = y2 * y;
  const r1 = 1.5 - x + x * y;
  const r2 = 2.25 - x + x * y2;
  const r3 = 2.625 - x + x * y3;
  return r1 * r1 + r2 * r2 + r3 * r3;
}

const core: SurfaceCore = analyticCore(
  value,
  (x, y, out) => {
    const y2 = y * y;
    const y3 = y2 * y;
    const r1 = 1.5 - x + x * y;
    const r2 = 2.25 - x + x * y2;
    const r3 = 2.625 - x + x * y3;
    out[0] = 2 * (r1 * (y - 1) + r2 * (y2 - 1) + r3 * (y3 - 1));
    out[1] = 2 * x * (r1 + 2 * y * r2 + 3 * y2 * r3);
    return r1 * r1 + r2 * r2 + r3 * r3;
  },
  (x, y, out) => {
    const y2 = y * y;
    const y3 = y2 * y;
    const r1 = 1.5 - x + x * y;
    const r2 = 2.25 - x + x * y2;
    const r3 = 2.625 - x + x * y3;
    const a1 = y - 1; // ∂rᵢ/∂x
    const a2 = y2 - 1;
    const a3 = y3 - 1;
    const b1 = x; // ∂rᵢ/∂y
    const b2 = 2 * x * y;
    const b3 = 3 * x * y2;
    out[0] = 2 * (a1 * a1 + a2 * a2 + a3 * a3);
    out[1] = 2 * (a1 * b1 + a2 * b2 + a3 * b3 + r1 + 2 * y * r2 + 3 * y2 * r3);
    out[2] = 2 * (b1 * b1 + b2 * b2 + b3 * b3 + 2 * x * r2 + 6 * x * y * r3);
  },
);

export const beale: SurfaceDef = {
  name: 'beale',
  label: 'Beale',
  kind: 'analytic',
  latex: String.raw`f(x,y)=(1.5-x+xy)^2+(2.25-x+xy^2)^2+(2.625-x+xy^3)^2`,
  axes: ['x', 'y'],
  params: [],
  domain: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
  criticalPoints() {
    return [
      { point: [3, 0.5], value: 0, kind: 'min', global: true },
      { point: [0, 1], value: 14.203125, kind: 'saddle' },
      criticalPoint(core, newtonCritical(core, 0.100538, -2.644514), 'saddle'),
    ];
  },
  defaultStart: [1, 1.5],
  create() {
    return core;
  },
};
