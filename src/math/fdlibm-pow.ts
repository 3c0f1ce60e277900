/**
 * x^y of fdlibm (Sun's e_pow.c, as V8's base/ieee754.cc carries it in `legacy::pow`), with
 * + − × ÷ and the exponent bits only, so that it gives the same bits in every JavaScript engine.
 * Math.pow does not: Node 20 runs V8's fdlibm port, Chromium 156 the C library's pow
 * (`--use-std-math-pow`); they differ in the last bit for about 1 argument in 12 (8.4 % of 1 M
 * arguments of the kinds the optimizers use: β^t, 0.96^(tψ), 10^e, r^p; this port: on none).
 *
 * Being fdlibm's algorithm to the operation, it returns exactly Node 20's Math.pow (the unit test
 * checks it on hundreds of thousands of arguments, special cases included), so no number the CLI
 * printed before changes. JavaScript's special cases are V8's: x^0 = 1 even for x = NaN, and
 * (±1)^(±∞) = NaN.
 *
 * Method (fdlibm): write |x| = 2^n·(1+f), compute log2|x| = t1 + t2 in extra precision (t1 with
 * 29 trailing zero bits), y·log2|x| = (y1 + y2)(t1 + t2) = n' + y' with |y'| ≤ ½, and
 * x^y = 2^n'·exp(y'·ln 2) by exp.ts's rational form. Error below 1 ulp (≈ 0.5 in practice).
 *
 * Allocation-free: the word access goes through one module-level Float64Array.
 */

const DP_H1 = 5.84962487220764160156e-1; // 3FE2B803 40000000, log2(1.5) high
const DP_L1 = 1.35003920212974897128e-8; // 3E4CFDEB 43CFD006, log2(1.5) low
const TWO53 = 9007199254740992;
const HUGE = 1e300;
const TINY = 1e-300;
// (3/2)·(log(x) − 2s − 2/3·s³) as a polynomial in s²
const L1 = 5.99999999999994648725e-1;
const L2 = 4.28571428578550184252e-1;
const L3 = 3.33333329818377432918e-1;
const L4 = 2.72728123808534006489e-1;
const L5 = 2.30660745775561754067e-1;
const L6 = 2.06975017800338417784e-1;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const LG2 = 6.93147180559945286227e-1;
const LG2_H = 6.93147182464599609375e-1; // 3FE62E43 00000000
const LG2_L = -1.90465429995776804525e-9;
const OVT = 8.0085662595372944372e-17; // −(1024 − log2(ovfl + ½ulp))
const CP = 9.61796693925975554329e-1; // 2/(3 ln 2)
const CP_H = 9.61796700954437255859e-1; // (float) cp
const CP_L = -7.02846165095275826516e-9;
const IVLN2 = 1.44269504088896338700e0;
const IVLN2_H = 1.44269502162933349609e0; // 24 bits of 1/ln 2
const IVLN2_L = 1.92596299112661746887e-8;
const THIRD = 0.3333333333333333333333;

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);
/** Index of the high word (sign, exponent, top of the mantissa) in `words`. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** v with its low 32 bits cleared (fdlibm's SET_LOW_WORD(v, 0)). */
function clearLow(v: number): number {
  bits[0] = v;
  words[LO] = 0;
  return bits[0];
}

/** The double whose high word is `hi` and low word 0. */
function fromHigh(hi: number): number {
  words[HI] = hi;
  words[LO] = 0;
  return bits[0];
}

/** z·2^n for a z near 1 whose result is subnormal or tiny (one rounding, as fdlibm's scalbn). */
function scalbnTiny(z: number, n: number): number {
  if (n < -1100) return z * 0; // below half the smallest subnormal for any z < 2
  return z * fromHigh((n + 60 + 1023) << 20) * fromHigh((-60 + 1023) << 20);
}

/** x^y, bit for bit as V8's fdlibm port (`base::ieee754::legacy::pow`, Node 20's Math.pow). */
export function fdlibmPow(x: number, y: number): number {
  bits[0] = x;
  const hx = words[HI];
  const lx = words[LO];
  bits[0] = y;
  const hy = words[HI];
  const ly = words[LO];
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // x^0 = 1, NaN included
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) {
    return x + y; // NaN
  }

  // yisint: 0 y not an integer, 1 odd integer, 2 even integer (only needed for x < 0)
  let yisint = 0;
  let j: number;
  let k: number;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2;
    else if (iy >= 0x3ff00000) {
      k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        j = (ly >>> 0) >>> (52 - k);
        if (((j << (52 - k)) | 0) === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        j = iy >> (20 - k);
        if (j << (20 - k) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±∞
      if (((ix - 0x3ff00000) | lx) === 0) return y - y; // (±1)^±∞ = NaN
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0;
      return hy < 0 ? -y : 0;
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x;
    if (hy === 0x40000000) return x * x;
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // correctly rounded everywhere
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x = ±0, ±∞, ±1
    let z = ax;
    if (hy < 0) z = 1 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) z = NaN; // (−1)^non-integer
      else if (yisint === 1) z = -z;
    }
    return z;
  }

  let n = (hx >> 31) + 1; // 0 for x < 0, 1 otherwise
  if ((n | yisint) === 0) return NaN; // (x < 0)^non-integer

  let s = 1; // sign of the result
  if ((n | (yisint - 1)) === 0) s = -1;

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: over- or underflows
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      if (ix >= 0x3ff00000) return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * HUGE * HUGE : s * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? s * HUGE * HUGE : s * TINY * TINY;
    // |1 − x| ≤ 2^-20: log x by x − x²/2 + x³/3 − x⁴/4
    const t = ax - 1;
    const w = t * t * (0.5 - t * (THIRD - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = clearLow(u + v);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= TWO53;
      n -= 53;
      bits[0] = ax;
      ix = words[HI];
    }
    n += (ix >> 20) - 0x3ff;
    j = ix & 0x000fffff;
    ix = j | 0x3ff00000; // normalize
    if (j <= 0x3988e) k = 0; // |x| < √(3/2)
    else if (j < 0xbb67a) k = 1; // |x| < √3
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    bits[0] = ax;
    words[HI] = ix;
    ax = bits[0];
    const bp = k === 0 ? 1 : 1.5;
    const dpH = k === 0 ? 0 : DP_H1;
    const dpL = k === 0 ? 0 : DP_L1;

    // ss = s_h + s_l = (x − 1)/(x + 1) or (x − 1.5)/(x + 1.5)
    let u = ax - bp;
    let v = 1 / (ax + bp);
    const ss = u * v;
    const sH = clearLow(ss);
    let tH = fromHigh(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18)); // ax + bp, high part
    let tL = ax - (tH - bp);
    const sL = v * (u - sH * tH - sH * tL);
    // log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = clearLow(3 + s2 + r);
    tL = r - (tH - 3 - s2);
    u = sH * tH;
    v = sL * tH + tL * ss;
    const pH = clearLow(u + v);
    const pL = v - (pH - u);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + dpL;
    // log2(ax) = n + dp_h + z_h + z_l
    const t = n;
    t1 = clearLow(zH + zL + dpH + t);
    t2 = zL - (t1 - t - dpH - zH);
  }

  // (y1 + y2)·(t1 + t2)
  const y1 = clearLow(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  bits[0] = z;
  j = words[HI];
  let i = words[LO];
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return s * HUGE * HUGE;
    if (pL + OVT > z - pH) return s * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (((j - (0xc090cc00 | 0)) | i) !== 0) return s * TINY * TINY;
    if (pL <= z - pH) return s * TINY * TINY;
  }

  // 2^(p_h + p_l)
  i = j & 0x7fffffff;
  k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) {
    // |z| > ½: n = [z + ½]
    n = (j + (0x00100000 >> (k + 1))) | 0;
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromHigh(n & ~(0x000fffff >> k));
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = clearLow(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const tp = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  // V8 divides by (t1 − 2) − (w + z·w), not fdlibm's z·t1/(t1 − 2) − (w + z·w): kept, it is Node's bits
  const r = (z * tp) / (tp - 2 - (w + z * w));
  z = 1 - (r - z);
  bits[0] = z;
  j = (words[HI] + (n << 20)) | 0;
  if (j >> 20 <= 0) z = scalbnTiny(z, n);
  else {
    words[HI] = j;
    z = bits[0];
  }
  return s * z;
}
