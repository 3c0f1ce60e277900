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

export function tanh(x: number): number {
  const a = Math.abs(x);
  if (!(a < 22)) return Number.isNaN(x) ? x : x > 0 ? 1 : -1;
  if (a < 3.725290298461914e-9) return x; // 2⁻²⁸: tanh x = x to double precision
  let z: number;
  if (a >= 1) {
    z = 1 - 2 / (exp(2 * a) + 1);
  } else {
    const t = expm1(-2 * a);
    z = -t / (t + 2);
  }
  return x < 0 ? -z : z;
}
