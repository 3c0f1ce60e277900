/**
 * Adadelta — torch.optim.Adadelta.
 *
 *   g ← ∇f(θ) + λθ;   v ← ρv + (1 − ρ)g²
 *   Δ = √(u + ε) / √(v + ε) · g;   u ← ρu + (1 − ρ)Δ²;   θ ← θ − lr·Δ
 */
import { epsSpec, lrSpec, weightDecaySpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type Stepper, type Vec } from './types';

type AdadeltaHyper = {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
}

class AdadeltaStepper implements Stepper {
  /** Slots v (n), u (n), delta (n). */
  readonly state: Float64Array;
  t = 0;
  private readonly hp: Float64Array;
  constructor(
    private readonly n: number,
    lr: number,
    private readonly rho: number,
    private readonly eps: number,
    private readonly wd: number,
  ) {
    this.state = new Float64Array(3 * n);
    this.hp = new Float64Array([lr]);
  }

  get lr(): number {
    return this.hp[0];
  }
  set lr(v: number) {
    this.hp[0] = v;
  }

  step(p: Float64Array, g: Float64Array): null {
    const { n, rho, eps, wd, state: s } = this;
    const lr = this.hp[0];
    this.t++;
    const c = 1 - rho;
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      const v = (s[i] = s[i] * rho + c * gi * gi);
      const d = (Math.sqrt(s[n + i] + eps) / Math.sqrt(v + eps)) * gi;
      s[n + i] = s[n + i] * rho + c * d * d;
      s[2 * n + i] = d;
      p[i] -= lr * d;
    }
    return null;
  }
}

export const adadelta = defineOptimizer<AdadeltaHyper>()({
  name: 'adadelta',
  label: 'Adadelta',
  torch: 'torch.optim.Adadelta',
  hyper: [
    lrSpec(1.0, 1e-3, 10),
    {
      key: 'rho',
      label: 'ρ',
      help: 'Decay of the running averages of squared gradients and squared updates.',
      kind: 'number',
      default: 0.9,
      min: 0,
      max: 1,
      sliderMin: 0.5,
      sliderMax: 0.999,
      scale: 'linear',
    },
    epsSpec(1e-6),
    weightDecaySpec(0),
  ],
  needsHessian: false,
  state: [
    { name: 'v', size: 'n' },
    { name: 'u', size: 'n' },
    { name: 'delta', size: 'n' },
  ],
  torchExport: {
    ctor: 'torch.optim.Adadelta',
  },
});

export const adadeltaImpl: OptimizerImpl<AdadeltaHyper> = {
  create: (h, n) => new AdadeltaStepper(n, h.lr, h.rho, h.eps, h.weightDecay),
  explain: (x) => {
    const { h } = x;
    const v = x.after('v');
    const up = x.before('u');
    const e: Vec = [(h.lr * Math.sqrt(up[0] + h.eps)) / Math.sqrt(v[0] + h.eps), (h.lr * Math.sqrt(up[1] + h.eps)) / Math.sqrt(v[1] + h.eps)];
    return {
      rows: [
        { id: 'sqAvg', tex: 'v_t', value: { kind: 'vec', v }, slot: { name: 'v', when: 'after' } },
        { id: 'uPrev', tex: 'u_{t-1}', value: { kind: 'vec', v: up }, slot: { name: 'u', when: 'before' } },
        { id: 'deltaAd', tex: String.raw`\Delta_t`, value: { kind: 'vec', v: x.after('delta') }, slot: { name: 'delta', when: 'after' } },
        { id: 'u', tex: 'u_t', value: { kind: 'vec', v: x.after('u') }, slot: { name: 'u', when: 'after' } },
        { id: 'eff', tex: String.raw`\gamma\sqrt{u_{t-1}+\epsilon}/\sqrt{v_t+\epsilon}`, value: { kind: 'vec', v: e } },
      ],
      arrows: [x.gradStep],
      perCoord: { sym: 'η', v: e },
    };
  },
};
