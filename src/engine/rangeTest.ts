/**
 * The learning-rate range test (Smith, "Cyclical learning rates for training neural networks",
 * 2017; as fastai's lr_find): one run in which the rate grows exponentially from `from` to `to`,
 * step k using lr_k = from·(to/from)^(k/(T−1)); the loss after each step against the rate used;
 * the suggested rate where the smoothed loss falls fastest per decade of lr, before its minimum.
 *
 * The loss is the full-data objective after each step (these datasets are small enough to
 * evaluate it every step), smoothed by an exponential moving average with bias correction, as
 * fastai smooths the training loss; the curve stops where the smoothed loss passes 4× its best (the
 * rate has clearly become too large) or the run diverges.
 */

import { fdlibmLog10 } from '../math/fdlibm-log10';
import { fdlibmPow } from '../math/fdlibm-pow';
import type { OptimizerConfig } from '../optim/types';
import { prepareShared, runOne } from './run';
import type { RunConfig } from './types';

/** The rate of each step of a range test of `steps` steps. */
export function rangeLrs(from: number, to: number, steps: number): Float64Array {
  const out = new Float64Array(steps);
  for (let k = 0; k < steps; k++) out[k] = from * fdlibmPow(to / from, steps === 1 ? 0 : k / (steps - 1));
  return out;
}

/** EMA with bias correction: s_k = (β·a_{k−1} + (1 − β)·x_k) / (1 − β^(k+1)), a the raw average. */
export function smoothLoss(loss: ArrayLike<number>, beta = 0.9): Float64Array {
  const out = new Float64Array(loss.length);
  let avg = 0;
  let pw = 1;
  for (let k = 0; k < loss.length; k++) {
    avg = beta * avg + (1 - beta) * loss[k];
    pw *= beta;
    out[k] = avg / (1 - pw);
  }
  return out;
}

export interface RangeSuggestion {
  /** How many points the curve keeps (it stops at 4× the best smoothed loss, or at divergence). */
  kept: number;
  /** Index and rate of the steepest fall of the smoothed loss per decade of lr, before the minimum. */
  steepest: number;
  suggestedLr: number | null;
  /** Index and rate of the smoothed minimum. */
  minimum: number;
  minLr: number | null;
}

/** Reads the suggestion off a range test's rates and smoothed losses (NaN or ∞ losses end the curve). */
export function suggestLr(lrs: ArrayLike<number>, smoothed: ArrayLike<number>): RangeSuggestion {
  let kept = 0;
  let best = Infinity;
  for (let k = 0; k < smoothed.length; k++) {
    const v = smoothed[k];
    if (!Number.isFinite(v)) break;
    if (v < best) best = v;
    kept = k + 1;
    if (best > 0 ? v > 4 * best : v > best + 4 * Math.abs(best) + 1e-12) break;
  }
  let minimum = -1;
  for (let k = 0; k < kept; k++) if (minimum < 0 || smoothed[k] < smoothed[minimum]) minimum = k;
  let steepest = -1;
  let slope = 0;
  for (let k = 1; k <= minimum; k++) {
    const s = (smoothed[k] - smoothed[k - 1]) / (fdlibmLog10(lrs[k]) - fdlibmLog10(lrs[k - 1]));
    if (s < slope) {
      slope = s;
      steepest = k;
    }
  }
  return {
    kept,
    steepest,
    suggestedLr: steepest >= 0 ? lrs[steepest] : null,
    minimum,
    minLr: minimum >= 0 ? lrs[minimum] : null,
  };
}

export interface RangeTest extends RangeSuggestion {
  /** lrs[k]: the rate of step k + 1 (0-based k). */
  lrs: Float64Array;
  /** loss[k]: the full-data loss after step k + 1; shorter than lrs when the run diverged. */
  loss: Float64Array;
  smoothed: Float64Array;
  divergedAt: number | null;
}

export const RANGE = { from: 1e-6, to: 10, minSteps: 100, beta: 0.9 } as const;

/**
 * One range-test run of `opt` on the scene `base` (its surface, start, batches and seed), with the
 * scene's steps (at least 100): the stepper's lr is set before every step, as a scheduler does.
 */
export function lrRangeTest(base: RunConfig, opt: OptimizerConfig, from: number = RANGE.from, to: number = RANGE.to): RangeTest {
  const steps = Math.max(RANGE.minSteps, base.steps);
  const lrs = rangeLrs(from, to, steps);
  const config: RunConfig = { ...base, steps, stride: 1, optimizers: [{ ...opt, lr: from }] };
  const run = runOne(config, config.optimizers[0], prepareShared(config), {
    onStep(k, _p, _g, stepper) {
      if (k < steps) stepper.lr = lrs[k];
    },
  });
  // run.loss[0] is the start; run.loss[k] the loss after step k.
  const loss = run.loss.slice(1);
  const smoothed = smoothLoss(loss, RANGE.beta);
  return { lrs, loss, smoothed, divergedAt: run.divergedAt, ...suggestLr(lrs, smoothed) };
}
