/**
 * Arctangent with + − × ÷ and √ only (IEEE 754 requires √ to be correctly rounded, so Math.sqrt
 * gives the same bits everywhere), for the `custom` surface; see ./trig.ts for why not Math.atan.
 *
 * atan(−x) = −atan(x); for x > 1, atan x = π/2 − atan(1/x); then two halvings
 * atan t = 2·atan(t / (1 + √(1 + t²))) bring t ∈ [0, 1] below tan(π/16) ≈ 0.199, where the odd
 * series t − t³/3 + t⁵/5 − … needs 13 terms for 2⁻⁵⁶. Error: a few ulps; deterministic everywhere.
 */

const PIO2_HI = 1.5707963267948966; // π/2 rounded
const PIO2_LO = 6.123233995736766e-17; // π/2 − PIO2_HI

export function atan(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -atan(-x);
  if (x === Infinity) return PIO2_HI;
  if (x > 1) return PIO2_HI - (atan(1 / x) - PIO2_LO);
  if (x < 1e-9) return x; // atan x = x − x³/3: the cubic term is below half an ulp
  let t = x;
  t = t / (1 + Math.sqrt(1 + t * t));
  t = t / (1 + Math.sqrt(1 + t * t));
  const t2 = t * t;
  let sum = 1 / 27;
  for (let n = 25; n >= 1; n -= 2) sum = 1 / n - t2 * sum;
  return 4 * (t * sum);
}
