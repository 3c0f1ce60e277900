/**
 * `tinynet`: the smallest neural network, one tanh unit, θ = (w₁, w₂), fitted by least squares to
 * the shipped dataset (xᵢ, yᵢ), n = 64 (noisy y = 1.5·tanh(2x)).
 *
 *   ℓᵢ = ½(w₂·tanh(w₁·xᵢ) − yᵢ)²,   f = (1/n)·Σᵢ ℓᵢ
 *
 * With hᵢ = tanh(w₁xᵢ), sᵢ = 1 − hᵢ² (= tanh'), rᵢ = w₂hᵢ − yᵢ, and ∂sᵢ/∂w₁ = −2hᵢsᵢxᵢ:
 *   ∂ℓᵢ/∂w₁ = rᵢ·w₂·xᵢ·sᵢ                 ∂ℓᵢ/∂w₂ = rᵢ·hᵢ
 *   ∂²ℓᵢ/∂w₁² = (w₂xᵢsᵢ)² − 2rᵢ·w₂·xᵢ²·hᵢ·sᵢ
 *   ∂²ℓᵢ/∂w₁∂w₂ = hᵢ·w₂·xᵢ·sᵢ + rᵢ·xᵢ·sᵢ
 *   ∂²ℓᵢ/∂w₂² = hᵢ²
 *
 * f(−w₁, −w₂) = f(w₁, w₂) (tanh is odd): two mirrored global minima near ±(2, 1.5), found by
 * Newton's method, and a saddle at the origin (gradient 0, Hessian [[0, −mean(xy)], [−mean(xy), 0]]).
 * Both axes are level at f(0, 0) = mean(y²)/2: the network outputs 0 there.
 *
 * tanh is ../math/tanh's (+ − × ÷ only), not Math.tanh, whose last bit differs between Node and
 * Chromium: the page and the CLI agree bit for bit (tests/unit/determinism.test.ts).
 */

import { tanh } from '../math/tanh';
import raw from './data/tinynet.json';
import type { CriticalPoint, SurfaceCore, SurfaceDef } from './types';
import { criticalPoint, minimize } from './util';

const X = Float64Array.from(raw.x);
const Y = Float64Array.from(raw.y);
const N = X.length;
const INV_N = 1 / N;

function sampleLoss(i: number, w1: number, w2: number): number {
  const r = w2 * tanh(w1 * X[i]) - Y[i];
  return 0.5 * r * r;
}

function value(w1: number, w2: number): number {
  let s = 0;
  for (let i = 0; i < N; i++) {
    const r = w2 * tanh(w1 * X[i]) - Y[i];
    s += r * r;
  }
  return 0.5 * s * INV_N;
}

const core: SurfaceCore = {
  value,
  valueGrad(w1, w2, out) {
    let s = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < N; i++) {
      const xi = X[i];
      const h = tanh(w1 * xi);
      const r = w2 * h - Y[i];
      s += r * r;
      g1 += r * w2 * xi * (1 - h * h);
      g2 += r * h;
    }
    out[0] = g1 * INV_N;
    out[1] = g2 * INV_N;
    return 0.5 * s * INV_N;
  },
  hessian(w1, w2, out) {
    let h11 = 0;
    let h12 = 0;
    let h22 = 0;
    for (let i = 0; i < N; i++) {
      const xi = X[i];
      const h = tanh(w1 * xi);
      const sx = (1 - h * h) * xi; // tanh'(w₁xᵢ)·xᵢ
      const r = w2 * h - Y[i];
      const j1 = w2 * sx; // ∂(w₂hᵢ)/∂w₁
      h11 += j1 * j1 - 2 * r * w2 * xi * h * sx;
      h12 += h * j1 + r * sx;
      h22 += h * h;
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
      const xi = X[i];
      const h = tanh(w1 * xi);
      const r = w2 * h - Y[i];
      g1 += r * w2 * xi * (1 - h * h);
      g2 += r * h;
    }
    const m = to - from;
    out[0] = m > 0 ? g1 / m : 0;
    out[1] = m > 0 ? g2 / m : 0;
  },
  sampleLoss,
  data: { kind: 'xy', x: X, y: Y },
};

let cached: CriticalPoint[] | null = null;

export const tinynet: SurfaceDef = {
  name: 'tinynet',
  label: 'Tiny network',
  kind: 'data',
  latex: String.raw`f(w_1,w_2)=\frac1n\sum_{i=1}^{n}\tfrac12\left(w_2\tanh(w_1x_i)-y_i\right)^2`,
  axes: ['w_1', 'w_2'],
  params: [],
  domain: { x: [-4, 4], y: [-3, 3] },
  criticalPoints() {
    if (!cached) {
      const [p, q] = minimize(core, 1, 1);
      cached = [
        criticalPoint(core, [p, q], 'min', true),
        criticalPoint(core, [-p, -q], 'min', true),
        criticalPoint(core, [0, 0], 'saddle'),
      ];
    }
    return cached.map((c) => ({ ...c, point: [c.point[0], c.point[1]] }));
  },
  defaultStart: [-1.4, 2.5],
  create() {
    return core;
  },
};
