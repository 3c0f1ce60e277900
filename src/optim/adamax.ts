/**
 * Adamax — torch.optim.Adamax (Adam with the infinity norm).
 *
 *   g ← ∇f(θ) + λθ;   m ← β₁m + (1 − β₁)g;   u ← max(β₂u, |g| + ε)
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / u
 */
import { betasSpec, epsSpec, lrSpec, weightDecaySpec } from './specs';
import type { Hyper, OptimizerDef, Stepper } from './types';

class AdamaxStepper implements Stepper {
  /** [m_x, m_y, u_x, u_y] */
  readonly state = new Float64Array(4);
  t = 0;
  /** [β₁ᵗ] as a running product (see the powers note in ./specs). */
  private readonly pw = new Float64Array([1]);
  constructor(
    private readonly lr: number,
    private readonly b1: number,
    private readonly b2: number,
    private readonly eps: number,
    private readonly wd: number,
  ) {}

  step(p: Float64Array, g: Float64Array): null {
    const { b1, b2, eps, wd, state: s } = this;
    ++this.t;
    let g0 = g[0];
    let g1 = g[1];
    if (wd !== 0) {
      g0 += wd * p[0];
      g1 += wd * p[1];
    }
    const c1 = 1 - b1;
    s[0] = s[0] * b1 + c1 * g0;
    s[1] = s[1] * b1 + c1 * g1;
    s[2] = Math.max(s[2] * b2, Math.abs(g0) + eps);
    s[3] = Math.max(s[3] * b2, Math.abs(g1) + eps);
    const clr = this.lr / (1 - (this.pw[0] = (this.pw[0] < 1e-300 ? 0 : this.pw[0] * b1)));
    p[0] -= clr * (s[0] / s[2]);
    p[1] -= clr * (s[1] / s[3]);
    return null;
  }
}

export const adamax: OptimizerDef = {
  name: 'adamax',
  label: 'Adamax',
  torch: 'torch.optim.Adamax',
  hyper: [lrSpec(0.002), betasSpec(), epsSpec(1e-8), weightDecaySpec(0)],
  latex: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t \\ u_t = \max(\beta_2 u_{t-1},\ |g_t| + \epsilon) \\ \theta_t = \theta_{t-1} - \frac{\gamma}{1-\beta_1^t}\cdot\frac{m_t}{u_t}`,
  needsHessian: false,
  stateLabels: ['m_x', 'm_y', 'u_x', 'u_y'],
  create: (h: Hyper) => {
    const [b1, b2] = h.betas as [number, number];
    return new AdamaxStepper(h.lr as number, b1, b2, h.eps as number, h.weightDecay as number);
  },
};
