/**
 * SGD, with optional momentum and Nesterov momentum — torch.optim.SGD.
 *
 *   g ← ∇f(θ) + λθ
 *   b ← g                       on the first step (no dampening)
 *   b ← μ·b + (1 − τ)·g         afterwards
 *   d ← g + μ·b  (Nesterov)  or  d ← b
 *   θ ← θ − lr·d
 *
 * The buffer decays the *velocity*, never the previous parameters.
 */
import { lrSpec, momentumSpec, weightDecaySpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type ExplainInput, type ExplainOutput, type NumberSpec, type Stepper } from './types';

type SgdHyper = {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
}

class SgdStepper implements Stepper {
  /** Slot b (n): the momentum buffer; empty for plain gd, whose buffer is used only if setMomentum turns momentum on. */
  readonly state: Float64Array;
  private readonly b: Float64Array;
  t = 0;
  /** [lr, μ] (mutable: schedules and OneCycle's cycleMomentum). */
  private readonly hp: Float64Array;
  constructor(
    private readonly n: number,
    lr: number,
    mu: number,
    private readonly dampening: number,
    private readonly wd: number,
    private readonly nesterov: boolean,
    hasBuffer: boolean,
  ) {
    this.b = new Float64Array(n);
    this.state = hasBuffer ? this.b : new Float64Array(0);
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
    const b = this.b;
    const n = this.n;
    const lr = this.hp[0];
    const mu = this.hp[1];
    const wd = this.wd;
    const first = this.t === 0;
    const k = 1 - this.dampening;
    const nesterov = this.nesterov;
    for (let i = 0; i < n; i++) {
      let gi = g[i] + wd * p[i];
      if (mu !== 0) {
        const bi = first ? gi : b[i] * mu + k * gi;
        b[i] = bi;
        gi = nesterov ? gi + mu * bi : bi;
      }
      p[i] -= lr * gi;
    }
    this.t++;
    return null;
  }
}

const dampeningSpec: NumberSpec<'dampening'> = {
  key: 'dampening',
  label: 'dampening',
  help: 'Scales the new gradient by (1 − dampening) when it enters the velocity.',
  advanced: true,
  kind: 'number',
  default: 0,
  min: 0,
  max: 1,
  sliderMin: 0,
  sliderMax: 1,
  scale: 'linear',
};

const SGD_LR = 0.01;
const B = [{ name: 'b', size: 'n' as const }];

function explainMomentum(x: ExplainInput<{ lr: number; momentum: number }>, nesterov: boolean): ExplainOutput {
  const { t, h, g } = x;
  const mu = h.momentum;
  const lr = h.lr;
  const b = x.after('b');
  const bPrev = x.before('b');
  const rows: ExplainOutput['rows'] = [
    { id: 'bPrev', tex: 'b_{t-1}', value: t > 1 ? { kind: 'vec', v: bPrev } : null, kind: 'vec', slot: { name: 'b', when: 'before' } },
    { id: 'b', tex: 'b_t', value: { kind: 'vec', v: b }, slot: { name: 'b', when: 'after' } },
  ];
  const arrows: ExplainOutput['arrows'] = [x.gradStep];
  if (nesterov) {
    rows.push({ id: 'nesterovDir', tex: String.raw`g_t + \mu\, b_t`, value: { kind: 'vec', v: [g[0] + mu * b[0], g[1] + mu * b[1]] } });
    arrows.push({ id: 'velocity', sym: '−γμb', v: [-lr * mu * b[0], -lr * mu * b[1]] });
  } else if (t > 1) {
    arrows.push({ id: 'velocity', sym: '−γμb', v: [-lr * mu * bPrev[0], -lr * mu * bPrev[1]] });
  }
  return { rows, arrows, perCoord: null };
}

export const gd = defineOptimizer<Omit<SgdHyper, 'momentum' | 'dampening'>>()({
  name: 'gd',
  label: 'Gradient descent',
  torch: 'torch.optim.SGD',
  hyper: [lrSpec(SGD_LR), weightDecaySpec(0)],
  needsHessian: false,
  state: [],
  torchExport: {
    ctor: 'torch.optim.SGD',
  },
});

export const gdImpl: OptimizerImpl<Omit<SgdHyper, 'momentum' | 'dampening'>> = {
  create: (h, n) => new SgdStepper(n, h.lr, 0, 0, h.weightDecay, false, false),
  // The gradient step is the step: one arrow.
  explain: () => ({ rows: [], arrows: [], perCoord: null }),
};

export const momentum = defineOptimizer<SgdHyper>()({
  name: 'momentum',
  label: 'Momentum',
  torch: 'torch.optim.SGD',
  hyper: [lrSpec(SGD_LR), momentumSpec(0.9), dampeningSpec, weightDecaySpec(0)],
  needsHessian: false,
  state: B,
  torchExport: {
    ctor: 'torch.optim.SGD',
  },
});

export const momentumImpl: OptimizerImpl<SgdHyper> = {
  create: (h, n) => new SgdStepper(n, h.lr, h.momentum, h.dampening, h.weightDecay, false, true),
  explain: (x) => explainMomentum(x, false),
};

/**
 * The Nesterov rule, once: torch requires momentum > 0 (the spec's exclusive minimum) and zero
 * dampening (Descent has no dampening for Nesterov; an explicit 0 is accepted, as torch does).
 */
export const nesterov = defineOptimizer<Omit<SgdHyper, 'dampening'>>()({
  name: 'nesterov',
  label: 'Nesterov',
  torch: 'torch.optim.SGD',
  hyper: [lrSpec(SGD_LR), { ...momentumSpec(0.9), min: 0, minExclusive: true }, weightDecaySpec(0)],
  needsHessian: false,
  state: B,
  foreignKeys: {
    dampening: (v) => (v === 0 ? null : { code: 'nesterov-dampening', values: {} }),
  },
  words: { 'check.nesterov-dampening': 'Nesterov momentum requires zero dampening' },
  torchExport: {
    ctor: 'torch.optim.SGD',
    extraArgs: () => ['nesterov=True'],
  },
});

export const nesterovImpl: OptimizerImpl<Omit<SgdHyper, 'dampening'>> = {
  create: (h, n) => new SgdStepper(n, h.lr, h.momentum, 0, h.weightDecay, true, true),
  explain: (x) => explainMomentum(x, true),
};
