/**
 * `custom`: the user's own function f(x, y) (CONTRACT.md §8).
 *
 *   "surface": {"name": "custom", "params": {"f": "(1 - x)^2 + 100*(y - x^2)^2", "domain": [[-2, 2], [-1, 3]]}}
 *
 * The expression is parsed by src/math/expr (a fixed grammar, nothing executed) and compiled to a
 * tape that gives f, the exact gradient and the exact Hessian without allocating. Its minima are
 * not known in closed form: they are searched numerically (multi-start damped Newton on the exact
 * derivatives, polished by Newton's method) and marked `numerical`. Without a domain, one is
 * suggested from the minima found in [−5, 5]².
 *
 * `customSurface(params)` builds (and caches) the SurfaceDef of one expression and domain; the
 * registry's `getSurface('custom', params)` returns it. Every custom def's `create(params)` and
 * `criticalPoints(params)` follow `params.f` when it is given, so a caller holding any custom def
 * still evaluates the expression of its config.
 */
// The modules themselves, not the ./index barrel: that one brings the torch printer (export only) into the page's first chunk.
import type { Expr } from '../math/expr/ast';
import { compileExpr, type Compiled } from '../math/expr/compile';
import { toLatex } from '../math/expr/latex';
import { parseExpr } from '../math/expr/parse';
import type { CriticalPoint, Domain, DomainPair, SurfaceCore, SurfaceDef, SurfaceParams } from './types';
import { analyticCore, newtonCritical } from './util';

/** The function a new custom scene starts from: a textbook example with two minima and a saddle. */
export const DEFAULT_CUSTOM_F = 'x^4 - 3*x*y + y^2';
/** Where minima are searched when no domain is given. */
export const SEARCH_BOX: Domain = { x: [-5, 5], y: [-5, 5] };
/** The domain when none is given and no minimum is found. */
export const FALLBACK_DOMAIN: Domain = { x: [-2, 2], y: [-2, 2] };
/** At most this many minima are listed. */
export const MAX_MINIMA = 12;

/** One parsed and compiled expression, with what is derived from it lazily. */
interface Analysis {
  f: string;
  expr: Expr;
  compiled: Compiled;
  core: SurfaceCore;
  latex: string;
  suggested: Domain | null;
}

const analyses = new Map<string, Analysis>();
const defs = new Map<string, SurfaceDef>();
const CACHE_SIZE = 32;

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/** The analysis of `f`; throws ExprError (with a position) when it does not parse. */
export function analyzeCustom(f: string): Analysis {
  const hit = analyses.get(f);
  if (hit) return hit;
  const expr = parseExpr(f);
  const compiled = compileExpr(expr);
  const core = analyticCore(compiled.value, compiled.valueGrad, (x, y, out) => void compiled.hessian(x, y, out));
  return remember(analyses, f, { f, expr, compiled, core, latex: toLatex(expr), suggested: null });
}

function isDomainPair(v: unknown): v is DomainPair {
  return (
    Array.isArray(v) &&
    v.length === 2 &&
    v.every((p) => Array.isArray(p) && p.length === 2 && p.every((c) => typeof c === 'number' && Number.isFinite(c)) && p[0] < p[1])
  );
}

export function toDomain(p: DomainPair): Domain {
  return { x: [p[0][0], p[0][1]], y: [p[1][0], p[1][1]] };
}

export function toDomainPair(d: Domain): DomainPair {
  return [
    [d.x[0], d.x[1]],
    [d.y[0], d.y[1]],
  ];
}

// ---------------------------------------------------------------------------------------------
// The numerical search for minima

const g = new Float64Array(2);
const h = new Float64Array(3);

/**
 * A local minimum from (x0, y0): damped Newton steps where the Hessian is positive definite,
 * gradient steps elsewhere, each with an Armijo backtracking line search; gives up when the
 * iterate leaves `box` or f stops being finite. Returns null when no minimum is reached.
 */
function descend(core: SurfaceCore, x0: number, y0: number, box: Domain, maxIter = 200): [number, number] | null {
  let x = x0;
  let y = y0;
  let f = core.valueGrad(x, y, g);
  if (!Number.isFinite(f) || !Number.isFinite(g[0]) || !Number.isFinite(g[1])) return null;
  const scale = Math.max(box.x[1] - box.x[0], box.y[1] - box.y[0]);
  for (let it = 0; it < maxIter; it++) {
    const gn = Math.hypot(g[0], g[1]);
    if (gn < 1e-12 * Math.max(1, Math.abs(f))) break;
    core.hessian(x, y, h);
    const det = h[0] * h[2] - h[1] * h[1];
    let dx: number;
    let dy: number;
    if (h[0] > 0 && det > 0) {
      dx = -(h[2] * g[0] - h[1] * g[1]) / det;
      dy = -(h[0] * g[1] - h[1] * g[0]) / det;
    } else {
      dx = -g[0];
      dy = -g[1];
    }
    // Never jump more than a tenth of the box at once.
    const len = Math.hypot(dx, dy);
    if (len > 0.1 * scale) {
      dx *= (0.1 * scale) / len;
      dy *= (0.1 * scale) / len;
    }
    const slope = dx * g[0] + dy * g[1];
    if (!(slope < 0)) break;
    let t = 1;
    let accepted = false;
    for (let k = 0; k < 50; k++) {
      const fNew = core.value(x + t * dx, y + t * dy);
      if (fNew <= f + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    x += t * dx;
    y += t * dy;
    if (x < box.x[0] || x > box.x[1] || y < box.y[0] || y > box.y[1]) return null;
    f = core.valueGrad(x, y, g);
    if (!Number.isFinite(f)) return null;
  }
  // Polish with plain Newton where it converges; keep the descended point where it does not
  // (a minimum with a singular Hessian, like x⁴ + y⁴ at 0, is approached but never "solved").
  try {
    const p = newtonCritical(core, x, y);
    if (Math.hypot(p[0] - x, p[1] - y) < 1e-3 * scale) [x, y] = p;
  } catch {
    // keep (x, y)
  }
  f = core.valueGrad(x, y, g);
  if (!Number.isFinite(f) || Math.hypot(g[0], g[1]) > 1e-6 * Math.max(1, Math.abs(f))) return null;
  core.hessian(x, y, h);
  const det = h[0] * h[2] - h[1] * h[1];
  const tol = 1e-9 * Math.max(1, Math.abs(h[0]), Math.abs(h[2]));
  // A minimum: positive (semi)definite Hessian, and no lower point a little way off.
  if (!(h[0] >= -tol && h[2] >= -tol && det >= -tol * tol)) return null;
  const r = 1e-4 * scale;
  for (const [ex, ey] of PROBES) if (core.value(x + r * ex, y + r * ey) < f) return null;
  return [x, y];
}

const PROBES: [number, number][] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [Math.SQRT1_2, Math.SQRT1_2],
  [-Math.SQRT1_2, Math.SQRT1_2],
  [Math.SQRT1_2, -Math.SQRT1_2],
  [-Math.SQRT1_2, -Math.SQRT1_2],
];

/**
 * Are `c` and the point p (with value f) the same minimum? Yes when they are within `near`, or
 * within 1000·near with no barrier between them: a minimum whose Hessian is singular (x⁴ + y⁴ at 0)
 * is only approached, from each start to a slightly different point.
 */
function sameMinimum(core: SurfaceCore, c: CriticalPoint, p: [number, number], f: number, near: number): boolean {
  const d = Math.hypot(c.point[0] - p[0], c.point[1] - p[1]);
  if (d <= near) return true;
  if (d > 1000 * near) return false;
  const mid = core.value(0.5 * (c.point[0] + p[0]), 0.5 * (c.point[1] + p[1]));
  return mid <= Math.max(c.value, f) + 1e-12 * (1 + Math.abs(f));
}

/**
 * Minima of `core` inside `box`, from an n × n grid of starts: deduplicated, lowest first, at most
 * MAX_MINIMA, the lowest (and any as low, to 1e-9) marked global. All marked `numerical`.
 * `maxIter` bounds each descent (long expressions get fewer, so the search stays well under a
 * second on the main thread).
 */
export function findMinima(core: SurfaceCore, box: Domain, n = 7, maxIter = 200): CriticalPoint[] {
  const found: CriticalPoint[] = [];
  const w = box.x[1] - box.x[0];
  const hgt = box.y[1] - box.y[0];
  const near = 1e-6 * Math.max(w, hgt);
  // Search a little beyond the box, so that a minimum on its edge is found too.
  const wide: Domain = { x: [box.x[0] - 0.25 * w, box.x[1] + 0.25 * w], y: [box.y[0] - 0.25 * hgt, box.y[1] + 0.25 * hgt] };
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const p = descend(core, box.x[0] + ((i + 0.5) * w) / n, box.y[0] + ((j + 0.5) * hgt) / n, wide, maxIter);
      if (!p || p[0] < box.x[0] || p[0] > box.x[1] || p[1] < box.y[0] || p[1] > box.y[1]) continue;
      const value = core.value(p[0], p[1]);
      const same = found.find((c) => sameMinimum(core, c, p, value, near));
      if (same) {
        if (value < same.value) {
          same.point = p;
          same.value = value;
        }
        continue;
      }
      found.push({ point: p, value, kind: 'min', numerical: true });
    }
  }
  found.sort((a, b) => a.value - b.value || a.point[0] - b.point[0] || a.point[1] - b.point[1]);
  const list = found.slice(0, MAX_MINIMA);
  if (list.length > 0) {
    const best = list[0].value;
    for (const c of list) c.global = c.value <= best + 1e-9 * Math.max(1, Math.abs(best));
  }
  return list;
}

/**
 * Starts per axis and iterations per start for an expression: 7 × 7 starts and 200 iterations up
 * to 100 instructions, then fewer, so that the search costs about as much as for 100 instructions.
 */
function searchEffort(a: Analysis): [number, number] {
  const len = Math.max(1, a.compiled.length);
  if (len <= 100) return [7, 200];
  const n = len <= 400 ? 5 : 4;
  return [n, Math.max(30, Math.round((200 * 49 * 100) / (len * n * n)))];
}

/** Rounds `v` outwards to a multiple of `step`. */
function outward(v: number, step: number, up: boolean): number {
  return (up ? Math.ceil(v / step) : Math.floor(v / step)) * step;
}

/**
 * A plotting domain for f: the minima found in SEARCH_BOX with a margin of max(1.5, a quarter of
 * their spread) on each side, rounded outwards to halves and kept within [−6, 6]²;
 * FALLBACK_DOMAIN when there is none.
 */
export function suggestDomain(f: string): Domain {
  const a = analyzeCustom(f);
  if (a.suggested) return a.suggested;
  const minima = findMinima(a.core, SEARCH_BOX, ...searchEffort(a));
  let d: Domain = FALLBACK_DOMAIN;
  if (minima.length > 0) {
    const xs = minima.map((c) => c.point[0]);
    const ys = minima.map((c) => c.point[1]);
    const axis = (vs: number[]): [number, number] => {
      const lo = Math.min(...vs);
      const hi = Math.max(...vs);
      const pad = Math.max(1.5, 0.25 * (hi - lo));
      return [Math.max(-6, outward(lo - pad, 0.5, false)), Math.min(6, outward(hi + pad, 0.5, true))];
    };
    d = { x: axis(xs), y: axis(ys) };
  }
  a.suggested = { x: [d.x[0], d.x[1]], y: [d.y[0], d.y[1]] };
  return a.suggested;
}

/** A start in `domain` where f and ∇f are finite: up and left of the middle, as most surfaces. */
export function customStart(core: SurfaceCore, domain: Domain): [number, number] {
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const round = (v: number) => Math.round(v * 100) / 100;
  const fractions: [number, number][] = [
    [0.15, 0.85],
    [0.85, 0.85],
    [0.15, 0.15],
    [0.85, 0.15],
    [0.3, 0.7],
    [0.7, 0.3],
    [0.5, 0.5],
  ];
  for (const [fx, fy] of fractions) {
    const x = round(x0 + fx * (x1 - x0));
    const y = round(y0 + fy * (y1 - y0));
    const f = core.valueGrad(x, y, g);
    if (Number.isFinite(f) && Number.isFinite(g[0]) && Number.isFinite(g[1])) return [x, y];
  }
  return [round(x0 + 0.15 * (x1 - x0)), round(y0 + 0.85 * (y1 - y0))];
}

// ---------------------------------------------------------------------------------------------
// The surface definition

/** The expression of `params` (the default one when absent or not text). */
export function customF(params: SurfaceParams | undefined): string {
  const f = params?.f;
  return typeof f === 'string' ? f : DEFAULT_CUSTOM_F;
}

/** The domain of `params`, or the one suggested for its f. */
export function customDomain(params: SurfaceParams | undefined): Domain {
  const d = params?.domain;
  return isDomainPair(d) ? toDomain(d) : suggestDomain(customF(params));
}

/**
 * The SurfaceDef of the custom function in `params` ({ f, domain }, both optional). Throws
 * ExprError when f does not parse (the engine validates configs before this is reached).
 */
export function customSurface(params: SurfaceParams = {}): SurfaceDef {
  const f = customF(params);
  const domain = customDomain(params);
  const key = `${f}\u0000${domain.x.join(',')},${domain.y.join(',')}`;
  const hit = defs.get(key);
  if (hit) return hit;
  const a = analyzeCustom(f);
  let minima: CriticalPoint[] | null = null;
  /** The def of `p`'s own expression and domain, when it names one and that is not this def. */
  const other = (p: SurfaceParams | undefined): SurfaceDef | null => {
    if (p === undefined || p.f === undefined) return null;
    const d = customSurface(p);
    return d === def ? null : d;
  };
  const def: SurfaceDef = {
    name: 'custom',
    label: 'Your function',
    kind: 'analytic',
    latex: a.latex,
    axes: ['x', 'y'],
    params: [],
    domain,
    criticalPoints(p) {
      const o = other(p);
      if (o) return o.criticalPoints({});
      minima ??= findMinima(a.core, domain, ...searchEffort(a));
      return minima.map((c) => ({ ...c, point: [c.point[0], c.point[1]] }));
    },
    defaultStart: customStart(a.core, domain),
    create(p) {
      const o = other(p);
      return o ? o.create({}) : a.core;
    },
  };
  return remember(defs, key, def);
}
