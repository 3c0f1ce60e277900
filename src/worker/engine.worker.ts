/// <reference lib="webworker" />
/** The engine worker: exposes the run, the contour grid and a racer's trace behind comlink; replies are transferred. */
import { expose, transfer } from 'comlink';
import type { EngineApi, GridRequest, RunRequest, TraceRequest } from './api';
import { computeGrid, computeRun, computeTrace, transferablesOf } from './compute';

const api: EngineApi = {
  grid(req: GridRequest) {
    const res = computeGrid(req);
    return transfer(res, transferablesOf(res));
  },
  run(req: RunRequest) {
    const res = computeRun(req);
    return transfer(res, transferablesOf(res));
  },
  trace(req: TraceRequest) {
    const res = computeTrace(req);
    return transfer(res, transferablesOf(res));
  },
};

expose(api);
