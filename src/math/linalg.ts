/**
 * Small dense linear algebra on Float64Arrays (n×n row-major), allocation-free: the caller
 * passes the work arrays. For Newton's method on θ ∈ ℝⁿ.
 */

/**
 * Replaces the symmetric matrix A (n×n, row-major) by |A| = V|Λ|Vᵀ in place (cyclic Jacobi).
 * `v` (n×n) and `w` (n) are work space. n = 2 uses the closed form |A| = α·I + β·(A − mI).
 */
export function symmetricAbs(n: number, a: Float64Array, v: Float64Array, w: Float64Array): void {
  // Small functions are inlined by V8, large ones not: the 2×2 form is a function of its own.
  if (n === 2) symmetricAbs2(a);
  else symmetricAbsJacobi(n, a, v, w);
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

function symmetricAbsJacobi(n: number, a: Float64Array, v: Float64Array, w: Float64Array): void {
  v.fill(0);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
    if (off < 1e-300) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  // a is now diagonal (the eigenvalues): keep |λ| in w, then rebuild a = V|Λ|Vᵀ.
  for (let k = 0; k < n; k++) w[k] = Math.abs(a[k * n + k]);
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
