/**
 * What the page's Network view asks of the engine (run in its worker, network.worker.ts): a race
 * on the `mlp` surface with everything the view draws — per run the kept losses, accuracies, θ,
 * projected paths, the plane's loss at each projected point (for the gap), per-layer gradient
 * norms and the norms of each optimizer state slot at every step — plus the plane, its grid and
 * the data. Plain typed arrays, transferable.
 */
import { optimizers, stateLayout } from '../../optim';
import { normalizeMlpConfig, type MlpRunConfig } from '../../engine/mlp/config';
import { l2Term } from '../../engine/mlp/net';
import { finishMlp, planeGrid, prepareMlp, runMlpOne, type MlpGrid, type MlpRun } from '../../engine/mlp/run';
import { mlpResultToJson } from '../../engine/mlp/json';
import { toPyTorchMlp } from '../../export/pytorch-mlp';

export interface NetworkRun extends MlpRun {
  /** The plane's loss at each kept point's projection θ₀ + a·u + b·v. */
  planeLoss: Float64Array;
  /** ‖∇‖ of each layer's weight and bias at each step: [step][layer] flat, steps × layers (step k = the gradient of step k+1). */
  gradNorm: Float64Array;
  /** Names and per-step norms of the optimizer's state slots after each step: steps × slots, flat. */
  stateNames: string[];
  stateNorm: Float64Array;
}

export interface NetworkReply {
  config: MlpRunConfig;
  x: Float64Array;
  t: Float64Array;
  theta0: Float64Array;
  /** Layer widths [2, h₁, …, 1]. */
  sizes: number[];
  runs: NetworkRun[];
  u: Float64Array;
  v: Float64Array;
  explained: [number, number];
  grid: MlpGrid;
  millis: number;
}

export function computeNetwork(raw: unknown, gridN = 41): NetworkReply {
  const t0 = performance.now();
  const config = normalizeMlpConfig(raw);
  const shared = prepareMlp(config);
  const net = shared.net;
  const L = net.layers;
  const runs = config.optimizers.map((opt) => {
    const def = optimizers[opt.name];
    const layout = stateLayout(def, net.size);
    const slots = def.state.map((s) => ({ name: s.name, at: layout.offsets[s.name], size: s.size === 'n' ? net.size : 1 }));
    const gradNorm = new Float64Array(config.steps * L);
    const stateNorm = new Float64Array(config.steps * slots.length);
    const run = runMlpOne(shared, opt, {
      onStep(k, _theta, g, stepper) {
        for (let l = 0; l < L; l++) {
          const end = net.bOff[l] + net.sizes[l + 1];
          let s = 0;
          for (let i = net.wOff[l]; i < end; i++) s += g[i] * g[i];
          gradNorm[(k - 1) * L + l] = Math.sqrt(s);
        }
        slots.forEach((slot, j) => {
          let s = 0;
          for (let i = slot.at; i < slot.at + slot.size; i++) s += stepper.state[i] * stepper.state[i];
          stateNorm[(k - 1) * slots.length + j] = Math.sqrt(s);
        });
      },
    });
    return { run, gradNorm, stateNorm, stateNames: slots.map((s) => s.name) };
  });
  const plain = runs.map((r) => r.run);
  const { plane } = finishMlp(shared, plain);
  const P = net.size;
  const th = new Float64Array(P);
  const out: NetworkRun[] = runs.map(({ run, gradNorm, stateNorm, stateNames }) => {
    const m = run.loss.length;
    const planeLoss = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const a = run.path[2 * i];
      const b = run.path[2 * i + 1];
      for (let q = 0; q < P; q++) th[q] = shared.theta0[q] + a * plane.u[q] + b * plane.v[q];
      planeLoss[i] = net.loss(th) + l2Term(th, config.surface.l2);
    }
    return { ...run, planeLoss, gradNorm, stateNorm, stateNames };
  });
  const grid = planeGrid(shared, plane, plain, gridN);
  return {
    config,
    x: shared.data.x,
    t: shared.data.t,
    theta0: shared.theta0,
    sizes: Array.from(net.sizes),
    runs: out,
    u: plane.u,
    v: plane.v,
    explained: plane.explained,
    grid,
    millis: performance.now() - t0,
  };
}

/** The CLI's JSON and the PyTorch script of a config (the Network view's exports). */
export function exportNetwork(raw: unknown, kind: 'json' | 'pytorch'): string {
  const config = normalizeMlpConfig(raw);
  const shared = prepareMlp(config);
  const runs = config.optimizers.map((o) => runMlpOne(shared, o));
  const { plane, grid } = finishMlp(shared, runs);
  const result = { config, data: shared.data, theta0: shared.theta0, runs, batches: shared.batches, plane, grid };
  return kind === 'json' ? mlpResultToJson(result) : toPyTorchMlp(result);
}
