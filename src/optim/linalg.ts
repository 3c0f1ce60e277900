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

/**
 * Eigen-decomposition A = V·diag(w)·Vᵀ of the symmetric n × n matrix `a` (row-major; only its
 * upper triangle is read, and it is overwritten). Writes the eigenvalues into `w` (ascending, as
 * LAPACK orders them) and the eigenvectors as the columns of `v` (row-major, v[i·n + j] is entry i
 * of vector j). `b` and `z` are workspaces of length n. Returns the number of sweeps, or −1 if the
 * matrix did not become diagonal in `maxSweeps` sweeps (non-finite input).
 */
export function symEig(
  n: number,
  a: Float64Array,
  w: Float64Array,
  v: Float64Array,
  b: Float64Array,
  z: Float64Array,
  maxSweeps = 60,
): number {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) v[i * n + j] = i === j ? 1 : 0;
    b[i] = w[i] = a[i * n + i];
    z[i] = 0;
  }
  let sweeps = -1;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) off += Math.abs(a[p * n + q]);
    if (off === 0) {
      sweeps = sweep - 1;
      break;
    }
    if (!Number.isFinite(off)) break;
    // The first three sweeps only rotate the larger entries (Rutishauser's threshold).
    const threshold = sweep < 4 ? (0.2 * off) / (n * n) : 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        const g = 100 * Math.abs(apq);
        // After four sweeps an entry negligible against both diagonal entries is set to zero.
        if (sweep > 4 && Math.abs(w[p]) + g === Math.abs(w[p]) && Math.abs(w[q]) + g === Math.abs(w[q])) {
          a[p * n + q] = 0;
          continue;
        }
        if (Math.abs(apq) <= threshold) continue;
        const diff = w[q] - w[p];
        let t: number;
        if (Math.abs(diff) + g === Math.abs(diff)) {
          t = apq / diff; // tan of the rotation angle, where θ² would overflow
        } else {
          const theta = (0.5 * diff) / apq;
          t = 1 / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
          if (theta < 0) t = -t;
        }
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        const tau = s / (1 + c);
        const h = t * apq;
        z[p] -= h;
        z[q] += h;
        w[p] -= h;
        w[q] += h;
        a[p * n + q] = 0;
        // Rotate the rest of the upper triangle: rows/columns p and q.
        for (let j = 0; j < p; j++) rotate(a, j * n + p, j * n + q, s, tau);
        for (let j = p + 1; j < q; j++) rotate(a, p * n + j, j * n + q, s, tau);
        for (let j = q + 1; j < n; j++) rotate(a, p * n + j, q * n + j, s, tau);
        for (let j = 0; j < n; j++) rotate(v, j * n + p, j * n + q, s, tau);
      }
    }
    for (let p = 0; p < n; p++) {
      b[p] += z[p];
      w[p] = b[p];
      z[p] = 0;
    }
  }
  if (sweeps < 0) return -1;
  sortAscending(n, w, v);
  return sweeps;
}

function rotate(m: Float64Array, i: number, j: number, s: number, tau: number): void {
  const g = m[i];
  const h = m[j];
  m[i] = g - s * (h + g * tau);
  m[j] = h + s * (g - h * tau);
}

/** Selection sort of the eigenpairs by eigenvalue (n is small; no allocation). */
function sortAscending(n: number, w: Float64Array, v: Float64Array): void {
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    for (let j = i + 1; j < n; j++) if (w[j] < w[k]) k = j;
    if (k === i) continue;
    const t = w[i];
    w[i] = w[k];
    w[k] = t;
    for (let r = 0; r < n; r++) {
      const u = v[r * n + i];
      v[r * n + i] = v[r * n + k];
      v[r * n + k] = u;
    }
  }
}

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
