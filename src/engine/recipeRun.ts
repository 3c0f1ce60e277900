/**
 * A racer's recipe at work around each step of a 2-D run (CONTRACT.md §4; ./recipe.ts validates
 * it): clipping, the scheduler's lr (and OneCycle's momentum), the EMA, in torch's order. Apart
 * from the validation because only the runner uses it, and the runner loads after the page's
 * first render while the validation is needed before it.
 */
import type { Stepper } from '../optim/types';
import type { Recipe } from './recipe';
import { createScheduler, type Scheduler } from './schedule';

const NONE = 0;
const NORM = 1;
const VALUE = 2;

/**
 * A recipe at work around one run's steps (2-D: the surfaces). Its outputs, one entry per kept
 * point like the path: `lr` (with a schedule) and `ema` (flat, with an EMA); `clipped` marks each
 * step (the one leaving point k) where clipping changed the gradient.
 */
export class RecipeRun {
  private readonly sched: Scheduler | null;
  private readonly clipKind: number;
  private readonly clipC: number;
  private readonly d: number;
  private readonly avg = new Float64Array(2);
  private averaged = 0;
  /** lr and EMA at the last point reached (the one kept last, whatever the stride). */
  private lastLr = NaN;
  private lastAvg0 = NaN;
  private lastAvg1 = NaN;
  readonly lr: Float64Array | null;
  readonly ema: Float64Array | null;
  readonly clipped: Uint8Array | null;
  /** The gradient of the last step before clipping (for tracing). */
  readonly rawGrad = new Float64Array(2);

  constructor(recipe: Recipe, lr: number, start: readonly [number, number], steps: number, cap: number) {
    this.sched = recipe.schedule ? createScheduler(recipe.schedule, lr) : null;
    const clip = recipe.clip;
    this.clipKind = clip === undefined ? NONE : 'norm' in clip ? NORM : VALUE;
    this.clipC = clip === undefined ? 0 : 'norm' in clip ? clip.norm : clip.value;
    this.d = recipe.ema ?? NaN;
    this.avg[0] = start[0];
    this.avg[1] = start[1];
    this.lr = this.sched ? new Float64Array(cap) : null;
    this.ema = recipe.ema !== undefined ? new Float64Array(2 * cap) : null;
    this.clipped = this.clipKind !== NONE ? new Uint8Array(steps) : null;
  }

  /** The lr of the next step (NaN without a schedule). */
  get currentLr(): number {
    return this.sched === null ? NaN : this.sched.group.lr;
  }

  /** Point k is reached: remember its lr and EMA. */
  mark(): void {
    this.lastLr = this.currentLr;
    this.lastAvg0 = this.avg[0];
    this.lastAvg1 = this.avg[1];
  }

  /** Point k is kept as entry j (call after `mark`). */
  keep(j: number): void {
    if (this.lr !== null) this.lr[j] = this.lastLr;
    if (this.ema !== null) {
      this.ema[2 * j] = this.lastAvg0;
      this.ema[2 * j + 1] = this.lastAvg1;
    }
  }

  /** The step being taken (for `clipped`, when the stepper clips its own gradient). */
  private k = 0;
  /** clip(g) as a function, for a stepper that clips the gradient it takes itself (SAM, schedule-free). */
  private readonly clipHook = (g: Float64Array): void => this.clip(this.k, g);

  /**
   * Before step k: the scheduler's lr (and momentum) into the stepper, then clip g in place — or,
   * for a stepper that steps with a gradient of its own (it declares `clipGradient`: SAM's at
   * θ + e, schedule-free's at y), hand it the clipping to apply to that gradient.
   */
  before(k: number, g: Float64Array, stepper: Stepper): void {
    const s = this.sched;
    if (s !== null) {
      stepper.lr = s.group.lr;
      if (s.drivesMomentum && stepper.setMomentum !== undefined) stepper.setMomentum(s.group.momentum);
    }
    if (this.clipKind === NONE) return;
    this.k = k;
    if (stepper.clipGradient !== undefined) {
      stepper.clipGradient = this.clipHook;
      return;
    }
    this.clip(k, g);
  }

  /** clip_grad_norm_ / clip_grad_value_ on g, in place; marks step k when it bit. */
  private clip(k: number, g: Float64Array): void {
    const kind = this.clipKind;
    const g0 = g[0];
    const g1 = g[1];
    this.rawGrad[0] = g0;
    this.rawGrad[1] = g1;
    const c = this.clipC;
    if (kind === NORM) {
      // torch.nn.utils.clip_grad_norm_: g·min(1, c/(‖g‖₂ + 1e-6)), multiplied even when the factor is 1.
      const norm = Math.sqrt(g0 * g0 + g1 * g1);
      let coef = c / (norm + 1e-6);
      if (coef > 1) coef = 1;
      g[0] = g0 * coef;
      g[1] = g1 * coef;
    } else {
      g[0] = g0 < -c ? -c : g0 > c ? c : g0;
      g[1] = g1 < -c ? -c : g1 > c ? c : g1;
    }
    if (this.clipped !== null && (g[0] !== g0 || g[1] !== g1)) this.clipped[k] = 1;
  }

  /** After a step that was taken: the EMA update, then the scheduler step. */
  after(p: Float64Array): void {
    if (this.ema !== null) {
      if (this.averaged === 0) {
        this.avg[0] = p[0];
        this.avg[1] = p[1];
      } else {
        const d = this.d;
        this.avg[0] = d * this.avg[0] + (1 - d) * p[0];
        this.avg[1] = d * this.avg[1] + (1 - d) * p[1];
      }
      this.averaged++;
    }
    if (this.sched !== null) this.sched.step();
  }

  /** The EMA now (for tracing). */
  average(): readonly [number, number] {
    return [this.avg[0], this.avg[1]];
  }
}
