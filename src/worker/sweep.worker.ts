/// <reference lib="webworker" />
/** A sweep worker of the page: computes the chunks of cells its pool hands it (see ./pool.ts). */
import type { SweepJob, SweepReady } from './pool';
import { computeSweepChunk, sweepTransferables } from './sweepCompute';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<SweepJob>) => {
  const reply = computeSweepChunk(e.data);
  scope.postMessage(reply, sweepTransferables(reply));
};
scope.postMessage({ ready: true } satisfies SweepReady);
