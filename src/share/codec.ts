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
 * | f        | custom: the expression, as typed          | s=custom                         |
 * | dom      | custom: the domain `x0,x1,y0,y1`          | ≠ the one suggested for f        |
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
 * | present  | 1: presentation mode (plot full screen)   | on                               |
 * | d        | a data set of one's own (data-field.ts)   | set (or `file:n` when too large) |
 *
 * In a racer, only hyperparameters that differ from the optimizer's default are written; pairs
 * as `0.9/0.999`, booleans as `1`/`0`, and the colour as `c=rrggbb` (no `#`). Numbers are written
 * with the shortest representation that reads back as the same double (`String(x)`), so a link
 * reproduces its trajectories bit for bit.
 *
 * The fields themselves (key, default, parse, format, check) are one table, FIELDS in
 * `fields.ts`; this file frames them: the version and its migrations, percent-decoding, repeated
 * and unknown keys, and the notices.
 *
 * Decoding is field by field: every key that is malformed, out of range or unknown falls back to
 * its default and adds a Notice; it never throws. Ranges and defaults come from the registries'
 * specs, checked by the same functions as every other config (checkNumber, checkHyper,
 * normalizeSurface, normalizeConfig).
 */
import { ConfigError, normalizeConfig } from '../engine/config';
import type { RunConfig } from '../engine/types';
import { show } from '../optim/errors';
import { getSurface, surfaceFor, surfaces } from '../surfaces';
import type { SurfaceDef } from '../surfaces/types';
import { CUSTOM_KEYS, FIELDS, SHARE_KEYS, defaultShareState, fieldsFor, problemOf, type FieldContext } from './fields';
import type { DecodedShare, Notice, ShareState } from './types';

export { COLOR_KEY, CUSTOM_KEYS, SHARE_KEYS, defaultShareState, encodeExpression, formatNumber, isShareColor } from './fields';

export const SHARE_VERSION = 1;
/** Longer input is cut to this many characters (with a notice) before it is read. */
export const MAX_INPUT_LENGTH = 4000;
/** At most this many notices are returned; the last one then counts the rest. */
export const MAX_NOTICES = 20;
const MAX_FIELD_LENGTH = 40;
const MAX_MESSAGE_LENGTH = 240;

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
// Encoding

/** The def of a state's surface (custom: of its own f and domain); undefined when unknown or bad. */
function defOf(state: ShareState): SurfaceDef | undefined {
  try {
    return getSurface(state.config.surface.name, state.config.surface.params);
  } catch {
    return undefined; // a custom f that does not parse
  }
}

/** The query string (without '?') of a state. Writes only what differs from the defaults. */
export function encodeShare(state: ShareState): string {
  const def = defOf(state);
  const ctx: FieldContext = { def, state, note: () => {} };
  const out = [`${SHARE_KEYS.version}=${SHARE_VERSION}`];
  for (const f of fieldsFor(def)) {
    const entry = f.encode(ctx);
    if (entry !== null) out.push(entry);
  }
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

class Decoder {
  readonly issues: Issue[] = [];
  private readonly values = new Map<string, string>();
  private readonly used = new Set<string>();
  /** Set by `read`: the input held no entries at all (an empty string, a bare '?', a URL without a query). */
  empty = false;

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
    if (entries.length === 0) {
      this.empty = true;
      return false;
    }
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

function decodeState(d: Decoder, input: string): ShareState {
  const any = d.read(input);
  if (!any) return defaultShareState();
  const note = (field: string, problem: string, fallback: string | null) => d.note(field, problem, fallback);

  // The surface first: the other fields' names (its parameters), defaults and ranges depend on it.
  const state = defaultShareState();
  FIELDS[0].decode(d.take(SHARE_KEYS.surface), { def: undefined, state, note });
  const def = surfaceFor(state.config.surface.name, state.config.surface.params);
  const ctx: FieldContext = { def, state, note };
  const rows = fieldsFor(def).slice(1);

  for (const f of rows) {
    if (f.part !== 'scene') continue;
    f.decode(d.take(f.key), ctx);
    // custom: f and dom make the def (its default start); follow them.
    if (def.name === 'custom') ctx.def = surfaceFor('custom', state.config.surface.params);
  }
  try {
    state.config = normalizeConfig(state.config); // every piece was checked already; this is a safety net
  } catch (e) {
    const p = problemOf(e);
    d.note(p.field ?? 'url', p.problem, 'using the default scene');
    return defaultShareState();
  }
  for (const f of rows) if (f.part === 'view') f.decode(d.take(f.key), ctx);

  for (const key of d.unknownKeys()) {
    const owner = key === CUSTOM_KEYS.f || key === CUSTOM_KEYS.domain ? { name: 'custom' } : Object.values(surfaces).find((s) => s.params.some((p) => p.key === key));
    d.note(key, owner ? `is a parameter of ${owner.name}, not of ${def.name}` : 'is not a key of a Descent link', 'ignored');
  }
  return state;
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

function decodeWithIssues(input: string): { state: ShareState; issues: (Issue & Notice)[]; empty: boolean } {
  const d = new Decoder();
  let state: ShareState;
  try {
    state = decodeState(d, typeof input === 'string' ? input : String(input));
  } catch (e) {
    // Not expected: every field is checked on its own. Still, a link never breaks the page.
    d.note('url', `could not be read (${problemOf(e).problem})`, 'using the default scene');
    state = defaultShareState();
  }
  return { state, issues: finish(d.issues), empty: d.empty };
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
  const { state, issues, empty } = decodeWithIssues(input);
  // The page opens its default scene for a bare address; from the CLI that is a mistake (an empty
  // shell variable, a link copied without its query), not a request for the default scene.
  if (empty) {
    throw new ConfigError('url', `the link holds no scene: it has no query string (got ${show(input)}); copy the whole address, e.g. "?v=1&s=beale&o=adam,lr=0.05"`);
  }
  if (issues.length > 0) throw new ConfigError(issues[0].field, issues[0].problem);
  return state;
}
