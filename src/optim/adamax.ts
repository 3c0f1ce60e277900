/**
 * Adamax — torch.optim.Adamax (Adam with the infinity norm).
 *
 *   g ← ∇f(θ) + λθ;   m ← β₁m + (1 − β₁)g;   u ← max(β₂u, |g| + ε)
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / u
 */
import { fdlibmPow } from '../math/fdlibm-pow';
import { betasSpec, epsSpec, flushedPow, lrSpec, weightDecaySpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type Stepper, type Vec } from './types';

type AdamaxHyper = {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
}

class AdamaxStepper implements Stepper {
  /** Slots m (n), u (n). */
  readonly state: Float64Array;
  t = 0;
  /** [lr, β₁, β₁ᵗ]: β₁ᵗ as a running product (see the powers note in ./specs). */
  private readonly hp: Float64Array;
  constructor(
    private readonly n: number,
    lr: number,
    b1: number,
    private readonly b2: number,
    private readonly eps: number,
    private readonly wd: number,
  ) {
    this.state = new Float64Array(2 * n);
    this.hp = new Float64Array([lr, b1, 1]);
  }

  get lr(): number {
    return this.hp[0];
  }
  set lr(v: number) {
    this.hp[0] = v;
  }
  setMomentum(b1: number): void {
    this.hp[1] = b1;
    this.hp[2] = flushedPow(b1, this.t);
  }

  step(p: Float64Array, g: Float64Array): null {
    const { n, b2, eps, wd, state: s, hp } = this;
    const b1 = hp[1];
    ++this.t;
    const clr = hp[0] / (1 - (hp[2] = hp[2] < 1e-300 ? 0 : hp[2] * b1));
    const c1 = 1 - b1;
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      const m = (s[i] = s[i] * b1 + c1 * gi);
      const u = (s[n + i] = Math.max(s[n + i] * b2, Math.abs(gi) + eps));
      p[i] -= clr * (m / u);
    }
    return null;
  }
}

export const adamax = defineOptimizer<AdamaxHyper>()({
  name: 'adamax',
  label: 'Adamax',
  torch: 'torch.optim.Adamax',
  hyper: [lrSpec(0.002), betasSpec(), epsSpec(1e-8), weightDecaySpec(0)],
  needsHessian: false,
  state: [
    { name: 'm', size: 'n' },
    { name: 'u', size: 'n' },
  ],
  torchExport: {
    ctor: 'torch.optim.Adamax',
  },
});

export const adamaxImpl: OptimizerImpl<AdamaxHyper> = {
  create: (h, n) => new AdamaxStepper(n, h.lr, h.betas[0], h.betas[1], h.eps, h.weightDecay),
  explain: (x) => {
    const { t, h } = x;
    const lr = h.lr;
    const bc1 = 1 - fdlibmPow(h.betas[0], t);
    const m = x.after('m');
    const u = x.after('u');
    const mh: Vec = [m[0] / bc1, m[1] / bc1];
    const e: Vec = [lr / u[0], lr / u[1]];
    return {
      rows: [
        { id: 'm', tex: 'm_t', value: { kind: 'vec', v: m }, slot: { name: 'm', when: 'after' } },
        { id: 'u', tex: 'u_t', value: { kind: 'vec', v: u }, slot: { name: 'u', when: 'after' } },
        { id: 'bc1', tex: String.raw`1-\beta_1^t`, value: { kind: 'num', v: bc1 } },
        { id: 'mHat', tex: String.raw`\hat m_t`, value: { kind: 'vec', v: mh } },
        { id: 'eff', tex: String.raw`\gamma / u_t`, value: { kind: 'vec', v: e } },
      ],
      arrows: [x.gradStep, { id: 'moment', sym: '−γm̂', v: [-lr * mh[0], -lr * mh[1]] }],
      perCoord: { sym: 'η', v: e },
    };
  },
};
