/**
 * RAdam — torch.optim.RAdam (rectified Adam).
 *
 *   m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²;   m̂ = m / (1 − β₁ᵗ)
 *   ρ∞ = 2/(1 − β₂) − 1;    ρₜ = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ)
 *   ρₜ > 5: r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ));  θ ← θ − lr·m̂·r·√(1 − β₂ᵗ)/(√v + ε)
 *   else:   θ ← θ − lr·m̂   (plain momentum while the variance estimate is unreliable)
 */
import { betasSpec, epsSpec, lrSpec, weightDecaySpec } from './specs';
import type { Hyper, OptimizerDef, Stepper } from './types';

class RadamStepper implements Stepper {
  /** [m_x, m_y, v_x, v_y, rho_t, rectified (0/1)] */
  readonly state = new Float64Array(6);
  t = 0;
  private readonly rhoInf: number;
  /** [β₁ᵗ, β₂ᵗ] as running products (see the powers note in ./specs). */
  private readonly pw = new Float64Array([1, 1]);
  constructor(
    private readonly lr: number,
    private readonly b1: number,
    private readonly b2: number,
    private readonly eps: number,
    private readonly wd: number,
  ) {
    this.rhoInf = 2 / (1 - b2) - 1;
  }

  step(p: Float64Array, g: Float64Array): null {
    const { lr, b1, b2, eps, wd, rhoInf, state: s } = this;
    const t = ++this.t;
    let g0 = g[0];
    let g1 = g[1];
    if (wd !== 0) {
      g0 += wd * p[0];
      g1 += wd * p[1];
    }
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    s[0] = s[0] * b1 + c1 * g0;
    s[1] = s[1] * b1 + c1 * g1;
    s[2] = s[2] * b2 + c2 * g0 * g0;
    s[3] = s[3] * b2 + c2 * g1 * g1;
    const bc1 = 1 - (this.pw[0] = (this.pw[0] < 1e-300 ? 0 : this.pw[0] * b1));
    const b2t = (this.pw[1] = (this.pw[1] < 1e-300 ? 0 : this.pw[1] * b2));
    const bc2 = 1 - b2t;
    const mh0 = s[0] / bc1;
    const mh1 = s[1] / bc1;
    const rhoT = rhoInf - (2 * t * b2t) / bc2;
    s[4] = rhoT;
    if (rhoT > 5) {
      s[5] = 1;
      const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
      const sq = Math.sqrt(bc2);
      p[0] -= mh0 * lr * (sq / (Math.sqrt(s[2]) + eps)) * rect;
      p[1] -= mh1 * lr * (sq / (Math.sqrt(s[3]) + eps)) * rect;
    } else {
      s[5] = 0;
      p[0] -= mh0 * lr;
      p[1] -= mh1 * lr;
    }
    return null;
  }
}

export const radam: OptimizerDef = {
  name: 'radam',
  label: 'RAdam',
  torch: 'torch.optim.RAdam',
  hyper: [lrSpec(0.001), betasSpec(), epsSpec(1e-8), weightDecaySpec(0)],
  latex: String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2,\quad \hat m_t = m_t/(1-\beta_1^t) \\ \rho_\infty = \tfrac{2}{1-\beta_2} - 1,\quad \rho_t = \rho_\infty - \tfrac{2t\beta_2^t}{1-\beta_2^t} \\ \rho_t > 5:\ \theta_t = \theta_{t-1} - \gamma\,\hat m_t\, r_t\, \frac{\sqrt{1-\beta_2^t}}{\sqrt{v_t}+\epsilon},\ \ r_t = \sqrt{\tfrac{(\rho_t-4)(\rho_t-2)\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\rho_t}} \\ \text{otherwise: } \theta_t = \theta_{t-1} - \gamma\,\hat m_t`,
  needsHessian: false,
  stateLabels: ['m_x', 'm_y', 'v_x', 'v_y', 'rho_t', 'rectified'],
  create: (h: Hyper) => {
    const [b1, b2] = h.betas as [number, number];
    return new RadamStepper(h.lr as number, b1, b2, h.eps as number, h.weightDecay as number);
  },
};
