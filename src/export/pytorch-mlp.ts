/**
 * "Copy as PyTorch" for the network surface (CONTRACT.md §6): a self-contained script that builds
 * the same nn.Sequential, loads Descent's initial weights and dataset (written out), trains one
 * copy per racer with its torch.optim optimizer on Descent's mini-batches (written out, one
 * permutation per epoch) and prints the losses; `--json` prints every kept loss, accuracy and
 * parameter vector (what tests/unit/mlp-torch.test.ts compares with the engine, to 1e-9).
 *
 * Optimizers torch lacks (their reference classes act on one tensor) are not exported here: the
 * script says so instead of running something else.
 */
import { optimizers, type OptimizerConfig } from '../optim';
import { MAX_COORDINATE, type MlpResult } from '../engine/mlp/run';
import { pyFloat, pyString, wrapItems } from './format';
import { optimizerExpression } from './pytorch';

/** Can this racer be written as a torch.optim optimizer over model.parameters()? */
export function mlpExportable(opt: OptimizerConfig): boolean {
  return !optimizers[opt.name].torchExport.referenceClass;
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
  const { config, data, batches } = result;
  const p = config.surface.params;
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
  let batchCode: string;
  if (batches === null) {
    batchCode = `# Full batch: every step uses all N points.
def batch_indices(step):
    return torch.arange(N)
`;
  } else {
    const epochs = batches.order.length / n;
    const rows: string[] = [];
    for (let e = 0; e < epochs; e++) {
      rows.push(`    [${wrapItems(Array.from(batches.order.subarray(e * n, (e + 1) * n), String), '        ').replace(/\n$/, '\n    ')}],`);
    }
    batchCode = `# Mini-batches as torch.utils.data.DataLoader(batch_size=${config.batchSize}, shuffle=True, drop_last=False)
# draws them: a fresh permutation of the N points every epoch, cut into batches (the last one
# smaller). Descent's permutations (seed ${config.seed}) are written out, one row per epoch; every
# racer sees the same batches.
BATCH_SIZE = ${config.batchSize}
BATCHES_PER_EPOCH = math.ceil(N / BATCH_SIZE)
PERMUTATIONS = torch.tensor([
${rows.join('\n')}
])


def batch_indices(step):
    epoch, j = divmod(step, BATCHES_PER_EPOCH)
    return PERMUTATIONS[epoch, j * BATCH_SIZE : (j + 1) * BATCH_SIZE]
`;
  }
  const racers = config.optimizers.map((opt, i) => {
    const label = pyString(labels[i]);
    if (!mlpExportable(opt)) {
      return `    # ${labels[i]}: ${optimizers[opt.name].label} is not in torch.optim; its reference class acts on one tensor, not exported here.`;
    }
    const comment = optimizers[opt.name].torchExport.comment.map((l) => `    # ${l}`).join('\n');
    return `${comment}\n    (${label}, lambda params: ${optimizerExpression(opt, 'params')}),`;
  });
  const finals = result.runs.map((r, i) => `    ${pyString(labels[i])}: ${pyFloat(r.loss[r.loss.length - 1])},`);
  return `#!/usr/bin/env python3
"""A Descent race on a small neural network, exported as a PyTorch script.

Network: ${sizes.join('-')} (${p.activation}), dataset ${p.dataset} (${n} points, noise ${p.dataNoise}, data seed ${p.dataSeed}),
initial weights from seed ${p.initSeed}; ${config.steps} steps, ${batches === null ? 'full batch' : `batch size ${config.batchSize}`}${config.surface.l2 > 0 ? `, l2 = ${config.surface.l2}` : ''}.
Racers: ${labels.join(', ')}

The script reruns the race with torch.optim in float64 and reproduces Descent's losses to about 1e-9.

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
# The data: ${n} points in the plane with labels 0 or 1, exactly as Descent made them.
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
STEPS = ${config.steps}
STRIDE = ${config.stride}  # every STRIDE-th point is kept, and the last
MAX_COORDINATE = ${MAX_COORDINATE.toExponential().replace('e+', 'e')}  # a run with |theta_i| above this has diverged

RACERS = [
${racers.join('\n')}
]

# Each racer's final loss in Descent, to compare with.
DESCENT_FINAL = {
${finals.join('\n')}
}


def race(label, make_optimizer):
    model = copy.deepcopy(MODEL)
    optimizer = make_optimizer(model.parameters())
    everything = torch.arange(N)
    kept = {"label": label, "loss": [], "accuracy": [], "theta": [], "status": "ok", "divergedAt": None}

    def keep():
        with torch.no_grad():
            z = model(X).squeeze(1)
            loss = objective(model, everything).item()
            accuracy = ((z > 0).double() == T).double().mean().item()
        kept["loss"].append(loss)
        kept["accuracy"].append(accuracy)
        kept["theta"].append(torch.nn.utils.parameters_to_vector(model.parameters()).tolist())

    for step in range(STEPS + 1):
        theta = torch.nn.utils.parameters_to_vector(model.parameters()).detach()
        if not bool((theta.abs() <= MAX_COORDINATE).all()):
            kept["status"], kept["divergedAt"] = "diverged", step
            break
        if step % STRIDE == 0 or step == STEPS:
            keep()
        if step == STEPS:
            break
        idx = batch_indices(step)

        def closure():
            # This step's loss and gradient (L-BFGS may evaluate it again within the step).
            optimizer.zero_grad()
            loss = objective(model, idx)
            loss.backward()
            return loss

        optimizer.step(closure)
    return kept


def main():
    results = [race(label, make) for label, make in RACERS]
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
