/**
 * Adagrad — torch.optim.Adagrad.
 *
 *   g ← ∇f(θ) + λθ;   γ̃ ← lr / (1 + (t − 1)·lrDecay)
 *   s ← s + g²;       θ ← θ − γ̃ · g / (√s + ε)
 */
import { epsSpec, lrSpec, weightDecaySpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type Stepper } from './types';

type AdagradHyper = {
  lr: number;
  lrDecay: number;
  initialAccumulatorValue: number;
  eps: number;
  weightDecay: number;
}

class AdagradStepper implements Stepper {
  /** Slot sum (n). */
  readonly state: Float64Array;
  t = 0;
  private readonly hp: Float64Array;
  constructor(
    private readonly n: number,
    lr: number,
    private readonly lrDecay: number,
    initial: number,
    private readonly eps: number,
    private readonly wd: number,
  ) {
    this.state = new Float64Array(n).fill(initial);
    this.hp = new Float64Array([lr]);
  }

  get lr(): number {
    return this.hp[0];
  }
  set lr(v: number) {
    this.hp[0] = v;
  }

  step(p: Float64Array, g: Float64Array): null {
    const { n, wd, eps, state: s } = this;
    const t = ++this.t;
    const clr = this.hp[0] / (1 + (t - 1) * this.lrDecay);
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      const si = (s[i] += gi * gi);
      p[i] -= clr * (gi / (Math.sqrt(si) + eps));
    }
    return null;
  }
}

export const adagrad = defineOptimizer<AdagradHyper>()({
  name: 'adagrad',
  label: 'AdaGrad',
  torch: 'torch.optim.Adagrad',
  hyper: [
    lrSpec(0.01),
    {
      key: 'lrDecay',
      advanced: true,
      label: 'lr decay',
      help: 'The rate at step t is lr / (1 + (t − 1)·lrDecay).',
      kind: 'number',
      default: 0,
      min: 0,
      max: 1e3,
      sliderMin: 0,
      sliderMax: 0.1,
      scale: 'linear',
    },
    {
      key: 'initialAccumulatorValue',
      advanced: true,
      label: 'initial accumulator',
      help: 'Starting value of the running sum of squared gradients.',
      kind: 'number',
      default: 0,
      min: 0,
      max: 1e6,
      sliderMin: 0,
      sliderMax: 10,
      scale: 'linear',
    },
    epsSpec(1e-10),
    weightDecaySpec(0),
  ],
  needsHessian: false,
  state: [{ name: 'sum', size: 'n' }],
  torchExport: {
    ctor: 'torch.optim.Adagrad',
  },
});

export const adagradImpl: OptimizerImpl<AdagradHyper> = {
  create: (h, n) => new AdagradStepper(n, h.lr, h.lrDecay, h.initialAccumulatorValue, h.eps, h.weightDecay),
  explain: (x) => {
    const { t, h } = x;
    const lrt = h.lr / (1 + (t - 1) * h.lrDecay);
    const s = x.after('sum');
    const e: [number, number] = [lrt / (Math.sqrt(s[0]) + h.eps), lrt / (Math.sqrt(s[1]) + h.eps)];
    return {
      rows: [
        { id: 'sumSq', tex: 's_t', value: { kind: 'vec', v: s }, slot: { name: 'sum', when: 'after' } },
        { id: 'lrDecayed', tex: String.raw`\tilde\gamma`, value: { kind: 'num', v: lrt } },
        { id: 'eff', tex: String.raw`\tilde\gamma / (\sqrt{s_t} + \epsilon)`, value: { kind: 'vec', v: e } },
      ],
      arrows: [x.gradStep],
      perCoord: { sym: 'η', v: e },
    };
  },
};
