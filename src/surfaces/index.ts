/**
 * The surface registry: every surface of CONTRACT.md §1 by name, analytic ones first in the
 * contract's order, then the data surfaces.
 */

import { beale } from './beale';
import { camel } from './camel';
import { customSurface } from './custom';
import { himmelblau } from './himmelblau';
import { linreg } from './linreg';
import { logreg } from './logreg';
import { quadratic } from './quadratic';
import { rastrigin } from './rastrigin';
import { rosenbrock } from './rosenbrock';
import { saddle } from './saddle';
import { sharpflat } from './sharpflat';
import { tinynet } from './tinynet';
import type { BuiltinSurfaceName, SurfaceDef, SurfaceName, SurfaceParams } from './types';

export type * from './types';
export { makeObjective, surfaceGrid, withL2 } from './objective';

/** The surfaces of CONTRACT.md §1. `custom` (§8) is built from its params: see getSurface. */
export const surfaces: Record<BuiltinSurfaceName, SurfaceDef> = {
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

/** All built-in surface names: the analytic ones in the contract's order, then the data surfaces. */
export const surfaceNames: BuiltinSurfaceName[] = [
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

/** Every name a config may give: the built-in surfaces, then `custom`. */
export const allSurfaceNames: SurfaceName[] = [...surfaceNames, 'custom'];

export function isSurfaceName(s: string): s is SurfaceName {
  return s === 'custom' || Object.prototype.hasOwnProperty.call(surfaces, s);
}

/**
 * The def of surface `name` (a known name): the registry's, or for `custom` the def of the
 * expression and domain in `params` (the default function when absent; throws ExprError when
 * `params.f` does not parse — configs are validated before they get here).
 */
export function surfaceFor(name: SurfaceName, params?: SurfaceParams): SurfaceDef {
  return name === 'custom' ? customSurface(params) : surfaces[name];
}

/**
 * The surface called `name`, or undefined for an unknown name. For `custom`, the def of the
 * expression and domain in `params` (the default function when absent); it throws ExprError
 * when `params.f` does not parse (configs are validated before they get here).
 */
export function getSurface(name: string, params?: SurfaceParams): SurfaceDef | undefined {
  if (name === 'custom') return customSurface(params);
  return isSurfaceName(name) ? surfaces[name as BuiltinSurfaceName] : undefined;
}

/** The default value of each of `def`'s parameters, e.g. { kappa: 10, angle: 0 } for `quadratic`. */
export function defaultSurfaceParams(def: SurfaceDef): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of def.params) out[p.key] = p.default;
  return out;
}

export { customSurface, DEFAULT_CUSTOM_F } from './custom';
