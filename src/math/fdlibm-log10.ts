/**
 * log10 of fdlibm (e_log10.c, as V8's base/ieee754.cc carries it), on top of ./fdlibm-log, with
 * + − × ÷ and the exponent bits only, so that it gives the same bits in every JavaScript engine.
 * Math.log10 does not: Node 20 runs V8's fdlibm port, Chromium 156 another libm, and they differ by
 * up to 2 ulps for about 1 argument in 250 (0.39 % of 1 M; this port: on none). Being fdlibm's
 * algorithm to the operation, it returns exactly Node 20's Math.log10 (the unit test checks it), so
 * the CLI's numbers stay the same.
 *
 * Method: x = 2^n·m with n = ilogb(x) (+1 when n < 0, m then in [½, 1)),
 * log10 x = n·log10(2)_hi + (n·log10(2)_lo + log(m)/ln 10), log10(2)_hi with 40 bits (exact products).
 */
import { fdlibmLog } from './fdlibm-log';

const TWO54 = 1.8014398509481984e16;
const IVLN10 = 4.34294481903251816668e-1;
const LOG10_2HI = 3.01029995663611771306e-1; // 3FD34413 509F6000
const LOG10_2LO = 3.69423907715893078616e-13; // 3D59FEF3 11F12B36

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** log10 x, bit for bit as V8's fdlibm port (Node 20's Math.log10). */
export function fdlibmLog10(x: number): number {
  bits[0] = x;
  let hx = words[HI];
  let lx = words[LO];
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    bits[0] = x * TWO54;
    hx = words[HI];
    lx = words[LO];
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx === 0x3ff00000 && lx === 0) return 0;
  k += (hx >> 20) - 1023;
  const i = k < 0 ? 1 : 0;
  words[HI] = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  words[LO] = lx;
  const m = bits[0];
  const y = k + i;
  const z = y * LOG10_2LO + IVLN10 * fdlibmLog(m);
  return z + y * LOG10_2HI;
}
