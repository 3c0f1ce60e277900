/**
 * Natural logarithm with + − × ÷ only (and exact manipulation of the exponent bits), so that the
 * `custom` surface gives the same bits in every JavaScript engine, as ./exp.ts and ./trig.ts do.
 *
 * x = m·2^k with m ∈ [√½, √2), log x = k·ln 2 + log m, and log m = 2·atanh(s) with
 * s = (m − 1)/(m + 1), |s| ≤ 0.1716, summed as the odd series 2·(s + s³/3 + s⁵/5 + …) (13 terms
 * bring the tail below 2⁻⁵⁶). ln 2 is split in two (as in exp.ts) so that k·ln2_hi is exact.
 * Error: a couple of ulps; deterministic everywhere.
 */

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const SQRT2 = 1.4142135623730951;
const TWO54 = 18014398509481984; // 2^54, to lift subnormals into the normal range

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the high word

export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= TWO54;
    k = -54;
  }
  bits[0] = x;
  const hi = words[HI];
  k += ((hi >>> 20) & 0x7ff) - 1023;
  words[HI] = (hi & 0x000fffff) | 0x3ff00000; // m ∈ [1, 2)
  let m = bits[0];
  if (m >= SQRT2) {
    m *= 0.5; // exact
    k += 1;
  }
  const f = m - 1; // exact (Sterbenz)
  const s = f / (2 + f);
  const s2 = s * s;
  let sum = 1 / 27;
  for (let n = 25; n >= 1; n -= 2) sum = 1 / n + s2 * sum;
  const lm = 2 * s * sum;
  if (k === 0) return lm;
  return k * LN2_HI + (lm + k * LN2_LO);
}
