/// <reference lib="webworker" />
/** The Network view's worker: trains the race (./session.ts) and builds its exports, off the main thread. */
import { ConfigError } from '../../optim/errors';
import { computeNetwork, exportNetwork } from './session';

export type NetworkRequest = { id: number; kind: 'run'; raw: unknown } | { id: number; kind: 'export'; raw: unknown; format: 'json' | 'pytorch' };

self.onmessage = (e: MessageEvent<NetworkRequest>) => {
  const req = e.data;
  try {
    if (req.kind === 'run') {
      const reply = computeNetwork(req.raw);
      const buffers: ArrayBuffer[] = [];
      for (const r of reply.runs) for (const a of [r.theta, r.loss, r.accuracy, r.path, r.planeLoss, r.gradNorm, r.stateNorm]) buffers.push(a.buffer as ArrayBuffer);
      buffers.push(reply.grid.loss.buffer as ArrayBuffer);
      self.postMessage({ id: req.id, ok: true, reply }, { transfer: buffers });
    } else {
      self.postMessage({ id: req.id, ok: true, text: exportNetwork(req.raw, req.format) });
    }
  } catch (err) {
    const field = err instanceof ConfigError ? err.field : null;
    if (!(err instanceof ConfigError)) console.error('Descent: internal error in the network worker', err);
    self.postMessage({ id: req.id, ok: false, field, message: err instanceof Error ? err.message : String(err) });
  }
};
