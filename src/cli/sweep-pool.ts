/** The CLI's sweep pool: one worker_threads worker per core, running ./sweep-worker.ts. */
import { Worker } from 'node:worker_threads';
import { createSweepPool, type SweepEndpoint, type SweepPool, type SweepReady, type SweepReply } from '../worker/pool';

function nodeEndpoint(): SweepEndpoint {
  const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
    workerData: { entry: new URL('./sweep-worker.ts', import.meta.url).href },
  });
  let loaded!: () => void;
  const ready = new Promise<void>((r) => (loaded = r));
  let onReply: (r: SweepReply) => void = () => {};
  worker.on('message', (m: SweepReply | SweepReady) => {
    if ('ready' in m) loaded();
    else onReply(m);
  });
  return {
    ready,
    post: (job) => worker.postMessage(job),
    listen(reply, onError) {
      onReply = reply;
      worker.on('error', (e) => onError(e.message));
    },
    terminate: () => worker.terminate(),
  };
}

export function nodeSweepPool(workers: number): SweepPool {
  return createSweepPool(Array.from({ length: Math.max(1, workers) }, nodeEndpoint));
}
