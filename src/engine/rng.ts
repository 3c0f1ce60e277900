/**
 * A small seeded generator (xoshiro128**, seeded through splitmix32), so that a seed gives the
 * same batches and the same simulated noise on every machine and in every browser: only 32-bit
 * integer arithmetic, plus log, √, sin and cos for the Gaussian: Math.sqrt (correctly rounded
 * everywhere) and our own log, sin and cos (Math.log, Math.sin and Math.cos differ in the last bit
 * between Node and Chromium, which made a noisy race in the page differ from the CLI's).
 */
import { fdlibmLog } from '../math/fdlibm-log';
import { cos, sin } from '../math/trig';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  /** `stream` separates independent sequences drawn from one seed (batches vs noise). */
  constructor(seed: number, stream = 0) {
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n) from one 32-bit draw (multiply-shift; bias < n / 2³², none that matters for n ≤ 10⁶). */
  int(n: number): number {
    return Math.floor((this.nextU32() * n) / 4294967296);
  }

  /** Standard normal (Box–Muller, both values used). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    const u1 = 1 - this.uniform(); // (0, 1]
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * fdlibmLog(u1));
    const th = 2 * Math.PI * u2;
    this.spare = r * sin(th);
    return r * cos(th);
  }

  /** Fisher–Yates shuffle of 0..n-1 written into out[offset .. offset+n). */
  permutation(n: number, out: Int32Array, offset = 0): void {
    for (let i = 0; i < n; i++) out[offset + i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = out[offset + i];
      out[offset + i] = out[offset + j];
      out[offset + j] = t;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
