/**
 * An engine client that computes on the calling thread (tests, and environments without workers).
 * `onRun` / `onGrid` let a test see every request a session sends.
 */
import type { EngineClient, GridRequest, RunRequest } from './api';
import { computeGrid, computeRun } from './compute';

export interface InProcessOptions {
  onRun?: (req: RunRequest) => void;
  onGrid?: (req: GridRequest) => void;
}

export function createInProcessClient(opts: InProcessOptions = {}): EngineClient {
  return {
    async grid(req) {
      opts.onGrid?.(req);
      return computeGrid(structuredClone(req));
    },
    async run(req) {
      opts.onRun?.(req);
      return computeRun(structuredClone(req));
    },
    dispose() {},
  };
}
