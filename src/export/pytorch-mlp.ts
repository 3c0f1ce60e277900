/**
 * "Copy as PyTorch" for the network surface (CONTRACT.md §6): a self-contained script that builds
 * the same nn.Sequential, loads Descent's initial weights and dataset (written out: the generated
 * one or one's own), trains one copy per racer with its optimizer on Descent's mini-batches
 * (written out, one permutation per epoch, each racer cut into its own batch size) and prints the
 * losses; `--json` prints every kept loss, accuracy and parameter vector (what
 * tests/unit/mlp-torch.test.ts compares with the engine, to 1e-9).
 *
 * The training recipe (CONTRACT §4) is written as torch does it: torch.optim.lr_scheduler,
 * clip_grad_norm_ / clip_grad_value_ over model.parameters(), AveragedModel for the EMA.
 * Optimizers torch lacks get the 2-D script's reference classes (src/export/reference.ts): SAM,
 * schedule-free AdamW and Lion loop over every parameter tensor; Shampoo takes all parameters as
 * one vector, as the engine runs it on θ ∈ ℝᴾ (one P × P preconditioner).
 */
import { optimizers, type AnyOptimizerDef, type OptimizerConfig, type OptimizerName } from '../optim';
import { MAX_COORDINATE, type MlpResult } from '../engine/mlp/run';
import { makeBatches } from '../engine/run';
import { pyFloat, pyString, wrapItems } from './format';
import { optimizerExpression } from './pytorch';
import { recipeLiteral } from './pytorch-recipe';
import { REFERENCE_CLASSES, TORCH_COMMENTS } from './reference';

/** Can this racer be written into the network script? Every optimizer of the mlp surface can. */
export function mlpExportable(opt: OptimizerConfig): boolean {
  return opt.name in optimizers;
}

/** The class a racer's optimizer needs written into the script, or null for torch.optim's own. */
function classOf(def: AnyOptimizerDef): string | null {
  if (!def.torchExport.referenceClass) return null;
  return REFERENCE_CLASSES[def.name as OptimizerName] ?? null;
}

/** The definitions a racer needs: its own, and its base's (SAM). */
function defsOf(opt: OptimizerConfig): AnyOptimizerDef[] {
  const def = optimizers[opt.name];
  const nested = def.hyper.flatMap((spec) => {
    const v = opt[spec.key];
    return spec.kind === 'optimizer' && typeof v === 'object' && v !== null && !Array.isArray(v) ? defsOf(v as OptimizerConfig) : [];
  });
  return [...nested, def];
}

function list(values: ArrayLike<number>, indent: string): string {
  return `[${wrapItems(Array.from(values, pyFloat), indent)}]`;
}

function labelsOf(result: MlpResult): string[] {
  const seen = new Map<string, number>();
  const count = new Map<string, number>();
  for (const o of result.config.optimizers) count.set(o.name, (count.get(o.name) ?? 0) + 1);
  return result.config.optimizers.map((o) => {
    if ((count.get(o.name) ?? 0) === 1) return o.name;
    const i = (seen.get(o.name) ?? 0) + 1;
    seen.set(o.name, i);
    return `${o.name} ${i}`;
  });
}

export function toPyTorchMlp(result: MlpResult, options: { labels?: readonly string[] } = {}): string {
  const { config, data } = result;
  const p = config.surface.params;
  const own = config.surface.data !== undefined;
  const labels = options.labels ? [...options.labels] : labelsOf(result);
  const n = data.n;
  const act = p.activation === 'tanh' ? 'torch.nn.Tanh()' : 'torch.nn.ReLU()';
  const sizes = [2, ...p.hidden, 1];
  const layers: string[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    layers.push(`    torch.nn.Linear(${sizes[l]}, ${sizes[l + 1]}),`);
    if (l + 2 < sizes.length) layers.push(`    ${act},`);
  }
  const points: string[] = [];
  for (let i = 0; i < n; i++) points.push(`[${pyFloat(data.x[2 * i])}, ${pyFloat(data.x[2 * i + 1])}]`);
  const recipes = config.recipes;
  // Every racer's batch size: each racer's batches are cut from the same permutations (epoch e's
  // permutation is the seed's e-th draw, whatever the batch size).
  const sizesUsed = config.optimizers.map((_, i) => recipes?.[i]?.batchSize ?? config.batchSize);
  // Of the sizes below N, the largest takes the most epochs.
  const cut = sizesUsed.filter((b) => b < n);
  let permutations = '';
  if (cut.length > 0) {
    const order = makeBatches(n, Math.max(...cut), config.steps, config.seed).order;
    const epochs = order.length / n;
    const rows: string[] = [];
    for (let e = 0; e < epochs; e++) {
      rows.push(`    [${wrapItems(Array.from(order.subarray(e * n, (e + 1) * n), String), '        ').replace(/\n$/, '\n    ')}],`);
    }
    permutations = `# Descent's permutations of the N points (seed ${config.seed}), one row per epoch, as
# torch.utils.data.DataLoader(shuffle=True) draws one every epoch.
PERMUTATIONS = torch.tensor([
${rows.join('\n')}
])

`;
  }
  const batchCode = `# Mini-batches as torch.utils.data.DataLoader(batch_size=B, shuffle=True, drop_last=False)
# cuts them: epoch after epoch, the epoch's permutation into batches of B (the last one smaller).
# Every racer sees the same permutations, cut into its own batch size; B >= N is the full batch.
BATCH_SIZE = ${config.batchSize}  # the race's batch size (a racer's recipe may have its own)
${permutations}

def batch_indices(step, batch_size):
    if batch_size >= N:
        return torch.arange(N)
    epoch, j = divmod(step, math.ceil(N / batch_size))
    return PERMUTATIONS[epoch, j * batch_size : (j + 1) * batch_size]
`;
  // Optimizers torch lacks: each class once, in the order the racers first use them.
  const defs = [...new Set(config.optimizers.flatMap(defsOf))];
  const classes = defs.flatMap((d) => {
    const c = classOf(d);
    return c === null ? [] : [`# ${d.label}, which torch.optim does not have.\n${c}`];
  });
  const closure = [...new Set(defs.map((d) => d.torchExport).filter((e) => e.closure).map((e) => e.ctor))];
  const racers = config.optimizers.map((opt, i) => {
    const label = pyString(labels[i]);
    const comment = TORCH_COMMENTS[opt.name].map((l) => `    # ${l}`).join('\n');
    return `${comment}\n    (${label}, lambda params: ${optimizerExpression(opt, 'params')}),`;
  });
  const finals = result.runs.map((r, i) => `    ${pyString(labels[i])}: ${pyFloat(r.loss[r.loss.length - 1])},`);
  const recipeList = config.optimizers.map((_, i) => `    ${recipeLiteral(recipes?.[i])},  # ${labels[i]}`);
  const dataLine = own
    ? `your own data (${n} points)`
    : `dataset ${p.dataset} (${n} points, noise ${p.dataNoise}, data seed ${p.dataSeed})`;
  const batchLine = config.batchSize >= n ? 'full batch' : `batch size ${config.batchSize}`;
  return `#!/usr/bin/env python3
"""A Descent race on a small neural network, exported as a PyTorch script.

Network: ${sizes.join('-')} (${p.activation}), ${dataLine},
initial weights from seed ${p.initSeed}; ${config.steps} steps, ${batchLine}${config.surface.l2 > 0 ? `, l2 = ${config.surface.l2}` : ''}.
Racers: ${labels.join(', ')}

The script reruns the race with torch in float64 and reproduces Descent's losses to about 1e-9.

    python3 this_script.py          # each racer's final loss and accuracy, next to Descent's
    python3 this_script.py --json   # every kept loss, accuracy and parameter vector as JSON
"""
import copy
import json
import math
import sys

import torch

torch.set_default_dtype(torch.float64)

# ------------------------------------------------------------------------------
# The data: ${n} points in the plane with labels 0 or 1, exactly as Descent ${own ? 'was given them' : 'made them'}.
X = torch.tensor([${wrapItems(points, '    ')}])
T = torch.tensor(${list(data.t, '    ')})
N = ${n}

# ------------------------------------------------------------------------------
# The network, and Descent's initial weights (torch's Linear default distribution,
# U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn by Descent's seeded generator), in the order of
# model.parameters(): each layer's weight (out x in, row by row), then its bias.
MODEL = torch.nn.Sequential(
${layers.join('\n')}
)
INIT = torch.tensor(${list(result.theta0, '    ')})
torch.nn.utils.vector_to_parameters(INIT.clone(), MODEL.parameters())  # (the parameters become views of the clone)

# Descent's l2 option adds (L2 / 2) * |theta|^2 over all parameters to the loss (0 = off).
L2 = ${pyFloat(config.surface.l2)}


def objective(model, idx):
    """Mean binary cross-entropy with logits over the points idx, plus the l2 term."""
    z = model(X[idx]).squeeze(1)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(z, T[idx])
    if L2 != 0:
        loss = loss + 0.5 * L2 * sum((q**2).sum() for q in model.parameters())
    return loss


${batchCode}
${classes.length ? `\n# ------------------------------------------------------------------------------\n${classes.join('\n\n')}\n` : ''}
# ------------------------------------------------------------------------------
# The training recipe of each racer (RECIPES below): its own batch size, a learning-rate
# scheduler stepped after every optimizer step, gradient clipping before it, and an exponential
# moving average of the parameters (AveragedModel, whose first update copies them).
import warnings

# SequentialLR restarts the next scheduler with scheduler.step(0), which torch 1.13 warns about.
warnings.filterwarnings("ignore", message="The epoch parameter in")


def clip_gradient(model, recipe):
    """The recipe's gradient clipping, over all the parameters of the model."""
    if "clip_norm" in recipe:  # rescale the whole gradient (all parameters) to a 2-norm of at most clip_norm
        torch.nn.utils.clip_grad_norm_(model.parameters(), recipe["clip_norm"])
    if "clip_value" in recipe:  # clamp each gradient entry to [-clip_value, clip_value]
        torch.nn.utils.clip_grad_value_(model.parameters(), recipe["clip_value"])


def ema_average(decay):
    """AveragedModel's avg_fn for an exponential moving average: d * avg + (1 - d) * theta."""
    return lambda averaged, current, num_averaged: decay * averaged + (1 - decay) * current

STEPS = ${config.steps}
STRIDE = ${config.stride}  # every STRIDE-th point is kept, and the last
MAX_COORDINATE = ${MAX_COORDINATE.toExponential().replace('e+', 'e')}  # a run with |theta_i| above this has diverged

# Stepped as optimizer.step(closure): the closure evaluates this step's loss again, on the same
# batch (L-BFGS's iterations, SAM's second gradient).
CLOSURE_OPTIMIZERS = (${closure.map((c) => `${c}, `).join('')})

# The racers: a label and a function that builds the optimizer for the model's parameters.
RACERS = [
${racers.join('\n')}
]

# Each racer's training recipe (see race()): batch_size, scheduler, clip_norm or clip_value, ema.
RECIPES = [
${recipeList.join('\n')}
]

# Each racer's final loss in Descent, to compare with.
DESCENT_FINAL = {
${finals.join('\n')}
}


def drawn_model(optimizer, model):
    """The model the race scores: model itself, or for schedule-free AdamW one holding x (what eval() sets)."""
    if not hasattr(optimizer, "eval_point"):
        return model
    shown = copy.deepcopy(model)
    with torch.no_grad():
        for q, p in zip(shown.parameters(), model.parameters()):
            q.copy_(optimizer.eval_point(p))
    return shown


def race(label, make_optimizer, recipe):
    model = copy.deepcopy(MODEL)
    optimizer = make_optimizer(model.parameters())
    if hasattr(optimizer, "train"):
        optimizer.train()  # schedule-free AdamW: the gradient is taken at y (train mode)
    batch_size = recipe.get("batch_size", BATCH_SIZE)
    scheduler = recipe["scheduler"](optimizer) if "scheduler" in recipe else None
    averaged = None
    if "ema" in recipe:
        averaged = torch.optim.swa_utils.AveragedModel(model, avg_fn=ema_average(recipe["ema"]))
    everything = torch.arange(N)
    kept = {"label": label, "loss": [], "accuracy": [], "theta": [], "status": "ok", "divergedAt": None}
    if scheduler is not None:
        kept["lr"] = []
    if averaged is not None:
        kept["ema"], kept["emaLoss"] = [], []

    def keep(shown):
        with torch.no_grad():
            z = shown(X).squeeze(1)
            loss = objective(shown, everything).item()
            accuracy = ((z > 0).double() == T).double().mean().item()
            kept["loss"].append(loss)
            kept["accuracy"].append(accuracy)
            kept["theta"].append(torch.nn.utils.parameters_to_vector(shown.parameters()).tolist())
            if scheduler is not None:
                kept["lr"].append(optimizer.param_groups[0]["lr"])  # the lr of the step leaving this point
            if averaged is not None:
                kept["ema"].append(torch.nn.utils.parameters_to_vector(averaged.module.parameters()).tolist())
                kept["emaLoss"].append(objective(averaged.module, everything).item())

    for step in range(STEPS + 1):
        shown = drawn_model(optimizer, model)
        theta = torch.nn.utils.parameters_to_vector(shown.parameters()).detach()
        if not bool((theta.abs() <= MAX_COORDINATE).all()):
            kept["status"], kept["divergedAt"] = "diverged", step
            break
        if step % STRIDE == 0 or step == STEPS:
            keep(shown)
        if step == STEPS:
            break
        idx = batch_indices(step, batch_size)

        def closure():
            optimizer.zero_grad()
            loss = objective(model, idx)
            loss.backward()
            clip_gradient(model, recipe)  # SAM's second gradient, the one its base steps with, is clipped too
            return loss

        # One training step, the usual PyTorch way.
        optimizer.zero_grad()
        objective(model, idx).backward()  # p.grad = gradient of this step's loss
        clip_gradient(model, recipe)
        if isinstance(optimizer, CLOSURE_OPTIMIZERS):
            optimizer.step(closure)
        else:
            optimizer.step()
        if averaged is not None:
            averaged.update_parameters(drawn_model(optimizer, model))  # the first update copies theta
        if scheduler is not None:
            scheduler.step()  # after optimizer.step(), as torch wants it
    return kept


def main():
    results = [race(label, make, recipe) for (label, make), recipe in zip(RACERS, RECIPES)]
    if "--json" in sys.argv[1:]:
        print(json.dumps({"runs": results}))
        return
    print(f"{'racer':<20} {'final loss':>22} {'accuracy':>9} {'Descent':>22}")
    for result in results:
        descent = DESCENT_FINAL[result["label"]]
        print(f"{result['label']:<20} {result['loss'][-1]:>22.15g} {result['accuracy'][-1]:>9.3f} {descent:>22.15g}")


if __name__ == "__main__":
    main()
`;
}
