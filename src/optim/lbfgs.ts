/**
 * L-BFGS — torch.optim.LBFGS (torch 1.13, torch/optim/lbfgs.py), one `optimizer.step(closure)`
 * per race step, the closure evaluating this step's objective (its mini-batch and simulated noise).
 *
 *   d ← −g on the very first iteration; afterwards the two-loop recursion over the stored pairs
 *       (sᵢ, yᵢ), sᵢ = t·d, yᵢ = gᵢ₊₁ − gᵢ (a pair is kept only when yᵀs > 1e−10), with the initial
 *       inverse Hessian H₀ = yᵀs / yᵀy of the newest pair
 *   t ← min(1, 1/‖g‖₁)·lr on the very first iteration, lr afterwards; the strong-Wolfe line
 *       search (cubic interpolation, c₁ = 1e−4, c₂ = 0.9, at most 25 evaluations) refines it
 *   θ ← θ + t·d
 *
 * Every branch, tolerance and piece of state carried from step to step follows the torch source to
 * the letter: the early return when max|g| ≤ toleranceGrad, the break when gᵀd > −toleranceChange
 * (after d, t and the previous gradient are stored), the re-evaluation after a fixed step only when
 * more iterations follow, maxEval, the lack-of-progress tests. Allocation-free: the history is a
 * ring of historySize pairs allocated once.
 */
import { dot, maxAbs } from './linalg';
import { lrSpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type NumberSpec, type StepEnv } from './types';

type Evaluator = Pick<StepEnv, 'evaluate'>;

export interface LbfgsSettings {
  lr: number;
  maxIter: number;
  maxEval: number;
  toleranceGrad: number;
  toleranceChange: number;
  historySize: number;
  lineSearch: 'none' | 'strong_wolfe';
}

/** torch's _strong_wolfe constants (LBFGS passes none of them, so its own toleranceChange is not used there). */
const C1 = 1e-4;
const C2 = 0.9;
const LS_TOLERANCE_CHANGE = 1e-9;
const MAX_LS = 25;

/** How many closure evaluations of one step are recorded for the explanation (the rest are counted). */
export const LBFGS_TRACE_CAP = 64;
/** How many of them the state carries (slots trial1 … trial6: offsets from the step's start), for the overlay. */
export const LBFGS_TRIAL_SLOTS = 6;

/** Python's min(a, b) and max(a, b): the first argument unless the second is strictly smaller/larger. */
const pyMin = (a: number, b: number) => (b < a ? b : a);
const pyMax = (a: number, b: number) => (b > a ? b : a);

/** torch's _cubic_interpolate (ported from torch/optim polyinterp.lua), with optional bounds. */
export function cubicInterpolate(
  x1: number,
  f1: number,
  g1: number,
  x2: number,
  f2: number,
  g2: number,
  lo?: number,
  hi?: number,
): number {
  let xmin: number;
  let xmax: number;
  if (lo !== undefined && hi !== undefined) {
    xmin = lo;
    xmax = hi;
  } else if (x1 <= x2) {
    xmin = x1;
    xmax = x2;
  } else {
    xmin = x2;
    xmax = x1;
  }
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (d2Square >= 0) {
    const d2 = Math.sqrt(d2Square);
    const minPos =
      x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return pyMin(pyMax(minPos, xmin), xmax);
  }
  return (xmin + xmax) / 2;
}

export class LbfgsStepper {
  readonly readsLossAtStart = true;
  lr: number;
  t = 0;
  /**
   * Named slots: `d` (n), the last search direction; `eta`, the step length taken; `evals`, the
   * closure evaluations of the step; `trials`, how many of them are in `trial1` … `trial6` (n
   * each: the evaluated points after the first, as offsets from the step's start).
   */
  readonly state: Float64Array;
  /** torch's state['n_iter'] and state['func_evals'] (over the whole run). */
  nIter = 0;
  funcEvals = 0;
  /**
   * The last step, for the explanation: where it started (`origin`), the points its closure
   * evaluated after the first (`points`, n each, row by row: the line search's trial points, or
   * the re-evaluations between iterations) and their losses.
   */
  readonly trace: {
    origin: Float64Array;
    points: Float64Array;
    losses: Float64Array;
    count: number;
    evals: number;
    taken: number;
    moved: boolean;
  };

  private readonly n: number;
  private readonly m: number;
  private readonly s: LbfgsSettings;
  /** torch's state: d (the direction, = state slot d), t, prev_flat_grad, prev_loss, H_diag, history. */
  private readonly d: Float64Array;
  private stepLength = 0;
  private readonly prevFlatGrad: Float64Array;
  private prevLoss = NaN;
  private hDiag = 1;
  private readonly oldDirs: Float64Array;
  private readonly oldStps: Float64Array;
  private readonly ro: Float64Array;
  private readonly al: Float64Array;
  private head = 0;
  private count = 0;
  // Work buffers.
  private readonly flatGrad: Float64Array;
  private readonly yBuf: Float64Array;
  private readonly sBuf: Float64Array;
  private readonly xInit: Float64Array;
  private readonly trial: Float64Array;
  private readonly gInit: Float64Array;
  private readonly gPrev: Float64Array;
  private readonly gNew: Float64Array;
  private readonly bracketG0: Float64Array;
  private readonly bracketG1: Float64Array;
  private env: Evaluator | null = null;

  constructor(n: number, settings: LbfgsSettings) {
    this.n = n;
    this.s = settings;
    this.lr = settings.lr;
    const m = (this.m = settings.historySize);
    this.state = new Float64Array(n + 3 + LBFGS_TRIAL_SLOTS * n);
    this.d = this.state.subarray(0, n);
    this.prevFlatGrad = new Float64Array(n);
    this.oldDirs = new Float64Array(m * n);
    this.oldStps = new Float64Array(m * n);
    this.ro = new Float64Array(m);
    this.al = new Float64Array(m);
    this.flatGrad = new Float64Array(n);
    this.yBuf = new Float64Array(n);
    this.sBuf = new Float64Array(n);
    this.xInit = new Float64Array(n);
    this.trial = new Float64Array(n);
    this.gInit = new Float64Array(n);
    this.gPrev = new Float64Array(n);
    this.gNew = new Float64Array(n);
    this.bracketG0 = new Float64Array(n);
    this.bracketG1 = new Float64Array(n);
    this.trace = {
      origin: new Float64Array(n),
      points: new Float64Array(LBFGS_TRACE_CAP * n),
      losses: new Float64Array(LBFGS_TRACE_CAP),
      /** Evaluations recorded (≤ LBFGS_TRACE_CAP) after the first, and made in all, in the last step. */
      count: 0,
      evals: 0,
      /** The last step length taken (t), and whether the step moved at all. */
      taken: 0,
      moved: false,
    };
  }

  /**
   * One `optimizer.step(closure)`. The closure's first evaluation, at p, is the loss and gradient
   * the runner already has (`g` and `env.lossAtStart`, on this step's batch and noise); an env
   * without lossAtStart (the network's) evaluates it again.
   */
  step(p: Float64Array, g: Float64Array, env: StepEnv): null {
    const { n, s, d, flatGrad, prevFlatGrad } = this;
    const lr = this.lr;
    const tr = this.trace;
    this.env = env;
    tr.count = 0;
    tr.evals = 0;
    tr.taken = 0;
    tr.moved = false;
    tr.origin.set(p);

    // orig_loss = closure()
    let loss: number;
    if (env.lossAtStart !== undefined) {
      flatGrad.set(g);
      loss = env.lossAtStart();
    } else {
      loss = env.evaluate(p, flatGrad);
    }
    let currentEvals = 1;
    this.funcEvals++;
    tr.evals = 1;
    let optCond = maxAbs(n, flatGrad) <= s.toleranceGrad;
    if (optCond) {
      this.state[n] = 0;
      this.state[n + 1] = 1;
      this.state[n + 2] = 0;
      this.t++;
      return null;
    }

    let t = this.stepLength;
    let nIter = 0;
    while (nIter < s.maxIter) {
      nIter++;
      this.nIter++;

      // The search direction.
      if (this.nIter === 1) {
        for (let i = 0; i < n; i++) d[i] = -flatGrad[i];
        this.head = 0;
        this.count = 0;
        this.hDiag = 1;
      } else {
        const y = this.yBuf;
        const sv = this.sBuf;
        for (let i = 0; i < n; i++) {
          y[i] = flatGrad[i] - prevFlatGrad[i];
          sv[i] = d[i] * t;
        }
        const ys = dot(n, y, sv);
        if (ys > 1e-10) {
          if (this.count === this.m) {
            this.head = (this.head + 1) % this.m;
            this.count--;
          }
          const slot = (this.head + this.count) % this.m;
          this.oldDirs.set(y, slot * n);
          this.oldStps.set(sv, slot * n);
          this.ro[slot] = 1 / ys;
          this.count++;
          this.hDiag = ys / dot(n, y, y);
        }
        // Two-loop recursion, q collapsed into d (torch's q, then d = r = q·H_diag).
        const { oldDirs, oldStps, ro, al, count, head, m } = this;
        for (let i = 0; i < n; i++) d[i] = -flatGrad[i];
        for (let i = count - 1; i >= 0; i--) {
          const o = ((head + i) % m) * n;
          let a = 0;
          for (let j = 0; j < n; j++) a += oldStps[o + j] * d[j];
          a *= ro[(head + i) % m];
          al[i] = a;
          const alpha = -a;
          for (let j = 0; j < n; j++) d[j] += alpha * oldDirs[o + j];
        }
        const hDiag = this.hDiag;
        for (let j = 0; j < n; j++) d[j] *= hDiag;
        for (let i = 0; i < count; i++) {
          const o = ((head + i) % m) * n;
          let be = 0;
          for (let j = 0; j < n; j++) be += oldDirs[o + j] * d[j];
          be *= ro[(head + i) % m];
          const alpha = al[i] - be;
          for (let j = 0; j < n; j++) d[j] += alpha * oldStps[o + j];
        }
      }
      prevFlatGrad.set(flatGrad);
      this.prevLoss = loss;

      // The step length.
      if (this.nIter === 1) {
        let l1 = 0;
        for (let i = 0; i < n; i++) l1 += Math.abs(flatGrad[i]);
        t = pyMin(1, 1 / l1) * lr;
      } else {
        t = lr;
      }
      const gtd = dot(n, flatGrad, d);
      if (gtd > -s.toleranceChange) break;

      let lsEvals = 0;
      if (s.lineSearch === 'strong_wolfe') {
        this.xInit.set(p);
        const res = this.strongWolfe(t, loss, gtd);
        loss = res;
        t = this.lsT;
        lsEvals = this.lsEvals;
        for (let i = 0; i < n; i++) p[i] += t * d[i];
        optCond = maxAbs(n, flatGrad) <= s.toleranceGrad;
      } else {
        for (let i = 0; i < n; i++) p[i] += t * d[i];
        if (nIter !== s.maxIter) {
          loss = this.evaluateAt(p, flatGrad);
          optCond = maxAbs(n, flatGrad) <= s.toleranceGrad;
          lsEvals = 1;
        }
      }
      tr.moved = true;
      tr.taken = t;
      currentEvals += lsEvals;
      this.funcEvals += lsEvals;

      if (nIter === s.maxIter) break;
      if (currentEvals >= s.maxEval) break;
      if (optCond) break;
      let change = 0;
      for (let i = 0; i < n; i++) {
        const a = Math.abs(d[i] * t);
        if (a > change || a !== a) change = a;
      }
      if (change <= s.toleranceChange) break;
      if (Math.abs(loss - this.prevLoss) < s.toleranceChange) break;
    }
    this.stepLength = t;
    this.state[n] = tr.moved ? t : 0;
    this.state[n + 1] = currentEvals;
    const shown = Math.min(tr.count, LBFGS_TRIAL_SLOTS);
    this.state[n + 2] = shown;
    for (let j = 0; j < LBFGS_TRIAL_SLOTS; j++) {
      for (let i = 0; i < n; i++) this.state[n + 3 + j * n + i] = j < shown ? tr.points[j * n + i] - tr.origin[i] : 0;
    }
    this.env = null;
    this.t++;
    return null;
  }

  /** A closure evaluation at `theta` after the first: recorded for the explanation. */
  private evaluateAt(theta: Float64Array, g: Float64Array): number {
    const f = (this.env as Evaluator).evaluate(theta, g);
    const tr = this.trace;
    if (tr.count < LBFGS_TRACE_CAP) {
      tr.points.set(theta, tr.count * this.n);
      tr.losses[tr.count] = f;
      tr.count++;
    }
    tr.evals++;
    return f;
  }

  /** obj_func(x, t, d): the loss and gradient at x_init + t·d, written into gNew. */
  private directional(t: number): number {
    const { n, xInit, trial, d } = this;
    for (let i = 0; i < n; i++) trial[i] = xInit[i] + t * d[i];
    return this.evaluateAt(trial, this.gNew);
  }

  private lsT = 0;
  private lsEvals = 0;

  /**
   * torch's _strong_wolfe(obj_func, x, t, d, f, g, gtd): returns f_new; leaves the accepted step in
   * lsT, the evaluation count in lsEvals and the gradient there in flatGrad.
   */
  private strongWolfe(t: number, f: number, gtd: number): number {
    const { n, d, gInit, gPrev, gNew, bracketG0, bracketG1, flatGrad } = this;
    const dNorm = maxAbs(n, d);
    gInit.set(flatGrad);
    let fNew = this.directional(t);
    let lsFuncEvals = 1;
    let gtdNew = dot(n, gNew, d);

    let tPrev = 0;
    let fPrev = f;
    let gtdPrev = gtd;
    gPrev.set(gInit);
    let done = false;
    let lsIter = 0;
    // The bracket: 1 or 2 entries (t, f, gradient, gᵀd).
    let len = 0;
    let b0 = 0;
    let b1 = 0;
    let bf0 = 0;
    let bf1 = 0;
    let bgtd0 = 0;
    let bgtd1 = 0;
    while (lsIter < MAX_LS) {
      if (fNew > f + C1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
        len = 2;
        b0 = tPrev;
        b1 = t;
        bf0 = fPrev;
        bf1 = fNew;
        bracketG0.set(gPrev);
        bracketG1.set(gNew);
        bgtd0 = gtdPrev;
        bgtd1 = gtdNew;
        break;
      }
      if (Math.abs(gtdNew) <= -C2 * gtd) {
        len = 1;
        b0 = t;
        bf0 = fNew;
        bracketG0.set(gNew);
        done = true;
        break;
      }
      if (gtdNew >= 0) {
        len = 2;
        b0 = tPrev;
        b1 = t;
        bf0 = fPrev;
        bf1 = fNew;
        bracketG0.set(gPrev);
        bracketG1.set(gNew);
        bgtd0 = gtdPrev;
        bgtd1 = gtdNew;
        break;
      }
      // Interpolate.
      const minStep = t + 0.01 * (t - tPrev);
      const maxStep = t * 10;
      const tmp = t;
      t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
      tPrev = tmp;
      fPrev = fNew;
      gPrev.set(gNew);
      gtdPrev = gtdNew;
      fNew = this.directional(t);
      lsFuncEvals++;
      gtdNew = dot(n, gNew, d);
      lsIter++;
    }
    if (lsIter === MAX_LS) {
      len = 2;
      b0 = 0;
      b1 = t;
      bf0 = f;
      bf1 = fNew;
      bracketG0.set(gInit);
      bracketG1.set(gNew);
    }

    // Zoom.
    let insufProgress = false;
    let low = bf0 <= (len === 2 ? bf1 : bf0) ? 0 : 1;
    while (!done && lsIter < MAX_LS) {
      if (Math.abs(b1 - b0) * dNorm < LS_TOLERANCE_CHANGE) break;
      t = cubicInterpolate(b0, bf0, bgtd0, b1, bf1, bgtd1);
      const bMax = pyMax(b0, b1);
      const bMin = pyMin(b0, b1);
      const eps = 0.1 * (bMax - bMin);
      if (pyMin(bMax - t, t - bMin) < eps) {
        if (insufProgress || t >= bMax || t <= bMin) {
          t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
          insufProgress = false;
        } else {
          insufProgress = true;
        }
      } else {
        insufProgress = false;
      }
      fNew = this.directional(t);
      lsFuncEvals++;
      gtdNew = dot(n, gNew, d);
      lsIter++;

      const lowF = low === 0 ? bf0 : bf1;
      if (fNew > f + C1 * t * gtd || fNew >= lowF) {
        // Armijo not satisfied, or not lower than the lowest point: the new point becomes high.
        if (low === 0) {
          b1 = t;
          bf1 = fNew;
          bracketG1.set(gNew);
          bgtd1 = gtdNew;
        } else {
          b0 = t;
          bf0 = fNew;
          bracketG0.set(gNew);
          bgtd0 = gtdNew;
        }
        low = bf0 <= bf1 ? 0 : 1;
      } else {
        if (Math.abs(gtdNew) <= -C2 * gtd) {
          done = true;
        } else if (gtdNew * (low === 0 ? b1 - b0 : b0 - b1) >= 0) {
          // The old high becomes the new low... (copied into the high slot)
          if (low === 0) {
            b1 = b0;
            bf1 = bf0;
            bracketG1.set(bracketG0);
            bgtd1 = bgtd0;
          } else {
            b0 = b1;
            bf0 = bf1;
            bracketG0.set(bracketG1);
            bgtd0 = bgtd1;
          }
        }
        // ... and the new point becomes the low.
        if (low === 0) {
          b0 = t;
          bf0 = fNew;
          bracketG0.set(gNew);
          bgtd0 = gtdNew;
        } else {
          b1 = t;
          bf1 = fNew;
          bracketG1.set(gNew);
          bgtd1 = gtdNew;
        }
      }
    }
    this.lsT = low === 0 ? b0 : b1;
    this.lsEvals = lsFuncEvals;
    flatGrad.set(low === 0 ? bracketG0 : bracketG1);
    return low === 0 ? bf0 : bf1;
  }
}

type LbfgsHyper = {
  lr: number;
  maxIter: number;
  maxEval: number;
  toleranceGrad: number;
  toleranceChange: number;
  historySize: number;
  lineSearch: 'none' | 'strong_wolfe';
};

const intSpec = <K extends string>(key: K, label: string, help: string, def: number, max: number, advanced = false): NumberSpec<K> => ({
  key,
  label,
  help,
  kind: 'number',
  default: def,
  min: 1,
  max,
  integer: true,
  sliderMin: 1,
  sliderMax: Math.min(max, 100),
  scale: 'linear',
  advanced,
});

const tolSpec = <K extends string>(key: K, label: string, help: string, def: number): NumberSpec<K> => ({
  key,
  label,
  help,
  kind: 'number',
  default: def,
  min: 0,
  max: 1,
  sliderMin: 1e-12,
  sliderMax: 1e-1,
  scale: 'log',
  advanced: true,
});

export const lbfgs = defineOptimizer<LbfgsHyper>()({
  name: 'lbfgs',
  label: 'L-BFGS',
  torch: 'torch.optim.LBFGS',
  hyper: [
    lrSpec(1, 1e-3, 10),
    // The upper limits (torch has none) keep a race interactive: at most torch's defaults of 20
    // iterations and 100 pairs, and 200 evaluations a step.
    intSpec('maxIter', 'iterations per step', 'L-BFGS iterations in one optimizer.step(closure); 1 keeps the race fair (torch’s default is 20).', 1, 20),
    intSpec('maxEval', 'evaluations per step', 'At most this many closure evaluations in one step; default ⌊maxIter·5/4⌋, as torch.', 1, 200, true),
    tolSpec('toleranceGrad', 'gradient tolerance', 'The step does nothing when every |gradient component| is at most this.', 1e-7),
    tolSpec('toleranceChange', 'change tolerance', 'Stops the iterations of a step when the loss or the parameters change less than this.', 1e-9),
    intSpec('historySize', 'history size', 'How many (s, y) pairs of past steps build the curvature estimate.', 100, 100, true),
    {
      key: 'lineSearch',
      label: 'line search',
      help: '"strong_wolfe" searches along the direction for a step satisfying the strong Wolfe conditions (several evaluations); "none" takes lr.',
      kind: 'choice',
      default: 'none',
      options: ['none', 'strong_wolfe'],
    },
  ],
  needsHessian: false,
  state: [
    { name: 'd', size: 'n' },
    { name: 'eta', size: 1 },
    { name: 'evals', size: 1 },
    { name: 'trials', size: 1 },
    ...Array.from({ length: LBFGS_TRIAL_SLOTS }, (_, j) => ({ name: `trial${j + 1}`, size: 'n' as const })),
  ],
  words: {
    'q.d': 'search direction',
    'q.eta': 'step length taken',
    'q.evals': 'closure evaluations this step',
  },
  derivedDefaults: (h) => ({ maxEval: Math.floor((h.maxIter * 5) / 4) }),
  torchExport: {
    ctor: 'torch.optim.LBFGS',
    closure: true,
    args: (h, py) => [
      `lr=${py.value(h.lr)}`,
      `max_iter=${h.maxIter}`,
      `max_eval=${h.maxEval}`,
      `tolerance_grad=${py.value(h.toleranceGrad)}`,
      `tolerance_change=${py.value(h.toleranceChange)}`,
      `history_size=${h.historySize}`,
      `line_search_fn=${h.lineSearch === 'none' ? 'None' : py.value(h.lineSearch)}`,
    ],
  },
});

export const lbfgsImpl: OptimizerImpl<LbfgsHyper> = {
  create: (h, n) =>
    new LbfgsStepper(n, {
      lr: h.lr,
      maxIter: h.maxIter,
      maxEval: h.maxEval,
      toleranceGrad: h.toleranceGrad,
      toleranceChange: h.toleranceChange,
      historySize: h.historySize,
      lineSearch: h.lineSearch,
    }),
  explain: (x) => {
    const d = x.after('d');
    const [eta] = x.after('eta');
    const [evals] = x.after('evals');
    return {
      rows: [
        { id: 'd', tex: 'd_t', value: { kind: 'vec', v: d }, slot: { name: 'd', when: 'after' } },
        { id: 'eta', tex: String.raw`\eta_t`, value: { kind: 'num', v: eta }, slot: { name: 'eta', when: 'after' } },
        { id: 'evals', tex: String.raw`\#f`, value: { kind: 'num', v: evals }, slot: { name: 'evals', when: 'after' } },
      ],
      // No plain gradient step: L-BFGS never takes one (and at lr = 1 it would dwarf the step).
      arrows: [
        { id: 'direction', sym: 'γd', v: [x.h.lr * d[0], x.h.lr * d[1]] },
        // The points the closure evaluated after the first (line search trials, re-evaluations).
        ...Array.from({ length: Math.min(x.after('trials')[0], LBFGS_TRIAL_SLOTS) }, (_, j) => ({
          id: 'trial' as const,
          sym: String(j + 1),
          v: x.after(`trial${j + 1}`),
          marker: true,
        })),
      ],
      perCoord: null,
    };
  },
};
