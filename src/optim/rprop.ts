/**
 * Rprop — torch.optim.Rprop (resilient backpropagation: only the gradient's sign is used).
 *
 *   s = sign(g · g_prev):  η ← η₊ if s > 0,  η₋ if s < 0,  1 if s = 0
 *   Δ ← clamp(Δ·η, Δmin, Δmax);   where s < 0: g ← 0
 *   θ ← θ − sign(g)·Δ;   g_prev ← g
 */
import { lrSpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type Stepper, type Vec } from './types';

type RpropHyper = {
  lr: number;
  etas: [number, number];
  stepSizes: [number, number];
}

class RpropStepper implements Stepper {
  /** Slots prev (n), step (n). */
  readonly state: Float64Array;
  t = 0;
  /** torch reads lr only to initialise the step sizes. */
  lr: number;
  constructor(
    private readonly n: number,
    lr: number,
    private readonly etaMinus: number,
    private readonly etaPlus: number,
    private readonly stepMin: number,
    private readonly stepMax: number,
  ) {
    this.lr = lr;
    this.state = new Float64Array(2 * n);
    this.state.fill(lr, n);
  }

  step(p: Float64Array, g: Float64Array): null {
    const { n, state: s, etaMinus, etaPlus, stepMin, stepMax } = this;
    this.t++;
    for (let i = 0; i < n; i++) {
      let gi = g[i];
      const prod = gi * s[i];
      let eta = 1;
      if (prod > 0) eta = etaPlus;
      else if (prod < 0) eta = etaMinus;
      const st = (s[n + i] = Math.min(Math.max(s[n + i] * eta, stepMin), stepMax));
      if (prod < 0) gi = 0;
      p[i] -= Math.sign(gi) * st;
      s[i] = gi;
    }
    return null;
  }
}

export const rprop = defineOptimizer<RpropHyper>()({
  name: 'rprop',
  label: 'Rprop',
  torch: 'torch.optim.Rprop',
  hyper: [
    lrSpec(0.01),
    {
      key: 'etas',
      label: 'etas',
      help: 'η₋ shrinks the step when the gradient flips sign, η₊ grows it when the sign holds.',
      kind: 'pair',
      default: [0.5, 1.2],
      items: [
        { label: 'η₋', min: 0, minExclusive: true, max: 1, maxExclusive: true, sliderMin: 0.05, sliderMax: 0.95, scale: 'linear' },
        { label: 'η₊', min: 1, minExclusive: true, max: 1e3, sliderMin: 1.01, sliderMax: 3, scale: 'linear' },
      ],
    },
    {
      key: 'stepSizes',
      advanced: true,
      label: 'step sizes',
      help: 'The smallest and largest step Rprop may take per coordinate.',
      kind: 'pair',
      default: [1e-6, 50],
      items: [
        { label: 'Δmin', min: 0, max: 1e6, sliderMin: 1e-9, sliderMax: 1, scale: 'log' },
        { label: 'Δmax', min: 0, minExclusive: true, max: 1e6, sliderMin: 1e-3, sliderMax: 100, scale: 'log' },
      ],
      check: ([lo, hi]) => (lo <= hi ? null : { code: 'step-sizes-order', values: { lo, hi } }),
    },
  ],
  needsHessian: false,
  state: [
    { name: 'prev', size: 'n' },
    { name: 'step', size: 'n' },
  ],
  words: { 'check.step-sizes-order': 'the minimum step size ({lo}) must not exceed the maximum ({hi})' },
  torchExport: {
    ctor: 'torch.optim.Rprop',
  },
});

export const rpropImpl: OptimizerImpl<RpropHyper> = {
  create: (h, n) => new RpropStepper(n, h.lr, h.etas[0], h.etas[1], h.stepSizes[0], h.stepSizes[1]),
  explain: (x) => {
    const [etaMinus, etaPlus] = x.h.etas;
    const gp = x.before('prev');
    const sgn = (p: number) => (p > 0 ? 1 : p < 0 ? -1 : 0);
    const s: Vec = [sgn(x.grad[0] * gp[0]), sgn(x.grad[1] * gp[1])];
    const eta = (v: number) => (v > 0 ? etaPlus : v < 0 ? etaMinus : 1);
    const st = x.after('step');
    return {
      rows: [
        { id: 'gPrev', tex: 'g_{t-1}', value: { kind: 'vec', v: gp }, slot: { name: 'prev', when: 'before' } },
        { id: 'sign', tex: 's', value: { kind: 'sign', v: s } },
        { id: 'etaT', tex: String.raw`\eta`, value: { kind: 'vec', v: [eta(s[0]), eta(s[1])] } },
        { id: 'stepSize', tex: String.raw`\Delta_t`, value: { kind: 'vec', v: st }, slot: { name: 'step', when: 'after' } },
      ],
      arrows: [x.gradStep],
      perCoord: { sym: 'Δ', v: st },
    };
  },
};
