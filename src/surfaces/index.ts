/**
 * The surface registry: every surface of CONTRACT.md §1 by name, analytic ones first in the
 * contract's order, then the data surfaces.
 */

import { beale } from './beale';
import { camel } from './camel';
import { himmelblau } from './himmelblau';
import { linreg } from './linreg';
import { logreg } from './logreg';
import { quadratic } from './quadratic';
import { rastrigin } from './rastrigin';
import { rosenbrock } from './rosenbrock';
import { saddle } from './saddle';
import { sharpflat } from './sharpflat';
import { tinynet } from './tinynet';
import type { SurfaceDef, SurfaceName } from './types';

export type * from './types';
export { makeObjective, surfaceGrid, withL2 } from './objective';

export const surfaces: Record<SurfaceName, SurfaceDef> = {
  quadratic,
  rosenbrock,
  beale,
  himmelblau,
  saddle,
  rastrigin,
  camel,
  sharpflat,
  linreg,
  logreg,
  tinynet,
};

/** All surface names: the analytic ones in the contract's order, then the data surfaces. */
export const surfaceNames: SurfaceName[] = [
  'quadratic',
  'rosenbrock',
  'beale',
  'himmelblau',
  'saddle',
  'rastrigin',
  'camel',
  'sharpflat',
  'linreg',
  'logreg',
  'tinynet',
];

export function isSurfaceName(s: string): s is SurfaceName {
  return Object.prototype.hasOwnProperty.call(surfaces, s);
}

/** The surface called `name`, or undefined for an unknown name. */
export function getSurface(name: string): SurfaceDef | undefined {
  return isSurfaceName(name) ? surfaces[name] : undefined;
}

/** The default value of each of `def`'s parameters, e.g. { kappa: 10, angle: 0 } for `quadratic`. */
export function defaultSurfaceParams(def: SurfaceDef): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of def.params) out[p.key] = p.default;
  return out;
}
