/**
 * Contour levels for a grid of values: evenly spaced "nice" levels when the values are of one
 * order of magnitude (Rastrigin, saddle), and log-spaced levels — min + 1-2-3-5 steps of (f − min) —
 * when they span more than two decades (Rosenbrock, Beale, Himmelblau, ...), so the valleys near
 * the minima show.
 */
import { ticks } from 'd3';

export interface Levels {
  thresholds: number[];
  log: boolean;
  min: number;
  max: number;
}

function quantileSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[i];
}

export function chooseLevels(values: ArrayLike<number>, target = 18): Levels {
  let min = Infinity;
  let max = -Infinity;
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    finite.push(v);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (finite.length === 0 || !(max > min)) return { thresholds: [], log: false, min, max };
  const d = Float64Array.from(finite, (v) => v - min).sort();
  const span = max - min;
  // "Spans more than two decades": the lowest 2 % of the grid lies within 1 % of the range, so
  // evenly spaced levels would lump the whole neighbourhood of the minima into one band.
  const log = quantileSorted(d, 0.02) < span / 100;
  if (!log) {
    const th = ticks(min, max, target).filter((v) => v > min && v < max);
    return { thresholds: th, log, min, max };
  }
  const lo = Math.max(quantileSorted(d, 0.005), span * 1e-7);
  const hi = span;
  const decades = Math.log10(hi / lo);
  const mantissas = decades <= 3 ? [1, 1.5, 2, 3, 5, 7] : decades <= 5 ? [1, 2, 3, 5] : [1, 2, 5];
  const th: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of mantissas) {
      const v = m * 10 ** e;
      if (v < lo || v >= hi) continue;
      // min + v, rounded to a tenth of v's decade so the colour bar reads 0.50 rather than 0.5035.
      const q = 10 ** (e - 1);
      const level = +(Math.round((min + v) / q) * q).toPrecision(12);
      if (level > min && (th.length === 0 || level > th[th.length - 1])) th.push(level);
    }
  }
  return { thresholds: th, log, min, max };
}
