/**
 * The page and its share link (issue 4).
 *
 * - On load, the link (`location.search`, else `location.hash`) is decoded and applied to the
 *   store: the scene, the racers with their hyperparameters and colours, the step, the theme, the
 *   language, embed mode and hidden control groups. Whatever could not be used becomes a notice.
 * - Afterwards the URL follows the user's edits (a debounced `history.replaceState`). While the
 *   race plays the step is left alone; it is written when playback stops or the step is scrubbed.
 * - Presets apply their link through the same path, and the Share dialog builds its links here.
 *
 * Colours: a link carries '#rrggbb' per racer, or nothing for "the next free palette colour" (in
 * racer order, as the page assigns them). A colour that is not in the palette takes the nearest
 * palette colour, with a notice.
 */
import { getLocale, localeFromLanguages, setLocale, subscribeLocale, t, type MessageKey } from '../i18n';
import { decodeShare, shareUrl } from '../share/codec';
import { LANGS, type DecodedShare, type HideGroup, type Lang, type Notice, type ShareState } from '../share/types';
import { createUrlUpdater, type UrlUpdater } from '../share/url';
import { PALETTE, SHAPES, nextFree, type PaletteKey } from '../plot/palette';
import { appStore, loadScene, runConfig, sceneFromConfig, setNotices, setPresenting, setTheme, setView, type AppState, type Racer, type SceneSlice } from './store';
import { hasRecipe } from '../engine/recipe';

/** How long the URL waits for the edits to settle, ms. */
export const URL_DELAY_MS = 300;

// ---------------------------------------------------------------------------------------------
// Colours

function rgb(hex: string): [number, number, number] {
  const v = parseInt(hex.replace('#', ''), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** The palette key of a colour given as '#rrggbb' (either case), or null when it is not one of them. */
export function paletteKeyOf(hex: string): PaletteKey | null {
  const h = hex.toLowerCase();
  return PALETTE.find((p) => p.hex.toLowerCase() === h)?.key ?? null;
}

/** The palette colour nearest to '#rrggbb' ("redmean" weighted RGB distance, a cheap perceptual one). */
export function nearestPaletteKey(hex: string): PaletteKey {
  const [r, g, b] = rgb(hex);
  let best: PaletteKey = PALETTE[0].key;
  let bestD = Infinity;
  for (const p of PALETTE) {
    const [pr, pg, pb] = rgb(p.hex);
    const rm = (r + pr) / 2;
    const d = (2 + rm / 256) * (r - pr) ** 2 + 4 * (g - pg) ** 2 + (2 + (255 - rm) / 256) * (b - pb) ** 2;
    if (d < bestD) {
      bestD = d;
      best = p.key;
    }
  }
  return best;
}

const KEYS = PALETTE.map((p) => p.key);

/** The colour a racer gets when its link says nothing: the first palette colour the racers before it leave free. */
function defaultColor(before: readonly PaletteKey[]): PaletteKey {
  return nextFree(KEYS, before);
}

/**
 * Where each racer kept from a link stood in the link's `o` list: racers the codec dropped (its
 * notices end "racer dropped") shift the ones after them.
 */
function linkIndices(count: number, codecNotices: readonly Notice[]): number[] {
  const dropped = new Set<number>();
  for (const n of codecNotices) {
    const m = /^o\[(\d+)\]/.exec(n.field);
    if (m && n.message.endsWith('racer dropped')) dropped.add(Number(m[1]));
  }
  const out: number[] = [];
  for (let j = 0; out.length < count; j++) if (!dropped.has(j)) out.push(j);
  return out;
}

/** The link's colours as palette keys, with a notice for each colour that had to be approximated. */
export function colorsFromLink(colors: readonly (string | null)[], codecNotices: readonly Notice[] = []): { keys: PaletteKey[]; notices: Notice[] } {
  const at = linkIndices(colors.length, codecNotices);
  const keys: PaletteKey[] = [];
  const notices: Notice[] = [];
  colors.forEach((c, i) => {
    if (c === null) {
      keys.push(defaultColor(keys));
      return;
    }
    const exact = paletteKeyOf(c);
    if (exact) {
      keys.push(exact);
      return;
    }
    const near = nearestPaletteKey(c);
    keys.push(near);
    notices.push({
      field: `o[${at[i]}].c`,
      message: t('share.notice.color', { color: c.toLowerCase(), name: t(`color.${near}` as MessageKey), hex: PALETTE.find((p) => p.key === near)!.hex.toLowerCase() }),
    });
  });
  return { keys, notices };
}

/** The racers' colours for a link: null where the page would pick the same colour by itself. */
export function colorsForLink(racers: readonly Racer[]): (string | null)[] {
  const before: PaletteKey[] = [];
  return racers.map((r) => {
    const implied = defaultColor(before);
    before.push(r.color);
    return r.color === implied ? null : PALETTE.find((p) => p.key === r.color)!.hex.toLowerCase();
  });
}

// ---------------------------------------------------------------------------------------------
// Link → store

/** The store's scene, racers and step for a decoded link. */
export function sceneFromShare(
  state: ShareState,
  codecNotices: readonly Notice[] = [],
): { scene: SceneSlice; racers: Racer[]; step: number; notices: Notice[] } {
  const c = state.config;
  const { keys, notices } = colorsFromLink(
    c.optimizers.map((_, i) => state.colors[i] ?? null),
    codecNotices,
  );
  const scene = sceneFromConfig(c);
  const racers: Racer[] = c.optimizers.map((optimizer, i) => {
    const racer: Racer = { id: i + 1, optimizer: { ...optimizer }, color: keys[i], shape: SHAPES[i % SHAPES.length], visible: true };
    const recipe = c.recipes?.[i];
    if (hasRecipe(recipe)) racer.recipe = recipe;
    return racer;
  });
  return { scene, racers, step: state.step ?? 0, notices };
}

/**
 * The codec's notices the page shows. A link with no racers at all (no `o`, or an empty one, as a
 * page whose racers were all removed writes) opens the default race without a warning: the
 * codec's "using the default racers" is dropped unless some racer was given and refused (then its
 * own notice, o[i], explains, and the fallback stays with it). The CLI stays strict.
 */
export function pageNotices(notices: readonly Notice[]): Notice[] {
  const refused = notices.some((n) => /^o\[\d+\]/.test(n.field));
  return notices.filter((n) => refused || !(n.field === 'o' && /using the default racers/.test(n.message)));
}

/** Did the link ask for a theme or a language? Then the URL keeps saying so (following changes). */
let linkTheme = false;
let linkLang = false;

/**
 * Applies a decoded link to the store (the load path, and presets). `view` also applies what the
 * link says about the page itself: theme, language, embed mode and hidden groups (presets keep
 * the page's own).
 */
export function applyShare(decoded: DecodedShare, opts: { view: boolean } = { view: true }): void {
  const { state } = decoded;
  const codecNotices = pageNotices(decoded.notices);
  try {
    const { scene, racers, step, notices } = sceneFromShare(state, decoded.notices);
    loadScene(scene, racers, step);
    setNotices([...codecNotices, ...notices]);
  } catch (e) {
    // Not expected (a decoded link is normalised); still, a link never leaves the page blank.
    setNotices([...codecNotices, { field: 'url', message: t('share.notice.failed', { reason: e instanceof Error ? e.message : String(e) }) }]);
  }
  if (!opts.view) return;
  setView(state.embed, state.hide);
  setPresenting(state.present === true);
  if (state.theme) {
    linkTheme = true;
    setTheme(state.theme);
  }
  if (state.lang) {
    linkLang = true;
    setLocale(state.lang); // applied once its words are loaded (main.tsx awaits them before the first render)
  }
}

// ---------------------------------------------------------------------------------------------
// Store → link

function browserLocale(): string {
  if (typeof navigator === 'undefined') return 'en';
  return localeFromLanguages(navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en']);
}

/**
 * The link's language: written when the link asked for one or the reader chose another than their
 * browser's (a teacher preparing a Chinese class); otherwise each reader keeps their own.
 */
function currentLang(): Lang | null {
  const loc = getLocale();
  if (!(LANGS as readonly string[]).includes(loc)) return null;
  return linkLang || loc !== browserLocale() ? (loc as Lang) : null;
}

/** The share state of the page (the step: `step`, else the one shown). */
export function shareStateOf(s: AppState, step: number = s.playback.step): ShareState {
  return {
    config: runConfig(s),
    colors: colorsForLink(s.racers),
    step: step > 0 ? step : null,
    lang: currentLang(),
    theme: linkTheme ? s.ui.theme : null,
    embed: s.ui.embed,
    hide: [...s.ui.hide],
    ...(s.ui.presenting ? { present: true } : {}),
  };
}

export interface LinkOptions {
  embed?: boolean;
  hide?: readonly HideGroup[];
}

/** The page's link now, with embed mode and hidden groups as given (the Share dialog's options). */
export function currentShareUrl(opts: LinkOptions = {}, base: string = location.href): string {
  updater?.flush();
  const state = shareStateOf(appStore.getState());
  if (opts.embed !== undefined) state.embed = opts.embed;
  if (opts.hide !== undefined) state.hide = [...opts.hide];
  return shareUrl(state, base);
}

// ---------------------------------------------------------------------------------------------
// Keeping the URL current

let updater: UrlUpdater | null = null;
/** The step last shown at rest (paused or scrubbed): what the URL says while the race plays. */
let restingStep = 0;
let scheduled = '';
let schedule: (() => void) | null = null;
let stop: (() => void) | null = null;

/** Parameters that sites add to links they pass on (not settings of the page): dropped silently. */
const TRACKING_RE = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src)$/i;

/**
 * The link part of a page address: its query, or a hash that holds settings (`#v=1&…`; a plain
 * anchor such as `#controls` is not a link), without tracking parameters. Empty for none.
 */
export function linkInput(search: string, hash: string): string {
  const raw = search.length > 1 ? search.slice(1) : hash.includes('=') ? hash.slice(1).replace(/^[^?]*\?/, '') : '';
  return raw
    .split('&')
    .filter((seg) => seg !== '' && !TRACKING_RE.test(seg.split('=')[0]))
    .join('&');
}

interface SyncWindow {
  location: { href: string; search: string; hash: string };
  history: History;
}

/**
 * Reads the page's link into the store, then keeps the URL following the store. Returns a
 * function that stops following (tests).
 */
export function initShareSync(win: SyncWindow = window): () => void {
  stopShareSync();
  linkTheme = false;
  linkLang = false;
  const input = linkInput(win.location.search, win.location.hash);
  if (input) applyShare(decodeShare(input));

  const u = createUrlUpdater(
    {
      location: win.location,
      history: win.history,
      setTimeout: (h, ms) => setTimeout(h, ms),
      clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    },
    URL_DELAY_MS,
  );
  updater = u;
  const s0 = appStore.getState();
  restingStep = s0.playback.step;
  scheduled = JSON.stringify(shareStateOf(s0));
  schedule = () => {
    const s = appStore.getState();
    if (!s.playback.playing) restingStep = s.playback.step;
    const state = shareStateOf(s, restingStep);
    const key = JSON.stringify(state);
    if (key === scheduled) return;
    scheduled = key;
    u.update(state);
  };
  const unsubLocale = subscribeLocale(() => schedule?.());
  const unsub = appStore.subscribe((s, prev) => {
    const stepOnly = s.scene === prev.scene && s.racers === prev.racers && s.ui === prev.ui && s.playback.playing === prev.playback.playing;
    // Per-frame steps of a playing race are not written.
    if (stepOnly && (s.playback.playing || s.playback.step === prev.playback.step)) return;
    schedule?.();
  });
  stop = () => {
    unsub();
    unsubLocale();
    u.cancel();
    if (updater === u) updater = null;
    schedule = null;
  };
  return stopShareSync;
}

export function stopShareSync(): void {
  stop?.();
  stop = null;
}

/** Applies a preset's link (the page keeps its own view) and writes the URL at once. */
export function applyPresetLink(query: string): void {
  applyShare(decodeShare(query), { view: false });
  schedule?.();
  updater?.flush();
}

/** How long a clipboard write may take before the page says it failed (some browsers never settle it). */
export const CLIPBOARD_TIMEOUT_MS = 3000;

/**
 * Writes text to the clipboard; false when the browser has no clipboard, refuses, or has not
 * answered within `timeoutMs` (a write that never settles must not leave the page waiting).
 */
export async function copyText(text: string, timeoutMs = CLIPBOARD_TIMEOUT_MS): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const write = navigator.clipboard.writeText(text).then(
      () => true,
      () => false,
    );
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    return await Promise.race([write, late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
