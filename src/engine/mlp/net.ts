/**
 * The network of the `mlp` surface (CONTRACT.md §6): nn.Sequential(Linear(2, h₁), act, …,
 * Linear(h_k, 1)) with act tanh or relu, BCE with logits, θ flat in torch's parameters() order
 * (each layer's weight, out × in row-major, then its bias).
 *
 * Forward and backward run one sample at a time over a workspace allocated once (activations
 * and deltas of one sample), so evaluating a batch allocates nothing. tanh, exp and log1p come
 * from src/math: the same bits in every engine.
 *
 *   ℓ(z, t) = softplus(z) − t·z = max(z, 0) + log1p(e^{−|z|}) − t·z,   ∂ℓ/∂z = σ(z) − t
 */
import { exp, log1p } from '../../math/exp';
import { tanh } from '../../math/tanh';
import { Rng } from '../rng';

export type Activation = 'tanh' | 'relu';

/** The generator's stream for initial weights (batches 1, noise 2, data 3). */
const STREAM_INIT = 4;

/** BCE with logits of one sample, exact (no threshold), as binary_cross_entropy_with_logits. */
export function bceWithLogits(z: number, t: number): number {
  return (z > 0 ? z : 0) + log1p(exp(-Math.abs(z))) - t * z;
}


/**
 * Σₖ a[i + k]·b[j + k], k < m, in four interleaved partial sums (k mod 4), added as
 * (s₀ + s₁) + (s₂ + s₃): independent chains of additions run about 4× faster than one. A fixed
 * order, so the same bits everywhere.
 */
function dot(a: Float64Array, i: number, b: Float64Array, j: number, m: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < m; k += 4) {
    s0 += a[i + k] * b[j + k];
    s1 += a[i + k + 1] * b[j + k + 1];
    s2 += a[i + k + 2] * b[j + k + 2];
    s3 += a[i + k + 3] * b[j + k + 3];
  }
  for (; k < m; k++) s0 += a[i + k] * b[j + k];
  return s0 + s1 + (s2 + s3);
}

export class Network {
  /** Layer widths [2, h₁, …, h_k, 1]. */
  readonly sizes: Int32Array;
  readonly layers: number;
  /** Number of parameters. */
  readonly size: number;
  /** Where layer l's weight and bias start in θ. */
  readonly wOff: Int32Array;
  readonly bOff: Int32Array;
  readonly relu: boolean;
  /** Per-sample workspace: activations of every layer (input first) and their deltas. */
  private readonly act: Float64Array;
  private readonly delta: Float64Array;
  private readonly aOff: Int32Array;

  constructor(
    hidden: readonly number[],
    readonly activation: Activation,
    /** Inputs [x₁, x₂, x₁, x₂, …] and labels. */
    readonly x: Float64Array,
    readonly t: Float64Array,
  ) {
    this.sizes = Int32Array.from([2, ...hidden, 1]);
    this.layers = this.sizes.length - 1;
    this.relu = activation === 'relu';
    this.wOff = new Int32Array(this.layers);
    this.bOff = new Int32Array(this.layers);
    this.aOff = new Int32Array(this.layers + 1);
    let at = 0;
    let a = 0;
    for (let l = 0; l < this.layers; l++) {
      const fanIn = this.sizes[l];
      const out = this.sizes[l + 1];
      this.wOff[l] = at;
      at += fanIn * out;
      this.bOff[l] = at;
      at += out;
      this.aOff[l] = a;
      a += fanIn;
    }
    this.aOff[this.layers] = a;
    a += 1;
    this.size = at;
    this.act = new Float64Array(a);
    this.delta = new Float64Array(a);
  }

  get samples(): number {
    return this.t.length;
  }

  /** θ₀ from `seed`: U(−1/√fan_in, 1/√fan_in) for every weight and bias (torch's Linear default). */
  init(seed: number): Float64Array {
    const theta = new Float64Array(this.size);
    const rng = new Rng(seed, STREAM_INIT);
    for (let l = 0; l < this.layers; l++) {
      const bound = 1 / Math.sqrt(this.sizes[l]);
      const end = this.bOff[l] + this.sizes[l + 1];
      for (let i = this.wOff[l]; i < end; i++) theta[i] = bound * (2 * rng.uniform() - 1);
    }
    return theta;
  }

  /** The logit z of sample i at θ; leaves every layer's activation in the workspace. */
  forward(theta: Float64Array, i: number): number {
    const { act, sizes, wOff, aOff, relu } = this;
    const hiddenLayers = this.layers - 1;
    act[0] = this.x[2 * i];
    act[1] = this.x[2 * i + 1];
    for (let l = 0; l < hiddenLayers; l++) {
      const fanIn = sizes[l];
      const out = sizes[l + 1];
      const src = aOff[l];
      const dst = aOff[l + 1];
      const w0 = wOff[l];
      const b = w0 + fanIn * out; // the bias follows the weight
      // Two units at a time, sharing the loads of the layer's input; each unit's sum is dot()'s,
      // in its order (four partial sums by k mod 4, added as (s₀ + s₁) + (s₂ + s₃)): the same bits.
      let j = 0;
      for (; j + 1 < out; j += 2) {
        const wa = w0 + j * fanIn;
        const wb = wa + fanIn;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let b0 = 0;
        let b1 = 0;
        let b2 = 0;
        let b3 = 0;
        let k = 0;
        for (; k + 3 < fanIn; k += 4) {
          const x0 = act[src + k];
          const x1 = act[src + k + 1];
          const x2 = act[src + k + 2];
          const x3 = act[src + k + 3];
          a0 += theta[wa + k] * x0;
          a1 += theta[wa + k + 1] * x1;
          a2 += theta[wa + k + 2] * x2;
          a3 += theta[wa + k + 3] * x3;
          b0 += theta[wb + k] * x0;
          b1 += theta[wb + k + 1] * x1;
          b2 += theta[wb + k + 2] * x2;
          b3 += theta[wb + k + 3] * x3;
        }
        for (; k < fanIn; k++) {
          const xk = act[src + k];
          a0 += theta[wa + k] * xk;
          b0 += theta[wb + k] * xk;
        }
        const za = theta[b + j] + (a0 + a1 + (a2 + a3));
        const zb = theta[b + j + 1] + (b0 + b1 + (b2 + b3));
        act[dst + j] = relu ? (za > 0 ? za : 0) : tanh(za);
        act[dst + j + 1] = relu ? (zb > 0 ? zb : 0) : tanh(zb);
      }
      if (j < out) {
        const z = theta[b + j] + dot(theta, w0 + j * fanIn, act, src, fanIn);
        act[dst + j] = relu ? (z > 0 ? z : 0) : tanh(z);
      }
    }
    // The output layer: one unit, no activation.
    const fanIn = sizes[hiddenLayers];
    const src = aOff[hiddenLayers];
    const w = wOff[hiddenLayers];
    const z = theta[w + fanIn] + dot(theta, w, act, src, fanIn);
    act[aOff[hiddenLayers + 1]] = z;
    return z;
  }

  /** The logit of a point (x₁, x₂), for drawing the decision boundary. */
  logitAt(theta: Float64Array, x1: number, x2: number): number {
    const x = this.x;
    const s0 = x[0];
    const s1 = x[1];
    x[0] = x1;
    x[1] = x2;
    const z = this.forward(theta, 0);
    x[0] = s0;
    x[1] = s1;
    return z;
  }

  /**
   * The mean BCE over samples idx[from..to) (or all samples, in order, when idx is null) and its
   * gradient written into g (l2 not included). Allocates nothing.
   */
  lossGrad(theta: Float64Array, idx: Int32Array | null, from: number, to: number, g: Float64Array): number {
    const { act, delta, sizes, wOff, bOff, aOff, layers, relu, t } = this;
    const size = this.size;
    for (let i = 0; i < size; i++) g[i] = 0;
    const m = to - from;
    if (m <= 0) return 0;
    const inv = 1 / m;
    let sum = 0;
    for (let s = from; s < to; s++) {
      const i = idx === null ? s : idx[s];
      const z = this.forward(theta, i);
      // ℓ = max(z, 0) + log1p(e) − t·z and ∂ℓ/∂z = σ(z) − t, from one e = exp(−|z|).
      const e = exp(-Math.abs(z));
      const ti = t[i];
      sum += (z > 0 ? z : 0) + log1p(e) - ti * z;
      delta[aOff[layers]] = ((z >= 0 ? 1 : e) / (1 + e) - ti) * inv;
      for (let l = layers - 1; l >= 0; l--) {
        const fanIn = sizes[l];
        const out = sizes[l + 1];
        const src = aOff[l];
        const dst = aOff[l + 1];
        const w0 = wOff[l];
        const b = bOff[l];
        if (l === 0) {
          // The input layer: weight and bias gradients only.
          for (let j = 0; j < out; j++) {
            const d = delta[dst + j];
            g[b + j] += d;
            const w = w0 + j * fanIn;
            for (let k = 0; k < fanIn; k++) g[w + k] += d * act[src + k];
          }
          break;
        }
        for (let k = 0; k < fanIn; k++) delta[src + k] = 0;
        // Two units at a time (one load of each input and delta): the same additions, in the same order.
        let j = 0;
        for (; j + 1 < out; j += 2) {
          const da = delta[dst + j];
          const db = delta[dst + j + 1];
          g[b + j] += da;
          g[b + j + 1] += db;
          const wa = w0 + j * fanIn;
          const wb = wa + fanIn;
          for (let k = 0; k < fanIn; k++) {
            const ak = act[src + k];
            g[wa + k] += da * ak;
            g[wb + k] += db * ak;
            delta[src + k] = delta[src + k] + da * theta[wa + k] + db * theta[wb + k];
          }
        }
        for (; j < out; j++) {
          const d = delta[dst + j];
          g[b + j] += d;
          const w = w0 + j * fanIn;
          for (let k = 0; k < fanIn; k++) {
            g[w + k] += d * act[src + k];
            delta[src + k] += d * theta[w + k];
          }
        }
        // Through the activation of the layer below: δz = δa·act'(z).
        if (relu) {
          for (let k = 0; k < fanIn; k++) if (!(act[src + k] > 0)) delta[src + k] = 0;
        } else {
          for (let k = 0; k < fanIn; k++) {
            const h = act[src + k];
            delta[src + k] *= 1 - h * h;
          }
        }
      }
    }
    return sum * inv;
  }

  /** Mean BCE over all samples (l2 not included). */
  loss(theta: Float64Array): number {
    const t = this.t;
    const n = t.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += bceWithLogits(this.forward(theta, i), t[i]);
    return sum / n;
  }

  /** Mean BCE over all samples and the fraction of points with (z > 0) = t, written into out[0], out[1]. */
  lossAccuracy(theta: Float64Array, out: Float64Array): void {
    const t = this.t;
    const n = t.length;
    let sum = 0;
    let right = 0;
    for (let i = 0; i < n; i++) {
      const z = this.forward(theta, i);
      sum += bceWithLogits(z, t[i]);
      if ((z > 0 ? 1 : 0) === t[i]) right++;
    }
    out[0] = sum / n;
    out[1] = right / n;
  }
}

/** (λ/2)‖θ‖². */
export function l2Term(theta: Float64Array, lambda: number): number {
  if (lambda === 0) return 0;
  let s = 0;
  for (let i = 0; i < theta.length; i++) s += theta[i] * theta[i];
  return 0.5 * lambda * s;
}
