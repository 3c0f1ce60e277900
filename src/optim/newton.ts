/**
 * Newton's method (not a torch optimizer; defined in CONTRACT.md).
 *
 *   θ ← θ − lr·(H + δI)⁻¹·∇f(θ),   H the Hessian of the full objective (l2 included).
 *   saddleFree: H is first replaced by V|Λ|Vᵀ (absolute eigenvalues), which turns saddles into
 *   repellers. A singular system ends the run as diverged.
 */
import { lrSpec } from './specs';
import type { Hyper, OptimizerDef, Stepper } from './types';

class NewtonStepper implements Stepper {
  /** [d_x, d_y] — the last Newton direction (H + δI)⁻¹∇f */
  readonly state = new Float64Array(2);
  t = 0;
  constructor(
    private readonly lr: number,
    private readonly damping: number,
    private readonly saddleFree: boolean,
  ) {}

  step(p: Float64Array, g: Float64Array, h: Float64Array): string | null {
    let a = h[0];
    let b = h[1];
    let c = h[2];
    if (this.saddleFree) {
      // |H| = α·I + β·(H − mI), with eigenvalues m ± r of H.
      const m = 0.5 * (a + c);
      const r = Math.hypot(0.5 * (a - c), b);
      const l1 = Math.abs(m + r);
      const l2 = Math.abs(m - r);
      if (r === 0) {
        a = c = Math.abs(m);
        b = 0;
      } else {
        const alpha = 0.5 * (l1 + l2);
        const beta = (l1 - l2) / (2 * r);
        a = alpha + beta * (a - m);
        c = alpha + beta * (c - m);
        b = beta * b;
      }
    }
    a += this.damping;
    c += this.damping;
    const det = a * c - b * b;
    const scale = Math.max(a * a, c * c, b * b);
    if (!(Math.abs(det) > 1e-14 * scale) || !Number.isFinite(det)) {
      return `singular Newton system: det(H + δI) = ${det.toPrecision(3)} at (${p[0].toPrecision(4)}, ${p[1].toPrecision(4)})`;
    }
    const d0 = (c * g[0] - b * g[1]) / det;
    const d1 = (a * g[1] - b * g[0]) / det;
    this.state[0] = d0;
    this.state[1] = d1;
    p[0] -= this.lr * d0;
    p[1] -= this.lr * d1;
    this.t++;
    return null;
  }
}

export const newton: OptimizerDef = {
  name: 'newton',
  label: 'Newton',
  torch: null,
  hyper: [
    lrSpec(1, 1e-3, 2),
    {
      key: 'damping',
      label: 'damping δ',
      help: 'Added to the Hessian’s diagonal: large δ turns Newton into small gradient steps.',
      kind: 'number',
      default: 0,
      min: 0,
      max: 1e6,
      sliderMin: 0,
      sliderMax: 100,
      scale: 'linear',
    },
    {
      key: 'saddleFree',
      label: 'saddle-free',
      help: 'Use |H| (absolute eigenvalues), so saddle points repel instead of attract.',
      kind: 'boolean',
      default: false,
    },
  ],
  latex: String.raw`H_t = \nabla^2 f(\theta_{t-1}) \quad(\text{saddle-free: } H_t \leftarrow V|\Lambda|V^\top) \\ \theta_t = \theta_{t-1} - \gamma\,(H_t + \delta I)^{-1}\,\nabla f(\theta_{t-1})`,
  needsHessian: true,
  stateLabels: ['d_x', 'd_y'],
  create: (h: Hyper) => new NewtonStepper(h.lr as number, h.damping as number, h.saddleFree as boolean),
};
