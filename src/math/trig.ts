/**
 * sin and cos computed with + − × ÷ only, so that they give the same bits in every JavaScript
 * engine. Math.sin/Math.cos do not: Node 20's V8 uses fdlibm, newer Chromium uses another libm, and
 * the last bits differ — enough for a share link to draw a path in the page that differs in the
 * 16th digit from what the CLI prints for the same link. Descent promises bit-for-bit agreement.
 *
 * The algorithm is FreeBSD msun's (after Sun's fdlibm): argument reduction by π/2 in three parts
 * (Cody–Waite, 151 bits of π/2, exact for |x| < 2¹⁹·π/2 and deterministic beyond), then the
 * minimax polynomials __kernel_sin and __kernel_cos on [−π/4, π/4]. Error below 1 ulp.
 */

const PIO4 = 7.85398163397448278999e-1;
const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417e0; // first 33 bits of π/2
const PIO2_2 = 6.07710050630396597660e-11; // next 33 bits
const PIO2_2T = 2.02226624879595063154e-21; // π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.02226624871116645580e-21; // next 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // π/2 − (PIO2_1 + PIO2_2 + PIO2_3)

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/** sin on [−π/4, π/4] of x + y (y the tail of the reduced argument). */
function kernelSin(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos on [−π/4, π/4] of x + y. */
function kernelCos(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const one = 1 - hz;
  return one + (1 - one - hz + (z * r - x * y));
}

/** Scratch for the reduced argument [head, tail] (a typed array: no boxed doubles, no allocation). */
const red = new Float64Array(2);

/** Reduces x to red[0] + red[1] in [−π/4, π/4]; returns the quadrant n mod 4 (0 … 3). */
function reduce(x: number): number {
  const t = Math.abs(x);
  if (t <= PIO4) {
    red[0] = x;
    red[1] = 0;
    return 0;
  }
  const fn = Math.floor(t * INV_PIO2 + 0.5);
  // Three rounds of Cody–Waite: t − fn·π/2 with π/2 split into 33-bit pieces.
  let r = t - fn * PIO2_1;
  let u = r;
  let w = fn * PIO2_2;
  r = u - w;
  w = fn * PIO2_2T - (u - r - w);
  u = r;
  w = fn * PIO2_3;
  r = u - w;
  w = fn * PIO2_3T - (u - r - w);
  const y0 = r - w;
  const y1 = r - y0 - w;
  const q = fn % 4;
  if (x < 0) {
    red[0] = -y0;
    red[1] = -y1;
    return (4 - q) % 4;
  }
  red[0] = y0;
  red[1] = y1;
  return q;
}

export function sin(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  switch (reduce(x)) {
    case 0:
      return kernelSin(red[0], red[1]);
    case 1:
      return kernelCos(red[0], red[1]);
    case 2:
      return -kernelSin(red[0], red[1]);
    default:
      return -kernelCos(red[0], red[1]);
  }
}

export function cos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  switch (reduce(x)) {
    case 0:
      return kernelCos(red[0], red[1]);
    case 1:
      return -kernelSin(red[0], red[1]);
    case 2:
      return -kernelCos(red[0], red[1]);
    default:
      return kernelSin(red[0], red[1]);
  }
}

/**
 * sin x into out[0] and cos x into out[1], with one argument reduction: the same bits as sin(x)
 * and cos(x), and no double returned from a call (which V8 boxes when it does not inline it).
 */
export function sincos(x: number, out: Float64Array): void {
  if (!Number.isFinite(x)) {
    out[0] = NaN;
    out[1] = NaN;
    return;
  }
  const q = reduce(x);
  const s = kernelSin(red[0], red[1]);
  const c = kernelCos(red[0], red[1]);
  switch (q) {
    case 0:
      out[0] = s;
      out[1] = c;
      break;
    case 1:
      out[0] = c;
      out[1] = -s;
      break;
    case 2:
      out[0] = -s;
      out[1] = -c;
      break;
    default:
      out[0] = -c;
      out[1] = s;
  }
}
