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
import type { Evaluator } from './env';

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

/** x^e for the exponents that matter exactly (0, 1, 2), Math.pow otherwise. */
function power(x: number, e: number): number {
  if (e === 0) return 1;
  if (e === 1) return x;
  if (e === 2) return x * x;
  return Math.pow(x, e);
}

export class ScheduleFreeKernel {
  lr: number;
  t = 0;
  /** Named slots, n each: `z`, `y` (the point the gradient is taken at) and `v` (exp_avg_sq). */
  readonly state: Float64Array;
  readonly z: Float64Array;
  readonly y: Float64Array;
  readonly v: Float64Array;
  /** The last step's scalars: c (ckp1), the scheduled lr, Σ weights. */
  ckp1 = 0;
  scheduledLr = 0;
  weightSum = 0;
  private lrMax = -1;
  /** β₂^(k+1) as a running product (see the powers note in ./specs). */
  private readonly pw = new Float64Array([1]);
  private readonly gy: Float64Array;

  constructor(
    private readonly n: number,
    private readonly h: ScheduleFreeSettings,
  ) {
    this.lr = h.lr;
    this.state = new Float64Array(3 * n);
    this.z = this.state.subarray(0, n);
    this.y = this.state.subarray(n, 2 * n);
    this.v = this.state.subarray(2 * n, 3 * n);
    this.gy = new Float64Array(n);
  }

  /** p is x; g (the gradient at x) is not used: the step evaluates the gradient at y. */
  step(p: Float64Array, _g: Float64Array, env: Evaluator): null {
    const { n, z, y, v, gy, h } = this;
    const [beta1, beta2] = h.betas;
    const k = this.t;
    if (k === 0) {
      // The optimizer's state is created at the first step: z = θ, and y = x = θ.
      z.set(p);
      y.set(p);
    }
    env.evaluate(y, gy);
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
    this.t = k + 1;
    return null;
  }
}
