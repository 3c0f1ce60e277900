/**
 * The app's state: a zustand store in typed slices — `scene` (what the config encodes about the
 * surface and the run), `racers` (the optimizers and their looks), `playback` (the animation
 * clock), `results` (what the engine sent back), `ui` — with the selectors every view shares.
 *
 * The run config is not stored a second time: `runConfig(s)` is the one reading of scene and
 * racers as the contract's config (CONTRACT.md §3), memoised per (scene, racers), and it is what
 * the engine runs, what a share link encodes and (through the run's result) what the exports
 * write. The engine wiring is in `engine.ts`, the actions in `store.ts`.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { defaultConfig } from '../engine/config';
import type { ComparisonResult, RunConfig } from '../engine/types';
import { hasRecipe, type Recipe } from '../engine/recipe';
import { defaultOptimizerConfig } from '../optim';
import type { HyperValue, OptimizerConfig, OptimizerName } from '../optim/types';
import { surfaceFor } from '../surfaces';
import type { SurfaceDef, SurfaceName, SurfaceParams } from '../surfaces/types';
import { resolveSurface, type UserData } from '../engine/userdata';
import type { GridResult, TraceData } from '../worker/api';
import type { FaultKind } from '../worker/fault';
import { MAX_LINK_STEPS, type HideGroup, type Notice } from '../share/types';
import { PALETTE, SHAPES, type PaletteKey, type Shape } from '../plot/palette';

// ---------------------------------------------------------------------------------------------
// State

export interface SceneSlice {
  surface: SurfaceName;
  params: SurfaceParams;
  l2: number;
  /** Simulated gradient noise σ (analytic surfaces only). */
  noise: number;
  batchSize: number;
  seed: number;
  steps: number;
  start: [number, number];
  /** Keep every k-th point of each path (and the last); 1 keeps every step. Set by share links. */
  stride: number;
  /** linreg, logreg: a data set of one's own (normalised), in place of the shipped one (issue 16). */
  data?: UserData;
}

export interface Racer {
  id: number;
  optimizer: OptimizerConfig;
  /** Its training recipe (CONTRACT §4: batch size, schedule, clip, EMA), normalised; absent: none. */
  recipe?: Recipe;
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

/**
 * A fault of the engine (never of the settings): shown in the plot with a Retry button. `what`
 * failed, the fault's `kind` (see worker/fault.ts) and its message, in plain text.
 */
export interface EngineFaultState {
  what: 'grid' | 'run';
  kind: FaultKind;
  message: string;
}

/**
 * What the engine sent back. Runs are counted by config: `runRequested` goes up each time the
 * scene or the racers change and a run of the new config is asked for; `runId` is the number of
 * the config whose reply `run` / `error` is. The result on screen is current when they agree.
 */
export interface ResultsSlice {
  grid: GridResult | null;
  run: ComparisonResult | null;
  /** The config number whose reply is `run` / `error`. */
  runId: number;
  /** The number of the latest config asked for. */
  runRequested: number;
  error: RunError | null;
  /** Worker time of the last run, ms. */
  runMs: number;
  /** The explained racer's step-by-step trace (see `currentTrace`), or null. */
  trace: ExplainTrace | null;
  /** The engine failed (its worker died, or a computation threw): null while all is well. */
  fault: EngineFaultState | null;
}

/** A trace, tagged with the racer and the run it belongs to (it came in the same reply). */
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
  /** Presentation mode (key P, a share link's present=1): the plot full screen, large type. */
  presenting: boolean;
  /** Is the loss chart shown in presentation mode (key L)? */
  presentLoss: boolean;
  /** The side panels' width in px, set by dragging their edge (null: the layout's own); never in links. */
  panelWidth: number | null;
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

export function surfaceDef(name: SurfaceName, params?: SurfaceParams): SurfaceDef {
  return surfaceFor(name, params);
}

/** The definition of the scene's surface: on the scene's own data when it has some. */
export function sceneSurfaceDef(scene: Pick<SceneSlice, 'surface' | 'data'> & { params?: SurfaceParams }): SurfaceDef {
  return scene.data ? resolveSurface({ name: scene.surface, data: scene.data }) : surfaceDef(scene.surface, scene.params);
}

/** Number of samples of a data surface (0 for analytic ones): of `data` when given. */
export function sampleCount(name: SurfaceName, params: SurfaceParams = {}, data?: UserData): number {
  const def = sceneSurfaceDef({ surface: name, data });
  return def.kind === 'data' ? def.create(params).n : 0;
}

export function optimizerWith(name: OptimizerName, over: Record<string, HyperValue> = {}): OptimizerConfig {
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
    scene: sceneFromConfig(cfg),
    racers,
    playback: { playing: false, speed: 60, step: 0 },
    results: { grid: null, run: null, runId: 0, runRequested: 0, error: null, runMs: 0, trace: null, fault: null },
    ui: { theme: 'light', explained: null, overlay: true, embed: false, hide: [], notices: [], presenting: false, presentLoss: true, panelWidth: null },
  };
}

export const appStore = createStore<AppState>()(() => initialState());

/** React hook over the app store (select narrowly: per-frame fields are read through `subscribe`). */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

// ---------------------------------------------------------------------------------------------
// The run config: the engine's, the share link's and (through the result) the exports'

let memo: { scene: SceneSlice; racers: Racer[]; config: RunConfig } | null = null;

/**
 * The contract's config (CONTRACT.md §3) for the current scene and racers: the same object for
 * as long as neither changes. Treat it as read-only.
 */
export function runConfig(state: Pick<AppState, 'scene' | 'racers'>): RunConfig {
  if (memo && memo.scene === state.scene && memo.racers === state.racers) return memo.config;
  const config = sceneToRunConfig(state);
  memo = { scene: state.scene, racers: state.racers, config };
  return config;
}

/** The scene part of a config (its optimizers go to the racers): the inverse of `sceneToRunConfig`. */
export function sceneFromConfig(c: RunConfig): SceneSlice {
  return {
    surface: c.surface.name,
    params: { ...c.surface.params },
    l2: c.surface.l2,
    noise: c.surface.noise,
    batchSize: c.batchSize,
    seed: c.seed,
    steps: c.steps,
    start: [c.start[0], c.start[1]],
    stride: c.stride,
    ...(c.surface.data ? { data: c.surface.data } : {}),
  };
}

/** Reads scene and racers as a fresh config (see `runConfig`, which memoises it). */
export function sceneToRunConfig(state: Pick<AppState, 'scene' | 'racers'>): RunConfig {
  const { scene, racers } = state;
  const def = surfaceDef(scene.surface);
  const config: RunConfig = {
    surface: {
      name: scene.surface,
      params: { ...scene.params },
      l2: scene.l2,
      noise: def.kind === 'analytic' ? scene.noise : 0,
      ...(scene.data ? { data: scene.data } : {}),
    },
    optimizers: racers.map((r) => ({ ...r.optimizer })),
    start: [scene.start[0], scene.start[1]],
    steps: scene.steps,
    batchSize: scene.batchSize,
    seed: scene.seed,
    stride: scene.stride,
  };
  if (racers.some((r) => hasRecipe(r.recipe))) config.recipes = racers.map((r) => r.recipe ?? {});
  return config;
}

// ---------------------------------------------------------------------------------------------
// Selectors

/** The current result, or null while it is stale (a newer request is pending). */
export function currentRun(s: AppState): ComparisonResult | null {
  return s.results.runId === s.results.runRequested ? s.results.run : null;
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
// Writing

/** Merges `part` into one object slice of the store. */
export function patch<K extends 'scene' | 'playback' | 'results' | 'ui'>(slice: K, part: Partial<AppState[K]>): void {
  const s = appStore.getState();
  const next: AppState = { ...s };
  next[slice] = { ...s[slice], ...part };
  appStore.setState(next);
}
