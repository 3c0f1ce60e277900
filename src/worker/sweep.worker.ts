/// <reference lib="webworker" />
/** A sweep worker of the page: computes the chunks of cells its pool hands it (see ./pool.ts). */
import type { SweepJob, SweepReady, SweepReply } from './pool';
import { computeSweepChunk, sweepTransferables } from './sweepCompute';

/** Posts one typed message to the page (`{ transfer }` is the form a worker's and a window's postMessage share). */
function post(m: SweepReply | SweepReady, transfer: Transferable[] = []): void {
  self.postMessage(m, { transfer });
}

self.onmessage = (e: MessageEvent<SweepJob>) => {
  const reply = computeSweepChunk(e.data);
  post(reply, sweepTransferables(reply));
};
post({ ready: true });
