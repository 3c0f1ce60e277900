/**
 * The numbers of one optimizer step, for the explanation panel and the plot overlay.
 *
 * From a racer's trace (the gradient each step was given, the optimizer's state after each step
 * and the step taken — recorded by the runner that drew the path) this derives, for step t, the
 * quantities of the optimizer's update rule (`def.latex`, torch's form): the state slots under
 * readable names, and what the rule computes from them (bias corrections, effective step sizes,
 * Newton's direction, …). Pure: no DOM, no React. Symbols are LaTeX in the rule's notation.
 *
 * Every explanation of step t has the same rows, in the same order, for every t ≥ 1 of a given
 * optimizer config (a row that does not apply at some step has the value null), so a view can
 * lay the rows out once and only repaint the numbers while the race plays.
 */
import type { TraceData } from '../worker/api';
import { optimizers } from '../optim';
import type { Hyper, OptimizerConfig, OptimizerName } from '../optim/types';

export type Vec = [number, number];

export type QValue =
  | { kind: 'vec'; v: Vec }
  | { kind: 'num'; v: number }
  | { kind: 'flag'; v: boolean }
  /** Per-coordinate signs (−1, 0, 1). */
  | { kind: 'sign'; v: Vec };

export type QuantityId =
  | 'theta'
  | 'grad'
  | 'gwd'
  | 'decayFactor'
  | 'decay'
  | 'bPrev'
  | 'b'
  | 'nesterovDir'
  | 'sumSq'
  | 'lrDecayed'
  | 'sqAvg'
  | 'gAvg'
  | 'denom'
  | 'eff'
  | 'm'
  | 'v'
  | 'vmax'
  | 'bc1'
  | 'bc2'
  | 'mHat'
  | 'vHat'
  | 'u'
  | 'muT'
  | 'muNext'
  | 'muProd'
  | 'gradPart'
  | 'momentumPart'
  | 'rhoInf'
  | 'rhoT'
  | 'rectified'
  | 'rect'
  | 'uPrev'
  | 'deltaAd'
  | 'gPrev'
  | 'sign'
  | 'etaT'
  | 'stepSize'
  | 'eig'
  | 'newtonDir'
  | 'step';

export interface Quantity {
  /** Stable id; its name is the message `q.<id>`. */
  id: QuantityId;
  /** The symbol, LaTeX in the notation of the optimizer's rule. */
  tex: string;
  /** null: does not apply at this step (e.g. the previous velocity at t = 1). */
  value: QValue | null;
  /** The shape of the value at every step (also when this step's value is null). */
  kind: QValue['kind'];
  /** The stepper's state slots this row shows as they are (`def.stateLabels` indices), after or before the step. */
  slots?: { index: number[]; when: 'after' | 'before' };
}

export type ArrowId = 'grad' | 'velocity' | 'moment' | 'decay' | 'gradPart' | 'momentumPart' | 'newton' | 'step';

export interface Arrow {
  /** Its name is the message `overlay.<id>`. */
  id: ArrowId;
  /** Short symbol for its label, plain Unicode (drawn in SVG). */
  sym: string;
  v: Vec;
}

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
}

/** What a trace must provide: the worker's trace without its bookkeeping (id, status). */
export type TraceLike = Pick<TraceData, 'optimizer' | 'steps' | 'stateLabels' | 'grad' | 'state' | 'delta' | 'path' | 'hessian'>;

/** The optimizer's state before its first step (a fresh stepper's). */
export function initialState(opt: OptimizerConfig): Float64Array {
  return optimizers[opt.name].create(opt as unknown as Hyper).state.slice();
}

const num = (v: number): QValue => ({ kind: 'num', v });
const vec = (x: number, y: number): QValue => ({ kind: 'vec', v: [x, y] });

function hyperNum(opt: OptimizerConfig, key: string): number {
  const v = opt[key];
  return typeof v === 'number' ? v : 0;
}
function hyperPair(opt: OptimizerConfig, key: string): Vec {
  const v = opt[key];
  return Array.isArray(v) ? [v[0], v[1]] : [0, 0];
}

/** Eigenvalues (larger first) of the symmetric 2×2 matrix [[a, b], [b, c]]. */
export function eigenvalues2(a: number, b: number, c: number): Vec {
  const m = 0.5 * (a + c);
  const r = Math.hypot(0.5 * (a - c), b);
  return [m + r, m - r];
}

/**
 * The explanation of step t (1 ≤ t ≤ trace.steps) of a traced racer. `init` is the state before
 * the first step (`initialState(trace.optimizer)`; passed in so a view computes it once).
 */
export function explainStep(tr: TraceLike, t: number, init: Float64Array = initialState(tr.optimizer)): StepExplanation {
  if (!(t >= 1 && t <= tr.steps && Number.isInteger(t))) throw new RangeError(`step ${t} is not in 1 … ${tr.steps}`);
  const opt = tr.optimizer;
  const name: OptimizerName = opt.name;
  const S = tr.stateLabels.length;
  const i = t - 1;
  const after = (j: number) => tr.state[i * S + j];
  const before = (j: number) => (t > 1 ? tr.state[(i - 1) * S + j] : init[j]);
  const th: Vec = [tr.path[2 * i], tr.path[2 * i + 1]];
  const to: Vec = [tr.path[2 * t], tr.path[2 * t + 1]];
  const gx = tr.grad[2 * i];
  const gy = tr.grad[2 * i + 1];
  const dx = tr.delta[2 * i];
  const dy = tr.delta[2 * i + 1];
  const lr = hyperNum(opt, 'lr');
  const wd = hyperNum(opt, 'weightDecay');
  const decoupled = name === 'adamw';

  const q: (Omit<Quantity, 'kind'> & { kind?: QValue['kind'] })[] = [];
  const arrows: Arrow[] = [];
  let perCoord: StepExplanation['perCoord'] = null;
  const slotsAfter = (...index: number[]) => ({ index, when: 'after' as const });
  const slotsBefore = (...index: number[]) => ({ index, when: 'before' as const });

  q.push({ id: 'theta', tex: String.raw`\theta_{t-1}`, value: vec(th[0], th[1]) });
  q.push({ id: 'grad', tex: String.raw`\nabla f(\theta_{t-1})`, value: vec(gx, gy) });
  // g_t: the gradient the rule uses (weight decay added, as torch adds it, for the coupled forms).
  let g0 = gx;
  let g1 = gy;
  if (wd > 0 && !decoupled) {
    g0 += wd * th[0];
    g1 += wd * th[1];
    q.push({ id: 'gwd', tex: 'g_t', value: vec(g0, g1) });
  }
  if (wd > 0 && decoupled) {
    q.push({ id: 'decayFactor', tex: String.raw`1 - \gamma\lambda`, value: num(1 - lr * wd) });
    q.push({ id: 'decay', tex: String.raw`-\gamma\lambda\,\theta_{t-1}`, value: vec(-lr * wd * th[0], -lr * wd * th[1]) });
    arrows.push({ id: 'decay', sym: '−γλθ', v: [-lr * wd * th[0], -lr * wd * th[1]] });
  }
  const gradStep: Arrow = { id: 'grad', sym: '−γg', v: [-lr * g0, -lr * g1] };

  switch (name) {
    case 'gd':
      // The gradient step is the step: one arrow.
      break;
    case 'momentum':
    case 'nesterov': {
      const mu = hyperNum(opt, 'momentum');
      q.push({ id: 'bPrev', tex: 'b_{t-1}', value: t > 1 ? vec(before(0), before(1)) : null, kind: 'vec', slots: slotsBefore(0, 1) });
      q.push({ id: 'b', tex: 'b_t', value: vec(after(0), after(1)), slots: slotsAfter(0, 1) });
      arrows.push(gradStep);
      if (name === 'nesterov') {
        q.push({ id: 'nesterovDir', tex: String.raw`g_t + \mu\, b_t`, value: vec(g0 + mu * after(0), g1 + mu * after(1)) });
        arrows.push({ id: 'velocity', sym: '−γμb', v: [-lr * mu * after(0), -lr * mu * after(1)] });
      } else if (t > 1) {
        arrows.push({ id: 'velocity', sym: '−γμb', v: [-lr * mu * before(0), -lr * mu * before(1)] });
      }
      break;
    }
    case 'adagrad': {
      const eps = hyperNum(opt, 'eps');
      const lrt = lr / (1 + (t - 1) * hyperNum(opt, 'lrDecay'));
      q.push({ id: 'sumSq', tex: 's_t', value: vec(after(0), after(1)), slots: slotsAfter(0, 1) });
      q.push({ id: 'lrDecayed', tex: String.raw`\tilde\gamma`, value: num(lrt) });
      const e: Vec = [lrt / (Math.sqrt(after(0)) + eps), lrt / (Math.sqrt(after(1)) + eps)];
      q.push({ id: 'eff', tex: String.raw`\tilde\gamma / (\sqrt{s_t} + \epsilon)`, value: vec(e[0], e[1]) });
      perCoord = { sym: 'η', v: e };
      arrows.push(gradStep);
      break;
    }
    case 'rmsprop': {
      const eps = hyperNum(opt, 'eps');
      const mu = hyperNum(opt, 'momentum');
      const centered = opt.centered === true;
      q.push({ id: 'sqAvg', tex: 'v_t', value: vec(after(0), after(1)), slots: slotsAfter(0, 1) });
      let d: Vec;
      if (centered) {
        q.push({ id: 'gAvg', tex: String.raw`\bar g_t`, value: vec(after(2), after(3)), slots: slotsAfter(2, 3) });
        d = [Math.sqrt(after(0) - after(2) * after(2)) + eps, Math.sqrt(after(1) - after(3) * after(3)) + eps];
      } else {
        d = [Math.sqrt(after(0)) + eps, Math.sqrt(after(1)) + eps];
      }
      q.push({ id: 'denom', tex: 'd_t', value: vec(d[0], d[1]) });
      const e: Vec = [lr / d[0], lr / d[1]];
      q.push({ id: 'eff', tex: String.raw`\gamma / d_t`, value: vec(e[0], e[1]) });
      perCoord = { sym: 'η', v: e };
      arrows.push(gradStep);
      if (mu > 0) {
        q.push({ id: 'bPrev', tex: 'b_{t-1}', value: t > 1 ? vec(before(4), before(5)) : null, kind: 'vec', slots: slotsBefore(4, 5) });
        q.push({ id: 'b', tex: 'b_t', value: vec(after(4), after(5)), slots: slotsAfter(4, 5) });
        if (t > 1) arrows.push({ id: 'velocity', sym: '−γμb', v: [-lr * mu * before(4), -lr * mu * before(5)] });
      }
      break;
    }
    case 'adam':
    case 'adamw': {
      const [b1, b2] = hyperPair(opt, 'betas');
      const eps = hyperNum(opt, 'eps');
      const ams = opt.amsgrad === true;
      const bc1 = 1 - Math.pow(b1, t);
      const bc2 = 1 - Math.pow(b2, t);
      q.push({ id: 'm', tex: 'm_t', value: vec(after(0), after(1)), slots: slotsAfter(0, 1) });
      q.push({ id: 'v', tex: 'v_t', value: vec(after(2), after(3)), slots: slotsAfter(2, 3) });
      if (ams) q.push({ id: 'vmax', tex: String.raw`v^{\max}_t`, value: vec(after(4), after(5)), slots: slotsAfter(4, 5) });
      q.push({ id: 'bc1', tex: String.raw`1-\beta_1^t`, value: num(bc1) });
      q.push({ id: 'bc2', tex: String.raw`1-\beta_2^t`, value: num(bc2) });
      const mh: Vec = [after(0) / bc1, after(1) / bc1];
      const vs = ams ? [after(4), after(5)] : [after(2), after(3)];
      const vh: Vec = [vs[0] / bc2, vs[1] / bc2];
      q.push({ id: 'mHat', tex: String.raw`\hat m_t`, value: vec(mh[0], mh[1]) });
      q.push({ id: 'vHat', tex: String.raw`\hat v_t`, value: vec(vh[0], vh[1]) });
      const e: Vec = [lr / (Math.sqrt(vh[0]) + eps), lr / (Math.sqrt(vh[1]) + eps)];
      q.push({ id: 'eff', tex: String.raw`\gamma / (\sqrt{\hat v_t} + \epsilon)`, value: vec(e[0], e[1]) });
      perCoord = { sym: 'η', v: e };
      arrows.push(gradStep, { id: 'moment', sym: '−γm̂', v: [-lr * mh[0], -lr * mh[1]] });
      break;
    }
    case 'adamax': {
      const [b1] = hyperPair(opt, 'betas');
      const bc1 = 1 - Math.pow(b1, t);
      q.push({ id: 'm', tex: 'm_t', value: vec(after(0), after(1)), slots: slotsAfter(0, 1) });
      q.push({ id: 'u', tex: 'u_t', value: vec(after(2), after(3)), slots: slotsAfter(2, 3) });
      q.push({ id: 'bc1', tex: String.raw`1-\beta_1^t`, value: num(bc1) });
      const mh: Vec = [after(0) / bc1, after(1) / bc1];
      q.push({ id: 'mHat', tex: String.raw`\hat m_t`, value: vec(mh[0], mh[1]) });
      const e: Vec = [lr / after(2), lr / after(3)];
      q.push({ id: 'eff', tex: String.raw`\gamma / u_t`, value: vec(e[0], e[1]) });
      perCoord = { sym: 'η', v: e };
      arrows.push(gradStep, { id: 'moment', sym: '−γm̂', v: [-lr * mh[0], -lr * mh[1]] });
      break;
    }
    case 'nadam': {
      const [b1, b2] = hyperPair(opt, 'betas');
      const eps = hyperNum(opt, 'eps');
      const psi = hyperNum(opt, 'momentumDecay');
      const muT = b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
      const muNext = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
      const prod = after(4);
      const bc2 = 1 - Math.pow(b2, t);
      q.push({ id: 'm', tex: 'm_t', value: vec(after(0), after(1)), slots: slotsAfter(0, 1) });
      q.push({ id: 'v', tex: 'v_t', value: vec(after(2), after(3)), slots: slotsAfter(2, 3) });
      q.push({ id: 'muT', tex: String.raw`\mu_t`, value: num(muT) });
      q.push({ id: 'muNext', tex: String.raw`\mu_{t+1}`, value: num(muNext) });
      q.push({ id: 'muProd', tex: String.raw`\prod_{i\le t}\mu_i`, value: num(prod), slots: slotsAfter(4) });
      q.push({ id: 'bc2', tex: String.raw`1-\beta_2^t`, value: num(bc2) });
      const d: Vec = [Math.sqrt(after(2) / bc2) + eps, Math.sqrt(after(3) / bc2) + eps];
      q.push({ id: 'denom', tex: 'd_t', value: vec(d[0], d[1]) });
      const e: Vec = [lr / d[0], lr / d[1]];
      q.push({ id: 'eff', tex: String.raw`\gamma / d_t`, value: vec(e[0], e[1]) });
      const kg = (-lr * (1 - muT)) / (1 - prod);
      const km = (-lr * muNext) / (1 - prod * muT * muNext);
      const gp: Vec = [(kg * g0) / d[0], (kg * g1) / d[1]];
      const mp: Vec = [(km * after(0)) / d[0], (km * after(1)) / d[1]];
      q.push({ id: 'gradPart', tex: String.raw`\propto g_t/d_t`, value: vec(gp[0], gp[1]) });
      q.push({ id: 'momentumPart', tex: String.raw`\propto m_t/d_t`, value: vec(mp[0], mp[1]) });
      perCoord = { sym: 'η', v: e };
      arrows.push(gradStep, { id: 'gradPart', sym: 'g', v: gp }, { id: 'momentumPart', sym: 'm', v: mp });
      break;
    }
    case 'radam': {
      const [b1, b2] = hyperPair(opt, 'betas');
      const eps = hyperNum(opt, 'eps');
      const bc1 = 1 - Math.pow(b1, t);
      const bc2 = 1 - Math.pow(b2, t);
      const rhoInf = 2 / (1 - b2) - 1;
      const rhoT = after(4);
      const rectified = after(5) === 1;
      q.push({ id: 'm', tex: 'm_t', value: vec(after(0), after(1)), slots: slotsAfter(0, 1) });
      q.push({ id: 'v', tex: 'v_t', value: vec(after(2), after(3)), slots: slotsAfter(2, 3) });
      q.push({ id: 'bc1', tex: String.raw`1-\beta_1^t`, value: num(bc1) });
      q.push({ id: 'bc2', tex: String.raw`1-\beta_2^t`, value: num(bc2) });
      const mh: Vec = [after(0) / bc1, after(1) / bc1];
      q.push({ id: 'mHat', tex: String.raw`\hat m_t`, value: vec(mh[0], mh[1]) });
      q.push({ id: 'rhoInf', tex: String.raw`\rho_\infty`, value: num(rhoInf) });
      q.push({ id: 'rhoT', tex: String.raw`\rho_t`, value: num(rhoT), slots: slotsAfter(4) });
      q.push({ id: 'rectified', tex: String.raw`\rho_t > 5`, value: { kind: 'flag', v: rectified }, slots: slotsAfter(5) });
      let e: Vec = [lr, lr];
      if (rectified) {
        const r = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
        q.push({ id: 'rect', tex: 'r_t', value: num(r) });
        const sq = Math.sqrt(bc2);
        e = [(lr * r * sq) / (Math.sqrt(after(2)) + eps), (lr * r * sq) / (Math.sqrt(after(3)) + eps)];
        perCoord = { sym: 'η', v: e };
      } else {
        q.push({ id: 'rect', tex: 'r_t', value: null, kind: 'num' });
      }
      q.push({
        id: 'eff',
        tex: rectified ? String.raw`\gamma\, r_t \sqrt{1-\beta_2^t}/(\sqrt{v_t}+\epsilon)` : String.raw`\gamma`,
        value: vec(e[0], e[1]),
      });
      arrows.push(gradStep, { id: 'moment', sym: '−γm̂', v: [-lr * mh[0], -lr * mh[1]] });
      break;
    }
    case 'adadelta': {
      const eps = hyperNum(opt, 'eps');
      q.push({ id: 'sqAvg', tex: 'v_t', value: vec(after(0), after(1)), slots: slotsAfter(0, 1) });
      q.push({ id: 'uPrev', tex: 'u_{t-1}', value: vec(before(2), before(3)), slots: slotsBefore(2, 3) });
      q.push({ id: 'deltaAd', tex: String.raw`\Delta_t`, value: vec(after(4), after(5)), slots: slotsAfter(4, 5) });
      q.push({ id: 'u', tex: 'u_t', value: vec(after(2), after(3)), slots: slotsAfter(2, 3) });
      const e: Vec = [(lr * Math.sqrt(before(2) + eps)) / Math.sqrt(after(0) + eps), (lr * Math.sqrt(before(3) + eps)) / Math.sqrt(after(1) + eps)];
      q.push({ id: 'eff', tex: String.raw`\gamma\sqrt{u_{t-1}+\epsilon}/\sqrt{v_t+\epsilon}`, value: vec(e[0], e[1]) });
      perCoord = { sym: 'η', v: e };
      arrows.push(gradStep);
      break;
    }
    case 'rprop': {
      const [etaMinus, etaPlus] = hyperPair(opt, 'etas');
      const sgn = (p: number) => (p > 0 ? 1 : p < 0 ? -1 : 0);
      const s: Vec = [sgn(gx * before(0)), sgn(gy * before(1))];
      const eta = (x: number) => (x > 0 ? etaPlus : x < 0 ? etaMinus : 1);
      q.push({ id: 'gPrev', tex: 'g_{t-1}', value: vec(before(0), before(1)), slots: slotsBefore(0, 1) });
      q.push({ id: 'sign', tex: 's', value: { kind: 'sign', v: s } });
      q.push({ id: 'etaT', tex: String.raw`\eta`, value: vec(eta(s[0]), eta(s[1])) });
      q.push({ id: 'stepSize', tex: String.raw`\Delta_t`, value: vec(after(2), after(3)), slots: slotsAfter(2, 3) });
      perCoord = { sym: 'Δ', v: [after(2), after(3)] };
      arrows.push(gradStep);
      break;
    }
    case 'newton': {
      const h = tr.hessian;
      const damping = hyperNum(opt, 'damping');
      if (h) {
        let [l1, l2] = eigenvalues2(h[3 * i], h[3 * i + 1], h[3 * i + 2]);
        if (opt.saddleFree === true) [l1, l2] = [Math.abs(l1), Math.abs(l2)].sort((a, b) => b - a) as Vec;
        q.push({ id: 'eig', tex: opt.saddleFree === true ? String.raw`\lambda(|H_t|) + \delta` : String.raw`\lambda(H_t) + \delta`, value: vec(l1 + damping, l2 + damping) });
      }
      q.push({ id: 'newtonDir', tex: String.raw`(H_t + \delta I)^{-1}\nabla f`, value: vec(after(0), after(1)), slots: slotsAfter(0, 1) });
      arrows.push(gradStep);
      break;
    }
  }
  q.push({ id: 'step', tex: String.raw`\Delta\theta_t`, value: vec(dx, dy) });
  arrows.push({ id: name === 'newton' ? 'newton' : 'step', sym: 'Δθ', v: [dx, dy] });
  const quantities = q.map((x) => ({ ...x, kind: x.kind ?? x.value!.kind }) as Quantity);
  return { t, from: th, to, quantities, arrows, perCoord };
}
