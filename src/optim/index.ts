/**
 * The optimizer registry: every optimizer of CONTRACT.md §2 and §5, looked up by name. One line
 * per optimizer; the list of names, the name type and every lookup are derived from it. These are
 * the definitions (what the page's controls, validation and export read); their steps and
 * explanations are in ./impl.ts, which the page's first chunk does not load.
 */
import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam, adamw } from './adam';
import { adamax } from './adamax';
import { lion } from './lion';
import { nadam } from './nadam';
import { newton } from './newton';
import { radam } from './radam';
import { rmsprop } from './rmsprop';
import { rprop } from './rprop';
import { lbfgs } from './lbfgs';
import { sam } from './sam';
import { schedulefree } from './schedulefree';
import { shampoo } from './shampoo';
import { gd, momentum, nesterov } from './sgd';
import type { Hyper, HyperValue, OptimizerConfig, OptimizerDef } from './types';
import { normalizeOptimizer } from './validate';

const defs = [gd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adamax, nadam, radam, adadelta, rprop, newton, lion, lbfgs, sam, shampoo, schedulefree] as const;

export type OptimizerName = (typeof defs)[number]['name'];

/**
 * A definition under the erased hyperparameter type (what the registry holds). Written as a
 * mapped type so that TypeScript compares each member (methods bivariantly) instead of guessing
 * the variance of H; `hyperOf` builds the Hyper that `create` gets from the validated config.
 */
export type AnyOptimizerDef = { [K in keyof OptimizerDef<Hyper, OptimizerName>]: OptimizerDef<Hyper, OptimizerName>[K] };

// Every definition is an AnyOptimizerDef (checked here, not cast).
const erased: readonly AnyOptimizerDef[] = defs;

export const optimizers = Object.fromEntries(erased.map((d) => [d.name, d])) as Record<OptimizerName, AnyOptimizerDef>;

export const optimizerNames: readonly OptimizerName[] = defs.map((d) => d.name);

export function isOptimizerName(s: unknown): s is OptimizerName {
  return typeof s === 'string' && Object.hasOwn(optimizers, s);
}

export function getOptimizer(name: string): AnyOptimizerDef | undefined {
  return isOptimizerName(name) ? optimizers[name] : undefined;
}

/** Validates and fills in defaults; throws ConfigError naming the field. */
export function normalizeOptimizerConfig(raw: unknown, path = 'optimizer'): OptimizerConfig {
  return normalizeOptimizer(raw, path, optimizers);
}

/** Default config of an optimizer, every hyperparameter present. */
export function defaultOptimizerConfig(name: OptimizerName): OptimizerConfig {
  return normalizeOptimizerConfig({ name });
}

function isHyperValue(v: unknown): v is HyperValue {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return true;
  if (Array.isArray(v)) return v.length === 2 && v.every((x) => typeof x === 'number');
  return typeof v === 'object' && v !== null && isOptimizerName((v as { name?: unknown }).name);
}

/** The hyperparameters of a normalised config, as the record its implementation's `create` takes (./impl.ts). */
export function hyperOf(config: OptimizerConfig): Hyper {
  const def = optimizers[config.name];
  const h: Hyper = {};
  for (const spec of def.hyper) {
    const v = config[spec.key];
    if (!isHyperValue(v)) throw new TypeError(`${config.name}.${spec.key} is not normalised (got ${String(v)})`);
    h[spec.key] = Array.isArray(v) ? [v[0], v[1]] : typeof v === 'object' ? { ...v } : v;
  }
  return h;
}

/** Where each named slot starts in `Stepper.state`, and the state's length, for θ ∈ ℝⁿ. */
export function stateLayout(def: AnyOptimizerDef, n: number): { offsets: Record<string, number>; length: number } {
  const offsets: Record<string, number> = {};
  let at = 0;
  for (const slot of def.state) {
    offsets[slot.name] = at;
    at += slot.size === 'n' ? n : slot.size === 'n*n' ? n * n : 1;
  }
  return { offsets, length: at };
}

/** One label per number of the state in 2-D: `m_x, m_y, v_x, v_y, mu_product`. */
export function stateLabels(def: AnyOptimizerDef, axes: readonly [string, string] = ['x', 'y']): string[] {
  return def.state.flatMap((s) =>
    s.size === 'n' ? axes.map((a) => `${s.name}_${a}`) : s.size === 'n*n' ? axes.flatMap((a) => axes.map((b) => `${s.name}_${a}${b}`)) : [s.name],
  );
}

export { ConfigError } from './errors';
export { defineOptimizer } from './types';
export type * from './types';
