/**
 * The store's side of the engine: one session per engine client, and the one staleness guard.
 *
 * Each kind of request (run, grid) goes through `latestOnly`: at most one in flight and one
 * waiting, a newer request replaces the waiting one, and the reply of a superseded request
 * resolves to null. Closing the session (a new engine, or none) resolves every pending reply to
 * null as well. So a non-null reply is always the answer to the newest request of its kind on
 * the live engine, and its caller needs no ids of its own. Request ids (one counter) are for the
 * wire and for tests.
 */
import type { SurfaceConfig } from '../engine/types';
import type { Domain } from '../surfaces/types';
import type { EngineClient, GridResult, RunReply } from './api';
import { latestOnly } from './latest';

export interface EngineSession {
  /** Runs `config`; the reply carries the trace of racer `trace` too (null: no trace). */
  run(config: unknown, trace: number | null): Promise<RunReply | null>;
  /** The contour grid of `surface`, `nx` × `ny` values over `domain` (the surface's own when absent). */
  grid(surface: SurfaceConfig, nx: number, ny: number, domain?: Domain): Promise<GridResult | null>;
  /** Disposes the client; replies still pending resolve to null. */
  close(): void;
}

export function openSession(client: EngineClient): EngineSession {
  let seq = 0;
  let open = true;
  const live = <T>(p: Promise<T | null>): Promise<T | null> =>
    p.then(
      (r) => (open ? r : null),
      (e: unknown) => {
        if (open) throw e;
        return null;
      },
    );
  const sendRun = latestOnly(client.run.bind(client));
  const sendGrid = latestOnly(client.grid.bind(client));
  return {
    run: (config, trace) => live(sendRun({ id: ++seq, config, trace })),
    grid: (surface, nx, ny, domain) => live(sendGrid({ id: ++seq, surface, nx, ny, ...(domain ? { domain } : {}) })),
    close() {
      open = false;
      client.dispose();
    },
  };
}
