/** The optimizer registry: every optimizer of CONTRACT.md §2, looked up by name. */
import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam, adamw } from './adam';
import { adamax } from './adamax';
import { nadam } from './nadam';
import { newton } from './newton';
import { radam } from './radam';
import { rmsprop } from './rmsprop';
import { rprop } from './rprop';
import { gd, momentum, nesterov } from './sgd';
import type { Hyper, OptimizerConfig, OptimizerDef, OptimizerName, Stepper } from './types';
import { normalizeOptimizer } from './validate';

export const optimizers: Record<OptimizerName, OptimizerDef> = {
  gd,
  momentum,
  nesterov,
  adagrad,
  rmsprop,
  adam,
  adamw,
  adamax,
  nadam,
  radam,
  adadelta,
  rprop,
  newton,
};

export const optimizerNames = Object.keys(optimizers) as OptimizerName[];

export function isOptimizerName(s: unknown): s is OptimizerName {
  return typeof s === 'string' && Object.hasOwn(optimizers, s);
}

export function getOptimizer(name: string): OptimizerDef | undefined {
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

/** A fresh stepper for a config (validated first). */
export function createStepper(config: OptimizerConfig): Stepper {
  const c = normalizeOptimizerConfig(config);
  return optimizers[c.name].create(c as unknown as Hyper);
}

export { ConfigError } from './errors';
export type * from './types';
