/**
 * sinh, cosh and tanh from ./exp.ts (+ − × ÷ only), for the `custom` surface: the same bits in
 * every JavaScript engine (Math.sinh etc. are not specified to the bit).
 *
 * Near 0, (eˣ − e⁻ˣ)/2 would lose the relative precision of sinh and tanh to cancellation, so for
 * |x| < 0.5 sinh is its Taylor series x + x³/3! + … (11 terms: below 2⁻⁵⁶ of x); tanh = sinh/cosh
 * there. For |x| ≥ 0.5 the exponential forms are accurate; tanh saturates to ±1 past |x| = 22.
 */
import { exp } from './exp';

function sinhSeries(x: number): number {
  const x2 = x * x;
  // x·Σ x^(2n)/(2n+1)!, Horner from n = 10 down.
  let sum = 1;
  for (let n = 10; n >= 1; n--) sum = 1 + (x2 / ((2 * n) * (2 * n + 1))) * sum;
  return x * sum;
}

export function sinh(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 0.5) return sinhSeries(x);
  if (a > 710) return x > 0 ? Infinity : -Infinity;
  let r: number;
  if (a > 709) {
    const h = exp(0.5 * a); // eᵃ overflows, (e^(a/2))²/2 does not
    r = 0.5 * h * h;
  } else {
    const ea = exp(a);
    r = 0.5 * (ea - 1 / ea);
  }
  return x < 0 ? -r : r;
}

export function cosh(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a > 710) return Infinity;
  if (a > 709) {
    const h = exp(0.5 * a);
    return 0.5 * h * h;
  }
  const ea = exp(a);
  return 0.5 * (ea + 1 / ea);
}

export function tanh(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  let r: number;
  if (a < 0.5) {
    const s = sinhSeries(a);
    r = s / Math.sqrt(1 + s * s); // cosh = √(1 + sinh²)
  } else if (a > 22) {
    r = 1;
  } else {
    const e2 = exp(-2 * a);
    r = (1 - e2) / (1 + e2);
  }
  return x < 0 ? -r : r;
}
