/**
 * The second torch reference file (tests/fixtures/torch-reference-2.json, real PyTorch 1.13 in
 * float64; its README is the team's fixtures/README-2.md): a loader and the comparison, shared by
 * every test that checks its cases. A test picks its cases by optimizer name, runs them its own
 * way (the plain engine here; schedules, clipping, EMA, injected batches and noise elsewhere) and
 * compares with `worstDifference` (1e-9 on every coordinate; losses relative above 1).
 */
import reference from '../fixtures/torch-reference-2.json';
import { normalizeConfig, runComparison } from '../../src/engine';
import type { RunResult } from '../../src/engine/types';

export interface Reference2Case {
  surface: { name: string; params?: Record<string, number>; l2?: number; noise?: number };
  /** The racer entry as the CLI takes it (schedule, clip, ema, batchSize where set). */
  optimizer: { name: string; [k: string]: unknown };
  start: [number, number];
  steps: number;
  path: [number, number][];
  loss: number[];
  lr?: number[];
  ema?: [number, number][];
  race?: string;
  seed?: number;
  batchSize?: number;
  batches?: number[][];
  noise?: [number, number][];
}

export const TOL = 1e-9;

function isCase(x: unknown): x is Reference2Case {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return typeof c.steps === 'number' && Array.isArray(c.path) && Array.isArray(c.loss) && typeof c.optimizer === 'object';
}

/** Every case of the file (checked to have the fields a case has). */
const all: unknown[] = reference.trajectories;
export const reference2Cases: Reference2Case[] = all.filter(isCase);

/** The cases of one optimizer (its `optimizer.name`). */
export function casesOf(name: string): Reference2Case[] {
  return reference2Cases.filter((c) => c.optimizer.name === name);
}

/** A readable test title for a case. */
export function describeCase(c: Reference2Case): string {
  const { name, ...rest } = c.optimizer;
  return `${name} ${JSON.stringify(rest)} on ${c.surface.name}${c.surface.params ? ' ' + JSON.stringify(c.surface.params) : ''} from (${c.start}) for ${c.steps} steps`;
}

/**
 * The largest difference of a run from a case, over every kept point: coordinates absolute,
 * losses absolute up to 1 and relative above. `path` and `loss` are the run's, flat and at
 * stride 1 (path[2k], path[2k+1] is point k).
 */
export function worstDifference(path: ArrayLike<number>, loss: ArrayLike<number>, c: Reference2Case): { worst: number; at: number } {
  let worst = 0;
  let at = -1;
  for (let k = 0; k <= c.steps; k++) {
    const ref = c.loss[k];
    const d = Math.max(
      Math.abs(path[2 * k] - c.path[k][0]),
      Math.abs(path[2 * k + 1] - c.path[k][1]),
      Math.abs(loss[k] - ref) / Math.max(1, Math.abs(ref)),
    );
    if (!(d <= worst)) {
      worst = d;
      at = k;
    }
  }
  return { worst, at };
}

/** Runs a case that is a plain racer (no schedule, clip, EMA or injected batches) through the engine. */
export function runPlainCase(c: Reference2Case): RunResult {
  const config = normalizeConfig({ surface: c.surface, optimizers: [c.optimizer], start: c.start, steps: c.steps });
  return runComparison(config).runs[0];
}
