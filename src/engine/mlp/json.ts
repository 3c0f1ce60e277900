/** The runner's JSON output for the `mlp` surface (CONTRACT.md §6), printed by the CLI and downloaded as the JSON export. */
import type { MlpResult } from './run';

function rows(flat: Float64Array, width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += width) out.push(Array.from(flat.subarray(i, i + width)));
  return out;
}

export function mlpResultToObject(result: MlpResult): Record<string, unknown> {
  const { config, data } = result;
  const P = result.theta0.length;
  const runs = result.runs.map((run, i) => {
    const recipe = config.recipes?.[i];
    const batches = run.batches !== undefined ? run.batches : result.batches;
    const taken = run.divergedAt === null ? config.steps : Math.min(config.steps, run.divergedAt);
    const list: number[][] = [];
    for (let s = 0; s < taken; s++) {
      if (batches) {
        const from = batches.start[s];
        list.push(Array.from(batches.order.subarray(from, from + batches.size[s])));
      } else {
        list.push(Array.from({ length: data.n }, (_, i) => i));
      }
    }
    const out: Record<string, unknown> = {
      // The racer entry as the CLI takes it: its hyperparameters and its recipe (CONTRACT §4).
      optimizer: recipe === undefined ? run.optimizer : { ...run.optimizer, ...recipe },
      path: rows(run.path, 2),
      loss: Array.from(run.loss),
      accuracy: Array.from(run.accuracy),
      theta: rows(run.theta, P),
      status: run.status,
      divergedAt: run.divergedAt,
      reason: run.reason,
      batches: list,
    };
    // CONTRACT §4: what the recipe produced.
    if (run.lr) out.lr = Array.from(run.lr);
    if (run.ema) {
      out.ema = rows(run.ema, P);
      out.emaLoss = Array.from(run.emaLoss ?? []);
    }
    return out;
  });
  const plane: Record<string, unknown> = {
    axes: [Array.from(result.plane.u), Array.from(result.plane.v)],
    explained: result.plane.explained,
  };
  if (result.grid) {
    const g = result.grid;
    plane.grid = { n: g.n, a: g.a, b: g.b, loss: rows(g.loss, g.n) };
  }
  // The surface without a data set of one's own (that is the output's `data`), as on linreg/logreg.
  const { data: _own, ...surface } = config.surface;
  return {
    surface,
    steps: config.steps,
    batchSize: config.batchSize,
    seed: config.seed,
    stride: config.stride,
    init: Array.from(result.theta0),
    data: { x: rows(data.x, 2), t: Array.from(data.t) },
    runs,
    plane,
  };
}

export function mlpResultToJson(result: MlpResult): string {
  return JSON.stringify(mlpResultToObject(result));
}
