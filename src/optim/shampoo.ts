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

export class ShampooKernel {
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

  /** Returns null, or 'eigh' when the eigendecomposition failed (a non-finite H). */
  step(p: Float64Array, g: Float64Array): 'eigh' | null {
    const { n, H, a, w, V, u } = this;
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      for (let j = 0; j < n; j++) H[i * n + j] += gi * g[j];
    }
    a.set(H);
    this.t++;
    if (symEig(n, a, w, V, this.b, this.z) < 0) return 'eigh';
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
