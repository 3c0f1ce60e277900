/**
 * The landscape plane of the `mlp` surface (CONTRACT.md §6): origin θ₀, axes the two leading
 * right singular vectors of D, the matrix whose rows are θ − θ₀ over every kept point of every
 * racer, each signed so that its entry of largest magnitude is positive; explained rᵢ = σᵢ²/Σσ².
 *
 * The singular vectors are the leading eigenvectors of C = DᵀD, found by Lanczos with full
 * reorthogonalisation on v ↦ Dᵀ(Dv) (C is never formed: D has up to tens of thousands of rows of
 * a few hundred parameters), until both Ritz pairs' residuals are below 1e-13·σ₁²; the small
 * tridiagonal problem is solved by cyclic Jacobi. Σσ² is ‖D‖²_F, exactly.
 */
import { symEig } from '../../math/linalg';
import { Rng } from '../rng';

export interface Plane {
  /** Orthonormal axes u, v (length P each). */
  u: Float64Array;
  v: Float64Array;
  /** σ₁², σ₂² over Σσ². */
  explained: [number, number];
}

/** The rows of D: each block is kept × P, flat, holding θ (θ₀ is subtracted on the fly). */
export interface Rows {
  blocks: Float64Array[];
  theta0: Float64Array;
}

function countRows(rows: Rows, p: number): number {
  let m = 0;
  for (const b of rows.blocks) m += b.length / p;
  return m;
}

/** w = Dᵀ(D q). */
function applyC(rows: Rows, q: Float64Array, w: Float64Array): void {
  const p = q.length;
  const t0 = rows.theta0;
  w.fill(0);
  for (const b of rows.blocks) {
    for (let r = 0; r < b.length; r += p) {
      let d = 0;
      for (let i = 0; i < p; i++) d += (b[r + i] - t0[i]) * q[i];
      if (d === 0) continue;
      for (let i = 0; i < p; i++) w[i] += d * (b[r + i] - t0[i]);
    }
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Signs x so that its entry of largest magnitude is positive (the first such entry on a tie). */
function signRule(x: Float64Array): void {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (Math.abs(x[i]) > Math.abs(x[best])) best = i;
  if (x[best] < 0) for (let i = 0; i < x.length; i++) x[i] = -x[i];
}

/** A unit vector orthogonal to u (u of unit length): the coordinate axis least along u, made orthogonal. */
function orthogonalTo(u: Float64Array | null, p: number): Float64Array {
  const v = new Float64Array(p);
  if (u === null) {
    v[0] = 1;
    return v;
  }
  let best = 0;
  for (let i = 1; i < p; i++) if (Math.abs(u[i]) < Math.abs(u[best])) best = i;
  v[best] = 1;
  const c = u[best];
  for (let i = 0; i < p; i++) v[i] -= c * u[i];
  const n = Math.sqrt(dot(v, v));
  for (let i = 0; i < p; i++) v[i] /= n;
  return v;
}

export function computePlane(rows: Rows): Plane {
  const p = rows.theta0.length;
  const t0 = rows.theta0;
  let total = 0;
  for (const b of rows.blocks) {
    for (let r = 0; r < b.length; r += p) {
      for (let i = 0; i < p; i++) {
        const d = b[r + i] - t0[i];
        total += d * d;
      }
    }
  }
  const m = countRows(rows, p);
  if (total === 0 || m === 0 || p < 2) {
    const u = orthogonalTo(null, p);
    return { u, v: orthogonalTo(u, p), explained: [0, 0] };
  }
  const kMax = Math.min(p, m, 400);
  const Q: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  // A fixed start vector with every entry nonzero (deterministic, the same in every run).
  const rng = new Rng(0x5eed, 7);
  let q = new Float64Array(p);
  for (let i = 0; i < p; i++) q[i] = rng.uniform() + 0.5;
  const nq = Math.sqrt(dot(q, q));
  for (let i = 0; i < p; i++) q[i] /= nq;
  const w = new Float64Array(p);
  let vals = new Float64Array(0);
  let vecs = new Float64Array(0);
  let k = 0;
  for (;;) {
    Q.push(q);
    k = Q.length;
    applyC(rows, q, w);
    const a = dot(q, w);
    alpha.push(a);
    // Full reorthogonalisation, twice (Gram–Schmidt against every Lanczos vector).
    for (let pass = 0; pass < 2; pass++) {
      for (const qi of Q) {
        const c = dot(qi, w);
        for (let i = 0; i < p; i++) w[i] -= c * qi[i];
      }
    }
    const b = Math.sqrt(dot(w, w));
    // The tridiagonal T_k and its eigenpairs.
    const T = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      T[i * k + i] = alpha[i];
      if (i + 1 < k) T[i * k + i + 1] = T[(i + 1) * k + i] = beta[i];
    }
    vals = new Float64Array(k);
    vecs = new Float64Array(k * k);
    symEig(k, T, vals, vecs, new Float64Array(k), new Float64Array(k));
    const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => vals[y] - vals[x]);
    const top = vals[order[0]];
    const need = Math.min(2, k);
    let converged = true;
    for (let r = 0; r < need; r++) {
      const res = Math.abs(b * vecs[(k - 1) * k + order[r]]);
      if (res > 1e-13 * top) converged = false;
    }
    const exhausted = b <= 1e-14 * Math.sqrt(Math.abs(top)) || k >= kMax;
    if ((converged && k >= 2) || exhausted) {
      // Reorder eigenpairs by value, largest first.
      const sv = new Float64Array(k);
      const sx = new Float64Array(k * k);
      for (let r = 0; r < k; r++) {
        sv[r] = vals[order[r]];
        for (let i = 0; i < k; i++) sx[i * k + r] = vecs[i * k + order[r]];
      }
      vals = sv;
      vecs = sx;
      break;
    }
    beta.push(b);
    q = new Float64Array(p);
    for (let i = 0; i < p; i++) q[i] = w[i] / b;
  }
  const ritz = (r: number): Float64Array => {
    const x = new Float64Array(p);
    for (let j = 0; j < k; j++) {
      const c = vecs[j * k + r];
      const qj = Q[j];
      for (let i = 0; i < p; i++) x[i] += c * qj[i];
    }
    const n = Math.sqrt(dot(x, x));
    for (let i = 0; i < p; i++) x[i] /= n;
    signRule(x);
    return x;
  };
  const s1 = Math.max(vals[0], 0);
  const u = ritz(0);
  let v: Float64Array;
  let s2 = 0;
  if (k >= 2 && vals[1] > 1e-28 * s1) {
    v = ritz(1);
    s2 = vals[1];
  } else {
    v = orthogonalTo(u, p);
    signRule(v);
  }
  return { u, v, explained: [s1 / total, s2 / total] };
}

/** Coordinates (a, b) of θ on the plane: (θ − θ₀)·u, (θ − θ₀)·v. */
export function project(theta: Float64Array, at: number, theta0: Float64Array, plane: Plane, out: Float64Array, o: number): void {
  const { u, v } = plane;
  const p = theta0.length;
  let a = 0;
  let b = 0;
  for (let i = 0; i < p; i++) {
    const d = theta[at + i] - theta0[i];
    a += d * u[i];
    b += d * v[i];
  }
  out[o] = a;
  out[o + 1] = b;
}
