/**
 * Adagrad — torch.optim.Adagrad.
 *
 *   g ← ∇f(θ) + λθ;   γ̃ ← lr / (1 + (t − 1)·lrDecay)
 *   s ← s + g²;       θ ← θ − γ̃ · g / (√s + ε)
 */
import { epsSpec, lrSpec, weightDecaySpec } from './specs';
import type { Hyper, OptimizerDef, Stepper } from './types';

class AdagradStepper implements Stepper {
  /** [sum_x, sum_y] */
  readonly state: Float64Array;
  t = 0;
  constructor(
    private readonly lr: number,
    private readonly lrDecay: number,
    initial: number,
    private readonly eps: number,
    private readonly wd: number,
  ) {
    this.state = new Float64Array([initial, initial]);
  }

  step(p: Float64Array, g: Float64Array): null {
    const { wd, eps, state: s } = this;
    const t = ++this.t;
    let g0 = g[0];
    let g1 = g[1];
    if (wd !== 0) {
      g0 += wd * p[0];
      g1 += wd * p[1];
    }
    const clr = this.lr / (1 + (t - 1) * this.lrDecay);
    s[0] += g0 * g0;
    s[1] += g1 * g1;
    p[0] -= clr * (g0 / (Math.sqrt(s[0]) + eps));
    p[1] -= clr * (g1 / (Math.sqrt(s[1]) + eps));
    return null;
  }
}

export const adagrad: OptimizerDef = {
  name: 'adagrad',
  label: 'AdaGrad',
  torch: 'torch.optim.Adagrad',
  hyper: [
    lrSpec(0.01),
    {
      key: 'lrDecay',
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
  latex: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ \tilde\gamma = \gamma / (1 + (t-1)\,\eta) \\ s_t = s_{t-1} + g_t^2 \\ \theta_t = \theta_{t-1} - \tilde\gamma\, \frac{g_t}{\sqrt{s_t} + \epsilon}`,
  needsHessian: false,
  stateLabels: ['s_x', 's_y'],
  create: (h: Hyper) =>
    new AdagradStepper(
      h.lr as number,
      h.lrDecay as number,
      h.initialAccumulatorValue as number,
      h.eps as number,
      h.weightDecay as number,
    ),
};
