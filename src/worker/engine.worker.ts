/// <reference lib="webworker" />
/** The engine worker: exposes the run (with its trace) and the contour grid behind comlink; replies are transferred. */
import { expose, transfer } from 'comlink';
import type { EngineApi, GridRequest, RunRequest } from './api';
import { computeGrid, computeRun, transferablesOf } from './compute';

const api: EngineApi = {
  grid(req: GridRequest) {
    const res = computeGrid(req);
    return transfer(res, transferablesOf(res));
  },
  run(req: RunRequest) {
    const res = computeRun(req);
    return transfer(res, transferablesOf(res));
  },
};

expose(api);
