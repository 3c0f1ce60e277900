/**
 * Schedule-free AdamW (Defazio et al. 2024), as `AdamWScheduleFree` of facebookresearch/
 * schedule_free, schedulefree/adamw_schedulefree.py (commit 70785b53, inner_momentum 0, its
 * non-foreach step), in train mode: the gradient is taken at y.
 *
 *   sched = (k+1)/warmupSteps while k < warmupSteps, else 1;   lr_k = lr·sched
 *   lr_max = max(lr_max, lr_k);   c = (k+1)^r·lr_max^weightLrPower / Σ of those weights so far
 *   v ← β₂v + (1 − β₂)g²;   ĝ = g / (√(v / (1 − β₂^(k+1))) + ε) + λ·y
 *   y ← lerp(y, z, c) + lr_k·(β₁(1 − c) − 1)·ĝ;   z ← z − lr_k·ĝ
 *   x = lerp(y, z, 1 − 1/β₁)       (what eval() sets: the point drawn and scored)
 *
 * lerp is torch's: a + w·(b − a) for |w| < 0.5, b − (b − a)·(1 − w) otherwise.
 */
import { fdlibmPow } from '../math/fdlibm-pow';
import { betasSpec, epsSpec, lrSpec, weightDecaySpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type NumberSpec, type StepEnv, type Stepper } from './types';

export interface ScheduleFreeSettings {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  warmupSteps: number;
  r: number;
  weightLrPower: number;
}

/** torch.lerp for one element. */
export function lerp(a: number, b: number, w: number): number {
  return Math.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w);
}

/** x^e for the exponents that matter exactly (0, 1, 2), fdlibm's pow otherwise (Node's bits in the page too). */
function power(x: number, e: number): number {
  if (e === 0) return 1;
  if (e === 1) return x;
  if (e === 2) return x * x;
  return fdlibmPow(x, e);
}

export class ScheduleFreeStepper implements Stepper {
  lr: number;
  t = 0;
  /**
   * Named slots: `z`, `y` (the point the gradient is taken at), `v` (exp_avg_sq) and `gy` (the
   * last gradient, taken at y), n each; then the last step's `c` (the averaging weight ckp1) and
   * `lrt` (the lr after warm-up).
   */
  readonly state: Float64Array;
  readonly z: Float64Array;
  readonly y: Float64Array;
  readonly v: Float64Array;
  /** The last step's scalars: c (ckp1), the scheduled lr, Σ weights. */
  ckp1 = 0;
  scheduledLr = 0;
  weightSum = 0;
  private lrMax = -1;
  /** β₁, mutable: OneCycle's cycleMomentum sets group['betas'][0], which the reference reads every step. */
  private beta1: number;
  /** β₂^(k+1) as a running product (see the powers note in ./specs). */
  private readonly pw = new Float64Array([1]);
  private readonly gy: Float64Array;

  constructor(
    private readonly n: number,
    private readonly h: ScheduleFreeSettings,
  ) {
    this.lr = h.lr;
    this.beta1 = h.betas[0];
    this.state = new Float64Array(4 * n + 2);
    this.z = this.state.subarray(0, n);
    this.y = this.state.subarray(n, 2 * n);
    this.v = this.state.subarray(2 * n, 3 * n);
    this.gy = this.state.subarray(3 * n, 4 * n);
  }

  setMomentum(m: number): void {
    this.beta1 = m;
  }

  /** The gradient at x is not used (the runner need not compute it). */
  readonly usesGivenGradient = false;

  /** The recipe's clipping, applied to the gradient at y (the one the step uses). */
  clipGradient: ((g: Float64Array) => void) | null = null;

  /** p is x; g (the gradient at x) is not used: the step evaluates the gradient at y. */
  step(p: Float64Array, _g: Float64Array, env: StepEnv): null {
    const { n, z, y, v, gy, h } = this;
    const beta1 = this.beta1;
    const beta2 = h.betas[1];
    const k = this.t;
    if (k === 0) {
      // The optimizer's state is created at the first step: z = θ, and y = x = θ.
      z.set(p);
      y.set(p);
    }
    env.evaluate(y, gy);
    if (this.clipGradient !== null) this.clipGradient(gy);
    const sched = k < h.warmupSteps ? (k + 1) / h.warmupSteps : 1;
    const b2t = this.pw[0] < 1e-300 ? 0 : this.pw[0] * beta2;
    this.pw[0] = b2t;
    const bc2 = 1 - b2t;
    const lr = this.lr * sched;
    this.scheduledLr = lr;
    this.lrMax = this.lrMax > lr ? this.lrMax : lr; // Python's max(lr, lr_max)
    const weight = power(k + 1, h.r) * power(this.lrMax, h.weightLrPower);
    this.weightSum += weight;
    const ckp1 = this.weightSum === 0 ? 0 : weight / this.weightSum; // ZeroDivisionError → 0
    this.ckp1 = ckp1;
    const c2 = 1 - beta2;
    const decay = h.weightDecay;
    const ay = lr * (beta1 * (1 - ckp1) - 1);
    const wx = 1 - 1 / beta1;
    for (let i = 0; i < n; i++) {
      const gi = gy[i];
      const vi = v[i] * beta2 + c2 * gi * gi;
      v[i] = vi;
      let gn = gi / (Math.sqrt(vi / bc2) + h.eps);
      if (decay !== 0) gn += decay * y[i];
      const yi = lerp(y[i], z[i], ckp1) + ay * gn;
      const zi = z[i] - lr * gn;
      y[i] = yi;
      z[i] = zi;
      p[i] = lerp(yi, zi, wx);
    }
    this.state[4 * n] = ckp1;
    this.state[4 * n + 1] = lr;
    this.t = k + 1;
    return null;
  }
}

type ScheduleFreeHyper = {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  warmupSteps: number;
  r: number;
  weightLrPower: number;
};

const nonNegative = <K extends string>(key: K, label: string, help: string, def: number, sliderMax: number, integer = false): NumberSpec<K> => ({
  key,
  label,
  help,
  kind: 'number',
  default: def,
  min: 0,
  max: integer ? 1e6 : 1e3,
  integer,
  sliderMin: 0,
  sliderMax,
  scale: 'linear',
  advanced: true,
});

const betas = betasSpec([0.9, 0.999]);

export const schedulefree = defineOptimizer<ScheduleFreeHyper>()({
  name: 'schedulefree',
  label: 'Schedule-free AdamW',
  torch: null,
  hyper: [
    lrSpec(0.0025),
    // x = lerp(y, z, 1 − 1/β₁) needs β₁ > 0.
    { ...betas, items: [{ ...betas.items[0], minExclusive: true, sliderMin: 0.5 }, betas.items[1]] },
    epsSpec(1e-8),
    { ...weightDecaySpec(0), help: 'λ·y is added to the normalised gradient (decay at y, as the reference).', ownHelp: true },
    nonNegative('warmupSteps', 'warm-up steps', 'The lr rises linearly over the first warm-up steps (inside the optimizer, no schedule).', 0, 100, true),
    nonNegative('r', 'r (weight power)', 'Weights the average by t^r: later points count more.', 0, 4),
    nonNegative('weightLrPower', 'lr power', 'Weights the average by lr_max^power, so warm-up points count less.', 2, 4),
  ],
  needsHessian: false,
  state: [
    { name: 'z', size: 'n' },
    { name: 'y', size: 'n' },
    { name: 'v', size: 'n' },
    { name: 'gy', size: 'n' },
    { name: 'c', size: 1 },
    { name: 'lrt', size: 1 },
  ],
  words: {
    'q.z': 'base sequence z',
    'q.y': 'gradient point y',
    'q.c': 'averaging weight c',
    'q.lrt': 'learning rate after warm-up',
    'q.gy': 'gradient at y',
  },
  torchExport: {
    ctor: 'AdamWScheduleFree',
    referenceClass: true,
  },
});

export const schedulefreeImpl: OptimizerImpl<ScheduleFreeHyper> = {
  create: (h, n) => new ScheduleFreeStepper(n, h),
  explain: (x) => {
    const z = x.after('z');
    const y = x.after('y');
    const v = x.after('v');
    const [c] = x.after('c');
    const [lrt] = x.after('lrt');
    const gy = x.after('gy');
    const th = x.theta;
    return {
      rows: [
        { id: 'gy', tex: String.raw`\nabla f(y_{t-1})`, value: { kind: 'vec', v: gy }, slot: { name: 'gy', when: 'after' } },
        { id: 'v', tex: 'v_t', value: { kind: 'vec', v }, slot: { name: 'v', when: 'after' } },
        { id: 'c', tex: 'c_t', value: { kind: 'num', v: c }, slot: { name: 'c', when: 'after' } },
        { id: 'lrt', tex: String.raw`\gamma_t`, value: { kind: 'num', v: lrt }, slot: { name: 'lrt', when: 'after' } },
        { id: 'z', tex: 'z_t', value: { kind: 'vec', v: z }, slot: { name: 'z', when: 'after' } },
        { id: 'y', tex: 'y_t', value: { kind: 'vec', v: y }, slot: { name: 'y', when: 'after' } },
      ],
      // The path drawn is x; z and y are where the other two sequences are after the step.
      arrows: [
        // The gradient was taken at y_{t−1} (before the first step, y is θ₀ itself).
        {
          id: 'grad',
          sym: '−γ∇f(y)',
          v: [-lrt * gy[0], -lrt * gy[1]],
          ...(x.t > 1 ? { from: [x.before('y')[0] - th[0], x.before('y')[1] - th[1]] as [number, number] } : {}),
        },
        { id: 'zPoint', sym: 'z', v: [z[0] - th[0], z[1] - th[1]], marker: true },
        { id: 'yPoint', sym: 'y', v: [y[0] - th[0], y[1] - th[1]], marker: true },
      ],
      perCoord: null,
    };
  },
};
