/**
 * RMSprop — torch.optim.RMSprop.
 *
 *   g ← ∇f(θ) + λθ;   v ← αv + (1 − α)g²
 *   centered: ḡ ← αḡ + (1 − α)g;  d ← √(v − ḡ²) + ε,  else d ← √v + ε
 *   momentum > 0: b ← μb + g/d;  θ ← θ − lr·b,   else θ ← θ − lr·g/d
 */
import { epsSpec, lrSpec, momentumSpec, weightDecaySpec } from './specs';
import type { Hyper, OptimizerDef, Stepper } from './types';

class RmspropStepper implements Stepper {
  /** [v_x, v_y, gavg_x, gavg_y, b_x, b_y] */
  readonly state = new Float64Array(6);
  t = 0;
  constructor(
    private readonly lr: number,
    private readonly alpha: number,
    private readonly eps: number,
    private readonly mu: number,
    private readonly centered: boolean,
    private readonly wd: number,
  ) {}

  step(p: Float64Array, g: Float64Array): null {
    const { lr, alpha, eps, mu, wd, state: s } = this;
    this.t++;
    let g0 = g[0];
    let g1 = g[1];
    if (wd !== 0) {
      g0 += wd * p[0];
      g1 += wd * p[1];
    }
    const c = 1 - alpha;
    s[0] = s[0] * alpha + c * g0 * g0;
    s[1] = s[1] * alpha + c * g1 * g1;
    let d0: number;
    let d1: number;
    if (this.centered) {
      s[2] = s[2] * alpha + c * g0;
      s[3] = s[3] * alpha + c * g1;
      d0 = Math.sqrt(s[0] - s[2] * s[2]) + eps;
      d1 = Math.sqrt(s[1] - s[3] * s[3]) + eps;
    } else {
      d0 = Math.sqrt(s[0]) + eps;
      d1 = Math.sqrt(s[1]) + eps;
    }
    if (mu > 0) {
      s[4] = s[4] * mu + g0 / d0;
      s[5] = s[5] * mu + g1 / d1;
      p[0] -= lr * s[4];
      p[1] -= lr * s[5];
    } else {
      p[0] -= lr * (g0 / d0);
      p[1] -= lr * (g1 / d1);
    }
    return null;
  }
}

export const rmsprop: OptimizerDef = {
  name: 'rmsprop',
  label: 'RMSProp',
  torch: 'torch.optim.RMSprop',
  hyper: [
    lrSpec(0.01),
    {
      key: 'alpha',
      label: 'α (smoothing)',
      help: 'Decay of the running average of squared gradients.',
      kind: 'number',
      default: 0.99,
      min: 0,
      max: 1,
      maxExclusive: true,
      sliderMin: 0.5,
      sliderMax: 0.999,
      scale: 'linear',
    },
    epsSpec(1e-8),
    momentumSpec(0),
    {
      key: 'centered',
      label: 'centered',
      help: 'Divide by an estimate of the gradient variance instead of its raw second moment.',
      kind: 'boolean',
      default: false,
    },
    weightDecaySpec(0),
  ],
  latex: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ v_t = \alpha v_{t-1} + (1-\alpha)\, g_t^2 \\ \bar g_t = \alpha \bar g_{t-1} + (1-\alpha)\, g_t \quad\text{(centered: } d_t = \sqrt{v_t - \bar g_t^2} + \epsilon\text{, else } d_t = \sqrt{v_t} + \epsilon) \\ b_t = \mu b_{t-1} + g_t / d_t \\ \theta_t = \theta_{t-1} - \gamma\, b_t`,
  needsHessian: false,
  stateLabels: ['v_x', 'v_y', 'gavg_x', 'gavg_y', 'b_x', 'b_y'],
  create: (h: Hyper) =>
    new RmspropStepper(
      h.lr as number,
      h.alpha as number,
      h.eps as number,
      h.momentum as number,
      h.centered as boolean,
      h.weightDecay as number,
    ),
};
