/** The runner's JSON output, printed by the CLI and downloaded as the JSON export (CONTRACT.md §3): typed arrays → plain arrays, batches per step, the dataset. */
import type { ComparisonResult } from '../engine/types';
import { surfaces } from '../surfaces';

function pairs(flat: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

export function resultToObject(result: ComparisonResult): Record<string, unknown> {
  const { config, batches } = result;
  const def = surfaces[config.surface.name];
  const core = def.create(config.surface.params);
  const runs = result.runs.map((run) => {
    const out: Record<string, unknown> = {
      optimizer: run.optimizer,
      path: pairs(run.path),
      loss: Array.from(run.loss),
      status: run.status,
      divergedAt: run.divergedAt,
      reason: run.reason,
    };
    if (core.n > 0) {
      const taken = run.divergedAt === null ? config.steps : Math.min(config.steps, run.divergedAt);
      const list: number[][] = [];
      for (let s = 0; s < taken; s++) {
        if (batches) {
          const from = batches.start[s];
          list.push(Array.from(batches.order.subarray(from, from + batches.size[s])));
        } else {
          list.push(Array.from({ length: core.n }, (_, i) => i));
        }
      }
      out.batches = list;
    }
    return out;
  });
  const out: Record<string, unknown> = {
    surface: config.surface,
    start: config.start,
    steps: config.steps,
    batchSize: config.batchSize,
    seed: config.seed,
    stride: config.stride,
    runs,
  };
  const data = core.data;
  if (data?.kind === 'xy') out.data = { x: Array.from(data.x), y: Array.from(data.y) };
  if (data?.kind === 'abt') out.data = { a: Array.from(data.a), b: Array.from(data.b), t: Array.from(data.t) };
  return out;
}

export function resultToJson(result: ComparisonResult): string {
  return JSON.stringify(resultToObject(result));
}
