/**
 * RAdam — torch.optim.RAdam (rectified Adam).
 *
 *   m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²;   m̂ = m / (1 − β₁ᵗ)
 *   ρ∞ = 2/(1 − β₂) − 1;    ρₜ = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ)
 *   ρₜ > 5: r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ));  θ ← θ − lr·m̂·r·√(1 − β₂ᵗ)/(√v + ε)
 *   else:   θ ← θ − lr·m̂   (plain momentum while the variance estimate is unreliable)
 */
import { fdlibmPow } from '../math/fdlibm-pow';
import { betasSpec, epsSpec, flushedPow, lrSpec, weightDecaySpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type Stepper, type Vec } from './types';

type RadamHyper = {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
}

class RadamStepper implements Stepper {
  /** Slots m (n), v (n), rho_t (1), rectified (1: 0 or 1). */
  readonly state: Float64Array;
  t = 0;
  private readonly rhoInf: number;
  /** [lr, β₁, β₁ᵗ, β₂ᵗ]: powers as running products (see the powers note in ./specs). */
  private readonly hp: Float64Array;
  constructor(
    private readonly n: number,
    lr: number,
    b1: number,
    private readonly b2: number,
    private readonly eps: number,
    private readonly wd: number,
  ) {
    this.state = new Float64Array(2 * n + 2);
    this.hp = new Float64Array([lr, b1, 1, 1]);
    this.rhoInf = 2 / (1 - b2) - 1;
  }

  get lr(): number {
    return this.hp[0];
  }
  set lr(v: number) {
    this.hp[0] = v;
  }
  setMomentum(b1: number): void {
    this.hp[1] = b1;
    this.hp[2] = flushedPow(b1, this.t);
  }

  step(p: Float64Array, g: Float64Array): null {
    const { n, b2, eps, wd, rhoInf, state: s, hp } = this;
    const lr = hp[0];
    const b1 = hp[1];
    const t = ++this.t;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    const bc1 = 1 - (hp[2] = hp[2] < 1e-300 ? 0 : hp[2] * b1);
    const b2t = (hp[3] = hp[3] < 1e-300 ? 0 : hp[3] * b2);
    const bc2 = 1 - b2t;
    const rhoT = rhoInf - (2 * t * b2t) / bc2;
    s[2 * n] = rhoT;
    const rectified = rhoT > 5;
    s[2 * n + 1] = rectified ? 1 : 0;
    const rect = rectified ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
    const sq = Math.sqrt(bc2);
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      const m = (s[i] = s[i] * b1 + c1 * gi);
      const v = (s[n + i] = s[n + i] * b2 + c2 * gi * gi);
      const mh = m / bc1;
      if (rectified) p[i] -= mh * lr * (sq / (Math.sqrt(v) + eps)) * rect;
      else p[i] -= mh * lr;
    }
    return null;
  }
}

export const radam = defineOptimizer<RadamHyper>()({
  name: 'radam',
  label: 'RAdam',
  torch: 'torch.optim.RAdam',
  hyper: [lrSpec(0.001), betasSpec(), epsSpec(1e-8), weightDecaySpec(0)],
  needsHessian: false,
  state: [
    { name: 'm', size: 'n' },
    { name: 'v', size: 'n' },
    { name: 'rho_t', size: 1 },
    { name: 'rectified', size: 1 },
  ],
  torchExport: {
    ctor: 'torch.optim.RAdam',
  },
});

export const radamImpl: OptimizerImpl<RadamHyper> = {
  create: (h, n) => new RadamStepper(n, h.lr, h.betas[0], h.betas[1], h.eps, h.weightDecay),
  explain: (x) => {
    const { t, h } = x;
    const lr = h.lr;
    const [b1, b2] = h.betas;
    const bc1 = 1 - fdlibmPow(b1, t);
    const bc2 = 1 - fdlibmPow(b2, t);
    const rhoInf = 2 / (1 - b2) - 1;
    const rhoT = x.after('rho_t')[0];
    const rectified = x.after('rectified')[0] === 1;
    const m = x.after('m');
    const v = x.after('v');
    const mh: Vec = [m[0] / bc1, m[1] / bc1];
    const rows: import('./types').QuantityRow[] = [
      { id: 'm', tex: 'm_t', value: { kind: 'vec', v: m }, slot: { name: 'm', when: 'after' } },
      { id: 'v', tex: 'v_t', value: { kind: 'vec', v }, slot: { name: 'v', when: 'after' } },
      { id: 'bc1', tex: String.raw`1-\beta_1^t`, value: { kind: 'num', v: bc1 } },
      { id: 'bc2', tex: String.raw`1-\beta_2^t`, value: { kind: 'num', v: bc2 } },
      { id: 'mHat', tex: String.raw`\hat m_t`, value: { kind: 'vec', v: mh } },
      { id: 'rhoInf', tex: String.raw`\rho_\infty`, value: { kind: 'num', v: rhoInf } },
      { id: 'rhoT', tex: String.raw`\rho_t`, value: { kind: 'num', v: rhoT }, slot: { name: 'rho_t', when: 'after' } },
      { id: 'rectified', tex: String.raw`\rho_t > 5`, value: { kind: 'flag', v: rectified }, slot: { name: 'rectified', when: 'after' } },
    ];
    let e: Vec = [lr, lr];
    let perCoord: { sym: string; v: Vec } | null = null;
    if (rectified) {
      const r = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
      rows.push({ id: 'rect', tex: 'r_t', value: { kind: 'num', v: r } });
      const sq = Math.sqrt(bc2);
      e = [(lr * r * sq) / (Math.sqrt(v[0]) + h.eps), (lr * r * sq) / (Math.sqrt(v[1]) + h.eps)];
      perCoord = { sym: 'η', v: e };
    } else {
      rows.push({ id: 'rect', tex: 'r_t', value: null, kind: 'num' });
    }
    rows.push({
      id: 'eff',
      tex: rectified ? String.raw`\gamma\, r_t \sqrt{1-\beta_2^t}/(\sqrt{v_t}+\epsilon)` : String.raw`\gamma`,
      value: { kind: 'vec', v: e },
    });
    return { rows, arrows: [x.gradStep, { id: 'moment', sym: '−γm̂', v: [-lr * mh[0], -lr * mh[1]] }], perCoord };
  },
};
