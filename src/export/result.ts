/**
 * The runner's JSON output, printed by the CLI and downloaded as the JSON export (CONTRACT.md §3):
 * typed arrays → plain arrays, batches per kept point, the dataset.
 *
 * Two writers of the same text: `resultToObject` builds the object (the page's JSON export, a
 * few thousand points at most), and `writeRunJson` streams it in bounded chunks while it runs the
 * racers one after the other, so that a run of 16 racers × 1,000,000 steps never holds more than
 * one racer's trajectory and one chunk of text in memory (a single string of that output would
 * pass V8's string-length limit).
 *
 * `batches`: the samples used by the step that leaves each kept point, so with the default stride
 * of 1 it lists every step's batch (§3) and with stride k it has one entry per kept point (the
 * last point, which no step leaves, has none).
 */
import type { Batches } from '../engine/run';
import { prepareShared, runOne } from '../engine/run';
import type { ComparisonResult, RunConfig, RunResult } from '../engine/types';
import { resolveSurface } from '../engine/userdata';
import type { Dataset } from '../surfaces/types';
import type { Recipe } from '../engine/recipe';

/** The racer entry as the CLI takes it: its hyperparameters and its recipe (CONTRACT §4), defaults filled in. */
export function racerEntry(run: RunResult, recipe: Recipe | undefined): Record<string, unknown> {
  return recipe === undefined ? { ...run.optimizer } : { ...run.optimizer, ...recipe };
}

/** A racer's own batches (per-racer batchSize, §4) or the comparison's. */
function batchesOf(run: RunResult, shared: Batches | null): Batches | null {
  return run.batches !== undefined ? run.batches : shared;
}

function pairs(flat: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

/** Number of steps a run took: its steps, or up to the one that diverged. */
function stepsTaken(config: RunConfig, run: RunResult): number {
  return run.divergedAt === null ? config.steps : Math.min(config.steps, run.divergedAt);
}

/**
 * Calls `each(from, to)` for the batch of the step leaving every kept point that a step leaves:
 * the samples are `order[from .. to)`, or all n samples (0 … n−1) on a full-batch run (`order` null).
 */
function forEachKeptBatch(
  config: RunConfig,
  run: RunResult,
  batches: Batches | null,
  each: (order: Int32Array | null, from: number, to: number) => void,
): void {
  const taken = stepsTaken(config, run);
  for (let j = 0; j < run.index.length; j++) {
    const s = run.index[j];
    if (s >= taken) break;
    if (batches) {
      const from = batches.start[s];
      each(batches.order, from, from + batches.size[s]);
    } else {
      each(null, 0, 0);
    }
  }
}

function datasetObject(data: Dataset | null): Record<string, number[]> | undefined {
  if (data?.kind === 'xy') return { x: Array.from(data.x), y: Array.from(data.y) };
  if (data?.kind === 'abt') return { a: Array.from(data.a), b: Array.from(data.b), t: Array.from(data.t) };
  return undefined;
}

/** The output's `surface`: the config's, without a data set of one's own (that is the output's `data`). */
function surfaceOut(config: RunConfig): RunConfig['surface'] {
  if (!config.surface.data) return config.surface;
  const { data: _data, ...rest } = config.surface;
  return rest;
}

export function resultToObject(result: ComparisonResult): Record<string, unknown> {
  const { config, batches } = result;
  const def = resolveSurface(config.surface);
  const core = def.create(config.surface.params);
  const all = Array.from({ length: core.n }, (_, i) => i);
  const runs = result.runs.map((run, i) => {
    const out: Record<string, unknown> = {
      optimizer: racerEntry(run, config.recipes?.[i]),
      path: pairs(run.path),
      loss: Array.from(run.loss),
    };
    if (run.lr) out.lr = Array.from(run.lr);
    if (run.ema) out.ema = pairs(run.ema);
    out.status = run.status;
    out.divergedAt = run.divergedAt;
    out.reason = run.reason;
    if (core.n > 0) {
      const list: number[][] = [];
      forEachKeptBatch(config, run, batchesOf(run, batches), (order, from, to) => {
        list.push(order ? Array.from(order.subarray(from, to)) : all.slice());
      });
      out.batches = list;
    }
    return out;
  });
  const out: Record<string, unknown> = {
    surface: surfaceOut(config),
    start: config.start,
    steps: config.steps,
    batchSize: config.batchSize,
    seed: config.seed,
    stride: config.stride,
    runs,
  };
  const data = datasetObject(core.data);
  if (data) out.data = data;
  return out;
}

export function resultToJson(result: ComparisonResult): string {
  return JSON.stringify(resultToObject(result));
}

/** Size of the chunks handed to the sink, in UTF-16 code units (the output is ASCII but for `reason`). */
export const CHUNK_SIZE = 1 << 16;

/** Collects text and hands it to `sink` in chunks of about CHUNK_SIZE characters. */
export class ChunkWriter {
  private buf = '';

  constructor(private readonly sink: (chunk: string) => void) {}

  push(s: string): void {
    this.buf += s;
    if (this.buf.length >= CHUNK_SIZE) this.flush();
  }

  /** A number as JSON.stringify writes it (null for a non-finite one). */
  number(x: number): void {
    this.push(Number.isFinite(x) ? String(x) : 'null');
  }

  flush(): void {
    if (this.buf.length > 0) {
      const s = this.buf;
      this.buf = '';
      this.sink(s);
    }
  }
}

function writeNumbers(w: ChunkWriter, xs: ArrayLike<number>, from = 0, to = xs.length): void {
  w.push('[');
  for (let i = from; i < to; i++) {
    if (i > from) w.push(',');
    w.number(xs[i]);
  }
  w.push(']');
}

function writePairs(w: ChunkWriter, flat: Float64Array): void {
  w.push('[');
  for (let i = 0; i < flat.length; i += 2) {
    w.push(i === 0 ? '[' : ',[');
    w.number(flat[i]);
    w.push(',');
    w.number(flat[i + 1]);
    w.push(']');
  }
  w.push(']');
}

function writeRun(w: ChunkWriter, config: RunConfig, run: RunResult, n: number, shared: Batches | null, all: Int32Array, recipe: Recipe | undefined): void {
  const batches = batchesOf(run, shared);
  w.push(`{"optimizer":${JSON.stringify(racerEntry(run, recipe))},"path":`);
  writePairs(w, run.path);
  w.push(',"loss":');
  writeNumbers(w, run.loss);
  if (run.lr) {
    w.push(',"lr":');
    writeNumbers(w, run.lr);
  }
  if (run.ema) {
    w.push(',"ema":');
    writePairs(w, run.ema);
  }
  w.push(`,"status":${JSON.stringify(run.status)},"divergedAt":${JSON.stringify(run.divergedAt)},"reason":${JSON.stringify(run.reason)}`);
  if (n > 0) {
    w.push(',"batches":[');
    let first = true;
    forEachKeptBatch(config, run, batches, (order, from, to) => {
      if (!first) w.push(',');
      first = false;
      if (order) writeNumbers(w, order, from, to);
      else writeNumbers(w, all);
    });
    w.push(']');
  }
  w.push('}');
}

/**
 * Runs a normalised config and writes its JSON (the text of `resultToJson(runComparison(config))`)
 * to `sink` in chunks, racer by racer: each racer's arrays are dropped once written.
 */
export function writeRunJson(config: RunConfig, sink: (chunk: string) => void): void {
  const w = new ChunkWriter(sink);
  const shared = prepareShared(config);
  const n = shared.obj.n;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  w.push(
    `{"surface":${JSON.stringify(surfaceOut(config))},"start":${JSON.stringify(config.start)},"steps":${JSON.stringify(config.steps)},` +
      `"batchSize":${JSON.stringify(config.batchSize)},"seed":${JSON.stringify(config.seed)},"stride":${JSON.stringify(config.stride)},"runs":[`,
  );
  config.optimizers.forEach((opt, i) => {
    if (i > 0) w.push(',');
    const recipe = config.recipes?.[i];
    writeRun(w, config, runOne(config, opt, shared, {}, recipe), n, shared.batches, all, recipe);
  });
  w.push(']');
  const data = datasetObject(shared.obj.data);
  if (data) w.push(`,"data":${JSON.stringify(data)}`);
  w.push('}');
  w.flush();
}
