/**
 * NAdam — torch.optim.NAdam (Adam with Nesterov momentum and momentum decay ψ).
 *
 *   μₜ = β₁(1 − ½·0.96^(tψ));   Πₜ = Π_{i≤t} μᵢ
 *   m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²;   d = √(v / (1 − β₂ᵗ)) + ε
 *   θ ← θ − lr·(1 − μₜ)/(1 − Πₜ) · g/d − lr·μₜ₊₁/(1 − Πₜ·μₜ·μₜ₊₁) · m/d   (torch 1.13's form)
 */
import { fdlibmPow } from '../math/fdlibm-pow';
import { betasSpec, epsSpec, lrSpec, weightDecaySpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type Stepper, type Vec } from './types';

type NadamHyper = {
  lr: number;
  betas: [number, number];
  eps: number;
  momentumDecay: number;
  weightDecay: number;
}

class NadamStepper implements Stepper {
  /** Slots m (n), v (n), mu_product (1). */
  readonly state: Float64Array;
  t = 0;
  /** [lr, β₁, β₂ᵗ, 0.96^(tψ)]: powers as running products (see the powers note in ./specs). */
  private readonly hp: Float64Array;
  private readonly qStep: number;
  constructor(
    private readonly n: number,
    lr: number,
    b1: number,
    private readonly b2: number,
    private readonly eps: number,
    psi: number,
    private readonly wd: number,
  ) {
    this.state = new Float64Array(2 * n + 1);
    this.state[2 * n] = 1;
    this.hp = new Float64Array([lr, b1, 1, 1]);
    this.qStep = fdlibmPow(0.96, psi);
  }

  get lr(): number {
    return this.hp[0];
  }
  set lr(v: number) {
    this.hp[0] = v;
  }
  /** torch's μₜ uses the current β₁; the product ∏μ keeps the past ones. */
  setMomentum(b1: number): void {
    this.hp[1] = b1;
  }

  step(p: Float64Array, g: Float64Array): null {
    const { n, b2, eps, wd, state: s, hp } = this;
    const lr = hp[0];
    const b1 = hp[1];
    ++this.t;
    const bc2 = 1 - (hp[2] = hp[2] < 1e-300 ? 0 : hp[2] * b2);
    const q = (hp[3] = hp[3] < 1e-300 ? 0 : hp[3] * this.qStep); // 0.96^(tψ)
    const mu = b1 * (1 - 0.5 * q);
    const muNext = b1 * (1 - 0.5 * q * this.qStep);
    const muProduct = (s[2 * n] = s[2 * n] < 1e-300 ? 0 : s[2 * n] * mu);
    // torch 1.13 multiplies μₜ in twice here (fixed in torch 2.0); the reference trajectories
    // and the exported code run torch 1.13, so Descent follows it.
    const muProductNext = muProduct * mu * muNext;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    const kg = (-lr * (1 - mu)) / (1 - muProduct);
    const km = (-lr * muNext) / (1 - muProductNext);
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      const m = (s[i] = s[i] * b1 + c1 * gi);
      const v = (s[n + i] = s[n + i] * b2 + c2 * gi * gi);
      const d = Math.sqrt(v / bc2) + eps;
      p[i] += kg * (gi / d);
      p[i] += km * (m / d);
    }
    return null;
  }
}

export const nadam = defineOptimizer<NadamHyper>()({
  name: 'nadam',
  label: 'NAdam',
  torch: 'torch.optim.NAdam',
  hyper: [
    lrSpec(0.002),
    betasSpec(),
    epsSpec(1e-8),
    {
      key: 'momentumDecay',
      advanced: true,
      label: 'momentum decay',
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
  needsHessian: false,
  state: [
    { name: 'm', size: 'n' },
    { name: 'v', size: 'n' },
    { name: 'mu_product', size: 1 },
  ],
  torchExport: {
    ctor: 'torch.optim.NAdam',
  },
});

export const nadamImpl: OptimizerImpl<NadamHyper> = {
  create: (h, n) => new NadamStepper(n, h.lr, h.betas[0], h.betas[1], h.eps, h.momentumDecay, h.weightDecay),
  explain: (x) => {
    const { t, h, g } = x;
    const lr = h.lr;
    const [b1, b2] = h.betas;
    const psi = h.momentumDecay;
    const muT = b1 * (1 - 0.5 * fdlibmPow(0.96, t * psi));
    const muNext = b1 * (1 - 0.5 * fdlibmPow(0.96, (t + 1) * psi));
    const prod = x.after('mu_product')[0];
    const bc2 = 1 - fdlibmPow(b2, t);
    const m = x.after('m');
    const v = x.after('v');
    const d: Vec = [Math.sqrt(v[0] / bc2) + h.eps, Math.sqrt(v[1] / bc2) + h.eps];
    const e: Vec = [lr / d[0], lr / d[1]];
    const kg = (-lr * (1 - muT)) / (1 - prod);
    const km = (-lr * muNext) / (1 - prod * muT * muNext);
    const gp: Vec = [(kg * g[0]) / d[0], (kg * g[1]) / d[1]];
    const mp: Vec = [(km * m[0]) / d[0], (km * m[1]) / d[1]];
    return {
      rows: [
        { id: 'm', tex: 'm_t', value: { kind: 'vec', v: m }, slot: { name: 'm', when: 'after' } },
        { id: 'v', tex: 'v_t', value: { kind: 'vec', v }, slot: { name: 'v', when: 'after' } },
        { id: 'muT', tex: String.raw`\mu_t`, value: { kind: 'num', v: muT } },
        { id: 'muNext', tex: String.raw`\mu_{t+1}`, value: { kind: 'num', v: muNext } },
        { id: 'muProd', tex: String.raw`\prod_{i\le t}\mu_i`, value: { kind: 'num', v: prod }, slot: { name: 'mu_product', when: 'after' } },
        { id: 'bc2', tex: String.raw`1-\beta_2^t`, value: { kind: 'num', v: bc2 } },
        { id: 'denom', tex: 'd_t', value: { kind: 'vec', v: d } },
        { id: 'eff', tex: String.raw`\gamma / d_t`, value: { kind: 'vec', v: e } },
        { id: 'gradPart', tex: String.raw`\propto g_t/d_t`, value: { kind: 'vec', v: gp } },
        { id: 'momentumPart', tex: String.raw`\propto m_t/d_t`, value: { kind: 'vec', v: mp } },
      ],
      arrows: [x.gradStep, { id: 'gradPart', sym: 'g', v: gp }, { id: 'momentumPart', sym: 'm', v: mp }],
      perCoord: { sym: 'η', v: e },
    };
  },
};
