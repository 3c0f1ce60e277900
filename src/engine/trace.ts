/**
 * Step-by-step internals of one racer, for the explanation panel and the plot overlay: at every
 * step k (1-based, the step from point k−1 to point k) the gradient the optimizer was given
 * (mini-batch and simulated noise included, weight decay not: each optimizer adds that itself,
 * as torch does), its state after the step (labels: `stateLabels(def)`, the slots of `def.state`), and the
 * step actually taken. Produced by the same runner as the paths, so the numbers shown are the
 * numbers that moved the racer.
 *
 * With a recipe (CONTRACT §4) also: the gradient before clipping and where clipping bit, the lr
 * each step used, and the EMA after each step — read from the same run's recipe as it ran.
 */
import { optimizers, stateLabels } from '../optim';
import { prepareShared, runOne } from './run';
import type { Recipe } from './recipe';
import { scheduleMomenta } from './schedule';
import type { RunConfig, RunResult } from './types';

export interface Trace {
  /** Steps actually taken (≤ config.steps; fewer when the run diverged). */
  steps: number;
  stateLabels: string[];
  /** grad[2(k−1)], grad[2(k−1)+1]: the gradient used by step k. */
  grad: Float64Array;
  /** state[(k−1)·S + j]: slot j of the state after step k (S = stateLabels.length). */
  state: Float64Array;
  /** delta[2(k−1)], …: θₖ − θₖ₋₁. */
  delta: Float64Array;
  run: RunResult;
  /** The racer's recipe, when it has one. */
  recipe?: Recipe;
  /**
   * With clipping: rawGrad[2(k−1)…], the gradient clipping acted on at step k, before it, and
   * clippedGrad the same after it. That is `grad` for most optimizers (`grad` is then the clipped
   * one); SAM and schedule-free clip the gradient they take themselves (at θ + e, at y: `clipsOwn`).
   */
  rawGrad?: Float64Array;
  clippedGrad?: Float64Array;
  clipsOwn?: boolean;
  /** With clipping: clipped[k−1] = 1 where clipping changed step k's gradient. */
  clipped?: Uint8Array;
  /** With a schedule: lr[k−1], the learning rate step k used. */
  lr?: Float64Array;
  /**
   * With OneCycle's cycleMomentum: momentum[k−1], the momentum (SGD) or β₁ (the Adam family) step
   * k used, as the scheduler set it (the runner's own scheduler, replayed: the same bits).
   */
  momentum?: Float64Array;
  /** With an EMA: ema[2(k−1)…], the averaged parameters after step k. */
  ema?: Float64Array;
}

/** Traces racer `index` of a normalised config (the whole path at stride 1). */
export function traceRacer(config: RunConfig, index: number): Trace {
  const opt = config.optimizers[index];
  if (!opt) throw new RangeError(`no racer ${index} (the config has ${config.optimizers.length})`);
  const labels = stateLabels(optimizers[opt.name]);
  const S = labels.length;
  const cfg: RunConfig = { ...config, stride: 1 };
  const grad = new Float64Array(2 * cfg.steps);
  const state = new Float64Array(S * cfg.steps);
  const delta = new Float64Array(2 * cfg.steps);
  const recipe = config.recipes?.[index];
  const clip = recipe?.clip;
  const rawGrad = clip !== undefined ? new Float64Array(2 * cfg.steps) : null;
  const clippedGrad = clip !== undefined ? new Float64Array(2 * cfg.steps) : null;
  let clipsOwn = false;
  let taken = 0;
  let px = cfg.start[0];
  let py = cfg.start[1];
  const run = runOne(cfg, opt, prepareShared(cfg), {
    onStep(k, p, g, stepper, rec) {
      const i = k - 1;
      grad[2 * i] = g[0];
      grad[2 * i + 1] = g[1];
      if (rawGrad !== null && clippedGrad !== null && clip !== undefined && rec !== null) {
        const r0 = rec.rawGrad[0];
        const r1 = rec.rawGrad[1];
        rawGrad[2 * i] = r0;
        rawGrad[2 * i + 1] = r1;
        // The clipped gradient by the engine's own arithmetic (RecipeRun.clip): the same bits.
        if ('norm' in clip) {
          let coef = clip.norm / (Math.sqrt(r0 * r0 + r1 * r1) + 1e-6);
          if (coef > 1) coef = 1;
          clippedGrad[2 * i] = r0 * coef;
          clippedGrad[2 * i + 1] = r1 * coef;
        } else {
          const c = clip.value;
          clippedGrad[2 * i] = r0 < -c ? -c : r0 > c ? c : r0;
          clippedGrad[2 * i + 1] = r1 < -c ? -c : r1 > c ? c : r1;
        }
        clipsOwn = stepper.clipGradient !== undefined;
      }
      for (let j = 0; j < S; j++) state[i * S + j] = stepper.state[j];
      delta[2 * i] = p[0] - px;
      delta[2 * i + 1] = p[1] - py;
      px = p[0];
      py = p[1];
      taken = k;
    },
  }, recipe);
  // A step that ended the run (e.g. a singular Newton system) is not a step taken.
  if (run.divergedAt !== null) taken = Math.min(taken, run.divergedAt - 1);
  const out: Trace = {
    steps: taken,
    stateLabels: labels,
    grad: grad.slice(0, 2 * taken),
    state: state.slice(0, S * taken),
    delta: delta.slice(0, 2 * taken),
    run,
  };
  if (recipe !== undefined) out.recipe = recipe;
  if (rawGrad !== null && clippedGrad !== null) {
    out.rawGrad = rawGrad.slice(0, 2 * taken);
    out.clippedGrad = clippedGrad.slice(0, 2 * taken);
    out.clipsOwn = clipsOwn;
  }
  if (run.clipped) out.clipped = run.clipped.slice(0, taken);
  // Stride 1: kept point k is θₖ, its lr the one of step k + 1, its EMA the one after step k.
  if (run.lr) out.lr = run.lr.slice(0, taken);
  if (recipe?.schedule) {
    const m = scheduleMomenta(recipe.schedule, typeof opt.lr === 'number' ? opt.lr : 1, taken);
    if (m) out.momentum = m.slice(0, taken);
  }
  if (run.ema) out.ema = run.ema.slice(2, 2 + 2 * taken);
  return out;
}
