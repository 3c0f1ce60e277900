/**
 * Sweeps (CONTRACT.md §7): a grid over one or two of a racer's hyperparameters, or its batch size,
 * each cell exactly the run `run` would give for that setting, reduced to its final loss and the
 * step it diverged at.
 *
 *   normalizeSweep(raw)         raw JSON → a SweepConfig (plain data: it crosses to the workers)
 *   cellConfig(sweep, i, j)     the run config of cell (x_i, y_j): what `run` is compared with
 *   sweepCells(sweep, a, b, …)  cells a … b−1 (row-major over y), the unit of work of one worker
 *   sweep(sweep)                the whole grid on this thread
 *
 * Each cell runs through the engine's own `runOne` (the same step loop, stepper and shared batches
 * and noise as `run`), at a stride as long as the run, so that it keeps three points instead of the
 * path: the final loss is the same number, bit for bit, by construction rather than by a second copy
 * of the loop. The per-step work allocates nothing; a cell allocates its stepper and a few tiny
 * arrays (measured: under 3 % of a 300-step Adam cell, see scripts/bench.ts).
 */
import { fdlibmPow } from '../math/fdlibm-pow';
import { ConfigError, show } from '../optim/errors';
import { getOptimizer, normalizeOptimizerConfig, optimizers, type OptimizerConfig, type PairSpec } from '../optim';
import type { HyperSpec, NumberSpec } from '../optim/types';
import { checkNumber } from '../optim/validate';
import { surfaceFor } from '../surfaces';
import { LIMITS, normalizeConfig } from './config';
import { prepareShared, runOne } from './run';
import type { RunConfig } from './types';

export const SWEEP_LIMITS = { maxAxis: 1024, maxCells: 1024 * 1024 } as const;

export type AxisScale = 'log' | 'linear';

/** One axis as the config gives it: `{"key": "lr", "from": 1e-4, "to": 1, "n": 128, "scale": "log"}`. */
export interface SweepAxis {
  /** A numeric hyperparameter (`lr`, `momentum`, `betas.0`, …) or `batchSize`. */
  key: string;
  from: number;
  to: number;
  n: number;
  scale: AxisScale;
}

/** A normalised sweep: the base run (one optimizer, defaults filled in), its axes and their values. */
export interface SweepConfig {
  base: RunConfig;
  x: SweepAxis;
  /** null for a curve (one row). */
  y: SweepAxis | null;
  /** The values of each axis (batch sizes rounded to whole numbers). */
  xs: number[];
  ys: number[];
}

/** The grid: `loss[j·nx + i]` is cell (x_i, y_j), NaN where it diverged; `divergedAt` −1 where it did not. */
export interface SweepResult {
  xs: number[];
  ys: number[];
  loss: Float64Array;
  divergedAt: Int32Array;
  elapsedMs: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The values of an axis, exactly as §7 defines them. */
export function axisValues(a: Pick<SweepAxis, 'from' | 'to' | 'n' | 'scale'>): number[] {
  const out: number[] = [];
  const { from, to, n } = a;
  for (let i = 0; i < n; i++) {
    const t = n === 1 ? 0 : i / (n - 1);
    out.push(a.scale === 'log' ? from * fdlibmPow(to / from, t) : from + (to - from) * t);
  }
  return out;
}

/** What an axis key refers to: a number hyperparameter, one component of a pair, or the batch size. */
type Target =
  | { kind: 'batchSize' }
  | { kind: 'number'; key: string; spec: NumberSpec }
  | { kind: 'pair'; key: string; index: 0 | 1; spec: PairSpec };

/** The numeric hyperparameters of an optimizer as sweep keys (`lr`, `betas.0`, `betas.1`, …), and `batchSize`. */
export function sweepKeys(name: string): string[] {
  const def = getOptimizer(name);
  if (!def) return [];
  const keys: string[] = [];
  for (const s of def.hyper) {
    if (s.kind === 'number') keys.push(s.key);
    if (s.kind === 'pair') keys.push(`${s.key}.0`, `${s.key}.1`);
  }
  keys.push('batchSize');
  return keys;
}

function resolveKey(key: unknown, opt: OptimizerConfig, field: string): Target {
  const keys = sweepKeys(opt.name);
  if (typeof key !== 'string' || !keys.includes(key)) {
    throw new ConfigError(field, `must name a numeric hyperparameter of ${opt.name} or batchSize; expected one of ${keys.join(', ')} (got ${show(key)})`);
  }
  if (key === 'batchSize') return { kind: 'batchSize' };
  const def = optimizers[opt.name];
  const dot = key.indexOf('.');
  const name = dot < 0 ? key : key.slice(0, dot);
  const spec = def.hyper.find((s) => s.key === name) as HyperSpec;
  if (spec.kind === 'pair') return { kind: 'pair', key: name, index: key.endsWith('.0') ? 0 : 1, spec };
  return { kind: 'number', key: name, spec: spec as NumberSpec };
}

/** The optimizer config with one swept value set (a fresh object; `opt` is not changed). */
function withValue(opt: OptimizerConfig, t: Target, v: number): OptimizerConfig {
  if (t.kind === 'number') return { ...opt, [t.key]: v };
  if (t.kind === 'pair') {
    const pair = (opt[t.key] as [number, number]).slice() as [number, number];
    pair[t.index] = v;
    return { ...opt, [t.key]: pair };
  }
  return opt;
}

function parseAxis(raw: unknown, field: 'x' | 'y', opt: OptimizerConfig): { axis: SweepAxis; target: Target } {
  if (!isRecord(raw)) {
    throw new ConfigError(field, `must be an axis like {"key": "lr", "from": 0.0001, "to": 1, "n": 64, "scale": "log"} (got ${show(raw)})`);
  }
  for (const k of Object.keys(raw)) {
    if (!['key', 'from', 'to', 'n', 'scale'].includes(k)) {
      throw new ConfigError(`${field}.${k}`, 'unknown field; expected one of key, from, to, n, scale');
    }
  }
  const target = resolveKey(raw.key, opt, `${field}.key`);
  const finite = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE };
  const from = checkNumber(raw.from, finite, `${field}.from`);
  const to = checkNumber(raw.to, finite, `${field}.to`);
  const n = checkNumber(raw.n, { min: 1, max: SWEEP_LIMITS.maxAxis, integer: true }, `${field}.n`);
  const defaultScale: AxisScale = target.kind === 'number' ? target.spec.scale : target.kind === 'batchSize' ? 'log' : 'linear';
  const scale = raw.scale === undefined ? defaultScale : raw.scale;
  if (scale !== 'log' && scale !== 'linear') {
    throw new ConfigError(`${field}.scale`, `must be "log" or "linear" (got ${show(scale)})`);
  }
  if (scale === 'log') {
    if (!(from > 0)) throw new ConfigError(`${field}.from`, `must be > 0 on a log axis (got ${from})`);
    if (!(to > 0)) throw new ConfigError(`${field}.to`, `must be > 0 on a log axis (got ${to})`);
  }
  return { axis: { key: raw.key as string, from, to, n, scale }, target };
}

/** An axis's values, each checked against the hyperparameter's range (batch sizes rounded and checked). */
function checkedValues(axis: SweepAxis, target: Target, field: 'x' | 'y', base: RunConfig, nSamples: number): number[] {
  const values = axisValues(axis);
  const at = (i: number) => (i === 0 ? `${field}.from` : i === values.length - 1 ? `${field}.to` : field);
  if (target.kind === 'batchSize') {
    const max = nSamples || LIMITS.maxAnalyticBatch;
    return values.map((v, i) => {
      const b = Math.round(v);
      if (b < 1 || b > max) throw new ConfigError(at(i), `batch size ${b} (from ${v}) must be ≥ 1 and ≤ ${max}`);
      return b;
    });
  }
  const opt = base.optimizers[0];
  values.forEach((v, i) => {
    try {
      normalizeOptimizerConfig(withValue(opt, target, v), 'optimizer');
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(at(i), `${axis.key} = ${v}: ${e.problem}`);
      throw e;
    }
  });
  return values;
}

/** Validates a raw sweep config (a run config with `optimizer` and the axes `x`, optional `y`). */
export function normalizeSweep(raw: unknown): SweepConfig {
  if (!isRecord(raw)) throw new ConfigError('config', `must be a JSON object (got ${show(raw)})`);
  const known = ['surface', 'optimizer', 'start', 'steps', 'batchSize', 'seed', 'stride', 'x', 'y'];
  for (const k of Object.keys(raw)) {
    if (k === 'optimizers') throw new ConfigError('optimizers', 'a sweep takes one racer: give "optimizer": {...} instead of "optimizers"');
    if (!known.includes(k)) throw new ConfigError(k, `unknown field; expected one of ${known.join(', ')}`);
  }
  if (raw.optimizer === undefined) throw new ConfigError('optimizer', 'missing: give the racer to sweep, e.g. {"name": "adam"}');
  const opt = normalizeOptimizerConfig(raw.optimizer, 'optimizer');
  const { optimizer: _o, x: rawX, y: rawY, ...rest } = raw;
  const base = normalizeConfig({ ...rest, optimizers: [opt] });
  if (rawX === undefined) throw new ConfigError('x', 'missing: give the axis to sweep, e.g. {"key": "lr", "from": 0.0001, "to": 1, "n": 64, "scale": "log"}');
  const x = parseAxis(rawX, 'x', opt);
  const y = rawY === undefined || rawY === null ? null : parseAxis(rawY, 'y', opt);
  if (y && y.axis.key === x.axis.key) throw new ConfigError('y.key', `must differ from x.key (both are ${x.axis.key})`);
  const def = surfaceFor(base.surface.name, base.surface.params);
  const nSamples = def.kind === 'data' ? def.create(base.surface.params).n : 0;
  const xs = checkedValues(x.axis, x.target, 'x', base, nSamples);
  const ys = y ? checkedValues(y.axis, y.target, 'y', base, nSamples) : [];
  if (y) {
    if (xs.length * ys.length > SWEEP_LIMITS.maxCells) {
      throw new ConfigError('y.n', `at most ${SWEEP_LIMITS.maxCells} cells (got ${xs.length} × ${ys.length})`);
    }
    // Checks across fields (a pair's components against each other, Nesterov's rules) can fail for a
    // combination although each value passes alone: check every cell when both axes touch one pair,
    // else the four corners.
    const samePair = x.target.kind === 'pair' && y.target.kind === 'pair' && x.target.key === y.target.key;
    const is = samePair ? xs.map((_, i) => i) : [...new Set([0, xs.length - 1])];
    const js = samePair ? ys.map((_, j) => j) : [...new Set([0, ys.length - 1])];
    for (const j of js) {
      for (const i of is) {
        try {
          normalizeOptimizerConfig(withValue(withValue(opt, x.target, xs[i]), y.target, ys[j]), 'optimizer');
        } catch (e) {
          if (e instanceof ConfigError) throw new ConfigError('y', `the cell ${x.axis.key} = ${xs[i]}, ${y.axis.key} = ${ys[j]}: ${e.problem}`);
          throw e;
        }
      }
    }
  }
  return { base, x: x.axis, y: y ? y.axis : null, xs, ys };
}

function targetOf(sweep: SweepConfig, axis: SweepAxis): Target {
  return resolveKey(axis.key, sweep.base.optimizers[0], axis.key);
}

/** The run config of cell (x_i, y_j): one optimizer, the swept values set. `run` on it gives the cell. */
export function cellConfig(sweep: SweepConfig, i: number, j: number): RunConfig {
  const axes: [SweepAxis, number][] = [[sweep.x, sweep.xs[i]]];
  if (sweep.y) axes.push([sweep.y, sweep.ys[j]]);
  let opt = sweep.base.optimizers[0];
  let batchSize = sweep.base.batchSize;
  for (const [axis, v] of axes) {
    const t = targetOf(sweep, axis);
    if (t.kind === 'batchSize') batchSize = v;
    else opt = withValue(opt, t, v);
  }
  return { ...sweep.base, optimizers: [opt], batchSize };
}

export function cellCount(sweep: SweepConfig): number {
  return sweep.xs.length * Math.max(1, sweep.ys.length);
}

/**
 * Computes cells `from` … `to − 1` (cell c is x_(c mod nx), y_(c div nx)) into `loss` and
 * `divergedAt` at `offset + c − from`. The batches and noise are prepared once per batch size.
 */
export function sweepCells(
  sweep: SweepConfig,
  from: number,
  to: number,
  loss: Float64Array,
  divergedAt: Int32Array,
  offset = 0,
): void {
  const nx = sweep.xs.length;
  const tx = targetOf(sweep, sweep.x);
  const ty = sweep.y ? targetOf(sweep, sweep.y) : null;
  const base = sweep.base;
  const opt0 = base.optimizers[0];
  // A stride as long as the run keeps the start and the last point: the run without its path.
  const stride = Math.max(1, base.steps);
  const shared = new Map<number, ReturnType<typeof prepareShared>>();
  const config: RunConfig = { ...base, stride };
  for (let c = from; c < to; c++) {
    const i = c % nx;
    const j = (c - i) / nx;
    let opt = opt0;
    let batchSize = base.batchSize;
    if (tx.kind === 'batchSize') batchSize = sweep.xs[i];
    else opt = withValue(opt, tx, sweep.xs[i]);
    if (ty) {
      if (ty.kind === 'batchSize') batchSize = sweep.ys[j];
      else opt = withValue(opt, ty, sweep.ys[j]);
    }
    config.batchSize = batchSize;
    let sh = shared.get(batchSize);
    if (!sh) shared.set(batchSize, (sh = prepareShared(config)));
    const run = runOne(config, opt, sh);
    const k = offset + c - from;
    if (run.divergedAt === null) {
      loss[k] = run.loss[run.loss.length - 1];
      divergedAt[k] = -1;
    } else {
      loss[k] = Number.NaN;
      divergedAt[k] = run.divergedAt;
    }
  }
}

/** The whole grid on the calling thread. */
export function sweep(s: SweepConfig): SweepResult {
  const t0 = performance.now();
  const n = cellCount(s);
  const loss = new Float64Array(n);
  const divergedAt = new Int32Array(n);
  sweepCells(s, 0, n, loss, divergedAt);
  return { xs: s.xs, ys: s.ys, loss, divergedAt, elapsedMs: performance.now() - t0 };
}

/** §7's output: rows over y (one row for a curve), null where a cell diverged. */
export function sweepToObject(s: SweepConfig, r: SweepResult): Record<string, unknown> {
  const nx = r.xs.length;
  const rows = Math.max(1, r.ys.length);
  const loss: (number | null)[][] = [];
  const div: (number | null)[][] = [];
  for (let j = 0; j < rows; j++) {
    const lr: (number | null)[] = [];
    const dr: (number | null)[] = [];
    for (let i = 0; i < nx; i++) {
      const c = j * nx + i;
      const d = r.divergedAt[c];
      lr.push(d >= 0 ? null : r.loss[c]);
      dr.push(d >= 0 ? d : null);
    }
    loss.push(lr);
    div.push(dr);
  }
  return {
    surface: s.base.surface,
    optimizer: s.base.optimizers[0],
    steps: s.base.steps,
    start: s.base.start,
    batchSize: s.base.batchSize,
    seed: s.base.seed,
    xAxis: s.x,
    yAxis: s.y,
    x: r.xs,
    y: s.y ? r.ys : null,
    loss,
    divergedAt: div,
    elapsedMs: r.elapsedMs,
  };
}
