/**
 * Newton's method (not a torch optimizer; defined in CONTRACT.md).
 *
 *   θ ← θ − lr·(H + δI)⁻¹·∇f(θ),   H the Hessian of the full objective (l2 included).
 *   saddleFree: H is first replaced by V|Λ|Vᵀ (absolute eigenvalues), which turns saddles into
 *   repellers. A singular system ends the run as diverged.
 */
import { eigenvalues2, solve, symmetricAbs } from '../math/linalg';
import { lrSpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type StepEnv, type StepFault, type Stepper, type Vec } from './types';

type NewtonHyper = {
  lr: number;
  damping: number;
  saddleFree: boolean;
}

class NewtonStepper implements Stepper {
  /** Slot d (n): the last Newton direction (H + δI)⁻¹∇f. */
  readonly state: Float64Array;
  t = 0;
  lr: number;
  /** Work space: H (n×n), eigenvectors (n×n), |λ| (n), Jacobi's two n-vectors, det. */
  private readonly h: Float64Array;
  private readonly v: Float64Array;
  private readonly w: Float64Array;
  private readonly b: Float64Array;
  private readonly z: Float64Array;
  private readonly info = new Float64Array(1);
  constructor(
    private readonly n: number,
    lr: number,
    private readonly damping: number,
    private readonly saddleFree: boolean,
  ) {
    this.lr = lr;
    this.state = new Float64Array(n);
    this.h = new Float64Array(n * n);
    this.v = new Float64Array(n * n);
    this.w = new Float64Array(n);
    this.b = new Float64Array(n);
    this.z = new Float64Array(n);
  }

  step(p: Float64Array, g: Float64Array, env: StepEnv): StepFault | null {
    const { n, h } = this;
    env.hessian(p, h);
    if (this.saddleFree) symmetricAbs(n, h, this.v, this.w, this.b, this.z);
    for (let i = 0; i < n; i++) h[i * n + i] += this.damping;
    const d = this.state;
    if (!solve(n, h, g, d, this.info)) return { code: 'singular-system', det: this.info[0] };
    const lr = this.lr;
    for (let i = 0; i < n; i++) p[i] -= lr * d[i];
    this.t++;
    return null;
  }
}

export const newton = defineOptimizer<NewtonHyper>()({
  name: 'newton',
  label: 'Newton',
  torch: null,
  hyper: [
    lrSpec(1, 1e-3, 2),
    {
      key: 'damping',
      label: 'damping',
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
  needsHessian: true,
  state: [{ name: 'd', size: 'n' }],
  torchExport: {
    ctor: 'Newton',
    takesObjective: true,
    raises: 'SingularSystem',
    referenceClass: true,
  },
});

export const newtonImpl: OptimizerImpl<NewtonHyper> = {
  create: (h, n) => new NewtonStepper(n, h.lr, h.damping, h.saddleFree),
  explain: (x) => {
    const rows: import('./types').QuantityRow[] = [];
    const hs = x.hessian;
    if (hs) {
      let [l1, l2] = eigenvalues2(hs[0], hs[1], hs[2]);
      if (x.h.saddleFree) [l1, l2] = [Math.abs(l1), Math.abs(l2)].sort((a, b) => b - a) as Vec;
      rows.push({
        id: 'eig',
        tex: x.h.saddleFree ? String.raw`\lambda(|H_t|) + \delta` : String.raw`\lambda(H_t) + \delta`,
        value: { kind: 'vec', v: [l1 + x.h.damping, l2 + x.h.damping] },
      });
    }
    rows.push({ id: 'newtonDir', tex: String.raw`(H_t + \delta I)^{-1}\nabla f`, value: { kind: 'vec', v: x.after('d') }, slot: { name: 'd', when: 'after' } });
    return { rows, arrows: [x.gradStep], perCoord: null, stepArrow: 'newton' };
  },
};
