/**
 * The fields of a share link: one table (FIELDS), read in order by the encoder and by the decoder
 * (src/share/codec.ts), so a field's key, default, parse, format and check are written once.
 *
 * Adding a field: its key in SHARE_KEYS and one row in FIELDS, at the place where it is to be
 * written (the order of a link, and of its notices). A row of the run config is `part: 'scene'`;
 * one about how the page shows it, `part: 'view'`. Existing links stay valid as long as the new
 * row leaves its default out (the encoder writes only what differs from the default).
 */
import { ConfigError, DEFAULTS, LIMITS, defaultConfig, normalizeConfig, normalizeSurface } from '../engine/config';
import type { RunConfig } from '../engine/types';
import { show } from '../optim/errors';
import { defaultOptimizerConfig, getOptimizer, hyperOf, normalizeOptimizerConfig, optimizerNames, optimizers } from '../optim';
import type { HyperSpec, HyperValue, OptimizerConfig, OptimizerEntrySpec, OptimizerName } from '../optim/types';
import { checkHyper, checkNumber } from '../optim/validate';
import { DEFAULT_CUSTOM_F, FALLBACK_DOMAIN, suggestDomain, toDomainPair } from '../surfaces/custom';
import type { DomainPair, SurfaceDef, SurfaceParams } from '../surfaces/types';
import { userDataRows, type UserData } from '../engine/userdata';
import { decodeData, encodeData } from './data-field';
import { HIDE_GROUPS, LANGS, MAX_LINK_STEPS, THEMES, type HideGroup, type ShareState } from './types';
import { hasRecipe, normalizeRecipe, type Recipe } from '../engine/recipe';
import { formatRecipe, isRecipeLinkKey, parseRecipePart, RECIPE_LINK_KEYS } from './recipe-link';

/** The link's top-level keys. Surface parameters use their own names (kappa, angle), never one of these. */
export const SHARE_KEYS = {
  version: 'v',
  surface: 's',
  l2: 'l2',
  noise: 'noise',
  data: 'd',
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
  present: 'present',
} as const;

/** The custom surface's own keys (its "parameters", like kappa for quadratic): right after s. */
export const CUSTOM_KEYS = {
  /** the expression f, as typed */
  f: 'f',
  /** the domain x0,x1,y0,y1, when it is not the one suggested for f */
  domain: 'dom',
} as const;
/** Inside a racer entry: its colour. No optimizer has a hyperparameter of this name. */
export const COLOR_KEY = 'c';

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
    case 'choice':
      return s;
    case 'optimizer':
      return { name: s }; // its hyperparameters come as `key.sub=value` (decodeRacer)
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
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `${formatNumber(v[0])}/${formatNumber(v[1])}`;
  if (typeof v === 'object') return v.name;
  return formatNumber(v);
}

function sameHyper(a: unknown, b: HyperValue): boolean {
  if (Array.isArray(b)) return Array.isArray(a) && a.length === 2 && Object.is(a[0], b[0]) && Object.is(a[1], b[1]);
  if (typeof b === 'object') {
    if (typeof a !== 'object' || a === null || Array.isArray(a)) return false;
    const x = a as Record<string, unknown>;
    const keys = new Set([...Object.keys(x), ...Object.keys(b)]);
    return [...keys].every((k) => x[k] !== undefined && b[k] !== undefined && sameHyper(x[k], b[k] as HyperValue));
  }
  return Object.is(a, b);
}

/*
 * An optimizer entry (SAM's base) is written flat: `base=adam,base.lr=0.05`, its name when the
 * entry differs from the spec's default and each of its hyperparameters that differs from its
 * reference: the spec's default entry when the names agree, else the base optimizer's own
 * defaults (`sam,base=adam` is SAM over a default Adam; `sam` alone over `{gd, lr: 0.1}`).
 * Choices (L-BFGS's lineSearch) are written as their string. A default that depends on other
 * settings (L-BFGS's maxEval) is compared with what a reader derives again.
 */

/** What an optimizer entry's unwritten hyperparameters are: the spec's default entry when the names agree, else that optimizer's defaults. */
function entryReference(spec: OptimizerEntrySpec, name: OptimizerName): OptimizerConfig {
  return name === spec.default.name ? normalizeOptimizerConfig(spec.default) : defaultOptimizerConfig(name);
}

/** The `key=…` parts of an optimizer entry. */
function entryParts(spec: OptimizerEntrySpec, v: OptimizerConfig): string[] {
  const full = normalizeOptimizerConfig(spec.default);
  if (sameHyper(v, full)) return [];
  const parts = [`${spec.key}=${v.name}`];
  const ref = entryReference(spec, v.name);
  const bdef = getOptimizer(v.name);
  const derived: Partial<Record<string, HyperValue>> = bdef?.derivedDefaults ? bdef.derivedDefaults(hyperOf(v)) : {};
  for (const sub of bdef?.hyper ?? []) {
    const x = v[sub.key];
    if (x !== undefined && !sameHyper(x, derived[sub.key] ?? (ref[sub.key] as HyperValue))) parts.push(`${spec.key}.${sub.key}=${formatHyper(x)}`);
  }
  return parts;
}

const COLOR_RE = /^#?[0-9a-fA-F]{6}$/;

/** Is `c` a colour a link can carry ('#rrggbb')? */
export function isShareColor(c: unknown): c is string {
  return typeof c === 'string' && c.startsWith('#') && COLOR_RE.test(c);
}

// ---------------------------------------------------------------------------------------------
// Defaults

export const DEFAULT_SURFACE = 'rosenbrock';

const sampleCounts = new Map<string, number>();

/** Number of samples of a data surface (of the state's own data set when it has one), 0 for an analytic one. */
function sampleCount(def: SurfaceDef, params: SurfaceParams, data?: UserData): number {
  if (def.kind !== 'data') return 0;
  if (data) return userDataRows(data);
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
// The fields of a link: one table, read in order by the encoder and by the decoder

/** What a field's default, parse and check may depend on: the surface, and what was read so far. */
export interface FieldContext {
  /** The surface of the state (undefined only when encoding a state whose surface is unknown). */
  def: SurfaceDef | undefined;
  state: ShareState;
  /** A problem with part of the value that does not discard it (a bad racer, an unknown group). */
  note(field: string, problem: string, fallback: string | null): void;
}

/** A problem with a field's whole value; `field` names a part of it (st[1]), else the field's key. */
class FieldProblem extends Error {
  constructor(
    readonly problem: string,
    readonly field: string | null = null,
  ) {
    super(problem);
  }
}

/**
 * One field of a link. `part: 'scene'` fields make up the run config (normalised once more after
 * the last of them); `'view'` fields say how the page shows it, and may depend on the config.
 */
interface Field<V> {
  key: string;
  part: 'scene' | 'view';
  /** The value in a state; undefined: nothing to write. */
  get(state: ShareState): V | undefined;
  set(state: ShareState, value: V): void;
  /** The value when the link does not say (what the encoder leaves out). */
  fallback(ctx: FieldContext): V;
  /** Equal values are not written (default: Object.is). */
  same?(a: V, b: V): boolean;
  /** Written even when it equals the default. */
  always?: boolean;
  format(value: V, ctx: FieldContext): string;
  /** Reads and checks the text of the field; throws (ConfigError or FieldProblem) when it is bad. */
  parse(raw: string, ctx: FieldContext): V;
  /** What the notice of a bad value says is used instead. */
  instead(fallback: V): string;
  /** When a link lacks the field altogether: the notice (the default is used silently otherwise). */
  missing?: string;
  /** Encoding only: the field needs a known surface. */
  needsSurface?: boolean;
}

/** A field with its value type closed over, so that fields of every type share one list. */
export interface FieldRow {
  key: string;
  part: 'scene' | 'view';
  encode(ctx: FieldContext): string | null;
  decode(raw: string | undefined, ctx: FieldContext): void;
}

function row<V>(f: Field<V>): FieldRow {
  return {
    key: f.key,
    part: f.part,
    encode(ctx) {
      if (f.needsSurface && !ctx.def) return null;
      const v = f.get(ctx.state);
      if (v === undefined) return null;
      if (!f.always && (f.same ?? Object.is)(v, f.fallback(ctx))) return null;
      return `${f.key}=${f.format(v, ctx)}`;
    },
    decode(raw, ctx) {
      if (raw === undefined) {
        const fb = f.fallback(ctx);
        if (f.missing) ctx.note(f.key, f.missing, f.instead(fb));
        f.set(ctx.state, fb);
        return;
      }
      try {
        f.set(ctx.state, f.parse(raw, ctx));
      } catch (e) {
        const fb = f.fallback(ctx);
        const field = e instanceof FieldProblem ? (e.field ?? f.key) : f.key;
        ctx.note(field, e instanceof FieldProblem ? e.problem : problemOf(e).problem, f.instead(fb));
        f.set(ctx.state, fb);
      }
    },
  };
}

const usingDefault = (v: number) => `using the default ${formatNumber(v)}`;
const ignored = () => 'ignored';

/** A whole number or a point, checked by normalizeConfig itself on an otherwise minimal config. */
function checkConfigField<K extends 'start' | 'steps' | 'batchSize' | 'seed' | 'stride'>(
  ctx: FieldContext,
  key: string,
  field: K,
  value: unknown,
): RunConfig[K] {
  try {
    return normalizeConfig({ surface: ctx.state.config.surface, optimizers: [{ name: 'gd' }], [field]: value })[field];
  } catch (e) {
    const p = problemOf(e);
    throw new FieldProblem(p.problem, p.field && p.field.startsWith(field) ? key + p.field.slice(field.length) : key);
  }
}

/** A whole-number field of the run config: steps, batch size, seed, stride. */
function integerField(key: string, field: 'steps' | 'batchSize' | 'seed' | 'stride', fallback: (ctx: FieldContext) => number, extra?: (v: number) => void): FieldRow {
  return row<number>({
    key,
    part: 'scene',
    get: (s) => s.config[field],
    set: (s, v) => {
      s.config[field] = v;
    },
    fallback,
    format: formatNumber,
    parse: (raw, ctx) => {
      const v = checkConfigField(ctx, key, field, parseNumber(raw));
      extra?.(v);
      return v;
    },
    instead: usingDefault,
  });
}

/** A surface parameter (kappa, angle, ...): the surface's own names and ranges. */
function surfaceParamRow(def: SurfaceDef, p: SurfaceDef['params'][number]): FieldRow {
  return row<number>({
    key: p.key,
    part: 'scene',
    get: (s) => {
      const v = s.config.surface.params[p.key];
      return typeof v === 'number' ? v : undefined;
    },
    set: (s, v) => {
      s.config.surface.params[p.key] = v;
    },
    fallback: () => p.default,
    format: formatNumber,
    parse: (raw) => normalizeSurface({ name: def.name, params: { [p.key]: parseNumber(raw) } }).config.params[p.key] as number,
    instead: usingDefault,
  });
}

/**
 * The expression of a custom surface in a link: as typed, percent-encoding only what a query value
 * cannot hold (space, %, &, #, non-ASCII…); + - * / ^ ( ) . stay as they are, so
 * `x^4 - 3*x*y + y^2` is `x^4%20-%203*x*y%20+%20y^2`.
 */
export function encodeExpression(f: string): string {
  return f.replace(/[^A-Za-z0-9^+\-*/().,_~!]/g, (ch) => encodeURIComponent(ch));
}

/** The domain suggested for the custom surface's f in `s` (the fallback one if f does not parse). */
function suggestedDomain(s: ShareState): DomainPair {
  const f = s.config.surface.params.f;
  try {
    return toDomainPair(suggestDomain(typeof f === 'string' ? f : DEFAULT_CUSTOM_F));
  } catch {
    return toDomainPair(FALLBACK_DOMAIN);
  }
}

const isPair = (v: unknown): v is DomainPair => Array.isArray(v) && v.length === 2 && v.every((p) => Array.isArray(p) && p.length === 2);

/** `s=custom` (CONTRACT §8): the expression `f` and the domain `dom`; a bad one is a notice. */
const CUSTOM_ROWS: readonly FieldRow[] = [
  row<string>({
    key: CUSTOM_KEYS.f,
    part: 'scene',
    get: (s) => (typeof s.config.surface.params.f === 'string' ? s.config.surface.params.f : undefined),
    // f with its suggested domain; a `dom` that follows replaces the domain.
    set: (s, v) => {
      s.config.surface.params = { ...normalizeSurface({ name: 'custom', params: { f: v } }).config.params };
    },
    fallback: () => DEFAULT_CUSTOM_F,
    always: true,
    format: encodeExpression,
    // (checked with a placeholder domain: the suggestion is only computed for the f that is kept)
    parse: (raw) => normalizeSurface({ name: 'custom', params: { f: raw, domain: [[-1, 1], [-1, 1]] } }).config.params.f as string,
    instead: (v) => `using ${v}`,
    missing: 'no expression given for the custom surface',
  }),
  row<DomainPair>({
    key: CUSTOM_KEYS.domain,
    part: 'scene',
    get: (s) => (isPair(s.config.surface.params.domain) ? s.config.surface.params.domain : undefined),
    set: (s, v) => {
      s.config.surface.params = { ...s.config.surface.params, domain: v };
    },
    fallback: (ctx) => suggestedDomain(ctx.state),
    same: (a, b) => Object.is(a[0][0], b[0][0]) && Object.is(a[0][1], b[0][1]) && Object.is(a[1][0], b[1][0]) && Object.is(a[1][1], b[1][1]),
    format: (v) => [v[0][0], v[0][1], v[1][0], v[1][1]].map(formatNumber).join(','),
    parse: (raw) => {
      const parts = raw.split(',').map(parseNumber);
      if (parts.length !== 4) throw new FieldProblem(`must be x0,x1,y0,y1 (got ${show(raw)})`);
      return normalizeSurface({ name: 'custom', params: { f: 'x', domain: [parts.slice(0, 2), parts.slice(2)] } }).config.params.domain as DomainPair;
    },
    instead: () => 'using the domain suggested for f',
  }),
];

/** λ of the L2 term, σ of the simulated noise: checked as the surface checks them. */
function surfaceTermRow(key: 'l2' | 'noise'): FieldRow {
  return row<number>({
    key: SHARE_KEYS[key],
    part: 'scene',
    get: (s) => s.config.surface[key],
    set: (s, v) => {
      s.config.surface[key] = v;
    },
    fallback: () => 0,
    format: formatNumber,
    parse: (raw, ctx) => normalizeSurface({ name: ctx.state.config.surface.name, [key]: parseNumber(raw) }).config[key],
    instead: () => 'using 0',
  });
}

interface Racers {
  optimizers: OptimizerConfig[];
  colors: (string | null)[];
  /** CONTRACT §4: each racer's recipe (parallel to optimizers), or undefined when none has one. */
  recipes?: Recipe[];
}

function formatRacers(r: Racers): string {
  return r.optimizers
    .map((o, i) => {
      const parts: string[] = [o.name];
      const odef = getOptimizer(o.name);
      const derived: Partial<Record<string, HyperValue>> = odef?.derivedDefaults ? odef.derivedDefaults(hyperOf(o)) : {};
      for (const spec of odef?.hyper ?? []) {
        const v = o[spec.key];
        if (v === undefined) continue;
        if (spec.kind === 'optimizer') {
          if (typeof v === 'object' && !Array.isArray(v)) parts.push(...entryParts(spec, v));
        } else if (!sameHyper(v, derived[spec.key] ?? spec.default)) {
          parts.push(`${spec.key}=${formatHyper(v)}`);
        }
      }
      parts.push(...formatRecipe(r.recipes?.[i]));
      const color = r.colors[i];
      if (isShareColor(color)) parts.push(`${COLOR_KEY}=${color.slice(1)}`);
      return parts.join(',');
    })
    .join(';');
}

function parseRacers(raw: string, ctx: FieldContext): Racers {
  const K = SHARE_KEYS;
  const out: Racers = { optimizers: [], colors: [] };
  const recipes: Recipe[] = [];
  const list = raw.split(';');
  while (list.length > 0 && list[list.length - 1] === '') list.pop(); // a trailing ';'
  if (list.length > LIMITS.maxOptimizers) {
    ctx.note(K.racers, `at most ${LIMITS.maxOptimizers} racers (got ${list.length})`, `using the first ${LIMITS.maxOptimizers}`);
    list.length = LIMITS.maxOptimizers;
  }
  list.forEach((entry, i) => {
    const r = decodeRacer(ctx, entry, i);
    if (r) {
      out.optimizers.push(r.optimizer);
      out.colors.push(r.color);
      recipes.push(r.recipe);
    }
  });
  if (out.optimizers.length === 0) throw new FieldProblem('no valid racer');
  if (recipes.some(hasRecipe)) out.recipes = recipes;
  return out;
}

function defaultRacers(): Racers {
  const optimizers = defaultConfig().optimizers;
  return { optimizers, colors: optimizers.map(() => null) };
}

function startOf(def: SurfaceDef | undefined): [number, number] {
  return def ? [def.defaultStart[0], def.defaultStart[1]] : [0, 0];
}

/** A choice among a few names (lang, theme): written when set, ignored when not one of them. */
function choiceRow<T extends string>(key: string, options: readonly T[], slot: 'lang' | 'theme'): FieldRow {
  const valid = (v: unknown): v is T => typeof v === 'string' && (options as readonly string[]).includes(v);
  return row<T | null>({
    key,
    part: 'view',
    get: (s) => (valid(s[slot]) ? (s[slot] as T) : null),
    set: (s, v) => {
      (s as Record<typeof slot, T | null>)[slot] = v;
    },
    fallback: () => null,
    format: (v) => v ?? '',
    parse: (raw) => {
      if (valid(raw)) return raw;
      throw new FieldProblem(`must be one of ${options.join(', ')} (got ${show(raw)})`);
    },
    instead: ignored,
  });
}

/**
 * Every field of a link after `v`, in the order they are written and read (notices follow it).
 * The surface's own parameters come right after `s` (see fieldsFor). Adding a field: a row here
 * and its key in SHARE_KEYS.
 */
export const FIELDS: readonly FieldRow[] = [
  row<string>({
    key: SHARE_KEYS.surface,
    part: 'scene',
    get: (s) => s.config.surface.name,
    // Read first: the surface's defaults come with it, and the other fields depend on it.
    set: (s, v) => {
      const { config } = normalizeSurface({ name: v });
      s.config.surface = { ...config, params: { ...config.params } };
    },
    fallback: () => DEFAULT_SURFACE,
    always: true,
    format: (v) => v,
    parse: (raw) => normalizeSurface({ name: raw }).config.name,
    instead: (v) => `using ${v}`,
  }),
  surfaceTermRow('l2'),
  surfaceTermRow('noise'),
  // A data set of one's own (src/share/data-field.ts): before the batch size, whose range it sets.
  row<UserData | null>({
    key: SHARE_KEYS.data,
    part: 'scene',
    get: (s) => s.config.surface.data,
    set: (s, v) => {
      if (v) s.config.surface.data = v;
      else delete s.config.surface.data;
    },
    fallback: () => null,
    format: encodeData,
    parse: (raw, ctx) => decodeData(raw, ctx.state.config.surface.name),
    instead: () => 'using the shipped data set',
  }),
  row<Racers>({
    key: SHARE_KEYS.racers,
    part: 'scene',
    get: (s) => ({ optimizers: s.config.optimizers, colors: s.colors, recipes: s.config.recipes }),
    set: (s, v) => {
      s.config.optimizers = v.optimizers;
      s.colors = v.colors;
      if (v.recipes) s.config.recipes = v.recipes;
      else delete s.config.recipes;
    },
    fallback: defaultRacers,
    always: true,
    format: formatRacers,
    parse: parseRacers,
    instead: (v) => `using the default racers ${v.optimizers.map((o) => o.name).join(', ')}`,
    missing: 'no racers given',
  }),
  row<[number, number]>({
    key: SHARE_KEYS.start,
    part: 'scene',
    needsSurface: true,
    get: (s) => s.config.start,
    set: (s, v) => {
      s.config.start = v;
    },
    fallback: (ctx) => startOf(ctx.def),
    same: (a, b) => Object.is(a[0], b[0]) && Object.is(a[1], b[1]),
    format: (v) => `${formatNumber(v[0])},${formatNumber(v[1])}`,
    parse: (raw, ctx) => {
      const parts = raw.split(',');
      if (parts.length !== 2) throw new FieldProblem(`must be a point x,y (got ${show(raw)})`);
      return checkConfigField(ctx, SHARE_KEYS.start, 'start', parts.map(parseNumber));
    },
    instead: (v) => `using the default ${v.map(formatNumber).join(',')}`,
  }),
  integerField(SHARE_KEYS.steps, 'steps', () => DEFAULTS.steps, (steps) => {
    // The engine runs up to LIMITS.maxSteps, but the page draws at most MAX_LINK_STEPS: a link
    // must give the same trajectories in both, so it is held to the page's limit.
    if (steps > MAX_LINK_STEPS) throw new FieldProblem(`must be ≤ ${MAX_LINK_STEPS} in a link, the most steps the page draws (got ${formatNumber(steps)})`);
  }),
  integerField(SHARE_KEYS.batchSize, 'batchSize', (ctx) => (ctx.def ? sampleCount(ctx.def, ctx.state.config.surface.params, ctx.state.config.surface.data) : 0) || 1),
  integerField(SHARE_KEYS.seed, 'seed', () => DEFAULTS.seed),
  integerField(SHARE_KEYS.stride, 'stride', () => DEFAULTS.stride),
  row<number | null>({
    key: SHARE_KEYS.step,
    part: 'view',
    get: (s) => s.step ?? null,
    set: (s, v) => {
      s.step = v;
    },
    fallback: () => null,
    format: (v) => formatNumber(v ?? 0),
    parse: (raw, ctx) => checkNumber(parseNumber(raw), { min: 0, max: ctx.state.config.steps, integer: true }, SHARE_KEYS.step),
    instead: ignored,
  }),
  choiceRow(SHARE_KEYS.lang, LANGS, 'lang'),
  choiceRow(SHARE_KEYS.theme, THEMES, 'theme'),
  row<boolean>({
    key: SHARE_KEYS.embed,
    part: 'view',
    get: (s) => s.embed,
    set: (s, v) => {
      s.embed = v;
    },
    fallback: () => false,
    same: (a, b) => !a === !b,
    format: () => '1',
    parse: (raw) => {
      if (raw === '1' || raw === '' || raw === 'true') return true;
      if (raw === '0' || raw === 'false') return false;
      throw new FieldProblem(`must be 1 or 0 (got ${show(raw)})`);
    },
    instead: () => 'using 0',
  }),
  row<HideGroup[]>({
    key: SHARE_KEYS.hide,
    part: 'view',
    get: (s) => (s.hide ?? []).filter((g) => (HIDE_GROUPS as readonly string[]).includes(g)),
    set: (s, v) => {
      s.hide = v;
    },
    fallback: () => [],
    same: (a, b) => a.length === b.length,
    format: (v) => v.join(','),
    parse: (raw, ctx) => {
      const hide: HideGroup[] = [];
      for (const g of raw.split(',')) {
        if (g === '') continue;
        if (!(HIDE_GROUPS as readonly string[]).includes(g)) {
          ctx.note(SHARE_KEYS.hide, `unknown control group ${show(g)}; expected one of ${HIDE_GROUPS.join(', ')}`, 'ignored');
        } else if (!hide.includes(g as HideGroup)) {
          hide.push(g as HideGroup);
        }
      }
      return hide;
    },
    instead: ignored,
  }),
  row<boolean>({
    key: SHARE_KEYS.present,
    part: 'view',
    get: (s) => s.present === true,
    set: (s, v) => {
      if (v) s.present = true;
      else delete s.present;
    },
    fallback: () => false,
    same: (a, b) => !a === !b,
    format: () => '1',
    parse: (raw) => {
      if (raw === '1' || raw === '' || raw === 'true') return true;
      if (raw === '0' || raw === 'false') return false;
      throw new FieldProblem(`must be 1 or 0 (got ${show(raw)})`);
    },
    instead: () => 'using 0',
  }),
];

/** The fields of a link on surface `def`: `s`, the surface's parameters (custom: f, dom), then the rest. */
export function fieldsFor(def: SurfaceDef | undefined): FieldRow[] {
  const own = def?.name === 'custom' ? CUSTOM_ROWS : def ? def.params.map((p) => surfaceParamRow(def, p)) : [];
  return [FIELDS[0], ...own, ...FIELDS.slice(1)];
}

export function problemOf(e: unknown): { field: string | null; problem: string } {
  if (e instanceof ConfigError) return { field: e.field, problem: e.problem };
  return { field: null, problem: e instanceof Error ? e.message : String(e) };
}

function decodeRacer(ctx: FieldContext, entry: string, i: number): { optimizer: OptimizerConfig; color: string | null; recipe: Recipe } | null {
  const path = `${SHARE_KEYS.racers}[${i}]`;
  const parts = entry.split(',');
  const name = parts[0];
  const def = getOptimizer(name);
  if (!def) {
    ctx.note(`${path}.name`, `unknown optimizer ${show(name)}; expected one of ${optimizerNames.join(', ')}`, 'racer dropped');
    return null;
  }
  const raw: Record<string, unknown> = { name };
  const rawRecipe: Record<string, unknown> = {};
  let color: string | null = null;
  const seen = new Set<string>();
  /** An optimizer entry's own parts (`base.lr=0.05`), by entry key. */
  const nested = new Map<string, [string, string][]>();
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    const field = `${path}.${key}`;
    if (seen.has(key)) {
      ctx.note(field, 'is given more than once', 'using the first');
      continue;
    }
    seen.add(key);
    const dot = key.indexOf('.');
    if (dot > 0 && def.hyper.some((s) => s.kind === 'optimizer' && s.key === key.slice(0, dot))) {
      const list = nested.get(key.slice(0, dot)) ?? [];
      list.push([key.slice(dot + 1), value]);
      nested.set(key.slice(0, dot), list);
      continue;
    }
    if (key === COLOR_KEY) {
      if (COLOR_RE.test(value) && !value.startsWith('#')) color = `#${value}`;
      else ctx.note(field, `must be a colour as six hex digits like e69f00 (got ${show(value)})`, 'using the default colour');
      continue;
    }
    if (isRecipeLinkKey(key)) {
      parseRecipePart(key, value, rawRecipe);
      continue;
    }
    const spec = def.hyper.find((s) => s.key === key);
    if (!spec) {
      // A key torch accepts without Descent having it (Nesterov's dampening = 0): the optimizer's own rule.
      const foreign = def.foreignKeys?.[key];
      if (foreign && foreign(parseNumber(value)) === null) continue;
      const known = [...def.hyper.map((s) => s.key), ...Object.values(RECIPE_LINK_KEYS), COLOR_KEY];
      ctx.note(field, `unknown hyperparameter of ${def.name}; expected one of ${known.join(', ')}`, 'ignored');
      continue;
    }
    if (spec.kind === 'optimizer') {
      const base = getOptimizer(value);
      if (!base || spec.exclude.includes(value)) {
        ctx.note(`${field}.name`, `unknown or unusable optimizer ${show(value)} here`, `using the default ${formatHyper(spec.default)}`);
      } else {
        raw[key] = { ...entryReference(spec, base.name) };
      }
      continue;
    }
    try {
      raw[key] = checkHyper(spec, parseHyper(spec, value), field);
    } catch (e) {
      const p = problemOf(e);
      ctx.note(p.field ?? field, p.problem, `using the default ${formatHyper(spec.default)}`);
    }
  }
  for (const [key, subs] of nested) {
    const spec = def.hyper.find((s) => s.key === key);
    if (!spec || spec.kind !== 'optimizer') continue;
    const entry = (raw[key] as OptimizerConfig | undefined) ?? normalizeOptimizerConfig(spec.default);
    const bdef = optimizers[entry.name];
    for (const [sub, value] of subs) {
      const field = `${path}.${key}.${sub}`;
      const subSpec = bdef.hyper.find((s) => s.key === sub);
      if (!subSpec || subSpec.kind === 'optimizer') {
        ctx.note(field, `unknown hyperparameter of ${bdef.name}; expected one of ${bdef.hyper.map((s) => s.key).join(', ')}`, 'ignored');
        continue;
      }
      try {
        entry[sub] = checkHyper(subSpec, parseHyper(subSpec, value), field, bdef);
      } catch (e) {
        const p = problemOf(e);
        ctx.note(p.field ?? field, p.problem, 'using its default');
      }
    }
    raw[key] = entry;
  }
  let optimizer: OptimizerConfig;
  try {
    optimizer = normalizeOptimizerConfig(raw, path);
  } catch (e) {
    const p = problemOf(e);
    ctx.note(p.field ?? path, p.problem, 'racer dropped');
    return null;
  }
  // The recipe, checked piece by piece: a bad piece is left out, the racer stays.
  const recipe: Recipe = {};
  const n = ctx.def ? sampleCount(ctx.def, ctx.state.config.surface.params) : 0;
  const lr = typeof optimizer.lr === 'number' ? optimizer.lr : NaN;
  for (const [k, v] of Object.entries(rawRecipe)) {
    try {
      // Steps are read after the racers: onecycle's totalSteps ≥ steps is checked with the whole config.
      Object.assign(recipe, normalizeRecipe({ [k]: v }, path, def, lr, { steps: 0, n, maxAnalyticBatch: LIMITS.maxAnalyticBatch }));
    } catch (e) {
      const p = problemOf(e);
      ctx.note(p.field ?? path, p.problem, 'ignored');
    }
  }
  return { optimizer, color, recipe };
}
