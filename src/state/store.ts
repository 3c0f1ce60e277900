/**
 * The app's zustand store, in typed slices: `scene` (what the config encodes about the surface and
 * the run), `racers` (the optimizers and their looks), `playback` (the animation clock), `results`
 * (what the worker sent back), `ui`.
 *
 * Actions are module-level functions (callable from worker callbacks, the animation loop and tests
 * without hooks). Every change of the scene or the racers schedules one run request (coalesced per
 * microtask) through the engine client; each request carries an increasing id and only the reply
 * to the latest request is applied, so a stale path is never drawn.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { defaultConfig } from '../engine';
import type { ComparisonResult, RunConfig } from '../engine/types';
import { defaultOptimizerConfig, optimizers } from '../optim';
import type { HyperValue, OptimizerConfig, OptimizerName } from '../optim/types';
import { defaultSurfaceParams, getSurface } from '../surfaces';
import type { SurfaceDef, SurfaceName } from '../surfaces/types';
import type { EngineClient, GridRequest, GridResult, RunReply, RunRequest, TraceData, TraceReply, TraceRequest } from '../worker/api';
import { latestOnly } from '../worker/latest';
import { MAX_LINK_STEPS, type HideGroup, type Notice } from '../share/types';
import { PALETTE, SHAPES, nextFree, type PaletteKey, type Shape } from '../plot/palette';

// ---------------------------------------------------------------------------------------------
// State

export interface SceneSlice {
  surface: SurfaceName;
  params: Record<string, number>;
  l2: number;
  /** Simulated gradient noise σ (analytic surfaces only). */
  noise: number;
  batchSize: number;
  seed: number;
  steps: number;
  start: [number, number];
  /** Keep every k-th point of each path (and the last); 1 keeps every step. Set by share links. */
  stride: number;
}

export interface Racer {
  id: number;
  optimizer: OptimizerConfig;
  color: PaletteKey;
  shape: Shape;
  visible: boolean;
}

export interface PlaybackSlice {
  playing: boolean;
  /** Steps per second. */
  speed: number;
  /** The step shown (0 … steps). */
  step: number;
}

export interface RunError {
  field: string | null;
  message: string;
}

export interface ResultsSlice {
  grid: GridResult | null;
  /** Id of the latest grid request. */
  gridRequested: number;
  run: ComparisonResult | null;
  /** Id of the request whose reply is `run` / `error`. */
  runId: number;
  /** Id of the latest run request. */
  runRequested: number;
  error: RunError | null;
  /** Worker time of the last run, ms. */
  runMs: number;
  /** The explained racer's step-by-step trace (see `currentTrace`), or null. */
  trace: ExplainTrace | null;
  /** Id of the latest trace request. */
  traceRequested: number;
}

/** A trace, tagged with the racer and the run it belongs to. */
export interface ExplainTrace {
  racerId: number;
  /** `results.runId` of the run it was traced from. */
  runId: number;
  data: TraceData;
}

export type Theme = 'light' | 'dark';

export interface UiSlice {
  theme: Theme;
  /** The racer whose step the explanation panel and the plot overlay show (its id), or null. */
  explained: number | null;
  /** Is the plot overlay (gradient, velocity and step arrows) on? */
  overlay: boolean;
  /** Embed mode (a share link's embed=1): only the plot and the play controls. */
  embed: boolean;
  /** Control groups hidden by a classroom link (hide=surface,hyper). */
  hide: HideGroup[];
  /** What a share link asked for that could not be used, shown until dismissed (plain text). */
  notices: Notice[];
}

export interface AppState {
  scene: SceneSlice;
  racers: Racer[];
  playback: PlaybackSlice;
  results: ResultsSlice;
  ui: UiSlice;
}

export const GRID_SIZE = 160;
/** The most steps the page draws; share links are held to the same limit (see MAX_LINK_STEPS). */
export const STEPS_MAX = MAX_LINK_STEPS;
export const SPEED_MIN = 1;
export const SPEED_MAX = 2000;

function surfaceDef(name: SurfaceName): SurfaceDef {
  const def = getSurface(name);
  if (!def) throw new Error(`unknown surface ${name}`);
  return def;
}

/** Number of samples of a data surface (0 for analytic ones). */
export function sampleCount(name: SurfaceName, params: Record<string, number> = {}): number {
  const def = surfaceDef(name);
  return def.kind === 'data' ? def.create(params).n : 0;
}

function optimizerWith(name: OptimizerName, over: Record<string, HyperValue> = {}): OptimizerConfig {
  return { ...defaultOptimizerConfig(name), ...over } as OptimizerConfig;
}

/** The initial scene: the engine's default config (GD, Momentum and Adam on Rosenbrock). */
export function initialState(): AppState {
  const cfg = defaultConfig();
  const racers: Racer[] = cfg.optimizers.map((optimizer, i) => ({
    id: i + 1,
    optimizer: { ...optimizer },
    color: PALETTE[i % PALETTE.length].key,
    shape: SHAPES[i % SHAPES.length],
    visible: true,
  }));
  return {
    scene: {
      surface: cfg.surface.name,
      params: { ...cfg.surface.params },
      l2: cfg.surface.l2,
      noise: cfg.surface.noise,
      batchSize: cfg.batchSize,
      seed: cfg.seed,
      steps: cfg.steps,
      start: [cfg.start[0], cfg.start[1]],
      stride: cfg.stride,
    },
    racers,
    playback: { playing: false, speed: 60, step: 0 },
    results: { grid: null, gridRequested: 0, run: null, runId: 0, runRequested: 0, error: null, runMs: 0, trace: null, traceRequested: 0 },
    ui: { theme: 'light', explained: null, overlay: true, embed: false, hide: [], notices: [] },
  };
}

export const appStore = createStore<AppState>()(() => initialState());

/** React hook over the app store (select narrowly: per-frame fields are read through `subscribe`). */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

// ---------------------------------------------------------------------------------------------
// The config sent to the engine (and, later, encoded into a share link)

/** The contract's config (CONTRACT.md §3) for the current scene and racers. */
export function sceneToRunConfig(state: Pick<AppState, 'scene' | 'racers'>): RunConfig {
  const { scene, racers } = state;
  const def = surfaceDef(scene.surface);
  return {
    surface: {
      name: scene.surface,
      params: { ...scene.params },
      l2: scene.l2,
      noise: def.kind === 'analytic' ? scene.noise : 0,
    },
    optimizers: racers.map((r) => ({ ...r.optimizer })),
    start: [scene.start[0], scene.start[1]],
    steps: scene.steps,
    batchSize: scene.batchSize,
    seed: scene.seed,
    stride: scene.stride,
  };
}

// ---------------------------------------------------------------------------------------------
// Engine wiring

let engine: EngineClient | null = null;
let sendRun: ((req: RunRequest) => Promise<RunReply | null>) | null = null;
let sendGrid: ((req: GridRequest) => Promise<GridResult | null>) | null = null;
let sendTrace: ((req: TraceRequest) => Promise<TraceReply | null>) | null = null;
let lastGridKey = '';
let flushQueued = false;
let needRun = false;
let seq = 0;

/** Connects the store to an engine (the worker, or an in-process engine in tests) and runs. */
export function setEngine(client: EngineClient | null): void {
  engine?.dispose();
  engine = client;
  sendRun = client ? latestOnly((req: RunRequest) => client.run(req)) : null;
  sendGrid = client ? latestOnly((req: GridRequest) => client.grid(req)) : null;
  const trace = client?.trace?.bind(client);
  sendTrace = trace ? latestOnly(trace) : null;
  lastGridKey = '';
  if (client) requestCompute();
}

/** Resets the store to its initial state (tests). */
export function resetStore(state: AppState = initialState()): void {
  appStore.setState(state, true);
  lastGridKey = '';
}

function gridKey(s: SceneSlice): string {
  return JSON.stringify([s.surface, s.params, s.l2]);
}

/** Schedules one run (and a grid when the surface changed) for the end of this tick. */
export function requestCompute(): void {
  needRun = true;
  if (flushQueued) return;
  flushQueued = true;
  queueMicrotask(flush);
}

function flush(): void {
  flushQueued = false;
  if (!engine || !needRun) return;
  needRun = false;
  const state = appStore.getState();
  const key = gridKey(state.scene);
  if (key !== lastGridKey && sendGrid) {
    lastGridKey = key;
    const id = ++seq;
    patch('results', { gridRequested: id });
    const cfg = sceneToRunConfig(state).surface;
    sendGrid({ id, surface: cfg, nx: GRID_SIZE, ny: GRID_SIZE }).then(
      (g) => {
        if (g && g.id === appStore.getState().results.gridRequested) patch('results', { grid: g });
      },
      (e: unknown) => console.error('grid failed', e),
    );
  }
  if (!sendRun) return;
  const id = ++seq;
  patch('results', { runRequested: id });
  sendRun({ id, config: sceneToRunConfig(state) }).then(
    (reply) => {
      if (reply && reply.id === appStore.getState().results.runRequested) applyRun(reply);
    },
    (e: unknown) => {
      if (id === appStore.getState().results.runRequested)
        patch('results', { runId: id, run: null, error: { field: null, message: String(e) } });
    },
  );
}

function applyRun(reply: RunReply): void {
  const s = appStore.getState();
  if (reply.ok) {
    const steps = reply.result.config.steps;
    appStore.setState({
      results: { ...s.results, run: reply.result, runId: reply.id, error: null, runMs: reply.ms },
      playback: { ...s.playback, step: Math.min(s.playback.step, steps) },
    });
    requestTrace();
  } else {
    appStore.setState({
      results: { ...s.results, run: null, runId: reply.id, error: { field: reply.field, message: reply.message } },
    });
  }
}

/** The current result, or null while it is stale (a newer request is pending). */
export function currentRun(s: AppState): ComparisonResult | null {
  return s.results.runId === s.results.runRequested ? s.results.run : null;
}

/** Asks the engine for the explained racer's trace of the current run (latest request wins). */
function requestTrace(): void {
  const s = appStore.getState();
  const racerId = s.ui.explained;
  const run = currentRun(s);
  const index = s.racers.findIndex((r) => r.id === racerId);
  if (!sendTrace || racerId === null || !run || index < 0 || index >= run.runs.length) return;
  const t = s.results.trace;
  if (t && t.racerId === racerId && t.runId === s.results.runId) return;
  const id = ++seq;
  const runId = s.results.runId;
  patch('results', { traceRequested: id });
  sendTrace({ id, config: run.config, index }).then(
    (reply) => {
      if (!reply || reply.id !== appStore.getState().results.traceRequested) return;
      if (reply.ok) patch('results', { trace: { racerId, runId, data: reply.trace } });
      else console.error('trace failed', reply.message);
    },
    (e: unknown) => console.error('trace failed', e),
  );
}

/**
 * The explained racer's trace when it matches what is on screen (the current run, the explained
 * racer), else null.
 */
export function currentTrace(s: AppState): TraceData | null {
  const t = s.results.trace;
  if (!t || s.ui.explained === null || t.racerId !== s.ui.explained) return null;
  if (!currentRun(s) || t.runId !== s.results.runId) return null;
  return t.data;
}

// ---------------------------------------------------------------------------------------------
// Actions

function patch<K extends 'scene' | 'playback' | 'results' | 'ui'>(slice: K, part: Partial<AppState[K]>): void {
  const s = appStore.getState();
  const next: AppState = { ...s };
  next[slice] = { ...s[slice], ...part };
  appStore.setState(next);
}

function patchScene(part: Partial<SceneSlice>): void {
  patch('scene', part);
  requestCompute();
}

export function setSurface(name: SurfaceName): void {
  const def = surfaceDef(name);
  const params = defaultSurfaceParams(def);
  const s = appStore.getState().scene;
  const n = def.kind === 'data' ? def.create(params).n : 0;
  patchScene({
    surface: name,
    params,
    start: [...def.defaultStart],
    batchSize: def.kind === 'data' ? n : s.batchSize,
  });
}

export function setSurfaceParam(key: string, value: number): void {
  const s = appStore.getState().scene;
  patchScene({ params: { ...s.params, [key]: value } });
}

export function setL2(v: number): void {
  patchScene({ l2: v });
}
export function setNoise(v: number): void {
  patchScene({ noise: v });
}
export function setBatchSize(v: number): void {
  patchScene({ batchSize: Math.max(1, Math.round(v)) });
}
export function setSeed(v: number): void {
  patchScene({ seed: Math.round(v) });
}
export function setSteps(v: number): void {
  patchScene({ steps: Math.max(1, Math.min(STEPS_MAX, Math.round(v))) });
}
export function setStart(x: number, y: number): void {
  patchScene({ start: [x, y] });
}

function setRacers(racers: Racer[]): void {
  const s = appStore.getState();
  const explained = s.ui.explained;
  if (explained !== null && !racers.some((r) => r.id === explained)) appStore.setState({ racers, ui: { ...s.ui, explained: null } });
  else appStore.setState({ racers });
  requestCompute();
}

function freshLooks(racers: Racer[]): { color: PaletteKey; shape: Shape } {
  return {
    color: nextFree(
      PALETTE.map((p) => p.key),
      racers.map((r) => r.color),
    ),
    shape: nextFree(
      SHAPES,
      racers.map((r) => r.shape),
    ),
  };
}

function nextId(racers: Racer[]): number {
  return racers.reduce((m, r) => Math.max(m, r.id), 0) + 1;
}

export function addRacer(name: OptimizerName = 'adam'): number {
  const racers = appStore.getState().racers;
  const id = nextId(racers);
  setRacers([...racers, { id, optimizer: optimizerWith(name), ...freshLooks(racers), visible: true }]);
  return id;
}

export function duplicateRacer(id: number): number | null {
  const racers = appStore.getState().racers;
  const i = racers.findIndex((r) => r.id === id);
  if (i < 0) return null;
  const newId = nextId(racers);
  const copy: Racer = { ...racers[i], id: newId, optimizer: { ...racers[i].optimizer }, ...freshLooks(racers) };
  setRacers([...racers.slice(0, i + 1), copy, ...racers.slice(i + 1)]);
  return newId;
}

export function removeRacer(id: number): void {
  setRacers(appStore.getState().racers.filter((r) => r.id !== id));
}

function updateRacer(id: number, f: (r: Racer) => Racer, recompute: boolean): void {
  const racers = appStore.getState().racers.map((r) => (r.id === id ? f(r) : r));
  if (recompute) setRacers(racers);
  else appStore.setState({ racers });
}

/** Changes the optimizer of a racer; the learning rate is kept, the rest takes the new defaults. */
export function setRacerOptimizer(id: number, name: OptimizerName): void {
  updateRacer(
    id,
    (r) => {
      const lr = r.optimizer.lr;
      const def = optimizers[name];
      const keepLr = typeof lr === 'number' && def.hyper.some((h) => h.key === 'lr') && r.optimizer.name !== 'newton' && name !== 'newton';
      return { ...r, optimizer: optimizerWith(name, keepLr ? { lr } : {}) };
    },
    true,
  );
}

export function setRacerHyper(id: number, key: string, value: HyperValue): void {
  updateRacer(id, (r) => ({ ...r, optimizer: { ...r.optimizer, [key]: value } }), true);
}

export function setRacerColor(id: number, color: PaletteKey): void {
  updateRacer(id, (r) => ({ ...r, color }), false);
}

export function setRacerVisible(id: number, visible: boolean): void {
  updateRacer(id, (r) => ({ ...r, visible }), false);
}

// Playback ------------------------------------------------------------------------------------

/** The last step that can be shown. */
export function maxStep(s: AppState = appStore.getState()): number {
  return s.scene.steps;
}

export function play(): void {
  const s = appStore.getState();
  const step = s.playback.step >= maxStep(s) ? 0 : s.playback.step;
  patch('playback', { playing: true, step });
}
export function pause(): void {
  patch('playback', { playing: false });
}
export function togglePlay(): void {
  if (appStore.getState().playback.playing) pause();
  else play();
}
export function stepOnce(): void {
  const s = appStore.getState();
  patch('playback', { playing: false, step: Math.min(maxStep(s), s.playback.step + 1) });
}
export function resetPlayback(): void {
  patch('playback', { playing: false, step: 0 });
}
export function setStep(step: number): void {
  const s = appStore.getState();
  patch('playback', { step: Math.max(0, Math.min(maxStep(s), Math.round(step))) });
}
export function setSpeed(speed: number): void {
  patch('playback', { speed: Math.max(SPEED_MIN, Math.min(SPEED_MAX, speed)) });
}

export function setTheme(theme: Theme): void {
  patch('ui', { theme });
}

// Share links ---------------------------------------------------------------------------------

/**
 * Replaces the scene, the racers and the step at once (a share link or a preset; see
 * state/share-sync.ts) and runs it. Playback stops; the speed is kept.
 */
export function loadScene(scene: SceneSlice, racers: Racer[], step: number): void {
  const s = appStore.getState();
  const explained = s.ui.explained !== null && racers.some((r) => r.id === s.ui.explained) ? s.ui.explained : null;
  appStore.setState({
    scene,
    racers,
    playback: { ...s.playback, playing: false, step: Math.max(0, Math.min(scene.steps, Math.round(step))) },
    ui: explained === s.ui.explained ? s.ui : { ...s.ui, explained },
  });
  requestCompute();
}

/** Embed mode and hidden control groups (from a share link). */
export function setView(embed: boolean, hide: readonly HideGroup[]): void {
  patch('ui', { embed, hide: [...hide] });
}

/** The share link's notices (an empty list dismisses them). */
export function setNotices(notices: readonly Notice[]): void {
  patch('ui', { notices: [...notices] });
}

// Explanation -----------------------------------------------------------------------------------

/** Makes a racer the explained one (null: none); its trace is requested from the engine. */
export function explainRacer(id: number | null): void {
  const s = appStore.getState();
  const known = id !== null && s.racers.some((r) => r.id === id);
  patch('ui', { explained: known ? id : null });
  requestTrace();
}

/** Explains `id`, or stops explaining it when it already is the explained racer. */
export function toggleExplained(id: number): void {
  explainRacer(appStore.getState().ui.explained === id ? null : id);
}

export function setOverlay(on: boolean): void {
  patch('ui', { overlay: on });
}
