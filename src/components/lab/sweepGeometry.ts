/**
 * Pure helpers of the sweep map: where a value sits on an axis, the log colour of a loss, and the
 * analytic stability edges drawn over the map on the quadratic (src/engine/stability.ts).
 */
import type { SweepAxis, SweepConfig } from '../../engine/sweep';
import { eigenvalues2, momentumOptimum } from '../../engine/stability';
import type { OptimizerConfig } from '../../optim/types';
import { makeObjective, surfaces } from '../../surfaces';

/** The fractional cell index of value v on an axis (0 … n−1 inside the range; may fall outside). */
export function axisIndex(a: Pick<SweepAxis, 'from' | 'to' | 'n' | 'scale'>, v: number): number {
  if (a.n <= 1) return 0;
  const f = a.scale === 'log' ? Math.log(v / a.from) / Math.log(a.to / a.from) : (v - a.from) / (a.to - a.from);
  return f * (a.n - 1);
}

/** The value at a fractional cell index (inverse of axisIndex). */
export function axisValueAt(a: Pick<SweepAxis, 'from' | 'to' | 'n' | 'scale'>, idx: number): number {
  const f = a.n <= 1 ? 0 : idx / (a.n - 1);
  return a.scale === 'log' ? a.from * (a.to / a.from) ** f : a.from + (a.to - a.from) * f;
}

/**
 * The colour scale of a map: log₁₀ of the final loss, or of its excess over the best cell when some
 * loss is ≤ 0 (surfaces whose minimum is negative, e.g. camel, saddle). Returns [lo, hi] of the
 * transformed values and the transform.
 */
export interface LossScale {
  excess: boolean;
  offset: number;
  lo: number;
  hi: number;
  value(loss: number): number;
}

/**
 * `cap` (the starting loss) tops the scale: a cell that ended above where it started got worse, and
 * those are all drawn in the top colour, so that a few cells that blew up without leaving the
 * bounds yet do not squeeze every other cell into the bottom of the ramp.
 */
export function lossScale(loss: Float64Array, divergedAt: Int32Array, cap = Infinity): LossScale | null {
  let min = Infinity;
  let max = -Infinity;
  for (let c = 0; c < loss.length; c++) {
    if (divergedAt[c] !== -1) continue;
    const v = loss[c];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return null;
  const excess = min <= 0;
  // On the excess scale the best cell sits one decade below the smallest nonzero gap it shows.
  const offset = excess ? min - Math.max(Math.abs(max - min) * 1e-9, 1e-300) : 0;
  const value = (l: number) => Math.log10(l - offset);
  let lo = value(min);
  let hi = value(Math.min(max, cap));
  if (!(hi > lo)) hi = lo + 1;
  if (!Number.isFinite(lo)) lo = hi - 1;
  return { excess, offset, lo, hi, value };
}

/** A line in value space (x value, y value), and the eigenvalue it belongs to. */
export interface EdgeLine {
  lambda: number;
  points: [number, number][];
}

export interface StabilityMarks {
  lambdas: number[];
  lines: EdgeLine[];
  /** (x value, y value) of the optimum, or null when the map's axes do not hold it. */
  optimum: [number, number] | null;
}

/**
 * The analytic edges on the quadratic for GD, heavy-ball momentum and Nesterov: for every eigenvalue
 * λ of the objective's Hessian (l2 and coupled weight decay included), lr·λ·(1 − dampening) = 2 + 2β
 * (GD: β = 0), and lr·λ·(1 + 2β) = 2 + 2β for Nesterov (src/engine/stability.ts).
 * Null where the analysis does not apply (another surface or optimizer, or no lr axis).
 */
export function stabilityMarks(s: SweepConfig): StabilityMarks | null {
  const { base } = s;
  const opt = base.optimizers[0];
  if (base.surface.name !== 'quadratic' || (opt.name !== 'gd' && opt.name !== 'momentum' && opt.name !== 'nesterov')) return null;
  const axes = [s.x, s.y].filter((a): a is SweepAxis => a !== null);
  const lrAxis = axes.findIndex((a) => a.key === 'lr');
  if (lrAxis < 0) return null;
  // The edges move with lr and β only; along weight decay or dampening they would bend.
  const other = axes[1 - lrAxis];
  if (other && (other.key === 'weightDecay' || other.key === 'dampening')) return null;
  const def = surfaces.quadratic;
  const obj = makeObjective(def, base.surface.params, base.surface.l2);
  const h = new Float64Array(3);
  obj.hessian(0, 0, h);
  const wd = typeof opt.weightDecay === 'number' ? opt.weightDecay : 0;
  const lambdas = eigenvalues2(h[0], h[1], h[2]).map((l) => l + wd);
  const damp = opt.name === 'momentum' && typeof opt.dampening === 'number' ? opt.dampening : 0;
  const baseBeta = opt.name !== 'gd' && typeof opt.momentum === 'number' ? opt.momentum : 0;
  const betaAxis = other && other.key === 'momentum' ? other : null;
  // Heavy ball: lr·λ·(1 − τ) < 2 + 2β; Nesterov (torch's form): lr·λ·(1 + 2β) < 2 + 2β.
  const edge = (lambda: number, beta: number) =>
    opt.name === 'nesterov' ? (2 + 2 * beta) / (lambda * (1 + 2 * beta)) : (2 + 2 * beta) / (lambda * (1 - damp));
  const place = (lr: number, o: number): [number, number] => (lrAxis === 0 ? [lr, o] : [o, lr]);
  const lines: EdgeLine[] = [];
  for (const lambda of lambdas) {
    if (!(lambda > 0) || damp >= 1) continue;
    const points: [number, number][] = [];
    if (betaAxis) {
      const K = 48;
      for (let k = 0; k <= K; k++) {
        const beta = betaAxis.from + ((betaAxis.to - betaAxis.from) * k) / K;
        points.push(place(edge(lambda, beta), beta));
      }
    } else if (other) {
      const lo = Math.min(other.from, other.to);
      const hi = Math.max(other.from, other.to);
      points.push(place(edge(lambda, baseBeta), lo), place(edge(lambda, baseBeta), hi));
    } else {
      // A curve (one row): the edge spans the strip; the view clamps ±∞ to the plot.
      points.push(place(edge(lambda, baseBeta), -Infinity), place(edge(lambda, baseBeta), Infinity));
    }
    lines.push({ lambda, points });
  }
  let optimum: [number, number] | null = null;
  const positive = lambdas.filter((l) => l > 0);
  if (betaAxis && opt.name === 'momentum' && damp === 0 && positive.length === 2) {
    const o = momentumOptimum(Math.min(...positive), Math.max(...positive));
    optimum = place(o.lr, o.momentum);
  }
  return { lambdas, lines, optimum };
}

/** A default range for an axis over `key` of this optimizer (batch sizes up to n on a data surface). */
export function defaultAxis(key: string, opt: OptimizerConfig, nSamples: number): Omit<SweepAxis, 'n'> {
  const lin = (from: number, to: number) => ({ key, from, to, scale: 'linear' as const });
  const log = (from: number, to: number) => ({ key, from, to, scale: 'log' as const });
  switch (key) {
    case 'lr':
      return typeof opt.lr === 'number' && opt.lr >= 0.5 ? log(1e-2, 10) : log(1e-4, 1);
    case 'momentum':
    case 'betas.0':
      return lin(0, 0.99);
    case 'betas.1':
      return lin(0.9, 0.9999);
    case 'alpha':
      return lin(0.5, 0.999);
    case 'rho':
      return lin(0.5, 0.99);
    case 'dampening':
      return lin(0, 0.9);
    case 'eps':
      return log(1e-10, 1);
    case 'momentumDecay':
      return lin(0, 0.05);
    case 'damping':
      return lin(0, 10);
    case 'etas.0':
      return lin(0.1, 0.9);
    case 'etas.1':
      return lin(1.05, 2);
    case 'stepSizes.0':
      return log(1e-8, 1e-2);
    case 'stepSizes.1':
      return log(0.1, 100);
    case 'batchSize':
      return log(1, nSamples || 256);
    default:
      return lin(0, 1);
  }
}

/** The second axis a map of this optimizer starts with ('' for a curve over lr). */
export function defaultYKey(opt: OptimizerConfig, dataSurface: boolean): string {
  switch (opt.name) {
    case 'momentum':
    case 'nesterov':
      return 'momentum';
    case 'rmsprop':
      return 'alpha';
    case 'adadelta':
      return 'rho';
    case 'newton':
      return 'damping';
    case 'rprop':
      return 'etas.1';
    default:
      if ('betas' in opt) return 'betas.0';
      return dataSurface ? 'batchSize' : '';
  }
}
