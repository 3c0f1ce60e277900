/**
 * `quadratic`: an ill-conditioned, rotated quadratic bowl.
 *
 *   f(x, y) = ½(u² + κ·v²),  u = x·cos a + y·sin a,  v = −x·sin a + y·cos a
 *
 * κ (`kappa`) is the condition number of the Hessian and `angle` a (degrees) rotates the bowl.
 * With c = cos a, s = sin a:
 *
 *   ∂f/∂x = c·u − κ·s·v          ∂f/∂y = s·u + κ·c·v
 *   ∂²f/∂x² = c² + κ·s²          ∂²f/∂x∂y = c·s·(1 − κ)          ∂²f/∂y² = s² + κ·c²
 *
 * The Hessian is constant; its eigenvalues are 1 (along (c, s)) and κ (along (−s, c)).
 * Minimum: (0, 0), f = 0.
 */

import { cos, sin } from '../math/trig';
import type { SurfaceDef, SurfaceParamSpec } from './types';
import { analyticCore, paramValue } from './util';

const kappaSpec: SurfaceParamSpec = {
  key: 'kappa',
  label: 'condition number κ',
  help: 'Ratio of the steepest to the shallowest curvature: the larger, the narrower the valley.',
  default: 10,
  min: 1,
  max: 1000,
  scale: 'log',
};

const angleSpec: SurfaceParamSpec = {
  key: 'angle',
  label: 'rotation (degrees)',
  help: 'Rotates the bowl; at 0 the valley is aligned with the axes, which favours per-coordinate methods.',
  default: 0,
  min: -90,
  max: 90,
  scale: 'linear',
  step: 1,
};

export const quadratic: SurfaceDef = {
  name: 'quadratic',
  label: 'Quadratic bowl',
  kind: 'analytic',
  latex: String.raw`f(x,y)=\tfrac12\left(u^2+\kappa\,v^2\right),\quad u=x\cos a+y\sin a,\ v=-x\sin a+y\cos a`,
  axes: ['x', 'y'],
  params: [kappaSpec, angleSpec],
  domain: { x: [-4, 4], y: [-4, 4] },
  criticalPoints() {
    return [{ point: [0, 0], value: 0, kind: 'min', global: true }];
  },
  defaultStart: [-3.5, 2],
  create(params) {
    const kappa = paramValue(params, kappaSpec);
    const a = (paramValue(params, angleSpec) * Math.PI) / 180;
    const c = cos(a);
    const s = sin(a);
    const hxx = c * c + kappa * s * s;
    const hxy = c * s * (1 - kappa) + 0; // + 0 turns −0 (angle 0, κ > 1) into 0
    const hyy = s * s + kappa * c * c;
    return analyticCore(
      (x, y) => {
        const u = c * x + s * y;
        const v = c * y - s * x;
        return 0.5 * (u * u + kappa * v * v);
      },
      (x, y, out) => {
        const u = c * x + s * y;
        const v = c * y - s * x;
        out[0] = c * u - kappa * s * v;
        out[1] = s * u + kappa * c * v;
        return 0.5 * (u * u + kappa * v * v);
      },
      (_x, _y, out) => {
        out[0] = hxx;
        out[1] = hxy;
        out[2] = hyy;
      },
    );
  },
};
