/**
 * `logreg`: logistic regression without bias, θ = (w₁, w₂), on the shipped dataset
 * (aᵢ, bᵢ, tᵢ), tᵢ ∈ {0, 1}, n = 100.
 *
 *   zᵢ = w₁·aᵢ + w₂·bᵢ,   ℓᵢ = softplus(zᵢ) − tᵢ·zᵢ,   f = (1/n)·Σᵢ ℓᵢ
 *
 * (the binary cross-entropy of σ(zᵢ) against tᵢ). With σ = sigmoid and softplus' = σ, σ' = σ(1 − σ):
 *   ∂ℓᵢ/∂w₁ = (σ(zᵢ) − tᵢ)·aᵢ          ∂ℓᵢ/∂w₂ = (σ(zᵢ) − tᵢ)·bᵢ
 *   ∂²ℓᵢ/∂w₁² = sᵢ·aᵢ²   ∂²ℓᵢ/∂w₁∂w₂ = sᵢ·aᵢ·bᵢ   ∂²ℓᵢ/∂w₂² = sᵢ·bᵢ²,   sᵢ = σ(zᵢ)(1 − σ(zᵢ))
 *
 * Evaluated stably with e = exp(−|z|): softplus(z) = max(z, 0) + log1p(e), σ(z) = 1/(1 + e) for
 * z ≥ 0 and e/(1 + e) otherwise, σ(1 − σ) = e/(1 + e)².
 *
 * f is convex; the two classes overlap, so it has a unique, finite minimum, found by Newton's
 * method on these exact derivatives. Far from it f grows linearly (a funnel with straight sides).
 */

import { exp, log1p } from '../math/exp';
import raw from './data/logreg.json';
import type { CriticalPoint, SurfaceCore, SurfaceDef } from './types';
import { criticalPoint, minimize } from './util';

/** A logistic-regression core over (aᵢ, bᵢ, tᵢ) (the shipped data, or a user's: src/engine/userdata.ts). */
export function makeLogregCore(A: Float64Array, B: Float64Array, T: Float64Array): SurfaceCore {
  const N = A.length;
  const INV_N = 1 / N;

  function sampleLoss(i: number, w1: number, w2: number): number {
    const z = w1 * A[i] + w2 * B[i];
    return Math.max(z, 0) + log1p(exp(-Math.abs(z))) - T[i] * z;
  }

  function value(w1: number, w2: number): number {
    let s = 0;
    for (let i = 0; i < N; i++) {
      const z = w1 * A[i] + w2 * B[i];
      s += Math.max(z, 0) + log1p(exp(-Math.abs(z))) - T[i] * z;
    }
    return s * INV_N;
  }

  const core: SurfaceCore = {
    value,
    valueGrad(w1, w2, out) {
      let s = 0;
      let g1 = 0;
      let g2 = 0;
      for (let i = 0; i < N; i++) {
        const ai = A[i];
        const bi = B[i];
        const ti = T[i];
        const z = w1 * ai + w2 * bi;
        const e = exp(-Math.abs(z));
        s += Math.max(z, 0) + log1p(e) - ti * z;
        const d = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - ti;
        g1 += d * ai;
        g2 += d * bi;
      }
      out[0] = g1 * INV_N;
      out[1] = g2 * INV_N;
      return s * INV_N;
    },
    hessian(w1, w2, out) {
      let h11 = 0;
      let h12 = 0;
      let h22 = 0;
      for (let i = 0; i < N; i++) {
        const ai = A[i];
        const bi = B[i];
        const e = exp(-Math.abs(w1 * ai + w2 * bi));
        const q = 1 + e;
        const s = e / (q * q); // σ(z)(1 − σ(z))
        h11 += s * ai * ai;
        h12 += s * ai * bi;
        h22 += s * bi * bi;
      }
      out[0] = h11 * INV_N;
      out[1] = h12 * INV_N;
      out[2] = h22 * INV_N;
    },
    n: N,
    batchGrad(w1, w2, idx, from, to, out) {
      let g1 = 0;
      let g2 = 0;
      for (let k = from; k < to; k++) {
        const i = idx[k];
        const ai = A[i];
        const bi = B[i];
        const z = w1 * ai + w2 * bi;
        const e = exp(-Math.abs(z));
        const d = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - T[i];
        g1 += d * ai;
        g2 += d * bi;
      }
      const m = to - from;
      out[0] = m > 0 ? g1 / m : 0;
      out[1] = m > 0 ? g2 / m : 0;
    },
    sampleLoss,
    data: { kind: 'abt', a: A, b: B, t: T },
  };
  return core;
}

const core = makeLogregCore(Float64Array.from(raw.a), Float64Array.from(raw.b), Float64Array.from(raw.t));

let cached: CriticalPoint[] | null = null;

export const logreg: SurfaceDef = {
  name: 'logreg',
  label: 'Logistic regression',
  kind: 'data',
  latex: String.raw`f(w_1,w_2)=\frac1n\sum_{i=1}^{n}\Big[\log\!\left(1+e^{z_i}\right)-t_i z_i\Big],\quad z_i=w_1a_i+w_2b_i`,
  axes: ['w_1', 'w_2'],
  params: [],
  domain: { x: [-2.5, 6], y: [-4.5, 3.5] },
  criticalPoints() {
    cached ??= [criticalPoint(core, minimize(core, 0, 0), 'min', true)];
    return cached.map((c) => ({ ...c, point: [c.point[0], c.point[1]] }));
  },
  defaultStart: [4.5, 2.5],
  create() {
    return core;
  },
};
