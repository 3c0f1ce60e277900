/**
 * The app's store: its state and selectors (`app.ts`), its engine wiring (`engine.ts`) and, here,
 * the actions. Actions are module-level functions (callable from worker callbacks, the animation
 * loop and tests without hooks). Every change of the scene or the racers asks the engine for a
 * run of the new config (coalesced per microtask); explaining a racer asks for its trace.
 */
import { normalizeSurface } from '../engine/config';
import { optimizers } from '../optim';
import type { HyperValue, OptimizerName } from '../optim/types';
import { defaultSurfaceParams } from '../surfaces';
import type { SurfaceName, SurfaceParams } from '../surfaces/types';
import type { UserData } from '../engine/userdata';
import type { HideGroup, Notice } from '../share/types';
import { PALETTE, SHAPES, nextFree, type PaletteKey, type Shape } from '../plot/palette';
import { appStore, initialState, optimizerWith, patch, sampleCount, sceneSurfaceDef, STEPS_MAX, SPEED_MIN, SPEED_MAX, surfaceDef, type AppState, type Racer, type SceneSlice, type Theme } from './app';
import { forgetGrid, requestCompute, requestTrace } from './engine';
import { hasRecipe, type Recipe } from '../engine/recipe';

export * from './app';
export { requestCompute, retryEngine, setEngine, setPlotSize, startEngine } from './engine';

/** Resets the store to its initial state (tests). */
export function resetStore(state: AppState = initialState()): void {
  appStore.setState(state, true);
  forgetGrid();
}

// ---------------------------------------------------------------------------------------------
// Actions

function patchScene(part: Partial<SceneSlice>): void {
  patch('scene', part);
  requestCompute();
}

export function setSurface(name: SurfaceName): void {
  // custom: the default function with its suggested domain (and that def's start).
  const params: SurfaceParams = name === 'custom' ? normalizeSurface({ name }).config.params : defaultSurfaceParams(surfaceDef(name));
  const def = surfaceDef(name, params);
  const s = appStore.getState().scene;
  const n = def.kind === 'data' ? def.create(params).n : 0;
  patchScene({
    surface: name,
    params,
    start: [...def.defaultStart],
    batchSize: def.kind === 'data' ? n : s.batchSize,
    data: undefined,
  });
}

/**
 * Races the scene's data surface on a data set of one's own (normalised: see normalizeUserData),
 * or on the shipped one again (null). The start moves to the new data's default; a full batch
 * stays a full batch, a mini-batch size is kept when the new data has that many rows.
 */
export function setUserData(data: UserData | null): void {
  const s = appStore.getState().scene;
  const oldN = sampleCount(s.surface, s.params, s.data);
  const def = sceneSurfaceDef({ surface: s.surface, data: data ?? undefined });
  if (def.kind !== 'data') return;
  const n = def.create(s.params).n;
  patchScene({
    data: data ?? undefined,
    start: [...def.defaultStart],
    batchSize: s.batchSize >= oldN ? n : Math.min(s.batchSize, n),
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
/**
 * The custom surface's expression (already checked: see checkExpr). The domain becomes the one
 * suggested for it; the start stays where it is when it is still inside, else moves to the new
 * def's default start.
 */
export function setCustomFunction(f: string): void {
  const s = appStore.getState().scene;
  if (s.surface === 'custom' && s.params.f === f) return;
  const { config, def } = normalizeSurface({ name: 'custom', params: { f } });
  const d = def.domain;
  const inside = s.surface === 'custom' && s.start[0] >= d.x[0] && s.start[0] <= d.x[1] && s.start[1] >= d.y[0] && s.start[1] <= d.y[1];
  patchScene({ surface: 'custom', params: config.params, start: inside ? s.start : [...def.defaultStart] });
}

/** The custom surface's plotting domain [[x0, x1], [y0, y1]] (x0 < x1, y0 < y1, checked by the engine). */
export function setCustomDomain(domain: [[number, number], [number, number]]): void {
  const s = appStore.getState().scene;
  if (s.surface !== 'custom') return;
  const { config } = normalizeSurface({ name: 'custom', params: { f: s.params.f, domain } });
  patchScene({ params: config.params });
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

/**
 * The learning-rate suggestion (state/suggest.ts) races candidates with the engine's runner and
 * the optimizers' steppers, none of which the page's first chunk carries: it loads on demand, and
 * `preloadSuggest` fetches it once the page is idle, so that a click finds it there.
 */
let suggestModule: Promise<typeof import('./suggest')> | null = null;
export function preloadSuggest(): Promise<typeof import('./suggest')> {
  return (suggestModule ??= import('./suggest').catch((e: unknown) => {
    suggestModule = null; // a later click tries again
    throw e;
  }));
}

/**
 * Adds a racer, its learning rate chosen for the scene (state/suggest.ts), never one that diverges
 * there; resolves to its id once it is in the race (at once when the suggestion has loaded).
 */
export async function addRacer(name: OptimizerName = 'adam'): Promise<number> {
  const { lrSettings, suggestLr } = await preloadSuggest();
  const { racers, scene } = appStore.getState();
  const id = nextId(racers);
  const lr = suggestLr(scene, name);
  setRacers([...racers, { id, optimizer: optimizerWith(name, lr === null ? {} : (lrSettings(name, lr) ?? {})), ...freshLooks(racers), visible: true }]);
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

export function setPresenting(presenting: boolean): void {
  if (appStore.getState().ui.presenting !== presenting) patch('ui', { presenting });
}

/** Shows or hides the loss chart in presentation mode. */
export function setPresentLoss(presentLoss: boolean): void {
  if (appStore.getState().ui.presentLoss !== presentLoss) patch('ui', { presentLoss });
}

/** The side panels' width in px (null: the layout's own); the page clamps it to what fits. */
export function setPanelWidth(panelWidth: number | null): void {
  const w = panelWidth === null || !Number.isFinite(panelWidth) ? null : Math.round(panelWidth);
  if (appStore.getState().ui.panelWidth !== w) patch('ui', { panelWidth: w });
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

/** Opens a scene file (see scene-file.ts): its scene, racers, step and speed. */
export function openScene(file: { scene: SceneSlice; racers: Racer[]; step: number; speed: number }): void {
  loadScene(file.scene, file.racers, file.step);
  setSpeed(file.speed);
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

/** Sets a racer's training recipe (CONTRACT §4), or clears it; the caller passes a normalised one. */
export function setRacerRecipe(id: number, recipe: Recipe | undefined): void {
  updateRacer(
    id,
    (r) => {
      const next: Racer = { ...r };
      if (recipe && hasRecipe(recipe)) next.recipe = recipe;
      else delete next.recipe;
      return next;
    },
    true,
  );
}
