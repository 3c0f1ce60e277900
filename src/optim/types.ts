/**
 * Optimizer core types.
 *
 * An optimizer is one file exporting `defineOptimizer<H>({...})`: its typed hyperparameters, its
 * named state slots, which settings are advanced, its PyTorch export and its cross-field checks;
 * and beside it an `OptimizerImpl<H>`: its step and the quantities the explanation panel shows.
 * The registry (./index.ts) lists the definitions and derives every name from them; ./impl.ts
 * lists the implementations.
 *
 * An implementation creates a `Stepper` for θ ∈ ℝⁿ (any n: the 2-D surfaces and a network's hundreds
 * of parameters alike). The stepper keeps its state in one Float64Array of named slots and
 * updates θ in place, so the hot loop allocates nothing per step.
 *
 * Design notes (for what comes next, so this interface need not change again):
 * - `StepEnv.evaluate` lets a stepper re-evaluate the objective within one step, on the same
 *   batch and noise: L-BFGS (closure re-evaluations, line search), SAM (the gradient at θ + e).
 * - `StepEnv.hessian` is the exact n×n Hessian (Newton; refused on a surface that cannot give it).
 * - State slots are `n` long or scalars (`size: 1`, e.g. NAdam's ∏μ); a Shampoo-like optimizer
 *   declares an `n*n` slot. The state is laid out slot after slot, so for n = 2 it is the
 *   [m_x, m_y, v_x, v_y, …] layout of the traces.
 * - `lr` is a mutable property (schedules set it before each step); `setMomentum` is how
 *   OneCycle's cycleMomentum changes SGD's momentum or Adam's β₁ (torch: the bias correction
 *   1 − β₁ᵗ then uses the current β₁).
 * - A step that cannot be taken returns a `StepFault` (a code and its values); words belong to
 *   the interface (src/i18n) and to the CLI's English `reason` (src/engine/faults.ts).
 */

/**
 * A hyperparameter's value: a number, a flag, a pair (betas), one of a few strings (L-BFGS's
 * lineSearch) or a whole optimizer entry (SAM's base, with its own hyperparameters).
 */
export type HyperValue = number | boolean | string | [number, number] | OptimizerConfig;

/** Keys of H whose values have type V. */
type KeysOf<H, V> = { [K in keyof H]: H[K] extends V ? K : never }[keyof H] & string;

interface HyperSpecBase<K extends string> {
  /** torch's name in camelCase: `lr`, `weightDecay`, `betas`, ... Its words are `hyper.<key>` in src/i18n. */
  key: K;
  /** English: short label for a control, e.g. "learning rate" (the message `hyper.<key>`). */
  label: string;
  /** English: one sentence saying what it does (`hyper.<key>.help`, or `hyper.<optimizer>.<key>.help` with `ownHelp`). */
  help: string;
  /** This optimizer says something of its own about a shared key (AdamW's decoupled weight decay). */
  ownHelp?: boolean;
  /** Shown under "more settings" rather than with the main controls. */
  advanced?: boolean;
}

export interface NumberRange {
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

export interface NumberSpec<K extends string = string> extends HyperSpecBase<K>, NumberRange {
  kind: 'number';
  default: number;
}

export interface PairItem extends NumberRange {
  /** Short symbol of the component (β₁, η₋, Δmin): notation, the same in every language. */
  label: string;
}

/** A cross-field or pair check that failed: a code and its values (worded by src/i18n and by `checkText`). */
export interface CheckFault {
  code: string;
  values: Record<string, number>;
}

export interface PairSpec<K extends string = string> extends HyperSpecBase<K> {
  kind: 'pair';
  default: [number, number];
  /** Per-component specs (symbols, ranges). */
  items: [PairItem, PairItem];
  /** Extra check across both components (e.g. stepSizes[0] ≤ stepSizes[1]). */
  check?: (v: [number, number]) => CheckFault | null;
}

export interface BooleanSpec<K extends string = string> extends HyperSpecBase<K> {
  kind: 'boolean';
  default: boolean;
}

/** One of a few strings, torch's spelling (L-BFGS's lineSearch: "none" or "strong_wolfe"). */
export interface ChoiceSpec<K extends string = string> extends HyperSpecBase<K> {
  kind: 'choice';
  default: string;
  options: readonly string[];
}

/**
 * A whole optimizer entry, validated as one (SAM's base): its own name and hyperparameters, and
 * its own controls in the page. `exclude` lists the optimizers that cannot be used here.
 */
export interface OptimizerEntrySpec<K extends string = string> extends HyperSpecBase<K> {
  kind: 'optimizer';
  default: OptimizerConfig;
  exclude: readonly string[];
}

export type HyperSpec = NumberSpec | PairSpec | BooleanSpec | ChoiceSpec | OptimizerEntrySpec;

/** The specs of a hyperparameter record H, each key typed by its value's type. */
export type HyperSpecOf<H> = string extends keyof H ? HyperSpec : TypedHyperSpec<H>;
type TypedHyperSpec<H> =
  | NumberSpec<KeysOf<H, number>>
  | PairSpec<KeysOf<H, [number, number]>>
  | BooleanSpec<KeysOf<H, boolean>>
  | ChoiceSpec<KeysOf<H, string>>
  | OptimizerEntrySpec<KeysOf<H, OptimizerConfig>>;

/** A fully validated hyperparameter record: every key of the optimizer present. */
export type Hyper = Record<string, HyperValue>;

/** The optimizer part of a config: `{ name: 'adam', lr: 0.01, betas: [0.9, 0.999] }`. */
export interface OptimizerConfig {
  name: OptimizerName;
  [key: string]: HyperValue | string | undefined;
}

/** What a stepper may ask of the objective within one step (this step's batch and noise). */
export interface StepEnv {
  readonly n: number;
  /** Loss and gradient at θ on this step's batch, noise included (writes g). */
  evaluate(theta: Float64Array, g: Float64Array): number;
  /** Exact Hessian of the full objective at θ, n×n row-major (only if def.needsHessian). */
  hessian(theta: Float64Array, h: Float64Array): void;
  /**
   * The loss at the step's own θ on this step's batch: what `evaluate(θ, g)` would return, its
   * gradient being the g the step was given (before any clipping). L-BFGS's first closure call
   * uses it instead of evaluating again. Optional: without it, a stepper evaluates.
   */
  lossAtStart?(): number;
}

/** Why a step could not be taken: a code and the numbers that explain it. */
export interface StepFault {
  code: 'singular-system';
  /** det(H + δI) (n = 2) or the smallest pivot relative to the largest entry (n > 2). */
  det: number;
}

export interface Stepper {
  /** One step in place; g is ∇f(p) on this step's batch. Returns null or a fault. */
  step(p: Float64Array, g: Float64Array, env: StepEnv): StepFault | null;
  /** The learning rate of the next step (mutable: schedules set it before each step). */
  lr: number;
  /** For OneCycle's cycleMomentum: SGD's momentum, or Adam's β₁. */
  setMomentum?(m: number): void;
  /**
   * false for a stepper that never reads the g it is given (schedule-free AdamW takes its gradient
   * at y): the runner then computes only the loss at θ, not the gradient there.
   */
  readonly usesGivenGradient?: boolean;
  /** true for a stepper that calls `env.lossAtStart` (L-BFGS): only then does the runner record θ and f there. */
  readonly readsLossAtStart?: boolean;
  /**
   * Declared (null until the runner sets it) by a stepper that steps with a gradient it takes
   * itself, not the one it is given: SAM (at θ + e), schedule-free AdamW (at y). The runner puts
   * the recipe's clipping here (CONTRACT §4: clip acts on the gradient the optimizer steps with),
   * and the stepper applies it to that gradient; every other stepper gets its g clipped already.
   */
  clipGradient?: ((g: Float64Array) => void) | null;
  /** Named slots, laid out one after the other (see `OptimizerDef.state`). */
  readonly state: Float64Array;
  /** Number of steps taken. */
  readonly t: number;
}

/** One named slot of a stepper's state: `n` numbers (one per parameter) or a scalar. */
export interface StateSlot {
  /** Short name, e.g. 'm' (its words, if shown, are `state.<name>`). */
  name: string;
  /** n numbers, one scalar, or an n × n matrix (row-major: Shampoo's preconditioner). */
  size: 'n' | 1 | 'n*n';
}

/** A vector of the explanation panel in 2-D (the surfaces the panel explains). */
export type Vec = [number, number];

export type QValue =
  | { kind: 'vec'; v: Vec }
  | { kind: 'num'; v: number }
  | { kind: 'flag'; v: boolean }
  /** Per-coordinate signs (−1, 0, 1). */
  | { kind: 'sign'; v: Vec };

/** One row of the explanation panel. Its name is the message `q.<id>`. */
export interface QuantityRow {
  id: string;
  /** The symbol, LaTeX in the notation of the optimizer's rule. */
  tex: string;
  /** null: does not apply at this step (e.g. the previous velocity at t = 1). */
  value: QValue | null;
  /** The shape of the value at every step (needed when value is null). */
  kind?: QValue['kind'];
  /** The state slot this row shows as it is, after or before the step. */
  slot?: { name: string; when: 'after' | 'before' };
}

export type ArrowId =
  | 'grad'
  | 'velocity'
  | 'moment'
  | 'decay'
  | 'gradPart'
  | 'momentumPart'
  | 'newton'
  | 'step'
  // Gradient clipping (CONTRACT §4): the gradient step before and after clipping
  | 'gradRaw'
  | 'gradClipped'
  // L-BFGS: its search direction (γ·d) and the points its closure evaluated within the step
  | 'direction'
  | 'trial'
  // SAM: the perturbation e, and the gradient step taken at θ + e
  | 'perturb'
  | 'perturbedGrad'
  // schedule-free AdamW: its sequences z and y (the path drawn is x)
  | 'zPoint'
  | 'yPoint';

export interface ArrowSpec {
  /** Its name is the message `overlay.<id>`. */
  id: ArrowId;
  /** Short symbol for its label, plain Unicode (drawn in SVG). */
  sym: string;
  v: Vec;
  /** Drawn from θₜ₋₁ + from instead of θₜ₋₁ (SAM's gradient at θ + e). */
  from?: Vec;
  /** A point, not a direction: a marker at the tip and a thin leader line (trial points, z, y). */
  marker?: boolean;
}

/** What an optimizer's `explain` gets for step t (2-D). */
export interface ExplainInput<H> {
  t: number;
  h: H;
  /** θₜ₋₁. */
  theta: Vec;
  /** The gradient the step was given (batch and noise included, weight decay not). */
  grad: Vec;
  /** The gradient the rule uses: `grad` plus λθ where the optimizer couples weight decay. */
  g: Vec;
  /** The step taken, θₜ − θₜ₋₁. */
  delta: Vec;
  /** A slot of the state after the step: the 2-vector of an `n` slot, [v, v] of a scalar one. */
  after(name: string): Vec;
  /** The same slot before the step (the initial state at t = 1). */
  before(name: string): Vec;
  /** An n×n slot after the step, in 2-D: [a₁₁, a₁₂, a₂₁, a₂₂]. */
  afterMatrix(name: string): [number, number, number, number];
  /** The plain gradient step −γ·g, the arrow most rules draw first. */
  gradStep: ArrowSpec;
  /** The Hessian [hxx, hxy, hyy] at θₜ₋₁ (only when needsHessian and traced). */
  hessian: readonly [number, number, number] | null;
}

export interface ExplainOutput {
  /** Rows between the gradient and the step (the common rows are added around them). */
  rows: QuantityRow[];
  /** Arrows drawn from θₜ₋₁ besides the decay arrow and the step. */
  arrows: ArrowSpec[];
  /** Adaptive methods: each coordinate's own step size; null for one step size. */
  perCoord: { sym: string; v: Vec } | null;
  /** The id of the arrow of the step taken (default 'step'). */
  stepArrow?: ArrowId;
  /**
   * An ellipse centred at θₜ₋₁, given by its two semi-axes (Shampoo's preconditioner: the image
   * of the circle of radius ‖g‖ under γ·H^(−1/2), on which the step ends).
   */
  ellipse?: [Vec, Vec];
}

/** What the exporter lends an optimizer's `torchExport.args`: exact Python literals, and another entry's constructor. */
export interface PyWriter {
  /** A Python literal that reads back as exactly this value (floats, bools, tuples, strings). */
  value(v: HyperValue): string;
  /** Another optimizer entry's constructor and arguments (SAM's base). */
  nested(entry: OptimizerConfig): { ctor: string; args: string[] };
}

/** How an optimizer is written into the exported PyTorch script. */
export interface TorchExport<H> {
  /** The constructor: `torch.optim.Adam`, or the name of the reference class below. */
  ctor: string;
  /** Extra constructor arguments beyond the hyperparameters (e.g. `nesterov=True`). */
  extraArgs?(h: H): string[];
  /** The script carries a Python reference class for it (torch lacks it): src/export/reference.ts holds the source. */
  referenceClass?: boolean;
  /** The reference class takes the objective f as its second argument (Newton). */
  takesObjective?: boolean;
  /** The exception class the reference raises when a step cannot be taken (the run stops there). */
  raises?: string;
  /**
   * The constructor's arguments after the parameters, replacing the default `snake_case=value`
   * of every hyperparameter (L-BFGS's line_search_fn, SAM's base class and its arguments).
   */
  args?(h: H, py: PyWriter): string[];
  /** Stepped as `optimizer.step(closure)`, the closure re-evaluating this step's loss (L-BFGS, SAM). */
  closure?: boolean;
}

/** A key a config may carry that the optimizer does not use, as torch accepts it (Nesterov's dampening = 0). */
export type ForeignKeyCheck = (v: unknown) => CheckFault | null;

export interface OptimizerDef<H = Hyper, N extends string = string> {
  name: N;
  /** English display name: "Adam", "SGD + momentum" (the message `optimizer.<name>`). */
  label: string;
  /** English words of its own rows and arrows: `{ 'q.c': 'interpolated direction' }` (src/i18n translates them). */
  words?: Record<string, string>;
  /** The torch class it reproduces, as code, or null (Newton). */
  torch: string | null;
  hyper: HyperSpecOf<H>[];
  needsHessian: boolean;
  /** The named slots of `Stepper.state`, in order. */
  state: StateSlot[];
  /** Decoupled weight decay (θ ← θ(1 − γλ) before the step) rather than λθ added to the gradient. */
  decoupledWeightDecay?: boolean;
  /** Checks across hyperparameters; a fault or null. */
  check?(h: H): CheckFault | null;
  /** Keys torch accepts for this optimizer although it has no such hyperparameter. */
  foreignKeys?: Record<string, ForeignKeyCheck>;
  /**
   * The key of an optimizer-entry hyperparameter that receives every key this optimizer does not
   * have, as davda54's `SAM(params, base, rho, adaptive, **kwargs)` passes kwargs to its base:
   * `{"name": "sam", "lr": 0.05}` is SAM over its default base with lr 0.05.
   */
  forward?: string;
  /**
   * Defaults that depend on other hyperparameters (L-BFGS's maxEval = ⌊maxIter·5/4⌋, as torch):
   * applied to the keys a config leaves out, after the others are validated.
   */
  derivedDefaults?(h: H): Partial<H>;
  torchExport: TorchExport<H>;
}

/**
 * What an optimizer does, beside what it is (`OptimizerDef`): its step and its explanation. The
 * same file exports both (`adam` and `adamImpl`); ./impl.ts registers the implementations. The
 * page's first chunk needs only the definitions (names, controls, validation), so the steppers
 * and explanations load with the worker and the explanation panel, not before the first render.
 */
export interface OptimizerImpl<H = Hyper> {
  /** A fresh stepper for θ ∈ ℝⁿ. */
  create(h: H, n: number): Stepper;
  /** The quantities and arrows of the explanation panel for step t. */
  explain(x: ExplainInput<H>): ExplainOutput;
}

/**
 * Defines an optimizer with typed hyperparameters. The methods of `OptimizerDef` are checked
 * against H here; the registry then holds the definitions under the erased type (method
 * parameters are compared bivariantly), and every Hyper it passes was validated against `hyper`.
 */
export function defineOptimizer<H>() {
  return <const N extends string>(def: OptimizerDef<H, N>): OptimizerDef<H, N> => def;
}

// The names are derived from the registry (./index.ts).
import type { OptimizerName } from './index';
export type { OptimizerName };
