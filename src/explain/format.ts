/**
 * Numbers for the explanation panel and the overlay: 4 significant digits, a true minus sign,
 * fixed notation from 0.001 to 9999, else "1.234e−5"; so columns of numbers line up.
 */
export function fmtNum(v: number, digits = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  let s: string;
  if (a >= 1e-3 && a < 10 ** digits) {
    s = v.toPrecision(digits);
    // toPrecision rounds 9999.6 up to "1.000e+4": use the exponent form then.
    if (s.includes('e')) s = v.toExponential(digits - 1);
  } else {
    s = v.toExponential(digits - 1);
  }
  return s.replace('e+', 'e').replace('e-', 'e−').replace(/^-/, '−');
}

/** Length of a 2-vector. */
export function norm(v: readonly [number, number]): number {
  return Math.hypot(v[0], v[1]);
}
