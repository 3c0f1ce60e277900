/** Sampling a kept path at a step: shared by the animated plot and the exports. */

/** Number of kept points of a run that are reached at `step` (`index` is ascending). */
export function pointsAt(index: Int32Array, count: number, step: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index[mid] <= step) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(1, lo);
}
