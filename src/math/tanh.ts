/**
 * tanh with + − × ÷ only (through ./exp.ts), so that a network gives the same bits in every
 * JavaScript engine and in the CLI, as ./trig.ts and ./exp.ts do for the other surfaces.
 *
 * As fdlibm's s_tanh.c: for |x| ≥ 1, tanh|x| = 1 − 2/(e^{2|x|} + 1); below, with t = e^{−2|x|} − 1
 * (expm1, computed without cancellation), tanh|x| = −t/(t + 2). Error a few ulp.
 */
import { exp } from './exp';

/** 1/k! for k = 2..14. */
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
const C7 = 1 / 5040;
const C8 = 1 / 40320;
const C9 = 1 / 362880;
const C10 = 1 / 3628800;
const C11 = 1 / 39916800;
const C12 = 1 / 479001600;
const C13 = 1 / 6227020800;
const C14 = 1 / 87178291200;
const HALF_LN2 = 0.34657359027997264;

/** e^x − 1: the Taylor series for |x| ≤ ln2/2 (tail below 2⁻⁵⁶), e^x − 1 above (no cancellation to speak of there). */
export function expm1(x: number): number {
  if (!(Math.abs(x) <= HALF_LN2)) return exp(x) - 1;
  return (
    x *
    (1 +
      x *
        (C2 +
          x * (C3 + x * (C4 + x * (C5 + x * (C6 + x * (C7 + x * (C8 + x * (C9 + x * (C10 + x * (C11 + x * (C12 + x * (C13 + x * C14)))))))))))))
  );
}

/** 2^k for k = 0..64 (exact doubles). */
const POW2 = (() => {
  const t = new Float64Array(65);
  let v = 1;
  for (let k = 0; k <= 64; k++, v *= 2) t[k] = v;
  return t;
})();
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e0;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const SMALL = HALF_LN2 / 2;

/**
 * tanh x, carefully: for |x| ≤ ln2/4, t = e^{−2|x|} − 1 by its Taylor series and tanh|x| = −t/(t + 2);
 * above, e^{2|x|} as ./exp.ts computes it (2|x| = k·ln2 + r, the same rational form for e^r, 2^k
 * from a table) and tanh|x| = 1 − 2/(e^{2|x|} + 1). Error a few ulp. The reference for `tanh`.
 */
export function tanhAccurate(x: number): number {
  const a = x < 0 ? -x : x;
  let z: number;
  if (a <= SMALL) {
    if (a < 3.725290298461914e-9) return x; // 2⁻²⁸: tanh x = x to double precision
    const t = expm1(-2 * a);
    z = -t / (t + 2);
  } else if (a < 22) {
    const y = 2 * a;
    const k = Math.floor(INV_LN2 * y + 0.5);
    const hi = y - k * LN2_HI; // exact: k has at most 7 bits, LN2_HI 32
    const lo = k * LN2_LO;
    const r = hi - lo;
    const t = r * r;
    const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    const e = k === 0 ? 1 - ((r * c) / (c - 2) - r) : (1 - (lo - (r * c) / (2 - c) - hi)) * POW2[k];
    z = 1 - 2 / (e + 1);
  } else {
    return Number.isNaN(x) ? x : x > 0 ? 1 : -1;
  }
  return x < 0 ? -z : z;
}

/**
 * The fast tanh the networks use: piecewise Taylor polynomials of degree 8 on intervals of width
 * 1/32 over [1/32, 20), around each interval's centre c, with coefficients computed once at load
 * from T(c) = tanhAccurate(c) by the recurrence of T′ = 1 − T² (aₙ₊₁ = −(1/(n+1))·Σᵢ₊ⱼ₌ₙ aᵢaⱼ, a₁ = 1 − a₀²):
 * no division and no exponential per call. |h| ≤ 1/64 and |aₙ| ≲ (2/π)ⁿ bound the truncation by
 * 1e−19; below 1/32, the odd series of tanh to x¹³ (relative error below 1e−18). Error a few ulp,
 * the same bits in every engine (+ − × only, at load and per call).
 */
const WIDTH = 32;
const DEG = 8;
const TOP = 20;
const COEF = (() => {
  const m = TOP * WIDTH;
  const t = new Float64Array(m * (DEG + 1));
  const a = new Float64Array(DEG + 1);
  for (let j = 1; j < m; j++) {
    const c = (j + 0.5) / WIDTH;
    a[0] = tanhAccurate(c);
    a[1] = 1 - a[0] * a[0];
    for (let n = 1; n < DEG; n++) {
      let s = 0;
      for (let i = 0; i <= n; i++) s += a[i] * a[n - i];
      a[n + 1] = -s / (n + 1);
    }
    for (let n = 0; n <= DEG; n++) t[j * (DEG + 1) + n] = a[n];
  }
  return t;
})();
/** tanh x = x + Σ Sₖ x^(2k+1), k = 1..6. */
const S1 = -1 / 3;
const S2 = 2 / 15;
const S3 = -17 / 315;
const S4 = 62 / 2835;
const S5 = -1382 / 155925;
const S6 = 21844 / 6081075;
const INV_WIDTH = 1 / WIDTH;

export function tanh(x: number): number {
  const a = x < 0 ? -x : x;
  let z: number;
  if (a < INV_WIDTH) {
    const q = x * x;
    return x + x * q * (S1 + q * (S2 + q * (S3 + q * (S4 + q * (S5 + q * S6)))));
  } else if (a < TOP) {
    const j = Math.floor(a * WIDTH);
    const h = a - (j + 0.5) * INV_WIDTH;
    const o = j * (DEG + 1);
    const c = COEF;
    // Estrin's scheme (shorter chains than Horner's): (c₀ + c₁h) + h²(c₂ + c₃h) + h⁴((c₄ + c₅h) + h²(c₆ + c₇h)) + h⁸c₈.
    const h2 = h * h;
    const h4 = h2 * h2;
    z = c[o] + c[o + 1] * h + h2 * (c[o + 2] + c[o + 3] * h) + h4 * (c[o + 4] + c[o + 5] * h + h2 * (c[o + 6] + c[o + 7] * h) + h4 * c[o + 8]);
  } else {
    return Number.isNaN(x) ? x : x > 0 ? 1 : -1;
  }
  return x < 0 ? -z : z;
}
