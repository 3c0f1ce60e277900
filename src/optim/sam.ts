/**
 * SAM, sharpness-aware minimization (Foret et al. 2021), as davda54/sam's sam.py (commit
 * 3c3afdbd): `SAM(params, base_optimizer, rho, adaptive)`, stepped with a closure.
 *
 *   s = |θ| when adaptive, 1 otherwise
 *   e = (s²·g)·ρ / (‖s·g‖ + 1e−12)     (first_step: climb towards the local maximum)
 *   g' = ∇f(θ + e), on the same batch and with the same simulated noise
 *   θ unchanged (second_step restores it); the base optimizer steps from θ with g'
 *
 * The base optimizer is any other optimizer but sam, lbfgs, newton and schedulefree; its own
 * weight decay acts on θ (the restored point). A learning-rate schedule drives the base's lr.
 */
import type { Evaluator } from './env';

export interface BaseStepper<E> {
  step(p: Float64Array, g: Float64Array, env: E): unknown;
}

export class SamKernel<E extends Evaluator, B extends BaseStepper<E>> {
  /** Named slots, n each: `e` (the perturbation of the last step) and `g2` (the gradient at θ + e). */
  readonly state: Float64Array;
  t = 0;
  readonly e: Float64Array;
  readonly g2: Float64Array;
  private readonly q: Float64Array;

  constructor(
    private readonly n: number,
    readonly base: B,
    private readonly rho: number,
    private readonly adaptive: boolean,
  ) {
    this.state = new Float64Array(2 * n);
    this.e = this.state.subarray(0, n);
    this.g2 = this.state.subarray(n, 2 * n);
    this.q = new Float64Array(n);
  }

  step(p: Float64Array, g: Float64Array, env: E): unknown {
    const { n, e, g2, q, adaptive } = this;
    // _grad_norm: ‖s·g‖₂ (torch.norm of the per-parameter norms; one parameter tensor here).
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const a = adaptive ? Math.abs(p[i]) * g[i] : g[i];
      ss += a * a;
    }
    const scale = this.rho / (Math.sqrt(ss) + 1e-12);
    for (let i = 0; i < n; i++) {
      const ei = (adaptive ? p[i] * p[i] : 1) * g[i] * scale;
      e[i] = ei;
      q[i] = p[i] + ei;
    }
    env.evaluate(q, g2);
    this.t++;
    return this.base.step(p, g2, env);
  }
}
