/**
 * Your own data (issue 16) for the data surfaces `linreg` ((xᵢ, yᵢ)) and `logreg` ((aᵢ, bᵢ, tᵢ),
 * tᵢ ∈ {0, 1}): the config's `surface.data`, checked here with messages that name the field
 * (`surface.data.x[12]`), and the surface it makes.
 *
 * `resolveSurface(surface)` is the one place that turns a config's surface into its definition: the
 * registry's when the config has no data of its own, else a definition with the same formula and
 * axes whose core runs on that data (the same exact derivatives: `makeLinregCore`,
 * `makeLogregCore`), its plotting domain, minimum and default start found from the data.
 */
import { fdlibmLog10 } from '../math/fdlibm-log10';
import { fdlibmPow } from '../math/fdlibm-pow';
import { ConfigError, show } from '../optim/errors';
import { checkNumber } from '../optim/validate';
import { getSurface } from '../surfaces';
import { makeLinregCore } from '../surfaces/linreg';
import { makeLogregCore } from '../surfaces/logreg';
import type { CriticalPoint, Domain, SurfaceCore, SurfaceDef, SurfaceName, SurfaceParams } from '../surfaces/types';
import { criticalPoint, minimize } from '../surfaces/util';

/** A data set of one's own, in the CLI's `"data"` format (CONTRACT.md §3). */
export type UserData = { x: number[]; y: number[] } | { a: number[]; b: number[]; t: number[] };

export const USER_DATA_LIMITS = {
  /** The most rows of a data set. */
  maxRows: 10_000,
  /** The fewest rows (one point fits any line). */
  minRows: 2,
  /** The largest |value| of a cell. */
  maxAbs: 1e6,
} as const;

/** The columns of each surface that takes data of one's own, in order. */
export const USER_DATA_COLUMNS: Partial<Record<SurfaceName, readonly string[]>> = {
  linreg: ['x', 'y'],
  logreg: ['a', 'b', 't'],
};

/** The columns of `name`'s own data, or null when it takes none. */
export function userDataColumns(name: string): readonly string[] | null {
  return Object.prototype.hasOwnProperty.call(USER_DATA_COLUMNS, name) ? (USER_DATA_COLUMNS[name as SurfaceName] ?? null) : null;
}

/** Number of rows of a data set (of a normalised one: every column has it). */
export function userDataRows(data: UserData): number {
  return 'x' in data ? data.x.length : data.a.length;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function example(columns: readonly string[]): string {
  return `{${columns.map((c) => `"${c}": [...]`).join(', ')}}`;
}

/**
 * Checks a raw `surface.data` for surface `name` and returns a fresh, plain copy; throws a
 * ConfigError naming the first bad field (`surface.data`, `surface.data.t`, `surface.data.x[3]`).
 */
export function normalizeUserData(name: string, raw: unknown, field = 'surface.data'): UserData {
  const columns = userDataColumns(name);
  if (!columns) {
    const which = Object.entries(USER_DATA_COLUMNS)
      .map(([s, c]) => `${s} (${(c ?? []).join(', ')})`)
      .join(' and ');
    throw new ConfigError(field, `${name} takes no data of its own; own data is for ${which}`);
  }
  if (!isRecord(raw)) throw new ConfigError(field, `must be an object like ${example(columns)} (got ${show(raw)})`);
  for (const k of Object.keys(raw)) {
    if (!columns.includes(k)) throw new ConfigError(`${field}.${k}`, `unknown column of ${name}'s data; expected ${columns.join(', ')}`);
  }
  const out: Record<string, number[]> = {};
  let rows = -1;
  for (const c of columns) {
    const f = `${field}.${c}`;
    const col = raw[c];
    if (col === undefined) throw new ConfigError(f, `missing: ${name}'s data has the columns ${columns.join(', ')}`);
    if (!Array.isArray(col)) throw new ConfigError(f, `must be a list of numbers (got ${show(col)})`);
    if (col.length < USER_DATA_LIMITS.minRows) throw new ConfigError(f, `needs at least ${USER_DATA_LIMITS.minRows} rows (got ${col.length})`);
    if (col.length > USER_DATA_LIMITS.maxRows) {
      throw new ConfigError(f, `at most ${USER_DATA_LIMITS.maxRows.toLocaleString('en-US')} rows (got ${col.length.toLocaleString('en-US')})`);
    }
    if (rows >= 0 && col.length !== rows) throw new ConfigError(f, `has ${col.length} values but ${columns[0]} has ${rows}; every column needs one value per row`);
    rows = col.length;
    const values = new Array<number>(col.length);
    for (let i = 0; i < col.length; i++) {
      const v = checkNumber(col[i], { min: -USER_DATA_LIMITS.maxAbs, max: USER_DATA_LIMITS.maxAbs }, `${f}[${i}]`);
      if (c === 't' && v !== 0 && v !== 1) throw new ConfigError(`${f}[${i}]`, `a label must be 0 or 1 (got ${show(col[i])})`);
      values[i] = v;
    }
    out[c] = values;
  }
  if (name === 'logreg') return { a: out.a, b: out.b, t: out.t };
  const x0 = out.x[0];
  if (out.x.every((v) => v === x0)) {
    throw new ConfigError(`${field}.x`, `every x is ${x0}: a line through such points is not unique; give at least two different x`);
  }
  return { x: out.x, y: out.y };
}

// ---------------------------------------------------------------------------------------------
// The surface of a data set

/** Rounds outward to 3 significant digits (a domain that reads well). */
function roundOut(v: number, up: boolean): number {
  if (v === 0) return 0;
  const p = fdlibmPow(10, Math.floor(fdlibmLog10(Math.abs(v))) - 2);
  return (up ? Math.ceil(v / p) : Math.floor(v / p)) * p;
}

function nice(v: number): number {
  return Number(v.toPrecision(3));
}

/**
 * A domain around the minimum m: the ellipse {δ: ½δᵀHδ ≤ f(0) − f(m)} (the level set through the
 * origin of the quadratic model) with a margin, so that both the minimum and θ = 0 are in view.
 */
function domainAround(core: SurfaceCore, m: [number, number], h: Float64Array): Domain {
  const det = h[0] * h[2] - h[1] * h[1];
  const df = Math.max(core.value(0, 0) - core.value(m[0], m[1]), 1e-6);
  let ex = det > 0 ? Math.sqrt((2 * df * h[2]) / det) : 1;
  let ey = det > 0 ? Math.sqrt((2 * df * h[0]) / det) : 1;
  const scale = Math.max(Math.abs(m[0]), Math.abs(m[1]), 1);
  ex = Math.min(Math.max(ex, 1e-3 * scale), 1e5) * 1.3;
  ey = Math.min(Math.max(ey, 1e-3 * scale), 1e5) * 1.3;
  return {
    x: [roundOut(m[0] - ex, false), roundOut(m[0] + ex, true)],
    y: [roundOut(m[1] - ey, false), roundOut(m[1] + ey, true)],
  };
}

/** Largest |coordinate| of a domain or start found from data (the engine's bound is 1e6). */
const MAX_VIEW = 1e5;

function safeRange(r: [number, number]): [number, number] {
  let [a, b] = r;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return [-5, 5];
  a = Math.max(-MAX_VIEW, Math.min(MAX_VIEW, a));
  b = Math.max(-MAX_VIEW, Math.min(MAX_VIEW, b));
  if (!(b > a)) return a >= MAX_VIEW ? [MAX_VIEW - 2, MAX_VIEW] : [a - 1, a + 1];
  return [a, b];
}

function withCore(base: SurfaceDef, core: SurfaceCore, min: [number, number] | null, rawDomain: Domain, corner: [number, number]): SurfaceDef {
  const domain: Domain = { x: safeRange(rawDomain.x), y: safeRange(rawDomain.y) };
  const inside = (p: [number, number]) => p[0] >= domain.x[0] && p[0] <= domain.x[1] && p[1] >= domain.y[0] && p[1] <= domain.y[1];
  // The minimum is marked when it is in view (data of extreme scales can put it beyond MAX_VIEW).
  const critical: CriticalPoint[] = min && inside(min) ? [criticalPoint(core, min, 'min', true)] : [];
  const at = (k: number, r: [number, number]) => nice(r[0] + k * (r[1] - r[0]));
  const start: [number, number] = [at(corner[0], domain.x), at(corner[1], domain.y)];
  return {
    ...base,
    domain,
    criticalPoints: () => critical.map((c) => ({ ...c, point: [c.point[0], c.point[1]] })),
    defaultStart: inside(start) ? start : [at(0.5, domain.x), at(0.5, domain.y)],
    create: () => core,
  };
}

function linregDef(base: SurfaceDef, data: { x: number[]; y: number[] }): SurfaceDef {
  const { core, leastSquares } = makeLinregCore(Float64Array.from(data.x), Float64Array.from(data.y));
  const m = leastSquares();
  const h = new Float64Array(3);
  core.hessian(m[0], m[1], h);
  // The start at the lower left, as the shipped data's: across the ravine from the fit.
  return withCore(base, core, m, domainAround(core, m, h), [0.12, 0.12]);
}

function logregDef(base: SurfaceDef, data: { a: number[]; b: number[]; t: number[] }): SurfaceDef {
  const core = makeLogregCore(Float64Array.from(data.a), Float64Array.from(data.b), Float64Array.from(data.t));
  let m: [number, number] | null = null;
  try {
    m = minimize(core, 0, 0);
  } catch {
    m = null; // separable classes (the loss falls towards 0 at infinity) or degenerate features: no finite minimum
  }
  const h = new Float64Array(3);
  let d: Domain;
  if (m && Math.abs(m[0]) < 1e4 && Math.abs(m[1]) < 1e4) {
    core.hessian(m[0], m[1], h);
    d = domainAround(core, m, h);
  } else {
    m = null;
    d = { x: [-5, 5], y: [-5, 5] };
  }
  // The start at the upper right, as the shipped data's.
  return withCore(base, core, m, d, [0.88, 0.88]);
}

const cache = new WeakMap<object, SurfaceDef>();

/**
 * The definition of a config's surface: the registry's, or (with `data`) one on that data. The
 * data must be normalised (normalizeUserData); definitions are cached per data object.
 */
export function resolveSurface(surface: { name: string; params?: SurfaceParams; data?: UserData | null }): SurfaceDef {
  const base = getSurface(surface.name, surface.params);
  if (!base) throw new Error(`unknown surface ${surface.name}`);
  const data = surface.data;
  if (!data) return base;
  let def = cache.get(data);
  if (!def) {
    if ('x' in data && base.name === 'linreg') def = linregDef(base, data);
    else if ('a' in data && base.name === 'logreg') def = logregDef(base, data);
    else throw new Error(`${surface.name} takes no data of this shape`);
    cache.set(data, def);
  }
  return def;
}

const keys = new WeakMap<object, number>();
let nextKey = 1;

/** A short key that tells data sets apart by identity (0 for none): for caches keyed by text. */
export function userDataKey(data: UserData | null | undefined): number {
  if (!data) return 0;
  let k = keys.get(data);
  if (k === undefined) keys.set(data, (k = nextKey++));
  return k;
}

/**
 * Are two data sets (or their absence) the same, as far as a cheap look tells: the same columns,
 * rows, and first, middle and last values? For telling a stale reply (a structured clone from the
 * worker, so not the same object) from a current one.
 */
export function sameData(a: UserData | null | undefined, b: UserData | null | undefined): boolean {
  if (!a || !b) return !a === !b;
  if (a === b) return true;
  const ca = Object.entries(a) as [string, number[]][];
  const cb = b as Record<string, number[] | undefined>;
  for (const [k, col] of ca) {
    const other = cb[k];
    if (!other || other.length !== col.length) return false;
    const n = col.length;
    for (const i of [0, n >> 1, n - 1]) if (!Object.is(col[i], other[i])) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}

// ---------------------------------------------------------------------------------------------
// The contour grid of a data set of one's own (display only: the race never uses it)

/** Sample evaluations a contour grid may cost (the shipped logreg: 160² × 100 ≈ 2.6e6). */
export const GRID_BUDGET = 4e6;

/**
 * The grid size for `n` samples: the requested one while nx·ny·n stays within GRID_BUDGET, else
 * smaller (at least 24 × 24: a convex bowl still reads well), so 10,000 rows take a fraction of
 * a second rather than half a minute.
 */
export function gridSizeFor(n: number, nx: number, ny: number): { nx: number; ny: number } {
  if (n <= 0 || nx * ny * n <= GRID_BUDGET) return { nx, ny };
  const k = Math.max(24 / Math.min(nx, ny), Math.sqrt(GRID_BUDGET / (nx * ny * n)));
  return { nx: Math.max(2, Math.min(nx, Math.round(nx * k))), ny: Math.max(2, Math.min(ny, Math.round(ny * k))) };
}

/**
 * What the contour grid evaluates for `obj` (the full objective of `surface`): on linreg with
 * data of one's own, its exact quadratic form around the least-squares fit, F(θ*) + ∇F(θ*)·δ +
 * ½δᵀHδ (δ = θ − θ*; exact for a quadratic, l2 included), so that the grid costs O(1) per point
 * whatever n; otherwise `obj.value` itself.
 */
export function gridValue(surface: { name: string; data?: UserData | null }, obj: SurfaceCore): (x: number, y: number) => number {
  if (!surface.data || surface.name !== 'linreg') return obj.value;
  const [m] = resolveSurface(surface).criticalPoints({});
  if (!m) return obj.value;
  const [x0, y0] = m.point;
  const g = new Float64Array(2);
  const h = new Float64Array(3);
  const f0 = obj.valueGrad(x0, y0, g);
  obj.hessian(x0, y0, h);
  const [gx, gy] = [g[0], g[1]];
  const [hxx, hxy, hyy] = [h[0], h[1], h[2]];
  return (x, y) => {
    const dx = x - x0;
    const dy = y - y0;
    return f0 + gx * dx + gy * dy + 0.5 * (hxx * dx * dx + 2 * hxy * dx * dy + hyy * dy * dy);
  };
}
