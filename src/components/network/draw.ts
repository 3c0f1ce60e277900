/** Pure drawing helpers of the Network view: colours, the decision boundary image, the landscape's contours. */
import { contours } from 'd3';
import { Network } from '../../engine/mlp/net';

/** The two classes (Okabe–Ito blue and orange) and their blend by probability. */
export const CLASS_RGB: readonly [number, number, number][] = [
  [0, 114, 178],
  [230, 159, 0],
];

/** Fills `img` (w × h RGBA) with the predicted probability σ(z) of class 1 over the box, pale far from the boundary. */
export function boundaryImage(
  net: Network,
  theta: Float64Array,
  box: { x: [number, number]; y: [number, number] },
  img: ImageData,
): void {
  const { width: w, height: h, data } = img;
  for (let j = 0; j < h; j++) {
    const y = box.y[1] - ((j + 0.5) / h) * (box.y[1] - box.y[0]);
    for (let i = 0; i < w; i++) {
      const x = box.x[0] + ((i + 0.5) / w) * (box.x[1] - box.x[0]);
      const z = net.logitAt(theta, x, y);
      const p = 1 / (1 + Math.exp(-z));
      const c = p >= 0.5 ? CLASS_RGB[1] : CLASS_RGB[0];
      const strength = Math.min(1, Math.abs(p - 0.5) * 2);
      const a = 0.15 + 0.45 * strength;
      const o = 4 * (j * w + i);
      data[o] = Math.round(255 * (1 - a) + c[0] * a);
      data[o + 1] = Math.round(255 * (1 - a) + c[1] * a);
      data[o + 2] = Math.round(255 * (1 - a) + c[2] * a);
      data[o + 3] = 255;
    }
  }
}

/** The box that holds every data point with a margin. */
export function dataBox(x: Float64Array): { x: [number, number]; y: [number, number] } {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < x.length; i += 2) {
    x0 = Math.min(x0, x[i]);
    x1 = Math.max(x1, x[i]);
    y0 = Math.min(y0, x[i + 1]);
    y1 = Math.max(y1, x[i + 1]);
  }
  const m = 0.1 * Math.max(x1 - x0, y1 - y0, 1e-3);
  return { x: [x0 - m, x1 + m], y: [y0 - m, y1 + m] };
}

/**
 * Filled contours of the loss grid as SVG path data in grid cells (0..n−1): the region above each
 * threshold, thresholds at quantiles of the grid's values (so the valley floor and the walls both
 * get levels), lowest first; `level` ∈ [0, 1] orders them for the colour.
 */
export function contourPaths(loss: Float64Array, n: number, levels = 16): { d: string; level: number }[] {
  const finite = Array.from(loss).filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const sorted = [...finite].sort((a, b) => a - b);
  const top = sorted[sorted.length - 1];
  const values = Array.from(loss, (v) => (Number.isFinite(v) ? v : top));
  const thresholds: number[] = [];
  for (let k = 0; k < levels; k++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor(((k + 0.5) / levels) * sorted.length))];
    if (thresholds.length === 0 || q > thresholds[thresholds.length - 1]) thresholds.push(q);
  }
  const sets = contours().size([n, n]).thresholds(thresholds)(values);
  return sets.map((s, k) => {
    const parts: string[] = [];
    for (const polygon of s.coordinates) {
      for (const ring of polygon) {
        parts.push('M' + ring.map(([x, y]) => `${(x - 0.5).toFixed(2)},${(y - 0.5).toFixed(2)}`).join('L') + 'Z');
      }
    }
    return { d: parts.join(''), level: k / Math.max(1, sets.length - 1) };
  });
}

/** The kept point at or before `step` (kept steps in `index`, ascending). */
export function keptAt(index: Int32Array, step: number): number {
  let lo = 0;
  let hi = index.length - 1;
  if (hi < 0) return 0;
  if (step >= index[hi]) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index[mid] <= step) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
