/**
 * "Copy as PyTorch": the current scene as a self-contained, readable Python script.
 *
 * The script defines the surface as a torch function, builds every racer as its torch.optim
 * optimizer with the exact hyperparameters (Newton written out with
 * torch.autograd.functional.hessian), and runs the same steps as the engine: same start, same
 * mini-batches (embedded), same simulated noise (embedded), same divergence rule. In float64 its
 * trajectories match the engine's to about 1e-9 (tests/unit/export.test.ts runs it with torch).
 *
 *   python3 script.py          table of the final points; a PNG plot if matplotlib is installed
 *   python3 script.py --show   also opens the plot in a window
 *   python3 script.py --json   every point of every path as JSON (what the test reads)
 *
 * Every number is written with `String(x)`, the shortest decimal that round-trips, so Python
 * reads back exactly the engine's doubles.
 */
import { LIMITS } from '../engine/config';
import { makeBatches, makeNoise } from '../engine/run';
import { RECIPE_HELPERS, recipeLiteral } from './pytorch-recipe';
import type { ComparisonResult } from '../engine/types';
import { toTorch } from '../math/expr';
import { hyperOf, optimizers, type AnyOptimizerDef, type OptimizerConfig, type OptimizerName, type PyWriter } from '../optim';
import { analyzeCustom, customF } from '../surfaces/custom';
import type { SurfaceCore, SurfaceDef, SurfaceParams } from '../surfaces/types';
import { resolveSurface } from '../engine/userdata';
import { pyFloat, pyString, pyValue, racerLabels, snakeCase, wrapItems } from './format';
import { REFERENCE_CLASSES, TORCH_COMMENTS } from './reference';

export interface PyTorchOptions {
  /** One label per racer (e.g. the legend's); default: the optimizer's name, numbered if repeated. */
  labels?: readonly string[];
}

/** An optimizer's constructor and its arguments after the parameters (and the objective, for Newton). */
function constructorOf(opt: OptimizerConfig): { ctor: string; args: string[] } {
  const def = optimizers[opt.name];
  const ex = def.torchExport;
  const h = hyperOf(opt);
  const args = ex.args ? ex.args(h, PY) : def.hyper.map((spec) => `${snakeCase(spec.key)}=${pyValue(opt[spec.key])}`);
  if (ex.extraArgs) args.push(...ex.extraArgs(h));
  return { ctor: ex.ctor, args };
}

/** What an optimizer's own `torchExport.args` may use. */
const PY: PyWriter = { value: pyValue, nested: constructorOf };

/** The Python statement that builds one racer's optimizer for the parameters `params` (the tensor `theta` here; a network's `params` in pytorch-mlp.ts). */
export function optimizerExpression(opt: OptimizerConfig, params = '[theta]'): string {
  const { ctor, args } = constructorOf(opt);
  return `${ctor}(${params}, ${optimizers[opt.name].torchExport.takesObjective ? 'f, ' : ''}${args.join(', ')})`;
}

/** The definitions a racer needs written into the script: its own, and its base's (SAM). */
function defsOf(opt: OptimizerConfig): AnyOptimizerDef[] {
  const def = optimizers[opt.name];
  const nested = def.hyper.flatMap((spec) => {
    const v = opt[spec.key];
    return spec.kind === 'optimizer' && typeof v === 'object' && v !== null && !Array.isArray(v) ? defsOf(v) : [];
  });
  return [...nested, def];
}

/** A racer entry too long for one line: the optimizer's arguments on their own line(s). */
function wrapRacer(label: string, opt: OptimizerConfig): string {
  const expr = optimizerExpression(opt);
  const open = expr.indexOf('(');
  const args = expr.slice(open + 1, -1).split(/, (?![^(]*\))/);
  return `    (${label}, lambda theta: ${expr.slice(0, open)}(${wrapItems(args, '        ', 100).replace(/\n$/, '\n    ')})),`;
}

function floats(xs: ArrayLike<number>): string[] {
  return Array.from(xs, pyFloat);
}

// ---------------------------------------------------------------------------------------------
// The surface: f(theta) as torch operations.

const L2_SECTION = (l2: number) => `# Descent's l2 option adds (L2 / 2) * (x^2 + y^2) to the surface (0 = off).
L2 = ${pyFloat(l2)}


def l2_term(theta):
    """(L2 / 2) * |theta|^2: pulls theta towards the origin and moves the minimum."""
    return 0.5 * L2 * (theta**2).sum()
`;

/** Analytic surfaces: the formula in torch ops, `x, y = theta[0], theta[1]`. */
const ANALYTIC: Record<string, { about: string[]; body: (p: Record<string, number>) => { constants: string; lines: string[] } }> = {
  quadratic: {
    about: [
      'Quadratic bowl: f = 1/2 (u^2 + KAPPA v^2), with (u, v) = (x, y) rotated by the angle a:',
      'an elliptic bowl whose steepest and flattest curvatures differ by the factor KAPPA.',
    ],
    body: (p) => ({
      constants: `KAPPA = ${pyFloat(p.kappa)}  # condition number
ANGLE = ${pyFloat(p.angle)} * math.pi / 180  # the rotation, ${p.angle} degrees, in radians
COS_A = math.cos(ANGLE)
SIN_A = math.sin(ANGLE)
`,
      lines: ['u = COS_A * x + SIN_A * y', 'v = COS_A * y - SIN_A * x', 'return 0.5 * (u**2 + KAPPA * v**2) + l2_term(theta)'],
    }),
  },
  rosenbrock: {
    about: ["Rosenbrock's banana valley: minimum f = 0 at (1, 1), at the end of a long curved valley."],
    body: () => ({ constants: '', lines: ['return (1 - x) ** 2 + 100 * (y - x**2) ** 2 + l2_term(theta)'] }),
  },
  beale: {
    about: ["Beale's function: flat plateaus and sharp ridges; minimum f = 0 at (3, 0.5)."],
    body: () => ({
      constants: '',
      lines: [
        'r1 = 1.5 - x + x * y',
        'r2 = 2.25 - x + x * y**2',
        'r3 = 2.625 - x + x * y**3',
        'return r1**2 + r2**2 + r3**2 + l2_term(theta)',
      ],
    }),
  },
  himmelblau: {
    about: ["Himmelblau's function: four minima with f = 0, one of them at (3, 2)."],
    body: () => ({ constants: '', lines: ['return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2 + l2_term(theta)'] }),
  },
  saddle: {
    about: ['A saddle point at (0, 0) between two minima at (0, +-sqrt(2)), f = -1.'],
    body: () => ({ constants: '', lines: ['return x**2 - y**2 + y**4 / 4 + l2_term(theta)'] }),
  },
  rastrigin: {
    about: ["Rastrigin's function: a bowl covered with local minima; global minimum f = 0 at (0, 0)."],
    body: () => ({
      constants: '',
      lines: [
        'return (',
        '    20',
        '    + x**2 - 10 * torch.cos(2 * math.pi * x)',
        '    + y**2 - 10 * torch.cos(2 * math.pi * y)',
        '    + l2_term(theta)',
        ')',
      ],
    }),
  },
  camel: {
    about: ['Six-hump camel: six minima, the two global ones near +-(0.0898, -0.7126), f = -1.0316.'],
    body: () => ({
      constants: '',
      lines: ['return (4 - 2.1 * x**2 + x**4 / 3) * x**2 + x * y + (-4 + 4 * y**2) * y**2 + l2_term(theta)'],
    }),
  },
  sharpflat: {
    about: [
      'Two minima of equal depth, f = 0: a sharp one at (1, 0) and a flat one at (-1, 0).',
      'The factor exp(2x) + 0.1 sets the curvature: about 32 times larger at the sharp minimum.',
    ],
    body: () => ({
      constants: '',
      lines: ['return ((x**2 - 1) ** 2 + y**2) * (torch.exp(2 * x) + 0.1) + l2_term(theta)'],
    }),
  },
};

/** The `custom` surface: the user's expression as torch operations (src/math/expr/torch.ts). */
function customSurfaceCode(params: SurfaceParams, l2: number): string {
  const f = customF(params);
  const code = toTorch(analyzeCustom(f).expr);
  // One line in the comment whatever the expression's line breaks (the grammar allows only
  // numbers, names, operators and parentheses, so nothing else can end the comment).
  return `# Your own function, f(x, y) = ${f.replace(/\s+/g, ' ').trim()}
# in torch operations (constant parts folded to the very doubles Descent computes with).

${L2_SECTION(l2)}

def f(theta):
    """The loss at theta = (x, y)."""
    x, y = theta[0], theta[1]
    return (${code}) + l2_term(theta)
`;
}

function analyticSurface(def: SurfaceDef, params: SurfaceParams, l2: number): string {
  if (def.name === 'custom') return customSurfaceCode(params, l2);
  const spec = ANALYTIC[def.name];
  if (!spec) throw new Error(`no torch formula for the surface ${def.name}`);
  const { constants, lines } = spec.body(params as Record<string, number>); // built-in surfaces: numbers only
  return `${spec.about.map((l) => `# ${l}`).join('\n')}
${constants}
${L2_SECTION(l2)}

def f(theta):
    """The loss at theta = (x, y)."""
    x, y = theta[0], theta[1]
${lines.map((l) => `    ${l}`).join('\n')}
`;
}

function tensorLiteral(name: string, values: ArrayLike<number>, comment: string): string {
  return `${name} = torch.tensor([${wrapItems(floats(values), '    ')}])  # ${comment}`;
}

function dataSurface(def: SurfaceDef, core: SurfaceCore, l2: number, own = false): string {
  const data = core.data!;
  const n = core.n;
  let intro: string;
  let tensors: string;
  let perSample: string;
  if (def.name === 'logreg' && data.kind === 'abt') {
    intro = `# Logistic regression without bias: theta = (w1, w2), features (a_i, b_i), labels t_i in {0, 1}.
# Per-sample loss: the binary cross-entropy of sigmoid(z_i) against t_i, z_i = w1 a_i + w2 b_i,
# written as softplus(z_i) - t_i z_i.`;
    tensors = [
      tensorLiteral('A', data.a, 'first feature a_i'),
      tensorLiteral('B', data.b, 'second feature b_i'),
      tensorLiteral('T', data.t, 'label t_i (0 or 1)'),
    ].join('\n');
    perSample = `def sample_losses(theta, idx):
    """The per-sample losses of the samples idx: softplus(z) - t z, z = w1 a + w2 b."""
    w1, w2 = theta[0], theta[1]
    z = w1 * A[idx] + w2 * B[idx]
    # softplus(z) = log(1 + exp(z)), computed stably by torch. Its default threshold=20 returns
    # z itself above 20, off by log(1 + exp(-20)) = 2e-9; threshold=50 keeps full precision.
    return torch.nn.functional.softplus(z, threshold=50) - T[idx] * z`;
  } else if (data.kind === 'xy') {
    const isNet = def.name === 'tinynet';
    intro = isNet
      ? `# The smallest neural network: one tanh unit, theta = (w1, w2), prediction w2 * tanh(w1 x_i),
# fitted by least squares to the points (x_i, y_i).`
      : `# Linear regression: theta = (w, b), prediction w x_i + b, fitted by least squares to the
# points (x_i, y_i).`;
    tensors = [tensorLiteral('X', data.x, 'inputs x_i'), tensorLiteral('Y', data.y, 'targets y_i')].join('\n');
    perSample = isNet
      ? `def sample_losses(theta, idx):
    """The per-sample losses of the samples idx: 1/2 (w2 tanh(w1 x) - y)^2."""
    w1, w2 = theta[0], theta[1]
    residual = w2 * torch.tanh(w1 * X[idx]) - Y[idx]
    return 0.5 * residual**2`
      : `def sample_losses(theta, idx):
    """The per-sample losses of the samples idx: 1/2 (w x + b - y)^2."""
    w, b = theta[0], theta[1]
    residual = w * X[idx] + b - Y[idx]
    return 0.5 * residual**2`;
  } else {
    throw new Error(`unknown data surface ${def.name}`);
  }
  return `${intro}
# The dataset (${n} samples), ${own ? 'your own, as it was given to Descent' : 'exactly as Descent ships it'}:
${tensors}
N = ${n}
ALL_SAMPLES = torch.arange(N)

${L2_SECTION(l2)}

${perSample}


def batch_loss(theta, idx):
    """The loss on the mini-batch idx: the mean of its per-sample losses, plus the l2 term.

    (Descent adds the l2 term to every per-sample loss; the mean of (loss_i + l2) is mean + l2.)
    """
    return sample_losses(theta, idx).mean() + l2_term(theta)


def f(theta):
    """The full loss: the mean over the whole dataset."""
    return batch_loss(theta, ALL_SAMPLES)
`;
}

// ---------------------------------------------------------------------------------------------
// Where each step's gradient comes from: the exact gradient, mini-batches, simulated noise.

/** Each racer's batch size (its own, else the scene's). */
function racerBatchSizes(result: ComparisonResult): number[] {
  const { config } = result;
  return config.optimizers.map((_, i) => config.recipes?.[i]?.batchSize ?? config.batchSize);
}

/** Recipe scenes: racers may have their own batch sizes, cut from the same permutations. */
function recipeBatchSection(result: ComparisonResult, n: number): string {
  const { config } = result;
  const sizes = racerBatchSizes(result).filter((b) => b < n);
  const head = `BATCH_SIZE = ${Math.min(config.batchSize, n)}  # the scene's batch size; a racer may have its own (RECIPES)\n`;
  if (sizes.length === 0) {
    return `# Full batch: every racer's batch size is N, so every step uses the gradient of the full loss f.
${head}

def batch_indices(step, batch_size=BATCH_SIZE):
    """The samples used by step \`step\`: all of them."""
    return ALL_SAMPLES


def training_loss(theta, step, batch_size=BATCH_SIZE):
    """The loss whose gradient drives step \`step\` (0 = the first step)."""
    return batch_loss(theta, batch_indices(step, batch_size))
`;
  }
  const order = makeBatches(n, Math.max(...sizes), config.steps, config.seed).order;
  const epochs = order.length / n;
  const rows: string[] = [];
  for (let e = 0; e < epochs; e++) {
    const perm = Array.from(order.subarray(e * n, (e + 1) * n), String);
    rows.push(`    [${wrapItems(perm, '        ').replace(/\n$/, '\n    ')}],`);
  }
  return `# Mini-batches, drawn as torch.utils.data.DataLoader(dataset, batch_size=B, shuffle=True,
# drop_last=False) draws them: every epoch is a fresh random permutation of the N samples, cut
# into consecutive batches of B (the last one smaller when B does not divide N); one optimizer
# step per batch. Every racer sees the same permutation in epoch e and cuts it into its own batch
# size B, so that B = 1, 8 and N race on the same sample order. A DataLoader would draw its
# permutations from torch's random generator, which cannot reproduce Descent's, so Descent's
# permutations (seed ${config.seed}) are written out below, one per epoch.
${head}PERMUTATIONS = torch.tensor([
${rows.join('\n')}
])  # ${epochs} epoch${epochs === 1 ? '' : 's'}: enough for ${config.steps} steps at the largest mini-batch size


def batch_indices(step, batch_size=BATCH_SIZE):
    """The samples used by step \`step\` (0 = the first step) at this batch size."""
    if batch_size >= N:
        return ALL_SAMPLES
    epoch, j = divmod(step, math.ceil(N / batch_size))
    return PERMUTATIONS[epoch, j * batch_size : (j + 1) * batch_size]


def training_loss(theta, step, batch_size=BATCH_SIZE):
    """The loss whose gradient drives step \`step\`: the loss on that step's mini-batch."""
    return batch_loss(theta, batch_indices(step, batch_size))
`;
}

function batchSection(result: ComparisonResult, n: number): string {
  const { config, batches } = result;
  if (config.recipes !== undefined) return recipeBatchSection(result, n);
  if (batches === null) {
    return `# Full batch: the batch size is N, so every step uses the gradient of the full loss f.
def batch_indices(step):
    """The samples used by step \`step\`: all of them."""
    return ALL_SAMPLES


def training_loss(theta, step):
    """The loss whose gradient drives step \`step\` (0 = the first step)."""
    return batch_loss(theta, batch_indices(step))
`;
  }
  const B = Math.min(config.batchSize, n);
  const perEpoch = Math.ceil(n / B);
  const epochs = batches.order.length / n;
  const rows: string[] = [];
  for (let e = 0; e < epochs; e++) {
    const perm = Array.from(batches.order.subarray(e * n, (e + 1) * n), String);
    rows.push(`    [${wrapItems(perm, '        ').replace(/\n$/, '\n    ')}],`);
  }
  return `# Mini-batches, drawn as torch.utils.data.DataLoader(dataset, batch_size=${B}, shuffle=True,
# drop_last=False) draws them: every epoch is a fresh random permutation of the N samples, cut
# into consecutive batches of BATCH_SIZE (the last one smaller when BATCH_SIZE does not divide N:
# drop_last=False keeps it); one optimizer step per batch. A DataLoader would draw its
# permutations from torch's random generator, which cannot reproduce Descent's, so Descent's
# permutations (seed ${config.seed}) are written out below, one per epoch. Every racer sees the
# same batches.
BATCH_SIZE = ${B}
BATCHES_PER_EPOCH = math.ceil(N / BATCH_SIZE)  # ${perEpoch} steps per epoch
PERMUTATIONS = torch.tensor([
${rows.join('\n')}
])  # ${epochs} epoch${epochs === 1 ? '' : 's'}: enough for ${config.steps} steps


def batch_indices(step):
    """The samples used by step \`step\` (0 = the first step)."""
    epoch, j = divmod(step, BATCHES_PER_EPOCH)
    return PERMUTATIONS[epoch, j * BATCH_SIZE : (j + 1) * BATCH_SIZE]


def training_loss(theta, step):
    """The loss whose gradient drives step \`step\`: the loss on that step's mini-batch."""
    return batch_loss(theta, batch_indices(step))
`;
}

function analyticGradientSection(result: ComparisonResult): string {
  const { config } = result;
  const recipe = config.recipes !== undefined;
  let out = recipe
    ? `BATCH_SIZE = ${config.batchSize}  # the scene's batch size (it scales the simulated noise); a racer may have its own


def training_loss(theta, step, batch_size=BATCH_SIZE):
    """The loss whose gradient drives step \`step\`: on an analytic surface, f itself."""
    return f(theta)
`
    : `def training_loss(theta, step):
    """The loss whose gradient drives step \`step\`: on an analytic surface, f itself."""
    return f(theta)
`;
  if (config.surface.noise > 0) {
    const xi = makeNoise(config.steps, config.seed);
    const pairs: string[] = [];
    for (let k = 0; k < config.steps; k++) pairs.push(`[${pyFloat(xi[2 * k])}, ${pyFloat(xi[2 * k + 1])}]`);
    if (recipe) {
      return `${out}

# Simulated mini-batch noise. Descent can imitate the noise of mini-batch gradients on an analytic
# surface: before step k it adds NOISE_SIGMA / sqrt(B) * XI[k] to the exact gradient, where B is
# the racer's batch size and XI[k] a pair of standard normal numbers from its seeded generator
# (seed ${config.seed}), the same for every racer. (Real mini-batch noise shrinks like 1 / sqrt(B) too.)
NOISE_SIGMA = ${pyFloat(config.surface.noise)}
XI = torch.tensor([${wrapItems(pairs, '    ')}])  # one row per step


def add_gradient_noise(theta, step, batch_size=BATCH_SIZE):
    """Adds the simulated noise of step \`step\` to theta.grad, before the optimizer's step."""
    theta.grad += NOISE_SIGMA / math.sqrt(batch_size) * XI[step]
`;
    }
    out += `

# Simulated mini-batch noise. Descent can imitate the noise of mini-batch gradients on an analytic
# surface: before step k it adds NOISE_SIGMA / sqrt(NOISE_BATCH) * XI[k] to the exact gradient,
# where XI[k] is a pair of standard normal numbers from its seeded generator (seed ${config.seed}),
# the same for every racer. (Real mini-batch noise shrinks like 1 / sqrt(batch size) too.)
NOISE_SIGMA = ${pyFloat(config.surface.noise)}
NOISE_BATCH = ${config.batchSize}
NOISE_SCALE = NOISE_SIGMA / math.sqrt(NOISE_BATCH)
XI = torch.tensor([${wrapItems(pairs, '    ')}])  # one row per step


def add_gradient_noise(theta, step):
    """Adds the simulated noise of step \`step\` to theta.grad, before the optimizer's step."""
    theta.grad += NOISE_SCALE * XI[step]
`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function header(result: ComparisonResult, def: SurfaceDef, labels: string[]): string {
  const { config } = result;
  const s = config.surface;
  const extras: string[] = [];
  const params = Object.entries(s.params);
  if (def.name === 'custom') extras.push(`f(x, y) = ${customF(s.params).replace(/\s+/g, ' ').trim()}`);
  else if (params.length) extras.push(params.map(([k, v]) => `${k} = ${v}`).join(', '));
  if (s.l2 > 0) extras.push(`l2 = ${s.l2}`);
  if (s.noise > 0) extras.push(`simulated noise sigma = ${s.noise} at batch size ${config.batchSize}`);
  if (def.kind === 'data') {
    const n = def.create(s.params).n;
    if (s.data) extras.push(`your own data, ${n} samples`);
    extras.push(config.batchSize >= n ? 'full batch' : `batch size ${config.batchSize}`);
  }
  const scene = `${def.label}${extras.length ? ` (${extras.join('; ')})` : ''}`;
  return `#!/usr/bin/env python3
"""A Descent race, exported as a PyTorch script.

Surface: ${scene}
Racers:  ${labels.join(', ')}
${config.steps} steps from (${config.start[0]}, ${config.start[1]}), seed ${config.seed}.

The script reruns the race with torch.optim in float64 and reproduces Descent's trajectories
to about 1e-9. Run it with

    python3 this_script.py          # prints each racer's final point and loss; if matplotlib is
                                    # installed, also saves a plot as a PNG next to the script
    python3 this_script.py --show   # ... and opens the plot in a window
    python3 this_script.py --json   # prints every point of every path as JSON (no plot)

It needs torch; matplotlib is optional. Descent follows torch 1.13's optimizers (torch 2.0
changed NAdam slightly, see its comment). Edit the hyperparameters below and rerun to see what
changes: the last column of the table then shows how far each racer ends from Descent's run.
"""
import json
import math
import os
import sys

import torch

# Descent computes in double precision; so does this script.
torch.set_default_dtype(torch.float64)
`;
}

/** The optimizer step of race(), SAM's two steps first in a recipe scene with SAM racers. */
function stepCall(closure: boolean, noise: boolean, indent: string, recipe: boolean, sam: boolean): string {
  if (!(recipe && sam)) return STEP_CALL(closure, noise, indent, recipe);
  // SAM takes the first branch; the closure branch is left for L-BFGS (never clipped).
  return SAM_RECIPE_STEP(noise, indent, STEP_CALL(closure, noise, indent, true));
}

const STEP_CALL = (closure: boolean, noise: boolean, indent: string, recipe = false) =>
  closure
    ? `${indent}if isinstance(optimizer, CLOSURE_OPTIMIZERS):
${indent}    def closure():
${indent}        optimizer.zero_grad()
${indent}        loss = training_loss(theta, step${recipe ? ', batch_size' : ''})
${indent}        loss.backward()
${noise ? `${indent}        add_gradient_noise(theta, step${recipe ? ', batch_size' : ''})
` : ''}${indent}        return loss

${indent}    optimizer.step(closure)
${indent}else:
${indent}    optimizer.step()  # update theta from theta.grad (and the optimizer's state)
`
    : `${indent}optimizer.step()  # update theta from theta.grad (and the optimizer's state)
`;

/**
 * A recipe scene with SAM racers: SAM is stepped as davda54/sam's README does it when the gradient
 * is clipped (first_step, the gradient again at theta + e, clip it, second_step), so that the clip
 * acts on the gradient the base optimizer steps with (CONTRACT §4); the others clip, then step.
 */
const SAM_RECIPE_STEP = (noise: boolean, indent: string, rest: string) => `${indent}if isinstance(optimizer, SAM):
${indent}    optimizer.first_step(zero_grad=True)  # theta += e, from this gradient (not clipped)
${indent}    training_loss(theta, step, batch_size).backward()  # the gradient at theta + e, same batch
${noise ? `${indent}    add_gradient_noise(theta, step, batch_size)  # and the same noise
` : ''}${indent}    clip_gradient(theta, recipe)  # clipping acts on this second gradient
${indent}    optimizer.second_step(zero_grad=True)  # back to theta; the base optimizer steps with it
${indent}else:
${indent}    clip_gradient(theta, recipe)
${rest.replace(/^(?=.)/gm, '    ')}`;

const RUN_SECTION = (raises: string[], noise: boolean, closure: string[], recipe = false, sam = false) => `${recipe ? `${RECIPE_HELPERS}

` : ''}${
  closure.length
    ? `# Stepped as optimizer.step(closure): the closure evaluates this step's loss again (L-BFGS's
# line search and iterations, SAM's second gradient), on the same batch and with the same noise.
CLOSURE_OPTIMIZERS = (${closure.join(', ')},)


`
    : ''
}def drawn_point(optimizer, theta):
    """The point the race draws and scores: theta, or schedule-free AdamW's x (what eval() sets)."""
    if hasattr(optimizer, "eval_point"):
        return optimizer.eval_point(theta)
    return theta.detach()


def race(label, make_optimizer${recipe ? ', recipe' : ''}):
    """Runs one racer from START for STEPS steps, stopping early if it diverges, as Descent does."""
${
  recipe
    ? `    theta = torch.nn.Parameter(torch.tensor(START))  # the two parameters being optimized
    optimizer = make_optimizer(theta)
    if hasattr(optimizer, "train"):
        optimizer.train()  # schedule-free AdamW: the gradient is taken at y (train mode)
    batch_size = recipe.get("batch_size", BATCH_SIZE)
    scheduler = recipe["scheduler"](optimizer) if "scheduler" in recipe else None
    # The EMA averages the point the race draws (schedule-free AdamW: x, not the y that theta
    # holds in train mode), copied into \`drawn\` before every update.
    drawn = Parameters(torch.nn.Parameter(drawn_point(optimizer, theta).clone()))
    averaged = None
    if "ema" in recipe:
        averaged = torch.optim.swa_utils.AveragedModel(drawn, avg_fn=ema_average(recipe["ema"]))
    path, losses, lrs, emas = [], [], [], []`
    : `    theta = torch.tensor(START, requires_grad=True)  # the two parameters being optimized
    optimizer = make_optimizer(theta)
    if hasattr(optimizer, "train"):
        optimizer.train()  # schedule-free AdamW: the gradient is taken at y (train mode)
    path, losses = [], []`
}
    status, diverged_at, reason = "ok", None, None
    for step in range(STEPS + 1):
        point = drawn_point(optimizer, theta)
        x, y = point.tolist()
        # Descent gives up on a run whose parameters stop being finite or leave |x|, |y| <= 1e6.
        if not (math.isfinite(x) and math.isfinite(y)):
            status, diverged_at, reason = "diverged", step, f"the parameters became non-finite ({x}, {y})"
            break
        if not (abs(x) <= MAX_COORDINATE and abs(y) <= MAX_COORDINATE):
            status, diverged_at = "diverged", step
            reason = f"the parameters left the bounds |x|, |y| <= 1e6 at ({x:.3e}, {y:.3e})"
            break
        with torch.no_grad():
            loss = f(point).item()  # the full loss at this point (for the record, not for the step)
        if not math.isfinite(loss):
            status, diverged_at, reason = "diverged", step, f"the loss became non-finite ({loss})"
            break
        path.append([x, y])
        losses.append(loss)
${
  recipe
    ? `        lrs.append(optimizer.param_groups[0]["lr"])  # the lr of the step leaving this point
        if averaged is not None:
            emas.append(averaged.module.theta.tolist())
`
    : ''
}        if step == STEPS:
            break
        # One training step, the usual PyTorch way:
        optimizer.zero_grad()  # forget the previous gradient
${
  recipe
    ? `        training_loss(theta, step, batch_size).backward()  # theta.grad = gradient of this step's loss
${noise ? '        add_gradient_noise(theta, step, batch_size)  # simulated noise, before the optimizer sees the gradient\n' : ''}${sam ? '' : '        clip_gradient(theta, recipe)\n'}`
    : `        training_loss(theta, step).backward()  # theta.grad = gradient of this step's loss
${noise ? '        add_gradient_noise(theta, step)  # simulated noise, before the optimizer sees the gradient\n' : ''}`
}${
  raises.length
    ? `        try:
${stepCall(closure.length > 0, noise, '            ', recipe, sam)}        except ${raises.length === 1 ? raises[0] : `(${raises.join(', ')})`} as error:
            status, diverged_at, reason = "diverged", step + 1, str(error)
            break
`
    : stepCall(closure.length > 0, noise, '        ', recipe, sam)
}${
  recipe
    ? `        if averaged is not None:
            with torch.no_grad():
                drawn.theta.copy_(drawn_point(optimizer, theta))
            averaged.update_parameters(drawn)  # the first update copies it
        if scheduler is not None:
            scheduler.step()  # after optimizer.step(), as torch wants it
    result = {"label": label, "status": status, "divergedAt": diverged_at, "reason": reason, "path": path, "loss": losses}
    if scheduler is not None:
        result["lr"] = lrs
    if averaged is not None:
        result["ema"] = emas
    return result`
    : `    return {"label": label, "status": status, "divergedAt": diverged_at, "reason": reason, "path": path, "loss": losses}`
}


def difference_from_descent(result, expected):
    """The largest relative difference between this run's final point and loss and Descent's."""
    x, y = result["path"][-1]
    ours = [x, y, result["loss"][-1]]
    return max(abs(a - b) / max(1.0, abs(b)) for a, b in zip(ours, expected))


def print_table(results):
    print(f"{'racer':<24} {'status':<9} {'steps':>6} {'x':>22} {'y':>22} {'loss':>22} {'vs Descent':>10}")
    for result, expected in zip(results, DESCENT_FINAL):
        x, y = result["path"][-1]
        loss = result["loss"][-1]
        steps = len(result["path"]) - 1
        difference = difference_from_descent(result, expected)
        print(f"{result['label']:<24} {result['status']:<9} {steps:>6} {x:>22.15g} {y:>22.15g} {loss:>22.15g} {difference:>10.1e}")
    for result in results:
        if result["reason"]:
            print(f"{result['label']} stopped at step {result['divergedAt']}: {result['reason']}")


def output_path():
    """Where the plot goes: next to this script (or in the working directory, e.g. in a notebook)."""
    try:
        return os.path.splitext(os.path.abspath(__file__))[0] + ".png"
    except NameError:
        return os.path.abspath("descent-race.png")


def plot(results):
    """Contour lines of f and every racer's path, with matplotlib if it is installed."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        print("(pip install matplotlib to get a plot of the race)")
        return
    (x0, x1), (y0, y1) = DOMAIN
    xs = torch.linspace(x0, x1, 101)
    ys = torch.linspace(y0, y1, 101)
    with torch.no_grad():
        Z = torch.tensor([[f(torch.stack([x, y])).item() for x in xs] for y in ys])
    # Contour levels at quantiles of f, so that both the valley floor and the steep walls get lines.
    levels = torch.unique(torch.quantile(Z.flatten(), torch.linspace(0, 1, 30)))
    fig, ax = plt.subplots(figsize=(7, 6))
    # (Plain lists for matplotlib: they work whatever numpy version torch was built against.)
    ax.contour(xs.tolist(), ys.tolist(), Z.tolist(), levels=levels.tolist(), cmap="viridis", linewidths=0.7)
    for result in results:
        px = [p[0] for p in result["path"]]
        py = [p[1] for p in result["path"]]
        ax.plot(px, py, ".-", markersize=2, linewidth=1.2, label=result["label"])
    ax.plot([START[0]], [START[1]], "ko", markersize=5)
    for mx, my in MINIMA:
        ax.plot([mx], [my], "k*", markersize=10)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel(AXES[0])
    ax.set_ylabel(AXES[1])
    ax.set_title(f"{SURFACE}: {STEPS} steps")
    ax.legend()
    fig.tight_layout()
    fig.savefig(output_path(), dpi=120)
    print(f"plot saved to {output_path()}")
    if "--show" in sys.argv[1:]:
        plt.show()


def main():
    results = [${recipe ? 'race(label, make_optimizer, recipe) for (label, make_optimizer), recipe in zip(RACERS, RECIPES)' : 'race(label, make_optimizer) for label, make_optimizer in RACERS'}]
    if "--json" in sys.argv[1:]:
        print(json.dumps({"surface": SURFACE, "runs": results}))
        return
    print_table(results)
    plot(results)


if __name__ == "__main__":
    main()
`;

/** The Python script for a comparison: see the module comment. */
export function toPyTorch(result: ComparisonResult, options: PyTorchOptions = {}): string {
  const { config } = result;
  const def = resolveSurface(config.surface);
  const core = def.create(config.surface.params);
  const labels = racerLabels(result, options.labels);
  // Optimizers torch lacks: each reference class once, in the order the racers first use them.
  const own = [...new Set(config.optimizers.flatMap(defsOf))].filter((d) => d.torchExport.referenceClass);
  const closure = [...new Set(config.optimizers.map((o) => optimizers[o.name].torchExport).filter((e) => e.closure).map((e) => e.ctor))];
  const raises = [...new Set(own.flatMap((d) => (d.torchExport.raises ? [d.torchExport.raises] : [])))];
  const noise = def.kind === 'analytic' && config.surface.noise > 0;

  const sections: string[] = [header(result, def, labels)];
  sections.push(section('The surface'));
  sections.push(def.kind === 'data' ? dataSurface(def, core, config.surface.l2, config.surface.data !== undefined) : analyticSurface(def, config.surface.params, config.surface.l2));
  sections.push(section("Each step's gradient"));
  sections.push(def.kind === 'data' ? batchSection(result, core.n) : analyticGradientSection(result));
  for (const d of own) {
    sections.push(section(`${d.label}, which torch.optim does not have`));
    sections.push(REFERENCE_CLASSES[d.name as OptimizerName] ?? '');
  }

  const racers = config.optimizers.map((opt, i) => {
    const comment = TORCH_COMMENTS[opt.name].map((l) => `    # ${l}`).join('\n');
    const line = `    (${pyString(labels[i])}, lambda theta: ${optimizerExpression(opt)}),`;
    return `${comment}\n${line.length <= 100 ? line : wrapRacer(pyString(labels[i]), opt)}`;
  });
  const finals = result.runs.map((run, i) => {
    const k = run.loss.length - 1;
    return `    [${pyFloat(run.path[2 * k])}, ${pyFloat(run.path[2 * k + 1])}, ${pyFloat(run.loss[k])}],  # ${labels[i]}${
      run.status === 'diverged' ? `: diverged at step ${run.divergedAt}` : ''
    }`;
  });
  const [dx, dy] = [def.domain.x, def.domain.y];
  // The known minima, for the plot (the l2 term moves them, so none are marked then).
  const minima = config.surface.l2 === 0 ? def.criticalPoints(config.surface.params).filter((c) => c.kind === 'min') : [];
  const minimaList = minima.map((c) => `(${pyFloat(c.point[0])}, ${pyFloat(c.point[1])})`).join(', ');
  sections.push(section('The race'));
  sections.push(`SURFACE = ${pyString(def.label)}
DOMAIN = ((${pyFloat(dx[0])}, ${pyFloat(dx[1])}), (${pyFloat(dy[0])}, ${pyFloat(dy[1])}))  # plotted region
AXES = (${pyString(`$${def.axes[0]}$`)}, ${pyString(`$${def.axes[1]}$`)})
MINIMA = [${minimaList}]  # known minima, marked on the plot${config.surface.l2 > 0 ? ' (none: the l2 term moves them)' : ''}
START = [${pyFloat(config.start[0])}, ${pyFloat(config.start[1])}]
STEPS = ${config.steps}
MAX_COORDINATE = ${LIMITS.maxCoordinate.toExponential().replace('e+', 'e')}  # a run whose |x| or |y| exceeds this has diverged

# The racers: a label and a function that builds the optimizer for the parameter tensor theta.
RACERS = [
${racers.join('\n')}
]

${
  config.recipes
    ? `# Each racer's training recipe (see race()): batch_size, scheduler, clip_norm or clip_value, ema.
RECIPES = [
${config.optimizers.map((_, i) => `    ${recipeLiteral(config.recipes?.[i])},  # ${labels[i]}`).join('\n')}
]

`
    : ''
}# Where each racer ended in Descent (x, y, loss), to compare with.
DESCENT_FINAL = [
${finals.join('\n')}
]
`);
  // SAM in a recipe scene is stepped in its two halves, so that a clip acts on its second gradient.
  const sam = config.optimizers.some((o) => o.name === 'sam');
  sections.push(RUN_SECTION(raises, noise, closure, config.recipes !== undefined, sam));
  return sections.join('\n\n');
}

function section(title: string): string {
  const bar = '# ' + '-'.repeat(78);
  return `${bar}\n# ${title}\n${bar}`;
}
