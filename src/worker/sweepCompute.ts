/** A sweep worker's work, as one plain function shared by the page's Web Workers and the CLI's worker_threads. */
import { sweepCells } from '../engine/sweep';
import type { SweepJob, SweepReply } from './pool';

export function computeSweepChunk(job: SweepJob): SweepReply {
  const t0 = performance.now();
  const { run, from, to } = job;
  try {
    const loss = new Float64Array(to - from);
    const divergedAt = new Int32Array(to - from);
    sweepCells(job.config, from, to, loss, divergedAt);
    return { run, from, to, ok: true, loss, divergedAt, ms: performance.now() - t0 };
  } catch (e) {
    return { run, from, to, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** The buffers of a reply, to transfer rather than copy. */
export function sweepTransferables(r: SweepReply): ArrayBuffer[] {
  return r.ok ? [r.loss.buffer as ArrayBuffer, r.divergedAt.buffer as ArrayBuffer] : [];
}
