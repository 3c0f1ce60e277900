/**
 * Small dense linear algebra on Float64Arrays (n×n row-major), allocation-free: the caller
 * passes the work arrays. For Newton's method on θ ∈ ℝⁿ.
 */

/**
 * Replaces the symmetric matrix A (n×n, row-major) by |A| = V|Λ|Vᵀ in place (cyclic Jacobi,
 * `symEig`). `v` (n×n), `w`, `b` and `z` (n each) are work space. n = 2 uses the closed form
 * |A| = α·I + β·(A − mI).
 */
export function symmetricAbs(n: number, a: Float64Array, v: Float64Array, w: Float64Array, b: Float64Array, z: Float64Array): void {
  // Small functions are inlined by V8, large ones not: the 2×2 form is a function of its own.
  if (n === 2) symmetricAbs2(a);
  else symmetricAbsJacobi(n, a, v, w, b, z);
}

function symmetricAbs2(a: Float64Array): void {
  const p = a[0];
  const q = a[1];
  const r0 = a[3];
  const m = 0.5 * (p + r0);
  const r = Math.hypot(0.5 * (p - r0), q);
  if (r === 0) {
    a[0] = a[3] = Math.abs(m);
    a[1] = a[2] = 0;
    return;
  }
  const l1 = Math.abs(m + r);
  const l2 = Math.abs(m - r);
  const alpha = 0.5 * (l1 + l2);
  const beta = (l1 - l2) / (2 * r);
  a[0] = alpha + beta * (p - m);
  a[3] = alpha + beta * (r0 - m);
  a[1] = a[2] = beta * q;
}

function symmetricAbsJacobi(n: number, a: Float64Array, v: Float64Array, w: Float64Array, b: Float64Array, z: Float64Array): void {
  symEig(n, a, w, v, b, z);
  // w holds the eigenvalues: keep |λ|, then rebuild a = V|Λ|Vᵀ.
  for (let k = 0; k < n; k++) w[k] = Math.abs(w[k]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += v[i * n + k] * w[k] * v[j * n + k];
      a[i * n + j] = sum;
    }
  }
}

/**
 * Solves A·x = b (A n×n row-major, overwritten) into x; false when A is (numerically) singular.
 * info[0] receives det(A) (for n > 2 the product of the pivots so far). Singular: n = 2,
 * |det| ≤ 1e-14·(largest entry)²; n > 2, a pivot of Gaussian elimination with partial pivoting
 * ≤ 1e-14·(largest entry).
 */
export function solve(n: number, a: Float64Array, b: Float64Array, x: Float64Array, info: Float64Array): boolean {
  return n === 2 ? solve2(a, b, x, info) : solveGauss(n, a, b, x, info);
}

function solve2(a: Float64Array, b: Float64Array, x: Float64Array, info: Float64Array): boolean {
  const p = a[0];
  const q = a[1];
  const r = a[3];
  const det = p * r - q * a[2];
  const scale = Math.max(p * p, r * r, q * q);
  info[0] = det;
  if (!(Math.abs(det) > 1e-14 * scale) || !Number.isFinite(det)) return false;
  x[0] = (r * b[0] - q * b[1]) / det;
  x[1] = (p * b[1] - a[2] * b[0]) / det;
  return true;
}

function solveGauss(n: number, a: Float64Array, b: Float64Array, x: Float64Array, info: Float64Array): boolean {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]));
  for (let i = 0; i < n; i++) x[i] = b[i];
  let det = 1;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[piv * n + c])) piv = r;
    const pv = a[piv * n + c];
    if (!(Math.abs(pv) > 1e-14 * scale) || !Number.isFinite(pv)) {
      info[0] = det * pv;
      return false;
    }
    if (piv !== c) {
      det = -det;
      for (let k = 0; k < n; k++) {
        const tmp = a[c * n + k];
        a[c * n + k] = a[piv * n + k];
        a[piv * n + k] = tmp;
      }
      const tb = x[c];
      x[c] = x[piv];
      x[piv] = tb;
    }
    det *= pv;
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / pv;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let sum = x[r];
    for (let k = r + 1; k < n; k++) sum -= a[r * n + k] * x[k];
    x[r] = sum / a[r * n + r];
  }
  info[0] = det;
  return true;
}


/** Eigenvalues (larger first) of the symmetric 2×2 matrix [[a, b], [b, c]]. */
export function eigenvalues2(a: number, b: number, c: number): [number, number] {
  const m = 0.5 * (a + c);
  const r = Math.hypot(0.5 * (a - c), b);
  return [m + r, m - r];
}

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
