/**
 * The store's engine wiring: what to ask the engine for when the state changes, and where the
 * replies go. Every change of the scene or the racers schedules one run request (coalesced per
 * microtask), with the explained racer's trace in the same request; a new surface also asks for
 * its contour grid. Staleness is the session's business (src/worker/session.ts): a reply that
 * arrives here is the answer to the newest request, so it is applied as it is.
 *
 * Engine faults (worker/fault.ts) are not the settings' fault: each is logged with its detail; a
 * dead engine is replaced once on its own; a fault that persists is kept in `results.fault`,
 * which the plot shows with a Retry button (`retryEngine`).
 */
import { userDataKey } from '../engine/userdata';
import type { EngineClient, RunReply } from '../worker/api';
import { asFault, EngineFault } from '../worker/fault';
import { openSession, type EngineSession } from '../worker/session';
import { appStore, currentRun, GRID_SIZE, patch, runConfig, sceneSurfaceDef, type EngineFaultState, type SceneSlice } from './app';
import type { Domain, SurfaceDef } from '../surfaces/types';
import { equalView, gridDomainFor } from '../plot/geometry';

let session: EngineSession | null = null;
let client: EngineClient | null = null;
/** Makes a new engine when the current one dies (the page's worker); null: no restarts (tests). */
let engineFactory: (() => EngineClient) | null = null;
/** Automatic restarts since the last good reply: one, then the fault is shown and Retry restarts. */
let restarts = 0;
const MAX_AUTO_RESTARTS = 1;
let lastGridKey = '';
let flushQueued = false;
/** The contour plot's plot rectangle in px (null until it is laid out), and the last grid's domain. */
let plotPx: [number, number] | null = null;
let gridDomainAsked: Domain | null = null;
/** Is a grid due because the plot's aspect changed (without a new config)? */
let needGrid = false;
/** Has the config changed since the last request (a new run number)? */
let configChanged = false;
/** Is a request due (a new config, or a trace the current run lacks)? */
let needRequest = false;

/** Connects the store to an engine (the worker, or an in-process engine in tests) and runs. */
export function setEngine(next: EngineClient | null): void {
  session?.close();
  client = next;
  session = next ? openSession(next) : null;
  lastGridKey = '';
  gridDomainAsked = null;
  if (next) requestCompute();
}

/**
 * The size of the contour plot's plot rectangle (px). The grid must cover the domain shown at
 * equal scale, which grows with the plot's aspect: a new grid is asked for when it no longer does.
 */
export function setPlotSize(w: number, h: number): void {
  if (plotPx && plotPx[0] === w && plotPx[1] === h) return;
  plotPx = [w, h];
  needGrid = true;
  if (flushQueued) return;
  flushQueued = true;
  queueMicrotask(flush);
}

/** The grid to ask for (domain and size), or null when the last one asked still covers the view. */
function gridPlan(def: SurfaceDef, fresh: boolean): { domain?: Domain; nx: number; ny: number } | null {
  if (!plotPx) return fresh ? { nx: GRID_SIZE, ny: GRID_SIZE } : null;
  const { view } = equalView(def.domain, plotPx[0], plotPx[1]);
  const domain = gridDomainFor(view, fresh ? null : gridDomainAsked);
  if (!domain) return null;
  // About the density of GRID_SIZE over the surface's domain, at most twice the points a side.
  const size = (d: [number, number], own: [number, number]) =>
    Math.max(GRID_SIZE, Math.min(2 * GRID_SIZE, Math.round((GRID_SIZE * (d[1] - d[0])) / (own[1] - own[0]))));
  return { domain, nx: size(domain.x, def.domain.x), ny: size(domain.y, def.domain.y) };
}

/**
 * Connects the store to engines made by `factory` (the page's worker): a dead engine is replaced
 * by a new one once on its own, and again whenever the user presses Retry.
 */
export function startEngine(factory: () => EngineClient): void {
  engineFactory = factory;
  restarts = 0;
  setEngine(factory());
}

/** Forgets which grid was asked for, and the engine factory (the store was reset). */
export function forgetGrid(): void {
  lastGridKey = '';
  gridDomainAsked = null;
  plotPx = null;
  engineFactory = null;
  restarts = 0;
}

/**
 * An engine call failed (a reply of a closed session never gets here: it resolves to null).
 * Logged with its detail; a dead engine is restarted once automatically; otherwise the plot
 * shows the fault, worded as Descent's, with Retry.
 */
function engineFailed(what: EngineFaultState['what'], e: unknown): void {
  const fault = asFault(e);
  console.error(`Descent: internal engine fault (${what}, ${fault.kind}): ${fault.message}`, fault.detail ?? '');
  if (fault.fatal && engineFactory && restarts < MAX_AUTO_RESTARTS) {
    restarts++;
    setEngine(engineFactory());
    return;
  }
  patch('results', { fault: { what, kind: fault.kind, message: fault.message } });
}

/** The Retry button: clears the fault, starts a new engine if the old one is dead, and computes again. */
export function retryEngine(): void {
  restarts = 0;
  patch('results', { fault: null });
  if (engineFactory && (!client || client.isDead?.())) {
    setEngine(engineFactory());
  } else {
    lastGridKey = '';
    requestCompute();
  }
}

function gridKey(s: SceneSlice): string {
  return JSON.stringify([s.surface, s.params, s.l2, userDataKey(s.data)]);
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
  if (!session || !(needRequest || needGrid)) return;
  const run = needRequest;
  needRequest = false;
  needGrid = false;
  const state = appStore.getState();
  const config = runConfig(state);
  const key = gridKey(state.scene);
  const plan = gridPlan(sceneSurfaceDef(state.scene), key !== lastGridKey);
  if (plan) {
    lastGridKey = key;
    gridDomainAsked = plan.domain ?? null;
    session.grid(config.surface, plan.nx, plan.ny, plan.domain).then(
      (g) => {
        if (!g) return;
        const fault = appStore.getState().results.fault;
        patch('results', { grid: g, fault: fault?.what === 'grid' ? null : fault });
      },
      (e: unknown) => {
        lastGridKey = ''; // the next request asks for it again
        engineFailed('grid', e);
      },
    );
  }
  if (!run) return;
  let runNo = state.results.runRequested;
  if (configChanged || runNo === 0) {
    configChanged = false;
    runNo += 1;
    patch('results', { runRequested: runNo });
  }
  if (state.racers.length === 0) {
    // Nothing to race is not a config error: no request; the page shows its empty state.
    patch('results', { runId: runNo, run: null, error: null, trace: null });
    return;
  }
  const racerId = state.ui.explained;
  const index = state.racers.findIndex((r) => r.id === racerId);
  session.run(config, index >= 0 ? index : null).then(
    (reply) => {
      if (reply) applyRun(reply, runNo, index >= 0 ? racerId : null);
    },
    // The result stays stale (runId < runRequested: nothing drawn) until a restarted engine replies.
    (e: unknown) => engineFailed('run', e),
  );
}

function applyRun(reply: RunReply, runNo: number, racerId: number | null): void {
  const s = appStore.getState();
  if (!reply.ok && reply.internal) {
    // The engine threw: a bug in Descent, not a bad setting.
    appStore.setState({ results: { ...s.results, run: null, runId: runNo, error: null, trace: null } });
    engineFailed('run', new EngineFault('internal', reply.message));
    return;
  }
  if (!reply.ok) {
    appStore.setState({
      results: { ...s.results, run: null, runId: runNo, error: { field: reply.field, message: reply.message }, trace: null },
    });
    return;
  }
  restarts = 0;
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
      fault: s.results.fault?.what === 'grid' ? s.results.fault : null,
      runMs: reply.ms,
      trace: reply.trace && racerId !== null ? { racerId, runId: runNo, data: reply.trace } : same ? s.results.trace : null,
    },
    playback: same ? s.playback : { ...s.playback, step: Math.min(s.playback.step, steps) },
  });
}
