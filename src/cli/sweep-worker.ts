/** A worker_threads sweep worker for the CLI: computes the chunks its pool hands it. */
import { parentPort } from 'node:worker_threads';
import type { SweepJob, SweepReady } from '../worker/pool';
import { computeSweepChunk, sweepTransferables } from '../worker/sweepCompute';

const port = parentPort;
if (!port) throw new Error('sweep-worker.ts runs as a worker thread');
port.on('message', (job: SweepJob) => {
  const reply = computeSweepChunk(job);
  port.postMessage(reply, sweepTransferables(reply));
});
port.postMessage({ ready: true } satisfies SweepReady);
