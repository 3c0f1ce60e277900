/**
 * RMSprop — torch.optim.RMSprop.
 *
 *   g ← ∇f(θ) + λθ;   v ← αv + (1 − α)g²
 *   centered: ḡ ← αḡ + (1 − α)g;  d ← √(v − ḡ²) + ε,  else d ← √v + ε
 *   momentum > 0: b ← μb + g/d;  θ ← θ − lr·b,   else θ ← θ − lr·g/d
 */
import { epsSpec, lrSpec, momentumSpec, weightDecaySpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type ExplainOutput, type Stepper, type Vec } from './types';

type RmspropHyper = {
  lr: number;
  alpha: number;
  eps: number;
  momentum: number;
  centered: boolean;
  weightDecay: number;
}

class RmspropStepper implements Stepper {
  /** Slots v (n), gavg (n), b (n). */
  readonly state: Float64Array;
  t = 0;
  /** [lr, μ] */
  private readonly hp: Float64Array;
  constructor(
    private readonly n: number,
    lr: number,
    private readonly alpha: number,
    private readonly eps: number,
    mu: number,
    private readonly centered: boolean,
    private readonly wd: number,
  ) {
    this.state = new Float64Array(3 * n);
    this.hp = new Float64Array([lr, mu]);
  }

  get lr(): number {
    return this.hp[0];
  }
  set lr(v: number) {
    this.hp[0] = v;
  }
  setMomentum(m: number): void {
    this.hp[1] = m;
  }

  step(p: Float64Array, g: Float64Array): null {
    const { n, alpha, eps, wd, centered, state: s } = this;
    const lr = this.hp[0];
    const mu = this.hp[1];
    this.t++;
    const c = 1 - alpha;
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * p[i];
      const v = (s[i] = s[i] * alpha + c * gi * gi);
      let d: number;
      if (centered) {
        const ga = (s[n + i] = s[n + i] * alpha + c * gi);
        d = Math.sqrt(v - ga * ga) + eps;
      } else {
        d = Math.sqrt(v) + eps;
      }
      if (mu > 0) {
        const b = (s[2 * n + i] = s[2 * n + i] * mu + gi / d);
        p[i] -= lr * b;
      } else {
        p[i] -= lr * (gi / d);
      }
    }
    return null;
  }
}

export const rmsprop = defineOptimizer<RmspropHyper>()({
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
  needsHessian: false,
  state: [
    { name: 'v', size: 'n' },
    { name: 'gavg', size: 'n' },
    { name: 'b', size: 'n' },
  ],
  torchExport: {
    ctor: 'torch.optim.RMSprop',
  },
});

export const rmspropImpl: OptimizerImpl<RmspropHyper> = {
  create: (h, n) => new RmspropStepper(n, h.lr, h.alpha, h.eps, h.momentum, h.centered, h.weightDecay),
  explain: (x) => {
    const { t, h } = x;
    const lr = h.lr;
    const v = x.after('v');
    const rows: ExplainOutput['rows'] = [{ id: 'sqAvg', tex: 'v_t', value: { kind: 'vec', v }, slot: { name: 'v', when: 'after' } }];
    let d: Vec;
    if (h.centered) {
      const ga = x.after('gavg');
      rows.push({ id: 'gAvg', tex: String.raw`\bar g_t`, value: { kind: 'vec', v: ga }, slot: { name: 'gavg', when: 'after' } });
      d = [Math.sqrt(v[0] - ga[0] * ga[0]) + h.eps, Math.sqrt(v[1] - ga[1] * ga[1]) + h.eps];
    } else {
      d = [Math.sqrt(v[0]) + h.eps, Math.sqrt(v[1]) + h.eps];
    }
    rows.push({ id: 'denom', tex: 'd_t', value: { kind: 'vec', v: d } });
    const e: Vec = [lr / d[0], lr / d[1]];
    rows.push({ id: 'eff', tex: String.raw`\gamma / d_t`, value: { kind: 'vec', v: e } });
    const arrows: ExplainOutput['arrows'] = [x.gradStep];
    if (h.momentum > 0) {
      const bp = x.before('b');
      rows.push({ id: 'bPrev', tex: 'b_{t-1}', value: t > 1 ? { kind: 'vec', v: bp } : null, kind: 'vec', slot: { name: 'b', when: 'before' } });
      rows.push({ id: 'b', tex: 'b_t', value: { kind: 'vec', v: x.after('b') }, slot: { name: 'b', when: 'after' } });
      if (t > 1) arrows.push({ id: 'velocity', sym: '−γμb', v: [-lr * h.momentum * bp[0], -lr * h.momentum * bp[1]] });
    }
    return { rows, arrows, perCoord: { sym: 'η', v: e } };
  },
};
