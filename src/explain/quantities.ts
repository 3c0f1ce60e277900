/**
 * The numbers of one optimizer step, for the explanation panel and the plot overlay.
 *
 * From a racer's trace (the gradient each step was given, the optimizer's state after each step
 * and the step taken — recorded by the runner that drew the path) this derives, for step t, the
 * quantities of the optimizer's update rule (OPTIMIZER_LATEX in ./rules.ts, torch's form): the state slots under
 * readable names, and what the rule computes from them (bias corrections, effective step sizes,
 * Newton's direction, …). Pure: no DOM, no React. Symbols are LaTeX in the rule's notation.
 *
 * Every explanation of step t has the same rows, in the same order, for every t ≥ 1 of a given
 * optimizer config (a row that does not apply at some step has the value null), so a view can
 * lay the rows out once and only repaint the numbers while the race plays.
 */
import type { TraceData } from '../worker/api';
import { eigenvalues2 } from '../math/linalg';
import { implementations } from '../optim/impl';
import { hyperOf, optimizers, stateLayout } from '../optim';
import type { ArrowId, ArrowSpec, ExplainInput, Hyper, OptimizerConfig, QValue, Vec } from '../optim/types';

export type { ArrowId, QValue, Vec };
export { eigenvalues2 };

/** A row's id: the common ones here, the rest each optimizer's own (`def.explain`). Its name is the message `q.<id>`. */
export type QuantityId = string;

export interface Quantity {
  /** Stable id; its name is the message `q.<id>`. */
  id: QuantityId;
  /** The symbol, LaTeX in the notation of the optimizer's rule. */
  tex: string;
  /** null: does not apply at this step (e.g. the previous velocity at t = 1). */
  value: QValue | null;
  /** The shape of the value at every step (also when this step's value is null). */
  kind: QValue['kind'];
  /** The stepper's state slots this row shows as they are (indices into the traced state), after or before the step. */
  slots?: { index: number[]; when: 'after' | 'before' };
}

export type Arrow = ArrowSpec;

export interface StepExplanation {
  t: number;
  /** θₜ₋₁ and θₜ. */
  from: Vec;
  to: Vec;
  quantities: Quantity[];
  /** What the overlay draws from θₜ₋₁, the step taken last. */
  arrows: Arrow[];
  /**
   * Adaptive methods: each coordinate's own step size (Δθᵢ = −sizeᵢ·directionᵢ, or Rprop's step
   * sizes), drawn as the step's two components; null for methods with one step size.
   */
  perCoord: { sym: string; v: Vec } | null;
  /** An ellipse centred at θₜ₋₁ by its semi-axes, in θ units (Shampoo's preconditioner), or null. */
  ellipse: [Vec, Vec] | null;
}

/** What a trace must provide: the worker's trace without its bookkeeping (id, status). */
export type TraceLike = Pick<TraceData, 'optimizer' | 'steps' | 'stateLabels' | 'grad' | 'state' | 'delta' | 'path' | 'hessian'> &
  Partial<Pick<TraceData, 'lr' | 'momentum' | 'recipe' | 'rawGrad' | 'clippedGrad' | 'clipsOwn' | 'clipped' | 'ema'>>;

/** The hyperparameters step t used: the config's, with the schedule's lr and OneCycle's momentum or β₁. */
function stepHyper(opt: OptimizerConfig, lr: number | null, mom: number | null, betas: boolean): Hyper {
  const h = hyperOf(opt);
  if (lr !== null) h.lr = lr;
  if (mom !== null) {
    const b = h.betas;
    if (betas && Array.isArray(b)) h.betas = [mom, b[1]];
    else h.momentum = mom;
  }
  return h;
}

/** The optimizer's state before its first step (a fresh stepper's, in 2-D). */
export function initialState(opt: OptimizerConfig): Float64Array {
  return implementations[opt.name].create(hyperOf(opt), 2).state.slice();
}

const num = (v: number): QValue => ({ kind: 'num', v });
const vec = (x: number, y: number): QValue => ({ kind: 'vec', v: [x, y] });

function hyperNum(opt: OptimizerConfig, key: string): number {
  const v = opt[key];
  return typeof v === 'number' ? v : 0;
}

/**
 * The explanation of step t (1 ≤ t ≤ trace.steps) of a traced racer. `init` is the state before
 * the first step (`initialState(trace.optimizer)`; passed in so a view computes it once).
 * The rows around the rule (θ, the gradient, weight decay, the step) are common; the rule's own
 * rows and arrows come from the optimizer's file (`def.explain`), by slot name.
 */
export function explainStep(tr: TraceLike, t: number, init: Float64Array = initialState(tr.optimizer)): StepExplanation {
  if (!(t >= 1 && t <= tr.steps && Number.isInteger(t))) throw new RangeError(`step ${t} is not in 1 … ${tr.steps}`);
  const opt = tr.optimizer;
  const def = optimizers[opt.name];
  const { offsets } = stateLayout(def, 2);
  const sizes = new Map(def.state.map((s) => [s.name, s.size]));
  const S = tr.stateLabels.length;
  const i = t - 1;
  const slotIndex = (name: string): number[] => {
    const o = offsets[name];
    if (o === undefined) throw new RangeError(`${opt.name} has no state slot ${name}`);
    const size = sizes.get(name);
    return size === 'n' ? [o, o + 1] : size === 'n*n' ? [o, o + 1, o + 2, o + 3] : [o];
  };
  const read = (name: string, at: (j: number) => number): Vec => {
    const [a, b] = slotIndex(name);
    const x = at(a);
    return [x, b === undefined ? x : at(b)];
  };
  const after = (j: number) => tr.state[i * S + j];
  const before = (j: number) => (t > 1 ? tr.state[(i - 1) * S + j] : init[j]);
  const th: Vec = [tr.path[2 * i], tr.path[2 * i + 1]];
  const to: Vec = [tr.path[2 * t], tr.path[2 * t + 1]];
  const gx = tr.grad[2 * i];
  const gy = tr.grad[2 * i + 1];
  const dx = tr.delta[2 * i];
  const dy = tr.delta[2 * i + 1];
  // A schedule sets each step's lr (CONTRACT §4); the rule then uses that one.
  const lr = tr.lr ? tr.lr[i] : hyperNum(opt, 'lr');
  const wd = hyperNum(opt, 'weightDecay');
  const decoupled = def.decoupledWeightDecay === true;

  const q: Quantity[] = [];
  const arrows: Arrow[] = [];
  q.push({ id: 'theta', tex: String.raw`\theta_{t-1}`, value: vec(th[0], th[1]), kind: 'vec' });
  if (tr.lr) q.push({ id: 'lrNow', tex: String.raw`\gamma_t`, value: num(lr), kind: 'num' });
  // OneCycle's cycleMomentum sets SGD's momentum or the Adam family's β₁ before each step (CONTRACT
  // §4): the rule of this step uses that one (Adam's bias correction 1 − β₁ᵗ too, as torch's).
  const mom = tr.momentum ? tr.momentum[i] : null;
  const betas = def.hyper.some((s) => s.key === 'betas');
  if (mom !== null) q.push({ id: 'momentumNow', tex: betas ? String.raw`\beta_{1,t}` : String.raw`\mu_t`, value: num(mom), kind: 'num' });
  // Clipping (CONTRACT §4): the gradient before it, its norm, what the rule did, and the gradient
  // after it — the one the optimizer's rule steps with (`grad` of the trace; SAM and schedule-free
  // clip the gradient they take themselves, at θ + e and at y, shown after the given one).
  const clip = tr.recipe?.clip;
  const raw: Vec | null = clip !== undefined && tr.rawGrad ? [tr.rawGrad[2 * i], tr.rawGrad[2 * i + 1]] : null;
  const bit = raw !== null && tr.clipped !== undefined && tr.clipped[i] === 1;
  const clipsOwn = tr.clipsOwn === true;
  const cg: Vec = tr.clippedGrad ? [tr.clippedGrad[2 * i], tr.clippedGrad[2 * i + 1]] : [gx, gy];
  if (clip !== undefined && raw !== null) {
    if (clipsOwn) q.push({ id: 'grad', tex: String.raw`\nabla f(\theta_{t-1})`, value: vec(gx, gy), kind: 'vec' });
    const at = !clipsOwn ? String.raw`\theta_{t-1}` : opt.name === 'sam' ? String.raw`\theta_{t-1} + e` : 'y_{t-1}';
    const n = Math.sqrt(raw[0] * raw[0] + raw[1] * raw[1]);
    q.push({ id: 'gradRaw', tex: String.raw`\nabla f(${at})`, value: vec(raw[0], raw[1]), kind: 'vec' });
    q.push({ id: 'gradRawNorm', tex: String.raw`\|\nabla f(${at})\|`, value: num(n), kind: 'num' });
    if ('norm' in clip) {
      // torch's factor, as the engine computes it.
      const f = clip.norm / (n + 1e-6);
      q.push({ id: 'clipFactor', tex: String.raw`\min\bigl(1, \tfrac{c}{\|\nabla f\| + 10^{-6}}\bigr)`, value: num(f > 1 ? 1 : f), kind: 'num' });
    }
    q.push({ id: 'clipBit', tex: String.raw`\operatorname{clip}(\nabla f) \ne \nabla f`, value: { kind: 'flag', v: bit }, kind: 'flag' });
    q.push({ id: 'gradClipped', tex: String.raw`\operatorname{clip}(\nabla f)`, value: vec(cg[0], cg[1]), kind: 'vec' });
    q.push({ id: 'gradClippedNorm', tex: String.raw`\|\operatorname{clip}(\nabla f)\|`, value: num(Math.sqrt(cg[0] * cg[0] + cg[1] * cg[1])), kind: 'num' });
  } else {
    q.push({ id: 'grad', tex: String.raw`\nabla f(\theta_{t-1})`, value: vec(gx, gy), kind: 'vec' });
  }
  // g_t: the gradient the rule uses (weight decay added, as torch adds it, for the coupled forms).
  let g0 = gx;
  let g1 = gy;
  if (wd > 0 && !decoupled) {
    g0 += wd * th[0];
    g1 += wd * th[1];
    q.push({ id: 'gwd', tex: 'g_t', value: vec(g0, g1), kind: 'vec' });
  }
  if (wd > 0 && decoupled) {
    q.push({ id: 'decayFactor', tex: String.raw`1 - \gamma\lambda`, value: num(1 - lr * wd), kind: 'num' });
    q.push({ id: 'decay', tex: String.raw`-\gamma\lambda\,\theta_{t-1}`, value: vec(-lr * wd * th[0], -lr * wd * th[1]), kind: 'vec' });
    arrows.push({ id: 'decay', sym: '−γλθ', v: [-lr * wd * th[0], -lr * wd * th[1]] });
  }
  const h = tr.hessian;
  const input: ExplainInput<Hyper> = {
    t,
    h: stepHyper(opt, tr.lr ? lr : null, mom, betas),
    theta: th,
    grad: [gx, gy],
    g: [g0, g1],
    delta: [dx, dy],
    after: (name) => read(name, after),
    afterMatrix: (name) => {
      const [a, b, c, d] = slotIndex(name);
      if (d === undefined) throw new RangeError(`${opt.name}: state slot ${name} is not a matrix`);
      return [after(a), after(b), after(c), after(d)];
    },
    before: (name) => read(name, before),
    gradStep: { id: 'grad', sym: '−γg', v: [-lr * g0, -lr * g1] },
    hessian: h ? [h[3 * i], h[3 * i + 1], h[3 * i + 2]] : null,
  };
  const own = implementations[opt.name].explain(input);
  for (const r of own.rows) {
    const kind = r.kind ?? r.value?.kind;
    if (kind === undefined) throw new Error(`${opt.name}: row ${r.id} has neither a value nor a kind`);
    const row: Quantity = { id: r.id, tex: r.tex, value: r.value, kind };
    if (r.slot) row.slots = { index: slotIndex(r.slot.name), when: r.slot.when };
    q.push(row);
  }
  arrows.push(...own.arrows);
  if (bit && raw !== null) {
    // SAM's steps are its base's: its lr (when no schedule gives one).
    const base = opt.base;
    const lrBase = typeof base === 'object' && base !== null && !Array.isArray(base) && typeof base.lr === 'number' ? base.lr : 0;
    const lrStep = lr > 0 ? lr : lrBase;
    // Where clipping bit: the gradient step before clipping beside the one after it (the rule's own
    // gradient-step arrow, renamed; or added when the rule draws none).
    const after = clipsOwn ? undefined : arrows.find((a) => a.id === 'grad');
    if (after) {
      after.id = 'gradClipped';
      after.sym = '−γ·clip(∇f)';
    } else arrows.push({ id: 'gradClipped', sym: '−γ·clip(∇f)', v: [-lrStep * cg[0], -lrStep * cg[1]] });
    arrows.push({ id: 'gradRaw', sym: '−γ∇f', v: [-lrStep * raw[0], -lrStep * raw[1]] });
  }
  q.push({ id: 'step', tex: String.raw`\Delta\theta_t`, value: vec(dx, dy), kind: 'vec' });
  // The EMA update after the step (AveragedModel: its first update copies θ₁).
  if (tr.recipe?.ema !== undefined && tr.ema) {
    q.push({ id: 'thetaNext', tex: String.raw`\theta_t`, value: vec(to[0], to[1]), kind: 'vec' });
    q.push({ id: 'emaPrev', tex: String.raw`\bar\theta_{t-1}`, value: t > 1 ? vec(tr.ema[2 * i - 2], tr.ema[2 * i - 1]) : null, kind: 'vec' });
    q.push({ id: 'ema', tex: String.raw`\bar\theta_t`, value: vec(tr.ema[2 * i], tr.ema[2 * i + 1]), kind: 'vec' });
  }
  arrows.push({ id: own.stepArrow ?? 'step', sym: 'Δθ', v: [dx, dy] });
  return { t, from: th, to, quantities: q, arrows, perCoord: own.perCoord, ellipse: own.ellipse ?? null };
}
