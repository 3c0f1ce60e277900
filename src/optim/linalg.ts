/**
 * Small dense linear algebra for the optimizers, allocation-free: every routine works in buffers
 * the caller owns (a stepper allocates them once, in its constructor).
 *
 * `symEig` is the cyclic Jacobi method (Rutishauser's formulation, as in Numerical Recipes'
 * `jacobi`): a sequence of plane rotations, each zeroing one off-diagonal entry, until the matrix
 * is diagonal to working precision. torch.linalg.eigh calls LAPACK (syevd, a tridiagonal
 * divide-and-conquer); both are backward stable, so eigenvalues agree to rounding, and for a
 * symmetric positive definite matrix (Shampoo's H) Jacobi is even accurate in the small
 * eigenvalues relative to their own size. For 2 × 2 one rotation diagonalises exactly, so the
 * whole solve is a handful of operations. For n in the hundreds (a network surface) the cost is
 * O(n³) per sweep and about 6–10 sweeps: fine for n ≈ 100, slow for n ≈ 1000.
 */

export { symEig } from '../math/linalg';

/** xᵀy over the first n entries. */
export function dot(n: number, x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

/** max |x_i| (0 for n = 0; NaN if any entry is NaN, as torch's abs().max()). */
export function maxAbs(n: number, x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(x[i]);
    if (a > m || a !== a) m = a;
  }
  return m;
}
