/// <reference lib="webworker" />
/** The engine worker: exposes the run (with its trace) and the contour grid behind comlink; replies are transferred. */
import { expose, transfer } from 'comlink';
import type { EngineApi, GridRequest, RunRequest } from './api';
import { computeGrid, computeRun, transferablesOf } from './compute';

/** A throw reaches the page as a rejection (comlink carries the error); it is logged here too, with its stack. */
function logged<Req, Res>(what: string, f: (req: Req) => Res): (req: Req) => Res {
  return (req) => {
    try {
      return f(req);
    } catch (e) {
      console.error(`Descent: internal error in the engine worker (${what})`, e);
      throw e;
    }
  };
}

const api: EngineApi = {
  grid: logged('grid', (req: GridRequest) => {
    const res = computeGrid(req);
    return transfer(res, transferablesOf(res));
  }),
  run: logged('run', (req: RunRequest) => {
    const res = computeRun(req);
    return transfer(res, transferablesOf(res));
  }),
};

expose(api);
