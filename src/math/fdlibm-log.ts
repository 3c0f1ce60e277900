/**
 * The natural logarithm of fdlibm (Sun's e_log.c, as FreeBSD msun and V8's base/ieee754 carry it),
 * with + − × ÷ and the exponent bits only, so that it gives the same bits in every JavaScript
 * engine. Math.log does not: Node 20 (V8's fdlibm port) and Chromium 156 differ in the last bit
 * for about 1 argument in 14 — enough for the seeded Gaussian noise (Box–Muller, src/engine/rng.ts)
 * to differ between the page and the CLI, and with it a noisy race (tests/unit/determinism.test.ts).
 *
 * Being fdlibm's algorithm to the operation, it returns exactly Node 20's Math.log (the test checks
 * it on a million arguments), so the numbers the CLI printed before stay the same. Error < 1 ulp.
 */

const LN2_HI = 6.93147180369123816490e-1; // 3fe62e42 fee00000
const LN2_LO = 1.90821492927058770002e-10; // 3dea39ef 35793c76
const TWO54 = 1.8014398509481984e16; // 2^54
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);
/** Index of the high word (sign, exponent, top of the mantissa) in `words`. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** log x, bit for bit as fdlibm's __ieee754_log. */
export function fdlibmLog(x: number): number {
  bits[0] = x;
  let hx = words[HI];
  const lx = words[LO];
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal.
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    bits[0] = x;
    hx = words[HI];
  }
  if (hx >= 0x7ff00000) return x + x; // Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  words[HI] = hx | (i0 ^ 0x3ff00000); // normalise x or x/2 into [√2/2, √2)
  k += i0 >> 20;
  const f = bits[0] - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const dk = k;
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}
