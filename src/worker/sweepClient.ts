/**
 * The page's sweep pool: one Web Worker per core (navigator.hardwareConcurrency, at most 8),
 * created on the first sweep and kept for the next. Where there are no workers (component tests),
 * an in-process endpoint computes each chunk in its own macrotask, so the page still never runs a
 * whole grid in one task.
 */
import { createSweepPool, type SweepEndpoint, type SweepPool, type SweepReady, type SweepReply } from './pool';

export const MAX_SWEEP_WORKERS = 8;

function workerEndpoint(): SweepEndpoint {
  const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'descent-sweep' });
  let loaded!: () => void;
  const ready = new Promise<void>((r) => (loaded = r));
  let onReply: (r: SweepReply) => void = () => {};
  worker.onmessage = (e: MessageEvent<SweepReply | SweepReady>) => {
    if ('ready' in e.data) loaded();
    else onReply(e.data);
  };
  return {
    ready,
    post: (job) => worker.postMessage(job),
    listen(reply, onError) {
      onReply = reply;
      worker.onerror = (e) => onError(e.message || 'the worker could not start');
    },
    terminate: () => worker.terminate(),
  };
}

/** Computes on the calling thread, one chunk per macrotask (tests; browsers without workers). */
export function inProcessEndpoint(): SweepEndpoint {
  let onReply: (r: SweepReply) => void = () => {};
  let alive = true;
  const compute = import('./sweepCompute');
  return {
    ready: compute.then(() => undefined),
    post(job) {
      void compute.then(({ computeSweepChunk }) =>
        setTimeout(() => {
          if (alive) onReply(computeSweepChunk(job));
        }, 0),
      );
    },
    listen(reply) {
      onReply = reply;
    },
    terminate() {
      alive = false;
    },
  };
}

let pool: SweepPool | null = null;

/** The page's pool (created on first use). */
export function pagePool(): SweepPool {
  if (pool) return pool;
  const n = Math.max(1, Math.min(MAX_SWEEP_WORKERS, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2));
  const endpoints = Array.from({ length: typeof Worker === 'undefined' ? 1 : n }, typeof Worker === 'undefined' ? inProcessEndpoint : workerEndpoint);
  pool = createSweepPool(endpoints);
  return pool;
}

/** Replaces the page's pool (tests). */
export function setPagePool(p: SweepPool | null): void {
  void pool?.dispose();
  pool = p;
}
