/**
 * Learning-rate schedules, as torch.optim.lr_scheduler 1.13 computes them (CONTRACT.md §4).
 *
 * A scheduler owns a `ScheduleGroup`, the one parameter group of torch: `lr` (what the next
 * optimizer step uses) and, for OneCycle's cycleMomentum, `momentum` (SGD's momentum or Adam's
 * β₁). The runner reads the group before every step and calls `step()` after it, as a torch
 * training loop calls `scheduler.step()` after `optimizer.step()`.
 *
 * torch's forms are followed to the operation, because its recursive forms (StepLR, cosine,
 * LinearLR multiply the current lr) round differently from the closed forms:
 * - construction performs torch's `_initial_step` (last_epoch −1 → 0), so `lr` is the lr of the
 *   first step (LinearLR: lr·startFactor; OneCycle: maxLr/divFactor);
 * - cosine is the recursive form, with its special case at (e − 1 − T) mod 2T = 0, and rises again
 *   after tMax;
 * - SequentialLR restarts the next scheduler at its milestone with `step(0)`, i.e. the closed form
 *   at epoch 0 from the base lr;
 * - OneCycle raises past totalSteps and divides by zero on an empty phase, as torch does
 *   (`ScheduleFault`; validation runs the schedule dry so that a config never gets that far).
 *
 * Nothing here allocates per step.
 */
import { cos } from '../math/trig';

export type AnnealStrategy = 'cos' | 'linear';

export interface StepSchedule {
  name: 'step';
  stepSize: number;
  gamma: number;
}
export interface MultiStepSchedule {
  name: 'multistep';
  milestones: number[];
  gamma: number;
}
export interface ExponentialSchedule {
  name: 'exponential';
  gamma: number;
}
export interface CosineSchedule {
  name: 'cosine';
  tMax: number;
  etaMin: number;
}
export interface LinearSchedule {
  name: 'linear';
  startFactor: number;
  endFactor: number;
  totalIters: number;
}
export interface OneCycleSchedule {
  name: 'onecycle';
  maxLr: number;
  totalSteps: number;
  pctStart: number;
  annealStrategy: AnnealStrategy;
  divFactor: number;
  finalDivFactor: number;
  threePhase: boolean;
  cycleMomentum: boolean;
  baseMomentum: number;
  maxMomentum: number;
}
/** A schedule SequentialLR may hold (not itself sequential, not onecycle: see recipe.ts). */
export type InnerSchedule = StepSchedule | MultiStepSchedule | ExponentialSchedule | CosineSchedule | LinearSchedule;
export interface SequentialSchedule {
  name: 'sequential';
  schedulers: InnerSchedule[];
  milestones: number[];
}
export type ScheduleConfig = InnerSchedule | OneCycleSchedule | SequentialSchedule;
export type ScheduleName = ScheduleConfig['name'];

export const scheduleNames: readonly ScheduleName[] = ['step', 'multistep', 'exponential', 'cosine', 'linear', 'onecycle', 'sequential'];

/** torch's one parameter group, as far as a scheduler touches it. */
export interface ScheduleGroup {
  lr: number;
  /** torch's `initial_lr`: the base lr every scheduler of the group starts from. */
  initialLr: number;
  /** Set by OneCycle with cycleMomentum (NaN otherwise). */
  momentum: number;
}

/** Where torch would raise inside a scheduler. */
export class ScheduleFault extends Error {
  constructor(readonly code: 'past-total-steps' | 'division-by-zero', message: string) {
    super(message);
    this.name = 'ScheduleFault';
  }
}

/** Python's float division, which raises on a zero divisor. */
function div(a: number, b: number): number {
  if (b === 0) throw new ScheduleFault('division-by-zero', 'float division by zero');
  return a / b;
}

/** Python's % on numbers (the sign of the divisor). */
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

export interface Scheduler {
  readonly group: ScheduleGroup;
  /** torch's last_epoch: the number of steps taken since construction. */
  readonly lastEpoch: number;
  /** scheduler.step(), after an optimizer step. */
  step(): void;
  /** Does it set the group's momentum (OneCycle with cycleMomentum)? */
  readonly drivesMomentum: boolean;
}

/** A chainable scheduler of torch (_LRScheduler): `get_lr` recursive, `_get_closed_form_lr` at epoch 0. */
abstract class Chainable implements Scheduler {
  lastEpoch = -1;
  readonly base: number;
  readonly drivesMomentum: boolean = false;
  constructor(readonly group: ScheduleGroup) {
    this.base = group.initialLr;
  }
  protected abstract getLr(): number;
  /** The closed form at epoch 0 (SequentialLR's `step(0)`). */
  protected abstract restartLr(): number;
  step(): void {
    this.lastEpoch++;
    this.group.lr = this.getLr();
  }
  restart(): void {
    this.lastEpoch = 0;
    this.group.lr = this.restartLr();
  }
}

class StepLR extends Chainable {
  constructor(
    group: ScheduleGroup,
    private readonly c: StepSchedule,
  ) {
    super(group);
  }
  protected getLr(): number {
    const e = this.lastEpoch;
    if (e === 0 || e % this.c.stepSize !== 0) return this.group.lr;
    return this.group.lr * this.c.gamma;
  }
  protected restartLr(): number {
    return this.base * 1; // gamma ** (0 // stepSize)
  }
}

class MultiStepLR extends Chainable {
  constructor(
    group: ScheduleGroup,
    private readonly c: MultiStepSchedule,
  ) {
    super(group);
  }
  protected getLr(): number {
    // Validation makes the milestones strictly increasing, so each counts once (torch's Counter).
    const e = this.lastEpoch;
    const ms = this.c.milestones;
    for (let i = 0; i < ms.length; i++) if (ms[i] === e) return this.group.lr * this.c.gamma;
    return this.group.lr;
  }
  protected restartLr(): number {
    return this.base * 1; // gamma ** bisect_right(milestones, 0), milestones ≥ 1
  }
}

class ExponentialLR extends Chainable {
  constructor(
    group: ScheduleGroup,
    private readonly c: ExponentialSchedule,
  ) {
    super(group);
  }
  protected getLr(): number {
    if (this.lastEpoch === 0) return this.group.lr;
    return this.group.lr * this.c.gamma;
  }
  protected restartLr(): number {
    return this.base * 1;
  }
}

class CosineAnnealingLR extends Chainable {
  constructor(
    group: ScheduleGroup,
    private readonly c: CosineSchedule,
  ) {
    super(group);
  }
  protected getLr(): number {
    const e = this.lastEpoch;
    const T = this.c.tMax;
    const etaMin = this.c.etaMin;
    const lr = this.group.lr;
    if (e === 0) return lr;
    // (torch's `_step_count == 1 and last_epoch > 0` branch needs a scheduler built with
    // last_epoch > −1, which never happens here.)
    if (pyMod(e - 1 - T, 2 * T) === 0) return lr + ((this.base - etaMin) * (1 - cos(Math.PI / T))) / 2;
    return div(1 + cos((Math.PI * e) / T), 1 + cos((Math.PI * (e - 1)) / T)) * (lr - etaMin) + etaMin;
  }
  protected restartLr(): number {
    const etaMin = this.c.etaMin;
    return etaMin + ((this.base - etaMin) * (1 + cos((Math.PI * 0) / this.c.tMax))) / 2;
  }
}

class LinearLR extends Chainable {
  constructor(
    group: ScheduleGroup,
    private readonly c: LinearSchedule,
  ) {
    super(group);
  }
  protected getLr(): number {
    const e = this.lastEpoch;
    const { startFactor: s, endFactor: f, totalIters: T } = this.c;
    const lr = this.group.lr;
    if (e === 0) return lr * s;
    if (e > T) return lr;
    return lr * (1 + div(f - s, T * s + (e - 1) * (f - s)));
  }
  protected restartLr(): number {
    const { startFactor: s, endFactor: f, totalIters: T } = this.c;
    return this.base * (s + div((f - s) * Math.min(T, 0), T));
  }
}

interface Phase {
  endStep: number;
  startLr: 'initial' | 'max' | 'min';
  endLr: 'initial' | 'max' | 'min';
  startMomentum: 'max' | 'base';
  endMomentum: 'max' | 'base';
}

class OneCycleLR implements Scheduler {
  lastEpoch = -1;
  readonly drivesMomentum: boolean;
  private readonly phases: Phase[];
  private readonly lrs: { initial: number; max: number; min: number };
  private readonly moms: { max: number; base: number };
  constructor(
    readonly group: ScheduleGroup,
    private readonly c: OneCycleSchedule,
  ) {
    const T = c.totalSteps;
    this.phases = c.threePhase
      ? [
          { endStep: c.pctStart * T - 1, startLr: 'initial', endLr: 'max', startMomentum: 'max', endMomentum: 'base' },
          { endStep: 2 * c.pctStart * T - 2, startLr: 'max', endLr: 'initial', startMomentum: 'base', endMomentum: 'max' },
          { endStep: T - 1, startLr: 'initial', endLr: 'min', startMomentum: 'max', endMomentum: 'max' },
        ]
      : [
          { endStep: c.pctStart * T - 1, startLr: 'initial', endLr: 'max', startMomentum: 'max', endMomentum: 'base' },
          { endStep: T - 1, startLr: 'max', endLr: 'min', startMomentum: 'base', endMomentum: 'max' },
        ];
    const initial = c.maxLr / c.divFactor;
    this.lrs = { initial, max: c.maxLr, min: initial / c.finalDivFactor };
    this.moms = { max: c.maxMomentum, base: c.baseMomentum };
    group.initialLr = initial;
    this.drivesMomentum = c.cycleMomentum;
    if (c.cycleMomentum) group.momentum = c.maxMomentum;
  }
  private anneal(start: number, end: number, pct: number): number {
    if (this.c.annealStrategy === 'cos') {
      const cosOut = cos(Math.PI * pct) + 1;
      return end + ((start - end) / 2) * cosOut;
    }
    return (end - start) * pct + start;
  }
  step(): void {
    this.lastEpoch++;
    const stepNum = this.lastEpoch;
    const T = this.c.totalSteps;
    if (stepNum > T) {
      throw new ScheduleFault('past-total-steps', `Tried to step ${stepNum + 1} times. The specified number of total steps is ${T}`);
    }
    const phases = this.phases;
    let startStep = 0;
    for (let i = 0; i < phases.length; i++) {
      const ph = phases[i];
      const endStep = ph.endStep;
      if (stepNum <= endStep || i === phases.length - 1) {
        const pct = div(stepNum - startStep, endStep - startStep);
        this.group.lr = this.anneal(this.lrs[ph.startLr], this.lrs[ph.endLr], pct);
        if (this.c.cycleMomentum) this.group.momentum = this.anneal(this.moms[ph.startMomentum], this.moms[ph.endMomentum], pct);
        return;
      }
      startStep = ph.endStep;
    }
  }
}

class SequentialLR implements Scheduler {
  lastEpoch: number;
  readonly drivesMomentum = false;
  private readonly children: Chainable[];
  constructor(
    readonly group: ScheduleGroup,
    private readonly c: SequentialSchedule,
  ) {
    // torch builds every child first (each sets the group's lr by its initial step), then resets
    // the lr to initial_lr, undoes each child's step and performs the first child's initial step.
    this.children = c.schedulers.map((s) => chainable(group, s));
    group.lr = group.initialLr;
    this.children[0].step();
    this.lastEpoch = 0;
  }
  step(): void {
    this.lastEpoch++;
    const e = this.lastEpoch;
    const ms = this.c.milestones;
    let idx = 0; // bisect_right(milestones, e)
    while (idx < ms.length && ms[idx] <= e) idx++;
    const child = this.children[idx];
    if (idx > 0 && ms[idx - 1] === e) child.restart();
    else child.step();
  }
}

function chainable(group: ScheduleGroup, s: InnerSchedule): Chainable {
  switch (s.name) {
    case 'step':
      return new StepLR(group, s);
    case 'multistep':
      return new MultiStepLR(group, s);
    case 'exponential':
      return new ExponentialLR(group, s);
    case 'cosine':
      return new CosineAnnealingLR(group, s);
    case 'linear':
      return new LinearLR(group, s);
  }
}

/**
 * A scheduler on a fresh group whose lr is the optimizer's `lr`, after torch's construction (its
 * initial step): `group.lr` is the lr of the first optimizer step.
 */
export function createScheduler(config: ScheduleConfig, lr: number): Scheduler {
  const group: ScheduleGroup = { lr, initialLr: lr, momentum: NaN };
  switch (config.name) {
    case 'onecycle': {
      const s = new OneCycleLR(group, config);
      s.step();
      return s;
    }
    case 'sequential':
      return new SequentialLR(group, config);
    default: {
      const s = chainable(group, config);
      s.step();
      return s;
    }
  }
}

/** One number of a scheduler's group at every step 0..steps, the scheduler stepped between them. */
function replay(s: Scheduler, steps: number, read: (g: ScheduleGroup) => number): Float64Array {
  const out = new Float64Array(steps + 1);
  out[0] = read(s.group);
  for (let k = 1; k <= steps; k++) {
    s.step();
    out[k] = read(s.group);
  }
  return out;
}

/**
 * OneCycle's momentum with cycleMomentum (SGD's momentum, or β₁ of the Adam family) of every step
 * 0..steps, indexed as `scheduleLrs`: what the runner hands the stepper before the step leaving
 * point k (the same scheduler, so the same bits). Null for a schedule that does not set it.
 */
export function scheduleMomenta(config: ScheduleConfig, lr: number, steps: number): Float64Array | null {
  const s = createScheduler(config, lr);
  return s.drivesMomentum ? replay(s, steps, (g) => g.momentum) : null;
}

/** The lr of every step 0..steps (lr[k]: the step leaving point k; lr[steps]: after the last scheduler step). */
export function scheduleLrs(config: ScheduleConfig, lr: number, steps: number): Float64Array {
  return replay(createScheduler(config, lr), steps, (g) => g.lr);
}
