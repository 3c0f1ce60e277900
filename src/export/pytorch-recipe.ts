/**
 * The training recipe (CONTRACT §4) in the exported PyTorch script: each racer's scheduler as
 * torch.optim.lr_scheduler builds it, gradient clipping with torch.nn.utils.clip_grad_norm_ /
 * clip_grad_value_, the EMA as torch.optim.swa_utils.AveragedModel, and the racer's own batch
 * size. Only scenes with a recipe get these sections; the others' scripts are unchanged.
 */
import type { Recipe } from '../engine/recipe';
import type { InnerSchedule, ScheduleConfig } from '../engine/schedule';
import { pyFloat, pyValue } from './format';

const S = 'torch.optim.lr_scheduler';

function ints(xs: readonly number[]): string {
  return `[${xs.map((x) => String(x)).join(', ')}]`;
}

/** The scheduler constructor for the optimizer `o`, as Python source. */
export function schedulerExpression(s: ScheduleConfig | InnerSchedule): string {
  switch (s.name) {
    case 'step':
      return `${S}.StepLR(o, step_size=${s.stepSize}, gamma=${pyFloat(s.gamma)})`;
    case 'multistep':
      return `${S}.MultiStepLR(o, milestones=${ints(s.milestones)}, gamma=${pyFloat(s.gamma)})`;
    case 'exponential':
      return `${S}.ExponentialLR(o, gamma=${pyFloat(s.gamma)})`;
    case 'cosine':
      return `${S}.CosineAnnealingLR(o, T_max=${s.tMax}, eta_min=${pyFloat(s.etaMin)})`;
    case 'linear':
      return `${S}.LinearLR(o, start_factor=${pyFloat(s.startFactor)}, end_factor=${pyFloat(s.endFactor)}, total_iters=${s.totalIters})`;
    case 'onecycle':
      return (
        `${S}.OneCycleLR(o, max_lr=${pyFloat(s.maxLr)}, total_steps=${s.totalSteps}, pct_start=${pyFloat(s.pctStart)}, ` +
        `anneal_strategy=${pyValue(s.annealStrategy)}, div_factor=${pyFloat(s.divFactor)}, final_div_factor=${pyFloat(s.finalDivFactor)}, ` +
        `three_phase=${pyValue(s.threePhase)}, cycle_momentum=${pyValue(s.cycleMomentum)}, ` +
        `base_momentum=${pyFloat(s.baseMomentum)}, max_momentum=${pyFloat(s.maxMomentum)})`
      );
    case 'sequential':
      // The children are built first, in order, on the same optimizer (as torch's docs do).
      return `${S}.SequentialLR(o, schedulers=[${s.schedulers.map(schedulerExpression).join(', ')}], milestones=${ints(s.milestones)})`;
  }
}

/** One racer's recipe as a Python dict literal (`{}` when it has none). */
export function recipeLiteral(r: Recipe | undefined): string {
  if (r === undefined) return '{}';
  const items: string[] = [];
  if (r.batchSize !== undefined) items.push(`"batch_size": ${r.batchSize}`);
  if (r.schedule !== undefined) items.push(`"scheduler": lambda o: ${schedulerExpression(r.schedule)}`);
  if (r.clip !== undefined) items.push('norm' in r.clip ? `"clip_norm": ${pyFloat(r.clip.norm)}` : `"clip_value": ${pyFloat(r.clip.value)}`);
  if (r.ema !== undefined) items.push(`"ema": ${pyFloat(r.ema)}`);
  return `{${items.join(', ')}}`;
}

/** What each step of a recipe racer does, in race(): written into the run section. */
export const RECIPE_HELPERS = `# The training recipe of each racer (RECIPES below): its own batch size, a learning-rate
# scheduler stepped after every optimizer step, gradient clipping before it, and an exponential
# moving average of the parameters (AveragedModel, whose first update copies them).
import warnings

# SequentialLR restarts the next scheduler with scheduler.step(0), which torch 1.13 warns about.
warnings.filterwarnings("ignore", message="The epoch parameter in")
# SAM is stepped in its two halves (first_step, second_step), which a scheduler cannot see: it
# would warn that scheduler.step() came before optimizer.step(). It did not.
warnings.filterwarnings("ignore", message="Detected call of \`lr_scheduler.step")


class Parameters(torch.nn.Module):
    """The two parameters as a module, so that AveragedModel can keep an averaged copy."""

    def __init__(self, theta):
        super().__init__()
        self.theta = theta


def clip_gradient(theta, recipe):
    """The racer's gradient clipping, if any, on theta.grad (before the optimizer steps with it)."""
    if "clip_norm" in recipe:  # rescale the whole gradient to a 2-norm of at most clip_norm
        torch.nn.utils.clip_grad_norm_([theta], recipe["clip_norm"])
    if "clip_value" in recipe:  # clamp each coordinate to [-clip_value, clip_value]
        torch.nn.utils.clip_grad_value_([theta], recipe["clip_value"])


def ema_average(decay):
    """AveragedModel's avg_fn for an exponential moving average: d * avg + (1 - d) * theta."""
    return lambda averaged, current, num_averaged: decay * averaged + (1 - decay) * current
`;
