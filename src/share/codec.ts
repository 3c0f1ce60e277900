/**
 * The share-link codec (issue 4): a ShareState ⇄ a short, human-readable, versioned query string.
 *
 *   v=1&s=quadratic&kappa=50&o=gd,lr=0.03;momentum,lr=0.03,c=d55e00&st=-3.5,2&n=150
 *
 * | key      | meaning                                   | written when                     |
 * |----------|-------------------------------------------|----------------------------------|
 * | v        | format version (1)                        | always                           |
 * | s        | surface name                              | always                           |
 * | <param>  | a surface parameter, e.g. kappa, angle    | ≠ the surface's default          |
 * | l2       | λ of the L2 term                          | ≠ 0                              |
 * | noise    | σ of the simulated gradient noise         | ≠ 0                              |
 * | o        | racers: `name,key=value,...;name,...`     | always                           |
 * | st       | start `x,y`                               | ≠ the surface's default start    |
 * | n        | steps (at most 10,000, the page's limit)  | ≠ 200                            |
 * | b        | batch size                                | ≠ n on data surfaces, ≠ 1 else   |
 * | seed     | seed                                      | ≠ 1                              |
 * | stride   | keep every k-th point                     | ≠ 1                              |
 * | t        | the animation step shown                  | set                              |
 * | lang     | en, zh                                    | set                              |
 * | theme    | light, dark                               | set                              |
 * | embed    | 1: plot and play controls only            | on                               |
 * | hide     | control groups to hide, `surface,hyper`   | any                              |
 *
 * In a racer, only hyperparameters that differ from the optimizer's default are written; pairs
 * as `0.9/0.999`, booleans as `1`/`0`, and the colour as `c=rrggbb` (no `#`). Numbers are written
 * with the shortest representation that reads back as the same double (`String(x)`), so a link
 * reproduces its trajectories bit for bit.
 *
 * Decoding is field by field: every key that is malformed, out of range or unknown falls back to
 * its default and adds a Notice; it never throws. Ranges and defaults come from the registries'
 * specs, checked by the same functions as every other config (checkNumber, checkHyper,
 * normalizeSurface, normalizeConfig).
 */
import { ConfigError, DEFAULTS, LIMITS, defaultConfig, normalizeConfig, normalizeSurface } from '../engine/config';
import type { RunConfig, SurfaceConfig } from '../engine/types';
import { show } from '../optim/errors';
import { getOptimizer, normalizeOptimizerConfig, optimizerNames } from '../optim';
import type { HyperSpec, HyperValue, OptimizerConfig } from '../optim/types';
import { checkHyper, checkNumber } from '../optim/validate';
import { getSurface, surfaces } from '../surfaces';
import type { SurfaceDef } from '../surfaces/types';
import { HIDE_GROUPS, LANGS, MAX_LINK_STEPS, THEMES, type DecodedShare, type HideGroup, type Notice, type ShareState } from './types';

export const SHARE_VERSION = 1;
/** Longer input is cut to this many characters (with a notice) before it is read. */
export const MAX_INPUT_LENGTH = 4000;
/** At most this many notices are returned; the last one then counts the rest. */
export const MAX_NOTICES = 20;
const MAX_FIELD_LENGTH = 40;
const MAX_MESSAGE_LENGTH = 240;

/** The link's top-level keys. Surface parameters use their own names (kappa, angle), never one of these. */
export const SHARE_KEYS = {
  version: 'v',
  surface: 's',
  l2: 'l2',
  noise: 'noise',
  racers: 'o',
  start: 'st',
  steps: 'n',
  batchSize: 'b',
  seed: 'seed',
  stride: 'stride',
  step: 't',
  lang: 'lang',
  theme: 'theme',
  embed: 'embed',
  hide: 'hide',
} as const;
/** Inside a racer entry: its colour. No optimizer has a hyperparameter of this name. */
export const COLOR_KEY = 'c';

type Entry = [key: string, value: string];

/**
 * Migrations: `migrations[k]` rewrites the entries of a version-k link as version k + 1.
 * Version 1 is the only version so far, so the table is empty; a future v2 adds `1: (e) => ...`.
 */
export const migrations: Record<number, (entries: Entry[]) => Entry[]> = {};

/** A problem with one field: what was wrong, and what was used instead. */
interface Issue {
  field: string;
  problem: string;
  fallback: string | null;
}

// ---------------------------------------------------------------------------------------------
// Values

/** The shortest text that reads back as exactly `x` ("-0" for −0; "1e21", not "1e+21"). */
export function formatNumber(x: number): string {
  if (typeof x !== 'number') return 'NaN';
  if (Object.is(x, -0)) return '-0';
  return String(x).replace('e+', 'e');
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number, or the text itself (which the range checks then reject, quoting it). */
function parseNumber(s: string): number | string {
  return NUMBER_RE.test(s) ? Number(s) : s;
}

function parseHyper(spec: HyperSpec, s: string): unknown {
  switch (spec.kind) {
    case 'number':
      return parseNumber(s);
    case 'boolean':
      return s === '1' || s === 'true' ? true : s === '0' || s === 'false' ? false : s;
    case 'pair': {
      const parts = s.split('/');
      return parts.length === 2 ? [parseNumber(parts[0]), parseNumber(parts[1])] : s;
    }
  }
}

function formatHyper(v: HyperValue): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return `${formatNumber(v[0])}/${formatNumber(v[1])}`;
  return formatNumber(v);
}

function sameHyper(a: unknown, b: HyperValue): boolean {
  if (Array.isArray(b)) return Array.isArray(a) && a.length === 2 && Object.is(a[0], b[0]) && Object.is(a[1], b[1]);
  return Object.is(a, b);
}

const COLOR_RE = /^#?[0-9a-fA-F]{6}$/;

/** Is `c` a colour a link can carry ('#rrggbb')? */
export function isShareColor(c: unknown): c is string {
  return typeof c === 'string' && c.startsWith('#') && COLOR_RE.test(c);
}

// ---------------------------------------------------------------------------------------------
// Defaults

const DEFAULT_SURFACE = 'rosenbrock';

const sampleCounts = new Map<string, number>();

/** Number of samples of a data surface, 0 for an analytic one. */
function sampleCount(def: SurfaceDef, params: Record<string, number>): number {
  if (def.kind !== 'data') return 0;
  const key = `${def.name}:${JSON.stringify(params)}`;
  let n = sampleCounts.get(key);
  if (n === undefined) sampleCounts.set(key, (n = def.create(params).n));
  return n;
}

/** The page's initial state: the default scene, nothing else set. */
export function defaultShareState(): ShareState {
  const config = defaultConfig();
  return { config, colors: config.optimizers.map(() => null), step: null, lang: null, theme: null, embed: false, hide: [] };
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** The query string (without '?') of a state. Writes only what differs from the defaults. */
export function encodeShare(state: ShareState): string {
  const c = state.config;
  const K = SHARE_KEYS;
  const out: string[] = [`${K.version}=${SHARE_VERSION}`, `${K.surface}=${c.surface.name}`];
  const def = getSurface(c.surface.name);
  if (def) {
    for (const p of def.params) {
      const v = c.surface.params[p.key];
      if (v !== undefined && !Object.is(v, p.default)) out.push(`${p.key}=${formatNumber(v)}`);
    }
  }
  if (!Object.is(c.surface.l2, 0)) out.push(`${K.l2}=${formatNumber(c.surface.l2)}`);
  if (!Object.is(c.surface.noise, 0)) out.push(`${K.noise}=${formatNumber(c.surface.noise)}`);

  const racers = c.optimizers.map((o, i) => {
    const parts: string[] = [o.name];
    const odef = getOptimizer(o.name);
    for (const spec of odef?.hyper ?? []) {
      const v = o[spec.key];
      if (v !== undefined && typeof v !== 'string' && !sameHyper(v, spec.default)) parts.push(`${spec.key}=${formatHyper(v)}`);
    }
    const color = state.colors[i];
    if (isShareColor(color)) parts.push(`${COLOR_KEY}=${color.slice(1)}`);
    return parts.join(',');
  });
  out.push(`${K.racers}=${racers.join(';')}`);

  if (def && (!Object.is(c.start[0], def.defaultStart[0]) || !Object.is(c.start[1], def.defaultStart[1]))) {
    out.push(`${K.start}=${formatNumber(c.start[0])},${formatNumber(c.start[1])}`);
  }
  if (!Object.is(c.steps, DEFAULTS.steps)) out.push(`${K.steps}=${formatNumber(c.steps)}`);
  const fullBatch = def ? sampleCount(def, c.surface.params) || 1 : 1;
  if (!Object.is(c.batchSize, fullBatch)) out.push(`${K.batchSize}=${formatNumber(c.batchSize)}`);
  if (!Object.is(c.seed, DEFAULTS.seed)) out.push(`${K.seed}=${formatNumber(c.seed)}`);
  if (!Object.is(c.stride, DEFAULTS.stride)) out.push(`${K.stride}=${formatNumber(c.stride)}`);
  if (state.step !== null && state.step !== undefined) out.push(`${K.step}=${formatNumber(state.step)}`);
  if (state.lang && (LANGS as readonly string[]).includes(state.lang)) out.push(`${K.lang}=${state.lang}`);
  if (state.theme && (THEMES as readonly string[]).includes(state.theme)) out.push(`${K.theme}=${state.theme}`);
  if (state.embed) out.push(`${K.embed}=1`);
  const hide = (state.hide ?? []).filter((g) => (HIDE_GROUPS as readonly string[]).includes(g));
  if (hide.length) out.push(`${K.hide}=${hide.join(',')}`);
  return out.join('&');
}

/** The query string of a bare config (no colours, step, language, theme, embed or hide). */
export function encodeConfig(config: RunConfig): string {
  return encodeShare({ config, colors: [], step: null, lang: null, theme: null, embed: false, hide: [] });
}

/** A full link: `base` without its query and hash, then `?` and the encoded state. */
export function shareUrl(state: ShareState, base: string): string {
  const cut = base.search(/[?#]/);
  return `${cut < 0 ? base : base.slice(0, cut)}?${encodeShare(state)}`;
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** The query part of a full URL, a query string with or without '?', or a hash. */
function extractQuery(input: string): string {
  const s = input.trim();
  const q = s.indexOf('?');
  const h = s.indexOf('#');
  if (q >= 0 && (h < 0 || q < h)) {
    const query = s.slice(q + 1, h < 0 ? undefined : h);
    if (query.length > 0 || h < 0) return query;
  }
  if (h >= 0) {
    const hash = s.slice(h + 1);
    const qi = hash.indexOf('?');
    return qi >= 0 ? hash.slice(qi + 1) : hash;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return ''; // a URL without a query
  return s;
}

function percentDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function problemOf(e: unknown): { field: string | null; problem: string } {
  if (e instanceof ConfigError) return { field: e.field, problem: e.problem };
  return { field: null, problem: e instanceof Error ? e.message : String(e) };
}

class Decoder {
  readonly issues: Issue[] = [];
  private readonly values = new Map<string, string>();
  private readonly used = new Set<string>();

  note(field: string, problem: string, fallback: string | null = null): void {
    this.issues.push({ field, problem, fallback });
  }

  /** Reads the entries; returns whether the link had any. */
  read(input: string): boolean {
    let text = input;
    if (text.length > MAX_INPUT_LENGTH) {
      this.note('url', `the link is ${text.length} characters long; only the first ${MAX_INPUT_LENGTH} were read`);
      text = text.slice(0, MAX_INPUT_LENGTH);
    }
    let entries: Entry[] = [];
    for (const segment of extractQuery(text).split('&')) {
      if (segment === '') continue;
      const eq = segment.indexOf('=');
      const rawKey = eq < 0 ? segment : segment.slice(0, eq);
      const key = percentDecode(rawKey);
      if (key === null) {
        this.note(rawKey, 'is not valid percent-encoding', 'ignored');
        continue;
      }
      const value = percentDecode(eq < 0 ? '' : segment.slice(eq + 1));
      if (value === null) {
        this.note(key, `has a value that is not valid percent-encoding`, 'using the default');
        continue;
      }
      entries.push([key, value]);
    }
    if (entries.length === 0) return false;
    entries = this.migrate(entries);
    for (const [key, value] of entries) {
      if (this.values.has(key)) {
        if (this.values.get(key) !== value) this.note(key, 'is given more than once', 'using the first');
        continue;
      }
      this.values.set(key, value);
    }
    return true;
  }

  private migrate(entries: Entry[]): Entry[] {
    const at = entries.findIndex(([k]) => k === SHARE_KEYS.version);
    if (at < 0) return entries; // no version: read as the current one
    const raw = entries[at][1];
    const v = Number(raw);
    if (!/^\d{1,6}$/.test(raw) || v < 1 || v > SHARE_VERSION) {
      this.note(SHARE_KEYS.version, `unknown link version ${show(raw)}; this page reads version ${SHARE_VERSION}`, `read as version ${SHARE_VERSION}, some settings may be lost`);
    } else {
      for (let k = v; k < SHARE_VERSION; k++) {
        const m = migrations[k];
        if (!m) {
          this.note(SHARE_KEYS.version, `no migration from version ${k}`, `read as version ${SHARE_VERSION}`);
          break;
        }
        entries = m(entries);
      }
    }
    return entries.filter(([k]) => k !== SHARE_KEYS.version);
  }

  take(key: string): string | undefined {
    this.used.add(key);
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  unknownKeys(): string[] {
    return [...this.values.keys()].filter((k) => !this.used.has(k));
  }
}

function decodeSurface(d: Decoder): { surface: SurfaceConfig; def: SurfaceDef } {
  const K = SHARE_KEYS;
  let name = DEFAULT_SURFACE;
  const rawName = d.take(K.surface);
  if (rawName !== undefined) {
    try {
      name = normalizeSurface({ name: rawName }).config.name;
    } catch (e) {
      d.note(K.surface, problemOf(e).problem, `using ${DEFAULT_SURFACE}`);
    }
  }
  const { config, def } = normalizeSurface({ name });
  const surface: SurfaceConfig = { ...config, params: { ...config.params } };
  for (const p of def.params) {
    const raw = d.take(p.key);
    if (raw === undefined) continue;
    try {
      surface.params[p.key] = normalizeSurface({ name, params: { [p.key]: parseNumber(raw) } }).config.params[p.key];
    } catch (e) {
      d.note(p.key, problemOf(e).problem, `using the default ${formatNumber(p.default)}`);
    }
  }
  for (const key of ['l2', 'noise'] as const) {
    const raw = d.take(SHARE_KEYS[key]);
    if (raw === undefined) continue;
    try {
      surface[key] = normalizeSurface({ name, [key]: parseNumber(raw) }).config[key];
    } catch (e) {
      d.note(SHARE_KEYS[key], problemOf(e).problem, 'using 0');
    }
  }
  return { surface, def };
}

function decodeRacer(d: Decoder, entry: string, i: number): { optimizer: OptimizerConfig; color: string | null } | null {
  const path = `${SHARE_KEYS.racers}[${i}]`;
  const parts = entry.split(',');
  const name = parts[0];
  const def = getOptimizer(name);
  if (!def) {
    d.note(`${path}.name`, `unknown optimizer ${show(name)}; expected one of ${optimizerNames.join(', ')}`, 'racer dropped');
    return null;
  }
  const raw: Record<string, unknown> = { name };
  let color: string | null = null;
  const seen = new Set<string>();
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    const field = `${path}.${key}`;
    if (seen.has(key)) {
      d.note(field, 'is given more than once', 'using the first');
      continue;
    }
    seen.add(key);
    if (key === COLOR_KEY) {
      if (COLOR_RE.test(value) && !value.startsWith('#')) color = `#${value}`;
      else d.note(field, `must be a colour as six hex digits like e69f00 (got ${show(value)})`, 'using the default colour');
      continue;
    }
    const spec = def.hyper.find((s) => s.key === key);
    if (!spec) {
      if (def.name === 'nesterov' && key === 'dampening' && parseNumber(value) === 0) continue; // as torch: explicit zero is fine
      const known = [...def.hyper.map((s) => s.key), COLOR_KEY];
      d.note(field, `unknown hyperparameter of ${def.name}; expected one of ${known.join(', ')}`, 'ignored');
      continue;
    }
    try {
      raw[key] = checkHyper(spec, parseHyper(spec, value), field);
    } catch (e) {
      const p = problemOf(e);
      d.note(p.field ?? field, p.problem, `using the default ${formatHyper(spec.default)}`);
    }
  }
  try {
    return { optimizer: normalizeOptimizerConfig(raw, path), color };
  } catch (e) {
    const p = problemOf(e);
    d.note(p.field ?? path, p.problem, 'racer dropped');
    return null;
  }
}

/** One top-level field checked by normalizeConfig itself, on an otherwise minimal config. */
function checkField<K extends 'start' | 'steps' | 'batchSize' | 'seed' | 'stride'>(
  d: Decoder,
  surface: SurfaceConfig,
  field: K,
  value: unknown,
  fallback: RunConfig[K],
): RunConfig[K] {
  try {
    return normalizeConfig({ surface, optimizers: [{ name: 'gd' }], [field]: value })[field];
  } catch (e) {
    const p = problemOf(e);
    const key = { start: SHARE_KEYS.start, steps: SHARE_KEYS.steps, batchSize: SHARE_KEYS.batchSize, seed: SHARE_KEYS.seed, stride: SHARE_KEYS.stride }[field];
    const where = p.field && p.field.startsWith(field) ? key + p.field.slice(field.length) : key;
    const shown = Array.isArray(fallback) ? fallback.map(formatNumber).join(',') : formatNumber(fallback as number);
    d.note(where, p.problem, `using the default ${shown}`);
    return fallback;
  }
}

function decodeState(d: Decoder, input: string): ShareState {
  const K = SHARE_KEYS;
  const any = d.read(input);
  if (!any) return defaultShareState();

  const { surface, def } = decodeSurface(d);

  // Racers
  const optimizers: OptimizerConfig[] = [];
  const colors: (string | null)[] = [];
  const rawRacers = d.take(K.racers);
  if (rawRacers !== undefined) {
    const list = rawRacers.split(';');
    while (list.length > 0 && list[list.length - 1] === '') list.pop(); // a trailing ';'
    if (list.length > LIMITS.maxOptimizers) {
      d.note(K.racers, `at most ${LIMITS.maxOptimizers} racers (got ${list.length})`, `using the first ${LIMITS.maxOptimizers}`);
      list.length = LIMITS.maxOptimizers;
    }
    list.forEach((entry, i) => {
      const r = decodeRacer(d, entry, i);
      if (r) {
        optimizers.push(r.optimizer);
        colors.push(r.color);
      }
    });
  }
  if (optimizers.length === 0) {
    const defaults = defaultConfig().optimizers;
    d.note(K.racers, rawRacers === undefined ? 'no racers given' : 'no valid racer', `using the default racers ${defaults.map((o) => o.name).join(', ')}`);
    optimizers.push(...defaults);
    colors.push(...defaults.map(() => null));
  }

  // Start, steps, batch size, seed, stride
  let start: [number, number] = [def.defaultStart[0], def.defaultStart[1]];
  const rawStart = d.take(K.start);
  if (rawStart !== undefined) {
    const parts = rawStart.split(',');
    if (parts.length !== 2) {
      d.note(K.start, `must be a point x,y (got ${show(rawStart)})`, `using the default ${start.map(formatNumber).join(',')}`);
    } else {
      start = checkField(d, surface, 'start', parts.map(parseNumber), start);
    }
  }
  const n = sampleCount(def, surface.params);
  const num = (key: string, field: 'steps' | 'batchSize' | 'seed' | 'stride', fallback: number): number => {
    const raw = d.take(key);
    return raw === undefined ? fallback : checkField(d, surface, field, parseNumber(raw), fallback);
  };
  let steps = num(K.steps, 'steps', DEFAULTS.steps);
  if (steps > MAX_LINK_STEPS) {
    // The engine runs up to LIMITS.maxSteps, but the page draws at most MAX_LINK_STEPS: a link
    // must give the same trajectories in both, so it is held to the page's limit.
    d.note(K.steps, `must be ≤ ${MAX_LINK_STEPS} in a link, the most steps the page draws (got ${formatNumber(steps)})`, `using the default ${DEFAULTS.steps}`);
    steps = DEFAULTS.steps;
  }
  const batchSize = num(K.batchSize, 'batchSize', n || 1);
  const seed = num(K.seed, 'seed', DEFAULTS.seed);
  const stride = num(K.stride, 'stride', DEFAULTS.stride);

  let config: RunConfig = { surface, optimizers, start, steps, batchSize, seed, stride };
  try {
    config = normalizeConfig(config); // every piece was checked already; this is a safety net
  } catch (e) {
    const p = problemOf(e);
    d.note(p.field ?? 'url', p.problem, 'using the default scene');
    return defaultShareState();
  }

  // How it is shown
  let step: number | null = null;
  const rawStep = d.take(K.step);
  if (rawStep !== undefined) {
    try {
      step = checkNumber(parseNumber(rawStep), { min: 0, max: config.steps, integer: true }, K.step);
    } catch (e) {
      d.note(K.step, problemOf(e).problem, 'ignored');
    }
  }
  const choice = <T extends string>(key: string, options: readonly T[]): T | null => {
    const raw = d.take(key);
    if (raw === undefined) return null;
    if ((options as readonly string[]).includes(raw)) return raw as T;
    d.note(key, `must be one of ${options.join(', ')} (got ${show(raw)})`, 'ignored');
    return null;
  };
  const lang = choice(K.lang, LANGS);
  const theme = choice(K.theme, THEMES);
  let embed = false;
  const rawEmbed = d.take(K.embed);
  if (rawEmbed !== undefined) {
    if (rawEmbed === '1' || rawEmbed === '' || rawEmbed === 'true') embed = true;
    else if (rawEmbed !== '0' && rawEmbed !== 'false') d.note(K.embed, `must be 1 or 0 (got ${show(rawEmbed)})`, 'using 0');
  }
  const hide: HideGroup[] = [];
  const rawHide = d.take(K.hide);
  if (rawHide !== undefined) {
    for (const g of rawHide.split(',')) {
      if (g === '') continue;
      if (!(HIDE_GROUPS as readonly string[]).includes(g)) {
        d.note(K.hide, `unknown control group ${show(g)}; expected one of ${HIDE_GROUPS.join(', ')}`, 'ignored');
      } else if (!hide.includes(g as HideGroup)) {
        hide.push(g as HideGroup);
      }
    }
  }

  for (const key of d.unknownKeys()) {
    const owner = Object.values(surfaces).find((s) => s.params.some((p) => p.key === key));
    d.note(key, owner ? `is a parameter of ${owner.name}, not of ${def.name}` : 'is not a key of a Descent link', 'ignored');
  }

  return { config, colors, step, lang, theme, embed, hide };
}

// Control characters, bidirectional overrides, line/paragraph separators, BOM, lone surrogates.
const UNSAFE_RE =
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Plain, printable, bounded text. */
function clean(s: string, max: number): string {
  const chars = Array.from(s.replace(UNSAFE_RE, '\ufffd'));
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

function finish(issues: Issue[]): (Issue & Notice)[] {
  let list = issues;
  if (list.length > MAX_NOTICES) {
    const rest = list.length - (MAX_NOTICES - 1);
    list = [...list.slice(0, MAX_NOTICES - 1), { field: 'url', problem: `${rest} more problems not listed`, fallback: null }];
  }
  return list.map((i) => {
    const field = clean(i.field || 'url', MAX_FIELD_LENGTH);
    const problem = clean(i.problem, MAX_MESSAGE_LENGTH);
    const message = clean(i.fallback ? `${i.problem} — ${i.fallback}` : i.problem, MAX_MESSAGE_LENGTH);
    return { field, problem, fallback: i.fallback, message };
  });
}

function decodeWithIssues(input: string): { state: ShareState; issues: (Issue & Notice)[] } {
  const d = new Decoder();
  let state: ShareState;
  try {
    state = decodeState(d, typeof input === 'string' ? input : String(input));
  } catch (e) {
    // Not expected: every field is checked on its own. Still, a link never breaks the page.
    d.note('url', `could not be read (${problemOf(e).problem})`, 'using the default scene');
    state = defaultShareState();
  }
  return { state, issues: finish(d.issues) };
}

/**
 * Reads a link: a full URL, a query string with or without '?', or a hash. Never throws: every
 * bad field falls back to its default and is named in a notice (plain text, for a dismissible
 * message; render it as text).
 */
export function decodeShare(input: string): DecodedShare {
  const { state, issues } = decodeWithIssues(input);
  return { state, notices: issues.map(({ field, message }) => ({ field, message })) };
}

/** The config of a link (defaults for whatever was bad; see decodeShare for the notices). */
export function decodeConfig(input: string): RunConfig {
  return decodeShare(input).state.config;
}

/**
 * For the CLI: the state of a link, or a ConfigError naming the first field that the page would
 * have ignored (a link with any notice is an error there).
 */
export function decodeShareStrict(input: string): ShareState {
  const { state, issues } = decodeWithIssues(input);
  if (issues.length > 0) throw new ConfigError(issues[0].field, issues[0].problem);
  return state;
}
