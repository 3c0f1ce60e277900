/**
 * Your own data for the network (issue 16): the mlp config's `surface.data`, in the format the
 * CLI prints as `"data"` (CONTRACT.md §6):
 *
 *   "surface": {"name": "mlp", "data": {"x": [[x₁, x₂], ...], "t": [0, 1, ...]}, "params": {...}}
 *
 * 2 to 10,000 rows, every coordinate finite and within ±1e6 (as linreg/logreg's own data), every
 * label 0 or 1, both classes present. Checked here with messages that name the field
 * (`surface.data.x[3][1]`, `surface.data.t[7]`).
 *
 * `mlpDataFromColumns(a, b, t)` is the page's way in: the columns a, b, t of a CSV file (read as
 * logreg's, src/data/csv.ts) → the network's data, checked the same way.
 */
import { ConfigError, show } from '../../optim/errors';
import { checkNumber } from '../../optim/validate';
import { USER_DATA_LIMITS } from '../userdata';
import type { Points } from './datasets';

/** A data set of one's own for the network: points (x₁, x₂) and labels t ∈ {0, 1}. */
export interface MlpData {
  x: [number, number][];
  t: number[];
}

export const MLP_DATA_LIMITS = {
  /** The most rows (as linreg/logreg's own data). */
  maxRows: USER_DATA_LIMITS.maxRows,
  /** The fewest rows: one of each class. */
  minRows: 2,
  /** The largest |coordinate|. */
  maxAbs: USER_DATA_LIMITS.maxAbs,
} as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const EXAMPLE = '{"x": [[x1, x2], ...], "t": [0 or 1, ...]}';

/**
 * Checks a raw `surface.data` of the mlp surface and returns a fresh, plain copy; throws a
 * ConfigError naming the first bad field.
 */
export function normalizeMlpData(raw: unknown, field = 'surface.data'): MlpData {
  if (!isRecord(raw)) throw new ConfigError(field, `must be an object like ${EXAMPLE} (got ${show(raw)})`);
  for (const k of Object.keys(raw)) {
    if (k !== 'x' && k !== 't') throw new ConfigError(`${field}.${k}`, `unknown field of the network's data; expected x (the points) and t (the labels)`);
  }
  const { x, t } = raw;
  if (x === undefined) throw new ConfigError(`${field}.x`, `missing: the network's data is ${EXAMPLE}`);
  if (t === undefined) throw new ConfigError(`${field}.t`, `missing: the network's data is ${EXAMPLE}`);
  if (!Array.isArray(x)) throw new ConfigError(`${field}.x`, `must be a list of points [x1, x2] (got ${show(x)})`);
  if (!Array.isArray(t)) throw new ConfigError(`${field}.t`, `must be a list of labels 0 or 1 (got ${show(t)})`);
  const { minRows, maxRows, maxAbs } = MLP_DATA_LIMITS;
  if (x.length < minRows) throw new ConfigError(`${field}.x`, `needs at least ${minRows} rows (got ${x.length})`);
  if (x.length > maxRows) {
    throw new ConfigError(`${field}.x`, `at most ${maxRows.toLocaleString('en-US')} rows (got ${x.length.toLocaleString('en-US')})`);
  }
  if (t.length !== x.length) {
    throw new ConfigError(`${field}.t`, `has ${t.length} labels but x has ${x.length} points; every point needs one label`);
  }
  const range = { min: -maxAbs, max: maxAbs };
  const points = new Array<[number, number]>(x.length);
  for (let i = 0; i < x.length; i++) {
    const p = x[i];
    if (!Array.isArray(p) || p.length !== 2) throw new ConfigError(`${field}.x[${i}]`, `must be a point [x1, x2] (got ${show(p)})`);
    points[i] = [checkNumber(p[0], range, `${field}.x[${i}][0]`), checkNumber(p[1], range, `${field}.x[${i}][1]`)];
  }
  const labels = new Array<number>(t.length);
  let ones = 0;
  for (let i = 0; i < t.length; i++) {
    const v = t[i];
    if (v !== 0 && v !== 1) throw new ConfigError(`${field}.t[${i}]`, `must be 0 or 1 (got ${show(v)})`);
    labels[i] = v;
    ones += v;
  }
  if (ones === 0 || ones === labels.length) {
    throw new ConfigError(`${field}.t`, `every label is ${labels[0]}: the data needs points of both classes (0 and 1)`);
  }
  return { x: points, t: labels };
}

/**
 * The network's data from three columns (a CSV file's a, b, t: x₁, x₂ and the label), checked as
 * a config's `surface.data` (messages name `surface.data.x[i][0]` for a, `[i][1]` for b and
 * `surface.data.t[i]`). Throws a ConfigError.
 */
export function mlpDataFromColumns(a: readonly number[], b: readonly number[], t: readonly number[]): MlpData {
  if (b.length !== a.length) {
    throw new ConfigError('surface.data.x', `column b has ${b.length} values but a has ${a.length}; every row needs both coordinates`);
  }
  const x = new Array<[number, number]>(a.length);
  for (let i = 0; i < a.length; i++) x[i] = [a[i], b[i]];
  return normalizeMlpData({ x, t: [...t] });
}

/** The columns a (x₁), b (x₂), t of a data set (the inverse of mlpDataFromColumns; for CSV and links). */
export function mlpDataToColumns(data: MlpData): { a: number[]; b: number[]; t: number[] } {
  return { a: data.x.map((p) => p[0]), b: data.x.map((p) => p[1]), t: [...data.t] };
}

/** The data set as the runner's flat points. */
export function mlpDataPoints(data: MlpData): Points {
  const n = data.x.length;
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = data.x[i][0];
    x[2 * i + 1] = data.x[i][1];
  }
  return { x, t: Float64Array.from(data.t), n };
}
