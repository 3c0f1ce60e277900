/**
 * Config normalisation: raw JSON (a CLI file, a decoded share link, the store) → a RunConfig with
 * every default filled in, or a ConfigError naming the first bad field. CONTRACT.md §3.
 */
import { ConfigError, show } from '../optim/errors';
import { normalizeOptimizerConfig, optimizers as optimizerDefs, type OptimizerConfig } from '../optim';
import { checkNumber } from '../optim/validate';
import { allSurfaceNames, defaultSurfaceParams, getSurface } from '../surfaces';
import type { SurfaceDef, SurfaceParams } from '../surfaces/types';
import { normalizeCustomParams } from './custom';
import { normalizeUserData, resolveSurface } from './userdata';
import type { RunConfig, SurfaceConfig } from './types';
import { hasRecipe, normalizeRecipe, withoutRecipe, type Recipe } from './recipe';

export const LIMITS = {
  maxSteps: 1_000_000,
  maxOptimizers: 16,
  maxCoordinate: 1e6,
  maxL2: 1e3,
  maxNoise: 1e3,
  maxSeed: 0xffffffff,
  maxAnalyticBatch: 1_000_000,
} as const;

export const DEFAULTS = { steps: 200, seed: 1, stride: 1 } as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rejectUnknown(r: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const k of Object.keys(r)) {
    if (!known.includes(k)) {
      throw new ConfigError(path ? `${path}.${k}` : k, `unknown field; expected one of ${known.join(', ')}`);
    }
  }
}

function integer(v: unknown, min: number, max: number, field: string): number {
  return checkNumber(v, { min, max, integer: true }, field);
}

function surfaceL2(raw: Record<string, unknown>): number {
  return raw.l2 === undefined ? 0 : checkNumber(raw.l2, { min: 0, max: LIMITS.maxL2 }, 'surface.l2');
}

function surfaceNoise(raw: Record<string, unknown>): number {
  return raw.noise === undefined ? 0 : checkNumber(raw.noise, { min: 0, max: LIMITS.maxNoise }, 'surface.noise');
}

export function normalizeSurface(raw: unknown): { config: SurfaceConfig; def: SurfaceDef } {
  if (!isRecord(raw)) {
    throw new ConfigError('surface', `must be an object like {"name": "rosenbrock"} (got ${show(raw)})`);
  }
  rejectUnknown(raw, ['name', 'params', 'l2', 'noise', 'data'], 'surface');
  const def = typeof raw.name === 'string' ? getSurface(raw.name) : undefined;
  if (!def && raw.name === 'mlp') {
    // Reached from where the network cannot go (a sweep, a 2-D link): say so rather than "unknown".
    throw new ConfigError('surface.name', 'the network surface mlp runs with `run` and in the Network view (?view=network), not here; choose a 2-D surface');
  }
  if (!def) {
    // The network surface is normalised by its own config (src/engine/mlp/config.ts): named here too.
    const names = [...allSurfaceNames.filter((n) => n !== 'custom'), 'mlp', 'custom'];
    throw new ConfigError('surface.name', `unknown surface ${show(raw.name)}; expected one of ${names.join(', ')}`);
  }
  let params: SurfaceParams = defaultSurfaceParams(def);
  if (def.name === 'custom') {
    if (raw.data !== undefined) normalizeUserData(def.name, raw.data); // refused: custom takes no data
    params = normalizeCustomParams(raw.params);
    return { config: { name: def.name, params, l2: surfaceL2(raw), noise: surfaceNoise(raw) }, def: getSurface('custom', params)! };
  }
  if (raw.params !== undefined) {
    if (!isRecord(raw.params)) throw new ConfigError('surface.params', `must be an object (got ${show(raw.params)})`);
    for (const [k, v] of Object.entries(raw.params)) {
      const spec = def.params.find((p) => p.key === k);
      if (!spec) {
        const known = def.params.map((p) => p.key);
        throw new ConfigError(
          `surface.params.${k}`,
          known.length ? `unknown parameter of ${def.name}; expected one of ${known.join(', ')}` : `${def.name} takes no parameters`,
        );
      }
      params[k] = checkNumber(v, spec, `surface.params.${k}`);
    }
  }
  const l2 = surfaceL2(raw);
  const noise = surfaceNoise(raw);
  if (noise !== 0 && def.kind === 'data') {
    throw new ConfigError('surface.noise', `simulated noise applies to analytic surfaces only; ${def.name} has real mini-batch noise (use batchSize)`);
  }
  if (raw.data === undefined || raw.data === null) return { config: { name: def.name, params, l2, noise }, def };
  const data = normalizeUserData(def.name, raw.data);
  const config: SurfaceConfig = { name: def.name, params, l2, noise, data };
  return { config, def: resolveSurface(config) };
}

/**
 * A normalised RunConfig carries its racers' recipes beside them (`recipes`, parallel to
 * `optimizers`); a raw one in each racer entry (CONTRACT §4). This puts them back into the
 * entries, so that a normalised config normalises to itself.
 */
function withRecipes(optimizers: unknown[], recipes: unknown): unknown[] {
  if (recipes === undefined) return optimizers;
  if (!Array.isArray(recipes) || recipes.length !== optimizers.length) {
    throw new ConfigError('recipes', `must be a list with one recipe per optimizer (got ${show(recipes)})`);
  }
  return optimizers.map((o, i) => {
    const r: unknown = recipes[i];
    if (!isRecord(r)) throw new ConfigError(`recipes[${i}]`, `must be an object (got ${show(r)})`);
    return isRecord(o) ? { ...o, ...r } : o;
  });
}

/** Validates a raw config and fills in defaults. Throws ConfigError naming the first bad field. */
export function normalizeConfig(raw: unknown): RunConfig {
  if (!isRecord(raw)) throw new ConfigError('config', `must be a JSON object (got ${show(raw)})`);
  rejectUnknown(raw, ['surface', 'optimizers', 'start', 'steps', 'batchSize', 'seed', 'stride', 'recipes'], '');
  const { config: surface, def } = normalizeSurface(raw.surface);

  if (!Array.isArray(raw.optimizers) || raw.optimizers.length === 0) {
    throw new ConfigError('optimizers', `must be a non-empty list like [{"name": "adam"}] (got ${show(raw.optimizers)})`);
  }
  if (raw.optimizers.length > LIMITS.maxOptimizers) {
    throw new ConfigError('optimizers', `at most ${LIMITS.maxOptimizers} optimizers (got ${raw.optimizers.length})`);
  }
  const rawOptimizers: unknown[] = withRecipes(raw.optimizers, raw.recipes);
  const optimizers: OptimizerConfig[] = rawOptimizers.map((o, i) => normalizeOptimizerConfig(withoutRecipe(o), `optimizers[${i}]`));

  let start: [number, number] = [def.defaultStart[0], def.defaultStart[1]];
  if (raw.start !== undefined) {
    if (!Array.isArray(raw.start) || raw.start.length !== 2) {
      throw new ConfigError('start', `must be a point [x, y] (got ${show(raw.start)})`);
    }
    const r = { min: -LIMITS.maxCoordinate, max: LIMITS.maxCoordinate };
    start = [checkNumber(raw.start[0], r, 'start[0]'), checkNumber(raw.start[1], r, 'start[1]')];
  }

  const steps = raw.steps === undefined ? DEFAULTS.steps : integer(raw.steps, 0, LIMITS.maxSteps, 'steps');
  const n = def.kind === 'data' ? def.create(surface.params).n : 0;
  const batchSize =
    raw.batchSize === undefined
      ? n || 1
      : integer(raw.batchSize, 1, n || LIMITS.maxAnalyticBatch, 'batchSize');
  const seed = raw.seed === undefined ? DEFAULTS.seed : integer(raw.seed, 0, LIMITS.maxSeed, 'seed');
  const stride = raw.stride === undefined ? DEFAULTS.stride : integer(raw.stride, 1, LIMITS.maxSteps, 'stride');

  // CONTRACT §4: each racer's batchSize, schedule, clip and ema (only when one is set).
  const recipes: Recipe[] = rawOptimizers.map((o, i) => {
    const opt = optimizers[i];
    // SAM's schedule drives its base's lr (and OneCycle its base's momentum or β₁), as torch's
    // SAM shares the base's parameter groups and defaults.
    const fwd = optimizerDefs[opt.name].forward;
    const driven = fwd !== undefined ? (opt[fwd] as OptimizerConfig) : opt;
    const lr = typeof driven.lr === 'number' ? driven.lr : NaN;
    return normalizeRecipe(o, `optimizers[${i}]`, optimizerDefs[opt.name], lr, { steps, n, maxAnalyticBatch: LIMITS.maxAnalyticBatch }, optimizerDefs[driven.name]);
  });
  const config: RunConfig = { surface, optimizers, start, steps, batchSize, seed, stride };
  if (recipes.some(hasRecipe)) config.recipes = recipes;
  return config;
}

/** The default scene: GD, Momentum and Adam on Rosenbrock. */
export function defaultConfig(): RunConfig {
  return normalizeConfig({
    surface: { name: 'rosenbrock' },
    optimizers: [
      { name: 'gd', lr: 0.001 },
      { name: 'momentum', lr: 0.001, momentum: 0.9 },
      { name: 'adam', lr: 0.05 },
    ],
    steps: 300,
  });
}

export { ConfigError };
