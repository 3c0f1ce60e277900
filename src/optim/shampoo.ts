/**
 * Shampoo on a vector (Gupta et al. 2018): with one parameter tensor of order one, Shampoo is
 * full-matrix AdaGrad.
 *
 *   H₀ = ε·I;   H ← H + g·gᵀ;   θ ← θ − lr·H^(−1/2)·g,   H^(−1/2) = V·diag(w^(−1/2))·Vᵀ
 *
 * with (w, V) the eigendecomposition of the symmetric H (torch.linalg.eigh in the reference; the
 * cyclic Jacobi method of ./linalg here: the two agree to rounding). The preconditioner does not
 * depend on the basis: rotate the surface and the path rotates with it, where Adam's diagonal
 * preconditioner does not.
 */
import { symEig } from './linalg';
import { lrSpec } from './specs';
import { defineOptimizer, type OptimizerImpl, type Stepper } from './types';

export class ShampooStepper implements Stepper {
  lr: number;
  t = 0;
  /**
   * Named slots: `H` (n × n, row-major), then the last eigendecomposition `w` (n, ascending) and
   * `V` (n × n, eigenvectors as columns), for the explanation's ellipse.
   */
  readonly state: Float64Array;
  readonly H: Float64Array;
  readonly w: Float64Array;
  readonly V: Float64Array;
  private readonly a: Float64Array;
  private readonly u: Float64Array;
  private readonly b: Float64Array;
  private readonly z: Float64Array;

  constructor(
    private readonly n: number,
    lr: number,
    eps: number,
  ) {
    this.lr = lr;
    const nn = n * n;
    this.state = new Float64Array(2 * nn + n);
    this.H = this.state.subarray(0, nn);
    this.w = this.state.subarray(nn, nn + n);
    this.V = this.state.subarray(nn + n, 2 * nn + n);
    for (let i = 0; i < n; i++) this.H[i * n + i] = eps;
    this.a = new Float64Array(nn);
    this.u = new Float64Array(n);
    this.b = new Float64Array(n);
    this.z = new Float64Array(n);
  }

  /** When H is not finite (a diverging run), θ becomes NaN: the engine then ends the run. */
  step(p: Float64Array, g: Float64Array): null {
    const { n, H, a, w, V, u } = this;
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      for (let j = 0; j < n; j++) H[i * n + j] += gi * g[j];
    }
    a.set(H);
    this.t++;
    if (symEig(n, a, w, V, this.b, this.z) < 0) {
      p.fill(NaN);
      return null;
    }
    // u = diag(w^(−1/2))·Vᵀ·g
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += V[i * n + j] * g[i];
      u[j] = s / Math.sqrt(w[j]);
    }
    const lr = this.lr;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += V[i * n + j] * u[j];
      p[i] -= lr * s;
    }
    return null;
  }
}

export const shampoo = defineOptimizer<{ lr: number; eps: number }>()({
  name: 'shampoo',
  label: 'Shampoo',
  torch: null,
  hyper: [
    lrSpec(0.1, 1e-4, 10),
    {
      key: 'eps',
      label: 'ε',
      help: 'H starts as ε·I: keeps H^(−1/2) finite before the gradients have spanned every direction.',
      ownHelp: true,
      kind: 'number',
      default: 1e-4,
      min: 0,
      minExclusive: true,
      max: 1e3,
      sliderMin: 1e-10,
      sliderMax: 1,
      scale: 'log',
    },
  ],
  needsHessian: false,
  state: [
    { name: 'H', size: 'n*n' },
    { name: 'w', size: 'n' },
    { name: 'V', size: 'n*n' },
  ],
  words: {
    'q.w': 'eigenvalues of H',
    'q.precond': 'preconditioned gradient H^(−1/2) g',
  },
  torchExport: {
    ctor: 'Shampoo',
    referenceClass: true,
  },
});

export const shampooImpl: OptimizerImpl<{ lr: number; eps: number }> = {
  create: (h, n) => new ShampooStepper(n, h.lr, h.eps),
  explain: (x) => {
    const w = x.after('w');
    // H^(−1/2)·g = V·diag(w^(−1/2))·Vᵀ·g from the step's eigendecomposition.
    const [v11, v12, v21, v22] = x.afterMatrix('V');
    const [g0, g1] = x.g;
    const u0 = (v11 * g0 + v21 * g1) / Math.sqrt(w[0]);
    const u1 = (v12 * g0 + v22 * g1) / Math.sqrt(w[1]);
    const pre: [number, number] = [v11 * u0 + v12 * u1, v21 * u0 + v22 * u1];
    return {
      rows: [
        { id: 'w', tex: 'w', value: { kind: 'vec', v: w }, slot: { name: 'w', when: 'after' } },
        { id: 'precond', tex: String.raw`H_t^{-1/2} g_t`, value: { kind: 'vec', v: pre } },
      ],
      // No plain gradient step: Shampoo's lr is not gradient descent's (it would dwarf the step).
      arrows: [],
      perCoord: null,
      // The step γ·H^(−1/2)·g ends on the image of the circle of radius ‖g‖ under γ·H^(−1/2).
      ellipse: (() => {
        const r = x.h.lr * Math.hypot(g0, g1);
        const a = r / Math.sqrt(w[0]);
        const b = r / Math.sqrt(w[1]);
        return [
          [a * v11, a * v21],
          [b * v12, b * v22],
        ] as [[number, number], [number, number]];
      })(),
    };
  },
};
