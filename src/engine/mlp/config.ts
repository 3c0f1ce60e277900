/**
 * Config of the `mlp` surface (CONTRACT.md §6): raw JSON → an MlpRunConfig with every default
 * filled in, or a ConfigError naming the first bad field.
 *
 *   {"surface": {"name": "mlp", "params": {"dataset": "spiral", "hidden": [8, 8], "activation": "tanh",
 *    "samples": 200, "dataNoise": 0.1, "dataSeed": 1, "initSeed": 1}, "l2": 0},
 *    "optimizers": [...], "steps": 200, "batchSize": 32, "seed": 1, "stride": 1, "plane": {"n": 41}}
 *
 * `start` does not apply (θ₀ comes from initSeed); simulated noise neither (the batches are real).
 * Each racer entry may carry its recipe (CONTRACT §4: batchSize, schedule, clip, ema), checked by
 * src/engine/recipe.ts; `surface.data` is one's own data set (./userdata.ts), which replaces the
 * generated one.
 */
import { ConfigError, show } from '../../optim/errors';
import { normalizeOptimizerConfig, optimizers as registry, type OptimizerConfig } from '../../optim';
import { checkNumber } from '../../optim/validate';
import { hasRecipe, normalizeRecipe, withoutRecipe, type Recipe } from '../recipe';
import { datasetNames, isDatasetName, type DatasetName } from './datasets';
import type { Activation } from './net';
import { normalizeMlpData, type MlpData } from './userdata';

export interface MlpParams {
  dataset: DatasetName;
  hidden: number[];
  activation: Activation;
  samples: number;
  dataNoise: number;
  dataSeed: number;
  initSeed: number;
}

export interface MlpSurfaceConfig {
  name: 'mlp';
  params: MlpParams;
  l2: number;
  /**
   * A data set of one's own (issue 16), used instead of the generated one: params.dataset,
   * samples, dataNoise and dataSeed are then ignored (kept, so that removing the data brings the
   * generated set back).
   */
  data?: MlpData;
}

export interface MlpRunConfig {
  surface: MlpSurfaceConfig;
  optimizers: OptimizerConfig[];
  steps: number;
  batchSize: number;
  seed: number;
  stride: number;
  /** The plane's loss grid, n × n, or null for none. */
  plane: { n: number } | null;
  /**
   * CONTRACT §4: each racer's recipe (batchSize, schedule, clip, ema), parallel to `optimizers`;
   * absent when no racer has one.
   */
  recipes?: Recipe[];
}

/** Number of points of a config's data: its own data's rows, else the generated set's samples. */
export function mlpSampleCount(surface: Pick<MlpSurfaceConfig, 'params' | 'data'>): number {
  return surface.data ? surface.data.x.length : surface.params.samples;
}

/** L-BFGS's closure evaluates many gradients a step (its line search): `clip` is refused on it (CONTRACT §4). */
const NO_CLIP = ['lbfgs'];

export const MLP_LIMITS = {
  maxLayers: 3,
  maxUnits: 16,
  minSamples: 4,
  maxSamples: 2000,
  maxDataNoise: 2,
  maxSeed: 0xffffffff,
  maxSteps: 100_000,
  maxOptimizers: 16,
  maxL2: 1e3,
  minGrid: 2,
  maxGrid: 201,
  /** Kept points × parameters × racers (the `theta` output): 160 MB of doubles at most. */
  maxKeptValues: 20_000_000,
  /**
   * Shampoo keeps a P × P matrix and decomposes it every step (O(P³)): steps × P³ at most this,
   * about 10 s of the engine (the default 2-8-8-1 network, P = 105, for 200 steps).
   */
  maxShampooWork: 2.5e8,
} as const;

export const MLP_DEFAULTS: MlpParams = {
  dataset: 'spiral',
  hidden: [8, 8],
  activation: 'tanh',
  samples: 200,
  dataNoise: 0.1,
  dataSeed: 1,
  initSeed: 1,
};

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

/** Is this raw config one of the network surface (surface.name "mlp")? */
export function isMlpRaw(raw: unknown): boolean {
  return isRecord(raw) && isRecord(raw.surface) && raw.surface.name === 'mlp';
}

/** Number of parameters of a 2-h₁-…-h_k-1 network. */
export function parameterCount(hidden: readonly number[]): number {
  const sizes = [2, ...hidden, 1];
  let p = 0;
  for (let l = 0; l + 1 < sizes.length; l++) p += sizes[l] * sizes[l + 1] + sizes[l + 1];
  return p;
}

export function normalizeMlpParams(raw: unknown): MlpParams {
  const out: MlpParams = { ...MLP_DEFAULTS, hidden: [...MLP_DEFAULTS.hidden] };
  if (raw === undefined) return out;
  const path = 'surface.params';
  if (!isRecord(raw)) throw new ConfigError(path, `must be an object (got ${show(raw)})`);
  rejectUnknown(raw, Object.keys(MLP_DEFAULTS), path);
  if (raw.dataset !== undefined) {
    if (!isDatasetName(raw.dataset)) {
      throw new ConfigError(`${path}.dataset`, `unknown dataset ${show(raw.dataset)}; expected one of ${datasetNames.join(', ')}`);
    }
    out.dataset = raw.dataset;
  }
  if (raw.hidden !== undefined) {
    const h = raw.hidden;
    if (!Array.isArray(h) || h.length < 1 || h.length > MLP_LIMITS.maxLayers) {
      throw new ConfigError(
        `${path}.hidden`,
        `must be a list of 1 to ${MLP_LIMITS.maxLayers} layer widths like [8, 8] (got ${show(h)})`,
      );
    }
    out.hidden = h.map((w, i) => integer(w, 1, MLP_LIMITS.maxUnits, `${path}.hidden[${i}]`));
  }
  if (raw.activation !== undefined) {
    if (raw.activation !== 'tanh' && raw.activation !== 'relu') {
      throw new ConfigError(`${path}.activation`, `must be "tanh" or "relu" (got ${show(raw.activation)})`);
    }
    out.activation = raw.activation;
  }
  if (raw.samples !== undefined) out.samples = integer(raw.samples, MLP_LIMITS.minSamples, MLP_LIMITS.maxSamples, `${path}.samples`);
  if (raw.dataNoise !== undefined) out.dataNoise = checkNumber(raw.dataNoise, { min: 0, max: MLP_LIMITS.maxDataNoise }, `${path}.dataNoise`);
  if (raw.dataSeed !== undefined) out.dataSeed = integer(raw.dataSeed, 0, MLP_LIMITS.maxSeed, `${path}.dataSeed`);
  if (raw.initSeed !== undefined) out.initSeed = integer(raw.initSeed, 0, MLP_LIMITS.maxSeed, `${path}.initSeed`);
  return out;
}

export function normalizeMlpConfig(raw: unknown): MlpRunConfig {
  if (!isRecord(raw)) throw new ConfigError('config', `must be a JSON object (got ${show(raw)})`);
  if (raw.start !== undefined) {
    throw new ConfigError('start', 'does not apply to the mlp surface: θ₀ is drawn from surface.params.initSeed');
  }
  rejectUnknown(raw, ['surface', 'optimizers', 'steps', 'batchSize', 'seed', 'stride', 'plane', 'recipes'], ''); // plane: null is none
  const s = raw.surface;
  if (!isRecord(s)) throw new ConfigError('surface', `must be an object like {"name": "mlp"} (got ${show(s)})`);
  if (s.noise !== undefined && s.noise !== 0) {
    throw new ConfigError('surface.noise', 'simulated noise applies to analytic surfaces only; mlp has real mini-batch noise (use batchSize)');
  }
  rejectUnknown(s, ['name', 'params', 'l2', 'noise', 'data'], 'surface');
  const params = normalizeMlpParams(s.params);
  const l2 = s.l2 === undefined ? 0 : checkNumber(s.l2, { min: 0, max: MLP_LIMITS.maxL2 }, 'surface.l2');
  const data = s.data === undefined || s.data === null ? undefined : normalizeMlpData(s.data);

  if (!Array.isArray(raw.optimizers) || raw.optimizers.length === 0) {
    throw new ConfigError('optimizers', `must be a non-empty list like [{"name": "adam"}] (got ${show(raw.optimizers)})`);
  }
  if (raw.optimizers.length > MLP_LIMITS.maxOptimizers) {
    throw new ConfigError('optimizers', `at most ${MLP_LIMITS.maxOptimizers} optimizers (got ${raw.optimizers.length})`);
  }
  const rawOptimizers = withRecipes(raw.optimizers, raw.recipes);
  const optimizers = rawOptimizers.map((o, i) => {
    const c = normalizeOptimizerConfig(withoutRecipe(o), `optimizers[${i}]`);
    if (registry[c.name].needsHessian) {
      throw new ConfigError(
        `optimizers[${i}].name`,
        `${c.name} needs the exact Hessian, which the mlp surface does not compute; choose a first-order optimizer`,
      );
    }
    return c;
  });

  const steps = raw.steps === undefined ? 200 : integer(raw.steps, 0, MLP_LIMITS.maxSteps, 'steps');
  const n = mlpSampleCount({ params, data });
  const batchSize = raw.batchSize === undefined ? n : integer(raw.batchSize, 1, n, 'batchSize');
  const seed = raw.seed === undefined ? 1 : integer(raw.seed, 0, MLP_LIMITS.maxSeed, 'seed');
  const stride = raw.stride === undefined ? 1 : integer(raw.stride, 1, MLP_LIMITS.maxSteps, 'stride');
  // CONTRACT §4: each racer's batchSize, schedule, clip and ema.
  const recipes: Recipe[] = rawOptimizers.map((o, i) => {
    const opt = optimizers[i];
    // SAM's schedule drives its base's lr (torch's shared parameter groups).
    const entry = opt.name === 'sam' && isRecord(opt.base) ? (opt.base as OptimizerConfig) : opt;
    const lr = typeof entry.lr === 'number' ? entry.lr : NaN;
    const r = normalizeRecipe(o, `optimizers[${i}]`, registry[opt.name], lr, { steps, n, maxAnalyticBatch: n });
    if (r.clip !== undefined && NO_CLIP.includes(opt.name)) {
      throw new ConfigError(
        `optimizers[${i}].clip`,
        `cannot be set on ${opt.name}: its closure evaluates the objective several times a step (torch's LBFGS clips none of them); leave clip out`,
      );
    }
    if (r.schedule?.name === 'onecycle' && r.schedule.cycleMomentum && opt.name === 'schedulefree') {
      // Its drawn point x = lerp(y, z, 1 − 1/β₁) would mix the β₁ of two steps (eval() reads the group's current one).
      throw new ConfigError(`optimizers[${i}].schedule.cycleMomentum`, 'cannot cycle schedule-free AdamW’s β₁ on the mlp surface; set cycleMomentum to false');
    }
    return r;
  });
  const P = parameterCount(params.hidden);
  optimizers.forEach((o, i) => {
    const uses = o.name === 'shampoo' || (o.name === 'sam' && (o.base as OptimizerConfig | undefined)?.name === 'shampoo');
    if (uses && steps * P ** 3 > MLP_LIMITS.maxShampooWork) {
      const most = Math.floor(MLP_LIMITS.maxShampooWork / P ** 3);
      throw new ConfigError(
        `optimizers[${i}].name`,
        `shampoo preconditions all ${P} parameters of this ${[2, ...params.hidden, 1].join('-')} network with one ${P} × ${P} matrix, decomposed every step: ` +
          (most >= 1 ? `at most ${most} steps here (got ${steps}); ` : '') +
          'use a smaller network or fewer steps',
      );
    }
  });
  // The EMA keeps a second parameter vector per kept point.
  const copies = optimizers.length + recipes.filter((r) => r.ema !== undefined).length;
  const kept = (Math.floor(steps / stride) + 2) * parameterCount(params.hidden) * copies;
  if (kept > MLP_LIMITS.maxKeptValues) {
    throw new ConfigError(
      'stride',
      `too many kept parameters (${kept} numbers over ${optimizers.length} racers); raise stride to at least ${Math.ceil((steps * parameterCount(params.hidden) * copies) / MLP_LIMITS.maxKeptValues)}`,
    );
  }
  let plane: { n: number } | null = null;
  if (raw.plane !== undefined && raw.plane !== null) {
    if (!isRecord(raw.plane)) throw new ConfigError('plane', `must be an object like {"n": 41} (got ${show(raw.plane)})`);
    rejectUnknown(raw.plane, ['n'], 'plane');
    if (raw.plane.n !== undefined) plane = { n: integer(raw.plane.n, MLP_LIMITS.minGrid, MLP_LIMITS.maxGrid, 'plane.n') };
  }
  const surface: MlpSurfaceConfig = { name: 'mlp', params, l2 };
  if (data) surface.data = data;
  const config: MlpRunConfig = { surface, optimizers, steps, batchSize, seed, stride, plane };
  if (recipes.some(hasRecipe)) config.recipes = recipes;
  return config;
}

/**
 * A normalised config carries its racers' recipes beside them (`recipes`); a raw one in each
 * racer entry (CONTRACT §4). This puts them back, so that a normalised config normalises to itself.
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
