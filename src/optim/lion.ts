/**
 * Lion — Chen et al. 2023 ("Symbolic Discovery of Optimization Algorithms", Algorithm 2), as
 * lucidrains/lion-pytorch 0.2.3 runs it (torch has no Lion):
 *
 *   θ ← θ·(1 − lr·λ)                      weight decay with the current lr
 *   c = β₁m + (1 − β₁)g;   θ ← θ − lr·sign(c)   (sign(0) = 0)
 *   m ← β₂m + (1 − β₂)g
 *
 * Every coordinate moves by exactly lr (or not at all): only the sign of the interpolation c of
 * the momentum and the new gradient is used. β₂ > β₁ lets the momentum remember longer than the
 * step looks.
 */
import { betasSpec, lrSpec, weightDecaySpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type Stepper, type Vec } from './types';

type LionHyper = {
  lr: number;
  betas: [number, number];
  weightDecay: number;
};

class LionStepper implements Stepper {
  /** Slot m (n): the momentum, an average of the gradients with β₂. */
  readonly state: Float64Array;
  t = 0;
  /** [lr, β₁] (mutable: schedules, OneCycle's cycleMomentum). */
  private readonly hp: Float64Array;
  constructor(
    private readonly n: number,
    lr: number,
    b1: number,
    private readonly b2: number,
    private readonly wd: number,
  ) {
    this.state = new Float64Array(n);
    this.hp = new Float64Array([lr, b1]);
  }

  get lr(): number {
    return this.hp[0];
  }
  set lr(v: number) {
    this.hp[0] = v;
  }
  setMomentum(b1: number): void {
    this.hp[1] = b1;
  }

  step(p: Float64Array, g: Float64Array): null {
    const { n, b2, state: m } = this;
    const lr = this.hp[0];
    const b1 = this.hp[1];
    this.t++;
    const decay = 1 - lr * this.wd;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      const c = m[i] * b1 + c1 * gi;
      p[i] = p[i] * decay - lr * Math.sign(c);
      m[i] = m[i] * b2 + c2 * gi;
    }
    return null;
  }
}

export const lion = defineOptimizer<LionHyper>()({
  name: 'lion',
  label: 'Lion',
  torch: null,
  hyper: [lrSpec(1e-4), betasSpec([0.9, 0.99]), weightDecaySpec(0, true)],
  needsHessian: false,
  decoupledWeightDecay: true,
  state: [{ name: 'm', size: 'n' }],
  words: {
    'q.lionMPrev': 'momentum before the step',
    'q.lionC': 'interpolated direction',
    'q.lionSign': 'its sign: the direction of the step',
  },
  torchExport: {
    ctor: 'Lion',
    referenceClass: true,
  },
});

export const lionImpl: OptimizerImpl<LionHyper> = {
  create: (h, n) => new LionStepper(n, h.lr, h.betas[0], h.betas[1], h.weightDecay),
  explain: (x) => {
    const { t, h, grad } = x;
    const [b1] = h.betas;
    const mPrev = x.before('m');
    const c: Vec = [b1 * mPrev[0] + (1 - b1) * grad[0], b1 * mPrev[1] + (1 - b1) * grad[1]];
    const s: Vec = [Math.sign(c[0]), Math.sign(c[1])];
    return {
      rows: [
        { id: 'lionMPrev', tex: 'm_{t-1}', value: t > 1 ? { kind: 'vec', v: mPrev } : null, kind: 'vec', slot: { name: 'm', when: 'before' } },
        { id: 'lionC', tex: 'c_t', value: { kind: 'vec', v: c } },
        { id: 'lionSign', tex: String.raw`\operatorname{sign}(c_t)`, value: { kind: 'sign', v: s } },
        { id: 'm', tex: 'm_t', value: { kind: 'vec', v: x.after('m') }, slot: { name: 'm', when: 'after' } },
      ],
      arrows: [x.gradStep, { id: 'moment', sym: '−γc', v: [-h.lr * c[0], -h.lr * c[1]] }],
      perCoord: null,
    };
  },
};
