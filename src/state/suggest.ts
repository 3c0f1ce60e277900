/**
 * A learning rate suited to the scene, for a newly added racer (issue 17): torch's defaults range
 * from far too small (Adam's 0.001 on Rosenbrock crawls) to far too large (gradient descent at 0.05
 * leaves Beale within three steps), so the rate is chosen by racing the new optimizer itself.
 *
 * Candidates are the 1–2–5 values of the slider, from 1e-4 to 5. Each is run on the real scene
 * (surface, parameters, l2, noise, batch size, seed, start) for up to HORIZON steps, on the
 * main thread (about a millisecond in all; engine runs allocate nothing per step). A candidate is
 * out when it diverges, ends above its start, or leaves the picture (the surface's domain widened
 * by half on each side). Of the rest, the one with the lowest mean loss over the last quarter of
 * the run wins (a rate that merely oscillates down to a low point loses to one that settled), and
 * then one rung of margin is kept: if the next larger rate is out, the winner must beat the rung
 * below it by more than 1 %, else the smaller one is taken. With no candidate left, the optimizer's
 * default stays.
 */
import { normalizeConfig, runComparison } from '../engine';
import type { RunConfig } from '../engine/types';
import { defaultOptimizerConfig, optimizers } from '../optim';
import type { HyperValue, OptimizerName } from '../optim/types';
import { isSurfaceName, surfaceFor } from '../surfaces';
import type { SceneSlice } from './store';

/** The most steps a candidate is raced for. */
export const HORIZON = 150;

/** 1–2–5 per decade, 1e-4 … 5. */
export const LR_CANDIDATES: readonly number[] = (() => {
  const out: number[] = [];
  for (let e = -4; e <= 0; e++) for (const m of [1, 2, 5]) out.push(+(m * 10 ** e).toPrecision(1));
  return out;
})();

interface Score {
  lr: number;
  ok: boolean;
  /** Mean loss over the last quarter of the run. */
  tail: number;
  /** The loss at the start. */
  first: number;
}

/**
 * The settings that give a `name` racer the learning rate `lr`: its own `lr`, or its base
 * optimizer's for a wrapper without one (SAM steps with its base's rate); null when it has none.
 */
export function lrSettings(name: OptimizerName, lr: number): Record<string, HyperValue> | null {
  if (optimizers[name].hyper.some((h) => h.key === 'lr')) return { lr };
  const base = defaultOptimizerConfig(name).base;
  if (base !== null && typeof base === 'object' && !Array.isArray(base) && 'lr' in base) return { base: { ...base, lr } };
  return null;
}

function scoreOf(scene: SceneSlice, name: OptimizerName, lr: number): Score {
  const def = surfaceFor(scene.surface, scene.params); // a custom function's own domain
  const steps = Math.min(scene.steps, HORIZON);
  const cfg: RunConfig = normalizeConfig({
    surface: { name: scene.surface, params: scene.params, l2: scene.l2, noise: def.kind === 'analytic' ? scene.noise : 0 },
    optimizers: [{ ...defaultOptimizerConfig(name), ...lrSettings(name, lr) }],
    start: scene.start,
    steps,
    batchSize: scene.batchSize,
    seed: scene.seed,
    stride: 1,
  });
  const run = runComparison(cfg).runs[0];
  const n = run.loss.length;
  const bad = { lr, ok: false, tail: Infinity, first: run.loss[0] };
  if (run.status !== 'ok' || n < 2) return bad;
  const { x, y } = def.domain;
  const wx = x[1] - x[0];
  const wy = y[1] - y[0];
  // Newton may jump across the picture in one step (that is its point); the others may not.
  const maxJump = name === 'newton' ? Infinity : 0.25 * Math.hypot(wx, wy);
  for (let k = 0; k < n; k++) {
    const px = run.path[2 * k];
    const py = run.path[2 * k + 1];
    if (px < x[0] - wx / 2 || px > x[1] + wx / 2 || py < y[0] - wy / 2 || py > y[1] + wy / 2) return bad;
    if (k > 0 && Math.hypot(px - run.path[2 * k - 2], py - run.path[2 * k - 1]) > maxJump) return bad;
  }
  const from = Math.floor((3 * n) / 4);
  let sum = 0;
  for (let k = from; k < n; k++) sum += run.loss[k];
  const tail = sum / (n - from);
  const ok = Number.isFinite(tail) && tail < run.loss[0] && run.loss[n - 1] <= run.loss[0];
  return { lr, ok, tail, first: run.loss[0] };
}

/**
 * The learning rate for a new `name` racer in `scene`, or null when the optimizer has none (or no
 * candidate works, and its default should stay). The candidate with the lowest tail loss wins,
 * with one rung of margin: when the next larger rate fails, the winner is at the edge of what the
 * scene tolerates (a slightly different start would diverge), so the rung below is taken if it
 * passes.
 */
export function suggestLr(scene: SceneSlice, name: OptimizerName): number | null {
  if (lrSettings(name, 1) === null) return null;
  if (!isSurfaceName(scene.surface)) return null;
  const scores: Score[] = [];
  try {
    let failsAfterOk = 0;
    for (const lr of LR_CANDIDATES) {
      const s = scoreOf(scene, name, lr);
      scores.push(s);
      if (s.ok) failsAfterOk = 0;
      else if (scores.some((t) => t.ok) && ++failsAfterOk >= 3) break; // past the stable range
    }
  } catch {
    return null; // a scene the engine refuses: the racer keeps its default
  }
  let best = -1;
  scores.forEach((s, i) => {
    if (s.ok && (best < 0 || s.tail < scores[best].tail)) best = i;
  });
  if (best < 0) return null;
  const above = scores[best + 1];
  if ((!above || !above.ok) && best > 0 && scores[best - 1].ok) best -= 1;
  return scores[best].lr;
}
