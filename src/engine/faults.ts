/**
 * Why a run ended, as data: a code and its values. The interface words these through src/i18n;
 * the CLI's JSON `reason` (CONTRACT §3) is the English sentence `faultText` makes of one.
 */
export type RunFault =
  /** The loss at a point was NaN or ±Infinity. */
  | { code: 'loss-non-finite'; value: number; point: [number, number] }
  /** A coordinate became NaN or ±Infinity. */
  | { code: 'params-non-finite'; point: [number, number] }
  /** A coordinate left |x|, |y| ≤ bound. */
  | { code: 'out-of-bounds'; bound: number; point: [number, number] }
  /** Newton's system (H + δI) d = g could not be solved. */
  | { code: 'singular-system'; det: number; point: [number, number] };

export type RunFaultCode = RunFault['code'];

/** The English reason the CLI prints (and the exports write), with the numbers inside. */
export function faultText(f: RunFault): string {
  switch (f.code) {
    case 'loss-non-finite':
      return `the loss became non-finite (${f.value})`;
    case 'params-non-finite':
      return `the parameters became non-finite (${f.point[0]}, ${f.point[1]})`;
    case 'out-of-bounds':
      return `the parameters left the bounds |x|, |y| ≤ ${f.bound.toExponential().replace('e+', 'e')} at (${f.point[0].toExponential(3)}, ${f.point[1].toExponential(3)})`;
    case 'singular-system':
      return `singular Newton system: det(H + δI) = ${f.det.toPrecision(3)} at (${f.point[0].toPrecision(4)}, ${f.point[1].toPrecision(4)})`;
  }
}
