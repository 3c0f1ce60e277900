/**
 * NAdam — torch.optim.NAdam (Adam with Nesterov momentum and momentum decay ψ).
 *
 *   μₜ = β₁(1 − ½·0.96^(tψ));   Πₜ = Π_{i≤t} μᵢ
 *   m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²;   d = √(v / (1 − β₂ᵗ)) + ε
 *   θ ← θ − lr·(1 − μₜ)/(1 − Πₜ) · g/d − lr·μₜ₊₁/(1 − Πₜ·μₜ·μₜ₊₁) · m/d   (torch 1.13's form)
 */
import { betasSpec, epsSpec, lrSpec, weightDecaySpec } from './specs';
import type { Hyper, OptimizerDef, Stepper } from './types';

class NadamStepper implements Stepper {
  /** [m_x, m_y, v_x, v_y, mu_product] */
  readonly state = new Float64Array([0, 0, 0, 0, 1]);
  t = 0;
  /** [β₂ᵗ, 0.96^(tψ)] as running products (see the powers note in ./specs). */
  private readonly pw = new Float64Array([1, 1]);
  private readonly qStep: number;
  constructor(
    private readonly lr: number,
    private readonly b1: number,
    private readonly b2: number,
    private readonly eps: number,
    private readonly psi: number,
    private readonly wd: number,
  ) {
    this.qStep = Math.pow(0.96, psi);
  }

  step(p: Float64Array, g: Float64Array): null {
    const { lr, b1, b2, eps, wd, state: s } = this;
    ++this.t;
    let g0 = g[0];
    let g1 = g[1];
    if (wd !== 0) {
      g0 += wd * p[0];
      g1 += wd * p[1];
    }
    const bc2 = 1 - (this.pw[0] = (this.pw[0] < 1e-300 ? 0 : this.pw[0] * b2));
    const q = (this.pw[1] = (this.pw[1] < 1e-300 ? 0 : this.pw[1] * this.qStep)); // 0.96^(tψ)
    const mu = b1 * (1 - 0.5 * q);
    const muNext = b1 * (1 - 0.5 * q * this.qStep);
    const muProduct = (s[4] = (s[4] < 1e-300 ? 0 : s[4] * mu));
    // torch 1.13 multiplies μₜ in twice here (fixed in torch 2.0); the reference trajectories
    // and the exported code run torch 1.13, so Descent follows it.
    const muProductNext = muProduct * mu * muNext;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    s[0] = s[0] * b1 + c1 * g0;
    s[1] = s[1] * b1 + c1 * g1;
    s[2] = s[2] * b2 + c2 * g0 * g0;
    s[3] = s[3] * b2 + c2 * g1 * g1;
    const d0 = Math.sqrt(s[2] / bc2) + eps;
    const d1 = Math.sqrt(s[3] / bc2) + eps;
    const kg = (-lr * (1 - mu)) / (1 - muProduct);
    const km = (-lr * muNext) / (1 - muProductNext);
    p[0] += kg * (g0 / d0);
    p[1] += kg * (g1 / d1);
    p[0] += km * (s[0] / d0);
    p[1] += km * (s[1] / d1);
    return null;
  }
}

export const nadam: OptimizerDef = {
  name: 'nadam',
  label: 'NAdam',
  torch: 'torch.optim.NAdam',
  hyper: [
    lrSpec(0.002),
    betasSpec(),
    epsSpec(1e-8),
    {
      key: 'momentumDecay',
      label: 'momentum decay ψ',
      help: 'How fast the momentum coefficient μₜ = β₁(1 − ½·0.96^(tψ)) warms up.',
      kind: 'number',
      default: 0.004,
      min: 0,
      max: 1e3,
      sliderMin: 0,
      sliderMax: 0.1,
      scale: 'linear',
    },
    weightDecaySpec(0),
  ],
  latex: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ \mu_t = \beta_1\left(1 - \tfrac12\, 0.96^{t\psi}\right) \\ m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t, \quad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\ d_t = \sqrt{v_t/(1-\beta_2^t)} + \epsilon \\ \theta_t = \theta_{t-1} - \gamma\,\frac{1-\mu_t}{1-\prod_{i\le t}\mu_i}\,\frac{g_t}{d_t} - \gamma\,\frac{\mu_{t+1}}{1-\mu_t\,\mu_{t+1}\prod_{i\le t}\mu_i}\,\frac{m_t}{d_t}`,
  needsHessian: false,
  stateLabels: ['m_x', 'm_y', 'v_x', 'v_y', 'mu_product'],
  create: (h: Hyper) => {
    const [b1, b2] = h.betas as [number, number];
    return new NadamStepper(h.lr as number, b1, b2, h.eps as number, h.momentumDecay as number, h.weightDecay as number);
  },
};
