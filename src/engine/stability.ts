/**
 * The analytic stability regions of gradient descent and heavy-ball momentum on a quadratic, what
 * the sweep view draws over a measured map, and the rule by which a measured cell counts as
 * convergent.
 *
 * On f(θ) = ½θᵀHθ every eigen-direction of H (eigenvalue λ) evolves on its own:
 *   GD:          e ← (1 − lr·λ)·e, which shrinks iff 0 < lr·λ < 2;
 *   heavy ball:  e_{t+1} = (1 + β − lr·λ)·e_t − β·e_{t−1} (torch's SGD momentum, dampening 0, is
 *                this recurrence), whose roots lie inside the unit circle iff 0 ≤ β < 1 and
 *                0 < lr·λ < 2 + 2β.
 * The rate is best at (lr*, β*) = ((2/(√λmax + √λmin))², ((√κ − 1)/(√κ + 1))²), κ = λmax/λmin,
 * where every direction shrinks by √β* a step (Polyak 1964; Goh, "Why momentum really works", 2017).
 */

/** Eigenvalues [λmin, λmax] of the symmetric 2 × 2 matrix [[a, b], [b, c]]. */
export function eigenvalues2(a: number, b: number, c: number): [number, number] {
  const m = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  return [m - r, m + r];
}

/** The largest learning rate at which GD shrinks the direction of eigenvalue λ: lr·λ < 2. */
export function gdMaxLr(lambda: number): number {
  return 2 / lambda;
}

/** The largest learning rate at which heavy-ball momentum β shrinks the direction of λ: lr·λ < 2 + 2β. */
export function momentumMaxLr(lambda: number, beta: number): number {
  return (2 + 2 * beta) / lambda;
}

export function gdStable(lr: number, lambda: number): boolean {
  return lr * lambda > 0 && lr * lambda < 2;
}

export function momentumStable(lr: number, beta: number, lambda: number): boolean {
  return beta >= 0 && beta < 1 && lr * lambda > 0 && lr * lambda < 2 + 2 * beta;
}

/** The optimal heavy-ball setting for eigenvalues in [λmin, λmax]. */
export function momentumOptimum(lambdaMin: number, lambdaMax: number): { lr: number; momentum: number } {
  const a = Math.sqrt(lambdaMax);
  const b = Math.sqrt(lambdaMin);
  const sk = Math.sqrt(lambdaMax / lambdaMin);
  return { lr: (2 / (a + b)) ** 2, momentum: ((sk - 1) / (sk + 1)) ** 2 };
}

/**
 * Did a measured run converge? It did when it did not diverge and its final loss is below its
 * starting loss (both above the minimum, here f* = 0 on the quadratic): the iteration contracts.
 *
 * Why not "final loss below some ε": near the boundary the contraction factor per step tends to 1,
 * so the cells that reach an ε within the step budget end well inside the region, and where depends
 * on ε and the budget. With "below the start", one grid cell past the boundary the unstable
 * direction has grown by (1 + δ)^(2·steps) and the cell fails, one cell inside it has shrunk and
 * passes, so the measured edge lands on the analytic one to the grid's resolution.
 */
export function converged(startLoss: number, finalLoss: number, divergedAt: number, minimum = 0): boolean {
  return divergedAt < 0 && finalLoss - minimum < startLoss - minimum;
}

/**
 * The sharpness along a path: the largest eigenvalue of the full objective's Hessian (l2 included)
 * at each point of `path` (flat [x0, y0, x1, y1, …]). GD is stable near a point when it is below
 * 2/lr; Cohen et al. (2021) find full-batch GD drives it up to 2/lr and then hovers there, the
 * "edge of stability".
 */
export function sharpnessAlong(hessian: (x: number, y: number, out: Float64Array) => void, path: Float64Array): Float64Array {
  const h = new Float64Array(3);
  const out = new Float64Array(path.length / 2);
  for (let k = 0; k < out.length; k++) {
    hessian(path[2 * k], path[2 * k + 1], h);
    out[k] = eigenvalues2(h[0], h[1], h[2])[1];
  }
  return out;
}

/**
 * The sharpness above which the optimizer's step is unstable on a quadratic of that curvature:
 * 2/lr for GD, (2 + 2β)/(lr·(1 − dampening)) for heavy-ball momentum, (2 + 2β)/(lr·(1 + 2β)) for
 * Nesterov (torch's form: the characteristic root −1 at lr·λ·(1 + 2β) = 2 + 2β). For the other
 * optimizers, whose steps are rescaled per coordinate, GD's 2/lr is shown as a reference
 * (`exact: false`).
 */
export function stabilityThreshold(opt: { name: string; lr?: unknown; momentum?: unknown; dampening?: unknown }): { value: number; exact: boolean } | null {
  const lr = typeof opt.lr === 'number' ? opt.lr : NaN;
  if (!(lr > 0)) return null;
  const beta = typeof opt.momentum === 'number' ? opt.momentum : 0;
  const damp = typeof opt.dampening === 'number' ? opt.dampening : 0;
  switch (opt.name) {
    case 'gd':
      return { value: 2 / lr, exact: true };
    case 'momentum':
      return damp < 1 ? { value: (2 + 2 * beta) / (lr * (1 - damp)), exact: true } : null;
    case 'nesterov':
      return { value: (2 + 2 * beta) / (lr * (1 + 2 * beta)), exact: true };
    default:
      return { value: 2 / lr, exact: false };
  }
}
