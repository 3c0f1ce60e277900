/**
 * Optimizer core types.
 *
 * An optimizer is described declaratively (an `OptimizerDef`: name, label, hyperparameter specs,
 * update rule as LaTeX) and stepped imperatively by a `Stepper` that it creates: the stepper keeps
 * its state in one small Float64Array and updates the parameters in place, so the hot loop
 * allocates nothing per step.
 */

export type OptimizerName =
  | 'gd'
  | 'momentum'
  | 'nesterov'
  | 'adagrad'
  | 'rmsprop'
  | 'adam'
  | 'adamw'
  | 'adamax'
  | 'nadam'
  | 'radam'
  | 'adadelta'
  | 'rprop'
  | 'newton';

export type HyperValue = number | boolean | [number, number];

interface HyperSpecBase {
  /** torch's name in camelCase: `lr`, `weightDecay`, `betas`, ... */
  key: string;
  /** Short label for a control, e.g. "learning rate". */
  label: string;
  /** One sentence saying what it does. */
  help: string;
}

export interface NumberSpec extends HyperSpecBase {
  kind: 'number';
  default: number;
  /** Valid values (what validation accepts). */
  min: number;
  max: number;
  /** Is `min` itself allowed? (lr > 0 is exclusive; momentum >= 0 inclusive). */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** Slider range (a sub-range of the valid range) and scale. */
  sliderMin: number;
  sliderMax: number;
  scale: 'log' | 'linear';
  /** Must it be an integer? */
  integer?: boolean;
}

export interface PairSpec extends HyperSpecBase {
  kind: 'pair';
  default: [number, number];
  /** Per-component specs (labels, ranges). */
  items: [Omit<NumberSpec, 'key' | 'kind' | 'help' | 'default'>, Omit<NumberSpec, 'key' | 'kind' | 'help' | 'default'>];
  /** Extra check across both components (e.g. etas[0] < 1 < etas[1]); returns an error or null. */
  check?: (v: [number, number]) => string | null;
}

export interface BooleanSpec extends HyperSpecBase {
  kind: 'boolean';
  default: boolean;
}

export type HyperSpec = NumberSpec | PairSpec | BooleanSpec;

/** A fully validated hyperparameter record: every key of the optimizer present. */
export type Hyper = Record<string, HyperValue>;

/** The optimizer part of a config: `{ name: 'adam', lr: 0.01, betas: [0.9, 0.999] }`. */
export interface OptimizerConfig {
  name: OptimizerName;
  [key: string]: HyperValue | string | undefined;
}

export interface Stepper {
  /**
   * One optimizer step, in place: `p` (length 2) is updated from the gradient `g` (length 2) of
   * the objective at `p`. `h` is the Hessian `[hxx, hxy, hyy]` at `p` when the optimizer's
   * `needsHessian` is true (otherwise its content is unspecified). Returns `null`, or the reason
   * the run cannot go on (e.g. a singular Newton system).
   */
  step(p: Float64Array, g: Float64Array, h: Float64Array): string | null;
  /** The optimizer's internal state after the last step; slot names are `def.stateLabels`. */
  readonly state: Float64Array;
  /** Number of steps taken. */
  readonly t: number;
}

export interface OptimizerDef {
  name: OptimizerName;
  /** Display label: "Adam", "SGD + momentum", ... */
  label: string;
  /** The torch equivalent, as code: `torch.optim.Adam`, or null for Newton. */
  torch: string | null;
  hyper: HyperSpec[];
  /** The update rule as implemented, in LaTeX (KaTeX-compatible), one line per `\\`. */
  latex: string;
  needsHessian: boolean;
  /** Names of the slots of `Stepper.state`, e.g. ['m_x', 'm_y', 'v_x', 'v_y']. */
  stateLabels: string[];
  /** Checks across hyperparameters (nesterov needs momentum > 0 ...); returns an error or null. */
  check?: (h: Hyper) => string | null;
  create(h: Hyper): Stepper;
}
