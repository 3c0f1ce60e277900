/**
 * SGD, with optional momentum and Nesterov momentum — torch.optim.SGD.
 *
 *   g ← ∇f(θ) + λθ
 *   b ← g                       on the first step (no dampening)
 *   b ← μ·b + (1 − τ)·g         afterwards
 *   d ← g + μ·b  (Nesterov)  or  d ← b
 *   θ ← θ − lr·d
 *
 * The buffer decays the *velocity*, never the previous parameters.
 */
import { lrSpec, momentumSpec, weightDecaySpec } from './specs';
import type { Hyper, NumberSpec, OptimizerDef, Stepper } from './types';

class SgdStepper implements Stepper {
  readonly state = new Float64Array(2); // momentum buffer b
  t = 0;
  constructor(
    private readonly lr: number,
    private readonly mu: number,
    private readonly dampening: number,
    private readonly wd: number,
    private readonly nesterov: boolean,
  ) {}

  step(p: Float64Array, g: Float64Array): null {
    const { lr, mu, wd, state: b } = this;
    let g0 = g[0];
    let g1 = g[1];
    if (wd !== 0) {
      g0 += wd * p[0];
      g1 += wd * p[1];
    }
    if (mu !== 0) {
      if (this.t === 0) {
        b[0] = g0;
        b[1] = g1;
      } else {
        const k = 1 - this.dampening;
        b[0] = b[0] * mu + k * g0;
        b[1] = b[1] * mu + k * g1;
      }
      if (this.nesterov) {
        g0 += mu * b[0];
        g1 += mu * b[1];
      } else {
        g0 = b[0];
        g1 = b[1];
      }
    }
    p[0] -= lr * g0;
    p[1] -= lr * g1;
    this.t++;
    return null;
  }
}

const dampeningSpec: NumberSpec = {
  key: 'dampening',
  label: 'dampening',
  help: 'Scales the new gradient by (1 − dampening) when it enters the velocity.',
  kind: 'number',
  default: 0,
  min: 0,
  max: 1,
  sliderMin: 0,
  sliderMax: 1,
  scale: 'linear',
};

const SGD_LR = 0.01;

export const gd: OptimizerDef = {
  name: 'gd',
  label: 'Gradient descent',
  torch: 'torch.optim.SGD',
  hyper: [lrSpec(SGD_LR), weightDecaySpec(0)],
  latex: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ \theta_t = \theta_{t-1} - \gamma\, g_t`,
  needsHessian: false,
  stateLabels: [],
  create: (h: Hyper) => new SgdStepper(h.lr as number, 0, 0, h.weightDecay as number, false),
};

export const momentum: OptimizerDef = {
  name: 'momentum',
  label: 'Momentum',
  torch: 'torch.optim.SGD',
  hyper: [lrSpec(SGD_LR), momentumSpec(0.9), dampeningSpec, weightDecaySpec(0)],
  latex: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ b_t = \begin{cases} g_1 & t = 1 \\ \mu\, b_{t-1} + (1-\tau)\, g_t & t > 1 \end{cases} \\ \theta_t = \theta_{t-1} - \gamma\, b_t`,
  needsHessian: false,
  stateLabels: ['b_x', 'b_y'],
  create: (h: Hyper) =>
    new SgdStepper(h.lr as number, h.momentum as number, h.dampening as number, h.weightDecay as number, false),
};

export const nesterov: OptimizerDef = {
  name: 'nesterov',
  label: 'Nesterov',
  torch: 'torch.optim.SGD',
  hyper: [lrSpec(SGD_LR), { ...momentumSpec(0.9), min: 0, minExclusive: true }, weightDecaySpec(0)],
  latex: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ b_t = \begin{cases} g_1 & t = 1 \\ \mu\, b_{t-1} + g_t & t > 1 \end{cases} \\ \theta_t = \theta_{t-1} - \gamma\,(g_t + \mu\, b_t)`,
  needsHessian: false,
  stateLabels: ['b_x', 'b_y'],
  create: (h: Hyper) => new SgdStepper(h.lr as number, h.momentum as number, 0, h.weightDecay as number, true),
};
