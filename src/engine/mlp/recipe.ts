/**
 * A racer's training recipe (CONTRACT §4) on the network: the same schedule (src/engine/schedule.ts,
 * torch.optim.lr_scheduler to the operation) and the same order as the 2-D RecipeRun
 * (src/engine/recipe.ts), over all P parameters:
 *
 *   g ← ∇f(θ) on the racer's batch (l2 included)
 *   clip_grad_norm_(model.parameters(), c) / clip_grad_value_ (g)   (the 2-norm over ALL parameters)
 *   optimizer.step()             with the scheduler's lr (and OneCycle's momentum or β₁)
 *   ema.update_parameters(model) AveragedModel, avg_fn d·avg + (1 − d)·θ: the first update copies θ
 *   scheduler.step()
 *
 * Nothing here allocates per step.
 */
import type { Stepper } from '../../optim/types';
import type { Recipe } from '../recipe';
import { createScheduler, type Scheduler } from '../schedule';

const NONE = 0;
const NORM = 1;
const VALUE = 2;

export class MlpRecipeRun {
  private readonly sched: Scheduler | null;
  private readonly clipKind: number;
  private readonly clipC: number;
  private readonly d: number;
  /** The EMA of θ (θ₀ until the first update). */
  readonly avg: Float64Array;
  private averaged = 0;
  private lastLr = NaN;
  /** lr at each kept point (with a schedule). */
  readonly lr: Float64Array | null;
  /** The EMA at each kept point, kept × P (with an EMA). */
  readonly ema: Float64Array | null;
  /** 1 for each step whose gradient clipping changed (with clipping). */
  readonly clipped: Uint8Array | null;
  /** The EMA at the last point reached. */
  readonly lastAvg: Float64Array;

  constructor(
    recipe: Recipe,
    lr: number,
    theta0: Float64Array,
    steps: number,
    cap: number,
  ) {
    const P = theta0.length;
    this.sched = recipe.schedule ? createScheduler(recipe.schedule, lr) : null;
    const clip = recipe.clip;
    this.clipKind = clip === undefined ? NONE : 'norm' in clip ? NORM : VALUE;
    this.clipC = clip === undefined ? 0 : 'norm' in clip ? clip.norm : clip.value;
    this.d = recipe.ema ?? NaN;
    this.avg = Float64Array.from(theta0);
    this.lastAvg = Float64Array.from(theta0);
    this.lr = this.sched ? new Float64Array(cap) : null;
    this.ema = recipe.ema !== undefined ? new Float64Array(P * cap) : null;
    this.clipped = this.clipKind !== NONE ? new Uint8Array(steps) : null;
  }

  /** Point k is reached: remember its lr and EMA. */
  mark(): void {
    this.lastLr = this.sched === null ? NaN : this.sched.group.lr;
    if (this.ema !== null) this.lastAvg.set(this.avg);
  }

  /** Point k is kept as entry j (after `mark`). */
  keep(j: number): void {
    if (this.lr !== null) this.lr[j] = this.lastLr;
    if (this.ema !== null) this.ema.set(this.lastAvg, j * this.lastAvg.length);
  }

  /**
   * Clip every gradient the step evaluates, rather than the one the runner hands it: for SAM (its
   * second gradient is the one its base steps with) and schedule-free AdamW (its gradient at y).
   * The env calls `clip` then; `before` leaves g alone.
   */
  clipInEnv = false;

  /** Before step k: the scheduler's lr (and momentum) into the stepper, then clip g in place. */
  before(k: number, g: Float64Array, stepper: Stepper): void {
    const s = this.sched;
    if (s !== null) {
      stepper.lr = s.group.lr;
      if (s.drivesMomentum && stepper.setMomentum !== undefined) stepper.setMomentum(s.group.momentum);
    }
    if (!this.clipInEnv) this.clip(k, g);
  }

  /** clip_grad_norm_ / clip_grad_value_ of g in place (step k). */
  clip(k: number, g: Float64Array): void {
    const kind = this.clipKind;
    if (kind === NONE) return;
    const c = this.clipC;
    const P = g.length;
    let changed = false;
    if (kind === NORM) {
      // clip_grad_norm_: the 2-norm of the per-parameter 2-norms (torch.norm(stack(norms))), then
      // g·min(1, c/(‖g‖ + 1e-6)), multiplied even when the factor is 1. Its sum of squares over
      // all P parameters differs from torch's two-level one by rounding only.
      let ss = 0;
      for (let i = 0; i < P; i++) ss += g[i] * g[i];
      let coef = c / (Math.sqrt(ss) + 1e-6);
      if (coef > 1) coef = 1;
      for (let i = 0; i < P; i++) {
        const v = g[i] * coef;
        if (v !== g[i]) changed = true;
        g[i] = v;
      }
    } else {
      for (let i = 0; i < P; i++) {
        const gi = g[i];
        const v = gi < -c ? -c : gi > c ? c : gi;
        if (v !== gi) changed = true;
        g[i] = v;
      }
    }
    if (changed && this.clipped !== null) this.clipped[k] = 1;
  }

  /** After a step that was taken: the EMA update, then the scheduler step. */
  after(theta: Float64Array): void {
    if (this.ema !== null) {
      const avg = this.avg;
      if (this.averaged === 0) {
        avg.set(theta);
      } else {
        const d = this.d;
        const e = 1 - d;
        for (let i = 0; i < avg.length; i++) avg[i] = d * avg[i] + e * theta[i];
      }
      this.averaged++;
    }
    if (this.sched !== null) this.sched.step();
  }
}
