/**
 * Adadelta — torch.optim.Adadelta.
 *
 *   g ← ∇f(θ) + λθ;   v ← ρv + (1 − ρ)g²
 *   Δ = √(u + ε) / √(v + ε) · g;   u ← ρu + (1 − ρ)Δ²;   θ ← θ − lr·Δ
 */
import { epsSpec, lrSpec, weightDecaySpec } from './specs';
import type { Hyper, OptimizerDef, Stepper } from './types';

class AdadeltaStepper implements Stepper {
  /** [v_x, v_y, u_x, u_y, delta_x, delta_y] */
  readonly state = new Float64Array(6);
  t = 0;
  constructor(
    private readonly lr: number,
    private readonly rho: number,
    private readonly eps: number,
    private readonly wd: number,
  ) {}

  step(p: Float64Array, g: Float64Array): null {
    const { lr, rho, eps, wd, state: s } = this;
    this.t++;
    let g0 = g[0];
    let g1 = g[1];
    if (wd !== 0) {
      g0 += wd * p[0];
      g1 += wd * p[1];
    }
    const c = 1 - rho;
    s[0] = s[0] * rho + c * g0 * g0;
    s[1] = s[1] * rho + c * g1 * g1;
    const d0 = (Math.sqrt(s[2] + eps) / Math.sqrt(s[0] + eps)) * g0;
    const d1 = (Math.sqrt(s[3] + eps) / Math.sqrt(s[1] + eps)) * g1;
    s[2] = s[2] * rho + c * d0 * d0;
    s[3] = s[3] * rho + c * d1 * d1;
    s[4] = d0;
    s[5] = d1;
    p[0] -= lr * d0;
    p[1] -= lr * d1;
    return null;
  }
}

export const adadelta: OptimizerDef = {
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
  latex: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ v_t = \rho v_{t-1} + (1-\rho)\, g_t^2 \\ \Delta_t = \frac{\sqrt{u_{t-1}+\epsilon}}{\sqrt{v_t+\epsilon}}\, g_t \\ u_t = \rho u_{t-1} + (1-\rho)\,\Delta_t^2 \\ \theta_t = \theta_{t-1} - \gamma\,\Delta_t`,
  needsHessian: false,
  stateLabels: ['v_x', 'v_y', 'u_x', 'u_y', 'delta_x', 'delta_y'],
  create: (h: Hyper) => new AdadeltaStepper(h.lr as number, h.rho as number, h.eps as number, h.weightDecay as number),
};
