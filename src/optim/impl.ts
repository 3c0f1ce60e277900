/**
 * The optimizers' implementations, by name: each optimizer's step and explanation, exported by its
 * own file beside its definition (`adam`, `adamImpl`). Imported by the runner (the worker and the
 * CLI), the explanation panel and the learning-rate suggestion, all of which load after the
 * page's first render; the page's first chunk holds only the definitions (./index.ts).
 *
 * No definition file imports this one (SAM gets its base's constructor passed in), so a bundle
 * that needs only the definitions carries no stepper.
 */
import { adadeltaImpl } from './adadelta';
import { adagradImpl } from './adagrad';
import { adamImpl, adamwImpl } from './adam';
import { adamaxImpl } from './adamax';
import { hyperOf, normalizeOptimizerConfig, type OptimizerName } from './index';
import { lbfgsImpl } from './lbfgs';
import { lionImpl } from './lion';
import { nadamImpl } from './nadam';
import { newtonImpl } from './newton';
import { radamImpl } from './radam';
import { rmspropImpl } from './rmsprop';
import { rpropImpl } from './rprop';
import { samImpl } from './sam';
import { schedulefreeImpl } from './schedulefree';
import { gdImpl, momentumImpl, nesterovImpl } from './sgd';
import { shampooImpl } from './shampoo';
import type { Hyper, OptimizerConfig, OptimizerImpl, Stepper } from './types';

/** An implementation under the erased hyperparameter type (see `AnyOptimizerDef` in ./index.ts). */
export type AnyOptimizerImpl = { [K in keyof OptimizerImpl<Hyper>]: OptimizerImpl<Hyper>[K] };

export const implementations: Record<OptimizerName, AnyOptimizerImpl> = {
  gd: gdImpl,
  momentum: momentumImpl,
  nesterov: nesterovImpl,
  adagrad: adagradImpl,
  rmsprop: rmspropImpl,
  adam: adamImpl,
  adamw: adamwImpl,
  adamax: adamaxImpl,
  nadam: nadamImpl,
  radam: radamImpl,
  adadelta: adadeltaImpl,
  rprop: rpropImpl,
  newton: newtonImpl,
  lion: lionImpl,
  lbfgs: lbfgsImpl,
  sam: samImpl((entry, n) => createStepper(entry, n)),
  shampoo: shampooImpl,
  schedulefree: schedulefreeImpl,
};

/** A fresh stepper for θ ∈ ℝⁿ (n = 2 on the surfaces) from a config (validated first). */
export function createStepper(config: OptimizerConfig, n = 2): Stepper {
  const c = normalizeOptimizerConfig(config);
  return implementations[c.name].create(hyperOf(c), n);
}
