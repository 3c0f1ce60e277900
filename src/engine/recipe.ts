/**
 * The training recipe of one racer (CONTRACT.md §4): its own `batchSize`, a learning-rate
 * `schedule`, gradient `clip`ping and an `ema` of its parameters. This file validates the fields
 * (messages name the field, e.g. `optimizers[0].schedule.tMax`); ./recipeRun.ts runs them around
 * each step, in the order of a torch training loop:
 *
 *   g ← ∇f(θ) (l2 and simulated noise included)
 *   clip_grad_norm_ / clip_grad_value_ (g)
 *   optimizer.step()            with the scheduler's lr (and OneCycle's momentum or β₁)
 *   ema.update_parameters(θ)    AveragedModel: the first update copies θ
 *   scheduler.step()
 */
import { ConfigError, show } from '../optim/errors';
import { checkNumber } from '../optim/validate';
import type { OptimizerDef } from '../optim/types';
import {
  createScheduler,
  ScheduleFault,
  scheduleNames,
  type InnerSchedule,
  type ScheduleConfig,
} from './schedule';

export type ClipConfig = { norm: number } | { value: number };

/** A racer's recipe, normalised: only the fields that were set (an empty object is none). */
export interface Recipe {
  batchSize?: number;
  schedule?: ScheduleConfig;
  clip?: ClipConfig;
  ema?: number;
}

/** The keys of a racer entry that belong to its recipe rather than to its optimizer. */
export const recipeKeys = ['batchSize', 'schedule', 'clip', 'ema'] as const;

export function hasRecipe(r: Recipe | undefined): boolean {
  return r !== undefined && (r.batchSize !== undefined || r.schedule !== undefined || r.clip !== undefined || r.ema !== undefined);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The racer entry without its recipe keys (what the optimizer's own validation sees). */
export function withoutRecipe(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!(recipeKeys as readonly string[]).includes(k)) out[k] = v;
  return out;
}

/** What validation needs to know about the rest of the config. */
export interface RecipeContext {
  steps: number;
  /** Samples of a data surface (0 on an analytic one). */
  n: number;
  /** The largest batch size an analytic surface accepts (it only scales the noise). */
  maxAnalyticBatch: number;
}

const BIG = 1_000_000;

function num(v: unknown, field: string, r: { min: number; max: number; minExclusive?: boolean; maxExclusive?: boolean; integer?: boolean }): number {
  return checkNumber(v, r, field);
}

function bool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') throw new ConfigError(field, `must be true or false (got ${show(v)})`);
  return v;
}

function known(r: Record<string, unknown>, keys: readonly string[], field: string, what: string): void {
  for (const k of Object.keys(r)) {
    if (!keys.includes(k)) throw new ConfigError(`${field}.${k}`, `unknown field of ${what}; expected one of ${keys.join(', ')}`);
  }
}

function required(r: Record<string, unknown>, key: string, field: string, what: string): unknown {
  if (r[key] === undefined) throw new ConfigError(`${field}.${key}`, `${what} needs ${key} (torch has no default for it)`);
  return r[key];
}

function milestones(v: unknown, field: string): number[] {
  if (!Array.isArray(v)) throw new ConfigError(field, `must be a list of step numbers like [50, 100] (got ${show(v)})`);
  const out = v.map((x, i) => num(x, `${field}[${i}]`, { min: 1, max: BIG, integer: true }));
  for (let i = 1; i < out.length; i++) {
    if (out[i] <= out[i - 1]) throw new ConfigError(`${field}[${i}]`, `milestones must increase (got ${out[i]} after ${out[i - 1]})`);
  }
  return out;
}

const GAMMA = { min: 0, max: 10, minExclusive: true };

function innerSchedule(raw: unknown, field: string, inSequential: boolean): InnerSchedule | ScheduleConfig {
  if (!isRecord(raw)) throw new ConfigError(field, `must be an object like {"name": "cosine", "tMax": 200} (got ${show(raw)})`);
  const name = raw.name;
  if (typeof name !== 'string' || !(scheduleNames as readonly string[]).includes(name)) {
    throw new ConfigError(`${field}.name`, `unknown schedule ${show(name)}; expected one of ${scheduleNames.join(', ')}`);
  }
  const f = (k: string) => `${field}.${k}`;
  switch (name) {
    case 'step': {
      known(raw, ['name', 'stepSize', 'gamma'], field, 'step');
      return {
        name,
        stepSize: num(required(raw, 'stepSize', field, 'step'), f('stepSize'), { min: 1, max: BIG, integer: true }),
        gamma: raw.gamma === undefined ? 0.1 : num(raw.gamma, f('gamma'), GAMMA),
      };
    }
    case 'multistep': {
      known(raw, ['name', 'milestones', 'gamma'], field, 'multistep');
      return {
        name,
        milestones: milestones(required(raw, 'milestones', field, 'multistep'), f('milestones')),
        gamma: raw.gamma === undefined ? 0.1 : num(raw.gamma, f('gamma'), GAMMA),
      };
    }
    case 'exponential': {
      known(raw, ['name', 'gamma'], field, 'exponential');
      return { name, gamma: num(required(raw, 'gamma', field, 'exponential'), f('gamma'), GAMMA) };
    }
    case 'cosine': {
      known(raw, ['name', 'tMax', 'etaMin'], field, 'cosine');
      return {
        name,
        tMax: num(required(raw, 'tMax', field, 'cosine'), f('tMax'), { min: 1, max: BIG, integer: true }),
        etaMin: raw.etaMin === undefined ? 0 : num(raw.etaMin, f('etaMin'), { min: 0, max: 1e6 }),
      };
    }
    case 'linear': {
      known(raw, ['name', 'startFactor', 'endFactor', 'totalIters'], field, 'linear');
      // torch allows startFactor 0 and then divides by zero on the first step.
      return {
        name,
        startFactor: raw.startFactor === undefined ? 1 / 3 : num(raw.startFactor, f('startFactor'), { min: 0, max: 1, minExclusive: true }),
        endFactor: raw.endFactor === undefined ? 1 : num(raw.endFactor, f('endFactor'), { min: 0, max: 1 }),
        totalIters: raw.totalIters === undefined ? 5 : num(raw.totalIters, f('totalIters'), { min: 1, max: BIG, integer: true }),
      };
    }
    case 'onecycle': {
      if (inSequential) throw new ConfigError(`${field}.name`, 'onecycle cannot be part of a sequential schedule (it sets the base lr of the others)');
      known(
        raw,
        ['name', 'maxLr', 'totalSteps', 'pctStart', 'annealStrategy', 'divFactor', 'finalDivFactor', 'threePhase', 'cycleMomentum', 'baseMomentum', 'maxMomentum'],
        field,
        'onecycle',
      );
      const anneal = raw.annealStrategy === undefined ? 'cos' : raw.annealStrategy;
      if (anneal !== 'cos' && anneal !== 'linear') {
        throw new ConfigError(f('annealStrategy'), `must be "cos" or "linear" (got ${show(anneal)})`);
      }
      const mom = { min: 0, max: 1, maxExclusive: true };
      return {
        name,
        maxLr: num(required(raw, 'maxLr', field, 'onecycle'), f('maxLr'), { min: 0, max: 1e6, minExclusive: true }),
        totalSteps: num(required(raw, 'totalSteps', field, 'onecycle'), f('totalSteps'), { min: 1, max: BIG, integer: true }),
        pctStart: raw.pctStart === undefined ? 0.3 : num(raw.pctStart, f('pctStart'), { min: 0, max: 1 }),
        annealStrategy: anneal,
        divFactor: raw.divFactor === undefined ? 25 : num(raw.divFactor, f('divFactor'), { min: 0, max: 1e12, minExclusive: true }),
        finalDivFactor: raw.finalDivFactor === undefined ? 1e4 : num(raw.finalDivFactor, f('finalDivFactor'), { min: 0, max: 1e12, minExclusive: true }),
        threePhase: raw.threePhase === undefined ? false : bool(raw.threePhase, f('threePhase')),
        cycleMomentum: raw.cycleMomentum === undefined ? true : bool(raw.cycleMomentum, f('cycleMomentum')),
        baseMomentum: raw.baseMomentum === undefined ? 0.85 : num(raw.baseMomentum, f('baseMomentum'), mom),
        maxMomentum: raw.maxMomentum === undefined ? 0.95 : num(raw.maxMomentum, f('maxMomentum'), mom),
      };
    }
    case 'sequential': {
      if (inSequential) throw new ConfigError(`${field}.name`, 'a sequential schedule cannot hold another sequential one');
      known(raw, ['name', 'schedulers', 'milestones'], field, 'sequential');
      const list = required(raw, 'schedulers', field, 'sequential');
      if (!Array.isArray(list) || list.length === 0) {
        throw new ConfigError(f('schedulers'), `must be a non-empty list of schedules (got ${show(list)})`);
      }
      const schedulers = list.map((s, i) => innerSchedule(s, `${field}.schedulers[${i}]`, true) as InnerSchedule);
      const ms = milestones(raw.milestones === undefined ? [] : raw.milestones, f('milestones'));
      if (ms.length !== schedulers.length - 1) {
        throw new ConfigError(f('milestones'), `needs one milestone fewer than schedulers: ${schedulers.length - 1} (got ${ms.length})`);
      }
      return { name, schedulers, milestones: ms };
    }
  }
  throw new ConfigError(`${field}.name`, `unknown schedule ${show(name)}`);
}

/** Optimizers whose torch class has `momentum` or `betas` in its defaults (OneCycle's cycleMomentum). */
function cyclesMomentum(def: Pick<OptimizerDef, 'name' | 'hyper'>): boolean {
  return def.name === 'gd' || def.hyper.some((h) => h.key === 'momentum' || h.key === 'betas');
}

export function normalizeSchedule(raw: unknown, field: string, def: Pick<OptimizerDef, 'name' | 'hyper'>, lr: number, steps: number): ScheduleConfig {
  const s = innerSchedule(raw, field, false);
  if (s.name === 'onecycle') {
    if (s.totalSteps < steps) {
      throw new ConfigError(`${field}.totalSteps`, `must be ≥ the run's steps, ${steps} (torch raises when stepped past it; got ${s.totalSteps})`);
    }
    if (s.cycleMomentum && !cyclesMomentum(def)) {
      throw new ConfigError(`${field}.cycleMomentum`, `${def.name} has neither momentum nor betas to cycle; set cycleMomentum to false`);
    }
  }
  // A dry run: where torch would raise (a division by zero), refuse the config instead.
  try {
    const sch = createScheduler(s, lr);
    for (let k = 0; k < steps; k++) {
      sch.step();
      if (!Number.isFinite(sch.group.lr)) throw new ConfigError(field, `gives a learning rate of ${sch.group.lr} at step ${k + 1}`);
    }
  } catch (e) {
    if (e instanceof ScheduleFault) throw new ConfigError(field, `torch would raise here: ${e.message}`);
    throw e;
  }
  return s;
}

function normalizeClip(raw: unknown, field: string): ClipConfig {
  if (!isRecord(raw)) throw new ConfigError(field, `must be {"norm": c} or {"value": c} (got ${show(raw)})`);
  const keys = Object.keys(raw);
  if (keys.length !== 1 || (keys[0] !== 'norm' && keys[0] !== 'value')) {
    throw new ConfigError(field, `must be {"norm": c} or {"value": c}, exactly one of them (got ${show(raw)})`);
  }
  const r = { min: 0, max: 1e6, minExclusive: true };
  return keys[0] === 'norm' ? { norm: num(raw.norm, `${field}.norm`, r) } : { value: num(raw.value, `${field}.value`, r) };
}

/**
 * The recipe of one racer entry (its other keys are the optimizer's). `field` is the entry's
 * path, e.g. `optimizers[0]`; `lr` is its normalised learning rate (the schedule's base);
 * `driven` the optimizer the schedule drives (SAM's base; the optimizer itself otherwise).
 */
export function normalizeRecipe(
  raw: unknown,
  field: string,
  def: Pick<OptimizerDef, 'name' | 'hyper'>,
  lr: number,
  ctx: RecipeContext,
  driven: Pick<OptimizerDef, 'name' | 'hyper'> = def,
): Recipe {
  const out: Recipe = {};
  if (!isRecord(raw)) return out;
  if (raw.batchSize !== undefined) {
    out.batchSize = num(raw.batchSize, `${field}.batchSize`, { min: 1, max: ctx.n || ctx.maxAnalyticBatch, integer: true });
  }
  if (raw.schedule !== undefined) out.schedule = normalizeSchedule(raw.schedule, `${field}.schedule`, driven, lr, ctx.steps);
  if (raw.clip !== undefined && def.name === 'lbfgs') {
    // CONTRACT §4. Its gradients are taken inside optimizer.step(closure), one or many a step
    // (iterations, line search), where clip_grad_norm_ before the step cannot reach them.
    throw new ConfigError(`${field}.clip`, 'lbfgs cannot be clipped: it takes its gradients inside optimizer.step(closure), where clipping before the step does not act; remove clip');
  }
  if (raw.clip !== undefined) out.clip = normalizeClip(raw.clip, `${field}.clip`);
  if (raw.ema !== undefined) {
    out.ema = num(raw.ema, `${field}.ema`, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  }
  return out;
}
