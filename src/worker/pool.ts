/**
 * A pool of sweep workers: the grid of a sweep is cut into chunks of cells, handed out to the
 * workers as they finish (a diverging corner of the map is cheap, the converging rest is not, so a
 * fixed split would leave a core idle), and written into one result as the chunks come back.
 *
 * The pool knows nothing of Web Workers or worker_threads: it talks to `SweepEndpoint`s, which the
 * page (./sweepClient.ts) and the CLI (src/cli/sweep-pool.ts) make from their own kind of thread.
 * Replies are transferred; the thread that owns the pool only copies each chunk into place.
 */
import type { SweepConfig, SweepResult } from '../engine/sweep';
import { cellCount } from '../engine/sweep';

/** Main thread → worker: compute cells from … to − 1 of `config` (sweep `run`). */
export interface SweepJob {
  run: number;
  config: SweepConfig;
  from: number;
  to: number;
}

/** Worker → main thread. */
export type SweepReply =
  | { run: number; from: number; to: number; ok: true; loss: Float64Array; divergedAt: Int32Array; ms: number }
  | { run: number; from: number; to: number; ok: false; message: string };

/** A worker's first message: it has loaded and takes jobs. */
export interface SweepReady {
  ready: true;
}

/** One worker, seen from the pool. */
export interface SweepEndpoint {
  /** Resolves once the worker has loaded (jobs posted before are queued by the thread anyway). */
  ready: Promise<void>;
  post(job: SweepJob): void;
  /** Sets the one reply handler. */
  listen(onReply: (reply: SweepReply) => void, onError: (message: string) => void): void;
  terminate(): void | Promise<unknown>;
}

export interface SweepProgress {
  /** Cells done so far and in all. */
  done: number;
  total: number;
  /** The chunk that just arrived (cells from … to − 1, already written into `result`). */
  from: number;
  to: number;
  /** The grid so far: cells not yet computed hold NaN and divergedAt −2. */
  result: SweepResult;
}

export interface SweepHandle {
  /** Resolves with the whole grid; rejects with a `SweepCancelled` when cancelled (or superseded). */
  done: Promise<SweepResult>;
  cancel(): void;
}

export class SweepCancelled extends Error {
  constructor() {
    super('the sweep was cancelled');
    this.name = 'SweepCancelled';
  }
}

/** Marks a cell not computed yet in `divergedAt` (−1 is "did not diverge"). */
export const PENDING = -2;

/** Cells per chunk: about `stepsPerChunk` optimizer steps, and at least 4 chunks per worker. */
export function chunkSize(cells: number, steps: number, workers: number, stepsPerChunk = 150_000): number {
  const bySteps = Math.max(1, Math.floor(stepsPerChunk / Math.max(1, steps)));
  const byWorkers = Math.max(1, Math.ceil(cells / (4 * Math.max(1, workers))));
  return Math.min(bySteps, byWorkers);
}

interface Active {
  run: number;
  config: SweepConfig;
  result: SweepResult;
  next: number;
  chunk: number;
  done: number;
  total: number;
  t0: number;
  onProgress?: (p: SweepProgress) => void;
  resolve: (r: SweepResult) => void;
  reject: (e: unknown) => void;
}

export interface SweepPool {
  readonly size: number;
  /** Resolves once every worker has loaded. */
  ready: Promise<void>;
  run(config: SweepConfig, onProgress?: (p: SweepProgress) => void): SweepHandle;
  dispose(): Promise<void>;
}

/** Jobs kept in flight per worker, so that a worker never waits for the round trip of its next chunk. */
const IN_FLIGHT = 2;

export function createSweepPool(endpoints: SweepEndpoint[], now: () => number = () => performance.now()): SweepPool {
  if (endpoints.length === 0) throw new RangeError('a sweep pool needs at least one worker');
  let seq = 0;
  let active: Active | null = null;
  const inFlight = endpoints.map(() => 0);

  function pump(): void {
    const a = active;
    if (!a) return;
    endpoints.forEach((ep, w) => {
      while (inFlight[w] < IN_FLIGHT && a.next < a.total) {
        const from = a.next;
        const to = Math.min(a.total, from + a.chunk);
        a.next = to;
        inFlight[w]++;
        ep.post({ run: a.run, config: a.config, from, to });
      }
    });
  }

  function fail(a: Active, e: unknown): void {
    if (active === a) active = null;
    a.reject(e);
  }

  endpoints.forEach((ep, w) => {
    ep.listen(
      (reply) => {
        inFlight[w] = Math.max(0, inFlight[w] - 1);
        const a = active;
        if (a && reply.run === a.run) {
          if (!reply.ok) {
            fail(a, new Error(reply.message));
            return;
          }
          a.result.loss.set(reply.loss, reply.from);
          a.result.divergedAt.set(reply.divergedAt, reply.from);
          a.done += reply.to - reply.from;
          if (a.done === a.total) {
            active = null;
            a.result.elapsedMs = now() - a.t0;
          }
          a.onProgress?.({ done: a.done, total: a.total, from: reply.from, to: reply.to, result: a.result });
          if (a.done === a.total) a.resolve(a.result);
        }
        pump();
      },
      (message) => {
        inFlight[w] = 0;
        if (active) fail(active, new Error(`a sweep worker failed: ${message}`));
      },
    );
  });

  return {
    size: endpoints.length,
    ready: Promise.all(endpoints.map((ep) => ep.ready)).then(() => undefined),
    run(config, onProgress) {
      if (active) {
        const old = active;
        active = null;
        old.reject(new SweepCancelled());
      }
      const total = cellCount(config);
      const loss = new Float64Array(total).fill(Number.NaN);
      const divergedAt = new Int32Array(total).fill(PENDING);
      const result: SweepResult = { xs: config.xs, ys: config.ys, loss, divergedAt, elapsedMs: 0 };
      let a!: Active;
      const done = new Promise<SweepResult>((resolve, reject) => {
        a = {
          run: ++seq,
          config,
          result,
          next: 0,
          chunk: chunkSize(total, config.base.steps, endpoints.length),
          done: 0,
          total,
          t0: now(),
          onProgress,
          resolve,
          reject,
        };
      });
      active = a;
      if (total === 0) {
        active = null;
        a.resolve(result);
      } else pump();
      return {
        done,
        cancel() {
          if (active === a) {
            active = null;
            a.reject(new SweepCancelled());
          }
        },
      };
    },
    async dispose() {
      if (active) {
        const a = active;
        active = null;
        a.reject(new SweepCancelled());
      }
      await Promise.all(endpoints.map((ep) => ep.terminate()));
    },
  };
}
