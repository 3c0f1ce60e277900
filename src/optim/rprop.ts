/**
 * Rprop — torch.optim.Rprop (resilient backpropagation: only the gradient's sign is used).
 *
 *   s = sign(g · g_prev):  η ← η₊ if s > 0,  η₋ if s < 0,  1 if s = 0
 *   Δ ← clamp(Δ·η, Δmin, Δmax);   where s < 0: g ← 0
 *   θ ← θ − sign(g)·Δ;   g_prev ← g
 */
import { lrSpec } from './specs';
import type { Hyper, OptimizerDef, Stepper } from './types';

class RpropStepper implements Stepper {
  /** [prev_x, prev_y, step_x, step_y] */
  readonly state: Float64Array;
  t = 0;
  constructor(
    lr: number,
    private readonly etaMinus: number,
    private readonly etaPlus: number,
    private readonly stepMin: number,
    private readonly stepMax: number,
  ) {
    this.state = new Float64Array([0, 0, lr, lr]);
  }

  private update(p: Float64Array, g: Float64Array, i: number): void {
    const s = this.state;
    let gi = g[i];
    const prod = gi * s[i];
    let eta = 1;
    if (prod > 0) eta = this.etaPlus;
    else if (prod < 0) eta = this.etaMinus;
    s[2 + i] = Math.min(Math.max(s[2 + i] * eta, this.stepMin), this.stepMax);
    if (prod < 0) gi = 0;
    p[i] -= Math.sign(gi) * s[2 + i];
    s[i] = gi;
  }

  step(p: Float64Array, g: Float64Array): null {
    this.t++;
    this.update(p, g, 0);
    this.update(p, g, 1);
    return null;
  }
}

export const rprop: OptimizerDef = {
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
      label: 'step sizes',
      help: 'The smallest and largest step Rprop may take per coordinate.',
      kind: 'pair',
      default: [1e-6, 50],
      items: [
        { label: 'Δmin', min: 0, max: 1e6, sliderMin: 1e-9, sliderMax: 1, scale: 'log' },
        { label: 'Δmax', min: 0, minExclusive: true, max: 1e6, sliderMin: 1e-3, sliderMax: 100, scale: 'log' },
      ],
      check: ([lo, hi]) => (lo <= hi ? null : `the minimum step size (${lo}) must not exceed the maximum (${hi})`),
    },
  ],
  latex: String.raw`s = \operatorname{sign}(g_t\, g_{t-1}) \\ \Delta_t = \operatorname{clamp}\big(\Delta_{t-1}\cdot\{\eta_+ \text{ if } s>0;\ \eta_- \text{ if } s<0;\ 1\},\ \Delta_{\min},\ \Delta_{\max}\big) \\ g_t \leftarrow 0 \text{ where } s < 0 \\ \theta_t = \theta_{t-1} - \operatorname{sign}(g_t)\,\Delta_t`,
  needsHessian: false,
  stateLabels: ['gprev_x', 'gprev_y', 'step_x', 'step_y'],
  create: (h: Hyper) => {
    const [em, ep] = h.etas as [number, number];
    const [smin, smax] = h.stepSizes as [number, number];
    return new RpropStepper(h.lr as number, em, ep, smin, smax);
  },
};
