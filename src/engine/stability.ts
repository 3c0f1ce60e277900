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
