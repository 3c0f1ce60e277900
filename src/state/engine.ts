/**
 * The store's engine wiring: what to ask the engine for when the state changes, and where the
 * replies go. Every change of the scene or the racers schedules one run request (coalesced per
 * microtask), with the explained racer's trace in the same request; a new surface also asks for
 * its contour grid. Staleness is the session's business (src/worker/session.ts): a reply that
 * arrives here is the answer to the newest request, so it is applied as it is.
 */
import type { EngineClient, RunReply } from '../worker/api';
import { openSession, type EngineSession } from '../worker/session';
import { appStore, currentRun, GRID_SIZE, patch, runConfig, type SceneSlice } from './app';

let session: EngineSession | null = null;
let lastGridKey = '';
let flushQueued = false;
/** Has the config changed since the last request (a new run number)? */
let configChanged = false;
/** Is a request due (a new config, or a trace the current run lacks)? */
let needRequest = false;

/** Connects the store to an engine (the worker, or an in-process engine in tests) and runs. */
export function setEngine(client: EngineClient | null): void {
  session?.close();
  session = client ? openSession(client) : null;
  lastGridKey = '';
  if (client) requestCompute();
}

/** Forgets which grid was asked for (the store was reset). */
export function forgetGrid(): void {
  lastGridKey = '';
}

function gridKey(s: SceneSlice): string {
  return JSON.stringify([s.surface, s.params, s.l2]);
}

/** Schedules one run (and a grid when the surface changed) for the end of this tick. */
export function requestCompute(): void {
  configChanged = true;
  schedule();
}

/**
 * Asks for the explained racer's trace of the current run, unless the current one has it. It
 * comes as a run of the same config (same run number, same bits) whose reply carries the trace.
 */
export function requestTrace(): void {
  const s = appStore.getState();
  const racerId = s.ui.explained;
  if (racerId === null || !currentRun(s)) return;
  const t = s.results.trace;
  if (t && t.racerId === racerId && t.runId === s.results.runId) return;
  schedule();
}

function schedule(): void {
  needRequest = true;
  if (flushQueued) return;
  flushQueued = true;
  queueMicrotask(flush);
}

function flush(): void {
  flushQueued = false;
  if (!session || !needRequest) return;
  needRequest = false;
  const state = appStore.getState();
  const config = runConfig(state);
  const key = gridKey(state.scene);
  if (key !== lastGridKey) {
    lastGridKey = key;
    session.grid(config.surface, GRID_SIZE, GRID_SIZE).then(
      (g) => {
        if (g) patch('results', { grid: g });
      },
      (e: unknown) => console.error('grid failed', e),
    );
  }
  let runNo = state.results.runRequested;
  if (configChanged || runNo === 0) {
    configChanged = false;
    runNo += 1;
    patch('results', { runRequested: runNo });
  }
  const racerId = state.ui.explained;
  const index = state.racers.findIndex((r) => r.id === racerId);
  session.run(config, index >= 0 ? index : null).then(
    (reply) => {
      if (reply) applyRun(reply, runNo, index >= 0 ? racerId : null);
    },
    (e: unknown) => {
      if (runNo === appStore.getState().results.runRequested)
        patch('results', { runId: runNo, run: null, error: { field: null, message: String(e) } });
    },
  );
}

function applyRun(reply: RunReply, runNo: number, racerId: number | null): void {
  const s = appStore.getState();
  if (!reply.ok) {
    appStore.setState({
      results: { ...s.results, run: null, runId: runNo, error: { field: reply.field, message: reply.message }, trace: null },
    });
    return;
  }
  if (reply.traceError) console.error('trace failed', reply.traceError);
  // A run of the config already shown (asked for its trace) gives the same bits: keep the result
  // object, so that the views do not redraw.
  const same = s.results.run !== null && s.results.runId === runNo;
  const steps = reply.result.config.steps;
  appStore.setState({
    results: {
      ...s.results,
      run: same ? s.results.run : reply.result,
      runId: runNo,
      error: null,
      runMs: reply.ms,
      trace: reply.trace && racerId !== null ? { racerId, runId: runNo, data: reply.trace } : same ? s.results.trace : null,
    },
    playback: same ? s.playback : { ...s.playback, step: Math.min(s.playback.step, steps) },
  });
}
