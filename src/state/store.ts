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
import type { EngineClient, GridRequest, GridResult, RunReply, RunRequest } from '../worker/api';
import { latestOnly } from '../worker/latest';
import { PALETTE, SHAPES, nextFree, type PaletteKey, type Shape } from './palette';

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
}

export type Theme = 'light' | 'dark';

export interface UiSlice {
  theme: Theme;
}

export interface AppState {
  scene: SceneSlice;
  racers: Racer[];
  playback: PlaybackSlice;
  results: ResultsSlice;
  ui: UiSlice;
}

export const GRID_SIZE = 160;
export const STEPS_MAX = 10000;
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
    },
    racers,
    playback: { playing: false, speed: 60, step: 0 },
    results: { grid: null, gridRequested: 0, run: null, runId: 0, runRequested: 0, error: null, runMs: 0 },
    ui: { theme: 'light' },
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
    stride: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Engine wiring

let engine: EngineClient | null = null;
let sendRun: ((req: RunRequest) => Promise<RunReply | null>) | null = null;
let sendGrid: ((req: GridRequest) => Promise<GridResult | null>) | null = null;
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

// ---------------------------------------------------------------------------------------------
// Actions

function patch<K extends keyof AppState>(slice: K, part: Partial<AppState[K]>): void {
  const s = appStore.getState();
  appStore.setState({ [slice]: { ...(s[slice] as object), ...part } } as unknown as Partial<AppState>);
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
  appStore.setState({ racers });
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
