/**
 * Adam (coupled L2) and AdamW (decoupled weight decay) — torch.optim.Adam / torch.optim.AdamW.
 *
 *   AdamW only: θ ← θ·(1 − lr·λ)
 *   g ← ∇f(θ) (+ λθ for Adam)
 *   m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²;   v̂max ← max(v̂max, v) with AMSGrad
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 */
import { fdlibmPow } from '../math/fdlibm-pow';
import { amsgradSpec, betasSpec, epsSpec, flushedPow, lrSpec, weightDecaySpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type ExplainInput, type ExplainOutput, type Stepper } from './types';

type AdamHyper = {
  lr: number;
  betas: [number, number];
  eps: number;
  amsgrad: boolean;
  weightDecay: number;
}

/** Hyperparameters and running powers in one Float64Array (V8 boxes mutable double fields). */
const LR = 0;
const B1 = 1;
const B2 = 2;
const B1T = 3;
const B2T = 4;

class AdamStepper implements Stepper {
  /** Slots m (n), v (n), vmax (n). */
  readonly state: Float64Array;
  t = 0;
  /** [lr, β₁, β₂, β₁ᵗ, β₂ᵗ]: βᵗ as running products (see the powers note in ./specs). */
  private readonly hp: Float64Array;
  constructor(
    private readonly n: number,
    h: AdamHyper,
    private readonly eps: number,
    private readonly wd: number,
    private readonly amsgrad: boolean,
    private readonly decoupled: boolean,
  ) {
    this.state = new Float64Array(3 * n);
    this.hp = new Float64Array([h.lr, h.betas[0], h.betas[1], 1, 1]);
  }

  get lr(): number {
    return this.hp[LR];
  }
  set lr(v: number) {
    this.hp[LR] = v;
  }

  /** OneCycle's cycleMomentum sets β₁; torch's bias correction then is 1 − (current β₁)ᵗ. */
  setMomentum(b1: number): void {
    this.hp[B1] = b1;
    this.hp[B1T] = flushedPow(b1, this.t);
  }

  step(p: Float64Array, g: Float64Array): null {
    const s = this.state;
    const hp = this.hp;
    const n = this.n;
    const lr = hp[LR];
    const b1 = hp[B1];
    const b2 = hp[B2];
    this.t++;
    const b1t = hp[B1T] < 1e-300 ? 0 : hp[B1T] * b1;
    const b2t = hp[B2T] < 1e-300 ? 0 : hp[B2T] * b2;
    hp[B1T] = b1t;
    hp[B2T] = b2t;
    // torch: θ −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε). Multiplying through by √(1−β₂ᵗ) gives the
    // same value (to an ulp) with two divisions per step fewer.
    const bc2Sqrt = Math.sqrt(1 - b2t);
    const k = (lr * bc2Sqrt) / (1 - b1t);
    const e = this.eps * bc2Sqrt;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    // Weight decay without a branch: with λ = 0 the factor is exactly 1 and the term exactly 0.
    const decay = this.decoupled ? 1 - lr * this.wd : 1;
    const coupled = this.decoupled ? 0 : this.wd;
    const ams = this.amsgrad;
    for (let i = 0; i < n; i++) {
      const pi = p[i] * decay;
      const gi = g[i] + coupled * pi;
      const m = s[i] * b1 + c1 * gi;
      const v = s[n + i] * b2 + c2 * gi * gi;
      s[i] = m;
      s[n + i] = v;
      // AMSGrad divides by the largest second moment so far.
      const d = ams ? (s[2 * n + i] = Math.max(s[2 * n + i], v)) : v;
      p[i] = pi - k * (m / (Math.sqrt(d) + e));
    }
    return null;
  }
}

function explainAdam(x: ExplainInput<AdamHyper>): ExplainOutput {
  const { t, h } = x;
  const [b1, b2] = h.betas;
  const lr = h.lr;
  const bc1 = 1 - fdlibmPow(b1, t);
  const bc2 = 1 - fdlibmPow(b2, t);
  const m = x.after('m');
  const v = x.after('v');
  const vmax = x.after('vmax');
  const rows: ExplainOutput['rows'] = [
    { id: 'm', tex: 'm_t', value: { kind: 'vec', v: m }, slot: { name: 'm', when: 'after' } },
    { id: 'v', tex: 'v_t', value: { kind: 'vec', v: v }, slot: { name: 'v', when: 'after' } },
  ];
  if (h.amsgrad) rows.push({ id: 'vmax', tex: String.raw`v^{\max}_t`, value: { kind: 'vec', v: vmax }, slot: { name: 'vmax', when: 'after' } });
  rows.push({ id: 'bc1', tex: String.raw`1-\beta_1^t`, value: { kind: 'num', v: bc1 } });
  rows.push({ id: 'bc2', tex: String.raw`1-\beta_2^t`, value: { kind: 'num', v: bc2 } });
  const mh: [number, number] = [m[0] / bc1, m[1] / bc1];
  const vs = h.amsgrad ? vmax : v;
  const vh: [number, number] = [vs[0] / bc2, vs[1] / bc2];
  rows.push({ id: 'mHat', tex: String.raw`\hat m_t`, value: { kind: 'vec', v: mh } });
  rows.push({ id: 'vHat', tex: String.raw`\hat v_t`, value: { kind: 'vec', v: vh } });
  const e: [number, number] = [lr / (Math.sqrt(vh[0]) + h.eps), lr / (Math.sqrt(vh[1]) + h.eps)];
  rows.push({ id: 'eff', tex: String.raw`\gamma / (\sqrt{\hat v_t} + \epsilon)`, value: { kind: 'vec', v: e } });
  return {
    rows,
    arrows: [x.gradStep, { id: 'moment', sym: '−γm̂', v: [-lr * mh[0], -lr * mh[1]] }],
    perCoord: { sym: 'η', v: e },
  };
}

const STATE = [
  { name: 'm', size: 'n' },
  { name: 'v', size: 'n' },
  { name: 'vmax', size: 'n' },
] as const;

export const adam = defineOptimizer<AdamHyper>()({
  name: 'adam',
  label: 'Adam',
  torch: 'torch.optim.Adam',
  hyper: [lrSpec(0.001), betasSpec(), epsSpec(1e-8), amsgradSpec(), weightDecaySpec(0)],
  needsHessian: false,
  state: [...STATE],
  torchExport: {
    ctor: 'torch.optim.Adam',
  },
});

export const adamImpl: OptimizerImpl<AdamHyper> = {
  create: (h, n) => new AdamStepper(n, h, h.eps, h.weightDecay, h.amsgrad, false),
  explain: explainAdam,
};

export const adamw = defineOptimizer<AdamHyper>()({
  name: 'adamw',
  label: 'AdamW',
  torch: 'torch.optim.AdamW',
  hyper: [lrSpec(0.001), betasSpec(), epsSpec(1e-8), amsgradSpec(), weightDecaySpec(0.01, true)],
  needsHessian: false,
  decoupledWeightDecay: true,
  state: [...STATE],
  torchExport: {
    ctor: 'torch.optim.AdamW',
  },
});

export const adamwImpl: OptimizerImpl<AdamHyper> = {
  create: (h, n) => new AdamStepper(n, h, h.eps, h.weightDecay, h.amsgrad, true),
  explain: explainAdam,
};
