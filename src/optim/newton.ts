/**
 * Newton's method (not a torch optimizer; defined in CONTRACT.md).
 *
 *   θ ← θ − lr·(H + δI)⁻¹·∇f(θ),   H the Hessian of the full objective (l2 included).
 *   saddleFree: H is first replaced by V|Λ|Vᵀ (absolute eigenvalues), which turns saddles into
 *   repellers. A singular system ends the run as diverged.
 */
import { eigenvalues2, solve, symmetricAbs } from '../math/linalg';
import { lrSpec } from './specs';
import { defineOptimizer, type StepEnv, type StepFault, type Stepper, type Vec } from './types';

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
  latex: String.raw`H_t = \nabla^2 f(\theta_{t-1}) \quad(\text{saddle-free: } H_t \leftarrow V|\Lambda|V^\top) \\ \theta_t = \theta_{t-1} - \gamma\,(H_t + \delta I)^{-1}\,\nabla f(\theta_{t-1})`,
  needsHessian: true,
  state: [{ name: 'd', size: 'n' }],
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
  torchExport: {
    ctor: 'Newton',
    takesObjective: true,
    raises: 'SingularSystem',
    comment: ["Newton's method (written out above): theta <- theta - lr * (H + damping * I)^-1 g"],
    referenceClass: String.raw`class SingularSystem(Exception):
    """Raised by Newton.step when (H + damping * I) cannot be inverted: the run stops there."""


class Newton(torch.optim.Optimizer):
    """Newton's method, written out as a torch.optim.Optimizer (so that torch's lr schedulers
    drive its lr, read from the parameter group at every step).

    Each step moves
        theta <- theta - lr * (H + damping * I)^-1 g
    where g is theta.grad (the gradient the training loop just computed: on data surfaces the
    mini-batch gradient, plus the simulated noise if any) and H is the Hessian of the full loss
    f at theta, computed by torch.autograd.functional.hessian.

    saddle_free=True first replaces H by V |L| V^T, where H = V L V^T is its eigendecomposition:
    negative curvature is flipped, so saddle points repel the step instead of attracting it.

    A (numerically) singular system, |det| <= 1e-14 * (largest entry)^2, stops the run, as in Descent.
    """

    def __init__(self, params, objective, lr=1.0, damping=0.0, saddle_free=False):
        super().__init__(params, dict(lr=lr, damping=damping, saddle_free=saddle_free))
        self.objective = objective

    @torch.no_grad()
    def step(self, closure=None):
        group = self.param_groups[0]
        theta = group["params"][0]  # the parameter tensor (x, y)
        g = theta.grad
        H = torch.autograd.functional.hessian(self.objective, theta.detach())
        if group["saddle_free"]:
            eigenvalues, V = torch.linalg.eigh(H)
            H = V @ torch.diag(eigenvalues.abs()) @ V.T
        system = H + group["damping"] * torch.eye(2)
        det = (system[0, 0] * system[1, 1] - system[0, 1] * system[1, 0]).item()
        scale = system.abs().max().item() ** 2
        if not (abs(det) > 1e-14 * scale and math.isfinite(det)):
            x, y = theta.tolist()
            raise SingularSystem(f"singular Newton system: det(H + damping*I) = {det:.3g} at ({x:.4g}, {y:.4g})")
        direction = torch.linalg.solve(system, g)  # (H + damping * I)^-1 g
        theta -= group["lr"] * direction
`,
  },
});
