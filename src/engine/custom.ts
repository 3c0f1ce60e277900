/**
 * Validation of the `custom` surface's params (CONTRACT.md §8): `f`, an expression of the grammar
 * (an error names `surface.params.f` and the 1-based position of the first bad character), and
 * `domain`, [[x0, x1], [y0, y1]] with x0 < x1, y0 < y1 (suggested from f when absent).
 */
// Not the ../math/expr barrel, which would bring the torch printer (export only) into the page's first chunk.
import { ExprError } from '../math/expr/parse';
import { ConfigError, show } from '../optim/errors';
import { checkNumber } from '../optim/validate';
import { analyzeCustom, DEFAULT_CUSTOM_F, suggestDomain, toDomainPair } from '../surfaces/custom';
import type { DomainPair, SurfaceParams } from '../surfaces/types';

const MAX_COORDINATE = 1e6;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks an expression; throws ConfigError(`field`, "position N: …") when it does not parse. */
export function checkCustomF(v: unknown, field = 'surface.params.f'): string {
  if (typeof v !== 'string') throw new ConfigError(field, `must be an expression in x and y as text, like "x^2 + 3*y^2" (got ${show(v)})`);
  try {
    analyzeCustom(v);
  } catch (e) {
    if (e instanceof ExprError) throw new ConfigError(field, e.message);
    throw e;
  }
  return v;
}

export function checkDomain(v: unknown, field = 'surface.params.domain'): DomainPair {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((p) => Array.isArray(p) && p.length === 2)) {
    throw new ConfigError(field, `must be [[x0, x1], [y0, y1]] (got ${show(v)})`);
  }
  const r = { min: -MAX_COORDINATE, max: MAX_COORDINATE };
  const out: DomainPair = [
    [checkNumber(v[0][0], r, `${field}[0][0]`), checkNumber(v[0][1], r, `${field}[0][1]`)],
    [checkNumber(v[1][0], r, `${field}[1][0]`), checkNumber(v[1][1], r, `${field}[1][1]`)],
  ];
  for (const i of [0, 1]) {
    if (!(out[i][0] < out[i][1])) throw new ConfigError(`${field}[${i}]`, `must be an interval [low, high] with low < high (got ${show(v[i])})`);
  }
  return out;
}

/** The normalised params of `custom`: { f, domain }, both always present. */
export function normalizeCustomParams(raw: unknown): SurfaceParams {
  if (raw !== undefined && !isRecord(raw)) throw new ConfigError('surface.params', `must be an object like {"f": "x^2 + y^2"} (got ${show(raw)})`);
  const r = raw ?? {};
  for (const k of Object.keys(r)) {
    if (k !== 'f' && k !== 'domain') throw new ConfigError(`surface.params.${k}`, 'unknown parameter of custom; expected one of f, domain');
  }
  const f = r.f === undefined ? DEFAULT_CUSTOM_F : checkCustomF(r.f);
  const domain = r.domain === undefined ? toDomainPair(suggestDomain(f)) : checkDomain(r.domain);
  return { f, domain };
}
