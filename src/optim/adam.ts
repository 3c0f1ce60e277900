/**
 * Adam (coupled L2) and AdamW (decoupled weight decay) — torch.optim.Adam / torch.optim.AdamW.
 *
 *   AdamW only: θ ← θ·(1 − lr·λ)
 *   g ← ∇f(θ) (+ λθ for Adam)
 *   m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²;   v̂max ← max(v̂max, v) with AMSGrad
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 */
import { amsgradSpec, betasSpec, epsSpec, lrSpec, weightDecaySpec } from './specs';
import type { Hyper, OptimizerDef, Stepper } from './types';

class AdamStepper implements Stepper {
  /** [m_x, m_y, v_x, v_y, vmax_x, vmax_y] */
  readonly state = new Float64Array(6);
  t = 0;
  /** [β₁ᵗ, β₂ᵗ] as running products (see the powers note in ./specs). */
  private readonly pw = new Float64Array([1, 1]);
  constructor(
    private readonly lr: number,
    private readonly b1: number,
    private readonly b2: number,
    private readonly eps: number,
    private readonly wd: number,
    private readonly amsgrad: boolean,
    private readonly decoupled: boolean,
  ) {}

  step(p: Float64Array, g: Float64Array): null {
    const s = this.state;
    const pw = this.pw;
    const lr = this.lr;
    const b1 = this.b1;
    const b2 = this.b2;
    const wd = this.wd;
    this.t++;
    let g0 = g[0];
    let g1 = g[1];
    if (wd !== 0) {
      if (this.decoupled) {
        const k = 1 - lr * wd;
        p[0] *= k;
        p[1] *= k;
      } else {
        g0 += wd * p[0];
        g1 += wd * p[1];
      }
    }
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    const m0 = s[0] * b1 + c1 * g0;
    const m1 = s[1] * b1 + c1 * g1;
    const v0 = s[2] * b2 + c2 * g0 * g0;
    const v1 = s[3] * b2 + c2 * g1 * g1;
    s[0] = m0;
    s[1] = m1;
    s[2] = v0;
    s[3] = v1;
    // AMSGrad divides by the largest second moment so far (kept in s[4], s[5]).
    const d0 = this.amsgrad ? (s[4] = Math.max(s[4], v0)) : v0;
    const d1 = this.amsgrad ? (s[5] = Math.max(s[5], v1)) : v1;
    const b1t = pw[0] < 1e-300 ? 0 : pw[0] * b1;
    const b2t = pw[1] < 1e-300 ? 0 : pw[1] * b2;
    pw[0] = b1t;
    pw[1] = b2t;
    // torch: θ −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε). Multiplying through by √(1−β₂ᵗ) gives the
    // same value (to an ulp) with two divisions per step fewer.
    const bc2Sqrt = Math.sqrt(1 - b2t);
    const k = (lr * bc2Sqrt) / (1 - b1t);
    const e = this.eps * bc2Sqrt;
    const x = p[0] - k * (m0 / (Math.sqrt(d0) + e));
    const y = p[1] - k * (m1 / (Math.sqrt(d1) + e));
    p[0] = x;
    p[1] = y;
    return null;
  }
}

const ADAM_RULE = String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t \\ v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\ \theta_t = \theta_{t-1} - \frac{\gamma}{1-\beta_1^t}\cdot\frac{m_t}{\sqrt{v_t}/\sqrt{1-\beta_2^t} + \epsilon}`;

export const adam: OptimizerDef = {
  name: 'adam',
  label: 'Adam',
  torch: 'torch.optim.Adam',
  hyper: [lrSpec(0.001), betasSpec(), epsSpec(1e-8), amsgradSpec(), weightDecaySpec(0)],
  latex: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ ` + ADAM_RULE,
  needsHessian: false,
  stateLabels: ['m_x', 'm_y', 'v_x', 'v_y', 'vmax_x', 'vmax_y'],
  create: (h: Hyper) => {
    const [b1, b2] = h.betas as [number, number];
    return new AdamStepper(h.lr as number, b1, b2, h.eps as number, h.weightDecay as number, h.amsgrad as boolean, false);
  },
};

export const adamw: OptimizerDef = {
  name: 'adamw',
  label: 'AdamW',
  torch: 'torch.optim.AdamW',
  hyper: [lrSpec(0.001), betasSpec(), epsSpec(1e-8), amsgradSpec(), weightDecaySpec(0.01, true)],
  latex: String.raw`\theta_{t-1} \leftarrow \theta_{t-1}\,(1 - \gamma\lambda) \\ g_t = \nabla f(\theta_{t-1}) \\ ` + ADAM_RULE,
  needsHessian: false,
  stateLabels: ['m_x', 'm_y', 'v_x', 'v_y', 'vmax_x', 'vmax_y'],
  create: (h: Hyper) => {
    const [b1, b2] = h.betas as [number, number];
    return new AdamStepper(h.lr as number, b1, b2, h.eps as number, h.weightDecay as number, h.amsgrad as boolean, true);
  },
};
