/**
 * Learning-rate studies built from sweeps (src/engine/sweep.ts), for every racer of a scene:
 *
 * - Fair tuning: each racer's learning rate chosen for the lowest final loss on the same step
 *   budget, the same start and the same batches and noise (the scene's), by a coarse log grid over
 *   1e-5 … 10 and then a finer grid between the coarse neighbours of the best cell. A fixed budget
 *   with everyone at their default favours the fast starters (pytorch-optimizer #219); this gives
 *   each optimizer its own best rate first.
 * - Sensitivity curves: final loss against lr for one racer, over several seeds where the gradient
 *   is stochastic (mini-batches or simulated noise): the median and the interquartile band, with a
 *   diverged seed counted as +∞ (so the median diverges once half the seeds do).
 *
 * Both take the function that computes a sweep (the page's worker pool, or `sweep` on this thread),
 * so they run the same cells as everything else.
 */
import type { OptimizerConfig } from '../optim/types';
import { surfaceFor } from '../surfaces';
import { normalizeSweep, type SweepConfig, type SweepResult } from './sweep';
import type { RunConfig } from './types';

export type RunSweep = (s: SweepConfig) => Promise<SweepResult>;

export const TUNE = { from: 1e-5, to: 10, coarse: 25, fine: 17 } as const;

/** The sweep of `opt` over lr on the scene `base` (its surface, start, steps, batches, seed). */
export function lrSweep(base: RunConfig, opt: OptimizerConfig, from: number, to: number, n: number, seed = base.seed): SweepConfig {
  return normalizeSweep({
    surface: base.surface,
    optimizer: opt,
    start: base.start,
    steps: base.steps,
    batchSize: base.batchSize,
    seed,
    x: { key: 'lr', from, to, n, scale: 'log' },
  });
}

/** The cell with the lowest final loss among those that did not diverge, or −1. Ties: the smaller lr. */
export function bestCell(r: SweepResult): number {
  let best = -1;
  for (let c = 0; c < r.loss.length; c++) {
    if (r.divergedAt[c] !== -1 || !Number.isFinite(r.loss[c])) continue;
    if (best < 0 || r.loss[c] < r.loss[best]) best = c;
  }
  return best;
}

export interface Tuned {
  /** The tuned learning rate and its final loss, or null when every cell diverged. */
  lr: number | null;
  loss: number | null;
  coarse: SweepResult;
  fine: SweepResult | null;
}

/** Tunes one racer's lr: the coarse grid, then a fine one between the best cell's neighbours. */
export async function tuneLr(run: RunSweep, base: RunConfig, opt: OptimizerConfig): Promise<Tuned> {
  const coarse = await run(lrSweep(base, opt, TUNE.from, TUNE.to, TUNE.coarse));
  const i = bestCell(coarse);
  if (i < 0) return { lr: null, loss: null, coarse, fine: null };
  const xs = coarse.xs;
  const lo = xs[Math.max(0, i - 1)];
  const hi = xs[Math.min(xs.length - 1, i + 1)];
  const fine = await run(lrSweep(base, opt, lo, hi, TUNE.fine));
  const j = bestCell(fine);
  // The fine grid holds the coarse best cell's neighbourhood; it cannot do worse than that cell
  // unless rounding differs, so fall back to the coarse cell then.
  if (j < 0 || fine.loss[j] > coarse.loss[i]) return { lr: xs[i], loss: coarse.loss[i], coarse, fine };
  return { lr: fine.xs[j], loss: fine.loss[j], coarse, fine };
}

/** Is the gradient of this scene stochastic (mini-batches, or simulated noise)? */
export function isStochastic(base: RunConfig): boolean {
  const def = surfaceFor(base.surface.name, base.surface.params);
  if (def.kind === 'data') return base.batchSize < def.create(base.surface.params).n;
  return base.surface.noise > 0;
}

/** The q-quantile (0 … 1) of values, linear between order statistics; +∞ entries sort last. */
export function quantile(values: readonly number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const pos = (v.length - 1) * q;
  const a = Math.floor(pos);
  const b = Math.ceil(pos);
  if (a === b || v[a] === v[b]) return v[a];
  if (!Number.isFinite(v[b])) return Number.POSITIVE_INFINITY;
  return v[a] + (v[b] - v[a]) * (pos - a);
}

export interface LrCurve {
  lrs: number[];
  seeds: number[];
  /** loss[s·n + i]: seed s, lr i; +∞ where that run diverged. */
  loss: Float64Array;
  median: number[];
  /** The interquartile band (the lowest and highest value with one seed). */
  lo: number[];
  hi: number[];
}

/** Final loss against lr for one racer, over `seeds` (one sweep per seed). */
export async function sensitivity(run: RunSweep, base: RunConfig, opt: OptimizerConfig, seeds: readonly number[], n = 24, from: number = TUNE.from, to: number = TUNE.to): Promise<LrCurve> {
  const loss = new Float64Array(seeds.length * n);
  let lrs: number[] = [];
  for (let s = 0; s < seeds.length; s++) {
    const r = await run(lrSweep(base, opt, from, to, n, seeds[s]));
    lrs = r.xs;
    for (let i = 0; i < n; i++) loss[s * n + i] = r.divergedAt[i] === -1 ? r.loss[i] : Number.POSITIVE_INFINITY;
  }
  const col = (i: number) => seeds.map((_, s) => loss[s * n + i]);
  return {
    lrs,
    seeds: [...seeds],
    loss,
    median: lrs.map((_, i) => quantile(col(i), 0.5)),
    lo: lrs.map((_, i) => quantile(col(i), 0.25)),
    hi: lrs.map((_, i) => quantile(col(i), 0.75)),
  };
}
