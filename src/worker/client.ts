/**
 * The real engine client: the worker behind comlink. Only the worker's *type* is imported here,
 * so the engine's code stays out of the main bundle.
 *
 * comlink alone waits forever when the worker is gone, so every call is guarded: the worker's
 * `error` event (its script did not load, it threw while loading, an uncaught error later) and
 * `messageerror` reject every pending call with a fatal EngineFault, and so does a call that gets
 * no answer within `timeoutMs` (the worker is then stopped). A throw inside a computation comes
 * back through comlink as a rejection: an `internal` fault, the worker still usable.
 */
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { EngineApi, EngineClient, GridResult, RunReply } from './api';
import { EngineFault } from './fault';

export interface WorkerClientOptions {
  /** Makes the worker (tests pass a fake one). */
  createWorker?: () => Worker;
  /** A call unanswered for this long means the worker is stuck or gone. */
  timeoutMs?: number;
}

/**
 * Far longer than any computation takes: the slowest request the page can make (16 racers ×
 * 10,000 steps on tinynet) runs in 0.3 s on a shared 2-core machine, so a phone ten times slower
 * still has a margin of five.
 */
export const ENGINE_TIMEOUT_MS = 15_000;

function defaultWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'descent-engine' });
}

export function createWorkerClient(options: WorkerClientOptions = {}): EngineClient {
  const timeoutMs = options.timeoutMs ?? ENGINE_TIMEOUT_MS;
  const worker = (options.createWorker ?? defaultWorker)();
  const remote: Remote<EngineApi> = wrap<EngineApi>(worker);
  let answered = false;
  let dead: EngineFault | null = null;
  const pending = new Set<(f: EngineFault) => void>();

  const die = (fault: EngineFault) => {
    if (dead) return;
    dead = fault;
    worker.terminate();
    for (const reject of [...pending]) reject(fault);
    pending.clear();
  };

  worker.addEventListener('error', (ev: Event) => {
    ev.preventDefault(); // reported here, with context, rather than as an uncaught page error
    const e = ev as ErrorEvent;
    const what = typeof e.message === 'string' && e.message ? e.message : answered ? 'it stopped' : 'its script did not load';
    die(
      answered
        ? new EngineFault('crash', `the engine worker stopped: ${what}`, ev)
        : new EngineFault('start', `the engine worker could not start: ${what}`, ev),
    );
  });
  worker.addEventListener('messageerror', (ev: Event) => {
    die(new EngineFault('unreadable', 'a message from the engine worker could not be read', ev));
  });

  function call<T>(send: () => Promise<T>): Promise<T> {
    if (dead) return Promise.reject(dead);
    return new Promise<T>((resolve, reject) => {
      const fail = (f: EngineFault) => {
        clearTimeout(timer);
        pending.delete(fail);
        reject(f);
      };
      const timer = setTimeout(() => {
        die(new EngineFault('timeout', `the engine worker did not answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      pending.add(fail);
      send().then(
        (value) => {
          if (!pending.has(fail)) return; // already failed (the worker died meanwhile)
          clearTimeout(timer);
          pending.delete(fail);
          answered = true;
          resolve(value);
        },
        (e: unknown) => {
          if (!pending.has(fail)) return;
          answered = true;
          const err = e instanceof Error ? e : new Error(String(e));
          fail(new EngineFault('internal', `${err.name}: ${err.message}`, e));
        },
      );
    });
  }

  return {
    grid: (req) => call(() => remote.grid(req) as Promise<GridResult>),
    run: (req) => call(() => remote.run(req) as Promise<RunReply>),
    isDead: () => dead !== null,
    dispose() {
      for (const reject of [...pending]) reject(new EngineFault('crash', 'the engine worker was replaced'));
      pending.clear();
      dead ??= new EngineFault('crash', 'the engine worker was stopped');
      try {
        remote[releaseProxy]();
      } catch {
        // A worker that is already gone has nothing to release.
      }
      worker.terminate();
    },
  };
}
