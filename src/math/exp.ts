/**
 * exp and log1p with + − × ÷ only (and exact powers of two), so that the logistic-regression
 * surface gives the same bits in every JavaScript engine, as ./trig.ts does for sin and cos.
 *
 * exp: FreeBSD msun's e_exp.c (after fdlibm): x = k·ln2 + r with ln2 split in two, |r| ≤ ln2/2,
 * a degree-5 minimax rational form for e^r, then scaling by 2^k. Error below 1 ulp.
 * log1p(u) for u ≥ 0: 2·atanh(s) with s = u/(2 + u) ≤ 1/3, as an odd series in s (error ≈ 1 ulp).
 */

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e0;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.45133219101941108420e2;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the high word

/** 2^k for an integer −1022 ≤ k ≤ 1023, built from its exponent bits (exact everywhere). */
function pow2(k: number): number {
  words[HI] = (k + 1023) << 20;
  words[1 - HI] = 0;
  return bits[0];
}

export function exp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > O_THRESHOLD) return Infinity;
  if (x < U_THRESHOLD) return 0;
  let k = 0;
  let hi = x;
  let lo = 0;
  if (Math.abs(x) > 0.5 * LN2_HI) {
    k = Math.floor(INV_LN2 * x + 0.5);
    hi = x - k * LN2_HI; // exact: k has at most 11 bits, LN2_HI 32
    lo = k * LN2_LO;
    x = hi - lo;
  } else if (Math.abs(x) < 3.725290298461914e-9) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k > 1023) return y * 2 * pow2(1023);
  if (k >= -1021) return y * pow2(k);
  return y * pow2(k + 1000) * pow2(-1000);
}

/** log(1 + u) for u ≥ 0 (softplus needs u = e^(−|z|) ∈ (0, 1]; above 1, log(1+u) = 2·log1p(√(1+u) − 1)). */
export function log1p(u: number): number {
  if (!(u >= 0)) return u === -1 ? -Infinity : NaN;
  if (u === 0) return u;
  if (u === Infinity) return u;
  if (u > 1) return 2 * log1p(Math.sqrt(1 + u) - 1);
  const s = u / (2 + u);
  const s2 = s * s;
  // 2·(s + s³/3 + s⁵/5 + …), s ≤ 1/3: 18 terms bring the tail below 2⁻⁵⁶.
  let sum = INV_ODD[18];
  for (let i = 17; i >= 0; i--) sum = INV_ODD[i] + s2 * sum;
  return 2 * s * sum;
}

/** 1/1, 1/3, …, 1/37: the same doubles as dividing each time, computed once. */
const INV_ODD = Float64Array.from({ length: 19 }, (_, i) => 1 / (2 * i + 1));
