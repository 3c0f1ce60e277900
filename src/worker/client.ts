/**
 * The real engine client: the worker behind comlink. Only the worker's *type* is imported here,
 * so the engine's code stays out of the main bundle.
 */
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { EngineApi, EngineClient } from './api';

export function createWorkerClient(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'descent-engine' });
  const remote: Remote<EngineApi> = wrap<EngineApi>(worker);
  return {
    grid: (req) => remote.grid(req),
    run: (req) => remote.run(req),
    dispose() {
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}
